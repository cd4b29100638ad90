"""The Talk screen's phrases file: read like the settings (located problems, a broken part
costs only itself), the starter set from the package, and saving one phrase at a time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from alsreader import locations
from alsreader.talk.phrases import (
    INSTANT,
    LONGEST_PHRASE,
    Phrase,
    PhraseSaveError,
    load_phrases,
    parse_phrases,
    save_phrase,
    starter_phrases,
    starter_text,
)

SOURCE = Path("phrases.yaml")


def test_the_starter_set_covers_daily_care_and_reads_cleanly() -> None:
    book = starter_phrases()
    assert book.problems == []
    assert [c.name for c in book.categories] == [
        "Needs", "Comfort", "Feelings", "People", "Questions"]
    needs = book.category("needs")
    assert needs is not None
    assert needs.phrases[0] == Phrase("Could I have some water, please?", "Water")
    assert all(len(c.phrases) <= 8 for c in book.categories)  # one page of a scan each
    assert book.path is None


def test_without_a_file_the_starter_set_is_used(isolated_home: Path) -> None:
    book = load_phrases()
    assert book.problems == []
    assert [c.name for c in book.categories] == [c.name for c in starter_phrases().categories]
    assert locations.phrases_file() == locations.config_file().parent / "phrases.yaml"


def test_plain_and_labelled_phrases_and_instant_ones() -> None:
    book = parse_phrases(
        "instant:\n"
        "  - Please call Anna.\n"
        "  - label: Tea\n"
        "    say: A cup of tea, please.\n"
        "categories:\n"
        "  Garden:\n"
        "    - Open the window.\n",
        source=SOURCE)
    assert book.problems == []
    assert book.instant == [Phrase("Please call Anna."), Phrase("A cup of tea, please.", "Tea")]
    assert book.instant[1].shown == "Tea"
    assert book.instant[0].shown == "Please call Anna."
    assert [(c.name, c.phrases) for c in book.categories] == [
        ("Garden", (Phrase("Open the window."),))]


BROKEN = """\
instant:
  - Yes please
  - [a, b]
  - label: No words
categories:
  Needs:
    - ok
    - label: Lbl
      say: words
      sya: typo
  Broken: 12
  Good:
    - fine
    - ""
