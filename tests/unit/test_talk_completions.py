"""Whole-message completions from what was said lately and the saved phrases."""

from __future__ import annotations

import pytest

from alsreader.talk.completions import message_completions
from alsreader.talk.keyboard import Typed, press

EARLIER = ["Could you turn me over please", "I need the toilet", "I need my glasses",
           "thank you", "I’d like some water"]


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("could you ", ["turn me over please"]),
        ("COULD  you tu", ["turn me over please"]),
        ("i need ", ["the toilet", "my glasses"]),
        ("i need m", ["my glasses"]),
        ("i'd like ", ["some water"]),
        ("i ", []),  # one short word: too many messages start so
        ("thank ", []),  # one word left: a word prediction's job
        ("could you turn me over please ", []),  # nothing left to offer
        ("would you ", []),
        ("", []),
    ],
)
def test_the_rest_of_an_earlier_message_is_offered(typed: str, offered: list[str]) -> None:
    assert message_completions(typed, EARLIER) == offered


def test_at_most_the_limit_each_once_the_most_recent_first() -> None:
    earlier = ["I need the nurse now", "I need the toilet please", "i need the nurse now"]
    assert message_completions("i need the ", earlier) == ["nurse now", "toilet please"]
    assert message_completions("i need the ", earlier, limit=1) == ["nurse now"]
    assert message_completions("i need the ", earlier, limit=0) == []


def test_choosing_a_completion_puts_the_whole_message_in_place() -> None:
    typed = Typed("could you tu")
    offered = message_completions(typed.text, EARLIER)
    result = press(typed, "word:0", offered)
    assert result.typed.text == "could you turn me over please "
