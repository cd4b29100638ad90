"""The sleep timer's fade, paragraph steps and spoken section titles, with real espeak-ng
speech through the headless PulseAudio null sink."""

from __future__ import annotations

import time

import pytest

from alsreader.document.loader import parse_document
from alsreader.document.model import Position
from alsreader.speech.events import (
    DocumentFinished,
    ReadingFaded,
    SectionTitleStarted,
    SentenceFinished,
    SentenceStarted,
    SpeechState,
)
from alsreader.speech.narrator import Pauses
from alsreader.speech.nullsink import MonitorRecorder
from fixtures_audio import EventLog, make_document

from . import test_narrator
from .test_narrator import MakeNarrator, started

pytestmark = pytest.mark.audio

make_narrator = test_narrator.make_narrator
"""The narrator on the null sink, as the narrator's own tests build it (a fixture)."""

STEADY = "The garden grows slowly in the quiet rain of the spring morning."
"""A sentence long enough to hear a fade in, said the same way each time."""


def _times(log: EventLog, test: type, position: Position) -> float:
    return next(t for t, e in log.events
                if isinstance(e, test) and getattr(e, "position", None) == position)


def test_fade_out_fades_the_next_sentence_and_pauses_at_its_end(
    make_narrator: MakeNarrator, event_log: EventLog, recorder: MonitorRecorder
) -> None:
    narrator = make_narrator(make_document(" ".join([STEADY] * 4)))
    narrator.play()
    event_log.wait_for(started(Position(0, 0)))
    narrator.fade_out()
    faded = event_log.wait_for(lambda e: isinstance(e, ReadingFaded))
    assert faded == ReadingFaded(Position(0, 1))  # the next sentence to begin was the last
    assert narrator.state is SpeechState.PAUSED
    assert narrator.position == Position(0, 1)  # the place is kept on the faded sentence
    assert [e.position for e in event_log.of(SentenceStarted)] == [  # type: ignore[attr-defined]
        Position(0, 0), Position(0, 1)]
    # It stopped at the sentence's end: what was heard of it ends before the event, and
    # nothing more is heard after it.
    begin = _times(event_log, SentenceStarted, Position(0, 1))
    end = _times(event_log, SentenceFinished, Position(0, 1))
    recorder.wait_until(end + 1.0)
    assert recorder.first_sound_after(end + 0.2) is None
    first = recorder.first_sound_after(begin)
    assert first is not None
    length = end - first
    full = recorder.rms(first, first + length / 4)
    tail = recorder.rms(first + length * 0.6, end)
    assert full > 0
    assert tail < 0.25 * full, (full, tail)  # the voice fades out over the sentence
    # The sentence before it was not faded: its last part is as loud as the faded one's start.
    before = _times(event_log, SentenceStarted, Position(0, 0))
    before_end = _times(event_log, SentenceFinished, Position(0, 0))
    heard = recorder.first_sound_after(before)
    assert heard is not None
    assert recorder.rms(heard + (before_end - heard) * 0.6, before_end) > 0.5 * full


def test_fade_out_at_a_section_end_reads_to_the_section_end(
    make_narrator: MakeNarrator, event_log: EventLog
) -> None:
    narrator = make_narrator(make_document("One here. Two here. Three here.", "Four here."))
    narrator.fade_out(last_section=0)
    narrator.play()
    faded = event_log.wait_for(lambda e: isinstance(e, ReadingFaded))
    assert faded == ReadingFaded(Position(0, 2))
    assert narrator.state is SpeechState.PAUSED
    narrator.wait_idle()
    assert Position(1, 0) not in [e.position for e in event_log.of(SentenceStarted)]  # type: ignore[attr-defined]
    # Resuming reads the faded sentence again, in full, and on into the next section.
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    assert len(event_log.of(ReadingFaded)) == 1


def test_a_cancelled_fade_reads_on(make_narrator: MakeNarrator, event_log: EventLog) -> None:
    narrator = make_narrator(make_document("One here. Two here. Three here."))
    narrator.play()
    event_log.wait_for(started(Position(0, 0)))
    narrator.fade_out()
    narrator.cancel_fade()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    assert event_log.of(ReadingFaded) == []


def test_a_section_title_is_said_first_with_its_own_pause(
    make_narrator: MakeNarrator, event_log: EventLog, recorder: MonitorRecorder
) -> None:
    # Sections built straight from the model have titles ("Section 1") but no heading in
    # their text, as a PDF's or a plain text's sections often do.
    narrator = make_narrator(make_document("One here.", "Two here."),
                             pauses=Pauses(0, 0, 700, title_ms=900), speak_titles=True)
    begin = time.perf_counter()
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    end = time.perf_counter()
    kinds = [(type(e).__name__, e.position) for _, e in event_log.events  # type: ignore[attr-defined]
             if isinstance(e, (SectionTitleStarted, SentenceStarted))]
    assert kinds == [
        ("SectionTitleStarted", Position(0, 0)), ("SentenceStarted", Position(0, 0)),
        ("SectionTitleStarted", Position(1, 0)), ("SentenceStarted", Position(1, 0)),
    ]
    recorder.wait_until(end + 0.5)
    spans = recorder.sound_spans(begin, end + 0.5, min_gap_s=0.6)
    # Title, its pause, sentence, the section pause, title, its pause, sentence.
    assert len(spans) == 4, spans
    assert spans[1].start - spans[0].end >= 0.85
    assert spans[3].start - spans[2].end >= 0.85
    assert spans[0].length > 0.3  # "Section 1" was said


def test_a_heading_in_the_text_is_the_title_and_is_said_once(
    make_narrator: MakeNarrator, event_log: EventLog, recorder: MonitorRecorder
) -> None:
    document = parse_document("# Rain\n\nOne here. Two here.\n", "markdown")
    narrator = make_narrator(document, pauses=Pauses(0, 0, 0, title_ms=900),
                             speak_titles=True)
    begin = time.perf_counter()
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    end = time.perf_counter()
    assert event_log.of(SectionTitleStarted) == []
    recorder.wait_until(end + 0.5)
    spans = recorder.sound_spans(begin, end + 0.5, min_gap_s=0.6)
    # The heading, its title pause, then the two sentences without a pause between them.
    assert len(spans) == 2, spans
    assert spans[1].start - spans[0].end >= 0.85


def test_titles_off_says_no_title(make_narrator: MakeNarrator, event_log: EventLog) -> None:
    narrator = make_narrator(make_document("One here.", "Two here."))
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    assert event_log.of(SectionTitleStarted) == []


def test_paragraph_steps_while_reading(
    make_narrator: MakeNarrator, event_log: EventLog
) -> None:
    document = make_document("One here. Two here.\n\nThree here. Four here.", "Five here.")
    narrator = make_narrator(document)
    narrator.play()
    event_log.wait_for(started(Position(0, 0)))
    narrator.next_paragraph()
    event_log.wait_for(started(Position(0, 2)))
    assert narrator.state is SpeechState.READING  # reading goes on from the new place
    narrator.next_paragraph()
    event_log.wait_for(started(Position(1, 0)))  # after the last paragraph: the next section
    narrator.previous_paragraph()
    event_log.wait_for(started(Position(0, 2)), count=2)
    narrator.pause()
    narrator.wait_idle()
    narrator.previous_paragraph()
    narrator.previous_paragraph()  # at the first paragraph: stays
    narrator.wait_idle()
    assert narrator.position == Position(0, 0)
