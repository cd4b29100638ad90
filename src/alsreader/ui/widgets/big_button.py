"""A large control: a label and the key that does the same, at least three rows high.

Every control of the reader is a ``BigButton`` with an ``action_id`` (the id of the binding
that does the same thing). A click, the Enter key while focused, or a switch selecting it all
post ``BigButton.Pressed``; the screen runs the action, so all ways in go through one path.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from alsreader.ui.keymap import remappable


@remappable
class BigButton(Widget, can_focus=True, inherit_bindings=False):
    """A large, clearly outlined control with its key shown under the label.

    | Key | Description |
    | :- | :- |
    | enter | Press the focused control. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "press", "Press", show=False, id="press_focused"),
    ]

    DEFAULT_CSS = """
    BigButton {
        width: 1fr;
        height: 4;
        min-height: 4;
        margin: 0 1;
        padding: 0 1;
        border: round $foreground;
        background: $background;
        color: $foreground;
        content-align: center middle;
        text-align: center;
    }
    BigButton:hover {
        border: double $accent;
    }
    BigButton:focus {
        border: heavy $accent;
        color: $accent;
        background: $background;
        text-style: bold reverse;
    }
    BigButton.-scanned {
        border: heavy $accent;
        color: $accent;
        background: $background;
        text-style: bold reverse;
    }
    """

    label: reactive[str] = reactive("", layout=True)
    """The name of the control (e.g. "Play")."""
    key_label: reactive[str] = reactive("", layout=True)
    """The key that does the same (e.g. "Space"), shown under the label."""

    class Pressed(Message):
        """The control was pressed (click, Enter, or a switch selecting it)."""

        def __init__(self, button: BigButton) -> None:
            super().__init__()
            self.button = button
            """The control that was pressed."""

        @property
        def control(self) -> BigButton:
            """The control that was pressed."""
            return self.button

    def __init__(
        self,
        label: str,
        action_id: str,
        *,
        key_label: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.action_id = action_id
        """The binding id (and action name) this control triggers."""
        self.set_reactive(BigButton.label, label)
        self.set_reactive(BigButton.key_label, key_label)

    @property
    def needed_width(self) -> int:
        """Cells the label and key need, plus border and padding."""
        return max(len(self.label), len(self.key_label)) + 4

    def render(self) -> Text:
        """The label on the first line, the key on the second."""
        text = Text(self.label, style="bold", justify="center")
        if self.key_label:
            text.append("\n")
            text.append(self.key_label)
        return text

    def press(self) -> None:
        """Press the control as if clicked."""
        self.post_message(self.Pressed(self))

    def action_press(self) -> None:
        """Press the focused control (Enter)."""
        self.press()

    def on_click(self, event: Click) -> None:
        event.stop()
        self.press()
