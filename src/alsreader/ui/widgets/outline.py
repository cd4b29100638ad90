"""The outline panel: every section (the current one marked ▶), then the bookmarks.

Each entry is a ``ListRow``; choosing one posts ``Outline.SectionChosen`` or
``Outline.BookmarkChosen`` and the reader jumps there.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.message import Message

from alsreader.document.model import Document, Position
from alsreader.ui.widgets.list_row import ListRow

CURRENT_MARK = "▶ "
BOOKMARK_MARK = "★ "


class Outline(VerticalScroll, can_focus=False, inherit_bindings=False):
    """A scrolling column of section rows (indented by level) and bookmark rows."""

    DEFAULT_CSS = """
    Outline {
        width: 36;
        height: 1fr;
        border: round $foreground;
        border-title-style: bold;
        padding: 0 1 0 0;
        background: $background;
        scrollbar-size-vertical: 1;
    }
    Outline > ListRow {
        min-height: 3;
    }
    """

    class SectionChosen(Message):
        """A section was chosen from the outline."""

        def __init__(self, section: int) -> None:
            super().__init__()
            self.section = section
            """Index of the chosen section (reading order)."""

    class BookmarkChosen(Message):
        """A bookmark was chosen from the outline."""

        def __init__(self, position: Position) -> None:
            super().__init__()
            self.position = position
            """Where the bookmark points."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Sections"
        self._document: Document | None = None
        self._current = -1
        self._rows: list[ListRow] = []

    @property
    def rows(self) -> list[ListRow]:
        """Every row that can be chosen (sections, then bookmarks)."""
        return [row for row in self._rows if row.focusable]

    def show_document(
        self, document: Document, current: int, bookmarks: Sequence[Position] = ()
    ) -> None:
        """List ``document``'s sections (``current`` marked) and its bookmarks."""
        self._document = document
        self._current = current
        self._rebuild(bookmarks)

    def set_current(self, section: int) -> None:
        """Mark ``section`` as the one being read."""
        if section == self._current or self._document is None:
            return
        old, self._current = self._current, section
        for row in self._rows:
            if row.value in (("section", old), ("section", section)):
                is_current = row.value == ("section", section)
                row.update(marker=CURRENT_MARK if is_current else "  ")
                row.set_class(is_current, "-current")

    def set_bookmarks(self, bookmarks: Sequence[Position]) -> None:
        """Replace the bookmarks shown."""
        self._rebuild(bookmarks)

    def current_row(self) -> ListRow | None:
        """The row of the section being read."""
        for row in self._rows:
            if row.value == ("section", self._current):
                return row
        return None

    def _rebuild(self, bookmarks: Sequence[Position]) -> None:
        document = self._document
        if document is None:
            return
        rows: list[ListRow] = []
        for section in document.sections:
            indent = "  " * max(section.level - 1, 0)
            is_current = section.index == self._current
            rows.append(
                ListRow(
                    f"{indent}{section.title or '(untitled)'}",
                    value=("section", section.index),
                    marker=CURRENT_MARK if is_current else "  ",
                    classes="-current" if is_current else None,
                )
            )
        if bookmarks:
            heading = ListRow("Bookmarks", classes="-heading")
            heading.can_focus = False
            rows.append(heading)
            for position in bookmarks:
                title = ""
                if 0 <= position.section < len(document.sections):
                    title = document.sections[position.section].title
                rows.append(
                    ListRow(
                        f"{title}, sentence {position.sentence + 1}",
                        value=("bookmark", position),
                        marker=BOOKMARK_MARK,
                    )
                )
        self._rows = rows
        self.remove_children()
        self.mount_all(rows)

    def _on_list_row_chosen(self, event: ListRow.Chosen) -> None:
        event.stop()
        value = event.row.value
        if not isinstance(value, tuple):
            return
        kind, target = value
        if kind == "section" and isinstance(target, int):
            self.post_message(self.SectionChosen(target))
        elif kind == "bookmark" and isinstance(target, Position):
            self.post_message(self.BookmarkChosen(target))


__all__ = ["Outline"]
