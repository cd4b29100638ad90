"""What was said last, in large bold text on its own, for a listener who is hard of hearing.

A terminal has one size of letters, so "large" here is a panel of its own across the whole
width, the words bold and centred with space around them, and nothing else in it; the
caregiver makes the terminal's font as big as the room needs.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from alsreader.document.decode import one_line


class SaidText(Widget):
    """The last thing said (or a hint before anything was)."""

    DEFAULT_CSS = """
    SaidText {
        height: auto;
        min-height: 5;
        max-height: 9;
        width: 1fr;
        border: heavy $foreground;
        border-title-style: bold;
        padding: 1 2;
        background: $background;
        color: $foreground;
        content-align: center middle;
        text-align: center;
        text-style: bold;
    }
    SaidText.-alarm {
        border: heavy $accent;
        color: $accent;
        text-style: bold reverse;
    }
    """

    text: reactive[str] = reactive("", layout=True)
    """What was said ("" before anything was)."""
    hint: reactive[str] = reactive("", layout=True)
    """Shown (not bold) while nothing has been said."""

    def __init__(self, hint: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(SaidText.hint, hint)
        self.border_title = "Said"

    def show(self, text: str, *, alarm: bool = False) -> None:
        """Show ``text`` as just said (``alarm``: marked as the alarm)."""
        self.text = one_line(text)
        self.set_class(alarm, "-alarm")

    def render(self) -> Text:
        """The words, or the hint."""
        if self.text:
            return Text(self.text.upper() if self.has_class("-alarm") else self.text,
                        style="bold", justify="center")
        return Text(self.hint, style="not bold", justify="center")
