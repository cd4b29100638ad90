"""Books read a part at a time: every section is known at once, its text when first needed.

A long book is split into parts that can each be read on their own (an EPUB's spine item,
the pages of one of a PDF's bookmarked chapters; in a long plain text or Markdown file, a
run of sections or a piece of the file, see :func:`growing_part`). Opening the book reads only its
structure: every section's title, level and place in the tree, the same sections in the
same order as reading the whole book would give, so a :class:`~.model.Position`, a saved
place and a bookmark mean the same whether or not the rest has been read yet.

A :class:`PendingSection`'s text, paragraphs and pages are read the first time anything
asks for them, on whatever thread asks: the saved place when the book opens, a chapter
the reader jumps to, the next chapter when reading reaches it. :func:`load_rest` reads the
others in the background. Until a part is read, the whole-book figures (the share read,
the time left) use its estimated size (``Section.sentence_estimate``), so they are close
at once and exact when the book is complete.

A part that cannot be read (a damaged chapter) becomes a section that says so; every
other part of the book is read as usual.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from alsreader.document.model import (
    Document,
    DocumentError,
    Paragraph,
    Section,
    section_content_changed,
)

WORDS_PER_SENTENCE = 15
"""The estimate of words in a sentence of a part not read yet (for the time left)."""


class PendingBook:
    """The open file of a book read a part at a time; released once every part is read.

    One lock per book: a part is read by one thread at a time (zip files and PDFium are
    not safe to share), and a thread asking for a part another is reading waits for it.
    """

    def __init__(self, release: Callable[[], None] = lambda: None) -> None:
        """``release`` closes the file; it is called once, after the last part is read."""
        self.lock = threading.RLock()
        self._release: Callable[[], None] | None = release
        self._unread = 0

    def part(self, read: Callable[[], list[Section]], sections: list[PendingSection]) -> None:
        """Register a part: ``read`` builds its sections (as many as ``sections``, in the
        same order) from the file; their content goes into ``sections``."""
        part = _Part(self, read, sections)
        for section in sections:
            section._part = part
        self._unread += 1

    def _read_one(self) -> None:
        self._unread -= 1
        if self._unread <= 0 and self._release is not None:
            release, self._release = self._release, None
            release()


class _Part:
    def __init__(self, book: PendingBook, read: Callable[[], list[Section]],
                 sections: list[PendingSection]) -> None:
        self.book = book
        self.read = read
        self.sections = sections
        self.done = False

    def fill(self) -> None:
        with self.book.lock:
            if self.done:
                return
            built = self._built()
            for pending, section in zip(self.sections, built, strict=True):
                pending._settle(section)
            self.done = True
            self.read = _nothing  # the reader (and the file it holds) can go
            self.book._read_one()

    def _built(self) -> list[Section]:
        try:
            built = self.read()
            if len(built) != len(self.sections):
                raise ValueError(f"{len(built)} sections for {len(self.sections)}")
        except DocumentError as error:
            reason = str(error)
        except RecursionError:
            reason = "it is nested too deeply"
        except Exception as error:  # one broken chapter must not cost the book
            reason = f"it could not be understood ({type(error).__name__})"
        else:
            return built
        return _failed(self.sections, reason.rstrip("."))


def _nothing() -> list[Section]:
    return []


def _failed(sections: list[PendingSection], reason: str) -> list[Section]:
    """The part's sections with the first saying why it could not be read (spoken, so a
    listener knows something was passed over)."""
    from alsreader.document.builder import SectionBuilder
    from alsreader.document.model import ParagraphKind

    builders = [SectionBuilder(section.title, section.level) for section in sections]
    builders[0].add(ParagraphKind.TEXT, f"This part of the book could not be read: {reason}.")
    return [builder.build() for builder in builders]


class PendingSection(Section):
    """A section of a book whose text is read from the file the first time it is needed."""

    def __init__(self, title: str, level: int, *, estimate: int, linear: bool = True,
                 words: int | None = None) -> None:
        """A section of ``estimate`` sentences and ``words`` spoken words (guesses, until
        it is read; the words are ``estimate`` sentences of :data:`WORDS_PER_SENTENCE`
        when not given)."""
        self._part: _Part | None = None
        self._text = ""
        self._paragraphs: list[Paragraph] = []
        self._pages: list[tuple[int, int]] = []
        self.estimate = max(estimate, 0)
        """The guessed number of sentences, for the whole-book figures before it is read."""
        self.words_guessed = max(words, 0) if words is not None else (
            self.estimate * WORDS_PER_SENTENCE)
        """The guessed number of spoken words, for the time left before it is read."""
        super().__init__(title, level, linear=linear)

    def _settle(self, section: Section) -> None:
        # Content first, the part last: a thread that sees no part sees the content.
        self._text = section.text
        self._paragraphs = section.paragraphs
        self._pages = section.pages
        self._part = None
        section_content_changed()  # the whole-document running totals are counted again

    def _need(self) -> None:
        part = self._part
        if part is not None:
            part.fill()

    @property
    def text(self) -> str:
        """The section's own text (read from the book first if need be)."""
        self._need()
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text = value

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The section's paragraphs (read from the book first if need be)."""
        self._need()
        return self._paragraphs

    @paragraphs.setter
    def paragraphs(self, value: list[Paragraph]) -> None:
        self._paragraphs = value

    @property
    def pages(self) -> list[tuple[int, int]]:
        """Where printed pages begin in the text (read from the book first if need be)."""
        self._need()
        return self._pages

    @pages.setter
    def pages(self, value: list[tuple[int, int]]) -> None:
        self._pages = value

    @property
    def loaded(self) -> bool:
        """Whether the text has been read from the book."""
        return self._part is None

    def load(self) -> None:
        """Read the text from the book now (waits if another thread is reading it)."""
        self._need()

    @property
    def sentence_estimate(self) -> int:
        """The number of sentences once read; the guess before."""
        return len(self.sentences) if self.loaded else self.estimate

    @property
    def word_estimate(self) -> int:
        """The number of spoken words once read; a guess before."""
        return self.word_count if self.loaded else self.words_guessed


