"""The document model: Document > Section > Paragraph > Sentence.

A place in a document is a :class:`Position`: the index of a section in reading order
(``Document.sections``, the flattened tree) and the index of a sentence in that section.
Each sentence carries its character span in its section's ``text``, so the UI can
highlight it and a saved position survives reloading the same file.

This module never imports Textual.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import FrozenInstanceError, dataclass, field
from enum import Enum
from pathlib import Path

CJK_CHARACTER = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)
"""Han characters, hiragana and katakana: written without spaces between words."""
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def count_words(text: str) -> int:
    """Words in ``text``, as the reading pace counts them (words a minute).

    Words are what spaces separate, except in Chinese and Japanese, written without
    spaces: there each character counts (one syllable, about what a speech engine reads
    in the time of a short word), and words in other scripts among them count as well.
    """
    if text.isascii() or CJK_CHARACTER.search(text) is None:
        if "  " in text or "\n" in text or "\t" in text or text != text.strip():
            return len(text.split())
        # Prose on one line: counted without splitting it into a list of words.
        return text.count(" ") + 1 if text else 0
    characters = len(CJK_CHARACTER.findall(text))
    others = CJK_CHARACTER.sub(" ", text).split()
    return characters + sum(1 for word in others if _LETTER_OR_DIGIT.search(word))


_content_changes = itertools.count(1)
_content_version = 0
"""Bumped whenever a section's text arrives (a part of a book read after it opened): the
documents' running totals of sentences and words are counted again after it."""


def section_content_changed() -> None:
    """Say that some section's text has just been read (see :mod:`.pending`)."""
    global _content_version
    _content_version = next(_content_changes)


class DocumentError(Exception):
    """A document could not be read; the message is written for the user."""


class ParagraphKind(str, Enum):
    """What a paragraph was in its source; decides how it is shown and whether it is spoken."""

    TEXT = "text"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    TABLE = "table"
    CODE = "code"
    CAPTION = "caption"
    """A picture's caption ("[Illustration: ...]"): read unless the caregiver turned
    captions off (``reading.illustration_captions``)."""


class Sentence:
    """One speakable piece of text and where it sits in its section's text.

    Immutable. A sentence built with its section keeps no copy of its text: it is cut
    from the section's text when asked for (a large book would otherwise hold its text
    twice, and one string more for each of its hundreds of thousands of sentences).
    """

    __slots__ = ("_base", "_source", "end", "paragraph", "spoken", "start")

    _source: str
    _base: int
    start: int
    """Offset of the first character in ``Section.text``."""
    end: int
    """Offset just past the last character in ``Section.text``."""
    paragraph: int
    """Index of the paragraph (in ``Section.paragraphs``) the sentence belongs to."""
    spoken: bool
    """False for text that is shown but not read aloud (code blocks, by default)."""

    def __init__(
        self, text: str, start: int, end: int, paragraph: int, spoken: bool = True
    ) -> None:
        """A sentence whose text is ``text`` (whitespace trimmed), at ``start:end``."""
        _set(self, "_source", text)
        _set(self, "_base", -1)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "paragraph", paragraph)
        _set(self, "spoken", spoken)

    @classmethod
    def in_text(
        cls, text: str, base: int, start: int, end: int, paragraph: int, spoken: bool = True
    ) -> Sentence:
        """The sentence at ``start:end`` of its section's text, cut from ``text``, which
        begins at offset ``base`` of that text (a paragraph's text, or all of it: 0)."""
        sentence = cls.__new__(cls)
        _set(sentence, "_source", text)
        _set(sentence, "_base", base)
        _set(sentence, "start", start)
        _set(sentence, "end", end)
        _set(sentence, "paragraph", paragraph)
        _set(sentence, "spoken", spoken)
        return sentence

    def cut_from(self, section_text: str) -> None:
        """Cut the text from the section's finished text from now on (for the builder:
        the paragraph's own string can then be let go). It must hold the same text."""
        _set(self, "_source", section_text)
        _set(self, "_base", 0)

    @property
    def text(self) -> str:
        """The sentence as shown (whitespace trimmed)."""
        base = self._base
        if base < 0:
            return self._source
        return self._source[self.start - base : self.end - base]

    def _key(self) -> tuple[str, int, int, int, bool]:
        return (self.text, self.start, self.end, self.paragraph, self.spoken)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sentence):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Sentence(text={self.text!r}, start={self.start}, end={self.end}, "
            f"paragraph={self.paragraph}, spoken={self.spoken})"
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type[Sentence], tuple[str, int, int, int, bool]]:
        return (Sentence, self._key())


