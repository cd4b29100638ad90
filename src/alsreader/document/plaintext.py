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
- A Project Gutenberg book is read from its START marker to its END marker: the header
  and the licence (about 2,900 words) are not the book. Its "Title:" line names it.
- A contents list or an illustration list is one section of list items, up to the line
  that repeats its first entry (the book has begun) or the first run of prose.
- "[Illustration: caption]" is read as its caption, a paragraph of its own kind (the
  narrator passes over it when ``reading.illustration_captions`` is off), never as a heading.
- A line after a line ending in a comma ("Yours truly,") is a signature, not a heading.
- The language, which a text file never says, is told from the text (see
  :mod:`.language`); sentences are split by its rules and the voice follows it.
- Chapter headings are known in English, Spanish, German, French, Italian and Chinese
  ("Capítulo I", "Erstes Kapitel", "Chapitre premier", "第一回"), and a roman numeral
  alone on a line ("I.", "XIV") is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from alsreader.document.builder import (
    SectionBuilder,
    assemble,
    collapse_spaces,
    finished_sections,
    finished_title,
    nest,
)
from alsreader.document.decode import DecodedText
from alsreader.document.language import detect_language
from alsreader.document.model import Document, DocumentError, ParagraphKind, Section, count_words
from alsreader.document.pronounce import DOT_LEADER
from alsreader.document.segment import segmentation_language

MAX_HEADING_WORDS = 12
MAX_HEADING_CHARS = 80
SOFT_WRAP_WIDTH = 100
"""Lines longer than this were not hard-wrapped: each is a paragraph of its own."""
SECTION_WORDS_MIN = 300
SECTION_WORDS_MAX = 600
"""A run of paragraphs longer than this is grouped into sections of 300-600 words."""
GROWING_CHARS = 1_000_000
"""A text this long opens before its sentences are found: its sections are found first
(a quick pass over its lines), each part's sentences when first needed (see
:mod:`.pending`). Shorter texts are read whole, at once."""
PART_WORDS = 20_000
"""About how many words one part of a long text holds (read together when first needed)."""
WORDS_PER_SENTENCE = 12
"""The guess of a paragraph's sentences before they are found (prose has 12-13 words a
sentence); the words themselves are counted exactly."""