def growing_part(book: PendingBook, read: Callable[[], list[Section]],
                 plans: list[tuple[str, int, int, int]]) -> list[PendingSection]:
    """The sections of one part of a text read a part at a time (a long plain text or
    Markdown file): ``plans`` gives each one's title, level and guessed sentences and
    words; ``read`` builds them all (as many, in the same order) when first needed."""
    sections = [PendingSection(title, level, estimate=sentences, words=words)
                for title, level, sentences, words in plans]
    book.part(read, sections)
    return sections


PAUSE_AT_MOST = 0.25
"""Seconds the background reading rests after a part, at most (see :func:`load_rest`)."""


def load_rest(document: Document, first: int = 0, *,
              keep_going: Callable[[], bool] = lambda: True) -> None:
    """Read every part of ``document`` not read yet: from section ``first`` to the end
    (where reading goes next), then back from ``first`` to the start. Stops early when
    ``keep_going()`` says so (the reader was closed); parts left are read when needed."""
    sections = document.sections
    first = min(max(first, 0), max(len(sections) - 1, 0))
    for index in [*range(first, len(sections)), *range(first - 1, -1, -1)]:
        section = sections[index]
        if not section.loaded:
            if not keep_going():
                return
            started = time.perf_counter()
            section.load()
            # Reading a part holds the interpreter (sentence splitting is Python): the
            # screen's thread then waits for it at every step, and a key took seconds. A
            # pause as long as the part took (at most PAUSE_AT_MOST) leaves the screen free
            # half the time; a book read in the background takes longer, a key does not.
            time.sleep(min(time.perf_counter() - started, PAUSE_AT_MOST))


def is_complete(document: Document) -> bool:
    """Whether every section of ``document`` has been read from its file."""
    return all(section.loaded for section in document.sections)
