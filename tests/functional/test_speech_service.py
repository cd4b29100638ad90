"""The speech service with real espeak-ng audio through the null sink: ``say`` is heard,
cuts off the utterance before it, pauses the book, and stops when the book reads."""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import CancelledError
from pathlib import Path

import pytest

from alsreader.config import Settings
from alsreader.document.model import Position
from alsreader.speech.events import SpeechState, StateChanged
from alsreader.speech.nullsink import MonitorRecorder, NullSinkServer
from alsreader.speech.service import SpeechService, UtteranceFailed
from alsreader.speech.synthesizer import Voice
from fixtures_audio import EventLog, make_document

pytestmark = pytest.mark.audio

PHRASE = "Yes, please. I would like some water now."


@pytest.fixture
def service(null_sink: NullSinkServer, event_log: EventLog) -> Iterator[SpeechService]:
    settings = Settings()
    settings.voice.rate = 260
    settings.voice.player = "paplay"
    with SpeechService(settings, listener=event_log) as made:
        yield made


def test_say_is_heard_and_its_future_finishes(
    service: SpeechService, recorder: MonitorRecorder
) -> None:
    begin = time.perf_counter()
    done = service.say(PHRASE)
    assert not done.done() or done.exception() is None  # say never blocks the caller
    done.result(timeout=20)
    end = time.perf_counter()
    recorder.wait_until(end + 0.2)
    spans = recorder.sound_spans(begin, end + 0.2, min_gap_s=0.3)
    assert spans, "nothing was heard"
    assert sum(span.length for span in spans) > 1.0  # a sentence of speech, not a click
    assert not service.speaking


def test_a_new_utterance_cuts_off_the_one_before(
    service: SpeechService, recorder: MonitorRecorder
) -> None:
    long_one = service.say("This is a long sentence that goes on and on for several seconds "
                           "while the person waits to say something else entirely.")
    time.sleep(1.0)
    second = service.say("No.")
    with pytest.raises(CancelledError):
        long_one.result(timeout=5)
    second.result(timeout=20)
    finished = time.perf_counter()
    recorder.wait_until(finished + 0.6)
    assert recorder.silent_from(finished, min_silence_s=0.4) is not None


def test_say_pauses_the_book_and_the_book_silences_say(
    service: SpeechService, event_log: EventLog, recorder: MonitorRecorder
) -> None:
    document = make_document("One sentence to read. Another sentence to read. A third one.")
    narrator = service.narrator_for(document, Position(0, 0))
    assert service.narrator is narrator
    narrator.play()
    event_log.wait_for(lambda e: isinstance(e, StateChanged) and e.state is SpeechState.READING)
    spoken = service.say("Help.", Voice(rate=300))
    event_log.wait_for(lambda e: isinstance(e, StateChanged) and e.state is SpeechState.PAUSED)
    spoken.result(timeout=20)
    # The book reading again cuts off an utterance still sounding.
    talking = service.say("I need to tell you something rather long before you go on reading.")
    time.sleep(0.5)
    narrator.play()
    with pytest.raises(CancelledError):
        talking.result(timeout=5)
    assert not service.speaking


def test_the_same_narrator_reads_the_next_document(service: SpeechService) -> None:
    first = service.narrator_for(make_document("First one."), Position(0, 0))
    second = service.narrator_for(make_document("Second one. Two sentences."), Position(0, 1))
    assert first is second
    assert second.wait_idle()
    assert second.position == Position(0, 1)


def test_settings_changes_reach_the_narrator(service: SpeechService) -> None:
    narrator = service.narrator_for(make_document("Some text."), Position(0, 0))
    service.settings.voice.rate = 200
    service.settings.reading.pause_paragraph_ms = 700
    service.apply_settings(frozenset({"voice.rate", "reading.pause_paragraph_ms"}))
    assert narrator.wait_idle()
    assert narrator.voice == Voice(None, 200, service.settings.voice.volume,
                                   service.settings.voice.pitch)
    assert narrator.pauses.paragraph_ms == 700


def test_without_a_player_say_fails_plainly(null_sink: NullSinkServer) -> None:
    settings = Settings()
    with SpeechService(settings, player_name="no-such-player") as service:
        with pytest.raises(UtteranceFailed) as failure:
            service.say("Hello.").result(timeout=20)
        assert str(failure.value)


