"""The section list of a document with many headings: its rows are made when it is first
shown, not before the document's text (issue 12: 110,000 rows took seconds)."""

from __future__ import annotations

from pathlib import Path

from alsreader.access.steps import CLOSE_LIST
from alsreader.ui.screens.reader import GROUP_THRESHOLD, OUTLINE_GROUP
from alsreader.ui.widgets.outline import CURRENT_MARK, LATER_ID, SECTIONS_AT_ONCE, Outline

from .ui_helpers import reader_app, reader_ready, shown, wait_for

HEADINGS = 3_000


def many_headings(folder: Path, headings: int = HEADINGS) -> Path:
    """A Markdown file of ``headings`` short notes, each under its heading "Note N"."""
    path = folder / "notes.md"
    path.write_text("".join(f"# Note {n}\n\nThe note numbered {n} is short.\n\n"
                            for n in range(1, headings + 1)), encoding="utf-8")
    return path


async def test_the_section_list_is_made_when_opened_and_scanned_in_blocks(
    tmp_path: Path,
) -> None:
    app = reader_app(many_headings(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        outline = screen.query_one("#outline", Outline)
        # Narrow screen, list closed: the text is shown and no row has been made.
        assert not outline.rows_ready
        assert outline.option_count == 0
        assert not [t for t in screen.scan_targets() if t.scan.group == OUTLINE_GROUP]

        for _ in range(3):
            await pilot.press("down")  # next section: the mark moves before any row exists
        await wait_for(pilot, lambda: shown(screen)[0] == 3)

        await pilot.press("s")  # Sections: the list replaces the text, its rows made now
        await wait_for(pilot, lambda: app.focused is outline)
        assert outline.rows_ready
        # A window of them, from the first (the current one is near the start), then a row
        # for the later ones (see test_outline_window).
        assert outline.shown_sections == range(SECTIONS_AT_ONCE)
        assert outline.option_count == SECTIONS_AT_ONCE + 1
        assert outline.get_option_at_index(SECTIONS_AT_ONCE).id == LATER_ID
        assert outline.highlighted == 3
        prompt = outline.get_option_at_index(3).prompt
        assert str(prompt).startswith(f"{CURRENT_MARK}Note 4")
        assert not str(outline.get_option_at_index(0).prompt).startswith(CURRENT_MARK)

        # A switch scans the rows in blocks (too many one by one), then Close.
        targets = screen.scan_targets()
        assert HEADINGS > GROUP_THRESHOLD
        assert [t.scan.id for t in targets][-1] == CLOSE_LIST
        rows = [t for t in targets if t.scan.group == OUTLINE_GROUP]
        assert len(rows) == SECTIONS_AT_ONCE + 1
        assert rows[10].scan.label == "Note 11"

        last = SECTIONS_AT_ONCE - 1
        outline.highlighted = outline.get_option_index(f"section-{last}")
        await pilot.press("enter")
        await wait_for(pilot, lambda: shown(screen) == (last, 0))