_CLOSING = (".", ",", ";", ":", "!", "?", "…", '"', "”", "'", "’", ")")
_TITLE_CLOSING = (".", ",", ";", ":", "…")
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", ")", "…")
_NUMBERED = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.*)")
_CHAPTER_WORDS = (
    r"chapter|part|section|appendix|book|volume|cap[ií]tulo|parte|libro|kapitel|teil|buch"
    r"|abschnitt|chapitre|partie|livre|tome|capitolo"
)
_CHAPTER = re.compile(
    rf"(?:(?:{_CHAPTER_WORDS})\s+[\w.]+\b.*|\w+(?:es|er|te)\s+(?:kapitel|teil|buch)\b.*)",
    re.IGNORECASE,
)
_ORDINALS = (
    r"\d{1,4}|[ivxlc]{1,7}|one|two|three|first|second|third|last|primero|segundo|tercero"
    r"|cuarto|quinto|sexto|s[eé]ptimo|octavo|noveno|d[eé]cimo|[uú]ltimo|premier|premi[eè]re"
    r"|primo|secondo|terzo|erstes|zweites|drittes"
)
_CHAPTER_NUMBERED = re.compile(rf"(?:{_CHAPTER_WORDS})\s+(?:{_ORDINALS})\b.*", re.IGNORECASE)
"""A chapter word with a number: a heading even on a long line ("Capítulo XXII. De la
libertad que dio don Quijote a muchos desdichados...")."""
_HAN_CHAPTER = re.compile(r"第[一二三四五六七八九十百千零〇两0-9０-９]{1,8}[回章節节卷部篇].*")
_ROMAN = re.compile(r"[IVXLC]{1,6}\.\s+\S.*")
_ROMAN_ALONE = re.compile(r"(?=[IVXLC])(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})\.?")
"""A roman numeral alone on a line ("I.", "XIV"), as German and French novels number chapters."""
LONG_HEADING_CHARS = 200
TITLE_PAGE_BLOCKS = 8
TITLE_PAGE_LINE = 60
"""A title page is at most this many blocks of one or two lines this short."""
_LIST_HEADING = re.compile(
    r"(?:table of )?contents|list of (?:illustrations|plates|figures|maps)|illustrations"
    r"|[ií]ndice(?: general)?|contenido|inhalt|inhaltsverzeichnis|verzeichnis der abbildungen"
    r"|table des mati[eè]res|table|sommaire|table des gravures|indice|sommario"
    r"|目录|目錄|目次|插图|插圖",
    re.IGNORECASE,
)
"""Headings of a contents list or an illustration list (each one section, not hundreds)."""
_BYLINE = re.compile(r"(?:by|por|von|par|di)\s+\S.*", re.IGNORECASE)
"""The author's line under a book's title ("By Jane Austen"): not a section of its own."""
_CAPTION = "\ue000"
"""Marks a line that was an illustration's caption (a private-use character, removed from
the text first): it is read as text, never taken for a heading."""
_ILLUSTRATION = re.compile(
    r"\[\s*(?:Illustration|Ilustraci[óo]n|Illustrazione|Abbildung|Gravure|插圖|插图)\s*"
    r"(?:[:：]\s*([^\[\]]{0,2000}))?\]",
    re.IGNORECASE,
)
"""An illustration's marker as Project Gutenberg books write it, in their languages."""
_GUTENBERG_START = re.compile(
    r"^.*\*\*\*\s*START OF (?:THE |THIS )?PROJECT GUTENBERG.*$"
    r"|^\*+\s*END\*?\s*THE SMALL PRINT.*$",
    re.IGNORECASE | re.MULTILINE,
)
_GUTENBERG_END = re.compile(
    r"^\W*END OF (?:THE |THIS )?PROJECT GUTENBERG", re.IGNORECASE | re.MULTILINE
)
_GUTENBERG_TITLE = re.compile(r"^Title:[ \t]*(\S.*)$", re.MULTILINE)
_PRODUCED_BY = re.compile(
    r"\s*(?:produced by|this (?:e-?book|e-?text) was produced|e-?text prepared by)\b",
    re.IGNORECASE,
)
_RELEASED = [""]
"""Stands for a block already read (its lines are let go as reading moves on)."""
_BULLET = re.compile(r"\s*([-*•‣◦▪])\s+(?=[^\s*\-•‣◦▪])")  # not "* * *", a scene break
_NUMBER_ITEM = re.compile(r"\s*(\d{1,3}|[a-z])[.)]\s+\S")


@dataclass(slots=True)
class _Paragraph:
    kind: ParagraphKind
    text: str
    words: int = field(init=False)

    def __post_init__(self) -> None:
        self.words = count_words(self.text)


@dataclass
class _Run:
    """A heading (or none) and the paragraphs up to the next heading."""

    builder: SectionBuilder
    paragraphs: list[_Paragraph]


def parse_plaintext(
    text: str, *, title_hint: str = "", illustration_captions: bool = True
) -> Document:
    """A Document from plain text (already decoded and cleaned).

    ``illustration_captions``: read "[Illustration: caption]" as its caption (else not at all).
    """
    return parse_plaintext_taking(
        DecodedText(text, "utf-8"), title_hint=title_hint,
        illustration_captions=illustration_captions,
    )


