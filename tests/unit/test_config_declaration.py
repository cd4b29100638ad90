"""The one declaration of every setting, and what is read off it."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

import pytest

from alsreader.access import ACCESS_MODES
from alsreader.config import (
    GROUPS,
    PRESET_KEYS,
    SCHEMA,
    TOP_LEVEL,
    Settings,
    default_config_text,
    load_settings,
    parse_settings,
    save_settings_values,
    screen_rows,
)
from alsreader.config import declaration as pace
from alsreader.config.declaration import choices
from alsreader.session import ReadingSession
from alsreader.speech.engine import ENGINE_NAMES
from alsreader.speech.narrator import Narrator
from alsreader.speech.player import PLAYER_NAMES
from alsreader.speech.synthesizer import MAX_RATE, MIN_RATE, Voice
from alsreader.state import ReadingState
from alsreader.ui.access.drivers import DRIVERS
from fixtures_audio import make_document


def test_numbers_are_whole_or_not_as_annotated_and_defaults_are_in_range() -> None:
    defaults = Settings()
    for group in GROUPS:
        hints = typing.get_type_hints(group.model)
        for name, spec in group.settings.items():
            value = getattr(getattr(defaults, group.name), name)
            if spec.kind in ("int", "float"):
                assert hints[name] is {"int": int, "float": float}[spec.kind]
                assert spec.low is not None
                assert spec.high is not None
                assert spec.low <= value <= spec.high, f"{group.name}.{name}"
            if spec.kind == "choice":
                assert value in spec.values, f"{group.name}.{name}"


def test_choices_are_those_the_parts_implement_each_with_words_for_people() -> None:
    assert SCHEMA["access"]["mode"].values == ACCESS_MODES
    assert SCHEMA["voice"]["engine"].values == ENGINE_NAMES
    assert SCHEMA["voice"]["player"].values == PLAYER_NAMES
    assert SCHEMA["access"]["mode"].label_of("one-switch") == "One switch (scanning)"
    assert SCHEMA["display"]["theme"].label_of("dark") == "Dark (grey on charcoal)"
    # The access panel's titles (each input mode's driver) are the same declaration's.
    assert {mode: driver.title for mode, driver in DRIVERS.items()} == {
        "keys": "Keys", "one-switch": "One switch", "two-switch": "Two switches",
        "dwell": "Dwell"}
    with pytest.raises(ValueError, match="differ"):
        choices(("a", "b"), {"a": ("A", "")})


def test_the_pace_bounds_and_step_are_one_declaration(tmp_path: Path) -> None:
    rate = SCHEMA["voice"]["rate"]
    assert (rate.low, rate.high, rate.step) == (pace.SLOWEST_RATE, pace.FASTEST_RATE,
                                                pace.RATE_STEP)
    assert (MIN_RATE, MAX_RATE) == (pace.SLOWEST_RATE, pace.FASTEST_RATE)
    assert Voice(rate=10_000).clamped().rate == pace.FASTEST_RATE
    assert Settings().voice.rate == Voice().rate == pace.USUAL_RATE
    # Faster / Slower in the reader: the same step, within the same bounds.
    document = make_document("One. Two.")
    narrator = Narrator(document, synthesizer=None, player=None, voice=Voice(),
                        problem="no speech here")
    try:
        session = ReadingSession(document, narrator=narrator,
                                 state=ReadingState.load(tmp_path / "state.json"))
        assert session.change_rate(1, 175) == 175 + pace.RATE_STEP
        assert session.change_rate(2, pace.FASTEST_RATE - 5) == pace.FASTEST_RATE
        assert session.change_rate(-1, pace.SLOWEST_RATE + 1) == pace.SLOWEST_RATE
    finally:
        narrator.close()


def test_screen_rows_follow_the_declaration() -> None:
    rows = screen_rows()
    assert [heading for heading, _ in rows] == [
        "Voice", "Pace and pauses", "Switches and scanning", "Screen", "Talking voice"]
    names = [dotted for _, members in rows for dotted, _spec in members]
    assert names[:5] == ["voice.voice", "voice.rate", "voice.volume", "voice.pitch", "preset"]
    assert names[-1] == "talk.alarm_in_every_row"
    for _, members in rows:
        for dotted, spec in members:
            assert spec.label, dotted
            if spec.kind in ("int", "float"):
                assert spec.step > 0, dotted
    # Every setting a preset decides is on the screen, beside the preset.
    assert set(PRESET_KEYS) <= set(names)
    assert TOP_LEVEL["preset"].shown_with == "reading"


def test_highlight_none_is_now_off_with_a_located_note(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("reading:\n  highlight: none\n  speak_code: true\n", encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.reading.highlight == "off"
    assert loaded.settings.reading.speak_code
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:2:14: reading.highlight: 'none' is now called 'off'; off is used "
        "(write off to stop this note)"]
    assert all(p.note for p in loaded.problems)
    # Saving keeps working on such a file, and writes the new name.
    save_settings_values(path, {"reading.highlight": "paragraph"})
    assert load_settings(path).settings.reading.highlight == "paragraph"
    assert load_settings(path).problems == []


def test_highlight_choices_and_their_comment_in_config_init() -> None:
    assert SCHEMA["reading"]["highlight"].values == ("sentence", "word", "paragraph", "off")
    assert parse_settings("reading:\n  highlight: line\n").problems[0].message == (
        "reading.highlight: 'line' is not allowed (allowed sentence, word, paragraph, off)")
    text = default_config_text()
    assert ("  # What is marked while reading, one of:\n"
            "  #   sentence: the sentence being read is marked\n") in text
    assert "  #   one-switch: scanning\n" in text


def test_the_dataclasses_are_the_declaration() -> None:
    for group in GROUPS:
        declared = [f.name for f in dataclasses.fields(group.model)]
        assert list(group.settings) == declared
