"""The word highlight follows the voice: real espeak-ng audio through the null sink.

Each word event must arrive within 50 ms of the moment the recording reaches that word's
audio: the clip's first sample in the recording (its first loud sample less the clip's own
leading silence) plus the word's offset in the clip. The offsets and the leading silence come
from the same sentence synthesized again by the test (espeak-ng writes the same samples for
the same text and voice), so the narrator's own figures are not what it is checked against.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from alsreader.document.model import Document, Position
from alsreader.speech.events import (
    NarratorEvent,
    SentenceFinished,
    SentenceStarted,
    SpeechState,
    StateChanged,
    WordStarted,
)
from alsreader.speech.narrator import Narrator, Pauses
from alsreader.speech.nullsink import MonitorRecorder, NullSinkServer
from alsreader.speech.player import make_player
from alsreader.speech.synthesizer import Clip, Synthesizer, Voice
from fixtures_audio import EventLog, make_document

pytestmark = pytest.mark.audio

TOLERANCE_S = 0.050
VOICE = Voice(rate=200)
SLOWER = Voice(rate=140)
# A pause before each sentence keeps its first sound apart from the last one's.
PAUSES = Pauses(250, 250, 250)
TEXT = (
    "The quick brown fox jumps over the lazy dog by the river. "
    "Every morning she walked along the quiet harbour wall. "
    "Nothing in the little town had changed for years."
)


@dataclass(frozen=True)
class Reference:
    """A sentence synthesized by the test: its leading silence and its words' offsets."""

    lead_s: float
    offsets: tuple[float, ...]


def _reference(clip: Clip, recorder: MonitorRecorder) -> Reference:
    return Reference(recorder.leading_silence(clip), tuple(word.offset_s for word in clip.words))


@pytest.fixture
def document() -> Document:
    return make_document(TEXT)


@pytest.fixture
def references(clip_dir: Path, document: Document,
               recorder: MonitorRecorder) -> dict[tuple[str, int], Reference]:
    """Every sentence at both rates, synthesized before the narrator starts."""
    made: dict[tuple[str, int], Reference] = {}
    with Synthesizer(clip_dir / "reference") as synth:
        for sentence in document.sections[0].sentences:
            for voice in (VOICE, SLOWER):
                clip = synth.synthesize(sentence.text, voice).result(30)
                made[(sentence.text, voice.rate)] = _reference(clip, recorder)
    return made


@pytest.fixture
def narrator(null_sink: NullSinkServer, clip_dir: Path, document: Document,
             event_log: EventLog) -> Iterator[Narrator]:
    reader = Narrator(document, synthesizer=Synthesizer(clip_dir), player=make_player("pacat"),
                      voice=VOICE, pauses=PAUSES, listener=event_log)
    reader.wait_idle()
    yield reader
    reader.close()


def _spoken_words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text)


def _timed(log: EventLog) -> list[tuple[float, NarratorEvent]]:
    return list(log.events)


def _words_after(log: EventLog, started_at: float,
                 position: Position) -> list[tuple[float, WordStarted]]:
    """The word events of one playing of ``position``: those after the SentenceStarted
    received at ``started_at`` and before anything else started or stopped it."""
    found: list[tuple[float, WordStarted]] = []
    for when, event in _timed(log):
        if when < started_at:
            continue
        if isinstance(event, WordStarted) and event.position == position:
            found.append((when, event))
        elif when > started_at and _ends_playing(event):
            break
    return found


def _ends_playing(event: NarratorEvent) -> bool:
    if isinstance(event, StateChanged):
        return event.state is not SpeechState.READING
    return isinstance(event, SentenceStarted | SentenceFinished)


def _starts(log: EventLog, position: Position) -> list[float]:
    return [when for when, event in _timed(log)
            if isinstance(event, SentenceStarted) and event.position == position]