def parse_plaintext_taking(
    decoded: DecodedText, *, title_hint: str = "", illustration_captions: bool = True,
    growing: bool | None = None, part_words: int = PART_WORDS,
) -> Document:
    """:func:`parse_plaintext` on the text taken from ``decoded``, which is let go once it
    is split into lines (unless the caller holds it too).

    ``growing``: find the sections first and each part's sentences when first needed
    (:mod:`.pending`); by default, for a text of :data:`GROWING_CHARS` or more. The
    sections, sentences and places are the same either way, whatever the size of a
    part (``part_words``).
    """
    text, book_title = gutenberg_book(decoded.take_text())
    if growing is None:
        growing = len(text) >= GROWING_CHARS
    text = _illustrations(text, captions=illustration_captions)
    blocks = _blocks(text)
    if blocks and _PRODUCED_BY.match(blocks[0][0]):
        blocks.pop(0)  # the transcribers' credit, part of the Gutenberg header
    title = ""
    base = 1
    language = detect_language(text)
    splits_by = segmentation_language(language)
    first = _Run(SectionBuilder(title="", level=0, language=splits_by), [])
    if blocks and _is_title(blocks):
        title = collapse_spaces(blocks[0][0])
        blocks[0] = blocks[0][1:]
        if not blocks[0]:
            blocks.pop(0)
        first = _Run(_heading_builder(title, 1, splits_by), [])
        base = 2
    del text  # the lines hold it now (a Gutenberg book's text is a copy)
    planned: list[_Planned] = []
    runs = [first]

    def finish(run: _Run, title: str) -> None:
        # The run is complete: its sections are built now (or, growing, planned), so a
        # large book's lines, paragraphs and section text are never all held at once.
        if title:
            _drop_repeated_title(title, [run])
        for plan in _fill(run):
            if not growing:
                plan.fill().compact()
            planned.append(plan)
        run.paragraphs = []

    def begin(run: _Run) -> None:
        finish(runs[-1], title if len(runs) == 1 else "")
        runs.append(run)

    first_entries: list[list[str]] = []
    title_page_end = _title_page_end(blocks)
    index = 0
    released = 0
    while index < len(blocks):
        while released < index - 2:
            # Nothing looks further back than two blocks (see _in_signature).
            blocks[released] = _RELEASED
            released += 1
        block = blocks[index]
        if len(block[0]) > LONG_HEADING_CHARS and len(block[0].lstrip()) > LONG_HEADING_CHARS:
            # Too long for any heading (most of a book's paragraphs): only its text.
            runs[-1].paragraphs.extend(_paragraphs(block))
            index += 1
            continue
        # Only a short line can be a signature (and only a short line's level asks).
        after_comma = _is_short(block[0].strip()) and _in_signature(blocks, index)
        if _is_list_heading(block[0]):
            run = _Run(_heading_builder(collapse_spaces(block[0]), base, splits_by), [])
            begin(run)
            index = _list_section(blocks, index, run, first_entries)
            continue
        level = _heading_level(
            block, base, is_last=index == len(blocks) - 1, after_comma=after_comma
        )
        if level and index < title_page_end:
            level = 0  # "PAR" / "JULES VERNE" on the title page: read, not sections
        if level:
            taken = _heading_lines(block)
            subtitle = _subtitle(blocks, index)
            if subtitle:
                index += 1  # "CHAPTER I." then "THE START": one heading, "CHAPTER I. THE START"
                number = taken[-1].rstrip()
                if not number.endswith((".", ":", "!", "?", "-", "—")):
                    # "I" and "DANS LEQUEL ...": "I. DANS LEQUEL ...", heard as a number
                    # and a title, not as the word "I" starting a sentence.
                    taken[-1] = number + "."
                taken = [*taken, *subtitle]
            heading = collapse_spaces(" ".join(taken))
            begin(_Run(_heading_builder(heading, level, splits_by), []))
            block = block[len(taken) :]
        runs[-1].paragraphs.extend(_paragraphs(block))
        index += 1
    finish(runs[-1], title if len(runs) == 1 else "")
    named = title or book_title or title_hint
    if growing:
        document = _growing_document(planned, title=named, part_words=part_words)
    else:
        document = assemble([plan.builder for plan in planned], title=named,
                            source_format="text")
    document.language = language
    return document


