"""The Textual app: screens, keys (with the caregiver's keymap), themes, and the narrator.

``make_app(...)`` builds the app for the command line and for tests alike;
``run_reader(args)`` is what ``alsreader [PATH]`` runs. Start-up stays lean: the speech
stack and the document loaders are imported and built in workers, after the first frame.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.keys import _normalize_key_list, format_key
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.signal import Signal

from alsreader import locations
from alsreader.access.clock import Clock, MonotonicClock
from alsreader.config import LoadedSettings, Settings, load_settings
from alsreader.document.decode import one_line
from alsreader.document.model import Document, Position
from alsreader.speech.events import NarratorEvent
from alsreader.state import ReadingState
from alsreader.ui.access import AccessController
from alsreader.ui.repeat_guard import RepeatGuard
from alsreader.ui.screens.confirm_quit import ConfirmQuitScreen
from alsreader.ui.screens.help import HelpEntry, HelpScreen
from alsreader.ui.screens.library import LibraryScreen
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.themes import DEFAULT_THEME, THEMES, register_themes
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.list_row import ListRow

if TYPE_CHECKING:
    from alsreader.speech.narrator import Narrator, NarratorParts
    from alsreader.ui.session import ReadingSession

MODIFIERS = ("ctrl+", "alt+", "shift+", "meta+", "super+", "hyper+", "option+", "cmd+")
"""Key prefixes the reader must never need: every action is one key."""

KEY_NAMES = {
    "space": "Space",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "f1": "F1",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
}


def display_key(key: str) -> str:
    """How a key is written on a control or in the help: "Space", "→", "+", "b"."""
    return KEY_NAMES.get(key) or format_key(key)


def chord_problem(key: str) -> str | None:
    """Why ``key`` cannot be used as a reader's key (a chord), or None if it is fine."""
    lowered = key.lower()
    for modifier in MODIFIERS:
        if modifier in lowered:
            return f"{key!r} needs {modifier[:-1]} held down; use a single key"
    if len(key) == 1 and key.isalpha() and key.isupper():
        return f"{key!r} needs Shift; use the lower-case letter"
    return None


@dataclass(frozen=True)
class StartRequest:
    """What to show first: a document, a folder's library, or the usual start."""

    path: Path | None = None
    extra_folders: tuple[Path, ...] = ()


class NarratorReport(Message):
    """An event from the narrator's thread, handed to the UI thread (posting never blocks)."""

    def __init__(self, event: NarratorEvent) -> None:
        super().__init__()
        self.event = event


