"""Every key binding of the app is a single key with an id (no Ctrl, Alt, Shift chords)."""

from __future__ import annotations

from textual.binding import Binding

from alsreader.ui.app import all_bindings
from alsreader.ui.keymap import MODIFIERS, chord_problem, display_key


def test_every_binding_has_an_id_and_no_modifier() -> None:
    bindings = all_bindings()
    assert len(bindings) > 15
    for binding in bindings:
        assert binding.id, f"{binding.key} -> {binding.action} has no id"
        for key in binding.key.split(","):
            assert chord_problem(key.strip()) is None, binding
            assert not any(m in key for m in MODIFIERS), binding


def test_the_required_actions_are_bound() -> None:
    by_id: dict[str, list[str]] = {}
    for binding in all_bindings():
        assert binding.id is not None
        by_id.setdefault(binding.id, []).extend(binding.key.split(","))
    assert by_id["play_pause"] == ["space"]
    assert by_id["faster"] == ["plus", "equals_sign"]
    assert by_id["slower"] == ["minus"]
    assert by_id["help"] == ["question_mark", "f1"]
    assert by_id["quit"] == ["q"]
    assert by_id["back"] == ["escape"]
    for action in ("next_sentence", "previous_sentence", "next_section", "previous_section",
                   "bookmark", "sections", "repeat", "settings", "confirm_quit", "keep_reading"):
        assert action in by_id


def test_chords_are_refused_single_keys_accepted() -> None:
    assert chord_problem("ctrl+q") is not None
    assert chord_problem("alt+x") is not None
    assert chord_problem("shift+tab") is not None
    assert chord_problem("B") is not None
    for key in ("b", "space", "f5", "plus", "escape", "right"):
        assert chord_problem(key) is None


def test_keys_are_shown_as_people_know_them() -> None:
    assert display_key("space") == "Space"
    assert display_key("right") == "→"
    assert display_key("plus") == "+"
    assert display_key("escape") == "Esc"
    assert display_key(Binding("f1", "help").key) == "F1"
