"""What was said is drawn in large letters when it fits, centred line by line; otherwise it is
left to ordinary bold text."""

from __future__ import annotations

from alsreader.ui.widgets.said_text import MOST_BIG_LINES, big_letters


def test_short_sayings_are_three_rows_high_and_centred() -> None:
    rows = big_letters("Yes.", 60)
    assert rows is not None
    assert len(rows) == 3
    assert {len(row) for row in rows} == {60}
    lead = {len(row) - len(row.lstrip(" ")) for row in rows if row.strip()}
    assert min(lead) > 20  # about the middle of 60 columns


def test_a_long_saying_takes_lines_of_large_letters_up_to_a_limit() -> None:
    rows = big_letters("Could I have some water, please?", 74)
    assert rows is not None
    assert len(rows) == 6  # two lines of large letters
    assert big_letters("word " * 60, 74) is None  # more than MOST_BIG_LINES lines
    assert MOST_BIG_LINES == 3


def test_characters_the_font_lacks_fall_back_to_plain_text() -> None:
    assert big_letters("Café", 80) is None
    assert big_letters("", 80) is None
    assert big_letters("Yes", 5) is None  # no room