def test_after_close_say_fails_at_once(null_sink: NullSinkServer) -> None:
    service = SpeechService(Settings(), player_name="silent")
    service.close()
    with pytest.raises(UtteranceFailed):
        service.say("Hello.").result(timeout=1)
    service.close()  # twice is fine


def test_a_documents_language_chooses_the_voice_unless_one_is_fixed(
    null_sink: NullSinkServer,
) -> None:
    spanish = make_document("Hola. Buenos días.")
    spanish.language = "es"
    settings = Settings()
    with SpeechService(settings, player_name="silent") as service:
        narrator = service.narrator_for(spanish, Position(0, 0))
        assert narrator.voice.voice_id == "roa/es"
        english = make_document("Hello there.")
        service.narrator_for(english, Position(0, 0))
        assert narrator.wait_idle()
        assert narrator.voice.voice_id is None  # back to the default voice
    settings.voice.voice = "gmw/de"
    with SpeechService(settings, player_name="silent") as service:
        narrator = service.narrator_for(spanish, Position(0, 0))
        assert narrator.voice.voice_id == "gmw/de"  # the caregiver's choice wins


def test_a_text_file_without_metadata_is_read_by_the_voice_of_its_language(
    null_sink: NullSinkServer, tmp_path: Path,
) -> None:
    """A Spanish .txt says no language; it is told from its words, and the Spanish voice
    of the installed espeak-ng reads it."""
    from alsreader.document import load_document

    path = tmp_path / "quijote.txt"
    path.write_text(
        "En un lugar de la Mancha, de cuyo nombre no quiero acordarme, no ha mucho tiempo "
        "que vivía un hidalgo de los de lanza en astillero, adarga antigua, rocín flaco y "
        "galgo corredor. Una olla de algo más vaca que carnero, salpicón las más noches, "
        "duelos y quebrantos los sábados, lantejas los viernes.\n", encoding="utf-8")
    document = load_document(path)
    with SpeechService(Settings(), player_name="silent") as service:
        narrator = service.narrator_for(document, Position(0, 0))
        assert narrator.voice.voice_id == "roa/es"


GUTENBERG_CHAPTER = """\
CHAPTER I.

It was dark when the ferry came in, and the river was high.

[Illustration: THE FERRY
   AT DAWN]

He slept on the boards until the bell rang.
"""


def test_picture_captions_are_passed_over_when_turned_off(
    null_sink: NullSinkServer, tmp_path: Path,
) -> None:
    """`reading.illustration_captions` off: the narrator reads past "[Illustration: ...]"
    (still shown); turned on again in settings, it is read from the next move on."""
    from alsreader.document import load_document
    from alsreader.document.model import ParagraphKind

    path = tmp_path / "ferry.txt"
    path.write_text(GUTENBERG_CHAPTER, encoding="utf-8")
    document = load_document(path)
    section = document.sections[-1]
    texts = [s.text for s in section.sentences]
    caption = texts.index("THE FERRY AT DAWN")
    assert section.paragraphs[section.sentences[caption].paragraph].kind is ParagraphKind.CAPTION
    settings = Settings()
    settings.reading.illustration_captions = False
    with SpeechService(settings, player_name="silent") as service:
        narrator = service.narrator_for(document, Position(section.index, caption - 1))
        narrator.next_sentence()
        assert narrator.wait_idle()
        assert narrator.position == Position(section.index, caption + 1)
        settings.reading.illustration_captions = True
        service.apply_settings(frozenset({"reading.illustration_captions"}))
        narrator.goto(Position(section.index, caption - 1))
        narrator.next_sentence()
        assert narrator.wait_idle()
        assert narrator.position == Position(section.index, caption)


def test_the_text_command_leaves_out_captions_when_they_are_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    from alsreader.cli import main

    path = tmp_path / "ferry.txt"
    path.write_text(GUTENBERG_CHAPTER, encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text("reading:\n  illustration_captions: false\n", encoding="utf-8")
    assert main(["text", str(path), "--config", str(config)]) == 0
    silent = capsys.readouterr().out
    assert "FERRY" not in silent
    assert "He slept on the boards until the bell rang." in silent
    assert main(["text", str(path)]) == 0
    assert "THE FERRY AT DAWN" in capsys.readouterr().out
