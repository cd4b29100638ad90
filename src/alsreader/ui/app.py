"""The Textual app: screens, keys (with the caregiver's keymap), themes, and the narrator.

``make_app(...)`` builds the app for the command line and for tests alike;
``run_reader(args)`` is what ``alsreader [PATH]`` runs. Start-up stays lean: the speech
stack and the document loaders are imported and built in workers, after the first frame.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from alsreader import locations
from alsreader.access.clock import Clock, MonotonicClock
from alsreader.access.repeat_guard import RepeatGuard
from alsreader.config import LoadedSettings, Settings, load_settings
from alsreader.document.decode import one_line
from alsreader.speech.events import NarratorEvent
from alsreader.speech.service import SpeechService
from alsreader.startup import release_collection
from alsreader.state import ReadingState
from alsreader.ui.access import AccessController
from alsreader.ui.keymap import (
    Keymap,
    declared_later,
    display_key,
    known_actions,
    registered_bindings,
    remappable,
)
from alsreader.ui.screens.base import ReaderScreenBase
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.services import ReaderServices
from alsreader.ui.themes import DEFAULT_THEME, THEMES, register_themes

if TYPE_CHECKING:
    from alsreader.speech.narrator import Narrator, NarratorParts
    from alsreader.ui.screens.library import LibraryScreen
    from alsreader.ui.screens.settings import SettingsScreen

LATER_SCREENS = (
    "alsreader.ui.screens.library",
    "alsreader.ui.screens.help",
    "alsreader.ui.screens.settings",
    "alsreader.ui.screens.confirm_quit",
    "alsreader.ui.screens.confirm_settings",
)
"""Screens imported when first shown (start-up time; each method that shows one imports
it). Their remappable keys are still known to the keymap, which imports them when asked for
every action."""
declared_later(*LATER_SCREENS)


@runtime_checkable
class FollowsNarrator(Protocol):
    """A screen that shows what the narrator reports."""

    def narrator_event(self, event: NarratorEvent) -> None:
        """Show ``event`` (on the UI thread)."""


@runtime_checkable
class FollowsSettings(Protocol):
    """A screen that shows something the settings decide (keys on controls, the pace)."""

    def settings_changed(self, names: frozenset[str]) -> None:
        """Settings named by ``names`` (dotted) changed."""


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


@remappable
class ReaderApp(App[int], inherit_bindings=False):
    """alsreader: read documents aloud with one key, a large target or a switch.

    | Key | Description |
    | :- | :- |
    | question_mark / f1 | Help for this screen. |
    | comma | Settings (after typing the code shown). |
    | q | Quit (asks first). |
    | t | Talk: say something with phrases or the keyboard (the book pauses). |
    """

    CSS_PATH = "alsreader.tcss"
    TITLE = "alsreader"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("comma", "open_settings", "Settings", id="settings"),
        Binding("q", "request_quit", "Quit", id="quit"),
        Binding("t", "talk", "Talk (speak for me)", id="talk"),
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
        self.access_mode = access or self.settings.access.mode
        """How the reader is operated ("keys", "one-switch", ...)."""
        self.clock: Clock = clock if clock is not None else MonotonicClock()
        """The app's time for presses and switch scanning (tests pass a FakeClock)."""
        self._rate_at_start = self.settings.voice.rate
        self.speech = SpeechService(self.settings, player_name=player,
                                    listener=self._narrator_listener)
        """The one voice: the narrator, cues, samples (built on first use, in a worker)."""
        self.keymap = Keymap(self.settings.keys)
        """Which keys do which action (the caregiver's keymap, checked)."""
        self.services = ReaderServices(
            loaded=loaded,
            state=state,
            speech=self.speech,
            keymap=self.keymap,
            repeat_guard=RepeatGuard(self.settings.access.ignore_repeat),
            clock=self.clock,
            access_label=self._access_label,
        )
        """What every screen is given."""
        self.access = AccessController(self, settings=self.settings, speech=self.speech,
                                       mode=self.access_mode, clock=self.clock)
        """Switch scanning and dwell (idle in keys mode)."""
        self.access.mode_listeners.append(self._access_mode_changed)
        register_themes(self)
        self.theme = self.theme_for(self.settings.display.theme)
        self.set_keymap(self.keymap.mapping)

    # ------------------------------------------------------------------ set-up

    @staticmethod
    def theme_for(name: str) -> str:
        """The registered theme for a settings value ("high-contrast" or a full name)."""
        for candidate in (name, f"alsreader-{name}"):
            if candidate in THEMES:
                return candidate
        return DEFAULT_THEME

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
    def repeat_guard(self) -> RepeatGuard:
        """Drops a doubled press of the same key or control (tremor)."""
        return self.services.repeat_guard

    def _access_label(self) -> str:
        """The access mode for the status line, with the switch keys ('' for plain keys)."""
        mode = self.access_mode
        access = self.settings.access
        if mode == "two-switch":
            return (f"two-switch · {display_key(access.two_switch_move)}: next · "
                    f"{display_key(access.two_switch_select)}: choose")
        if mode == "one-switch":
            keys = " or ".join(display_key(key) for key in access.one_switch_keys)
            return f"one-switch · {keys}: choose"
        return "" if mode == "keys" else mode

    def _access_mode_changed(self, mode: str) -> None:
        self.access_mode = mode

    def on_mount(self) -> None:
        """Show the first screen, then tell about any problems once."""
        # Start-up's imports and objects are all here: freeze them and collect again from
        # now on (alsreader.startup), before any screen reads a document or a folder,
        # whose objects must stay collectable.
        release_collection()
        self.push_screen(self._first_screen())
        self.access.install()
        self._quit_on_stop_signals()
        problems = [str(problem) for problem in self.loaded.problems] + self.keymap.problems
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
            self._save_pace()
            self._shut_down()
        finally:
            os._exit(0)

    def _first_screen(self) -> LibraryScreen | ReaderScreen:
        from alsreader.ui.screens.library import LibraryScreen

        path = self.start.path
        if path is not None:
            path = path.expanduser()
            if path.is_dir():
                return LibraryScreen(self.services, [path, *self.start.extra_folders],
                                     include_bundled=False, title=f"Library: {path.name or path}")
            if path.is_file():
                return ReaderScreen(self.services, path)
            self.notify(f"There is no file or folder at {one_line(str(path))}.", severity="error",
                        timeout=15)
            return self._default_library()
        last = self.state.last_document
        if last is not None and last.is_file():
            return ReaderScreen(self.services, last)
        return self._default_library()

    def _default_library(self) -> LibraryScreen:
        from alsreader.ui.screens.library import LibraryScreen

        folders = [*self.settings.library.folders, *self.start.extra_folders]
        return LibraryScreen(self.services, folders, include_bundled=True)

    # ------------------------------------------------------------------ keys

    async def on_event(self, event: events.Event) -> None:
        """Drop a doubled key press (tremor) before it reaches any binding."""
        if self._sleep_timer_took(event):
            event.stop()
            event.prevent_default()
            return
        if self.access.handle_event(event):
            return  # a switch key: the scanner filters it itself
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and not self._types_a_character(event)
            and not self.services.repeat_guard.allow(f"key:{event.key}", self.clock.now())
        ):
            event.stop()
            event.prevent_default()
            return
        await super().on_event(event)

    def _types_a_character(self, event: events.Key) -> bool:
        """Whether ``event`` types a letter, digit or mark on a screen that types (Talk).

        A person typing with one finger doubles letters on purpose ("hello"), so the tremor
        guard leaves them alone there; Space, Enter, the function keys and the switches keep
        it (the switches are filtered by the scanner before this)."""
        screen = self.screen_stack[-1] if self.screen_stack else None
        character = event.character
        return (getattr(screen, "TYPES_TEXT", False) is True and event.is_printable
                and character is not None and character.isprintable()
                and not character.isspace())

    def _sleep_timer_took(self, event: events.Event) -> bool:
        """Whether a press (key, switch or click) went to the reader's sleep timer: in its
        last minute any press gives the whole time again, and does nothing else."""
        if not isinstance(event, (events.Key, events.MouseDown)) or event.is_forwarded:
            return False
        readers = [screen for screen in self.screen_stack if isinstance(screen, ReaderScreen)]
        return bool(readers) and readers[-1].sleep_timer_pressed()

    # ------------------------------------------------------------------ documents

    def on_library_screen_document_chosen(self, message: LibraryScreen.DocumentChosen) -> None:
        """A document was chosen in the library: open it."""
        self.open_document(message.path)

    @on(ReaderScreen.Closed)
    def _reader_closed(self, message: ReaderScreen.Closed) -> None:
        self.show_library()

    def open_document(self, path: Path) -> None:
        """Open ``path`` in the reader (at its saved place)."""
        self.push_screen(ReaderScreen(self.services, path))

    def show_library(self) -> None:
        """Go back to the library the reader came from, or the usual one."""
        from alsreader.ui.screens.library import LibraryScreen

        stack = self.screen_stack
        if len(stack) >= 2 and isinstance(stack[-2], LibraryScreen):
            self.pop_screen()
        else:
            self.switch_screen(self._default_library())

    def _narrator_listener(self, event: NarratorEvent) -> None:
        # Runs on the narrator's thread: post (never call_from_thread, which would block the
        # narrator until the UI answered, and deadlock while the app closes the narrator).
        self.post_message(NarratorReport(event))

    def on_narrator_report(self, message: NarratorReport) -> None:
        """Hand a narrator event to the screen that follows it (even under help or a dialog)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, FollowsNarrator):
                screen.narrator_event(message.event)
                return

    @property
    def narrator(self) -> Narrator | None:
        """The narrator, once a document has been opened."""
        return self.speech.narrator

    @property
    def speech_parts(self) -> NarratorParts | None:
        """The narrator's synthesizer and player, once something has spoken."""
        return self.speech.built_parts

    def on_settings_screen_changed(self, message: SettingsScreen.Changed) -> None:
        """The settings screen changed settings: use them at once."""
        self.apply_settings(message.names)

    def apply_settings(self, changed: Iterable[str]) -> None:
        """Use changed settings at once (the settings screen has put them in ``settings``).

        ``changed`` holds dotted names ("voice.rate", "display.theme"). The voice and the
        pauses go to the speech service (the sentence being read restarts with the new
        voice), the theme to the screen, the access settings to the controller, and every
        screen that shows settings is told.
        """
        names = frozenset(changed)
        settings = self.settings
        if "display.theme" in names:
            self.theme = self.theme_for(settings.display.theme)
        if "access.ignore_repeat" in names:
            self.services.repeat_guard.ignore_repeat = max(float(settings.access.ignore_repeat),
                                                           0.0)
        if "access.mode" in names:
            self.access_mode = settings.access.mode
        if any(name == "keys" or name.startswith("keys.") for name in names):
            self.keymap.update(settings.keys)
            self.set_keymap(self.keymap.mapping)
            for problem in self.keymap.problems:
                self.notify(problem, title="Keys", severity="warning", timeout=15)
        self.speech.apply_settings(names)
        self.access.settings_changed(names)
        for screen in self.screen_stack:
            if isinstance(screen, FollowsSettings):
                screen.settings_changed(names)

    # ------------------------------------------------------------------ app actions

    def action_help(self) -> None:
        """Show every action of this screen with its key."""
        from alsreader.ui.screens.help import HelpScreen, help_entries

        screen: Screen[object] = self.screen
        if isinstance(screen, HelpScreen):
            return
        name = getattr(screen, "HELP_TITLE", "alsreader")
        owners = [type(screen), *getattr(screen, "HELP_ALSO", ())]
        if getattr(screen, "HELP_APP_KEYS", True):
            owners.append(type(self))
        places = screen.scan_places() if isinstance(screen, ReaderScreenBase) else {}
        self.push_screen(HelpScreen(help_entries(owners, self.keymap, places),
                                    title=f"Help: {name}"))

    def action_talk(self) -> None:
        """Open the Talk screen over the reader or the library (the book pauses there)."""
        from alsreader.ui.screens.library import LibraryScreen
        from alsreader.ui.screens.talk import TalkScreen

        if isinstance(self.screen, (ReaderScreen, LibraryScreen)):
            self.push_screen(TalkScreen(self.services))

    def action_open_settings(self) -> None:
        """Open the settings screen once the code shown is typed (a stray press cannot)."""
        from alsreader.ui.screens.confirm_settings import ConfirmSettingsScreen
        from alsreader.ui.screens.settings import SettingsScreen

        if isinstance(self.screen, (SettingsScreen, ConfirmSettingsScreen)):
            return

        def answered(open_now: bool | None) -> None:
            if open_now and not isinstance(self.screen, SettingsScreen):
                self.push_screen(SettingsScreen(self.services))

        self.push_screen(ConfirmSettingsScreen(), answered)

    def action_request_quit(self) -> None:
        """Ask before quitting; only a deliberate yes quits."""
        from alsreader.ui.screens.confirm_quit import ConfirmQuitScreen

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

    def _shut_down(self) -> None:
        """Save the place, stop the voice and the switch timer, delete every clip."""
        self._leave_readers()
        self.access.close()
        self.speech.close()

    async def on_unmount(self) -> None:
        """Whatever ends the app, the place is saved and the voice stopped."""
        self._shut_down()


def all_bindings() -> list[Binding]:
    """Every registered binding, on every screen and control (for keymaps and tests)."""
    return [item.binding for item in registered_bindings()]


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
        config = Path(config_path) if config_path else locations.config_file()
        # Without a settings file there are no remapped keys to check, and the screens
        # declared for later stay unimported (start-up time).
        loaded = load_settings(config, known_actions=known_actions() if config.exists() else None)
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
