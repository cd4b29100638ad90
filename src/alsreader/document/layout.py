"""How a section's text is laid out in lines for a given width (plain logic, no widgets).

The reader shows one section at a time. Its text is wrapped at word boundaries into lines
that remember their character span in ``Section.text``; from that the view can tell which
line a sentence starts on (to keep it in view) and which sentence a click landed on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len

from alsreader.document.model import ParagraphKind, Section

_WORD = re.compile(r"\S+")

MEASURE = 75
"""Most characters of text on a line. Longer lines are hard to follow back to the next
line's start for tired eyes, so a wide terminal shows a centred column of this width: the
top of the usual 45-75 range, under WCAG 1.4.8's 80, and what an 80-column terminal shows."""


def text_columns(available: int, reserved: int = 0, measure: int = MEASURE) -> tuple[int, int]:
    """Left margin and text width for text shown in ``available`` cells.

    ``reserved`` cells (a marker gutter) go before the text and are centred with it; the
    text is at most ``measure`` cells wide and takes all the room on a narrow screen.
    """
    width = max(min(available - reserved, measure), 0)
    return (max(available - reserved - width, 0) // 2, width)


@dataclass(frozen=True)
class Line:
    """One screen line of a section: a span of its text (empty for the gap between paragraphs)."""

    start: int
    end: int
    kind: ParagraphKind
    """The kind of paragraph the line belongs to (headings are shown bold, code kept as is)."""


class SectionLayout:
    """A section's text wrapped to ``width`` cells, with lookups between lines and sentences."""

    def __init__(self, section: Section, width: int) -> None:
        self.section = section
        self.width = max(width, 8)
        self.lines: list[Line] = []
        for number, paragraph in enumerate(section.paragraphs):
            if number:
                self.lines.append(Line(paragraph.start, paragraph.start, ParagraphKind.TEXT))
            if paragraph.kind is ParagraphKind.CODE:
                self._wrap_code(paragraph.start, paragraph.end, paragraph.kind)
            else:
                self._wrap_words(paragraph.start, paragraph.end, paragraph.kind)
        self._starts = [line.start for line in self.lines]
        self._sentence_starts = [sentence.start for sentence in section.sentences]

    def _wrap_words(self, start: int, end: int, kind: ParagraphKind) -> None:
        text = self.section.text
        width = self.width
        line_start = line_end = -1
        used = 0
        for match in _WORD.finditer(text, start, end):
            word_start, word_end = match.span()
            size = cell_len(match.group())
            while size > width:  # a word wider than the screen is cut where it must be
                if line_start >= 0:
                    self.lines.append(Line(line_start, line_end, kind))
                    line_start = -1
                cut = word_start + width
                self.lines.append(Line(word_start, cut, kind))
                word_start = cut
                size = cell_len(text[word_start:word_end])
            if line_start < 0:
                line_start, line_end, used = word_start, word_end, size
            elif used + (grown := cell_len(text[line_end:word_end])) <= width:
                line_end = word_end
                used += grown
            else:
                self.lines.append(Line(line_start, line_end, kind))
                line_start, line_end, used = word_start, word_end, size
        if line_start >= 0:
            self.lines.append(Line(line_start, line_end, kind))

    def _wrap_code(self, start: int, end: int, kind: ParagraphKind) -> None:
        offset = start
        for raw in self.section.text[start:end].split("\n"):
            line_end = offset + len(raw)
            piece = offset
            while line_end - piece > self.width:
                self.lines.append(Line(piece, piece + self.width, kind))
                piece += self.width
            self.lines.append(Line(piece, line_end, kind))
            offset = line_end + 1

    def line_text(self, index: int) -> str:
        """What line ``index`` shows; one character per character of the section text."""
        line = self.lines[index]
        return self.section.text[line.start : line.end].replace("\n", " ").replace("\t", " ")

    def line_of(self, offset: int) -> int:
        """Index of the line holding character ``offset`` (the line before, in a gap)."""
        return max(bisect_right(self._starts, offset) - 1, 0)

    def lines_of_sentence(self, sentence_index: int) -> tuple[int, int]:
        """First and last line (inclusive) of sentence ``sentence_index``."""
        sentences = self.section.sentences
        if not 0 <= sentence_index < len(sentences) or not self.lines:
            return (0, 0)
        sentence = sentences[sentence_index]
        first = self.line_of(sentence.start)
        last = self.line_of(max(sentence.end - 1, sentence.start))
        return (first, max(first, last))

    def sentence_at(self, line_index: int, column: int) -> int | None:
        """The sentence under cell ``column`` of line ``line_index``, if any."""
        if not 0 <= line_index < len(self.lines) or not self._sentence_starts:
            return None
        line = self.lines[line_index]
        if line.start == line.end:
            return None
        offset = min(line.start + max(column, 0), line.end - 1)
        index = bisect_right(self._sentence_starts, offset) - 1
        return max(index, 0)
