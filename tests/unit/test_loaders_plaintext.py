"""The plain-text loader: titles, heading-like lines, wrapped lines and long runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from alsreader.document import Document, ParagraphKind, load_document, parse_document

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "als-source.txt"
"""A copy of the project's seed text (shared/reference/als-source.txt): a title line, then
one paragraph per line, the first repeating the title with no punctuation between."""


def spans_slice_back(document: Document) -> None:
    for section in document.sections:
        for sentence in section.sentences:
            assert section.text[sentence.start : sentence.end] == sentence.text


def test_seed_text_title_and_paragraphs() -> None:
    """The seed: its first line is the title, each later line a paragraph."""
    document = load_document(SEED)
    spans_slice_back(document)
    assert document.title == "What is als autoimmune disease"
    assert [s.title for s in document.sections] == ["What is als autoimmune disease"]
    section = document.sections[0]
    kinds = [p.kind for p in section.paragraphs]
    assert kinds == [ParagraphKind.HEADING] + [ParagraphKind.TEXT] * 6
    assert section.paragraphs[-1].sentences[0].text.startswith("In summary, ALS is")


def test_seed_text_does_not_read_the_title_twice() -> None:
    """The title repeated at the start of paragraph 1 is dropped from that paragraph."""
    section = load_document(SEED).sections[0]
    spoken = [s.text for s in section.sentences]
    assert spoken[0] == "What is als autoimmune disease"
    assert spoken[1].startswith("Amyotrophic lateral sclerosis (ALS), often referred to as Lou")
    assert sum("What is als autoimmune disease" in s for s in spoken) == 1


def test_seed_text_sentences() -> None:
    """Every sentence of the seed is found whole (the seed has 20 sentences and a title)."""
    section = load_document(SEED).sections[0]
    assert len(section.sentences) == 21
    assert all(s.text.endswith(".") for s in section.sentences[1:])


REPORT = """\
Living with ALS: a report

Summary

This report was prepared by the care team. It is short.

1. Background

Families asked for clearer advice about equipment, e.g. ramps,
hoists and beds. Dr. Ahmed led the work with 3.5 staff.

1.1 Who took part

Forty families took part over two years in the U.S. and the
U.K. Each was visited twice.

METHODS
We spoke to every family at home and wrote down what they
needed most.
A short line.
And another paragraph starts after a short line ending a sentence.

- first point
- second point
  continued here
"""


def test_heading_like_lines_start_sections() -> None:
    """Title, set-apart lines, numbered headings and capitals make the section tree."""
    document = parse_document(REPORT, "text")
    spans_slice_back(document)
    assert document.title == "Living with ALS: a report"
    tree = [(s.level, s.title) for s in document.sections]
    assert tree == [
        (1, "Living with ALS: a report"),
        (2, "Summary"),
        (2, "1. Background"),
        (3, "1.1 Who took part"),
        (2, "METHODS"),
    ]
    top = document.tree[0]
    assert [c.title for c in top.children] == ["Summary", "1. Background", "METHODS"]
    assert [c.title for c in top.children[1].children] == ["1.1 Who took part"]


def test_wrapped_lines_are_joined_into_paragraphs() -> None:
    """Hard-wrapped lines join; a short line ending a sentence ends its paragraph."""
    document = parse_document(REPORT, "text")
    background = document.sections[2]
    assert background.text == (
        "1. Background\n\nFamilies asked for clearer advice about equipment, e.g. ramps, "
        "hoists and beds. Dr. Ahmed led the work with 3.5 staff."
    )
    assert [s.text for s in background.sentences][1:] == [
        "Families asked for clearer advice about equipment, e.g. ramps, hoists and beds.",
        "Dr. Ahmed led the work with 3.5 staff.",
    ]
    methods = document.sections[4]
    paragraphs = [methods.text[p.start : p.end] for p in methods.paragraphs]
    assert paragraphs == [
        "METHODS",
        "We spoke to every family at home and wrote down what they needed most.",
        "A short line.",
        "And another paragraph starts after a short line ending a sentence.",
        "first point",
        "second point continued here",
    ]
    assert methods.paragraphs[-1].kind is ParagraphKind.LIST_ITEM


def test_long_runs_are_grouped_into_readable_sections() -> None:
    """Thousands of words with no headings become several titled sections of 300-600 words."""
    paragraphs = [
        f"Paragraph {n} begins here and then goes on. " + "More words follow in it. " * 12
        for n in range(1, 61)
    ]
    document = parse_document("\n\n".join(paragraphs), "text", title_hint="Diary")
    spans_slice_back(document)
    assert document.title == "Diary"
    assert len(document.sections) >= 8
    for section in document.sections:
        assert section.level == (0 if section.index == 0 else 1)
        assert 250 <= section.word_count <= 650
        assert section.title.endswith("…")
        assert section.title.startswith("Paragraph ")
    all_text = "\n\n".join(s.text for s in document.sections)
    assert all_text == "\n\n".join(p.strip() for p in paragraphs)


def test_long_run_under_a_heading_becomes_parts_of_it() -> None:
    """Under a heading, the later parts of a long run sit inside that heading's section."""
    body = "\n\n".join("Some sentence about the garden today. " * 15 for _ in range(20))
    document = parse_document(f"My garden\n\n{body}\n", "text")
    top = document.tree[0]
    assert top.title == "My garden"
    assert len(top.children) >= 2
    assert all(child.level == 2 for child in top.children)


def test_text_without_title_line() -> None:
    """A document that starts with a sentence has no made-up title line."""
    document = parse_document("It was a long day. We rested.\n\nThen we ate.\n", "text")
    assert document.sections[0].paragraphs[0].kind is ParagraphKind.TEXT
    assert document.sections[0].title == "It was a long day. We…"


def test_wrapped_first_line_is_not_a_title() -> None:
    """The first line of a hard-wrapped paragraph is not mistaken for a title."""
    text = (
        "It was a bright cold day in April and the clocks were striking\n"
        "thirteen while everyone in the village slept on in their beds\n"
        "until the sun came up.\n"
    )
    document = parse_document(text, "text", title_hint="Story")
    assert document.title == "Story"
    first = document.sections[0].sentences[0].text
    assert first.startswith("It was a bright cold day in April and")


def test_chapters_are_headings_not_a_title() -> None:
    """A book that opens with "CHAPTER I" has chapters side by side, not nested in the first."""
    text = "CHAPTER I\n\nIt was dark.\n\n* * *\n\nLater.\n\nCHAPTER II.\n\nMorning came.\n"
    document = parse_document(text, "text", title_hint="Book")
    assert document.title == "Book"
    assert [(s.level, s.title) for s in document.tree] == [(1, "CHAPTER I"), (1, "CHAPTER II.")]
    first = document.sections[0]
    assert [(s.text, s.spoken) for s in first.sentences] == [
        ("CHAPTER I", True),
        ("It was dark.", True),
        ("* * *", False),  # a scene break is shown, not read out as "asterisk"
        ("Later.", True),
    ]


def test_fixture_matches_the_shared_seed_when_present() -> None:
    """The fixture is a faithful copy of the seed (checked where shared/ exists)."""
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "als-source.txt"
    if not shared.is_file():
        pytest.skip("no shared/ folder here (as on CI); the fixture stands in for it")
    assert SEED.read_bytes() == shared.read_bytes()
