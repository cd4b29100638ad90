"""Plain text to a Document, guessing the structure a reader would see.

- The first line is the title when it is short, has no closing punctuation and stands
  apart from the text after it (a blank line, or a much longer line follows).
- A title repeated at the start of the first paragraph (as text copied from web pages
  often has it) is not read twice.
- Heading-like lines start sections: short lines with no closing punctuation set apart
  by blank lines, numbered lines like "2. Methods" or "2.1 Data", "Chapter 3", and lines
  in capitals.
- Hard-wrapped lines inside a paragraph are joined; lines that are each a whole paragraph
  (long lines, as editors that wrap softly write them) stay paragraphs.
- Long runs of paragraphs without headings are grouped into sections of a readable
  size, each titled by its first words, so moving by section stays useful.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alsreader.document.builder import SectionBuilder, assemble, collapse_spaces
from alsreader.document.model import Document, ParagraphKind

MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 80
SOFT_WRAP_WIDTH = 100
"""Lines longer than this were not hard-wrapped: each is a paragraph of its own."""
SECTION_WORDS_MIN = 300
SECTION_WORDS_MAX = 600
"""A run of paragraphs longer than this is grouped into sections of 300-600 words."""

_CLOSING = (".", ",", ";", ":", "!", "?", "…", '"', "”", "'", "’", ")")
_TITLE_CLOSING = (".", ",", ";", ":", "…")
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", ")", "…")
_NUMBERED = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.*)")
_CHAPTER = re.compile(r"(?:chapter|part|section|appendix|book)\s+[\w.]+\b.*", re.IGNORECASE)
_ROMAN = re.compile(r"[IVXLC]{1,6}\.\s+\S.*")
_BULLET = re.compile(r"\s*([-*•‣◦▪])\s+(?=[^\s*\-•‣◦▪])")  # not "* * *", a scene break
_NUMBER_ITEM = re.compile(r"\s*(\d{1,3}|[a-z])[.)]\s+\S")


@dataclass
class _Paragraph:
    kind: ParagraphKind
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class _Run:
    """A heading (or none) and the paragraphs up to the next heading."""

    builder: SectionBuilder
    paragraphs: list[_Paragraph]


def parse_plaintext(text: str, *, title_hint: str = "") -> Document:
    """A Document from plain text (already decoded and cleaned)."""
    blocks = _blocks(text)
    title = ""
    base = 1
    runs: list[_Run] = [_Run(SectionBuilder(title="", level=0), [])]
    if blocks and _is_title(blocks):
        title = collapse_spaces(blocks[0][0])
        blocks[0] = blocks[0][1:]
        if not blocks[0]:
            blocks.pop(0)
        runs = [_Run(_heading_builder(title, 1), [])]
        base = 2
    for index, block in enumerate(blocks):
        level = _heading_level(block, base, is_last=index == len(blocks) - 1)
        if level:
            heading = collapse_spaces(block[0])
            runs.append(_Run(_heading_builder(heading, level), []))
            block = block[1:]
        runs[-1].paragraphs.extend(_paragraphs(block))
    if title:
        _drop_repeated_title(title, runs)
    builders: list[SectionBuilder] = []
    for run in runs:
        builders.extend(_fill(run))
    return assemble(builders, title=title or title_hint, source_format="text")


def _heading_builder(title: str, level: int) -> SectionBuilder:
    builder = SectionBuilder(title=title, level=level, has_heading=True)
    builder.add(ParagraphKind.HEADING, title)
    return builder


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_title(blocks: list[list[str]]) -> bool:
    first = blocks[0]
    line = first[0].strip()
    if not _is_short(line) or line.endswith(_TITLE_CLOSING) or not line[0].isalnum():
        return False
    if _NUMBERED.fullmatch(line) or _CHAPTER.fullmatch(line) or _ROMAN.fullmatch(line):
        return False  # "Chapter 1" is the first of several headings, not the title
    if len(first) == 1:
        return True
    # A first line directly followed by text is a title only when it is clearly shorter
    # than the line after it; otherwise it is the first line of a wrapped paragraph.
    following = len(first[1].strip())
    return following > SOFT_WRAP_WIDTH or len(line) < 0.6 * following


def _is_short(line: str) -> bool:
    return bool(line) and len(line) <= MAX_HEADING_CHARS and len(line.split()) <= MAX_HEADING_WORDS


def _heading_level(block: list[str], base: int, *, is_last: bool) -> int:
    line = block[0].strip()
    if not _is_short(line) or line.endswith((",", ";")):
        return 0
    numbered = _NUMBERED.fullmatch(line)
    next_is_item = len(block) > 1 and _NUMBER_ITEM.match(block[1]) is not None
    if (
        numbered
        and numbered.group(2)[0].isupper()
        and not next_is_item
        and not numbered.group(2).endswith((".", "!", "?"))
    ):
        return base + numbered.group(1).count(".")
    if (_CHAPTER.fullmatch(line) or _ROMAN.fullmatch(line)) and not next_is_item:
        return base
    letters = [c for c in line if c.isalpha()]
    in_capitals = len(letters) >= 2 and line.upper() == line and line.lower() != line
    if in_capitals and (len(block) == 1 or len(block[1].strip()) > len(line)):
        return base
    set_apart = len(block) == 1 and not is_last and not line.endswith(_CLOSING)
    if set_apart and (line[0].isupper() or line[0].isdigit()) and not _BULLET.match(block[0]):
        return base
    return 0


def _paragraphs(block: list[str]) -> list[_Paragraph]:
    if not block:
        return []
    width = max(len(line) for line in block)
    paragraphs: list[_Paragraph] = []
    current: list[str] = []
    kind = ParagraphKind.TEXT

    def flush() -> None:
        if current:
            paragraphs.append(_Paragraph(kind, collapse_spaces(" ".join(current))))
            current.clear()

    for line in block:
        bullet = _BULLET.match(line)
        if bullet or _NUMBER_ITEM.match(line):
            flush()
            kind = ParagraphKind.LIST_ITEM
            current.append(line[bullet.end() :] if bullet else line)
            continue
        if width > SOFT_WRAP_WIDTH and current:
            # Unwrapped text: every line is a paragraph of its own.
            flush()
            kind = ParagraphKind.TEXT
        elif current and _ends_paragraph(current[-1], width):
            flush()
            kind = ParagraphKind.TEXT
        elif not current:
            kind = ParagraphKind.TEXT
        current.append(line)
    flush()
    return paragraphs


def _ends_paragraph(line: str, width: int) -> bool:
    # In wrapped text, a line ending a sentence well short of the wrap width ends its
    # paragraph: the next word would have fitted otherwise.
    return line.rstrip().endswith(_SENTENCE_END) and len(line) < width - 15


def _drop_repeated_title(title: str, runs: list[_Run]) -> None:
    paragraphs = runs[0].paragraphs
    if not paragraphs:
        return
    first = paragraphs[0].text
    folded_title = title.casefold()
    if first.casefold() == folded_title:
        paragraphs.pop(0)
    elif first[: len(title)].casefold() == folded_title and first[len(title) :][:1] == " ":
        paragraphs[0] = _Paragraph(paragraphs[0].kind, first[len(title) :].lstrip())


def _fill(run: _Run) -> list[SectionBuilder]:
    """The run's heading section, plus sections for the rest of a long run."""
    builders = [run.builder]
    total = sum(paragraph.words for paragraph in run.paragraphs)
    if total <= SECTION_WORDS_MAX:
        for paragraph in run.paragraphs:
            run.builder.add(paragraph.kind, paragraph.text)
        return builders
    # Later parts sit under the heading; with no heading they stand at the top level.
    child_level = run.builder.level + 1 if run.builder.level else 1
    parts = -(-total // ((SECTION_WORDS_MIN + SECTION_WORDS_MAX) // 2))
    target = max(total / parts, SECTION_WORDS_MIN)
    current = run.builder
    words = 0
    remaining = total
    for paragraph in run.paragraphs:
        if words and words + paragraph.words > target and remaining >= SECTION_WORDS_MIN // 2:
            current = SectionBuilder(title="", level=child_level)
            builders.append(current)
            words = 0
        current.add(paragraph.kind, paragraph.text)
        words += paragraph.words
        remaining -= paragraph.words
    return builders