def _growing_document(planned: list[_Planned], *, title: str, part_words: int) -> Document:
    """The document of ``planned`` sections, read a part (about ``part_words`` words) at
    a time when first needed: the same sections :func:`assemble` would make."""
    from alsreader.document.pending import PendingBook, growing_part

    book = PendingBook()
    sections: list[Section] = []
    part: list[_Planned] = []
    words = 0
    kept = [plan for plan in planned if not plan.is_empty]
    del planned
    for number, plan in enumerate(kept):
        part.append(plan)
        words += plan.words
        if words >= part_words or number == len(kept) - 1:
            sections += growing_part(book, _PartReader(part),
                                     [(p.title(), p.builder.level, p.sentences, p.words)
                                      for p in part])
            part, words = [], 0
    if not sections:
        raise DocumentError("There is no text to read in this document.")
    return Document(title=title or sections[0].title, tree=nest(sections),
                    source_format="text")


class _PartReader:
    """Builds one part's sections when first needed, then lets go of their paragraphs."""

    def __init__(self, part: list[_Planned]) -> None:
        self.part = part

    def __call__(self) -> list[Section]:
        part, self.part = self.part, []
        return finished_sections([plan.fill() for plan in part])


def _in_signature(blocks: list[list[str]], index: int) -> bool:
    """Whether block ``index`` follows a line ending in a comma ("Yours truly,"), directly or
    after one short line (the name, then a place or a date)."""
    for back in (1, 2):
        if index - back < 0:
            return False
        if blocks[index - back][-1].rstrip().endswith(","):
            return True
        if len(blocks[index - back]) > 1 or not _is_short(blocks[index - back][0].strip()):
            return False
    return False


def gutenberg_book(text: str) -> tuple[str, str]:
    """The book inside a Project Gutenberg file, and its "Title:"; other text unchanged.

    The book runs from after the last start marker near the top ("*** START OF THE
    PROJECT GUTENBERG EBOOK ... ***", or the older "*END*THE SMALL PRINT! ...") to the
    first end marker after it ("*** END OF THE PROJECT GUTENBERG EBOOK", "End of Project
    Gutenberg's ..."); what is around it is the header and the licence.
    """
    if "gutenberg" not in text[:100_000].casefold():
        return text, ""
    start = 0
    title = ""
    for marker in _GUTENBERG_START.finditer(text, 0, 100_000):
        start = marker.end()
    if not start:
        return text, ""
    found = _GUTENBERG_TITLE.search(text, 0, start)
    if found:
        title = collapse_spaces(found.group(1))
    end = _GUTENBERG_END.search(text, start)
    return text[start : end.start() if end else len(text)], title


def _illustrations(text: str, *, captions: bool) -> str:
    text = text.replace(_CAPTION, "")

    def caption(match: re.Match[str]) -> str:
        said = collapse_spaces(match.group(1) or "") if captions else ""
        return f"\n\n{_CAPTION}{said}\n\n" if said else "\n\n"

    return _ILLUSTRATION.sub(caption, text)


def _is_list_heading(line: str) -> bool:
    return len(line) <= 60 and _LIST_HEADING.fullmatch(_bare(line)) is not None


def _bare(line: str) -> str:
    """A line without its spaces and closing punctuation, to compare with known headings."""
    return collapse_spaces(line).strip(" .:;-—_*")


def _tokens(line: str) -> list[str]:
    return [token for token in re.split(r"\W+", line.casefold()) if token]


def _starts_alike(heading: list[str], entry: list[str]) -> bool:
    # "CHAPTER I." repeats the entry "Chapter I. The Beginning ..... 1" (and the reverse).
    shorter = min(len(heading), len(entry))
    return shorter > 0 and heading[:shorter] == entry[:shorter]


def _is_prose(block: list[str]) -> bool:
    """A block of running text, not list entries (short lines, or lines ending in a page)."""
    long_lines = [
        line for line in block if len(line.strip()) > 50 and not line.rstrip()[-1:].isdigit()
    ]
    return len(long_lines) >= 2 or any(len(line.strip()) > MAX_HEADING_CHARS for line in long_lines)


