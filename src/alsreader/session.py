"""One open document and everything that follows it: the narrator, the saved place, bookmarks.

Plain logic (no Textual here): the reader screen turns key presses into
calls on a ``ReadingSession`` and renders what it reports. The place is saved through
``ReadingState`` on every sentence that starts, so closing the terminal or a power cut never
costs more than the sentence being read.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from alsreader.config.declaration import FASTEST_RATE, RATE_STEP, SLOWEST_RATE
from alsreader.document.model import Document, Position
from alsreader.speech.events import SpeechState

if TYPE_CHECKING:
    from alsreader.speech.narrator import Narrator
    from alsreader.speech.service import SpeechService
    from alsreader.state import ReadingState



class ReadingSession:
    """A document being read: commands go to the narrator, the place goes to the state file."""

    def __init__(
        self,
        document: Document,
        *,
        narrator: Narrator,
        state: ReadingState,
    ) -> None:
        self.document = document
        """The document being read."""
        self.narrator = narrator
        """Reads the document aloud (or just moves the place when there is no audio)."""
        self.state = state
        """Where the place and bookmarks are kept."""
        self.speech = SpeechState.STOPPED
        """The narrator's last reported state."""
        self.unavailable_reason = ""
        """Why there is no audio, when there is none."""

    @property
    def key(self) -> Path | None:
        """The document's file (the key of its saved place), if it came from a file."""
        return self.document.path

    @property
    def position(self) -> Position:
        """The sentence being read (or that will be read next)."""
        return self.document.clamp(self.narrator.position)

    @property
    def rate(self) -> int:
        """Words per minute."""
        return int(self.narrator.voice.rate)

    def save_place(self, position: Position | None = None) -> None:
        """Write the place (by default the current one) to the state file, atomically."""
        if self.key is None:
            return
        where = self.document.clamp(position if position is not None else self.position)
        title = ""
        if 0 <= where.section < len(self.document.sections):
            title = self.document.sections[where.section].title
        sentence = self.document.sentence_at(where)
        self.state.set_position(
            self.key, where, fraction=self.document.fraction_read(where), section_title=title,
            sentence=sentence.text if sentence is not None else None,
        )

    def change_rate(self, steps: int, current: int) -> int:
        """Read faster (positive ``steps``) or slower than ``current`` words per minute;
        returns the new rate. (The narrator takes the change on its own thread, so the
        caller keeps the current rate rather than asking the narrator.)"""
        rate = min(max(int(current) + steps * RATE_STEP, SLOWEST_RATE), FASTEST_RATE)
        if rate != current:
            self.narrator.set_voice(replace(self.narrator.voice, rate=rate))
        return rate

    def bookmarks(self) -> list[Position]:
        """The document's bookmarks, in document order."""
        if self.key is None:
            return []
        return sorted(bookmark.position for bookmark in self.state.bookmarks(self.key))

    def add_bookmark(self) -> Position:
        """Bookmark the current sentence; returns where."""
        where = self.position
        if self.key is not None:
            self.state.add_bookmark(self.key, where)
        return where

    def minutes_left(self) -> float:
        """Time to the end of the document at the current pace, in minutes."""
        words = self.document.words_from(self.position)
        return words / max(self.rate, 1)

    def percent_read(self) -> int:
        """Share of the document before the current sentence, as a whole percent."""
        return math.floor(self.document.fraction_read(self.position) * 100)


def open_session(
    document: Document, *, speech: SpeechService, state: ReadingState
) -> ReadingSession:
    """The narrator set to read ``document`` from its saved place, as a session.

    Blocks while speech is set up the first time: call it from a worker thread.
    """
    where = state.place_in(document) or Position(0, 0)
    return ReadingSession(document, narrator=speech.narrator_for(document, where), state=state)
