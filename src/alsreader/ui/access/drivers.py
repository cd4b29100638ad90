"""One driver per input mode: how key-downs, the pointer and the time become activations.

The :class:`~alsreader.ui.access.controller.AccessController` collects the screen's targets
and hands them to the driver of the mode in use; the driver decides (with the core's
:class:`~alsreader.access.Scanner` or :class:`~alsreader.access.Dwell`) what is highlighted
and what is activated, and paints it with the controller's
:class:`~alsreader.ui.access.highlight.ScanHighlight`. A new input mode is a new driver class
registered in :data:`DRIVERS`; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, Protocol

from alsreader.access import BACK_ID, SELECT, AccessMode, Dwell, ScanEntry, Scanner, ScanResult
from alsreader.config import SCHEMA
from alsreader.ui.access.highlight import ScanHighlight, dwell_fill
from alsreader.ui.access.targets import Target

MODE_NAMES = SCHEMA["access"]["mode"]
"""The access modes as declared: each driver's title is its mode's short name there."""

if TYPE_CHECKING:
    from alsreader.config import AccessSettings
    from alsreader.speech.cues import Cues


class DriverHost(Protocol):
    """What a driver may use of the controller."""

    scanner: Scanner
    dwell: Dwell
    cues: Cues
    highlight: ScanHighlight
    targets: dict[str, Target]
    activations: list[str]

    def activate(self, target_id: str) -> None:
        """Do what a click on the target does."""

    def pause_reading(self) -> None:
        """Pause the book (a press while it is read)."""

    def access_settings(self) -> AccessSettings:
        """The ``access`` settings in use."""

    def pointer_target(self) -> str | None:
        """The target under a pointer that moved since the screen changed, if any."""


class InputDriver:
    """A way of operating alsreader. Subclasses override only the hooks they need."""

    mode: ClassVar[AccessMode]
    """The ``access.mode`` value this driver serves."""
    title: ClassVar[str]
    """How the mode is named in the scan panel."""
    ticks: ClassVar[bool] = True
    """Whether the driver needs the 50 ms timer."""
    scanning: ClassVar[bool] = False
    """Whether a switch scanner drives the screen (the scan highlight, the panel)."""

    def __init__(self, host: DriverHost) -> None:
        self.host = host

    def keys(self) -> dict[str, str]:
        """Key name -> switch ("select" / "move"): the keys this driver takes from bindings."""
        return self.host.access_settings().switch_keys(self.mode)

    def retarget(self, targets: Sequence[Target], *, new_screen: bool) -> None:
        """The screen's targets changed (or a new screen is shown)."""

    def reading_changed(self, reading: bool) -> None:
        """The book started or stopped being read."""

    def switch(self, switch: str) -> None:
        """A key-down of one of :meth:`keys` (auto-repeats included)."""

    def pointer_moved(self) -> None:
        """The pointer moved (or entered or left a widget)."""

    def tick(self) -> None:
        """The time moved on (every 50 ms)."""

    def draw(self) -> None:
        """Paint the highlight and the panel (called after every input and tick)."""


class KeysDriver(InputDriver):
    """Plain keys, clicks and taps: nothing to scan, nothing to time."""

    mode = "keys"
    title = MODE_NAMES.name_of("keys")
    ticks = False