def _list_section(
    blocks: list[list[str]], index: int, run: _Run, first_entries: list[list[str]]
) -> int:
    """Put a contents (or illustration) list into ``run``; the index of the block after it.

    The list ends where a line repeats the first entry of this or an earlier list (the book
    has begun), at the next list heading, or at prose (with the heading just before it).
    """
    taken: list[list[_Paragraph]] = [_entries(blocks[index][1:])]
    entry_tokens = [_tokens(line) for line in blocks[index][1:2]]
    end = index + 1
    while end < len(blocks):
        block = blocks[end]
        if _is_list_heading(block[0]) or _is_prose(block):
            break
        tokens = _tokens(block[0])
        if any(_starts_alike(tokens, first) for first in first_entries + entry_tokens):
            break
        if not entry_tokens:
            entry_tokens.append(tokens)
        taken.append(_entries(block))
        end += 1
    if end < len(blocks) and _is_prose(blocks[end]) and end - 1 > index:
        last = blocks[end - 1]
        if len(last) == 1 and _heading_level(last, 1, is_last=False):
            taken.pop()
            end -= 1  # the heading of the prose: chapter one
    first_entries.extend(entry_tokens)
    for paragraphs in taken:
        run.paragraphs.extend(paragraphs)
    return end


def _entries(block: list[str]) -> list[_Paragraph]:
    """Each line a list entry; a line starting in lower case continues the entry above."""
    entries: list[str] = []
    for line in block:
        line = collapse_spaces(line)
        if entries and line[:1].islower():
            entries[-1] += " " + line
        else:
            entries.append(line)
    return [_Paragraph(ParagraphKind.LIST_ITEM, entry) for entry in entries if entry]


def _heading_lines(block: list[str]) -> list[str]:
    """The lines of ``block`` that make its heading: the first, and for a long chapter
    heading wrapped over lines ("Capítulo XXII. De la libertad ... quisieran / ir."), the
    lines that finish it."""
    taken = [block[0]]
    if len(block) > 3 or len(block[0].strip()) < 60 or not _chapter_line(block[0].strip()):
        return taken
    for line in block[1:]:
        if taken[-1].rstrip().endswith(_SENTENCE_END):
            break
        if sum(len(t) for t in taken) + len(line) > LONG_HEADING_CHARS:
            break
        taken.append(line)
    return taken if len(taken) == len(block) else [block[0]]


def _subtitle(blocks: list[list[str]], index: int) -> list[str]:
    """The title of the chapter whose number stands alone in block ``index``, when the next
    block is that title ("II" then "OÙ PASSEPARTOUT EST CONVAINCU"): its lines, else none.

    A title in capitals may be wrapped over up to three lines."""
    if len(blocks[index]) > 1 or index + 1 >= len(blocks) - 1:
        return []
    number, following = blocks[index][0].strip(), blocks[index + 1]
    title = following[0].strip()
    if (
        not _chapter_line(number)
        or len(number.split()) > 3
        or _chapter_line(title)
        or _is_list_heading(title)
    ):
        return []
    if len(following) == 1:
        return [title] if _heading_level(following, 1, is_last=False) > 0 else []
    lines = [line.strip() for line in following]
    if (
        len(lines) <= 3
        and sum(map(len, lines)) <= LONG_HEADING_CHARS
        and all(_in_capitals(line) for line in lines)
    ):
        return lines
    return []


def _in_capitals(line: str) -> bool:
    # The quick tests first: most lines are not in capitals.
    return (line.upper() == line and line.lower() != line
            and sum(1 for c in line if c.isalpha()) >= 2)


def _title_page_end(blocks: list[list[str]]) -> int:
    """Where a book's title page ends: the first chapter heading or contents list, when
    only a few short lines stand before it ("PAR" / "JULES VERNE", "Novelle" / "von" /
    "Theodor Storm"); else 0 (the blocks before the first chapter are read as they are:
    a preface is a section of its own)."""
    for index, block in enumerate(blocks[:TITLE_PAGE_BLOCKS + 1]):
        first = block[0].strip()
        if _chapter_line(first) or _ROMAN_ALONE.fullmatch(first) or _is_list_heading(first):
            return index
        if (
            len(block) > 2
            or any(len(line.strip()) > TITLE_PAGE_LINE or line.rstrip().endswith(
                (".", "!", "?", ";", ":", '"', "”")) for line in block)
        ):
            return 0
    return 0