class ReaderApp(App[int], inherit_bindings=False):
    """alsreader: read documents aloud with one key, a large target or a switch.

    | Key | Description |
    | :- | :- |
    | question_mark / f1 | Help for this screen. |
    | comma | Settings. |
    | q | Quit (asks first). |
    """

    CSS_PATH = "alsreader.tcss"
    TITLE = "alsreader"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("comma", "open_settings", "Settings", id="settings"),
        Binding("q", "request_quit", "Quit", id="quit"),
    ]

    def __init__(
        self,
        loaded: LoadedSettings,
        *,
        start: StartRequest,
        state: ReadingState,
        player: str | None = None,
        access: str | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.animation_level = "none"
        self.loaded = loaded
        """The settings and the problems found in the file."""
        self.settings: Settings = loaded.settings
        """The settings in use."""
        self.state = state
        """Saved places and bookmarks."""
        self.start = start
        """What to show first."""
        self.player_name = player
        """The audio player asked for on the command line (None: from the settings)."""
        self.access_mode = access or self.settings.access.mode
        """How the reader is operated ("keys", "one-switch", ...)."""
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        """The app's time for presses and switch scanning (tests pass a FakeClock)."""
        self._rate_at_start = self.settings.voice.rate
        self.repeat_guard = RepeatGuard(self.settings.access.ignore_repeat)
        """Drops a doubled press of the same key or control (tremor)."""
        self.access = AccessController(self, clock=self.clock)
        """Switch scanning and dwell (idle in keys mode)."""
        self._parts: NarratorParts | None = None
        self._narrator: Narrator | None = None
        self._narrator_lock = threading.Lock()
        self.keymap_problems: list[str] = []
        """Remapped keys that were refused (chords, unknown actions)."""
        self.settings_changed_signal: Signal[frozenset[str]] = Signal(self, "settings_changed")
        """Published by :meth:`apply_settings` with the dotted names that changed."""
        register_themes(self)
        self.theme = self.theme_for(self.settings.display.theme)
        self.set_keymap(self._checked_keymap(self.settings.keys))

    # ------------------------------------------------------------------ set-up

    @staticmethod
    def theme_for(name: str) -> str:
        """The registered theme for a settings value ("high-contrast" or a full name)."""
        for candidate in (name, f"alsreader-{name}"):
            if candidate in THEMES:
                return candidate
        return DEFAULT_THEME

    def _checked_keymap(self, keys: dict[str, str]) -> dict[str, str]:
        known = {binding.id for binding in all_bindings() if binding.id}
        keymap: dict[str, str] = {}
        for binding_id, key_string in keys.items():
            if binding_id not in known:
                self.keymap_problems.append(f"keys: there is no action {binding_id!r}")
                continue
            parts = [part.strip() for part in str(key_string).split(",") if part.strip()]
            bad = [problem for part in parts if (problem := chord_problem(part))]
            if bad or not parts:
                self.keymap_problems.append(
                    f"keys.{binding_id}: " + ("; ".join(bad) or "no key given")
                )
                continue
            keymap[binding_id] = ",".join(parts)
        return keymap

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a toast, always as literal text (``markup`` is ignored).

        Toasts quote file names, document titles and the caregiver's settings; brackets in
        them ("[/]", "[Errno 2]") would otherwise vanish or stop the app with a MarkupError.
        Screens' ``notify`` passes ``markup=True`` by default, so it is refused here.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    @property
    def access_label(self) -> str:
        """The access mode for the status line ('' for plain keys)."""
        return "" if self.access_mode == "keys" else self.access_mode

    def on_mount(self) -> None:
        """Show the first screen, then tell about any problems once."""
        self.push_screen(self._first_screen())
        self.access.install()
        self._quit_on_stop_signals()
        problems = [str(problem) for problem in self.loaded.problems] + self.keymap_problems
        problems += self.state.notices
        if problems:
            self.notify(
                "\n".join(problems[:8]) + (f"\n…and {len(problems) - 8} more" if len(problems) > 8
                                            else ""),
                title="Settings problems (defaults used for these)",
                severity="warning",
                timeout=30,
            )

    def _quit_on_stop_signals(self) -> None:
        """SIGTERM (a shutdown, ``kill``) and SIGHUP (the terminal window was closed) end
        the reader as quitting does: place saved, voice and player stopped, clips deleted.

        Without this Python dies mid-sentence and leaves the player sounding. Only in a real
        terminal: headless test runs live inside the test runner's process.
        """
        if self.is_headless or sys.platform == "win32":
            return
        loop = asyncio.get_running_loop()
        handlers = ((signal.SIGTERM, self.quit_reader), (signal.SIGHUP, self._terminal_closed))
        for number, handler in handlers:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, handler)

    def _terminal_closed(self) -> None:
        """The terminal is gone: save the place, stop the voice and delete the clips, then
        end at once. Textual's own shutdown writes to the closed terminal; its writer thread
        dies on the error and the shutdown then waits for it for ever (seen 1 in 4 times)."""
        try:
            self._leave_readers()
            self._save_pace()
            self.access.close()
            narrator, self._narrator = self._narrator, None
            if narrator is not None:
                narrator.close()
            if self._parts is not None:
                self._parts.close()
        finally:
            os._exit(0)

    def _first_screen(self) -> LibraryScreen | ReaderScreen:
        path = self.start.path
        if path is not None:
            path = path.expanduser()
            if path.is_dir():
                return LibraryScreen([path, *self.start.extra_folders], include_bundled=False,
                                     title=f"Library: {path.name or path}")
            if path.is_file():
                return ReaderScreen(path)
            self.notify(f"There is no file or folder at {one_line(str(path))}.", severity="error",
                        timeout=15)
            return self._default_library()
        last = self.state.last_document
        if last is not None and last.is_file():
            return ReaderScreen(last)
        return self._default_library()

    def _default_library(self) -> LibraryScreen:
        folders = [*self.settings.library.folders, *self.start.extra_folders]
        return LibraryScreen(folders, include_bundled=True)

    # ------------------------------------------------------------------ keys

    async def on_event(self, event: events.Event) -> None:
        """Drop a doubled key press (tremor) before it reaches any binding."""
        if self.access.handle_event(event):
            return  # a switch key: the scanner filters it itself
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and not self.repeat_guard.allow(f"key:{event.key}", self.clock.now())
        ):
            event.stop()
            event.prevent_default()
            return
        await super().on_event(event)

    def keys_for(self, binding_id: str) -> list[str]:
        """The keys that do ``binding_id`` now (after the caregiver's keymap)."""
        if binding_id in self._keymap:
            return self._keymap[binding_id].split(",")
        for binding in all_bindings():
            if binding.id == binding_id:
                return _normalize_key_list(binding.key).split(",")
        return []

    def key_label(self, binding_id: str) -> str:
        """The keys for a control's second line: "Space", "+ =", "? F1"."""
        return " ".join(display_key(key) for key in self.keys_for(binding_id))

    async def press_control(self, binding_id: str) -> None:
        """Run the action of a control (click, Enter or switch), unless it is a doubled press."""
        if not self.repeat_guard.allow(f"control:{binding_id}", self.clock.now()):
            return
        screen = self.screen
        for node, binding_list in ((screen, screen._bindings), (self, self._bindings)):
            for bindings in binding_list.key_to_bindings.values():
                for binding in bindings:
                    if binding.id == binding_id:
                        await self.run_action(binding.action, node)
                        return
        await self.run_action(binding_id, screen)

    # ------------------------------------------------------------------ documents

    def open_document(self, path: Path) -> None:
        """Open ``path`` in the reader (at its saved place)."""
        self.push_screen(ReaderScreen(path))

    def show_library(self) -> None:
        """Go back to the library the reader came from, or the usual one."""
        stack = self.screen_stack
        if len(stack) >= 2 and isinstance(stack[-2], LibraryScreen):
            self.pop_screen()
        else:
            self.switch_screen(self._default_library())

    def open_session(self, document: Document) -> ReadingSession:
        """Set the narrator up for ``document`` at its saved place (runs in a worker thread)."""
        from alsreader.ui.session import ReadingSession

        where = self.state.place_in(document) or Position(0, 0)
        speakable = self._speakable_for(document)
        with self._narrator_lock:
            narrator = self._narrator
            if narrator is None:
                narrator = self._narrator = self._make_narrator(document, where, speakable)
            else:
                narrator.set_speakable(speakable)
                narrator.set_document(document, where)
        return ReadingSession(document, narrator=narrator, state=self.state)

    def _speakable_for(self, document: Document) -> Callable[[str], str]:
        from alsreader.document.pronounce import Pronouncer

        rules = list(self.settings.pronunciations)
        if document.path is not None:
            from alsreader.config import document_pronunciations

            extra, _problems = document_pronunciations(document.path)
            rules.extend(extra)
        return Pronouncer(rules).speakable

    def _make_narrator(
        self, document: Document, where: Position, speakable: Callable[[str], str]
    ) -> Narrator:
        from alsreader.speech.narrator import Narrator, Pauses
        from alsreader.speech.synthesizer import Voice

        voice_settings = self.settings.voice
        reading = self.settings.reading
        parts = self._built_parts()
        return Narrator(
            document,
            synthesizer=parts.synthesizer,
            player=parts.player,
            voice=Voice(voice_settings.voice, voice_settings.rate, voice_settings.volume,
                        voice_settings.pitch),
            pauses=Pauses(reading.pause_sentence_ms, reading.pause_paragraph_ms,
                          reading.pause_section_ms),
            continuous=reading.continuous,
            speakable=speakable,
            listener=self._narrator_listener,
            position=where,
            player_name=parts.player_name,
            problem=parts.problem,
        )

    def _narrator_listener(self, event: NarratorEvent) -> None:
        # Runs on the narrator's thread: post (never call_from_thread, which would block the
        # narrator until the UI answered, and deadlock while the app closes the narrator).
        self.post_message(NarratorReport(event))

    def on_narrator_report(self, message: NarratorReport) -> None:
        """Hand a narrator event to the reader screen (even under the help or a dialog)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReaderScreen):
                screen.narrator_event(message.event)
                return

    @property
    def narrator(self) -> Narrator | None:
        """The narrator, once a document has been opened."""
        return self._narrator

    def ensure_speech_parts(self) -> NarratorParts:
        """The synthesizer and player, built now if nothing needed them yet (the settings
        screen's voice sample before any document was opened). Call it from a worker."""
        with self._narrator_lock:
            return self._built_parts()

    def _built_parts(self) -> NarratorParts:
        # Called with _narrator_lock held: the narrator and a voice sample share one engine.
        if self._parts is None:
            from alsreader.speech.narrator import make_narrator_parts

            self._parts = make_narrator_parts(self.settings, player_name=self.player_name)
        return self._parts

    def apply_settings(self, changed: Iterable[str]) -> None:
        """Use changed settings at once (the settings screen has put them in ``settings``).

        ``changed`` holds dotted names ("voice.rate", "display.theme"). The voice goes to the
        narrator (the sentence being read restarts with it), the pauses too, the theme to
        the screen; everything else is announced on :attr:`settings_changed_signal`.
        """
        names = frozenset(changed)
        settings = self.settings
        if "display.theme" in names:
            self.theme = self.theme_for(settings.display.theme)
        if "access.ignore_repeat" in names:
            self.repeat_guard.ignore_repeat = max(float(settings.access.ignore_repeat), 0.0)
        if "access.mode" in names:
            self.access_mode = settings.access.mode
        if any(name == "keys" or name.startswith("keys.") for name in names):
            self.keymap_problems.clear()
            self.set_keymap(self._checked_keymap(settings.keys))
            for problem in self.keymap_problems:
                self.notify(problem, title="Keys", severity="warning", timeout=15)
        narrator = self._narrator
        if narrator is not None:
            from alsreader.speech.narrator import Pauses
            from alsreader.speech.synthesizer import Voice

            if any(name.startswith("voice.") for name in names):
                voice = settings.voice
                narrator.set_voice(Voice(voice.voice, voice.rate, voice.volume, voice.pitch))
            if any(name.startswith("reading.pause_") for name in names):
                reading = settings.reading
                narrator.set_pauses(Pauses(reading.pause_sentence_ms, reading.pause_paragraph_ms,
                                           reading.pause_section_ms))
            if "reading.continuous" in names:
                narrator.continuous = settings.reading.continuous
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.refresh_controls()  # new keys on the controls, new pace in the status
        self.settings_changed_signal.publish(names)

    @property
    def speech_parts(self) -> NarratorParts | None:
        """The narrator's synthesizer and player, once a document has been opened."""
        return self._parts

    # ------------------------------------------------------------------ app actions

    def action_help(self) -> None:
        """Show every action of this screen with its key."""
        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        name = {ReaderScreen: "Reader", LibraryScreen: "Library"}.get(type(screen), "alsreader")
        self.push_screen(HelpScreen(help_entries(screen.active_bindings.values(), screen, self),
                                    title=f"Help: {name}"))

    def action_open_settings(self) -> None:
        """Open the settings screen (or say where the settings file is)."""
        try:
            module = importlib.import_module("alsreader.ui.screens.settings")
            screen_class = module.SettingsScreen
        except (ImportError, AttributeError):
            self.notify(f"Settings: edit {self.loaded.path or locations.config_file()}",
                        title="Settings", timeout=15)
            return
        self.push_screen(screen_class())

    def action_request_quit(self) -> None:
        """Ask before quitting; only a deliberate yes quits."""
        if isinstance(self.screen, ConfirmQuitScreen):
            return

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self.quit_reader()

        self.push_screen(ConfirmQuitScreen(), answered)

    def quit_reader(self) -> None:
        """Save the place (and a pace changed with Faster / Slower), stop the voice, leave."""
        self._leave_readers()
        self._save_pace()
        self.exit(0)

    def _save_pace(self) -> None:
        rate = self.settings.voice.rate
        if rate == self._rate_at_start or self.loaded.path is None:
            return
        from alsreader.config import SettingsSaveError, save_settings_values

        try:
            save_settings_values(self.loaded.path, {"voice.rate": rate})
        except (SettingsSaveError, OSError) as error:
            self.log.warning(f"the pace could not be saved: {error}")

    def _leave_readers(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.leave()

    async def on_unmount(self) -> None:
        """Whatever ends the app, the place is saved and the voice stopped."""
        self._leave_readers()
        self.access.close()
        narrator, self._narrator = self._narrator, None
        if narrator is not None:
            narrator.close()
        if self._parts is not None:
            self._parts.close()


def all_bindings() -> list[Binding]:
    """Every binding the app defines, on every screen and control (for keymaps and tests)."""
    classes: Iterable[type] = (ReaderApp, ReaderScreen, LibraryScreen, HelpScreen,
                               ConfirmQuitScreen, BigButton, ListRow)
    found: list[Binding] = []
    for cls in classes:
        found.extend(Binding.make_bindings(getattr(cls, "BINDINGS", [])))
    return found


def help_entries(active: Iterable[object], screen: object, app: object) -> list[HelpEntry]:
    """Help rows from a screen's active bindings: one per action, its keys joined."""
    entries: dict[str, tuple[str, list[str]]] = {}
    for item in active:
        node = getattr(item, "node", None)
        binding = getattr(item, "binding", None)
        if binding is None or node not in (screen, app):
            continue
        key = binding.id or binding.action
        description = binding.description or binding.action
        entries.setdefault(key, (description, []))[1].append(display_key(binding.key))
    return [HelpEntry(description, tuple(keys)) for description, keys in entries.values()]


def make_app(
    path: Path | str | None = None,
    *,
    extra_folders: Sequence[Path | str] = (),
    config_path: Path | str | None = None,
    settings: Settings | LoadedSettings | None = None,
    player: str | None = None,
    access: str | None = None,
    state: ReadingState | None = None,
    clock: Clock | None = None,
) -> ReaderApp:
    """Build the reader app (shared by the command line and tests).

    ``path`` is a document or a folder (None: the last document, or the library);
    ``settings`` replaces reading the settings file (tests); ``player`` overrides the audio
    player ("silent" plays nothing but keeps time); ``access`` overrides the access mode;
    ``clock`` replaces the real clock for presses and scanning (tests).
    """
    if isinstance(settings, LoadedSettings):
        loaded = settings
    elif isinstance(settings, Settings):
        loaded = LoadedSettings(settings, [], Path(config_path) if config_path else None)
    else:
        loaded = load_settings(
            Path(config_path) if config_path else None,
            known_actions=sorted({b.id for b in all_bindings() if b.id}),
        )
    start = StartRequest(
        Path(path) if path is not None else None,
        tuple(Path(folder) for folder in extra_folders),
    )
    return ReaderApp(
        loaded,
        start=start,
        state=state if state is not None else ReadingState.load(),
        player=player,
        access=access,
        clock=clock,
    )


def run_reader(args: argparse.Namespace) -> int:
    """Run the reader for ``alsreader [PATH]``; returns the exit status."""
    app = make_app(
        getattr(args, "path", None),
        extra_folders=getattr(args, "library", []) or [],
        config_path=getattr(args, "config", None),
        player=getattr(args, "player", None),
        access=getattr(args, "access", None),
    )
    result = app.run()
    return int(result or 0)
