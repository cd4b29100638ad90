"""The library: every document the reader can open, as big rows with progress and last read.

Finding the documents reads only the first few kilobytes of each file, but a folder of
books can still take a moment, so it happens in a worker; the rows appear when it is done.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static

from alsreader.document.decode import one_line
from alsreader.ui.access.targets import Target, widget_targets
from alsreader.ui.keymap import remappable
from alsreader.ui.screens.base import ReaderScreenBase
from alsreader.ui.services import ReaderServices
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.control_bar import ControlBar
from alsreader.ui.widgets.list_row import ListRow
from alsreader.ui.widgets.plain_scroll import PlainScroll

if TYPE_CHECKING:
    from alsreader.document.library import LibraryEntry
    from alsreader.state import DocumentState

LIBRARY_CONTROLS: list[tuple[str, str]] = [
    ("talk", "Talk"),
    ("change_folder", "Folder: all"),
    ("settings", "Settings"),
    ("help", "Help"),
    ("quit", "Quit"),
]
"""The library's own controls, after the documents: binding id and label."""
DOCUMENTS_GROUP = "Documents"
"""The scan group of the document rows."""


def describe_progress(entry: DocumentState | None, now: datetime | None = None) -> str:
    """The detail line of a library row: "42% read · last read 3 days ago"."""
    if entry is None:
        return "Not started"
    percent = int(entry.fraction * 100)
    text = f"{percent}% read"
    if entry.last_read:
        text += f" · last read {describe_when(entry.last_read, now)}"
    return text


