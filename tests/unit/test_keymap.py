"""Bindings are registered by the class that declares them; the keymap follows the registry."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widget import Widget

from alsreader.ui import keymap
from alsreader.ui.app import ReaderApp  # importing the app registers every screen and widget
from alsreader.ui.keymap import Keymap, known_actions, remappable


def test_every_screen_and_control_of_the_app_is_registered() -> None:
    names = {cls.__name__ for cls in keymap.registered_classes()}
    assert {"ReaderApp", "ReaderScreen", "LibraryScreen", "SettingsScreen", "HelpScreen",
            "ConfirmQuitScreen", "BigButton", "ListRow", "Outline", "Stepper"} <= names
    assert ReaderApp in keymap.registered_classes()


def test_a_new_class_registers_its_bindings_in_one_line(monkeypatch: object) -> None:
    before = list(keymap._REGISTERED)
    try:
        @remappable
        class Jukebox(Widget):
            BINDINGS: ClassVar[list[BindingType]] = [
                Binding("j", "play_tune", "Play a tune", id="play_tune"),
            ]

        assert "play_tune" in known_actions()
        chosen = Keymap({"play_tune": "k", "no_such_action": "x", "bookmark": "ctrl+b"})
        assert chosen.mapping == {"play_tune": "k"}
        assert chosen.keys_for("play_tune") == ["k"]
        assert Keymap().keys_for("play_tune") == ["j"]
        assert any("no_such_action" in problem for problem in chosen.problems)
        assert any("ctrl" in problem for problem in chosen.problems)
        assert Keymap.action_for("play_tune", [Jukebox]) == (Jukebox, "play_tune")
    finally:
        keymap._REGISTERED[:] = before
    assert "play_tune" not in known_actions()


def test_labels_show_the_keys_people_know() -> None:
    keys = Keymap({"bookmark": "m"})
    assert keys.label("play_pause") == "Space"
    assert keys.label("bookmark") == "m"
    assert keys.label("help") == "?"