holidays: 1
"""


def test_each_bad_part_is_located_and_costs_only_itself() -> None:
    book = parse_phrases(BROKEN, source=SOURCE)
    assert [str(p) for p in book.problems] == [
        "phrases.yaml:3:5: instant[2]: should be text, not a list; left out",
        "phrases.yaml:4:5: instant[3]: the phrase needs say: (the words spoken); left out",
        "phrases.yaml:10:7: categories.Needs[2].sya: unknown; did you mean 'say'? "
        "(a phrase has label: and say:)",
        "phrases.yaml:11:11: categories.Broken: should be a list of phrases ('- ...' lines), "
        "not 12; left out",
        "phrases.yaml:14:7: categories.Good[2]: the phrase is empty; left out",
        "phrases.yaml:15:1: holidays: unknown section (a phrases file holds instant and "
        "categories)",
    ]
    assert book.instant == [Phrase("Yes please")]
    assert [(c.name, [p.shown for p in c.phrases]) for c in book.categories] == [
        ("Needs", ["ok", "Lbl"]), ("Good", ["fine"])]


def test_a_yaml_syntax_error_leaves_out_only_its_line() -> None:
    text = ("categories:\n"
            "  Needs:\n"
            "    - \"unclosed\n"
            "    - Water, please.\n"
            "  Comfort:\n"
            "    - Move me.\n")
    book = parse_phrases(text, source=SOURCE)
    first = str(book.problems[0])
    assert first.startswith("phrases.yaml:")
    assert "YAML syntax error" in first
    assert "line 3 cannot be read and was left out; everything else was used" in first
    assert [(c.name, [p.say for p in c.phrases]) for c in book.categories] == [
        ("Needs", ["Water, please."]), ("Comfort", ["Move me."])]


def test_a_file_that_cannot_be_read_at_all_gives_the_starter_set() -> None:
    book = parse_phrases("- [\n  {{{\n", source=SOURCE)
    assert "starter phrases are used" in str(book.problems[0])
    assert [c.name for c in book.categories] == [c.name for c in starter_phrases().categories]


def test_odd_text_is_made_safe_and_long_text_cut() -> None:
    long = "word " * 200
    book = parse_phrases(
        "instant:\n"
        '  - "Hi\\e[31m there\\nfriend\\x07"\n'
        f"  - {long}\n"
        "  - !!python/object:os.system echo\n",
        source=SOURCE)
    assert book.instant[0].say == "Hi there friend"
    assert len(book.instant[1].say) == LONGEST_PHRASE
    assert any("only the first 500 are said" in str(p) for p in book.problems)
    assert any("YAML tag !!python/object:os.system is refused" in str(p)
               for p in book.problems)
    assert len(book.instant) == 2


def test_a_folder_in_place_of_the_file_is_said(tmp_path: Path) -> None:
    folder = tmp_path / "phrases.yaml"
    folder.mkdir()
    book = load_phrases(folder)
    assert str(book.problems[0]).endswith(
        "is a folder, not a phrases file; the starter phrases are used")
    assert book.categories


def test_saving_starts_from_the_starter_set_and_adds_one_line(tmp_path: Path) -> None:
    path = tmp_path / "phrases.yaml"
    book = save_phrase(Phrase("I would like tea."), "Needs", path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(starter_text().split("\n", 1)[0])  # the comments came along
    assert len(text.splitlines()) == len(starter_text().splitlines()) + 1
    assert book.problems == []
    needs = book.category("Needs")
    assert needs is not None
    assert needs.phrases[-1] == Phrase("I would like tea.")
    assert load_phrases(path).category("Needs") == needs
    if os.name != "nt":
        assert path.stat().st_mode & 0o077 == 0  # private, as the settings are


def test_saving_into_instant_a_new_category_and_any_case(tmp_path: Path) -> None:
    path = tmp_path / "phrases.yaml"
    save_phrase(Phrase("Call Anna", "Anna"), INSTANT, path)
    save_phrase(Phrase('He said "no": fine'), "My own", path)
    save_phrase(Phrase("Another."), "my own", path)
    book = save_phrase(Phrase("Too warm."), "comfort", path)
    assert book.problems == []
    assert book.instant == [Phrase("Call Anna", "Anna")]
    mine = book.category("My own")
    assert mine is not None
    assert mine.phrases == (Phrase('He said "no": fine'), Phrase("Another."))
    comfort = book.category("Comfort")
    assert comfort is not None
    assert comfort.phrases[-1] == Phrase("Too warm.")


def test_saving_keeps_a_broken_part_and_the_comments(tmp_path: Path) -> None:
    path = tmp_path / "phrases.yaml"
    original = ("# my notes\n"
                "categories:\n"
                "  Needs:\n"
                "    - label: Water\n"
                "      say: Water, please.\n"
                "\n"
                "  Broken: 12\n")
    path.write_text(original, encoding="utf-8")
    book = save_phrase(Phrase("Tea, please."), "Needs", path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my notes\n")
    assert "  Broken: 12\n" in text
    needs = book.category("Needs")
    assert needs is not None
    assert [p.say for p in needs.phrases] == ["Water, please.", "Tea, please."]
    assert len(book.problems) == 1  # the broken part, still said, still only itself


def test_saving_nothing_or_into_a_file_it_cannot_take_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "phrases.yaml"
    with pytest.raises(PhraseSaveError, match="nothing to save"):
        save_phrase(Phrase("  "), "Needs", path)
    assert not path.exists()
    path.write_text("categories: {Needs: [Water]}\n", encoding="utf-8")
    with pytest.raises(PhraseSaveError):
        save_phrase(Phrase("Tea."), "Other", path)
    assert path.read_text(encoding="utf-8") == "categories: {Needs: [Water]}\n"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
