"""Drive the app with one or two switches, or by resting the pointer (dwell).

The thin Textual side of :mod:`alsreader.access`: the :class:`~alsreader.access.Scanner` and
:class:`~alsreader.access.Dwell` decide; this controller feeds them key-downs, pointer
positions and the time, and turns their answers into the same presses a click makes.

* Targets come from the current screen's ``scan_targets()`` (controls and list rows, in scan
  order). Long lists (library rows, outline rows) are one group; the reader's actions use the
  grouping of :data:`~alsreader.access.READER_SCAN_TARGETS`, including the two actions that
  have a key but no control (Next section, Previous section). The settings action is left out
  unless ``access.settings_reachable_by_scan`` is true.
* The targets are checked on every tick, so a new screen, a screen coming back, or a list that
  changed (the outline appearing, a bookmark added) re-targets within one tick.
* In a switch mode the switch keys belong to the controller: they never reach the bindings.
  Textual reports no key releases, so every key-down (auto-repeat included) goes to the scanner
  and its filter infers holds and tremor from their timing.
* While the book is being read, any accepted press pauses it (``narrator.pause()``, never a
  toggle) and scanning starts again from Play/Pause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ScreenStackError
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Input, OptionList, TextArea

from alsreader.access import (
    ACCESS_MODES,
    BACK_ID,
    MOVE,
    READER_SCAN_TARGETS,
    SELECT,
    AccessMode,
    Clock,
    Dwell,
    MonotonicClock,
    ScanEntry,
    Scanner,
    ScanResult,
    ScanSettings,
    ScanTarget,
)
from alsreader.config import SCHEMA
from alsreader.speech.events import SpeechState
from alsreader.ui.access.cues import Cues
from alsreader.ui.access.panel import (
    DWELLING_CLASS,
    INSIDE_CLASS,
    SCANNED_CLASS,
    SCANNING_CLASS,
    ScanPanel,
    dwell_bar,
)
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.list_row import ListRow

if TYPE_CHECKING:
    from alsreader.config import AccessSettings
    from alsreader.speech.synthesizer import Synthesizer, Voice
    from alsreader.ui.app import ReaderApp

TICK_SECONDS = 0.05
"""How often the scanner and the dwell are given the time."""
SETTINGS_ACTION = "settings"
"""The binding id of the settings screen (kept out of reach of switches unless allowed)."""
READER_LIST_GROUP = "Section list"
"""Group of the outline's rows on the reader (a name no action uses)."""
LIBRARY_LIST_GROUP = "Documents"
"""Group of the library's rows."""
OTHER_LIST_GROUP = "List"

MODE_NAMES = {choice.value: choice.name for choice in SCHEMA["access"]["mode"].choices}
"""How each mode is named on screen (the short names its declaration gives)."""


@dataclass(frozen=True)
class Target:
    """A scan target of the current screen and what activating it does."""

    scan: ScanTarget
    widget: Widget | None
    """The control, row or list (None: an action with a key but no control of its own)."""
    option: int | None = None
    """For a row of an ``OptionList`` (the outline): the row's index in it."""


def scan_settings(access: AccessSettings, mode: AccessMode) -> ScanSettings:
    """The scanner's timings from the settings file's ``access`` section."""
    return ScanSettings(
        mode=mode,
        scan_interval=access.scan_interval,
        first_item_pause=access.first_item_pause,
        loops=access.loops,
        hold_duration=access.hold_duration,
        ignore_repeat=access.ignore_repeat,
        selection_delay=access.selection_delay,
        dwell_time=access.dwell_time,
        select_key=access.two_switch_select,
        move_key=access.two_switch_move,
    )


def switch_keys(access: AccessSettings, mode: str) -> dict[str, str]:
    """Key name -> switch ("select" / "move") for ``mode``; empty when keys are just keys."""
    if mode == "one-switch":
        return {key: SELECT for key in access.one_switch_keys}
    if mode == "two-switch":
        # If both were set to the same key, selecting is the safer meaning.
        return {access.two_switch_move: MOVE, access.two_switch_select: SELECT}
    return {}


