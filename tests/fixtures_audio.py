"""Audio fixtures: a private headless PulseAudio with a null sink, a monitor recorder, and
small documents built straight from the model classes.

The server is started once per test session with its own runtime folder and socket (it never
touches a user's sound server) and stopped at the end. When PulseAudio is missing the audio
tests fail with a message saying what to install; they are skipped only when
``ALSREADER_ALLOW_AUDIO_SKIP=1`` (never in CI).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from alsreader.document.model import Document, Paragraph, ParagraphKind, Section, Sentence
from alsreader.speech.events import NarratorEvent
from alsreader.speech.nullsink import AudioSetupError, MonitorRecorder, NullSinkServer

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def make_section(
    title: str, text: str, *, level: int = 1, unspoken: tuple[int, ...] = ()
) -> Section:
    """A section whose paragraphs are split at blank lines and sentences after . ! or ?.

    ``unspoken`` lists sentence indexes (in the section) marked ``spoken=False``.
    """
    paragraphs: list[Paragraph] = []
    offset = 0
    count = 0
    for p_index, block in enumerate(text.split("\n\n")):
        start = text.index(block, offset)
        sentences = []
        cursor = start
        for piece in _SENTENCE_END.split(block.strip()):
            if not piece:
                continue
            s_start = text.index(piece, cursor)
            sentences.append(
                Sentence(piece, s_start, s_start + len(piece), p_index, count not in unspoken)
            )
            count += 1
            cursor = s_start + len(piece)
        paragraphs.append(Paragraph(ParagraphKind.TEXT, start, start + len(block), sentences))
        offset = start + len(block)
    return Section(title=title, level=level, text=text, paragraphs=paragraphs)


def make_document(*section_texts: str, title: str = "Test document") -> Document:
    """A document with one top-level section per text (titles "Section 1", ...)."""
    tree = [make_section(f"Section {i + 1}", text) for i, text in enumerate(section_texts)]
    return Document(title=title, tree=tree)


class EventLog:
    """Collects narrator events (from the narrator's thread) and waits for them."""

    def __init__(self) -> None:
        self.events: list[tuple[float, NarratorEvent]] = []
        self._changed = threading.Condition()

    def __call__(self, event: NarratorEvent) -> None:
        with self._changed:
            self.events.append((time.perf_counter(), event))
            self._changed.notify_all()

    def of(self, kind: type[NarratorEvent]) -> list[NarratorEvent]:
        """Events of one type, in order."""
        with self._changed:
            return [e for _, e in self.events if isinstance(e, kind)]

    def wait_for(
        self, test: Callable[[NarratorEvent], bool], *, count: int = 1, timeout: float = 15.0
    ) -> NarratorEvent:
        """Wait until ``count`` events satisfy ``test``; return the last of them."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [e for _, e in self.events if test(e)]
                if len(found) >= count:
                    return found[count - 1]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"timed out waiting for an event; got {[e for _, e in self.events]}"
                    )
                self._changed.wait(left)

    def clear(self) -> None:
        """Forget the events so far."""
        with self._changed:
            self.events.clear()


@pytest.fixture(scope="session")
def null_sink() -> Iterator[NullSinkServer]:
    """A headless PulseAudio with a null sink; this process and its children play to it."""
    server = NullSinkServer()
    try:
        server.start()
    except AudioSetupError as error:
        server.stop()
        if os.environ.get("ALSREADER_ALLOW_AUDIO_SKIP") == "1":
            pytest.skip(str(error))
        pytest.fail(f"{error}\n(Set ALSREADER_ALLOW_AUDIO_SKIP=1 to skip audio tests locally.)")
    with server.activated():
        yield server
    server.stop()


@pytest.fixture(scope="session")
def session_recorder(null_sink: NullSinkServer) -> Iterator[MonitorRecorder]:
    """One recording of the monitor for the whole session.

    A fresh ``parec`` on an idle null sink often delivers nothing for two seconds (the idle
    sink runs with its longest latency), so one recorder runs throughout and each test looks
    at its own stretch of time.
    """
    rec = MonitorRecorder(null_sink).start()
    yield rec
    rec.stop()


@pytest.fixture
def recorder(session_recorder: MonitorRecorder) -> MonitorRecorder:
    """The monitor recording; analyse it between clock times taken in the test."""
    return session_recorder


@pytest.fixture
def event_log() -> EventLog:
    """A narrator listener that keeps every event."""
    return EventLog()


@pytest.fixture
def clip_dir(tmp_path: Path) -> Path:
    """A folder for one test's clips."""
    path = tmp_path / "clips"
    path.mkdir()
    return path
