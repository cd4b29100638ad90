"""The Talk keyboard: a fixed layout by letter frequency, its scan order, and its editing keys."""

from __future__ import annotations

from collections import Counter

import pytest

from alsreader.access.steps import scan_steps
from alsreader.talk.keyboard import (
    CLEAR_KEY,
    DELETE_LETTER_KEY,
    DELETE_WORD_KEY,
    DIGITS,
    KEYBOARD,
    LETTERS_BY_FREQUENCY,
    MARKS,
    MAX_TEXT,
    NO_WORD_ID,
    SPACE_KEY,
    SPACE_RANK,
    SPEAK_KEY,
    WORDS_ROW,
    Typed,
    current_word,
    delete_word,
    diagonal_rows,
    key_for_character,
    keyboard_targets,
    press,
    type_character,
    words_before,
)
from alsreader.talk.predictor import general_words


def letter_costs() -> dict[str, int]:
    steps = scan_steps(keyboard_targets(["one", "two"]))
    return {char: steps[f"key:{char}"] for char in LETTERS_BY_FREQUENCY}


def test_the_letter_order_is_the_general_word_lists_letter_frequency() -> None:
    general = general_words("en")
    counts: Counter[str] = Counter()
    for word, count in general.counts.items():
        for char in word:
            if "a" <= char <= "z":
                counts[char] += count
    assert "".join(char for char, _ in counts.most_common()) == LETTERS_BY_FREQUENCY


def test_commoner_letters_never_cost_more_steps() -> None:
    costs = letter_costs()
    ordered = [costs[char] for char in LETTERS_BY_FREQUENCY]
    assert ordered == sorted(ordered)
    assert costs["e"] == 3  # Words row first: move to row 1, enter it, select e


def test_space_sits_after_the_six_commonest_letters() -> None:
    steps = scan_steps(keyboard_targets(["one"]))
    before = [steps[f"key:{char}"] for char in LETTERS_BY_FREQUENCY[:SPACE_RANK]]
    after = [steps[f"key:{char}"] for char in LETTERS_BY_FREQUENCY[SPACE_RANK:]]
    assert max(before) <= steps[SPACE_KEY.id] <= min(after)


def test_the_layout_does_not_depend_on_the_predictions() -> None:
    few = scan_steps(keyboard_targets([]))
    many = scan_steps(keyboard_targets([f"w{index}" for index in range(8)]))
    fixed = [key.id for row in KEYBOARD.rows for key in row.keys]
    assert {key: few[key] for key in fixed} == {key: many[key] for key in fixed}


def test_every_character_has_one_key_and_no_row_is_split_in_blocks() -> None:
    for char in LETTERS_BY_FREQUENCY + MARKS + DIGITS + " ":
        key = key_for_character(char)
        assert key is not None, char
    assert key_for_character("E") == key_for_character("e")
    assert key_for_character("😀") is None
    ids = [key.id for row in KEYBOARD.rows for key in row.keys]
    assert len(ids) == len(set(ids))
    # More than eight targets in a group would be scanned in blocks; every row stays whole.
    assert all(len(row.keys) <= 8 for row in KEYBOARD.rows)


def test_scan_order_is_words_then_letter_rows_with_speak_and_delete_among_them() -> None:
    targets = keyboard_targets(["yes", "you"])
    assert [t.id for t in targets[:2]] == ["word:0", "word:1"]
    assert targets[0].group == WORDS_ROW
    assert targets[0].label == "yes"
    groups = list(dict.fromkeys(t.group for t in targets))
    assert groups[0] == WORDS_ROW
    assert groups[4] == "Speak and delete"
    assert groups[1].startswith("e t")
    speak_row = [t.id for t in targets if t.group == "Speak and delete"]
    assert speak_row == [SPEAK_KEY.id, DELETE_LETTER_KEY.id, DELETE_WORD_KEY.id, CLEAR_KEY.id]


def test_no_predictions_keep_the_words_row_in_place() -> None:
    targets = keyboard_targets([])
    assert targets[0].id == NO_WORD_ID
    assert press(Typed("hi"), NO_WORD_ID).typed == Typed("hi")


def test_prediction_off_leaves_the_words_row_out() -> None:
    targets = keyboard_targets([], words_row=False)
    assert all(t.group != WORDS_ROW for t in targets)
    assert scan_steps(targets)["key:e"] == 2


def test_word_labels_are_one_line() -> None:
    targets = keyboard_targets(["bad\x1b[31mword\nnext"])
    assert "\x1b" not in targets[0].label
    assert "\n" not in targets[0].label


