"""A large row of a list (a document in the library, a section or bookmark in the outline).

Rows are whole widgets, not lines of one list, so a pointer, a switch scanner and the keyboard
all reach each one the same way: click it, select it while scanned, or focus it (up / down)
and press Enter. Choosing posts ``ListRow.Chosen``.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from alsreader.ui.keymap import remappable


@remappable
class ListRow(Widget, can_focus=True, inherit_bindings=False):
    """A focusable, clickable row: a bold title and an optional detail line.

    | Key | Description |
    | :- | :- |
    | enter | Choose this row. |
    | down / up | Move to the next / previous row. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Open (choose) the focused row", show=False, id="row_choose"),
        Binding("down", "next_row", "Next row", show=False, id="row_next"),
        Binding("up", "previous_row", "Previous row", show=False, id="row_previous"),
    ]

    DEFAULT_CSS = """
    ListRow {
        height: auto;
        min-height: 3;
        width: 1fr;
        margin: 0 0 1 0;
        padding: 0 1;
        border: round $foreground;
        background: $background;
        color: $foreground;
    }
    ListRow:hover {
        border: double $accent;
    }
    ListRow:focus, ListRow.-scanned {
        border: heavy $accent;
        color: $accent;
        background: $background;
        text-style: bold reverse;
    }
    ListRow.-current {
        text-style: bold;
    }
    ListRow.-heading {
        border: none;
        min-height: 1;
        margin: 0;
        text-style: bold underline;
    }
    """

    class Chosen(Message):
        """The row was chosen (click, Enter, or a switch selecting it)."""

        def __init__(self, row: ListRow) -> None:
            super().__init__()
            self.row = row
            """The chosen row."""

        @property
        def control(self) -> ListRow:
            """The chosen row."""
            return self.row

    def __init__(
        self,
        title: str,
        detail: str = "",
        *,
        value: object = None,
        marker: str = "",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.title = title
        """What the row is (a document title, a section title)."""
        self.detail = detail
        """A second line (progress, last read), or ''."""
        self.value = value
        """What choosing the row opens (a path, a section index, a position)."""
        self.marker = marker
        """Shown before the title (e.g. ``▶`` for the section being read)."""

    def update(self, title: str | None = None, detail: str | None = None,
               marker: str | None = None) -> None:
        """Change what the row shows."""
        if title is not None:
            self.title = title
        if detail is not None:
            self.detail = detail
        if marker is not None:
            self.marker = marker
        self.refresh(layout=True)

    def render(self) -> Text:
        """The title (with its marker), and the detail line under it."""
        text = Text(f"{self.marker}{self.title}", style="bold")
        if self.detail:
            text.append("\n")
            text.append(self.detail, style="not bold")
        return text

    def choose(self) -> None:
        """Choose the row as if clicked."""
        self.post_message(self.Chosen(self))

    def action_choose(self) -> None:
        """Choose the focused row (Enter)."""
        self.choose()

    def _siblings(self) -> list[ListRow]:
        parent = self.parent
        if parent is None:
            return [self]
        return [w for w in parent.children if isinstance(w, ListRow) and w.focusable]

    def action_next_row(self) -> None:
        """Focus the next row of the list."""
        rows = self._siblings()
        index = rows.index(self)
        if index + 1 < len(rows):
            rows[index + 1].focus()

    def action_previous_row(self) -> None:
        """Focus the previous row of the list."""
        rows = self._siblings()
        index = rows.index(self)
        if index > 0:
            rows[index - 1].focus()

    def on_click(self, event: Click) -> None:
        event.stop()
        self.choose()
