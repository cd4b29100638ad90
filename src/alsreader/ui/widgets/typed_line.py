"""The text being typed on the Talk screen, with a cursor at its end.

Once the text has been said it stays shown, marked as said, until the next letter or word
starts a new message (the keyboard's :class:`~alsreader.talk.keyboard.Typed`).
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from alsreader.document.decode import clean_text

CURSOR = "▏"
"""Where the next letter goes."""


class TypedLine(Widget, can_focus=True):
    """One bordered line (or a few, for a long message) of typed text; it has the focus
    while typing, so Enter says the text rather than pressing a control."""

    DEFAULT_CSS = """
    TypedLine {
        height: auto;
        min-height: 3;
        max-height: 6;
        width: 1fr;
        border: round $foreground;
        border-title-style: bold;
        padding: 0 1;
        background: $background;
        color: $foreground;
        text-style: bold;
    }
    TypedLine:focus {
        border: heavy $accent;
    }
    """

    text: reactive[str] = reactive("", layout=True)
    """What has been typed."""
    said: reactive[bool] = reactive(False)
    """Whether the text has just been said."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Typing"

    def show(self, text: str, *, said: bool) -> None:
        """Show ``text``; ``said`` marks it as just said."""
        self.text = text
        self.said = said
        self.border_title = "Said (type to start again)" if said else "Typing"

    def render(self) -> Text:
        """The text and the cursor."""
        # Not one_line: the space just typed must show before the cursor.
        shown = Text(clean_text(self.text).replace("\n", " "), style="bold")
        if not self.said:
            shown.append(CURSOR)
        if not self.text:
            shown.append(" type a letter, or choose one below", style="not bold")
        return shown