_set = object.__setattr__


@dataclass(slots=True)
class Paragraph:
    """A block of a section: its kind, its span in the section text and its sentences."""

    kind: ParagraphKind
    start: int
    end: int
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def spoken(self) -> bool:
        """Whether any of this paragraph is read aloud."""
        return any(sentence.spoken for sentence in self.sentences)


@dataclass(slots=True)
class Section:
    """A titled part of a document with its own text and nested subsections."""

    title: str
    level: int
    """Heading level: 1 for a top-level section; 0 for text before the first heading."""
    text: str = ""
    """The section's own text (not its children's); paragraphs are separated by a blank line."""
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    index: int = -1
    """Position of this section in ``Document.sections`` (reading order); set by Document."""
    linear: bool = True
    """False for a part a book marks as outside the main reading flow (an EPUB spine item
    with ``linear="no"``): continuous reading passes over it, but it can be opened."""
    pages: list[tuple[int, int]] = field(default_factory=list)
    """Where printed pages begin in ``text``: (offset, page number) in order, the first at
    offset 0; empty for formats without pages."""

    def page_at(self, offset: int) -> int | None:
        """The page number of the character at ``offset`` in ``text``, or None."""
        if not self.pages:
            return None
        where = bisect.bisect_right(self.pages, (offset, 1 << 62)) - 1
        return self.pages[max(where, 0)][1]

    @property
    def sentences(self) -> list[Sentence]:
        """Every sentence of this section's own text, in reading order."""
        return [s for paragraph in self.paragraphs for s in paragraph.sentences]

    _words: tuple[int, int, int] = field(
        default=(0, -1, 0), init=False, repr=False, compare=False
    )
    """The word count, with the paragraphs it counted (their list's id and length)."""

    @property
    def word_count(self) -> int:
        """Number of spoken words in this section's own text (see :func:`count_words`)."""
        counted = (id(self.paragraphs), len(self.paragraphs))
        if self._words[:2] != counted:
            words = sum(count_words(s.text) for s in self.sentences if s.spoken)
            self._words = (*counted, words)
        return self._words[2]

    @property
    def loaded(self) -> bool:
        """Whether the text is in memory: False only for a part of a book not read yet
        (see :mod:`alsreader.document.pending`), whose text is read when first asked for."""
        return True

    def load(self) -> None:
        """Make sure the text is in memory (it always is, but for a book's pending part)."""

    @property
    def sentence_estimate(self) -> int:
        """The number of sentences (a guess for a book's part not read yet)."""
        return len(self.sentences)

    @property
    def word_estimate(self) -> int:
        """The number of spoken words (a guess for a book's part not read yet)."""
        return self.word_count

    def walk(self) -> Iterator[Section]:
        """This section then all its descendants, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, order=True)
class Position:
    """A place in a document: section index (reading order) and sentence index in it."""

    section: int = 0
    sentence: int = 0


@dataclass
class Document:
    """A loaded document: its title, where it came from, and its sections."""

    title: str
    tree: list[Section]
    """Top-level sections; each may have children."""
    path: Path | None = None
    source_format: str = "text"
    """The name of the format it was read in ("markdown", "text", "html", "epub", "pdf")."""
    encoding: str = "utf-8"
    author: str = ""
    """Who wrote it, when the file says ("" otherwise)."""
    language: str = ""
    """Its language as a BCP 47 tag ("en", "fr-CA") when the file says; "" otherwise."""
    notices: list[str] = field(default_factory=list)
    """Things the user should be told about this document (e.g. a legacy encoding was guessed)."""
    page_labels: dict[int, str] = field(default_factory=dict)
    """The book's own names of its printed pages, by page number, where they are not the
    number itself (a PDF's page labels: "xii" for page 12 of a preface, "A-3")."""
    sections: list[Section] = field(init=False)
    """Every section in reading order (the tree flattened); Position.section indexes this."""

    _running: tuple[tuple[int, int], list[int], list[int]] | None = field(
        default=None, init=False, repr=False, compare=False)
    """Sentences and spoken words before each section (running totals), and when they
    were counted: the status line asks at every sentence, and a book of 100,000 sections
    would otherwise be summed each time."""

    def __post_init__(self) -> None:
        self.sections = [s for top in self.tree for s in top.walk()]
        for i, section in enumerate(self.sections):
            section.index = i

    def _totals(self) -> tuple[list[int], list[int]]:
        # Sections do not change once read; a part of a book read later says so (see
        # section_content_changed), and the totals are counted again then.
        counted = (_content_version, len(self.sections))
        running = self._running
        if running is None or running[0] != counted:
            sentences = list(itertools.accumulate(
                (s.sentence_estimate for s in self.sections), initial=0))
            words = list(itertools.accumulate(
                (s.word_estimate for s in self.sections), initial=0))
            running = self._running = (counted, sentences, words)
        return running[1], running[2]

    @property
    def sentence_count(self) -> int:
        """Number of sentences in the whole document (while a book's parts are still
        being read, their estimates count for them)."""
        return self._totals()[0][-1]

    @property
    def word_count(self) -> int:
        """Number of spoken words in the whole document (estimated for unread parts)."""
        return self._totals()[1][-1]

    def sentence_at(self, position: Position) -> Sentence | None:
        """The sentence at ``position``, or None if there is none."""
        if not 0 <= position.section < len(self.sections):
            return None
        sentences = self.sections[position.section].sentences
        if not 0 <= position.sentence < len(sentences):
            return None
        return sentences[position.sentence]

    def page_of(self, position: Position) -> int | None:
        """The printed page the sentence at ``position`` starts on, or None (no pages)."""
        sentence = self.sentence_at(position)
        if sentence is None:
            return None
        return self.sections[position.section].page_at(sentence.start)

    def page_label_of(self, position: Position) -> str | None:
        """The book's name of the page the sentence at ``position`` starts on ("xii",
        else its number as text), or None (no pages)."""
        page = self.page_of(position)
        if page is None:
            return None
        return self.page_labels.get(page, str(page))

    def beginning(self) -> Position:
        """Where reading starts in a document never opened before: the first section in
        the reading flow (a book's cover and copyright page, passed over when reading on,
        are not the first thing heard; see ``Section.linear``)."""
        first = next((section.index for section in self.sections if section.linear), 0)
        return Position(first, 0)

    def clamp(self, position: Position) -> Position:
        """The nearest valid position (for a saved place after the file changed)."""
        if not self.sections:
            return Position(0, 0)
        section = min(max(position.section, 0), len(self.sections) - 1)
        count = len(self.sections[section].sentences)
        sentence = min(max(position.sentence, 0), max(count - 1, 0))
        return Position(section, sentence)

    def ordinal(self, position: Position) -> int:
        """How many sentences come before ``position`` in the whole document."""
        sentences = self._totals()[0]
        before = sentences[min(max(position.section, 0), len(self.sections))]
        return before + position.sentence

    def fraction_read(self, position: Position) -> float:
        """Share of the document's sentences before ``position`` (0.0 to 1.0)."""
        total = self.sentence_count
        return 0.0 if total == 0 else min(self.ordinal(position) / total, 1.0)

    def words_from(self, position: Position) -> int:
        """Spoken words from ``position`` to the end (for time-left estimates)."""
        if not 0 <= position.section < len(self.sections):
            return 0
        here = self.sections[position.section].sentences[position.sentence :]
        words = sum(count_words(s.text) for s in here if s.spoken)
        # The sections after it from the running totals (the status line asks at every
        # sentence); a book's part not read yet is guessed, not read for this.
        totals = self._totals()[1]
        return words + totals[-1] - totals[position.section + 1]
