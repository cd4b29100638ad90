"""Books in the real app: a PDF's page shows in the status line as the place moves; a long
book opens at its saved chapter before the rest of it is read."""

from __future__ import annotations

from pathlib import Path

from tests.book_files import (
    Chapter,
    TocItem,
    covered_book,
    make_epub,
    pdf_page,
    pdf_writer,
    replace_member,
)

from alsreader.document import Position, load_document, open_document
from alsreader.state import ReadingState
from alsreader.ui.screens.library import LibraryScreen
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.widgets.outline import Outline
from alsreader.ui.widgets.sentence_view import SentenceView
from alsreader.ui.widgets.status_line import StatusLine

from .ui_helpers import reader_app, reader_ready, shown, wait_for


async def test_the_status_line_shows_the_page_being_read(tmp_path: Path) -> None:
    """Moving from page 1 to page 2 of a PDF changes "page 1" to "page 2"."""
    pdf = pdf_writer()
    pdf_page(pdf, ["First page sentence one. First page sentence two."])
    pdf_page(pdf, ["Second page sentence."])
    book = tmp_path / "pages.pdf"
    pdf.output(str(book))
    app = reader_app(book, state=ReadingState(tmp_path / "state.json", durable=False))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        status = screen.query_one("#status", StatusLine)
        assert status.status.page == "1"
        assert "page 1" in str(status.render())
        await pilot.press("down")
        await wait_for(pilot, lambda: shown(screen) == (1, 0))
        await wait_for(pilot, lambda: status.status.page == "2")
        assert "Section 2 of 2, page 2" in str(status.render())


def long_book(path: Path, chapters: int = 30) -> Path:
    """An EPUB of ``chapters`` chapter files, each a section of its own."""
    return make_epub(path, [
        Chapter(f"c{n}.xhtml", f"<h1>Chapter {n}</h1><p>Chapter {n} begins. It ends here.</p>")
        for n in range(1, chapters + 1)
    ], [TocItem(f"Chapter {n}", f"c{n}.xhtml") for n in range(1, chapters + 1)])


async def test_a_book_opens_at_its_saved_chapter_while_the_rest_is_read(
    tmp_path: Path,
) -> None:
    """Handed a book none of whose chapters has been read, the reader shows (and would
    read) the saved sentence in the last chapter, lists every chapter at once, reads the
    rest in the background, and opens a chapter chosen from the list (read when chosen if
    the background has not reached it) at its first sentence."""
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    path = long_book(shelf / "long.epub")
    whole = load_document(path)
    place = Position(len(whole.sections) - 1, 2)
    saved = whole.sentence_at(place)
    assert saved is not None
    state = ReadingState(tmp_path / "state.json", durable=False)
    state.set_position(path, place, fraction=whole.fraction_read(place), sentence=saved.text)
    document = open_document(path)
    assert not any(section.loaded for section in document.sections)
    app = reader_app(shelf, state=state)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LibraryScreen))
        app.push_screen(ReaderScreen(app.services, path, document=document))
        screen = await reader_ready(pilot)
        assert shown(screen) == (place.section, place.sentence)
        assert screen.query_one("#text", SentenceView).current_text == "It ends here."
        outline = screen.query_one("#outline", Outline)
        assert outline.option_count == len(whole.sections)
        await wait_for(pilot, lambda: all(s.loaded for s in document.sections))
        assert [s.text for s in document.sections] == [s.text for s in whole.sections]
        await pilot.press("s")  # wide screen: the outline is beside the text; s focuses it
        await wait_for(pilot, lambda: app.focused is outline)
        outline.highlighted = outline.get_option_index("section-1")
        await pilot.press("enter")
        await wait_for(pilot, lambda: shown(screen) == (1, 0))
        assert screen.query_one("#text", SentenceView).current_text == "Chapter 2"
        await pilot.press("b")
        await wait_for(pilot, lambda: [b.position for b in state.bookmarks(path)]
                       == [Position(1, 0)])


async def test_a_chapter_that_cannot_be_read_says_so_and_the_rest_is_read(
    tmp_path: Path,
) -> None:
    """A book whose chapter file is missing opens at its saved place; the missing chapter
    says it could not be read when the reader goes there, and the next one reads on."""
    book = long_book(tmp_path / "long.epub", chapters=4)
    replace_member(book, "OEBPS/c3.xhtml", None)
    state = ReadingState(tmp_path / "state.json", durable=False)
    state.set_position(book, Position(1, 1), fraction=0.3)
    app = reader_app(book, state=state)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        assert shown(screen) == (1, 1)
        await pilot.press("down")
        await wait_for(pilot, lambda: shown(screen) == (2, 0))
        assert screen.query_one("#text", SentenceView).current_text.startswith(
            "This part of the book could not be read: This EPUB book is damaged")
        await pilot.press("down")
        await wait_for(pilot, lambda: shown(screen) == (3, 0))
        assert screen.query_one("#text", SentenceView).current_text == "Chapter 4"


async def test_a_book_opened_for_the_first_time_begins_after_its_cover(tmp_path: Path) -> None:
    """A new book's cover and copyright page are not the first thing shown and heard:
    reading begins at the first part in the book's reading flow."""
    book = covered_book(tmp_path / "covered.epub")
    app = reader_app(book, state=ReadingState(tmp_path / "state.json", durable=False))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        await wait_for(pilot, lambda: shown(screen) == (2, 0))
