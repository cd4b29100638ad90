"""The reader's layout: a centred text column of readable width, section titles that hang."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from alsreader.document.layout import MEASURE, SectionLayout
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.widgets.outline import Outline
from alsreader.ui.widgets.sentence_view import GUTTER, SentenceView

from .ui_helpers import reader_app, reader_ready, shown, wait_for


async def second_section(
    pilot: Pilot[object],
) -> tuple[ReaderScreen, SentenceView, SectionLayout]:
    """Go to the second section (three paragraphs); return the screen, view and layout."""
    screen = await reader_ready(pilot)
    await pilot.press("down")
    await wait_for(pilot, lambda: shown(screen) == (1, 0))
    view = screen.query_one("#text", SentenceView)
    assert view._layout is not None
    return screen, view, view._layout


async def test_wide_terminal_shows_a_centred_column_of_readable_width() -> None:
    app = reader_app()
    async with app.run_test(size=(200, 60)) as pilot:
        _screen, view, layout = await second_section(pilot)
        assert layout.width == MEASURE
        lengths = [len(layout.line_text(i)) for i in range(len(layout.lines))]
        assert MEASURE - 10 < max(lengths) <= MEASURE
        # The column is centred in the view: as much room on its left as on its right.
        drawn = [view.render_line(y).text for y in range(len(layout.lines))]
        room = view.scrollable_content_region.width
        text_lines = [line for line in drawn if line.strip()]
        left = min(len(line) - len(line.lstrip()) for line in text_lines)
        right = min(room - len(line.rstrip()) for line in text_lines)
        assert left > 30
        assert abs((left + GUTTER) - right) <= MEASURE - max(lengths) + 2


async def test_clicking_a_sentence_in_the_centred_column_moves_there() -> None:
    app = reader_app()
    async with app.run_test(size=(200, 60)) as pilot:
        screen, view, layout = await second_section(pilot)
        assert view.section is not None
        for target in (2, 1, 3):
            sentence = view.section.sentences[target]
            line = layout.line_of(sentence.start)
            column = sentence.start - layout.lines[line].start + 3
            # The view has one cell of padding on the left, then the margin and the gutter.
            x = 1 + view.sentence_region().x + GUTTER + column
            await pilot.click("#text", offset=(x, line - view.scroll_offset.y))
            await wait_for(pilot, lambda target=target: shown(screen) == (1, target))
            region = view.sentence_region()
            top = view.scroll_offset.y
            assert top <= region.y < top + view.scrollable_content_region.height


async def test_the_marked_sentence_stays_in_view_on_a_wide_terminal() -> None:
    app = reader_app()
    async with app.run_test(size=(200, 14)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: shown(screen) == (1, 0))
        view = screen.query_one("#text", SentenceView)
        assert view.section is not None
        tops = set()
        for number in range(1, len(view.section.sentences)):
            await pilot.press("right")
            await wait_for(pilot, lambda number=number: shown(screen) == (1, number))
            await pilot.pause()
            region = view.sentence_region()
            top = view.scroll_offset.y
            height = view.scrollable_content_region.height
            assert top <= region.y
            assert region.y + region.height <= top + height
            tops.add(top)
        assert len(tops) > 1, "the section fitted: nothing was scrolled"


LONG_TITLES = """# A guide to living well with motor neurone disease at home and at work

Some text here. More text.

## Choosing equipment that helps with eating, drinking and swallowing safely

Text of the second section.

### When and how to ask the speech and language therapist about voice banking

Third section text.
"""


async def test_long_section_titles_wrap_with_a_hanging_indent(tmp_path: Path) -> None:
    document = tmp_path / "long-titles.md"
    document.write_text(LONG_TITLES, encoding="utf-8")
    app = reader_app(document)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        outline = screen.query_one("#outline", Outline)
        await pilot.pause()
        drawn = [outline.render_line(y).text.rstrip() for y in range(16)]
        # Each row: the marker or nesting indent, the title wrapped under its first letter,
        # then a blank line.
        assert drawn[0].startswith("▶ A guide to living")
        assert drawn[1].startswith("  motor neurone")
        first = drawn[4]
        assert first.startswith("    Choosing equipment")
        row = drawn[4 : drawn.index("", 4)]
        assert len(row) >= 2
        assert all(line.startswith("    ") and line[4] != " " for line in row)
        third = drawn.index("", 4) + 1
        row = drawn[third : drawn.index("", third)]
        assert row[0].startswith("      When and how")
        assert len(row) >= 2
        assert all(line.startswith("      ") and line[6] != " " for line in row)
        words = " ".join(line.strip() for line in row)
        assert words == "When and how to ask the speech and language therapist about voice banking"
        # Scanning and speech still get the title as one line.
        assert outline.get_option_at_index(2).prompt.plain.strip() == words  # type: ignore[union-attr]
        # A click on a continuation line chooses that section.
        await pilot.click(outline, offset=(10, 1 + third + 1))
        await wait_for(pilot, lambda: shown(screen)[0] == 2)