class ScanningDriver(InputDriver):
    """Switch scanning: the highlight walks the targets; a select press activates."""

    scanning = True

    def __init__(self, host: DriverHost) -> None:
        super().__init__(host)
        self.path: list[str] = []
        """The groups entered, outermost first (for the panel's level name)."""
        self._drawn: tuple[object, ...] = ()

    def retarget(self, targets: Sequence[Target], *, new_screen: bool) -> None:
        scanner = self.host.scanner
        self.path = []
        scanner.set_targets([target.scan for target in targets])
        if not scanner.started:
            scanner.start()
            self.announce()

    def reading_changed(self, reading: bool) -> None:
        if reading:
            self.path = []
        self.host.scanner.reading = reading

    def switch(self, switch: str) -> None:
        self.host.scanner.press(switch)

    def tick(self) -> None:
        self.host.scanner.tick()

    def result(self, result: ScanResult) -> None:
        """What the scanner decided (its listener)."""
        host = self.host
        kind = result.kind
        if kind == "activated":
            host.cues.click()
            self.path = []
            if result.interrupt:
                host.activations.append("pause")
                host.pause_reading()
            elif result.target is not None:
                host.activations.append(result.target)
                host.activate(result.target)
        elif kind == "entered_group" and result.target is not None:
            host.cues.click()
            self.path.append(result.target)
            self.announce()
        elif kind == "left_group":
            host.cues.click()
            if self.path:
                self.path.pop()
            self.announce()
        elif kind in ("highlight_moved", "woke"):
            if kind == "woke":
                self.path = []
                host.cues.click()
            self.announce()
        elif kind == "rested":
            self.path = []

    def announce(self) -> None:
        """Speak the highlighted entry's name (when cues are on and the book is not read)."""
        scanner = self.host.scanner
        if scanner.reading or not self.host.cues.spoken:
            return
        entry = scanner.highlighted_entry
        if entry is not None:
            self.host.cues.say(entry.label)

    def level(self) -> tuple[str, tuple[ScanEntry, ...]]:
        """The name and the stops of the level being scanned ("Go to", its entries)."""
        scanner = self.host.scanner
        entry = scanner.highlighted_entry
        if self.path and scanner.in_group:
            stops = scanner.entries_of(self.path[-1])
            if entry is None or entry in stops:
                name = self.path[-1]
                for group in scanner.top_entries:
                    if group.id == name:
                        name = group.label
                for parent in self.path[:-1]:
                    for block in scanner.entries_of(parent):
                        if block.id == self.path[-1]:
                            name = block.label
                return name, stops
        if not scanner.in_group:
            self.path = []
        return "Scanning", scanner.top_entries

    def draw(self) -> None:
        host = self.host
        scanner = host.scanner
        entry = scanner.highlighted_entry
        drawn = (id(host.highlight.screen), tuple(host.targets), entry, tuple(self.path),
                 scanner.reading, scanner.resting)
        if drawn == self._drawn:
            return  # nothing changed since the last tick: no repaint
        self._drawn = drawn
        host.highlight.light(entry.members if entry is not None else (), host.targets)
        panel = host.highlight.panel()
        if panel is None:
            return
        if scanner.reading:
            panel.show_message(self.title, "reading - press the switch to pause")
        elif scanner.resting:
            panel.show_message(self.title, "resting - press the switch to start scanning")
        elif entry is None:
            panel.show_message(self.title, "nothing to scan here")
        else:
            where, stops = self.level()
            labels = [stop.label + ("…" if stop.kind == "group" else "") for stop in stops]
            current = next((i for i, stop in enumerate(stops) if stop == entry), None)
            note = "Back returns to the list above" if entry.id == BACK_ID else ""
            panel.show_level(self.title, where, labels, current, note)

    def redraw(self) -> None:
        """Paint again on the next :meth:`draw` even if nothing seems to have changed."""
        self._drawn = ()


class OneSwitchDriver(ScanningDriver):
    """One switch: the highlight moves by itself; any switch key selects."""

    mode = "one-switch"
    title = MODE_NAMES.name_of("one-switch")

    def keys(self) -> dict[str, str]:
        return {key: SELECT for key in self.host.access_settings().one_switch_keys}


class TwoSwitchDriver(ScanningDriver):
    """Two switches: one moves the highlight, the other selects."""

    mode = "two-switch"
    title = MODE_NAMES.name_of("two-switch")


class DwellDriver(InputDriver):
    """Dwell: resting the pointer on a target for ``dwell_time`` presses it."""

    mode = "dwell"
    title = MODE_NAMES.name_of("dwell")

    def __init__(self, host: DriverHost) -> None:
        super().__init__(host)
        self._drawn = ""

    def keys(self) -> dict[str, str]:
        return {}

    def retarget(self, targets: Sequence[Target], *, new_screen: bool) -> None:
        if new_screen:
            # Whatever control a new screen puts under a resting pointer was not aimed at:
            # nothing dwells until the pointer moves.
            self.host.dwell.pointer_at(None)

    def pointer_moved(self) -> None:
        self.host.dwell.pointer_at(self.host.pointer_target())
        self._draw_fill()

    def tick(self) -> None:
        self.pointer_moved()
        self.host.dwell.tick()
        self._draw_fill()

    def result(self, target_id: str) -> None:
        """The dwell fired on ``target_id`` (its listener)."""
        self.host.activations.append(target_id)
        self.host.cues.click()
        self.host.activate(target_id)

    def _draw_fill(self) -> None:
        host = self.host
        target_id = host.dwell.target
        target = host.targets.get(target_id) if target_id is not None else None
        widget = target.widget if target is not None else None
        fill = dwell_fill(host.dwell.progress(), host.dwell.spent) if widget is not None else ""
        host.highlight.show_dwell(widget, fill)

    def draw(self) -> None:
        message = (f"rest the pointer on a control for {self.host.dwell.dwell_time:g} s "
                   "to press it")
        drawn = f"{id(self.host.highlight.screen)}:{message}"
        panel = self.host.highlight.panel()
        if drawn == self._drawn or panel is None:
            return
        self._drawn = drawn
        panel.show_message(self.title, message)


DRIVERS: dict[str, type[InputDriver]] = {
    driver.mode: driver
    for driver in (KeysDriver, OneSwitchDriver, TwoSwitchDriver, DwellDriver)
}
"""The driver for each access mode."""
