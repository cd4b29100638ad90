"""Shared by the loaders: sections built paragraph by paragraph, then nested by level.

A loader hands over paragraphs of clean text; the builder lays them into the section
text (separated by a blank line), finds the sentences, and records every span. Building
is linear in the size of the document: text is collected in a list and joined once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from alsreader.document.model import (
    Document,
    DocumentError,
    Paragraph,
    ParagraphKind,
    Section,
    Sentence,
    count_words,
)
from alsreader.document.segment import LANGUAGE, sentence_spans, split_long

PARAGRAPH_SEPARATOR = "\n\n"
_DECORATIVE = re.compile(r"[\s*#=~_+\-–—.·•|/\\<>^:]+")
TITLE_WORDS = 6
"""How many words of a section's text make its title when it has no heading."""
ELLIPSIS = "…"


def collapse_spaces(text: str) -> str:
    """``text`` on one line with runs of whitespace made single spaces (for prose)."""
    return " ".join(text.split())


_ENDS_SENTENCE = (".", "!", "?", "…", ":")


def table_row_text(names: list[str], cells: list[str]) -> str:
    """A table row as it is read: each cell after its column's name, one sentence each
    ("API: Cats. Auth: none. HTTPS: yes."). Empty cells are left out; a cell without a
    name (or under a name that is its own text) is read alone. Without names, the cells
    are read one after another ("Ramp, 250")."""
    if not any(names):
        return ", ".join(cell for cell in cells if cell)
    parts = []
    for index, cell in enumerate(cells):
        if not cell:
            continue
        name = names[index].rstrip(":") if index < len(names) else ""
        part = f"{name}: {cell}" if name and name != cell else cell
        parts.append(part if part.endswith(_ENDS_SENTENCE) else part + ".")
    return " ".join(parts)


def title_from_words(text: str, words: int = TITLE_WORDS) -> str:
    """A readable title from the first words of ``text``, with "…" when it goes on."""
    parts = text.split(maxsplit=words)
    if not parts:
        return "Untitled"
    title = " ".join(parts[:words])
    if len(parts) > words:
        return title.rstrip(",;:—–-") + ELLIPSIS
    return title


