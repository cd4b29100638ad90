"""What was said last, in large letters on its own, for a listener who is hard of hearing.

A terminal has one size of letters, so large letters are drawn with a FIGlet font (pyfiglet's
"future": each letter three rows high, drawn with box lines) across the whole width, centred,
in a panel with nothing else in it. Words that would need more than :data:`MOST_BIG_LINES`
lines of large letters, or characters the font lacks (accents, other scripts), are shown in
ordinary bold text instead; the caregiver can still make the terminal's font bigger.
"""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from alsreader.document.decode import one_line

BIG_FONT = "future"
"""The FIGlet font of the large letters: three rows a letter, legible at a distance."""
MOST_BIG_LINES = 3
"""Lines of large letters at most; longer sayings are shown in ordinary bold text."""


@lru_cache(maxsize=64)
def big_letters(text: str, width: int) -> tuple[str, ...] | None:
    """``text`` in large letters centred in ``width`` columns, as rows; None when it would
    take more than :data:`MOST_BIG_LINES` lines or the font lacks one of its characters."""
    if width < 10 or not text or not all(" " <= char <= "~" for char in text):
        return None
    from pyfiglet import Figlet

    figlet = Figlet(font=BIG_FONT, width=width, justify="left")
    height = max(1, int(figlet.Font.height))
    rows = [row.rstrip() for row in figlet.renderText(text).split("\n")]
    lines = [rows[start:start + height] for start in range(0, len(rows), height)]
    lines = [line for line in lines if any(row for row in line)]
    if not lines or len(lines) > MOST_BIG_LINES:
        return None
    centred: list[str] = []
    for line in lines:
        # One offset for the rows of a line, so its letters stay whole.
        longest = max(len(row) for row in line)
        if longest > width:
            return None
        left = (width - longest) // 2
        # Every row as wide as the panel, so no row is re-aligned on its own.
        centred += [(" " * left + row).ljust(width) for row in line]
    return tuple(centred)


class SaidText(Widget):
    """The last thing said (or a hint before anything was)."""

    DEFAULT_CSS = """
    SaidText {
        height: auto;
        min-height: 5;
        width: 1fr;
        border: heavy $foreground;
        border-title-style: bold;
        padding: 0 1;
        background: $background;
        color: $foreground;
        content-align: center middle;
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

    @property
    def big(self) -> bool:
        """Whether the words are drawn in large letters (they fit)."""
        return big_letters(self.text, self.content_region.width) is not None

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many rows as the large letters need (three a line), else the text's."""
        rows = big_letters(self.text, width)
        if rows is not None:
            return len(rows)
        return super().get_content_height(container, viewport, width)

    def render(self) -> Text:
        """The words in large letters, or in bold text, or the hint."""
        if not self.text:
            return Text(self.hint, style="not bold", justify="center")
        rows = big_letters(self.text, self.content_region.width)
        if rows is not None:
            return Text("\n".join(rows), style="bold", justify="left", no_wrap=True)
        return Text(self.text, style="bold", justify="center")
