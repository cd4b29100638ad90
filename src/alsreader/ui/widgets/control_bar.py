"""The row of large controls under the text, laid out as a grid that wraps on narrow screens.

Eight controls fit one row from 120 columns; below that they wrap into two rows (of four for
eight controls, five for nine), each still at least three rows high, with a margin around
each so a shaky pointer does not hit a neighbour. When the widest label does not fit its
share of the width, fewer sit in a row.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Grid
from textual.events import Resize

from alsreader.ui.widgets.big_button import BigButton

WIDE_ENOUGH_FOR_ONE_ROW = 120
"""Columns from which all eight controls sit in one row."""


class ControlBar(Grid):
    """A grid of ``BigButton`` controls, in the order they are given (Play/Pause first)."""

    DEFAULT_CSS = """
    ControlBar {
        height: auto;
        grid-size: 4;
        grid-rows: 4;
        grid-gutter: 1 0;
        padding: 0;
        background: $background;
    }
    ControlBar > BigButton {
        height: 4;
        width: 1fr;
    }
    """

    def __init__(self, buttons: Iterable[BigButton], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._buttons = list(buttons)

    @property
    def buttons(self) -> list[BigButton]:
        """The controls, in scan order."""
        return list(self._buttons)

    def compose(self) -> ComposeResult:
        """The controls, in order."""
        yield from self._buttons

    def on_resize(self, event: Resize) -> None:
        count = len([button for button in self._buttons if button.display])
        # Two rows when they do not fit one: four a row for eight, five for the reader's nine.
        columns = count if event.size.width >= WIDE_ENOUGH_FOR_ONE_ROW else max(4, -(-count // 2))
        columns = max(min(columns, count), 1)
        # Fewer per row rather than a label broken over the line that shows its key.
        widest = max((button.needed_width for button in self._buttons), default=0) + 2
        while columns > 1 and event.size.width // columns < widest:
            columns -= 1
        if self.styles.grid_size_columns != columns:
            self.styles.grid_size_columns = columns