def describe_when(stamp: str, now: datetime | None = None) -> str:
    """An ISO time as a person says it: "today", "yesterday", "5 days ago", "12 Mar 2026"."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return "some time ago"
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    days = (now.date() - when.astimezone(now.tzinfo).date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    return when.strftime("%d %b %Y")


@remappable
class LibraryScreen(ReaderScreenBase, inherit_bindings=False):
    """Lists documents; choosing one opens it in the reader at its saved place.

    | Key | Description |
    | :- | :- |
    | up / down | Move through the documents. |
    | enter | Open the focused document (at its saved place). |
    | f | Show the next folder's documents (after the last folder, all again). |
    | tab | Move the focus to the next row or control. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_focused", "Open the focused document", id="library_open"),
        Binding("f", "change_folder", "Show the next folder's documents (then all again)",
                id="change_folder"),
        Binding("tab", "app.focus_next", "Next row or control", id="library_focus_next"),
        Binding("down", "first_row", "First document", id="library_first", show=False),
    ]

    HELP_ALSO = (ListRow,)

    DEFAULT_CSS = """
    LibraryScreen #documents {
        height: 1fr;
        border: round $foreground;
        border-title-style: bold;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    LibraryScreen #empty {
        padding: 1 2;
    }
    LibraryScreen ControlBar {
        grid-size: 4;
    }
    """

    HELP_TITLE = "Library"

    def action_open_focused(self) -> None:
        """Open the document whose row has the focus (Enter on a row does it directly)."""
        focused = self.focused
        if isinstance(focused, ListRow):
            focused.choose()
        else:
            self.action_first_row()

    class DocumentChosen(Message):
        """A document was chosen: the app opens it in the reader."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class Found(Message):
        """The documents were found (in a worker)."""

        def __init__(self, entries: Sequence[LibraryEntry], skipped: Sequence[str] = (),
                     formats: str = "") -> None:
            super().__init__()
            self.entries = list(entries)
            self.skipped = list(skipped)
            """One plain line per entry that could not be used (a symlink loop, ...)."""
            self.formats = formats
            """The formats alsreader reads, in words."""

    def __init__(self, services: ReaderServices, folders: Sequence[Path], *,
                 include_bundled: bool = True, title: str = "Library") -> None:
        super().__init__(services)
        self.folders = list(folders)
        """Where documents are looked for (besides the bundled ones)."""
        self.include_bundled = include_bundled
        """Whether the bundled documents are listed first."""
        self.heading = title
        self._folder: Path | None = None

    def compose(self) -> ComposeResult:
        """The list of documents and the controls under it."""
        documents = PlainScroll(id="documents")
        documents.border_title = self.heading
        with documents:
            # Literal text: it will quote folder names.
            yield Static("Looking for documents…", id="empty", markup=False)
        yield ControlBar(
            [
                BigButton(label, action_id, key_label=self.services.keymap.label(action_id),
                          id=f"control-{action_id}")
                for action_id, label in LIBRARY_CONTROLS
            ],
            id="controls",
        )

    def on_mount(self) -> None:
        """Look for documents in a worker."""
        self._find()

    @work(thread=True, exclusive=True, group="library")
    def _find(self) -> None:
        from alsreader.document.library import scan_library
        from alsreader.document.registry import registry

        found = scan_library(self.folders, include_bundled=self.include_bundled)
        self.post_message(self.Found(found.entries, found.skipped, registry.describe()))

    @on(Found)
    async def _found(self, message: Found) -> None:
        documents = self.query_one("#documents", PlainScroll)
        empty = self.query_one("#empty", Static)
        state = self.services.state
        remembered = [(entry, state.document(entry.path)) for entry in message.entries]
        # Recently read first: the book to resume is one press (or one scan step) away.
        remembered.sort(key=lambda pair: pair[1].last_read if pair[1] else "", reverse=True)
        rows = [
            ListRow(
                entry.title,
                describe_progress(saved),
                value=entry.path,
                id=f"document-{number}",
            )
            for number, (entry, saved) in enumerate(remembered)
        ]
        if rows:
            empty.display = False
            await documents.mount_all(rows)
            rows[0].focus()
        else:
            where = ", ".join(one_line(str(folder)) for folder in self.folders) or (
                "the library folders")
            empty.update(f"No documents found in {where}.\n"
                         f"Add {message.formats or 'documents'} files there, or name a file: "
                         "alsreader BOOK")
        if message.skipped:
            more = f"\n…and {len(message.skipped) - 5} more" if len(message.skipped) > 5 else ""
            self.notify("\n".join(message.skipped[:5]) + more, title="Left out of the library",
                        severity="warning", timeout=15)

    def on_screen_resume(self) -> None:
        """Back from the reader: show the new progress of every document."""
        state = self.services.state
        for row in self.rows():
            if isinstance(row.value, Path):
                row.update(detail=describe_progress(state.document(row.value)))

    def rows(self) -> list[ListRow]:
        """The document rows, in order."""
        return list(self.query(ListRow))

    def folders_shown(self) -> list[Path]:
        """The folders the listed documents are in, in list order (for Folder)."""
        found: list[Path] = []
        for row in self.rows():
            if isinstance(row.value, Path) and row.value.parent not in found:
                found.append(row.value.parent)
        return found

    def action_change_folder(self) -> None:
        """Show only the documents of the next folder; after the last, all of them again."""
        folders = self.folders_shown()
        if len(folders) < 2:
            self.notify("All the documents are in one folder.", timeout=5)
            return
        current = self._folder
        index = folders.index(current) + 1 if current in folders else 0
        self._folder = folders[index] if index < len(folders) else None
        shown = self._folder
        for row in self.rows():
            row.display = shown is None or (isinstance(row.value, Path)
                                            and row.value.parent == shown)
        button = self.query_one("#control-change_folder", BigButton)
        button.label = "Folder: all" if shown is None else f"Folder: {one_line(shown.name)}"
        visible = [row for row in self.rows() if row.display]
        if visible:
            visible[0].focus()

    def scan_targets(self) -> list[Target]:
        """The documents shown, in order (one group), then the controls."""
        rows = [row for row in self.rows() if row.display]
        return widget_targets([*rows, *self.query_one("#controls", ControlBar).buttons],
                              list_group=DOCUMENTS_GROUP)

    def action_first_row(self) -> None:
        """Focus the first document (down, when nothing in the list has focus)."""
        rows = self.rows()
        if rows:
            rows[0].focus()

    @on(ListRow.Chosen)
    def _chosen(self, message: ListRow.Chosen) -> None:
        message.stop()
        if isinstance(message.row.value, Path):
            self.post_message(self.DocumentChosen(message.row.value))
