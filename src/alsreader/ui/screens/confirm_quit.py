"""Quitting needs a deliberate "yes": two large buttons, with "Keep reading" focused.

An accidental press of q (or a tremor) lands here and does nothing more: Escape, n, Enter
on the focused button, or a click on "Keep reading" all go back to the book. The focus
cannot be moved to Quit by keys (no Tab here): random presses (Tab then Enter) quit the app
about once a minute in the mashing test when it could. Quit takes y, a click or a switch.
"""

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
class ConfirmQuitScreen(DialogScreen, inherit_bindings=False):
    """Asks whether to quit; dismisses with True only for y or the Quit button.

    | Key | Description |
    | :- | :- |
    | y | Quit. |
    | n / escape | Keep reading. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Quit", id="confirm_quit"),
        Binding("n,escape", "keep_reading", "Keep reading", id="keep_reading"),
    ]

    def compose(self) -> ComposeResult:
        """The question and the two buttons."""
        with Vertical():
            yield Static("Quit alsreader? Your place is saved.", id="question",
                         classes="dialog-question")
            with Grid():
                yield BigButton("Keep reading", "keep_reading", key_label="Esc / n", id="keep")
                yield BigButton("Quit", "confirm_quit", key_label="y", id="quit")

    def on_mount(self) -> None:
        """Keep reading is the default: Enter right away does no harm."""
        self.query_one("#keep", BigButton).focus()

    def scan_targets(self) -> list[Target]:
        """Keep reading first, then Quit."""
        return widget_targets([self.query_one("#keep", BigButton),
                               self.query_one("#quit", BigButton)])

    def action_confirm(self) -> None:
        """Quit."""
        self.dismiss(True)

    def action_keep_reading(self) -> None:
        """Go back to reading."""
        self.dismiss(False)

    @on(BigButton.Pressed)
    def _pressed(self, message: BigButton.Pressed) -> None:
        message.stop()
        self.dismiss(message.button.action_id == "confirm_quit")
