"""What the app owns and hands to its screens: settings, saved places, speech, keys, the clock.

Screens never import the app (it imports them). Each screen that needs a service gets this
object in its constructor, typed, as toolong's app hands its watcher to its view; a screen
asks for something to happen elsewhere (open a document, go back to the library) by posting
a message that the app handles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from alsreader.access.clock import Clock
from alsreader.access.repeat_guard import RepeatGuard
from alsreader.config import LoadedSettings, Settings
from alsreader.state import ReadingState
from alsreader.ui.keymap import Keymap

if TYPE_CHECKING:
    from alsreader.document.model import Document
    from alsreader.session import ReadingSession
    from alsreader.speech.service import SpeechService
    from alsreader.talk.predictor import WordPredictor


@dataclass
class ReaderServices:
    """The app's services, shared by every screen."""

    loaded: LoadedSettings
    """The settings, the problems found in the file, and the file's path."""
    state: ReadingState
    """Saved places and bookmarks."""
    speech: SpeechService
    """The one voice: the narrator and short utterances."""
    keymap: Keymap
    """Which keys do which action now (after the caregiver's keymap)."""
    repeat_guard: RepeatGuard
    """Drops a doubled press of the same key or control (tremor)."""
    clock: Clock
    """The app's time for presses and scanning (tests pass a FakeClock)."""
    access_label: Callable[[], str]
    """The access mode for the status line ('' for plain keys)."""
    word_predictor: WordPredictor | None = None
    """The Talk screen's word predictor, made the first time the screen opens and kept, so
    its word list is read once per run."""

    @property
    def settings(self) -> Settings:
        """The settings in use (changed in place by the settings screen)."""
        return self.loaded.settings

    def open_session(self, document: Document) -> ReadingSession:
        """The narrator set to read ``document`` at its saved place (call from a worker)."""
        from alsreader.session import open_session

        return open_session(document, speech=self.speech, state=self.state)