def test_diagonal_rows_fill_cheapest_cells_first() -> None:
    keys = [KEYBOARD.key(f"key:{char}") for char in "abcdef"]
    rows = diagonal_rows([key for key in keys if key is not None], 3, 3)
    assert [[key.text for key in row] for row in rows] == [["a", "b", "d"], ["c", "e"], ["f"]]
    with pytest.raises(ValueError, match="do not fit"):
        diagonal_rows([key for key in keys if key is not None], 2, 2)


# ---- editing -----------------------------------------------------------------------------


def test_letters_and_space_type_themselves() -> None:
    typed = Typed()
    for target in ("key:h", "key:i", SPACE_KEY.id, "key:?"):
        typed = press(typed, target).typed
    assert typed.text == "hi ?"


def test_choosing_a_word_completes_the_word_being_typed_and_adds_a_space() -> None:
    result = press(Typed("I need wat"), "word:1", ["watch", "water"])
    assert result.typed.text == "I need water "
    assert result.word == "water"


def test_choosing_a_word_after_a_space_adds_the_next_word() -> None:
    assert press(Typed("thank "), "word:0", ["you"]).typed.text == "thank you "
    assert press(Typed(), "word:0", ["yes"]).typed.text == "yes "


def test_a_stale_word_index_changes_nothing() -> None:
    assert press(Typed("ab"), "word:5", ["one"]).typed == Typed("ab")
    assert press(Typed("ab"), "word:x", ["one"]).typed == Typed("ab")
    assert press(Typed("ab"), "nothing:here").typed == Typed("ab")


def test_delete_letter_and_clear() -> None:
    assert press(Typed("help"), DELETE_LETTER_KEY.id).typed.text == "hel"
    assert press(Typed(""), DELETE_LETTER_KEY.id).typed.text == ""
    assert press(Typed("help me"), CLEAR_KEY.id).typed.text == ""


@pytest.mark.parametrize(
    ("text", "after"),
    [
        ("I need wat", "I need "),
        ("I need water ", "I need "),
        ("I need water   ", "I need "),
        ("water", ""),
        ("call 911", "call "),
        ("yes?", ""),
        ("", ""),
    ],
)
def test_delete_word(text: str, after: str) -> None:
    assert delete_word(text) == after
    assert press(Typed(text), DELETE_WORD_KEY.id).typed.text == after


def test_speak_hands_back_the_text_and_keeps_it_shown() -> None:
    result = press(Typed("  I am cold "), SPEAK_KEY.id)
    assert result.speak == "I am cold"
    assert result.typed.text == "  I am cold "
    assert result.typed.said
    assert result.typed.context == ""


def test_speak_with_nothing_typed_says_nothing() -> None:
    result = press(Typed("   "), SPEAK_KEY.id)
    assert result.speak is None
    assert not result.typed.said


def test_after_speaking_the_next_letter_or_word_starts_a_new_message() -> None:
    said = press(Typed("I am cold"), SPEAK_KEY.id).typed
    assert press(said, "key:y").typed == Typed("y")
    assert press(said, "word:0", ["thanks"]).typed == Typed("thanks ")


def test_after_speaking_an_edit_key_corrects_the_message_to_say_it_again() -> None:
    said = press(Typed("I am cold"), SPEAK_KEY.id).typed
    fixed = press(said, DELETE_WORD_KEY.id).typed
    assert fixed == Typed("I am ")
    assert press(press(fixed, "key:h").typed, SPEAK_KEY.id).speak == "I am h"


def test_the_text_stops_growing_at_its_limit() -> None:
    typed = Typed("a " * (MAX_TEXT // 2))
    assert len(press(typed, "key:b").typed.text) == MAX_TEXT
    assert len(press(typed, "word:0", ["more"]).typed.text) == MAX_TEXT


def test_keys_mode_types_characters_directly_and_ignores_odd_ones() -> None:
    typed = Typed()
    for char in "Hi 2\x07😀\x1b":
        typed = type_character(typed, char)
    assert typed.text == "Hi 2"
    said = press(typed, SPEAK_KEY.id).typed
    assert type_character(said, "o").text == "o"


def test_current_word_and_words_before() -> None:
    assert current_word("I don't kn") == "kn"
    assert current_word("I don't") == "don't"
    assert current_word("hello ") == ""
    assert current_word("привет мир") == "мир"
    assert words_before("I don't kn") == "I don't "
