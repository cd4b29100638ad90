"""``reading.highlight`` on the text view: the sentence, its whole paragraph, or nothing marked.

The real widget in a real Textual app, showing a parsed Markdown document; what is checked is
what the view renders (its lines' text and styles) and where it has scrolled.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from alsreader.document.loader import parse_document
from alsreader.document.model import Section
from alsreader.ui.widgets.sentence_view import CONTINUE_MARK, START_MARK, SentenceView

PARAGRAPHS = [
    " ".join(f"Paragraph {p} sentence {s} has a few words to wrap the line." for s in range(4))
    for p in range(12)
]
TEXT = "# Long\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


class ViewApp(App[None]):
    def __init__(self, highlight: str) -> None:
        super().__init__()
        self.highlight = highlight

    def compose(self) -> ComposeResult:
        yield SentenceView(highlight=self.highlight, id="text")


def section() -> Section:
    document = parse_document(TEXT, "markdown")
    return next(s for s in document.sections if len(s.sentences) > 40)


def marked_lines(view: SentenceView) -> list[tuple[int, str]]:
    """(line, marker) for every rendered line with a marker or reversed (marked) text."""
    found = []
    for y in range(view.scrollable_content_region.height):
        strip = view.render_line(y)
        text = strip.text
        reversed_text = any(seg.style is not None and seg.style.reverse and seg.text.strip()
                            for seg in strip)
        if text.startswith((START_MARK, CONTINUE_MARK)) or reversed_text:
            found.append((y + view.scroll_offset.y, text[:2]))
    return found


@pytest.mark.parametrize("highlight", ["sentence", "paragraph", "off"])
async def test_what_is_marked_and_that_the_sentence_stays_in_view(highlight: str) -> None:
    app = ViewApp(highlight)
    shown = section()
    target = 41  # paragraph 10, sentence 1: far below the first screen
    sentence = shown.sentences[target]
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.query_one(SentenceView)
        view.show(shown, target)
        await pilot.pause()
        layout = view._layout
        assert layout is not None
        first, last = layout.lines_of_sentence(target)
        top = view.scroll_offset.y
        # Whatever is marked, the sentence being read is on screen.
        assert top > 0
        assert top <= first
        assert last < top + view.scrollable_content_region.height
        marked = marked_lines(view)
        if highlight == "off":
            assert marked == []
            return
        paragraph = shown.paragraphs[sentence.paragraph]
        if highlight == "sentence":
            span = (sentence.start, sentence.end)
        else:
            span = (paragraph.start, paragraph.end)
        lines = range(layout.line_of(span[0]), layout.line_of(span[1] - 1) + 1)
        visible = [y for y in lines if top <= y < top + view.scrollable_content_region.height]
        assert [y for y, _ in marked] == visible
        markers = dict(marked)
        if layout.line_of(span[0]) in markers:
            assert markers[layout.line_of(span[0])] == START_MARK
        assert all(markers[y] == CONTINUE_MARK for y in visible if y != layout.line_of(span[0]))
        if highlight == "paragraph":
            assert len(visible) > last - first + 1  # more than the sentence is marked


async def test_switching_the_highlight_off_and_on_again() -> None:
    app = ViewApp("sentence")
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.query_one(SentenceView)
        view.show(section(), 2)
        await pilot.pause()
        assert marked_lines(view)
        view.highlight = "off"
        await pilot.pause()
        assert marked_lines(view) == []
        view.highlight = "none-such"  # unknown: the default, the sentence
        assert view.highlight == "sentence"
        assert marked_lines(view)
