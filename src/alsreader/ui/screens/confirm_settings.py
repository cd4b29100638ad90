"""The settings open only for someone who means it: type the three digits shown.

The settings change how the reader is operated and how it sounds, so a stray press of the
settings key (a tremor, a hand resting on the keyboard) must not lead to a changed voice or
switch timing. This small dialog shows a code of three different digits, new each time
("To change the settings, type 4 7 2"); typing it opens the settings, and any other key
closes the dialog without opening them. Random keys would have to hit three chosen digits in
order, with nothing between them, right after the settings key.

"Cancel" is first and focused, so Enter or a switch press right away does no harm. "Open
settings" is for a pointer or a switch: it carries the binding id of the settings
(``"settings"``), which the scanner and dwell reach only when
``access.settings_reachable_by_scan`` is on. It never takes the focus, so Enter cannot press
it: by keys the only way in is the code.
"""

from __future__ import annotations

import random
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.widgets import Static

from alsreader.ui.access.targets import SETTINGS_ACTION, Target, widget_targets
from alsreader.ui.keymap import remappable
from alsreader.ui.screens.dialog import DialogScreen
from alsreader.ui.widgets.big_button import BigButton

CODE_LENGTH = 3
"""How many digits the caregiver types."""


def new_code(rng: random.Random | None = None) -> str:
    """Three different digits: no digit twice, so the tremor filter (which drops a quickly
    repeated key) never swallows one of them."""
    chooser = rng or random.SystemRandom()
    return "".join(chooser.sample("0123456789", CODE_LENGTH))


@remappable
class ConfirmSettingsScreen(DialogScreen, inherit_bindings=False):
    """Asks for the code shown before the settings open; dismisses with True only for it.

    | Key | Description |
    | :- | :- |
    | the digits shown | Open the settings. |
    | escape (or any other key) | Cancel: the settings stay closed. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="settings_code_cancel"),
    ]

    DEFAULT_CSS = """
    ConfirmSettingsScreen #code-question {
        margin-bottom: 0;
    }
    ConfirmSettingsScreen #code-typed {
        text-style: bold;
        text-align: center;
        width: 1fr;
        margin-bottom: 1;
    }
    """

    def __init__(self, code: str | None = None) -> None:
        super().__init__()
        self.code = code or new_code()
        """The digits to type (shown on screen)."""
        self.typed = ""
        """The digits typed so far (all right; a wrong one closes the dialog)."""
        self._answered = False

    def compose(self) -> ComposeResult:
        """The code to type, what was typed, Cancel and Open settings."""
        with Vertical():
            yield Static(f"To change the settings, type {' '.join(self.code)}",
                         id="code-question", classes="dialog-question")
            yield Static(self._typed_text(), id="code-typed")
            with Grid():
                yield BigButton("Cancel", "settings_code_cancel", key_label="Esc / any key",
                                id="cancel")
                opener = BigButton("Open settings", SETTINGS_ACTION, key_label="the code",
                                   id="open")
                # Never focused, so Enter cannot press it: by keys, only the code opens.
                opener.can_focus = False
                yield opener

    def _typed_text(self) -> str:
        shown = [*self.typed, *("_" * (len(self.code) - len(self.typed)))]
        return "Typed: " + " ".join(shown)

    def on_mount(self) -> None:
        """Cancel is the default: Enter right away does no harm."""
        self.query_one("#cancel", BigButton).focus()

    def scan_targets(self) -> list[Target]:
        """Cancel first, then Open settings (left out unless switches may reach settings)."""
        return widget_targets([self.query_one("#cancel", BigButton),
                               self.query_one("#open", BigButton)])

    def on_key(self, event: events.Key) -> None:
        """The next digit of the code goes on; any other key cancels."""
        event.stop()
        event.prevent_default()
        if self._answered:
            return
        expected = self.code[len(self.typed)]
        if event.character != expected:
            self.action_cancel()
            return
        self.typed += expected
        self.query_one("#code-typed", Static).update(self._typed_text())
        if self.typed == self.code:
            self._answer(True)

    def action_cancel(self) -> None:
        """Close without opening the settings."""
        self._answer(False)

    def _answer(self, open_settings: bool) -> None:
        if not self._answered:
            self._answered = True
            self.dismiss(open_settings)

    @on(BigButton.Pressed)
    def _pressed(self, message: BigButton.Pressed) -> None:
        message.stop()
        self._answer(message.button.action_id == SETTINGS_ACTION)