@dataclass(slots=True)
class SectionBuilder:
    """A section being filled with paragraphs; ``build`` makes the model's Section."""

    title: str
    level: int
    has_heading: bool = False
    """Whether ``title`` came from a heading in the document (else it was made up)."""
    language: str = LANGUAGE
    """The sentencex language code sentences are split by."""
    linear: bool = True
    """False for a part outside the main reading flow (see ``Section.linear``)."""
    _pages: list[tuple[int, int]] = field(default_factory=list)
    _parts: list[str] = field(default_factory=list)
    _length: int = 0
    _paragraphs: list[Paragraph] = field(default_factory=list)
    _first_text: str = ""
    _cut: int = 0
    """Paragraphs whose sentences are cut from the joined text (see :meth:`compact`)."""

    @property
    def word_count(self) -> int:
        """Spoken words added so far."""
        return sum(
            count_words(sentence.text)
            for paragraph in self._paragraphs
            for sentence in paragraph.sentences
            if sentence.spoken
        )

    @property
    def sentence_count(self) -> int:
        """Sentences added so far."""
        return sum(len(paragraph.sentences) for paragraph in self._paragraphs)

    @property
    def is_empty(self) -> bool:
        """Whether no paragraph has been added."""
        return not self._paragraphs

    def first_text(self) -> str:
        """The first paragraph that is not the heading (to make a title from)."""
        return self._first_text

    def mark_page(self, page: int) -> None:
        """The paragraphs added from now on are on printed page ``page``."""
        if self._pages and self._pages[-1][1] == page:
            return
        offset = self._length + (len(PARAGRAPH_SEPARATOR) if self._parts else 0)
        if self._pages and self._pages[-1][0] == offset:
            self._pages[-1] = (offset, page)
        else:
            self._pages.append((offset, page))

    def add(self, kind: ParagraphKind, text: str, *, spoken: bool = True) -> None:
        """Add a paragraph of clean text; blank text is ignored.

        Prose should already be on one line (see :func:`collapse_spaces`); code keeps its
        lines and becomes one unspoken piece.
        """
        if kind is ParagraphKind.CODE:
            text = text.strip("\n")
            if not text.strip():
                return
        else:
            text = text.strip()
            if not text:
                return
        if self._parts:
            self._parts.append(PARAGRAPH_SEPARATOR)
            self._length += len(PARAGRAPH_SEPARATOR)
        start = self._length
        index = len(self._paragraphs)
        if kind is ParagraphKind.CODE or not spoken:
            # Shown as one block; the reader skips it (or reads it whole if asked).
            offset = len(text) - len(text.lstrip())
            stripped = text.strip()
            a = start + offset
            sentences = [Sentence.in_text(text, start, a, a + len(stripped), index, False)]
        else:
            if kind is ParagraphKind.HEADING:
                # A heading is one piece even with a full stop inside ("Chapter 3. Home").
                spans = [(start + a, start + b) for a, b in split_long(text, 0, len(text))]
            else:
                spans = sentence_spans(text, start, self.language)
            sentences = []
            for a, b in spans:
                # Scene breaks and rules ("* * *", "----") are shown but not spoken.
                spoken = b - a > 12 or not _DECORATIVE.fullmatch(text, a - start, b - start)
                sentences.append(Sentence.in_text(text, start, a, b, index, spoken))
        if not self._first_text and kind is not ParagraphKind.HEADING:
            self._first_text = text
        self._parts.append(text)
        self._length += len(text)
        self._paragraphs.append(Paragraph(kind, start, self._length, sentences))

    def compact(self) -> str:
        """The section text so far, joined once; its sentences are cut from it from now
        on, so the paragraphs' own strings are let go and a large book does not hold its
        text twice while the rest is built. More paragraphs may still be added."""
        if len(self._parts) != 1:
            self._parts = ["".join(self._parts)]
            self._cut = 0
        text = self._parts[0] if self._parts else ""
        for paragraph in self._paragraphs[self._cut :]:
            for sentence in paragraph.sentences:
                sentence.cut_from(text)
        self._cut = len(self._paragraphs)
        return text

    def build(self) -> Section:
        """The finished section (without children; see :func:`assemble`)."""
        text = self.compact()
        return Section(
            title=self.title,
            level=self.level,
            text=text,
            paragraphs=self._paragraphs,
            linear=self.linear,
            pages=[(0, self._pages[0][1]), *self._pages[1:]] if self._pages else [],
        )


def assemble(
    builders: list[SectionBuilder],
    *,
    title: str,
    source_format: str,
) -> Document:
    """Nest sections by level (each under the nearest earlier section of a lower level).

    Sections without paragraphs are dropped unless they have a heading; a document with
    nothing to read raises DocumentError.
    """
    tree = nest(finished_sections(builders))
    if not tree:
        raise DocumentError("There is no text to read in this document.")
    return Document(title=title or tree[0].title, tree=tree, source_format=source_format)


def finished_sections(builders: list[SectionBuilder]) -> list[Section]:
    """The sections of ``builders`` as :func:`assemble` keeps them: those without
    paragraphs dropped, those without a heading titled by their first words. (A document
    read a part at a time builds each part's sections with this too, so they are the same.)"""
    sections: list[Section] = []
    for builder in builders:
        if builder.is_empty:
            continue
        builder.title = finished_title(builder.title, builder.has_heading, builder.first_text())
        sections.append(builder.build())
    return sections


def finished_title(title: str, has_heading: bool, first_text: str) -> str:
    """The title a section is shown under: its own, or, when it has no heading and no
    title, the first words of its first paragraph that is not the heading."""
    if not has_heading and (not title or title == "Untitled"):
        return title_from_words(first_text)
    return title


def nest(sections: list[Section]) -> list[Section]:
    """The top-level sections of ``sections`` (in reading order), each later one put
    among the children of the nearest earlier section of a lower level."""
    tree: list[Section] = []
    stack: list[Section] = []
    for section in sections:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        if stack and section.level > 0:
            stack[-1].children.append(section)
        else:
            tree.append(section)
        if section.level > 0:
            # Text before the first heading (level 0) never has children.
            stack.append(section)
    return tree
