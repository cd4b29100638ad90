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
from alsreader.speech.synthesizer import Synthesizer, Voice
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


@dataclass
class Reading:
    """A narrator reading TEXT on pacat, its events, the recording, and the references."""

    narrator: Narrator
    log: EventLog
    recorder: MonitorRecorder
    document: Document
    references: dict[tuple[str, int], Reference]

    def starts(self, position: Position) -> list[float]:
        """When each playing of ``position`` started (its SentenceStarted arrived)."""
        return [when for when, event in list(self.log.events)
                if isinstance(event, SentenceStarted) and event.position == position]

    def words_after(self, started_at: float,
                    position: Position) -> list[tuple[float, WordStarted]]:
        """The word events of one playing of ``position``: those after the SentenceStarted
        received at ``started_at`` and before anything else started or stopped it."""
        found: list[tuple[float, WordStarted]] = []
        for when, event in list(self.log.events):
            if when < started_at:
                continue
            if isinstance(event, WordStarted) and event.position == position:
                found.append((when, event))
            elif when > started_at and _ends_playing(event):
                break
        return found

    def check(self, position: Position, started_at: float, voice: Voice,
              *, whole: bool = True) -> None:
        """Assert the word events of the playing started at ``started_at``: the words of
        the sentence (all of them if ``whole``, else the first ones), each when heard."""
        section = self.document.sections[position.section]
        sentence = section.sentences[position.sentence]
        reference = self.references[(sentence.text, voice.rate)]
        words = self.words_after(started_at, position)
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
        self.recorder.wait_until(words[-1][0] + 0.1)
        onset = self.recorder.first_sound_after(started_at - 0.03)
        assert onset is not None, "the sentence was heard"
        first_sample = onset - reference.lead_s
        for (arrived, event), offset in zip(words, reference.offsets, strict=False):
            heard = first_sample + offset
            assert abs(arrived - heard) <= TOLERANCE_S, (
                f"{section.text[event.start:event.end]!r} marked "
                f"{1000 * (arrived - heard):+.0f} ms from when it was heard")


@pytest.fixture
def reading(null_sink: NullSinkServer, clip_dir: Path, event_log: EventLog,
            recorder: MonitorRecorder) -> Iterator[Reading]:
    document = make_document(TEXT)
    player = make_player("pacat")
    # Every sentence at both rates, synthesized before the narrator starts.
    references: dict[tuple[str, int], Reference] = {}
    with Synthesizer(clip_dir / "reference") as synth:
        for sentence in document.sections[0].sentences:
            for voice in (VOICE, SLOWER):
                clip = synth.synthesize(sentence.text, voice).result(30)
                references[(sentence.text, voice.rate)] = Reference(
                    recorder.leading_silence(clip), tuple(w.offset_s for w in clip.words))
    narrator = Narrator(document, synthesizer=Synthesizer(clip_dir), player=player,
                        voice=VOICE, pauses=PAUSES, listener=event_log)
    narrator.wait_idle()
    yield Reading(narrator, event_log, recorder, document, references)
    narrator.close()


def _spoken_words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text)


def _ends_playing(event: NarratorEvent) -> bool:
    if isinstance(event, StateChanged):
        return event.state is not SpeechState.READING
    return isinstance(event, SentenceStarted | SentenceFinished)


def test_every_word_is_marked_in_order_when_it_is_heard(reading: Reading) -> None:
    sentences = reading.document.sections[0].sentences
    reading.narrator.play(Position(0, 0))
    reading.log.wait_for(lambda e: isinstance(e, SentenceFinished), count=len(sentences),
                         timeout=60)
    for index in range(len(sentences)):
        position = Position(0, index)
        (started_at,) = reading.starts(position)
        reading.check(position, started_at, VOICE)


def test_after_a_pause_and_resume_the_words_follow_the_voice_again(reading: Reading) -> None:
    position = Position(0, 1)
    log = reading.log
    reading.narrator.play(position)
    log.wait_for(lambda e: isinstance(e, WordStarted), count=4)
    reading.narrator.pause()
    log.wait_for(lambda e: isinstance(e, StateChanged) and e.state is SpeechState.PAUSED)
    paused_words = len(log.of(WordStarted))
    reading.narrator.wait_idle()
    time.sleep(0.6)
    assert len(log.of(WordStarted)) == paused_words, "no word is marked while paused"
    reading.narrator.toggle()
    log.wait_for(lambda e: isinstance(e, SentenceFinished) and e.position == position)
    first, resumed = reading.starts(position)
    reading.check(position, first, VOICE, whole=False)
    reading.check(position, resumed, VOICE)


def test_after_a_rate_change_the_words_follow_the_new_pace(reading: Reading) -> None:
    position = Position(0, 2)
    reading.narrator.play(position)
    reading.log.wait_for(lambda e: isinstance(e, WordStarted), count=3)
    reading.narrator.set_voice(SLOWER)
    reading.log.wait_for(lambda e: isinstance(e, SentenceFinished) and e.position == position,
                         timeout=30)
    first, slower = reading.starts(position)
    reading.check(position, first, VOICE, whole=False)
    reading.check(position, slower, SLOWER)


def test_after_a_skip_the_words_are_those_of_the_new_sentence(reading: Reading) -> None:
    here, there = Position(0, 0), Position(0, 1)
    reading.narrator.play(here)
    reading.log.wait_for(lambda e: isinstance(e, WordStarted), count=3)
    reading.narrator.next_sentence()
    reading.log.wait_for(lambda e: isinstance(e, SentenceFinished) and e.position == there,
                         timeout=30)
    (skipped_at,) = reading.starts(there)
    late = [event for when, event in list(reading.log.events)
            if when >= skipped_at and isinstance(event, WordStarted) and event.position == here]
    assert late == [], "no word of the sentence skipped is marked after the skip"
    reading.check(here, reading.starts(here)[0], VOICE, whole=False)
    reading.check(there, skipped_at, VOICE)
