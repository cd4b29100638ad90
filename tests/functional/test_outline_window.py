"""The section list of a document with more sections than it lists at once (issue 12): a
window of them around the current one, a first and a last row that move it, the window
following a jump. Real app beside the text (160 columns), keys, then one switch."""

from __future__ import annotations

from pathlib import Path

from alsreader.access import FakeClock
from alsreader.ui.app import ReaderApp
from alsreader.ui.screens.reader import OUTLINE_GROUP
from alsreader.ui.widgets.outline import (
    CURRENT_MARK,
    EARLIER_ID,
    LATER_ID,
    SECTIONS_AT_ONCE,
    Outline,
)

from .access_driver import SwitchDriver, access_app
from .test_outline_rows import many_headings
from .ui_helpers import reader_app, reader_ready, shown, wait_for

HEADINGS = 2_000
HALF = SECTIONS_AT_ONCE // 2


def _row_ids(outline: Outline) -> list[str | None]:
    return [option.id for option in outline.options]


def _prompt(outline: Outline, option_id: str) -> str:
    return str(outline.get_option(option_id).prompt)


async def test_a_long_outline_lists_a_window_moved_by_its_rows_and_by_a_jump(
    tmp_path: Path,
) -> None:
    app = reader_app(many_headings(tmp_path, HEADINGS))
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await reader_ready(pilot)
        outline = screen.query_one("#outline", Outline)
        assert outline.display  # beside the text
        await wait_for(pilot, lambda: outline.rows_ready)

        # From the first section: the first window, then the row for the later ones.
        assert outline.shown_sections == range(SECTIONS_AT_ONCE)
        ids = _row_ids(outline)
        assert len(ids) == SECTIONS_AT_ONCE + 1 <= SECTIONS_AT_ONCE + 2
        assert ids[0] == "section-0"
        assert ids[-1] == LATER_ID
        assert EARLIER_ID not in ids
        assert _prompt(outline, LATER_ID) == f"↓ {HEADINGS - SECTIONS_AT_ONCE:,} later sections\n"
        assert _prompt(outline, "section-0").startswith(f"{CURRENT_MARK}Note 1")

        # Sections, then the last row: the window moves on by half, nothing is read yet.
        await pilot.press("s")
        await wait_for(pilot, lambda: app.focused is outline)
        assert outline.highlighted == 0
        await pilot.press("end")
        assert outline.highlighted == SECTIONS_AT_ONCE  # the "later" row (no bookmarks)
        await pilot.press("enter")
        await wait_for(pilot, lambda: outline.shown_sections.start == HALF)
        assert outline.shown_sections == range(HALF, HALF + SECTIONS_AT_ONCE)
        assert shown(screen) == (0, 0)
        assert screen.choosing
        ids = _row_ids(outline)
        assert len(ids) == SECTIONS_AT_ONCE + 2
        assert ids[0] == EARLIER_ID
        assert ids[-1] == LATER_ID
        assert _prompt(outline, EARLIER_ID) == f"↑ {HALF} earlier sections\n"
        # The cursor is on the first section that was not listed before.
        assert outline.highlighted == outline.get_option_index(f"section-{SECTIONS_AT_ONCE}")
        # The scan covers the window's rows and both rows that move it.
        rows = [t for t in screen.scan_targets() if t.scan.group == OUTLINE_GROUP]
        assert len(rows) == SECTIONS_AT_ONCE + 2
        assert rows[0].scan.label == f"{HALF} earlier sections"
        assert rows[1].scan.label == f"Note {HALF + 1}"

        # On through the list to section 1,500 (the later row again and again), then read it.
        wanted = 1_500
        while wanted not in outline.shown_sections:
            outline.highlighted = outline.get_option_index(LATER_ID)
            await pilot.press("enter")
            await pilot.pause()
        outline.highlighted = outline.get_option_index(f"section-{wanted}")
        await pilot.press("enter")
        await wait_for(pilot, lambda: shown(screen)[0] == wanted)
        assert not screen.choosing
        assert outline.current == wanted
        assert wanted in outline.shown_sections
        assert _prompt(outline, f"section-{wanted}").startswith(f"{CURRENT_MARK}Note 1501")

        # Back up the list until the section read is out of it: the next section (a jump
        # past the window) brings the window to it again, centred.
        while wanted in outline.shown_sections:
            outline.show_earlier()
        await pilot.press("down")
        await wait_for(pilot, lambda: shown(screen)[0] == wanted + 1)
        assert outline.shown_sections == range(wanted + 1 - HALF, wanted + 1 + HALF)
        assert _prompt(outline, f"section-{wanted + 1}").startswith(f"{CURRENT_MARK}Note 1502")

        # Sections again: the cursor on the current one; Home then Enter goes back.
        await pilot.press("s")
        await wait_for(pilot, lambda: app.focused is outline)
        assert outline.highlighted == outline.get_option_index(f"section-{wanted + 1}")
        await pilot.press("home")
        assert outline.highlighted == 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: outline.shown_sections.start == wanted + 1 - 2 * HALF)
        assert outline.highlighted == outline.get_option_index(f"section-{wanted - HALF}")


def _target_of(app: ReaderApp, option_id: str) -> str:
    for target_id, target in app.access.targets.items():
        if isinstance(target.widget, Outline) and target.option is not None \
                and target.widget.get_option_at_index(target.option).id == option_id:
            return target_id
    raise AssertionError(f"{option_id} is not a scan target")


async def test_one_switch_moves_the_window_and_reads_a_later_section(tmp_path: Path) -> None:
    clock = FakeClock()
    app = access_app(many_headings(tmp_path, HEADINGS), "one-switch", clock)
    async with app.run_test(size=(160, 40)) as pilot:
        driver = SwitchDriver(pilot, clock)
        screen = await reader_ready(pilot)
        outline = screen.query_one("#outline", Outline)
        await wait_for(pilot, lambda: outline.rows_ready)
        await driver.tick()
        later = _target_of(app, LATER_ID)
        assert app.access.targets[later].scan.group == OUTLINE_GROUP

        # The last row of the list's group: the window moves on, nothing is read.
        await driver.choose(later, limit=600)
        await wait_for(pilot, lambda: outline.shown_sections.start == HALF)
        assert shown(screen) == (0, 0)
        await driver.tick()
        # The scan has the new rows (named by their sections), both move rows among them.
        wanted = SECTIONS_AT_ONCE + 20
        _target_of(app, EARLIER_ID)
        row = _target_of(app, f"section-{wanted}")
        assert app.access.targets[row].scan.label == f"Note {wanted + 1}"

        await driver.choose(row, limit=600)
        await wait_for(pilot, lambda: shown(screen)[0] == wanted)
        assert app.access.activations == [later, row]
        assert outline.current == wanted
