"""Drive the app with one or two switches, or by resting the pointer (dwell).

The thin Textual side of :mod:`alsreader.access`, split by responsibility:

* :class:`~alsreader.ui.access.targets.TargetCollector` asks the screen shown for its scan
  targets (every screen owns its targets and their groups); they are checked on every tick,
  so a new screen, a screen coming back, or a list that changed re-targets within one tick.
* :class:`~alsreader.ui.access.highlight.ScanHighlight` paints the highlight and the panel.
* One :class:`~alsreader.ui.access.drivers.InputDriver` per mode (keys, one switch, two
  switches, dwell) turns key-downs, the pointer and the time into activations.

This controller feeds them: in a switch mode the switch keys belong to it and never reach the
bindings (Textual reports no key releases, so every key-down, auto-repeats included, goes to
the scanner, whose filter infers holds and tremor from their timing); while the book is read,
any accepted press pauses it (``narrator.pause()``, never a toggle) and scanning starts again
from Play/Pause. It activates a target by the same path as a click. It knows no screen class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, ScreenStackError
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import OptionList

from alsreader.access import AccessMode, Clock, Dwell, MonotonicClock, Scanner, ScanResult
from alsreader.access.switches import checked_mode
from alsreader.speech.cues import Cues
from alsreader.speech.events import SpeechState
from alsreader.ui.access.drivers import DRIVERS, DwellDriver, InputDriver, ScanningDriver
from alsreader.ui.access.highlight import ScanHighlight
from alsreader.ui.access.panel import SCANNING_CLASS, ScanPanel
from alsreader.ui.access.pointer import option_under_pointer
from alsreader.ui.access.targets import Target, TargetCollector
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.list_row import ListRow

if TYPE_CHECKING:
    from alsreader.config import AccessSettings, Settings
    from alsreader.speech.service import SpeechService

TICK_SECONDS = 0.05
"""How often the scanner and the dwell are given the time."""


class AccessController:
    """Switch scanning and dwell for an app: targets, highlight, and the mode's driver."""

    def __init__(
        self,
        app: App[Any],
        *,
        settings: Settings,
        speech: SpeechService,
        mode: str,
        clock: Clock | None = None,
    ) -> None:
        """Set up for ``mode``; nothing runs until :meth:`install`."""
        self.app = app
        self.settings = settings
        """The live settings (their ``access`` section is read at every change)."""
        self.speech = speech
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        """Where the time comes from (tests pass a FakeClock and call :meth:`tick`)."""
        access = settings.access
        first: AccessMode = checked_mode(mode)
        self.scanner = Scanner(access.scan_settings(first), self.clock, first,
                               key_releases=False, listener=self._scan_result)
        """The scanner (idle unless the mode is one-switch or two-switch)."""
        self.dwell = Dwell(access.dwell_time, self.clock, listener=self._dwell_result)
        """Pointer dwell (used in dwell mode)."""
        self.cues = Cues(speech, spoken=access.spoken_cues, click=access.click_sound,
                         bell=app.bell)
        """Spoken names and clicks (both off unless the caregiver turned them on)."""
        self.highlight = ScanHighlight()
        """Paints the scan highlight, the dwell fill and the panel."""
        self.collector = TargetCollector(lambda: self.settings.access.settings_reachable_by_scan)
        self.targets: dict[str, Target] = {}
        """The current screen's targets by id."""
        self.activations: list[str] = []
        """Every target activated by a switch or dwell, in order (``pause`` for an
        interrupt); shown nowhere, kept for tests and troubleshooting."""
        self.driver: InputDriver = DRIVERS[first](self)
        """The driver of the mode in use."""
        self._keys = self.driver.keys()
        self._screen: Screen[Any] | None = None
        self._timer: Timer | None = None
        self._installed = False
        self._reading = False
        self._awaiting_pause = False
        self._pointer_moves = 0
        self._moves_at_screen_change = -1
        self.mode_listeners: list[Callable[[str], None]] = []
        """Told the new mode's name whenever it changes."""

    # ------------------------------------------------------------------ mode

    @property
    def mode(self) -> AccessMode:
        """The access mode in use."""
        return self.driver.mode

    @property
    def scanning(self) -> bool:
        """Whether a switch scanner is driving the app."""
        return self.driver.scanning

    def access_settings(self) -> AccessSettings:
        """The ``access`` settings in use."""
        return self.settings.access

    def set_mode(self, mode: str) -> None:
        """Switch to another access mode now (from the settings screen, for example)."""
        new = checked_mode(mode)
        self.highlight.clear()
        for screen in self.app.screen_stack:
            # The screen being shown gets its marks back on the next tick.
            screen.remove_class(SCANNING_CLASS)
            if new == "keys":
                for panel in screen.query(ScanPanel):
                    panel.remove()
        self._reading = False  # so the next tick tells the new driver whether the book is read
        self._awaiting_pause = False
        self.scanner.mode = new
        self.driver = DRIVERS[new](self)
        self._keys = self.driver.keys()
        self.collector.reset()
        self._screen = None
        for listener in self.mode_listeners:
            listener(new)
        if self._installed:
            self._run_timer(self.driver.ticks)
            self._sync()
            self._draw()

    def apply_settings(self, *, mode_changed: bool = True) -> None:
        """Take up changed ``access`` settings (timings, keys, cues; the mode if it changed,
        so a mode given on the command line survives a change of, say, the scan interval)."""
        access = self.settings.access
        self.scanner.settings = access.scan_settings(self.mode)
        self.dwell.dwell_time = access.dwell_time
        self.cues.spoken = access.spoken_cues
        self.cues.click_sound = access.click_sound
        self.set_mode(access.mode if mode_changed else self.mode)

    def settings_changed(self, names: frozenset[str]) -> None:
        """Settings changed on the settings screen: take up the ``access`` ones."""
        if any(name.startswith("access.") for name in names):
            self.apply_settings(mode_changed="access.mode" in names)

    # ------------------------------------------------------------------ life cycle

    def install(self) -> None:
        """Start the timer (switch and dwell modes); called once the app is mounted."""
        self._installed = True
        if self.cues.spoken:
            # Cues need the speech engine even before a document is opened.
            self.app.run_worker(self.speech.parts, thread=True, group="access-cues")
        if self.driver.ticks:
            self._run_timer(True)
            self.app.call_after_refresh(self.tick)

    def _run_timer(self, running: bool) -> None:
        if running and self._timer is None:
            self._timer = self.app.set_interval(TICK_SECONDS, self.tick, name="access")
        elif not running and self._timer is not None:
            self._timer.stop()
            self._timer = None

    def close(self) -> None:
        """Stop the timer and the cues."""
        self._run_timer(False)
        self.cues.close()

    # ------------------------------------------------------------------ input

    def handle_event(self, event: events.Event) -> bool:
        """Take a switch key before any binding sees it; return True if it was consumed."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            switch = self._keys.get(event.key)
            if switch is None or _takes_typing(self.app.focused):
                return False  # not a switch, or a caregiver typing into a settings field
            event.stop()
            event.prevent_default()
            self.switch_down(switch)
            return True
        if isinstance(event, events.MouseMove):
            self._pointer_moves += 1
        if isinstance(self.driver, DwellDriver) and isinstance(
                event, (events.MouseMove, events.Enter, events.Leave)):
            # The app records what is under the pointer while handling the event; look after.
            self.app.call_later(self._pointer_moved)
        return False

    def switch_down(self, switch: str) -> None:
        """A key-down of a switch (``"select"`` or ``"move"``), auto-repeats included."""
        self._sync()
        self.driver.switch(switch)
        self._draw()

    def tick(self) -> None:
        """Give the driver the time; re-target if the screen changed."""
        if not self.driver.ticks or not self.app.is_running:
            return
        self._sync()
        self.driver.tick()
        self._draw()

    def _pointer_moved(self) -> None:
        if not isinstance(self.driver, DwellDriver):
            return
        self._sync()
        self.driver.pointer_moved()

    def _draw(self) -> None:
        self.driver.draw()

    # ------------------------------------------------------------------ targets

    def _sync(self) -> None:
        if not self.driver.ticks:
            return
        try:
            screen = self.app.screen
        except ScreenStackError:  # no screen yet (starting) or any more (closing)
            return
        self._sync_reading()
        targets = self.collector.collect(screen)
        if targets is None:
            return
        new_screen = screen is not self._screen
        if new_screen:
            self._screen = screen
            self._moves_at_screen_change = self._pointer_moves
            self.highlight.enter(screen, scanning=self.scanning, panel=True)
        self.targets = {target.scan.id: target for target in targets}
        self.driver.retarget(targets, new_screen=new_screen)

    def _sync_reading(self) -> None:
        narrator = self.speech.narrator
        reading = narrator is not None and narrator.state is SpeechState.READING
        if self._awaiting_pause:
            # A press paused the book; the narrator says so a moment later. Until then its
            # "reading" is old news and must not make the next press another pause.
            if reading:
                return
            self._awaiting_pause = False
        if reading == self._reading:
            return
        self._reading = reading
        if reading:
            self.cues.silence()
        self.driver.reading_changed(reading)

    # ------------------------------------------------------------------ results

    def _scan_result(self, result: ScanResult) -> None:
        if isinstance(self.driver, ScanningDriver):
            self.driver.result(result)

    def _dwell_result(self, target_id: str) -> None:
        if isinstance(self.driver, DwellDriver):
            self.driver.result(target_id)

    def pause_reading(self) -> None:
        """Pause the book (a press while it is being read)."""
        narrator = self.speech.narrator
        if narrator is not None:
            narrator.pause()
        self._reading = False
        self._awaiting_pause = True

    def activate(self, target_id: str) -> None:
        """Do what a click on the target does (a control's press, a row's choice)."""
        # Whatever the narrator does next (play, move) is news again.
        self._awaiting_pause = False
        self._reading = False
        target = self.targets.get(target_id)
        if target is None:
            return
        widget = target.widget
        if isinstance(widget, OptionList) and target.option is not None:
            if target.option < widget.option_count:
                widget.highlighted = target.option
                widget.action_select()
        elif isinstance(widget, BigButton):
            widget.press()
        elif isinstance(widget, ListRow):
            widget.choose()
        elif widget is None:
            if target.run is not None:
                self.app.call_later(target.run)
        else:
            widget.post_message(events.Click(widget, 0, 0, 0, 0, 1, False, False, False))

    def level(self) -> tuple[str, tuple[Any, ...]]:
        """The name and the stops of the level being scanned ("Go to", its entries)."""
        if isinstance(self.driver, ScanningDriver):
            return self.driver.level()
        return "Scanning", self.scanner.top_entries

    # ------------------------------------------------------------------ dwell

    def pointer_target(self) -> str | None:
        """The target under the pointer, once it moved after the screen changed."""
        if self._pointer_moves == self._moves_at_screen_change:
            return None
        node: Widget | None = self.app.mouse_over
        while node is not None:
            # A list's rows are not widgets: the list knows which row the pointer is on.
            row = option_under_pointer(node) if isinstance(node, OptionList) else None
            for target_id, target in self.targets.items():
                if target.widget is node and (target.option is None or target.option == row):
                    return target_id
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return None


def _takes_typing(widget: Widget | None) -> bool:
    """Whether ``widget`` is a field the caregiver types into (a settings field)."""
    if widget is None:
        return False
    # Imported here, on a switch press: TextArea is heavy (its document model and themes,
    # about 10 ms) and the first frame needs neither.
    from textual.widgets import Input, TextArea

    return isinstance(widget, (Input, TextArea))
