"""Pronunciation rules: word, anywhere, regex; case; say-as or skip; only what is spoken."""

from __future__ import annotations

from pathlib import Path

import pytest

from alsreader.config import (
    Settings,
    document_pronunciations,
    load_settings,
    make_pronouncer,
    pronunciations_file,
)
from alsreader.document.pronounce import Pronouncer, PronunciationRule, RuleError


def speak(text: str, *rules: PronunciationRule) -> str:
    return Pronouncer(rules).speakable(text)


def test_whole_word_only() -> None:
    rule = PronunciationRule("ALS", "A L S")
    assert speak("ALS, or als; not FALSE or ALSO.", rule) == "A L S, or A L S; not FALSE or ALSO."


def test_case_sensitive() -> None:
    rule = PronunciationRule("ALS", "A L S", case_sensitive=True)
    assert speak("ALS and als", rule) == "A L S and als"


def test_anywhere_matches_inside_words() -> None:
    rule = PronunciationRule("gehrig", "gary", mode="anywhere")
    assert speak("Lou Gehrig's disease; gehrigs", rule) == "Lou gary's disease; garys"


def test_words_that_start_or_end_with_punctuation() -> None:
    assert speak("e.g. this, i.e. that", PronunciationRule("e.g.", "for example")) == (
        "for example this, i.e. that")
    assert speak("C++ and C", PronunciationRule("C++", "C plus plus", case_sensitive=True)) == (
        "C plus plus and C")


def test_regex_with_groups() -> None:
    rule = PronunciationRule(r"(\d+)\s*mg\b", r"\1 milligrams", mode="regex")
    assert speak("Take 50mg or 100 mg.", rule) == "Take 50 milligrams or 100 milligrams."


def test_plain_replacement_keeps_backslashes() -> None:
    assert speak("a/b", PronunciationRule("/", r"\1", mode="anywhere")) == r"a\1b"


def test_skip_removes_the_match() -> None:
    rule = PronunciationRule(r"\[\d+\]", None, mode="regex")
    assert speak("ALS is rare.[12] It is", rule) == "ALS is rare. It is"
    assert speak("um, well um yes", PronunciationRule("um", None)) == ", well  yes"


def test_rules_apply_in_order() -> None:
    first = PronunciationRule("MND", "motor neurone disease", case_sensitive=True)
    second = PronunciationRule("disease", "illness")
    assert speak("MND", first, second) == "motor neurone illness"
    assert speak("MND", second, first) == "motor neurone disease"


def test_bad_rules_are_reported_not_raised() -> None:
    bad = PronunciationRule("(", "x", mode="regex")
    with pytest.raises(RuleError, match="not a valid regular expression"):
        bad.compile()
    with pytest.raises(RuleError, match="is not valid: invalid group reference 2"):
        PronunciationRule("(a)", r"\2", mode="regex").compile()
    pronouncer = Pronouncer([bad, PronunciationRule("x", "y")])
    assert [message for _, message in pronouncer.errors] == [
        "'(' is not a valid regular expression: missing ), unterminated subpattern at position 0"
    ]
    assert pronouncer.speakable("x") == "y"


def test_no_rules_is_identity() -> None:
    pronouncer = Pronouncer()
    assert not pronouncer
    assert pronouncer("Text stays.") == "Text stays."


def test_rules_from_the_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "pronunciations:\n  - {match: Dr., say: Doctor, mode: anywhere}\n"
        "  - {match: '\\(.*?\\)', say: null, mode: regex}\n",
        encoding="utf-8",
    )
    settings = load_settings(path).settings
    assert Pronouncer(settings.pronunciations)("Dr. Who (the show) aired") == "Doctor Who  aired"


def test_bundled_overview_ships_its_rules(content_dir: Path) -> None:
    overview = content_dir / "als-overview.md"
    assert pronunciations_file(overview).is_file()
    rules, problems = document_pronunciations(overview)
    assert problems == []
    pronouncer = Pronouncer(rules)
    shown = "ALS (also called MND) may involve SOD1, e.g. treated with riluzole; als stays."
    assert pronouncer.speakable(shown) == (
        "A L S (also called M N D) may involve S O D 1, for example treated with rill you zole; "
        "als stays."
    )


def test_caregiver_rules_come_first_and_win(content_dir: Path) -> None:
    rules, _ = document_pronunciations(content_dir / "als-overview.md")
    mine = PronunciationRule("ALS", "amyotrophic lateral sclerosis", case_sensitive=True)
    assert Pronouncer([mine, *rules]).speakable("ALS") == "amyotrophic lateral sclerosis"


def test_document_without_sidecar_and_broken_sidecar(tmp_path: Path) -> None:
    assert document_pronunciations(tmp_path / "book.md") == ([], [])
    pronunciations_file(tmp_path / "book.md").write_text(
        "pronunciations:\n  - {match: x}\nvoice: {}\n", encoding="utf-8")
    rules, problems = document_pronunciations(tmp_path / "book.md")
    assert rules == []
    assert [str(p) for p in problems] == [
        "book.pronunciations.yaml:2:5: pronunciations[1]: the rule needs say: (the words to say "
        "instead, or null to skip it); rule ignored",
        "book.pronunciations.yaml:3:1: voice: only 'pronunciations:' belongs in this file",
    ]


def test_make_pronouncer_for_the_bundled_overview(content_dir: Path) -> None:
    settings = Settings(pronunciations=[PronunciationRule("Gehrig", "Gary")])
    pronouncer, problems = make_pronouncer(settings, content_dir / "als-overview.md")
    assert problems == []
    assert pronouncer("Lou Gehrig had ALS.") == "Lou Gary had A L S."
    plain, _ = make_pronouncer(settings)
    assert plain("Lou Gehrig had ALS.") == "Lou Gary had ALS."
