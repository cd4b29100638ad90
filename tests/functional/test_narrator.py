"""The narrator reading real espeak-ng speech through the headless PulseAudio null sink."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from alsreader.document.loader import parse_document
from alsreader.document.model import Document, Position
from alsreader.speech.events import (
    DocumentFinished,
    NarratorEvent,
    SectionFinished,
    SentenceFinished,
    SentenceStarted,
    SpeechError,
    SpeechState,
    StateChanged,
)
from alsreader.speech.narrator import Narrator, Pauses
from alsreader.speech.nullsink import MonitorRecorder, NullSinkServer
from alsreader.speech.player import FileSinkPlayer, Player, make_player
from alsreader.speech.synthesizer import Synthesizer, Voice
from fixtures_audio import EventLog, make_document, make_section

pytestmark = pytest.mark.audio

FAST = Voice(rate=400)
NO_PAUSES = Pauses(0, 0, 0)

SECTIONS = (
    "First one here. Second one here. Third one here.",
    "Fourth one here.\n\nFifth one here.",
)

MakeNarrator = Callable[..., Narrator]


@pytest.fixture
def make_narrator(
    null_sink: NullSinkServer, clip_dir: Path, event_log: EventLog
) -> Iterator[MakeNarrator]:
    made: list[Narrator] = []

    def build(
        document: Document | None = None,
        *,
        player: Player | None = None,
        voice: Voice = FAST,
        pauses: Pauses = NO_PAUSES,
        **options: object,
    ) -> Narrator:
        narrator = Narrator(
            document or make_document(*SECTIONS),
            synthesizer=Synthesizer(clip_dir),
            player=player or make_player("pacat"),
            voice=voice,
            pauses=pauses,
            listener=event_log,
            **options,  # type: ignore[arg-type]
        )
        made.append(narrator)
        return narrator

    yield build
    for narrator in made:
        narrator.close()


def started(position: Position) -> Callable[[NarratorEvent], bool]:
    return lambda e: isinstance(e, SentenceStarted) and e.position == position


def _positions(log: EventLog, kind: type[NarratorEvent]) -> list[Position]:
    return [e.position for e in log.of(kind)]  # type: ignore[attr-defined]


def test_reads_every_sentence_in_order_to_the_end(
    make_narrator: MakeNarrator, event_log: EventLog, recorder: MonitorRecorder
) -> None:
    narrator = make_narrator()
    begin = time.perf_counter()
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    end = time.perf_counter()
    order = [Position(0, 0), Position(0, 1), Position(0, 2), Position(1, 0), Position(1, 1)]
    assert _positions(event_log, SentenceStarted) == order
    assert _positions(event_log, SentenceFinished) == order
    assert [e.section for e in event_log.of(SectionFinished)] == [0, 1]  # type: ignore[attr-defined]
    assert event_log.of(SpeechError) == []
    assert narrator.state is SpeechState.STOPPED
    recorder.wait_until(end)
    # With no pauses configured, speech was heard without a gap from start to end.
    spans = recorder.sound_spans(begin, end, min_gap_s=0.2)
    assert spans
    assert spans[0].start - begin < 0.3
    timeline = [(round(t - begin, 3), e) for t, e in event_log.events]
    heard = [(round(s.start - begin, 3), round(s.end - begin, 3)) for s in spans]
    assert sum(span.length for span in spans) > 0.85 * (end - spans[0].start), (heard, timeline)


def test_skips_sentences_that_are_not_spoken(
    make_narrator: MakeNarrator, event_log: EventLog
) -> None:
    section = make_section("Code", "Say this. print(x). Say that too.", unspoken=(1,))
    narrator = make_narrator(Document("Doc", [section]))
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    assert _positions(event_log, SentenceStarted) == [Position(0, 0), Position(0, 2)]


def test_speak_code_reads_the_code_block_aloud(
    make_narrator: MakeNarrator, event_log: EventLog
) -> None:
    document = parse_document("Say this.\n\n```\nprint(x)\n```\n\nSay that too.\n",
                              "markdown")
    narrator = make_narrator(document, speak_code=True)
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    assert _positions(event_log, SentenceStarted) == [Position(0, 0), Position(0, 1),
                                                      Position(0, 2)]
    # The code block was made into speech and played to its end like any sentence.
    assert _positions(event_log, SentenceFinished) == [Position(0, 0), Position(0, 1),
                                                       Position(0, 2)]
    assert not event_log.of(SpeechError)


def test_pause_keeps_the_sentence_and_resume_restarts_it(
    make_narrator: MakeNarrator, event_log: EventLog, recorder: MonitorRecorder
) -> None:
    narrator = make_narrator(voice=Voice(rate=250))
    narrator.play()
    event_log.wait_for(started(Position(0, 1)))
    time.sleep(0.2)
    paused_at = time.perf_counter()
    narrator.pause()
    assert narrator.wait_idle()
    assert narrator.state is SpeechState.PAUSED
    assert narrator.position == Position(0, 1)
    recorder.wait_until(paused_at + 0.8)
    quiet = recorder.silent_from(paused_at, min_silence_s=0.6)
    assert quiet is not None, "still sounding after pause"
    assert quiet - paused_at < 0.3  # loose; the figure is measured in the bench
    assert Position(0, 1) not in _positions(event_log, SentenceFinished)
    narrator.play()
    event_log.wait_for(started(Position(0, 1)), count=2)
    event_log.wait_for(lambda e: isinstance(e, SentenceFinished) and e.position == Position(0, 1))


def test_skip_while_reading_reads_from_the_new_place(
    make_narrator: MakeNarrator, event_log: EventLog
) -> None:
    narrator = make_narrator(voice=Voice(rate=250))
    narrator.play()
    event_log.wait_for(started(Position(0, 0)))
    narrator.next_sentence()
    narrator.next_sentence()
    event_log.wait_for(started(Position(0, 2)))
    narrator.next_section()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    # (0, 1) may or may not have started sounding before the second press reached it.
    heard = [p for p in _positions(event_log, SentenceStarted) if p != Position(0, 1)]
    assert heard == [Position(0, 0), Position(0, 2), Position(1, 0), Position(1, 1)]
    # Only the sentences read to their end were finished.
    assert _positions(event_log, SentenceFinished) == [Position(1, 0), Position(1, 1)]


def test_moving_while_paused_is_silent(
    make_narrator: MakeNarrator, event_log: EventLog, recorder: MonitorRecorder
) -> None:
    narrator = make_narrator()
    narrator.next_sentence()
    narrator.next_section()
    narrator.previous_sentence()
    assert narrator.wait_idle()
    moved = time.perf_counter()
    assert narrator.position == Position(0, 2)
    assert _positions(event_log, SentenceStarted) == [
        Position(0, 1), Position(1, 0), Position(0, 2),
    ]
    time.sleep(0.4)
    recorder.wait_until(time.perf_counter())
    assert recorder.first_sound_after(moved) is None


def test_a_cancelled_sentences_late_events_change_nothing(
    make_narrator: MakeNarrator, event_log: EventLog
) -> None:
    narrator = make_narrator(voice=Voice(rate=250))
    narrator.play()
    event_log.wait_for(started(Position(0, 0)))
    old_generation = narrator._generation
    narrator.pause()
    assert narrator.wait_idle()
    before = list(event_log.events)
    # What the player and the synthesizer would deliver for the cancelled sentence, late:
    narrator._put("played", old_generation, Position(0, 0))
    narrator._put("player_failed", old_generation, "the old player died")
    narrator._put("clip", old_generation, Position(0, 0), narrator._pending[Position(0, 1)].future)
    assert narrator.wait_idle()
    assert event_log.events == before
    assert narrator.position == Position(0, 0)
    assert narrator.state is SpeechState.PAUSED


def test_stops_at_the_section_end_when_not_continuous(
    make_narrator: MakeNarrator, event_log: EventLog
) -> None:
    narrator = make_narrator(continuous=False)
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, SectionFinished))
    event_log.wait_for(lambda e: e == StateChanged(SpeechState.STOPPED))
    assert narrator.wait_idle()
    assert narrator.position == Position(1, 0)
    assert _positions(event_log, SentenceFinished) == [
        Position(0, 0), Position(0, 1), Position(0, 2),
    ]
    assert event_log.of(DocumentFinished) == []


def test_a_new_voice_restarts_the_sentence_being_read(
    make_narrator: MakeNarrator, event_log: EventLog, tmp_path: Path
) -> None:
    sink = FileSinkPlayer(tmp_path / "heard.wav")
    narrator = make_narrator(make_document("Only one sentence here to say."), player=sink,
                             voice=Voice(rate=150))
    # The file sink finishes at once, so change the voice before the first clip exists.
    narrator.set_voice(Voice(rate=400))
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    assert narrator.voice == Voice(rate=400)
    assert len(sink.played) == 1
    fast = sink.played[0].duration_s
    slow_narrator = make_narrator(make_document("Only one sentence here to say."),
                                  player=FileSinkPlayer(tmp_path / "slow.wav"),
                                  voice=Voice(rate=150))
    event_log.clear()
    slow_narrator.play()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    assert fast < 0.6 * slow_narrator_duration(event_log, tmp_path / "slow.wav")


def slow_narrator_duration(log: EventLog, path: Path) -> float:
    import wave

    with wave.open(str(path)) as reader:
        return reader.getnframes() / reader.getframerate()


def test_voice_change_mid_sentence_restarts_it_with_the_new_voice(
    make_narrator: MakeNarrator, event_log: EventLog
) -> None:
    narrator = make_narrator(voice=Voice(rate=200))
    narrator.play()
    event_log.wait_for(started(Position(0, 0)))
    time.sleep(0.15)
    narrator.set_voice(Voice(rate=400))
    event_log.wait_for(started(Position(0, 0)), count=2)
    event_log.wait_for(lambda e: isinstance(e, SentenceFinished))
    assert _positions(event_log, SentenceFinished)[0] == Position(0, 0)
    assert narrator.voice.rate == 400


def test_pauses_between_paragraphs_are_heard(
    make_narrator: MakeNarrator, event_log: EventLog, recorder: MonitorRecorder
) -> None:
    document = make_document("One here.\n\nTwo here.")
    narrator = make_narrator(document, pauses=Pauses(0, 700, 0))
    begin = time.perf_counter()
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    end = time.perf_counter()
    recorder.wait_until(end)
    spans = recorder.sound_spans(begin, end, min_gap_s=0.5)
    assert len(spans) == 2
    assert spans[1].start - spans[0].end >= 0.65


def test_without_a_player_the_place_still_moves(
    null_sink: NullSinkServer, clip_dir: Path, event_log: EventLog
) -> None:
    narrator = Narrator(
        make_document(*SECTIONS), synthesizer=Synthesizer(clip_dir), player=None, voice=FAST,
        listener=event_log, player_name="gramophone", problem="The player is missing.",
    )
    try:
        narrator.play()
        narrator.next_sentence()
        assert narrator.wait_idle()
        assert narrator.state is SpeechState.UNAVAILABLE
        assert narrator.position == Position(0, 1)
        unavailable = [e for e in event_log.of(StateChanged)
                       if e.state is SpeechState.UNAVAILABLE]  # type: ignore[attr-defined]
        assert unavailable
        assert "gramophone" in unavailable[-1].reason  # type: ignore[attr-defined]
    finally:
        narrator.close()


def test_clips_do_not_pile_up(
    make_narrator: MakeNarrator, event_log: EventLog, clip_dir: Path
) -> None:
    narrator = make_narrator()
    narrator.play()
    event_log.wait_for(started(Position(1, 0)))
    narrator.previous_section()
    event_log.wait_for(started(Position(0, 0)), count=2)
    narrator.goto(Position(1, 1), play=True)
    event_log.wait_for(lambda e: isinstance(e, DocumentFinished))
    assert narrator.wait_idle()
    time.sleep(0.1)
    left = [p for p in clip_dir.rglob("*.wav")]
    assert len(left) <= 1, left  # at most a prepared clip for the current place
    narrator.close()
    assert list(clip_dir.rglob("*.wav")) == []
