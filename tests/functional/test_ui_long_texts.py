"""The reader on a long plain text or Markdown file, which opens as a growing document:
the saved place late in the file is shown before the rest is read, every section is
listed at once (a window of them), and a bookmark made while the rest is read is the right
sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.unit.test_texts_partly_loaded import long_file

from alsreader.document import Position, load_document
from alsreader.state import ReadingState
from alsreader.ui.widgets.outline import EARLIER_ID, SECTIONS_AT_ONCE, Outline
from alsreader.ui.widgets.sentence_view import SentenceView

from .ui_helpers import reader_app, reader_ready, shown, wait_for


@pytest.mark.parametrize("name", ["long.md", "long.txt"])
async def test_a_long_text_opens_at_its_late_saved_place_while_the_rest_is_read(
    tmp_path: Path, name: str,
) -> None:
    """A file of over a megabyte (hundreds of chapters) with its place saved in the
    next-to-last chapter: the reader opens there, lists every chapter (the last window of
    them and a row for the earlier ones), bookmarks the sentence on the screen, and ends
    with the whole file read, the same as reading it at once."""
    path = long_file(tmp_path / name)
    whole = load_document(path)
    late = whole.sections[-2]
    place = Position(late.index, len(late.sentences) - 1)
    saved = whole.sentence_at(place)
    assert saved is not None
    state = ReadingState(tmp_path / "state.json", durable=False)
    state.set_position(path, place, fraction=whole.fraction_read(place), sentence=saved.text)
    app = reader_app(path, state=state)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        assert shown(screen) == (place.section, place.sentence)
        assert screen.query_one("#text", SentenceView).current_text == saved.text
        outline = screen.query_one("#outline", Outline)
        assert outline.shown_sections.stop == len(whole.sections)
        assert place.section in outline.shown_sections
        earlier = len(whole.sections) - SECTIONS_AT_ONCE
        assert outline.option_count == SECTIONS_AT_ONCE + 1
        assert str(outline.get_option(EARLIER_ID).prompt) == f"↑ {earlier} earlier sections\n"
        await pilot.press("b")
        await wait_for(pilot, lambda: [b.position for b in state.bookmarks(path)] == [place])
        session = screen.session
        assert session is not None
        document = session.document
        await wait_for(pilot, lambda: all(s.loaded for s in document.sections), timeout=30)
        assert [s.text for s in document.sections] == [s.text for s in whole.sections]
        assert document.words_from(place) == whole.words_from(place)