def checked_mode(mode: str | None) -> AccessMode:
    """``mode`` if it is an access mode, else "keys" (the settings loader reports bad values)."""
    for known in ACCESS_MODES:
        if mode == known:
            return known
    return "keys"


class AccessController:
    """Switch scanning and dwell for a :class:`~alsreader.ui.app.ReaderApp`."""

    def __init__(self, app: ReaderApp, *, clock: Clock | None = None,
                 mode: str | None = None) -> None:
        """Set up for ``mode`` (default: the app's); nothing runs until :meth:`install`."""
        self.app = app
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        """Where the time comes from (tests pass a FakeClock and call :meth:`tick`)."""
        access = app.settings.access
        self._mode: AccessMode = checked_mode(mode if mode is not None else app.access_mode)
        self.scanner = Scanner(scan_settings(access, self._mode), self.clock, self._mode,
                               key_releases=False, listener=self._on_result)
        """The scanner (idle unless the mode is one-switch or two-switch)."""
        self.dwell = Dwell(access.dwell_time, self.clock, listener=self._on_dwell)
        """Pointer dwell (used in dwell mode)."""
        self._keys = switch_keys(access, self._mode)
        self.cues = Cues(
            spoken=access.spoken_cues,
            click=access.click_sound,
            player_name=app.player_name or app.settings.voice.player,
            voice=self._cue_voice,
            synthesizer=self._cue_synthesizer,
            bell=app.bell,
        )
        """Spoken names and clicks (both off unless the caregiver turned them on)."""
        self.targets: dict[str, Target] = {}
        """The current screen's targets by id."""
        self.activations: list[str] = []
        """Every target activated by a switch or dwell, in order (``pause`` for an
        interrupt); shown nowhere, kept for tests and troubleshooting."""
        self._signature: tuple[int, ...] = ()
        self._screen: Screen[Any] | None = None
        self._timer: Timer | None = None
        self._installed = False
        self._reading = False
        self._awaiting_pause = False
        self._path: list[str] = []
        self._lit: list[Widget] = []
        self._inside: list[OptionList] = []
        self._drawn: tuple[object, ...] = ()
        self._decorated: dict[tuple[int, int], tuple[OptionList, int, VisualType, Text]] = {}
        self._dwelling: Widget | None = None
        self._pointer_moves = 0
        self._moves_at_screen_change = -1

    # ------------------------------------------------------------------ mode

    @property
    def mode(self) -> AccessMode:
        """The access mode in use."""
        return self._mode

    @property
    def scanning(self) -> bool:
        """Whether a switch scanner is driving the app."""
        return self._mode in ("one-switch", "two-switch")

    def set_mode(self, mode: str) -> None:
        """Switch to another access mode now (from the settings screen, for example)."""
        new = checked_mode(mode)
        self._clear_marks()
        for screen in self.app.screen_stack:
            # The screen being shown gets its marks back on the next tick.
            screen.remove_class(SCANNING_CLASS)
            if new == "keys":
                for panel in screen.query(ScanPanel):
                    panel.remove()
        self._reading = False  # so the next tick tells a new scanner whether the book is read
        self._awaiting_pause = False
        self._mode = new
        self.app.access_mode = new
        self._keys = switch_keys(self.app.settings.access, new)
        self.scanner.mode = new
        self._signature = ()
        self._screen = None
        self._drawn = ()
        if self._installed:
            self._run_timer(new != "keys")
            self._sync()
            self._draw()

    def apply_settings(self, *, mode_changed: bool = True) -> None:
        """Take up changed ``access`` settings (timings, keys, cues; the mode if it changed,
        so a mode given on the command line survives a change of, say, the scan interval)."""
        access = self.app.settings.access
        self.scanner.settings = scan_settings(access, self._mode)
        self.dwell.dwell_time = access.dwell_time
        self.cues.spoken = access.spoken_cues
        self.cues.click_sound = access.click_sound
        self.set_mode(access.mode if mode_changed else self._mode)

    # ------------------------------------------------------------------ life cycle

    def install(self) -> None:
        """Start the timer (switch and dwell modes); called once the app is mounted."""
        self._installed = True
        self.app.settings_changed_signal.subscribe(self.app, self._settings_changed)
        if self.cues.spoken:
            # Cues need the speech engine even before a document is opened.
            self.app.run_worker(self.app.ensure_speech_parts, thread=True, group="access-cues")
        if self._mode != "keys":
            self._run_timer(True)
            self.app.call_after_refresh(self.tick)

    def _settings_changed(self, names: frozenset[str]) -> None:
        if any(name.startswith("access.") for name in names):
            self.apply_settings(mode_changed="access.mode" in names)

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
            if switch is None or isinstance(self.app.focused, (Input, TextArea)):
                return False  # not a switch, or a caregiver typing into a settings field
            event.stop()
            event.prevent_default()
            self.switch_down(switch)
            return True
        if isinstance(event, events.MouseMove):
            self._pointer_moves += 1
        if self._mode == "dwell" and isinstance(event, (events.MouseMove, events.Enter,
                                                        events.Leave)):
            # The app records what is under the pointer while handling the event; look after.
            self.app.call_later(self._pointer_moved)
        return False

    def switch_down(self, switch: str) -> None:
        """A key-down of a switch (``"select"`` or ``"move"``), auto-repeats included."""
        self._sync()
        self.scanner.press(switch)
        self._draw()

    def tick(self) -> None:
        """Give the scanner and the dwell the time; re-target if the screen changed."""
        if self._mode == "keys" or not self.app.is_running:
            return
        self._sync()
        if self.scanning:
            self.scanner.tick()
        elif self._mode == "dwell":
            self._pointer_moved()
            self.dwell.tick()
            self._draw_dwell()
        self._draw()

    # ------------------------------------------------------------------ targets

    def _sync(self) -> None:
        if self._mode == "keys":
            return
        try:
            screen = self.app.screen
        except ScreenStackError:  # no screen yet (starting) or any more (closing)
            return
        self._sync_reading()
        widgets = self._screen_widgets(screen)
        signature = (id(screen), *(id(widget) for widget in widgets),
                     *(len(w.options) for w in widgets if isinstance(w, OptionList)))
        if signature == self._signature:
            return
        self._signature = signature
        if screen is not self._screen:
            self._screen = screen
            self._enter_screen(screen)
        targets = self._targets_for(screen, widgets)
        self.targets = {target.scan.id: target for target in targets}
        if self.scanning:
            self._path = []
            self.scanner.set_targets([target.scan for target in targets])
            if not self.scanner.started:
                self.scanner.start()
                self._announce()

    def _sync_reading(self) -> None:
        narrator = self.app.narrator
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
            self._path = []
        if self.scanning:
            self.scanner.reading = reading

    def _enter_screen(self, screen: Screen[Any]) -> None:
        self._clear_marks()
        # Whatever control a new screen puts under a resting pointer was not aimed at: nothing
        # dwells until the pointer moves.
        self._moves_at_screen_change = self._pointer_moves
        self.dwell.pointer_at(None)
        if self._mode == "keys":
            return
        screen.set_class(self.scanning, SCANNING_CLASS)
        try:
            screen.query_one(ScanPanel)
        except NoMatches:
            screen.mount(ScanPanel())

    def _screen_widgets(self, screen: Screen[Any]) -> list[Widget]:
        finder = getattr(screen, "scan_targets", None)
        try:
            if callable(finder):
                found = list(finder())
            else:
                found = [w for w in screen.query("BigButton, ListRow, OptionList")
                         if w.focusable]
        except NoMatches:
            return []
        settings_ok = self.app.settings.access.settings_reachable_by_scan
        return [
            widget for widget in found
            if widget.is_attached and widget.display
            and (settings_ok or getattr(widget, "action_id", None) != SETTINGS_ACTION)
        ]

    def _targets_for(self, screen: Screen[Any], widgets: Sequence[Widget]) -> list[Target]:
        from alsreader.ui.screens.library import LibraryScreen
        from alsreader.ui.screens.reader import ReaderScreen

        targets: list[Target] = []
        used: set[str] = set()
        rows = [widget for widget in widgets if isinstance(widget, ListRow)]
        if isinstance(screen, ReaderScreen):
            group = READER_LIST_GROUP
            controls = {getattr(w, "action_id", None): w for w in widgets
                        if not isinstance(w, ListRow)}
            for scan in READER_SCAN_TARGETS:
                widget = controls.get(scan.id)
                if widget is not None or self._has_binding(screen, scan.id):
                    targets.append(Target(scan, widget))
                    used.add(scan.id)
        elif isinstance(screen, LibraryScreen):
            group = LIBRARY_LIST_GROUP
        else:
            group = OTHER_LIST_GROUP
        # A lone row is one step on its own; a longer list is one group, scanned in blocks.
        row_group = group if len(rows) > 1 else None
        row_number = {id(row): number for number, row in enumerate(rows)}
        for number, widget in enumerate(widgets):
            if isinstance(widget, OptionList):
                targets.extend(self._option_targets(widget, number, group))
                continue
            if isinstance(widget, ListRow):
                index = row_number[id(widget)]
                label = widget.title.strip() or f"Item {index + 1}"
                targets.append(Target(ScanTarget(f"row:{index}", label, row_group), widget))
                continue
            action = getattr(widget, "action_id", None)
            target_id = action if isinstance(action, str) else f"widget:{number}"
            if target_id in used:
                if isinstance(screen, ReaderScreen):
                    continue  # already placed by the reader's scan order
                target_id = f"{target_id}:{number}"
            used.add(target_id)
            label = str(getattr(widget, "label", "") or target_id)
            targets.append(Target(ScanTarget(target_id, label), widget))
        return targets

    @staticmethod
    def _option_targets(options: OptionList, number: int, group: str) -> list[Target]:
        found: list[Target] = []
        for index, option in enumerate(options.options):
            if option.disabled:
                continue
            prompt = option.prompt
            text = prompt.plain if isinstance(prompt, Text) else str(prompt)
            label = text.strip().lstrip("▶★ ").strip() or f"Item {index + 1}"
            scan = ScanTarget(f"option:{number}:{index}", label, group)
            found.append(Target(scan, options, index))
        return found

    @staticmethod
    def _has_binding(screen: Screen[Any], binding_id: str) -> bool:
        return any(
            binding.id == binding_id
            for bindings in screen._bindings.key_to_bindings.values()
            for binding in bindings
        )

    # ------------------------------------------------------------------ results

    def _on_result(self, result: ScanResult) -> None:
        kind = result.kind
        if kind == "activated":
            self.cues.click()
            self._path = []
            if result.interrupt:
                self.activations.append("pause")
                narrator = self.app.narrator
                if narrator is not None:
                    narrator.pause()
                self._reading = False
                self._awaiting_pause = True
            elif result.target is not None:
                self.activations.append(result.target)
                # Whatever the narrator does next (play, move) is news again.
                self._awaiting_pause = False
                self._reading = False
                self.activate(result.target)
        elif kind == "entered_group" and result.target is not None:
            self.cues.click()
            self._path.append(result.target)
            self._announce()
        elif kind == "left_group":
            self.cues.click()
            if self._path:
                self._path.pop()
            self._announce()
        elif kind in ("highlight_moved", "woke"):
            if kind == "woke":
                self._path = []
                self.cues.click()
            self._announce()
        elif kind == "rested":
            self._path = []

    def _on_dwell(self, target_id: str) -> None:
        self.activations.append(target_id)
        self.cues.click()
        self.activate(target_id)

    def activate(self, target_id: str) -> None:
        """Do what a click on the target does (a control's press, a row's choice)."""
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
            self.app.call_later(self.app.press_control, target_id)
        else:
            widget.post_message(events.Click(widget, 0, 0, 0, 0, 1, False, False, False))

    def _announce(self) -> None:
        if self._reading or not self.cues.spoken:
            return
        entry = self.scanner.highlighted_entry
        if entry is not None:
            self.cues.say(entry.label)

    def _cue_voice(self) -> Voice:
        from alsreader.speech.synthesizer import Voice

        voice = self.app.settings.voice
        return Voice(voice.voice, voice.rate, voice.volume, voice.pitch)

    def _cue_synthesizer(self) -> Synthesizer | None:
        parts = self.app.speech_parts
        return parts.synthesizer if parts is not None else None

    # ------------------------------------------------------------------ drawing

    def level(self) -> tuple[str, tuple[ScanEntry, ...]]:
        """The name and the stops of the level being scanned ("Go to", its entries)."""
        entry = self.scanner.highlighted_entry
        if self._path and self.scanner.in_group:
            stops = self.scanner.entries_of(self._path[-1])
            if entry is None or entry in stops:
                name = self._path[-1]
                for group in self.scanner.top_entries:
                    if group.id == name:
                        name = group.label
                for parent in self._path[:-1]:
                    for block in self.scanner.entries_of(parent):
                        if block.id == self._path[-1]:
                            name = block.label
                return name, stops
        self._path = [] if not self.scanner.in_group else self._path
        return "Scanning", self.scanner.top_entries

    def _draw(self) -> None:
        if not self.scanning:
            self._panel_message(self._dwell_message() if self._mode == "dwell" else "")
            return
        entry = self.scanner.highlighted_entry
        drawn = (id(self._screen), self._signature, entry, tuple(self._path),
                 self.scanner.reading, self.scanner.resting)
        if drawn == self._drawn:
            return  # nothing changed since the last tick: no repaint
        self._drawn = drawn
        self._light(entry.members if entry is not None else ())
        panel = self._panel()
        if panel is None:
            return
        mode = MODE_NAMES[self._mode]
        if self.scanner.reading:
            panel.show_message(mode, "reading - press the switch to pause")
        elif self.scanner.resting:
            panel.show_message(mode, "resting - press the switch to start scanning")
        elif entry is None:
            panel.show_message(mode, "nothing to scan here")
        else:
            where, stops = self.level()
            labels = [stop.label + ("…" if stop.kind == "group" else "") for stop in stops]
            current = next((i for i, stop in enumerate(stops) if stop == entry), None)
            note = "Back returns to the list above" if entry.id == BACK_ID else ""
            panel.show_level(mode, where, labels, current, note)

    def _light(self, members: Sequence[str]) -> None:
        """Mark the controls (or list rows) of the highlighted entry; unmark the rest."""
        whole: list[Widget] = []
        inside: dict[OptionList, list[int]] = {}
        for member in members:
            target = self.targets.get(member)
            if target is None or target.widget is None:
                continue
            if isinstance(target.widget, OptionList) and target.option is not None:
                inside.setdefault(target.widget, []).append(target.option)
            elif target.widget not in whole:
                whole.append(target.widget)
        for options, indices in list(inside.items()):
            enabled = sum(1 for option in options.options if not option.disabled)
            if len(indices) > 1 and len(indices) == enabled:
                whole.append(options)  # the whole list is the highlighted group
                del inside[options]
        for old in self._lit:
            if old not in whole:
                old.remove_class(SCANNED_CLASS)
        for widget in whole:
            if not widget.has_class(SCANNED_CLASS):
                widget.add_class(SCANNED_CLASS)
                if widget is whole[0]:
                    widget.scroll_visible(animate=False)
        self._lit = whole
        self._mark_options(inside)

    def _mark_options(self, inside: dict[OptionList, list[int]]) -> None:
        """Invert the highlighted rows of a list (a row, or a block of rows) by their text."""
        wanted = {(id(options), index) for options, indices in inside.items()
                  for index in indices}
        for key, (options, index, original, decorated) in list(self._decorated.items()):
            if key in wanted and options in inside:
                continue
            del self._decorated[key]
            if index < options.option_count and \
                    options.get_option_at_index(index).prompt is decorated:
                options.replace_option_prompt_at_index(index, original)
        for options, indices in inside.items():
            for index in indices:
                key = (id(options), index)
                if key in self._decorated or index >= options.option_count:
                    continue
                original = options.get_option_at_index(index).prompt
                decorated = Text("▶▶ ", style="bold reverse")
                decorated.append_text(original.copy() if isinstance(original, Text)
                                      else Text(str(original)))
                decorated.stylize("bold reverse", 3)
                options.replace_option_prompt_at_index(index, decorated)
                self._decorated[key] = (options, index, original, decorated)
        for options, widgets in ((o, self._lit) for o in self._inside):
            if options not in inside and options not in widgets:
                options.remove_class(INSIDE_CLASS)
        for options, indices in inside.items():
            options.add_class(INSIDE_CLASS)
            if options.highlighted not in indices:
                options.highlighted = indices[0]
        self._inside = list(inside)

    def _dwell_message(self) -> str:
        return f"rest the pointer on a control for {self.dwell.dwell_time:g} s to press it"

    def _panel(self) -> ScanPanel | None:
        screen = self._screen
        if screen is None:
            return None
        try:
            return screen.query_one(ScanPanel)
        except NoMatches:
            return None

    def _panel_message(self, message: str) -> None:
        drawn = (id(self._screen), message)
        if drawn == self._drawn:
            return
        panel = self._panel()
        if panel is not None and message:
            self._drawn = drawn
            panel.show_message(MODE_NAMES[self._mode], message)

    def _clear_marks(self) -> None:
        self._light(())
        self._show_dwell(None)
        screen = self._screen
        if screen is not None and screen.is_attached:
            screen.remove_class(SCANNING_CLASS)

    # ------------------------------------------------------------------ dwell

    def _target_under_pointer(self) -> tuple[str, Widget] | None:
        node: Widget | None = self.app.mouse_over
        while node is not None:
            # A list's rows are not widgets: the list knows which row the pointer is on.
            row = getattr(node, "_mouse_hovering_over", None) if isinstance(node, OptionList) \
                else None
            for target_id, target in self.targets.items():
                if target.widget is node and (target.option is None or target.option == row):
                    return target_id, node
            parent = node.parent
            node = parent if isinstance(parent, Widget) else None
        return None

    def _pointer_moved(self) -> None:
        if self._mode != "dwell":
            return
        self._sync()
        if self._pointer_moves == self._moves_at_screen_change:
            return
        found = self._target_under_pointer()
        self.dwell.pointer_at(found[0] if found is not None else None)
        self._draw_dwell()

    def _draw_dwell(self) -> None:
        target_id = self.dwell.target
        target = self.targets.get(target_id) if target_id is not None else None
        widget = target.widget if target is not None else None
        self._show_dwell(widget, self.dwell.progress() if widget is not None else 0.0)

    def _show_dwell(self, widget: Widget | None, progress: float = 0.0) -> None:
        old = self._dwelling
        if old is not None and old is not widget:
            old.remove_class(DWELLING_CLASS)
            old.border_subtitle = ""
        self._dwelling = widget
        if widget is None:
            return
        widget.add_class(DWELLING_CLASS)
        fill = "pressed" if self.dwell.spent else dwell_bar(progress)
        if widget.border_subtitle != fill:
            widget.border_subtitle = fill

