"""What the narrator reports to whoever listens (the UI, the CLI, tests).

Events are delivered on the narrator's own thread; a UI must hand them over to its own
thread (Textual: ``App.call_from_thread``) and must never block in the listener.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from alsreader.document.model import Position


class SpeechState(str, Enum):
    """What the narrator is doing, as the status line shows it."""

    STOPPED = "stopped"
    READING = "reading"
    PAUSED = "paused"
    UNAVAILABLE = "no audio"


@dataclass(frozen=True)
class NarratorEvent:
    """Base class of everything the narrator reports."""


@dataclass(frozen=True)
class SentenceStarted(NarratorEvent):
    """The sentence at ``position`` has started to sound (or, if paused, is now current)."""

    position: Position


@dataclass(frozen=True)
class WordStarted(NarratorEvent):
    """A word of the sentence at ``position`` is being heard now.

    Posted when the player reaches the word's audio (the clip's first sample heard plus the
    word's time in the clip, as the engine reported it), never while it is synthesized;
    engines that report no word times post none (the sentence stays the mark).
    """

    position: Position
    start: int
    """Offset of the word's first character in the section's text (like ``Sentence.start``)."""
    end: int
    """Offset just after the word in the section's text."""


@dataclass(frozen=True)
class SentenceFinished(NarratorEvent):
    """The sentence at ``position`` finished playing."""

    position: Position


@dataclass(frozen=True)
class SectionFinished(NarratorEvent):
    """The last sentence of section ``section`` finished."""

    section: int


@dataclass(frozen=True)
class DocumentFinished(NarratorEvent):
    """Reading reached the end of the document."""


@dataclass(frozen=True)
class StateChanged(NarratorEvent):
    """The speech state changed (reading, paused, stopped, no audio)."""

    state: SpeechState
    reason: str = ""
    """For UNAVAILABLE: what is wrong, in plain words."""


@dataclass(frozen=True)
class SpeechError(NarratorEvent):
    """Something failed; ``message`` is written for the user."""

    message: str


@dataclass(frozen=True)
class SectionTitleStarted(NarratorEvent):
    """A section's title has started to sound; the sentence at ``position`` (the section's
    first) follows it, after the title's pause."""

    position: Position


@dataclass(frozen=True)
class ReadingFaded(NarratorEvent):
    """The sleep timer's last sentence (at ``position``) faded out and reading paused at its
    end; the place stays on that sentence."""

    position: Position
