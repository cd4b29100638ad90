"""The text of the current section, with the spoken sentence marked and kept in view.

On a wide screen the text is a centred column of at most ``layout.MEASURE`` characters.
The sentence being read is shown reversed, bold and underlined, with a ``▶`` in the left
margin where it starts and a bar beside its other lines, so it stands out without colour
(``NO_COLOR``) too. ``highlight`` (the ``reading.highlight`` setting) can also mark, inside
that sentence, the word being heard ("word": :meth:`SentenceView.show_word`, drawn the other
way round from the sentence, so it stands out without colour as well), the whole paragraph
being read instead, or nothing at all ("off": for a reader whom the moving mark distracts);
whatever is marked, the sentence being read (and the word) is kept in view. Clicking a
sentence posts ``SentenceView.SentenceClicked``.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from alsreader.config import SCHEMA
from alsreader.document.layout import SectionLayout, text_columns
from alsreader.document.model import ParagraphKind, Section

GUTTER = 2
"""Cells left of the text for the marker of the spoken sentence."""
START_MARK = "▶ "
CONTINUE_MARK = "┃ "
HIGHLIGHTS = SCHEMA["reading"]["highlight"].values
"""What can be marked: the sentence being read, and its word being heard, its paragraph, or
nothing (as declared)."""
NOT_REVERSED = Style(reverse=False)
"""The word is drawn upright inside the reversed sentence: told apart without colour too."""


class SentenceView(ScrollView, can_focus=False, inherit_bindings=False):
    """Shows one section, wrapped; the current sentence is highlighted and scrolled into view."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "sentence-view--current",
        "sentence-view--heading",
        "sentence-view--code",
        "sentence-view--marker",
        "sentence-view--word",
    }

    DEFAULT_CSS = """
    SentenceView {
        height: 1fr;
        padding: 0 1;
        background: $background;
        color: $foreground;
        scrollbar-size-vertical: 1;
    }
    SentenceView > .sentence-view--current {
        color: $accent;
        background: $background;
        text-style: reverse bold underline;
    }
    SentenceView > .sentence-view--heading {
        text-style: bold;
    }
    SentenceView > .sentence-view--code {
        text-style: italic;
    }
    SentenceView > .sentence-view--marker {
        color: $accent;
        text-style: bold;
    }
    SentenceView > .sentence-view--word {
        color: $background;
        background: $foreground;
        text-style: bold underline;
    }
    """

    class SentenceClicked(Message):
        """A sentence was clicked: the reader moves there."""

        def __init__(self, section: int, sentence: int) -> None:
            super().__init__()
            self.section = section
            """Index of the section (reading order)."""
            self.sentence = sentence
            """Index of the sentence in that section."""

    class FirstDrawn(Message):
        """The view has drawn text for the first time: it is in the frame being shown."""

    def __init__(self, *, highlight: str = "sentence", id: str | None = None) -> None:
        super().__init__(id=id)
        self._drawn = False
        self._section: Section | None = None
        self._current = -1
        self._word: tuple[int, int] | None = None
        self._layout: SectionLayout | None = None
        self._margin = 0
        self._highlight = "sentence"
        self.highlight = highlight

    @property
    def highlight(self) -> str:
        """What is marked: "sentence", "word", "paragraph" or "off" (see :data:`HIGHLIGHTS`)."""
        return self._highlight

    @highlight.setter
    def highlight(self, value: str) -> None:
        # An unknown value (the settings loader reports it) marks the sentence, the default.
        self._highlight = value if value in HIGHLIGHTS else "sentence"
        self.refresh()

    @property
    def section(self) -> Section | None:
        """The section shown, if any."""
        return self._section

    @property
    def current(self) -> int:
        """Index of the highlighted sentence in the section (-1 for none)."""
        return self._current

    @property
    def current_text(self) -> str:
        """The highlighted sentence's text ('' for none)."""
        if self._section is None:
            return ""
        sentences = self._section.sentences
        return sentences[self._current].text if 0 <= self._current < len(sentences) else ""

    def show(self, section: Section, sentence: int) -> None:
        """Show ``section`` with sentence ``sentence`` highlighted, scrolled into view."""
        if section is not self._section:
            self._section = section
            self._layout = None
            self.scroll_to(0, 0, animate=False, immediate=True)
        self._current = sentence
        self._word = None  # the sentence (re)starts: no word of it heard yet
        self._relayout()
        self._keep_in_view()
        self.refresh()

    @property
    def word(self) -> tuple[int, int] | None:
        """The span (in the section's text) of the word marked, or None."""
        return self._word

    def show_word(self, start: int, end: int) -> None:
        """Mark the word at ``start``..``end`` of the section's text (inside the sentence
        being read) and keep it in view; only the "word" highlight shows it."""
        sentences = self._section.sentences if self._section is not None else []
        if not 0 <= self._current < len(sentences):
            return
        sentence = sentences[self._current]
        start, end = max(start, sentence.start), min(end, sentence.end)
        if start >= end or (start, end) == self._word:
            return
        self._word = (start, end)
        if self._highlight != "word":
            return
        if self._layout is not None:
            line = self._layout.line_of(start)
            top = self.scroll_offset.y
            height = max(self.scrollable_content_region.height, 1)
            if not top <= line < top + height:
                # A sentence taller than the view: follow the word down it.
                self.scroll_to(y=max(line - 1, 0), animate=False, immediate=True, force=True)
        self.refresh()

    def _columns(self) -> tuple[int, int]:
        # One cell is kept free on the right, beside the scroll bar.
        margin, width = text_columns(self.scrollable_content_region.width - 1, GUTTER)
        return margin, max(width, 8)

    def _text_width(self) -> int:
        return self._columns()[1]

    def _relayout(self) -> None:
        if self._section is None:
            return
        if self.scrollable_content_region.width <= GUTTER + 1:
            # Not sized yet: wrapping now would flash a narrow column; on_resize lays it out.
            return
        width = self._text_width()
        if self._layout is None or self._layout.width != width:
            self._layout = SectionLayout(self._section, width)
            self.virtual_size = Size(width + GUTTER, len(self._layout.lines))
        self._margin = self._columns()[0]

    def _keep_in_view(self) -> None:
        if self._layout is None or self._current < 0:
            return
        first, last = self._layout.lines_of_sentence(self._current)
        height = max(self.scrollable_content_region.height, 1)
        top = self.scroll_offset.y
        if first >= top and last < top + height:
            return
        # Show a line of what came before, so the reader keeps the thread.
        target = max(first - 1, 0) if last - first + 1 < height else first
        # force: right after the first size Textual has not yet decided to show the scroll
        # bar, and without it would not scroll at all (the sentence stayed out of sight).
        self.scroll_to(y=target, animate=False, immediate=True, force=True)

    def on_resize(self, event: Resize) -> None:
        self._relayout()
        self._keep_in_view()

    def ensure_visible(self) -> None:
        """Scroll so the highlighted sentence is in view (after the view was resized)."""
        self._relayout()
        self._keep_in_view()

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the view: the marker gutter, then the text with the sentence marked."""
        width = self.scrollable_content_region.width
        base = self.rich_style
        layout = self._layout
        index = y + self.scroll_offset.y
        if layout is None or self._section is None or index >= len(layout.lines):
            return Strip.blank(width, base)
        if not self._drawn:
            # Handled after this frame reaches the terminal (the reader then sets up speech).
            self._drawn = True
            self.post_message(self.FirstDrawn())
        line = layout.lines[index]
        shown = layout.line_text(index)
        text = Text(shown, style=base, no_wrap=True, end="")
        if line.kind is ParagraphKind.HEADING:
            text.stylize(self.get_component_rich_style("sentence-view--heading"))
        elif line.kind is ParagraphKind.CODE:
            text.stylize(self.get_component_rich_style("sentence-view--code"))
        marker = "  "
        marked = self._marked_span()
        if marked is not None and line.start < line.end:
            start, end = marked
            lo = max(start, line.start)
            hi = min(end, line.end)
            if lo < hi:
                text.stylize(
                    self.get_component_rich_style("sentence-view--current"),
                    lo - line.start,
                    hi - line.start,
                )
                marker = START_MARK if line.start <= start < line.end else CONTINUE_MARK
            word = self._word if self._highlight == "word" else None
            if word is not None and word[0] < line.end and line.start < word[1]:
                text.stylize(
                    self.get_component_rich_style("sentence-view--word") + NOT_REVERSED,
                    max(word[0], line.start) - line.start,
                    min(word[1], line.end) - line.start,
                )
        marker_style = base + self.get_component_rich_style("sentence-view--marker")
        segments = [Segment(marker, marker_style), *text.render(self.app.console)]
        if self._margin:
            segments.insert(0, Segment(" " * self._margin, base))
        strip = Strip(segments).apply_style(base)  # every cell styled (NO_COLOR filters need it)
        return strip.crop_extend(self.scroll_offset.x, self.scroll_offset.x + width, base)

    def _marked_span(self) -> tuple[int, int] | None:
        """The span of the section's text to mark (sentence or paragraph), or None."""
        if self._section is None or self._highlight == "off":
            return None
        sentences = self._section.sentences
        if not 0 <= self._current < len(sentences):
            return None
        sentence = sentences[self._current]
        paragraphs = self._section.paragraphs
        if self._highlight == "paragraph" and 0 <= sentence.paragraph < len(paragraphs):
            paragraph = paragraphs[sentence.paragraph]
            return paragraph.start, paragraph.end
        return sentence.start, sentence.end

    def on_click(self, event: Click) -> None:
        if self._layout is None or self._section is None:
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self._layout.sentence_at(
            offset.y + self.scroll_offset.y,
            offset.x + self.scroll_offset.x - self._margin - GUTTER,
        )
        if index is not None:
            event.stop()
            self.post_message(self.SentenceClicked(self._section.index, index))

    def sentence_region(self) -> Region:
        """Where the highlighted sentence's first line is, in the view's content (for tests)."""
        if self._layout is None:
            return Region(0, 0, 0, 0)
        first, last = self._layout.lines_of_sentence(self._current)
        return Region(self._margin, first, self._layout.width + GUTTER, last - first + 1)


__all__ = ["SentenceView"]
