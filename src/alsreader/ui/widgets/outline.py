"""The outline: every section of the document (the current one marked ▶), then the bookmarks.

It is an ``OptionList``, which draws only the rows in view. Its rows are made only when they
are first needed (the list shown, or asked for its rows), not when the document is shown: a
file of 100,000 headings would otherwise spend seconds on rows before its first text. Each
row is two lines high (title and a gap), so a pointer that wobbles still lands on the
intended one. A long title wraps with a hanging
indent: its further lines start under its first character, after the marker and the nesting
indent, so the levels stay readable. Choosing a row (Enter, a click, a
switch) posts ``Outline.SectionChosen`` or ``Outline.BookmarkChosen``.

A document of more than :data:`SECTIONS_AT_ONCE` sections is listed a window at a time,
around the current section: an ``OptionList`` measures every row whenever one changes, so
110,000 rows stalled the reader for seconds after its first text and for a second or more
on every key that moved the mark. The window's first row, "↑ N earlier sections", and its last,
"↓ N later sections", are rows like the others (Enter, a click, a dwell, a switch) and move
it by half its size; marking a section outside it (a jump) centres it there again. A
document with no more sections than that is listed whole, with no such rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from alsreader.document.model import Document, Position
from alsreader.ui.keymap import remappable

CURRENT_MARK = "▶ "
BOOKMARK_MARK = "★ "
EARLIER_MARK = "↑ "
LATER_MARK = "↓ "
SECTIONS_AT_ONCE = 300
"""The most sections listed at once; a longer document is listed a window at a time."""
EARLIER_ID = "sections-earlier"
LATER_ID = "sections-later"
MIN_HANGING_WIDTH = 8
"""Below this many cells for the title, a hanging indent would waste the row: wrap plainly."""


class HangingRow(Text):
    """A row's text: ``lead`` (marker and indent), then ``title``, then a blank line.

    It is a ``Text`` (its ``plain`` is the row's words, for speech and scanning), drawn
    through Textual's visual protocol so the title's wrapped lines hang under its start.
    """

    def __init__(self, lead: str, title: str, *, style: str = "") -> None:
        super().__init__(f"{lead}{title}\n", style=style)
        self.lead = lead
        self.title = title

    def visualize(self) -> Visual:
        """How Textual draws the row (called by ``textual.visual.visualize``)."""
        return _HangingVisual(Content.from_rich_text(self), len(self.lead), cell_len(self.lead))


class _HangingVisual(Visual):
    """Content whose first ``lead`` characters (``indent`` cells) hang its other lines.

    The title is wrapped here to the room beside the lead, and each further line starts
    with ``indent`` spaces; Textual then draws the lines as they are (they already fit).
    """

    def __init__(self, content: Content, lead: int, indent: int) -> None:
        self._content = content
        self._lead = lead
        self._indent = indent
        self._laid_out: tuple[int, Content] | None = None

    def _at(self, width: int) -> Content:
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        row = self._content.rstrip("\n")
        lead, title = row[: self._lead], row[self._lead :]
        room = width - self._indent
        if room < MIN_HANGING_WIDTH or title.cell_length <= room:
            laid_out = self._content  # fits (or too narrow to hang): as Textual wraps it
        else:
            lines = title.wrap(room)
            hanging = [lead + lines[0], *(line.pad_left(self._indent) for line in lines[1:])]
            laid_out = Content("\n").join(hanging) + self._content.plain[len(row) :]
        self._laid_out = (width, laid_out)
        return laid_out

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self._content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._at(width).get_height(rules, width)


@remappable
class Outline(OptionList, inherit_bindings=False):
    """Sections (indented by level, the current one marked ▶) followed by the bookmarks.

    | Key | Description |
    | :- | :- |
    | up / down | Move through the rows. |
    | home / end | First / last row. |
    | pageup / pagedown | A page of rows at a time. |
    | enter | Jump to the chosen section or bookmark and read. |

    On a long list's first or last row (earlier or later sections), Enter shows those.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Next row", show=False, id="outline_down"),
        Binding("up", "cursor_up", "Previous row", show=False, id="outline_up"),
        Binding("home", "first", "First row", show=False, id="outline_first"),
        Binding("end", "last", "Last row", show=False, id="outline_last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="outline_page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="outline_page_up"),
        Binding("enter", "select", "Choose", show=False, id="outline_choose"),
    ]

    DEFAULT_CSS = """
    Outline {
        width: 36;
        height: 1fr;
        max-height: 100%;
        border: round $foreground;
        border-title-style: bold;
        background: $background;
        padding: 0;
        scrollbar-size-vertical: 1;
        &:focus {
            border: heavy $accent;
            background-tint: $background 0%;
            & > .option-list--option-highlighted {
                color: $accent;
                background: $background;
                text-style: reverse bold;
            }
        }
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $background;
            text-style: underline;
        }
        & > .option-list--option-hover {
            background: $background;
            text-style: underline;
        }
        & > .option-list--separator {
            color: $foreground;
        }
        & > .option-list--option-disabled {
            color: $foreground;
            text-style: bold;
        }
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
        self._bookmarks: list[Position] = []
        self._rows_stale = False
        self._first = 0
        """The first section listed (0 unless the document has more than a window)."""

    @property
    def rows_ready(self) -> bool:
        """Whether the rows match the document and bookmarks (see :meth:`ensure_rows`)."""
        return not self._rows_stale

    def ensure_rows(self) -> None:
        """Make the rows now if the document or bookmarks changed since they were made.

        Called by anything about to read the rows (the options, their count), and by the
        list itself when it is shown.
        """
        if self._rows_stale:
            self._rows_stale = False
            self._rebuild()

    @property
    def bookmarks(self) -> list[Position]:
        """The bookmarks listed, in document order."""
        return list(self._bookmarks)

    @property
    def current(self) -> int:
        """The section marked as being read."""
        return self._current

    @property
    def shown_sections(self) -> range:
        """The sections listed: all of them, or the window of them around the current one."""
        if self._document is None:
            return range(0)
        count = len(self._document.sections)
        return range(self._first, min(self._first + SECTIONS_AT_ONCE, count))

    def _centre_on(self, section: int) -> None:
        """Place the window so that ``section`` is near its middle."""
        self._place_window(section - SECTIONS_AT_ONCE // 2)

    def _place_window(self, first: int) -> None:
        """Start the window at section ``first``, kept within the document."""
        count = len(self._document.sections) if self._document is not None else 0
        self._first = max(0, min(first, count - SECTIONS_AT_ONCE))

    def show_document(
        self, document: Document, current: int, bookmarks: Sequence[Position] = ()
    ) -> None:
        """List ``document``'s sections (``current`` marked) and its bookmarks."""
        self._document = document
        self._current = current
        self._bookmarks = list(bookmarks)
        self._centre_on(current)
        self._rows_stale = True
        if self.display and self.is_mounted:
            # Shown beside the text: made after the next frame, so the text comes first.
            self.call_after_refresh(self._show_rows)

    def _show_rows(self) -> None:
        self.ensure_rows()
        self.highlight_current()

    def on_show(self) -> None:
        """Make the rows once the list is on the screen (a frame after it was asked for)."""
        if self._rows_stale:
            self.call_after_refresh(self._show_rows)

    def set_current(self, section: int) -> None:
        """Mark ``section`` as the one being read."""
        if section == self._current or self._document is None:
            return
        old, self._current = self._current, section
        if self._rows_stale:
            self._centre_on(section)
            return  # the marks are made with the rows
        shown = self.shown_sections
        if not 0 <= section < len(self._document.sections) or section in shown:
            for index in (old, section):
                if index in shown:
                    self.replace_option_prompt(f"section-{index}",
                                               self._section_prompt(index))
            return
        # A jump out of the window: the window follows it (its rows made afresh).
        self._centre_on(section)
        self._rebuild()

    def set_bookmarks(self, bookmarks: Sequence[Position]) -> None:
        """Replace the bookmarks shown."""
        self._bookmarks = list(bookmarks)
        if self._rows_stale:
            return  # made with the sections, when first needed
        self._rebuild()

    def highlight_current(self) -> None:
        """Move the outline's cursor to the section being read (and scroll it into view)."""
        self.ensure_rows()
        if self._document is None or not 0 <= self._current < len(self._document.sections):
            return
        if self._current not in self.shown_sections:
            self._centre_on(self._current)
            self._rebuild()
        self.highlighted = self.get_option_index(f"section-{self._current}")

    def option_index_of_bookmark(self, number: int) -> int:
        """Index (among the options) of bookmark ``number``."""
        self.ensure_rows()
        return self.get_option_index(f"bookmark-{number}")

    def show_earlier(self) -> None:
        """Move the window half its size towards the start (the "earlier sections" row)."""
        self._move_window(-(SECTIONS_AT_ONCE // 2))

    def show_later(self) -> None:
        """Move the window half its size towards the end (the "later sections" row)."""
        self._move_window(SECTIONS_AT_ONCE // 2)

    def _move_window(self, by: int) -> None:
        self.ensure_rows()
        before = self.shown_sections
        if not before:
            return
        self._place_window(self._first + by)
        if self.shown_sections == before:
            return
        self._rebuild()
        # The cursor goes to the first row that was not shown, so reading the list goes on
        # from where it was (down after "later", up after "earlier").
        revealed = before.stop if by > 0 else before.start - 1
        self.highlighted = self.get_option_index(f"section-{revealed}")

    def _move_row(self, mark: str, count: int, option_id: str, where: str) -> Option:
        noun = "section" if count == 1 else "sections"
        return Option(HangingRow(mark, f"{count:,} {where} {noun}", style="bold"),
                      id=option_id)

    def _section_prompt(self, index: int) -> Text:
        assert self._document is not None
        section = self._document.sections[index]
        is_current = index == self._current
        mark = CURRENT_MARK if is_current else "  "
        indent = "  " * max(section.level - 1, 0)
        return HangingRow(f"{mark}{indent}", section.title or "(untitled)",
                          style="bold" if is_current else "")

    def _rebuild(self) -> None:
        document = self._document
        if document is None:
            return
        highlighted = self.highlighted
        shown = self.shown_sections
        options: list[Option | None] = []
        if shown.start > 0:
            options.append(self._move_row(EARLIER_MARK, shown.start, EARLIER_ID, "earlier"))
        options += [Option(self._section_prompt(i), id=f"section-{i}") for i in shown]
        later = len(document.sections) - shown.stop
        if later > 0:
            options.append(self._move_row(LATER_MARK, later, LATER_ID, "later"))
        if self._bookmarks:
            options.append(None)
            options.append(Option(Text("Bookmarks\n", style="bold"), id="bookmarks",
                                  disabled=True))
            for number, position in enumerate(self._bookmarks):
                title = ""
                if 0 <= position.section < len(document.sections):
                    title = document.sections[position.section].title
                label = HangingRow(BOOKMARK_MARK, f"{title}, sentence {position.sentence + 1}")
                options.append(Option(label, id=f"bookmark-{number}"))
        self.set_options(options)
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == EARLIER_ID:
            self.show_earlier()
            return
        if event.option.id == LATER_ID:
            self.show_later()
            return
        kind, _, number = (event.option.id or "").partition("-")
        if kind == "section":
            self.post_message(self.SectionChosen(int(number)))
        elif kind == "bookmark":
            self.post_message(self.BookmarkChosen(self._bookmarks[int(number)]))
