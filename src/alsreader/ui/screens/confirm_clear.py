"""Clearing the Talk screen's history (or the learned words) needs a deliberate "yes": Keep
comes first and has the focus, so a stray press or a selection too soon does nothing."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.widgets import Static

from alsreader.ui.access.targets import Target, widget_targets
from alsreader.ui.keymap import remappable
from alsreader.ui.screens.dialog import DialogScreen
from alsreader.ui.widgets.big_button import BigButton


@remappable
class ConfirmClearScreen(DialogScreen, inherit_bindings=False):
    """Asks whether to forget something; dismisses with True only for y or Clear.

    | Key | Description |
    | :- | :- |
    | y | Clear the history. |
    | n / escape | Keep it. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Clear the history", id="confirm_clear"),
        Binding("n,escape", "keep", "Keep the history", id="keep_history"),
    ]

    HELP_TITLE = "Clear?"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question
        """What would be forgotten, as a question."""

    def compose(self) -> ComposeResult:
        """The question and the two buttons."""
        with Vertical():
            yield Static(f"{self.question} This cannot be undone.", id="question",
                         classes="dialog-question", markup=False)
            with Grid():
                yield BigButton("Keep it", "keep_history", key_label="Esc / n", id="keep")
                yield BigButton("Clear", "confirm_clear", key_label="y", id="clear")

    def on_mount(self) -> None:
        """Keeping is the default: Enter right away does no harm."""
        self.query_one("#keep", BigButton).focus()

    def scan_targets(self) -> list[Target]:
        """Keep first, then Clear."""
        return widget_targets([self.query_one("#keep", BigButton),
                               self.query_one("#clear", BigButton)])

    def action_confirm(self) -> None:
        """Clear."""
        self.dismiss(True)

    def action_keep(self) -> None:
        """Keep the history."""
        self.dismiss(False)

    @on(BigButton.Pressed)
    def _pressed(self, message: BigButton.Pressed) -> None:
        message.stop()
        self.dismiss(message.button.action_id == "confirm_clear")
