"""The narrator's reading place, with no sound parts at all (speech unavailable).

Without an engine or a player the narrator must still move the place and say why it is
silent; these tests need no audio and run in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from alsreader.document.loader import parse_document
from alsreader.document.model import Document, Position
from alsreader.speech.engine import SpeechUnavailable
from alsreader.speech.events import SentenceStarted, SpeechState, StateChanged
from alsreader.speech.narrator import Narrator, Pauses, make_narrator_parts
from alsreader.speech.player import SilentPlayer, make_player
from alsreader.speech.synthesizer import Voice
from fixtures_audio import EventLog, make_document, make_section

THREE_SECTIONS = (
    "One a. One b. One c.",
    "Two a. Two b.\n\nTwo c.",
    "Three a.",
)


def _narrator(document: Document, log: EventLog, **options: object) -> Narrator:
    return Narrator(
        document, synthesizer=None, player=None, voice=Voice(), pauses=Pauses(),
        listener=log, problem="No speech engine was found.", player_name="gramophone",
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def silent_narrator(event_log: EventLog) -> Iterator[Narrator]:
    narrator = _narrator(make_document(*THREE_SECTIONS), event_log)
    yield narrator
    narrator.close()


def _started(log: EventLog) -> list[Position]:
    return [e.position for e in log.of(SentenceStarted)]  # type: ignore[attr-defined]


def test_reports_unavailable_with_the_reason(
    silent_narrator: Narrator, event_log: EventLog
) -> None:
    assert silent_narrator.wait_idle()
    states = event_log.of(StateChanged)
    assert states == [StateChanged(SpeechState.UNAVAILABLE, "No speech engine was found.")]
    assert silent_narrator.state is SpeechState.UNAVAILABLE


def test_moves_by_sentence_across_sections(silent_narrator: Narrator, event_log: EventLog) -> None:
    for _ in range(4):
        silent_narrator.next_sentence()
    silent_narrator.previous_sentence()
    assert silent_narrator.wait_idle()
    assert _started(event_log) == [
        Position(0, 1), Position(0, 2), Position(1, 0), Position(1, 1), Position(1, 0),
    ]
    assert silent_narrator.position == Position(1, 0)


def test_moves_by_section_and_stays_at_the_ends(
    silent_narrator: Narrator, event_log: EventLog
) -> None:
    silent_narrator.previous_section()  # already in the first: stays at its start
    silent_narrator.next_section()
    silent_narrator.next_section()
    silent_narrator.next_section()  # no fourth section: stays
    silent_narrator.next_sentence()  # last sentence of the document: stays
    assert silent_narrator.wait_idle()
    assert silent_narrator.position == Position(2, 0)
    silent_narrator.previous_section()
    assert silent_narrator.wait_idle()
    assert silent_narrator.position == Position(1, 0)


def test_goto_and_play_move_the_place_without_sound(
    silent_narrator: Narrator, event_log: EventLog
) -> None:
    silent_narrator.goto(Position(1, 2))
    silent_narrator.play(Position(0, 1))
    assert silent_narrator.wait_idle()
    assert silent_narrator.position == Position(0, 1)
    # play() tried to set speech up again; the player named in the settings still is not there
    assert silent_narrator.state is SpeechState.UNAVAILABLE
    assert "gramophone" in silent_narrator.problem
    assert _started(event_log)[-2:] == [Position(1, 2), Position(0, 1)]


def test_goto_out_of_range_is_clamped(silent_narrator: Narrator) -> None:
    silent_narrator.goto(Position(9, 9))
    assert silent_narrator.wait_idle()
    assert silent_narrator.position == Position(2, 0)


def test_navigation_skips_unspoken_sentences(event_log: EventLog) -> None:
    text = "Read me. skipped(). also_skipped(). Read me too."
    section = make_section("Code", text, unspoken=(1, 2))
    narrator = _narrator(Document("Doc", [section]), event_log)
    try:
        narrator.next_sentence()
        assert narrator.wait_idle()
        assert narrator.position == Position(0, 3)
        narrator.previous_sentence()
        assert narrator.wait_idle()
        assert narrator.position == Position(0, 0)
    finally:
        narrator.close()


CODE_AND_RULE = (
    "# Doc\n\nSay this first.\n\n```python\nprint(\"hello\")\nx = 1\n```\n\n"
    "Then this.\n\n~ ~ ~\n\nSay that last.\n"
)


def test_speak_code_reads_code_blocks_but_never_decorations(event_log: EventLog) -> None:
    document = parse_document(CODE_AND_RULE, "markdown")
    texts = [sentence.text for sentence in document.sections[0].sentences]
    code, rule = texts.index('print("hello")\nx = 1'), texts.index("~ ~ ~")
    narrator = _narrator(document, event_log, speak_code=True)
    try:
        assert narrator.speak_code
        narrator.goto(Position(0, code - 1))
        narrator.next_sentence()
        assert narrator.wait_idle()
        assert narrator.position == Position(0, code)  # the code block is read
        narrator.next_sentence()
        narrator.next_sentence()
        assert narrator.wait_idle()
        # The scene break is shown but never read, code or not.
        assert narrator.position == Position(0, rule + 1)
        narrator.set_speak_code(False)
        narrator.goto(Position(0, code - 1))
        narrator.next_sentence()
        assert narrator.wait_idle()
        assert not narrator.speak_code
        assert narrator.position == Position(0, code + 1)  # skipped again
    finally:
        narrator.close()


def test_retry_uses_a_part_that_has_come_back(event_log: EventLog) -> None:
    parts = make_narrator_parts(player_name="silent")
    assert parts.synthesizer is not None
    narrator = Narrator(
        make_document("Hello."), synthesizer=parts.synthesizer, player=None, voice=Voice(),
        listener=event_log, player_name="silent", problem="The audio player went away.",
    )
    try:
        assert narrator.wait_idle()
        assert narrator.state is SpeechState.UNAVAILABLE
        narrator.retry()
        assert narrator.wait_idle()
        assert narrator.state is SpeechState.STOPPED
        assert narrator.problem == ""
    finally:
        narrator.close()


def test_unknown_or_missing_players_say_what_to_do() -> None:
    with pytest.raises(SpeechUnavailable, match="choose one of"):
        make_player("gramophone")
    assert isinstance(make_player("silent"), SilentPlayer)
    parts = make_narrator_parts(player_name="gramophone")
    try:
        assert parts.player is None
        assert "gramophone" in parts.problem
    finally:
        parts.close()


def test_voice_values_are_kept_in_range() -> None:
    assert Voice("x", 10, 3.0, 200).clamped() == Voice("x", 80, 1.0, 99)
    assert Pauses() == Pauses(0, 300, 900)


def test_voice_and_pauses_come_from_the_settings() -> None:
    from alsreader.config import Settings
    from alsreader.speech.narrator import pauses_from_settings, voice_from_settings

    settings = Settings()
    settings.voice.rate = 220
    settings.voice.voice = "gmw/en-us"
    settings.reading.pause_paragraph_ms = 450
    assert voice_from_settings(settings) == Voice("gmw/en-us", 220, settings.voice.volume, 50)
    assert pauses_from_settings(settings) == Pauses(0, 450, 900)


def test_reading_on_passes_over_parts_outside_the_reading_order() -> None:
    """EPUB spine items with linear="no" are skipped when reading on, but can be opened."""
    from dataclasses import replace

    from alsreader.document.model import Document
    from fixtures_audio import make_section

    sections = [make_section("One", "First part."), make_section("Answers", "Not now."),
                make_section("Two", "Second part.")]
    sections[1] = replace(sections[1], linear=False)
    document = Document("Book", sections)
    parts = make_narrator_parts(player_name="silent")
    narrator = Narrator(document, synthesizer=parts.synthesizer, player=parts.player,
                        voice=Voice(rate=400), pauses=Pauses(0, 0, 0))
    try:
        narrator.next_sentence()
        assert narrator.wait_idle()
        assert narrator.position == Position(2, 0)
        narrator.goto(Position(1, 0))  # opened from the list: it is there to read
        assert narrator.wait_idle()
        assert narrator.position == Position(1, 0)
    finally:
        narrator.close()