def _check_words(log: EventLog, recorder: MonitorRecorder, document: Document,
                 position: Position, started_at: float, reference: Reference,
                 *, whole: bool = True) -> None:
    """Assert the word events of the playing started at ``started_at``: the words of the
    sentence (all of them if ``whole``, else the first ones), each when it was heard."""
    section = document.sections[position.section]
    sentence = section.sentences[position.sentence]
    words = _words_after(log, started_at, position)
    # espeak says a few pairs as one word ("in the"): its one mark covers both.
    shown = [word for _, event in words
             for word in _spoken_words(section.text[event.start:event.end])]
    expected = _spoken_words(sentence.text)
    if whole:
        assert shown == expected, "every written word marked once, in order"
        assert len(words) == len(reference.offsets), "one event per word espeak-ng said"
    else:
        assert shown == expected[: len(shown)], "the words heard so far, in order"
    assert [event.start for _, event in words] == sorted(event.start for _, event in words)
    recorder.wait_until(words[-1][0] + 0.1)
    onset = recorder.first_sound_after(started_at - 0.03)
    assert onset is not None, "the sentence was heard"
    first_sample = onset - reference.lead_s
    for (arrived, event), offset in zip(words, reference.offsets, strict=False):
        heard = first_sample + offset
        assert abs(arrived - heard) <= TOLERANCE_S, (
            f"{section.text[event.start:event.end]!r} marked {1000 * (arrived - heard):+.0f} ms "
            "from when it was heard")


def test_every_word_is_marked_in_order_when_it_is_heard(
    narrator: Narrator, event_log: EventLog, recorder: MonitorRecorder, document: Document,
    references: dict[tuple[str, int], Reference],
) -> None:
    sentences = document.sections[0].sentences
    narrator.play(Position(0, 0))
    event_log.wait_for(lambda e: isinstance(e, SentenceFinished), count=len(sentences),
                       timeout=60)
    for index, sentence in enumerate(sentences):
        position = Position(0, index)
        (started_at,) = _starts(event_log, position)
        _check_words(event_log, recorder, document, position, started_at,
                     references[(sentence.text, VOICE.rate)])


def test_after_a_pause_and_resume_the_words_follow_the_voice_again(
    narrator: Narrator, event_log: EventLog, recorder: MonitorRecorder, document: Document,
    references: dict[tuple[str, int], Reference],
) -> None:
    position = Position(0, 1)
    sentence = document.sections[0].sentences[1]
    narrator.play(position)
    event_log.wait_for(lambda e: isinstance(e, WordStarted), count=4)
    narrator.pause()
    event_log.wait_for(lambda e: isinstance(e, StateChanged) and e.state is SpeechState.PAUSED)
    paused_words = len(event_log.of(WordStarted))
    narrator.wait_idle()
    time.sleep(0.6)
    assert len(event_log.of(WordStarted)) == paused_words, "no word is marked while paused"
    narrator.toggle()
    event_log.wait_for(lambda e: isinstance(e, SentenceFinished) and e.position == position)
    first, resumed = _starts(event_log, position)
    reference = references[(sentence.text, VOICE.rate)]
    _check_words(event_log, recorder, document, position, first, reference, whole=False)
    _check_words(event_log, recorder, document, position, resumed, reference)


def test_after_a_rate_change_the_words_follow_the_new_pace(
    narrator: Narrator, event_log: EventLog, recorder: MonitorRecorder, document: Document,
    references: dict[tuple[str, int], Reference],
) -> None:
    position = Position(0, 2)
    sentence = document.sections[0].sentences[2]
    narrator.play(position)
    event_log.wait_for(lambda e: isinstance(e, WordStarted), count=3)
    narrator.set_voice(SLOWER)
    event_log.wait_for(lambda e: isinstance(e, SentenceFinished) and e.position == position,
                       timeout=30)
    first, slower = _starts(event_log, position)
    _check_words(event_log, recorder, document, position, first,
                 references[(sentence.text, VOICE.rate)], whole=False)
    _check_words(event_log, recorder, document, position, slower,
                 references[(sentence.text, SLOWER.rate)])
