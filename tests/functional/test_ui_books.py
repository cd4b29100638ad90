"""Books in the real app: a PDF's page shows in the status line as the place moves."""

from __future__ import annotations

from pathlib import Path

from tests.book_files import pdf_page, pdf_writer

from alsreader.state import ReadingState
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
        assert status.status.page == 1
        assert "page 1" in str(status.render())
        await pilot.press("down")
        await wait_for(pilot, lambda: shown(screen) == (1, 0))
        await wait_for(pilot, lambda: status.status.page == 2)
        assert "Section 2 of 2, page 2" in str(status.render())