def _chapter_line(line: str) -> bool:
    return bool(
        _CHAPTER_NUMBERED.fullmatch(line)
        or _HAN_CHAPTER.fullmatch(line)
        or _ROMAN_ALONE.fullmatch(line)
        or (_is_short(line) and (_CHAPTER.fullmatch(line) or _ROMAN.fullmatch(line)))
    )


def _heading_builder(title: str, level: int, language: str) -> SectionBuilder:
    builder = SectionBuilder(title=title, level=level, has_heading=True, language=language)
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
    if _is_list_heading(line):
        return False  # "Contents" first: the list, not the book's title
    if len(first) == 1:
        return True
    # A first line directly followed by text is a title only when it is clearly shorter
    # than the line after it; otherwise it is the first line of a wrapped paragraph.
    following = len(first[1].strip())
    return following > SOFT_WRAP_WIDTH or len(line) < 0.6 * following


def _is_short(line: str) -> bool:
    return bool(line) and len(line) <= MAX_HEADING_CHARS and len(line.split()) <= MAX_HEADING_WORDS


def _heading_level(block: list[str], base: int, *, is_last: bool, after_comma: bool = False) -> int:
    line = block[0].strip()
    if line.startswith(_CAPTION):
        return 0
    next_is_item = len(block) > 1 and _NUMBER_ITEM.match(block[1]) is not None
    if len(line) <= LONG_HEADING_CHARS and not next_is_item:
        if _CHAPTER_NUMBERED.fullmatch(line) or _HAN_CHAPTER.fullmatch(line):
            return base
        if _ROMAN_ALONE.fullmatch(line):
            return base
    if not _is_short(line) or line.endswith((",", ";")):
        return 0
    numbered = _NUMBERED.fullmatch(line)
    if (
        numbered
        and numbered.group(2)[0].isupper()
        and not next_is_item
        and not numbered.group(2).endswith((".", "!", "?"))
    ):
        return base + numbered.group(1).count(".")
    if (_CHAPTER.fullmatch(line) or _ROMAN.fullmatch(line)) and not next_is_item:
        return base
    if after_comma or _BYLINE.fullmatch(line):
        return 0  # "Yours truly," then "JOHN SMITH.": a signature, not a chapter
    in_capitals = _in_capitals(line)
    if in_capitals and (len(block) == 1 or len(block[1].strip()) > len(line)):
        return base
    set_apart = len(block) == 1 and not is_last and not line.endswith(_CLOSING)
    if set_apart and (line[0].isupper() or line[0].isdigit()) and not _BULLET.match(block[0]):
        return base
    return 0


_ITEM_OR_CAPTION = re.compile(r"\s*(?:[-*•‣◦▪]\s|(?:\d{1,3}|[a-z])[.)]\s|\ue000)")
"""What a line must start with to be a list item (_BULLET, _NUMBER_ITEM) or a caption."""


def _paragraphs(block: list[str]) -> list[_Paragraph]:
    if not block:
        return []
    if len(block) == 1 and not _ITEM_OR_CAPTION.match(block[0]):
        return [_Paragraph(ParagraphKind.TEXT, collapse_spaces(block[0]))]  # a line of prose
    width = max(len(line) for line in block)
    if not any(_ITEM_OR_CAPTION.match(line) for line in block):
        return _prose_paragraphs(block, width)
    paragraphs: list[_Paragraph] = []
    current: list[str] = []
    kind = ParagraphKind.TEXT

    def flush() -> None:
        if current:
            paragraphs.append(_Paragraph(kind, collapse_spaces(" ".join(current))))
            current.clear()

    for line in block:
        if line.lstrip().startswith(_CAPTION):
            flush()
            paragraphs.append(_Paragraph(ParagraphKind.CAPTION, collapse_spaces(line)[1:]))
            continue
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
        elif current and (_ends_paragraph(current[-1], width) or _is_contents_line(current[-1])):
            flush()
            kind = ParagraphKind.TEXT
        elif not current:
            kind = ParagraphKind.TEXT
        current.append(line)
    flush()
    return paragraphs


