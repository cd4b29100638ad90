"""The one reading of Textual's insides: which option list row is under the pointer.

If a Textual upgrade changes how an OptionList marks its rows, dwell on the outline's rows
stops working; this test says so loudly instead.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import OptionList

from alsreader.ui.access.pointer import option_under_pointer


class Rows(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList("First row", "Second row", "Third row", id="rows")


async def test_the_row_under_the_pointer_is_found() -> None:
    app = Rows()
    async with app.run_test(size=(40, 10)) as pilot:
        options = app.query_one("#rows", OptionList)
        for row in (0, 1, 2):
            # The list's border is one row; each option is one line.
            await pilot.hover("#rows", offset=(5, 1 + row))
            await pilot.pause()
            assert option_under_pointer(options) == row, (
                "Textual no longer marks OptionList rows with {'option': index} meta; "
                "update alsreader/ui/access/pointer.py")
        await pilot.hover("#rows", offset=(5, 8))
        await pilot.pause()
        assert option_under_pointer(options) is None
