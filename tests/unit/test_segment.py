"""Sentence boundaries: abbreviations, decimals and initials hold; long runs are cut."""

from __future__ import annotations

import itertools

import pytest

from alsreader.document.segment import MAX_CHARS, MAX_WORDS, sentence_spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, checking every span slices back to its sentence."""
    spans = sentence_spans(text)
    for (_start, end), (next_start, _) in itertools.pairwise(spans):
        assert end <= next_start, "spans overlap"
    result = [text[start:end] for start, end in spans]
    for sentence in result:
        assert sentence == sentence.strip()
        assert sentence
    return result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith went home. He was tired.", ["Dr. Smith went home.", "He was tired."]),
        (
            "Use soft foods, e.g. soup or yoghurt, when swallowing is hard. Then rest.",
            ["Use soft foods, e.g. soup or yoghurt, when swallowing is hard.", "Then rest."],
        ),
        (
            "The dose rose to 3.5 mg last week. It helped.",
            ["The dose rose to 3.5 mg last week.", "It helped."],
        ),
        (
            "She trained in the U.S. for two years. Then she came home.",
            ["She trained in the U.S. for two years.", "Then she came home."],
        ),
        (
            "J. R. R. Tolkien wrote long books. They are worth it.",
            ["J. R. R. Tolkien wrote long books.", "They are worth it."],
        ),
        (
            "Prof. A. Jones, i.e. the neurologist, called. Good news!",
            ["Prof. A. Jones, i.e. the neurologist, called.", "Good news!"],
        ),
        ("Is it time? Yes! Let's go.", ["Is it time?", "Yes!", "Let's go."]),
    ],
)
def test_pitfalls_do_not_end_a_sentence(text: str, expected: list[str]) -> None:
    """Abbreviations, decimals, countries and initials stay inside their sentence."""
    assert sentences(text) == expected


def test_spans_are_offset_by_base_and_skip_whitespace() -> None:
    """Spans count from ``base`` and leave out surrounding spaces."""
    text = "   One. Two.  "
    assert sentence_spans(text, base=100) == [(103, 107), (108, 112)]


def test_blank_text_has_no_sentences() -> None:
    """Whitespace alone is nothing to read."""
    assert sentence_spans(" \n\t ") == []


def test_unicode_text_keeps_exact_spans() -> None:
    """Emoji, right-to-left text and zero-width characters keep their places."""
    text = "Café 😀 time. שלום עולם. Zero\u200bwidth joins."
    assert sentences(text) == ["Café 😀 time.", "שלום עולם.", "Zero\u200bwidth joins."]


def test_long_run_is_cut_at_clause_marks() -> None:
    """Hundreds of words without a full stop become pieces that end at commas or semicolons."""
    clause = "we walked along the river and talked about the old days"
    text = ", ".join([clause] * 40) + "; and then we went home"
    pieces = sentences(text)
    assert len(pieces) > 5
    for piece in pieces:
        assert len(piece.split()) <= MAX_WORDS
    for piece in pieces[:-1]:
        assert piece.endswith((",", ";"))
    assert " ".join(pieces) == text


def test_long_run_without_marks_is_cut_between_words() -> None:
    """With no clause marks at all, pieces are cut between words, none a tiny stub."""
    text = " ".join(f"word{i}" for i in range(500))
    pieces = sentences(text)
    assert " ".join(pieces) == text
    assert all(10 <= len(piece.split()) <= MAX_WORDS for piece in pieces)


def test_long_run_is_cut_at_dashes() -> None:
    """A spaced dash is a natural pause too."""
    part = "the voice went on and on without any stop at all for a long time"
    text = " — ".join([part] * 20)
    pieces = sentences(text)
    assert len(pieces) > 3
    assert all(piece.endswith("—") for piece in pieces[:-1])


def test_enormous_word_is_cut_by_length() -> None:
    """A pasted link or packed data with no spaces still becomes speakable pieces."""
    text = "Look at " + "x" * 2000 + " now."
    pieces = sentences(text)
    assert all(len(piece) <= MAX_CHARS for piece in pieces)
    assert "".join(piece.replace(" ", "") for piece in pieces) == text.replace(" ", "")