def _prose_paragraphs(block: list[str], width: int) -> list[_Paragraph]:
    """:func:`_paragraphs` of a block without list items or captions (most of a book),
    the same paragraphs found with less work."""
    text = ParagraphKind.TEXT
    if width > SOFT_WRAP_WIDTH:
        return [_Paragraph(text, collapse_spaces(line)) for line in block]
    paragraphs: list[_Paragraph] = []
    start = 0
    short = width - 15
    for end, line in enumerate(block, 1):
        # _ends_paragraph and _is_contents_line, their quick tests first (every line asks).
        if ((len(line) < short and line.rstrip().endswith(_SENTENCE_END))
                or (("...." in line or ". . . ." in line) and _is_contents_line(line))):
            paragraphs.append(_Paragraph(text, collapse_spaces(" ".join(block[start:end]))))
            start = end
    if start < len(block):
        paragraphs.append(_Paragraph(text, collapse_spaces(" ".join(block[start:]))))
    return paragraphs


def _is_contents_line(line: str) -> bool:
    """A contents entry with a dot leader ("Chapter 1 ........ 5"): a piece of its own."""
    return ("...." in line or ". . . ." in line) and DOT_LEADER.search(line) is not None


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


@dataclass(slots=True)
class _Planned:
    """A section's builder (with its heading, if any) and the paragraphs it will hold."""

    builder: SectionBuilder
    paragraphs: list[_Paragraph] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Whether the section would have no paragraph (it is then left out)."""
        return self.builder.is_empty and not any(p.text.strip() for p in self.paragraphs)

    def title(self) -> str:
        """The title the built section will have (see :func:`finished_title`)."""
        builder = self.builder
        first = builder.first_text() or next(
            (p.text.strip() for p in self.paragraphs if p.text.strip()), "")
        return finished_title(builder.title, builder.has_heading, first)

    @property
    def words(self) -> int:
        """The words the section will hold (its heading's and its paragraphs')."""
        return self.builder.word_count + sum(p.words for p in self.paragraphs)

    @property
    def sentences(self) -> int:
        """A guess of the sentences the section will hold (counted when it is built)."""
        return self.builder.sentence_count + sum(
            max(1, round(p.words / WORDS_PER_SENTENCE)) for p in self.paragraphs)

    def fill(self) -> SectionBuilder:
        """The builder with the paragraphs added (their sentences found now)."""
        for paragraph in self.paragraphs:
            self.builder.add(paragraph.kind, paragraph.text)
        self.paragraphs = []
        return self.builder


def _fill(run: _Run) -> list[_Planned]:
    """The run's heading section, plus sections for the rest of a long run."""
    if sum(paragraph.words for paragraph in run.paragraphs) <= SECTION_WORDS_MAX:
        return [_Planned(run.builder, run.paragraphs)]
    total = sum(paragraph.words for paragraph in run.paragraphs)
    # Later parts sit under the heading; with no heading they stand at the top level.
    child_level = run.builder.level + 1 if run.builder.level else 1
    parts = -(-total // ((SECTION_WORDS_MIN + SECTION_WORDS_MAX) // 2))
    target = max(total / parts, SECTION_WORDS_MIN)
    current = _Planned(run.builder)
    planned = [current]
    words = 0
    remaining = total
    for paragraph in run.paragraphs:
        if words and words + paragraph.words > target and remaining >= SECTION_WORDS_MIN // 2:
            current = _Planned(SectionBuilder(title="", level=child_level,
                                              language=run.builder.language))
            planned.append(current)
            words = 0
        current.paragraphs.append(paragraph)
        words += paragraph.words
        remaining -= paragraph.words
    return planned
