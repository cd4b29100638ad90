"""The reader's text measure and wrapping (plain logic, no widgets)."""

from __future__ import annotations

import pytest

from alsreader.document.builder import SectionBuilder
from alsreader.document.layout import MEASURE, SectionLayout, text_columns
from alsreader.document.model import ParagraphKind


@pytest.mark.parametrize(
    ("available", "reserved", "expected"),
    [
        (40, 2, (0, 38)),  # narrow: all the room
        (MEASURE + 2, 2, (0, MEASURE)),  # exactly the measure
        (161, 2, ((161 - 2 - MEASURE) // 2, MEASURE)),  # wide: centred
        (1, 2, (0, 0)),  # no room at all
    ],
)
def test_text_columns_cap_the_measure_and_centre_it(
    available: int, reserved: int, expected: tuple[int, int]
) -> None:
    """The text is at most MEASURE wide and centred with its gutter in the room left."""
    assert text_columns(available, reserved) == expected


def test_text_columns_share_the_room_evenly() -> None:
    """Left margin and right margin differ by at most one cell."""
    for available in range(MEASURE, 300):
        margin, width = text_columns(available, 2)
        right = available - margin - 2 - width
        assert 0 <= right - margin <= 1


def test_wrapped_lines_keep_within_the_measure() -> None:
    """A long paragraph wrapped at the measure has no line longer than it, no words lost."""
    builder = SectionBuilder("One", 1)
    words = " ".join(f"word{i}" for i in range(400)) + "."
    builder.add(ParagraphKind.TEXT, words)
    layout = SectionLayout(builder.build(), MEASURE)
    texts = [layout.line_text(i) for i in range(len(layout.lines))]
    assert len(texts) > 20
    assert max(len(text) for text in texts) <= MEASURE
    assert " ".join(texts) == words
