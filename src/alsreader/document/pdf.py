"""PDF documents through pypdfium2 (PDFium, the engine of Chrome's PDF viewer).

The text layer of each page is read as lines with their place and type size. Lines are
joined into paragraphs (words hyphenated across a line end joined again, ligatures
made plain letters); running headers, footers and page numbers, the lines that repeat
in the same place across pages, are left out; a page set in two columns is read column
by column. The outline (bookmarks) makes the section tree; a PDF without one gets its
sections from headings in larger type, else one section per page. Every paragraph
remembers its page, for the status line.

PDFium is not safe to use from two threads at once, so every use holds one lock. The
import happens when a PDF is opened, not when this module is.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from alsreader.document.files import DocumentFile
from alsreader.document.model import Document, DocumentError, ParagraphKind
from alsreader.document.registry import DocumentLoader, ListingDetails

if TYPE_CHECKING:
    from alsreader.document.builder import SectionBuilder

MAX_PAGES = 5_000
"""A PDF with more pages is refused (a 1,000-page book is read; 10,000 pages is not a book)."""
MAX_BOOKMARKS = 5_000
"""Outline entries beyond this are ignored (a looping or runaway outline)."""
MAX_OUTLINE_DEPTH = 8
MARGIN_SHARE = 0.12
"""Running headers and footers sit in the top and bottom eighth of a page."""
HEADING_RATIO = 1.2
"""Type this much larger than the body text is a heading."""
NO_TEXT = "this PDF holds only images of pages; it has no text to read"

_LOCK = threading.Lock()
_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
    # PDFium marks a hyphen it found at a line end with U+0002.
    "\x02": "-", "\u00ad": "-",
})
_PAGE_NUMBER = re.compile(
    r"(?:page\s+)?(?:\d{1,5}|[ivxlcdm]{1,8})(?:\s*(?:/|of)\s*\d{1,5})?", re.IGNORECASE
)
_DIGITS = re.compile(r"\d+")


class PdfLoader(DocumentLoader):
    """PDF documents with a text layer."""

    name = "pdf"
    label = "PDF"
    suffixes = (".pdf",)

    def recognises(self, head: bytes) -> bool:
        """"%PDF-" in the first kilobyte (the standard lets some bytes come before it)."""
        return b"%PDF-" in head[:1024]

    def load(self, file: DocumentFile) -> Document:
        """Read every page's text into sections."""
        with _opened(file) as pdf:
            return _read(pdf, file)

    def library_details(self, file: DocumentFile) -> ListingDetails:
        """Title and author from the document information."""
        with _opened(file) as pdf:
            title, author = _metadata(pdf)
            return ListingDetails(title, author)


@contextmanager
def _opened(file: DocumentFile) -> Iterator[Any]:
    import logging

    import pypdfium2 as pdfium

    # pypdfium2 logs what it works around (a looping outline); with no handler Python
    # would print that over the reader's screen.
    quiet = logging.getLogger("pypdfium2")
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())
        quiet.propagate = False

    with _LOCK:
        try:
            pdf = pdfium.PdfDocument(str(file.path))
        except pdfium.PdfiumError as error:
            if getattr(error, "err_code", None) == 4:
                raise DocumentError(
                    "This PDF is protected by a password, so alsreader cannot open it. "
                    "Save a copy without the password and open that."
                ) from None
            raise DocumentError("This PDF is damaged, so it cannot be read.") from None
        try:
            pages = len(pdf)
            if pages > MAX_PAGES:
                raise DocumentError(
                    f"This PDF has {pages} pages, more than alsreader reads ({MAX_PAGES})."
                )
            yield pdf
        finally:
            pdf.close()


def _metadata(pdf: Any) -> tuple[str, str]:
    from alsreader.document.decode import one_line

    info = pdf.get_metadata_dict()
    return one_line(info.get("Title", "") or ""), one_line(info.get("Author", "") or "")


@dataclass
class _Line:
    """One line of a page: its box (PDF points, y up), type size and text."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)


def _read(pdf: Any, file: DocumentFile) -> Document:
    from alsreader.document.builder import assemble

    pages = [_page_lines(pdf, index) for index in range(len(pdf))]
    if not any(page.lines for page in pages):
        raise DocumentError(NO_TEXT[:1].upper() + NO_TEXT[1:] + ".")
    _drop_running_lines(pages)
    body = _body_size(pages)
    outline = _outline(pdf, len(pages))
    if outline:
        builders = _by_outline(pages, outline, body)
    else:
        builders = _by_headings(pages, body) or _by_page(pages, body)
    title, author = _metadata(pdf)
    document = assemble(builders, title=title or file.title_hint, source_format=PdfLoader.name)
    document.author = author
    return document


def _page_lines(pdf: Any, index: int) -> _Page:
    import pypdfium2.raw as pdfium_c

    page = pdf[index]
    try:
        width, height = page.get_size()
        result = _Page(index + 1, width, height)
        text_page = page.get_textpage()
        try:
            fragments: list[_Line] = []
            for number in range(text_page.count_rects()):
                x0, y0, x1, y1 = text_page.get_rect(number)
                text = text_page.get_text_bounded(x0, y0, x1, y1)
                text = " ".join(text.translate(_LIGATURES).split())
                if not text:
                    continue
                char = text_page.get_index((x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0)
                size = pdfium_c.FPDFText_GetFontSize(text_page, char) if char >= 0 else 0.0
                fragments.append(_Line(x0, y0, x1, y1, size or (y1 - y0), text))
        finally:
            text_page.close()
    finally:
        page.close()
    result.lines = _order(_merge_fragments(fragments), width)
    return result


def _merge_fragments(fragments: list[_Line]) -> list[_Line]:
    """Pieces of one line (a word in italics is a piece of its own) made one line."""
    lines: list[_Line] = []
    for piece in fragments:
        last = lines[-1] if lines else None
        if (last is not None and abs(last.y0 - piece.y0) < 0.5 * max(last.y1 - last.y0, 1)
                and 0 <= piece.x0 - last.x1 < 2 * max(last.size, 1)):
            last.text = f"{last.text} {piece.text}"
            last.x1, last.y1 = piece.x1, max(last.y1, piece.y1)
            last.size = max(last.size, piece.size)
        else:
            lines.append(piece)
    return lines


def _order(lines: list[_Line], width: float) -> list[_Line]:
    """Reading order: a two-column page is read column by column, band by band (lines
    across the gutter, such as titles, separate the bands)."""
    middle = width / 2
    left = [line for line in lines if line.x1 <= middle]
    right = [line for line in lines if line.x0 >= middle]
    if len(left) < 3 or len(right) < 3:
        return lines
    ordered: list[_Line] = []
    band: list[_Line] = []
    for line in sorted(lines, key=lambda item: -item.y1):
        if line.x0 < middle < line.x1:
            ordered.extend(_columns(band, middle))
            band = []
            ordered.append(line)
        else:
            band.append(line)
    ordered.extend(_columns(band, middle))
    return ordered


def _columns(band: list[_Line], middle: float) -> list[_Line]:
    return [line for line in band if line.x1 <= middle] + [
        line for line in band if line.x1 > middle]


def _drop_running_lines(pages: list[_Page]) -> None:
    """Leave out page numbers, and lines repeated in the same place on many pages."""
    def key(line: _Line) -> tuple[str, int]:
        return _DIGITS.sub("#", line.text.casefold()), round(line.y0 / 6)

    def in_margin(line: _Line, page: _Page) -> bool:
        return line.y0 > page.height * (1 - MARGIN_SHARE) or line.y1 < page.height * MARGIN_SHARE

    def running(line: _Line, page: _Page) -> bool:
        # A title in larger type at the top of a page starts a chapter; it does not run.
        return in_margin(line, page) and line.size < body * HEADING_RATIO

    body = _body_size(pages)
    counts = Counter(key(line) for page in pages for line in page.lines if running(line, page))
    repeated = max(3, len(pages) // 4) if len(pages) >= 3 else len(pages) + 1
    for page in pages:
        page.lines = [
            line for line in page.lines
            if not (running(line, page)
                    and (counts[key(line)] >= repeated or _PAGE_NUMBER.fullmatch(line.text)))
        ]


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


@dataclass
class _Paragraph:
    kind: ParagraphKind
    text: str
    size: float


def _paragraphs(page: _Page, body: float) -> list[_Paragraph]:
    """The page's lines joined into paragraphs; lines in larger type are headings."""
    # Imported here, as the PDF parser is: the loader module is imported to recognise any
    # file, a Markdown file at start-up too (statistics brings fractions and decimal).
    from statistics import median

    out: list[_Paragraph] = []
    body_lines = [line for line in page.lines if abs(line.size - body) < 0.5]
    gaps = [a.y0 - b.y1 for a, b in itertools.pairwise(body_lines)
            if 0 < a.y0 - b.y1 < 2 * body]
    usual_gap = median(gaps) if gaps else body * 0.3
    # A gap clearly wider than between the lines of a paragraph starts a new one.
    paragraph_gap = max(body * 0.5, min(usual_gap * 1.6, body * 0.9))
    width = max((line.x1 - line.x0 for line in page.lines), default=0.0)
    previous: _Line | None = None
    for line in page.lines:
        heading = line.size >= body * HEADING_RATIO and len(line.text) < 150
        kind = ParagraphKind.HEADING if heading else ParagraphKind.TEXT
        starts_new = (
            previous is None or not out or out[-1].kind is not kind
            or abs(line.size - previous.size) > 0.15 * body
            or previous.y0 - line.y1 > paragraph_gap
            or line.y1 > previous.y1 + body  # the next column
            # A short line ending a sentence ends its paragraph (books without gaps).
            or (previous.text.endswith((".", "!", "?", ":", "”", '"'))
                and previous.x1 - previous.x0 < width * 0.7)
        )
        if starts_new:
            out.append(_Paragraph(kind, line.text, line.size))
        else:
            out[-1].text = _join(out[-1].text, line.text)
        previous = line
    return out


def _join(before: str, after: str) -> str:
    """Two lines of one paragraph: a word hyphenated across the break is joined again."""
    if (before.endswith("-") and len(before) > 1 and before[-2].isalpha()
            and after[:1].islower()):
        return before[:-1] + after
    return f"{before} {after}"


def _outline(pdf: Any, page_count: int) -> list[tuple[int, str, int]]:
    """(level, title, page index) of each bookmark with a page, in outline order."""
    from alsreader.document.decode import one_line

    entries: list[tuple[int, str, int]] = []
    for bookmark in pdf.get_toc(max_depth=MAX_OUTLINE_DEPTH):
        if len(entries) >= MAX_BOOKMARKS:
            break
        dest = bookmark.get_dest()
        index = dest.get_index() if dest is not None else None
        if index is None or not 0 <= index < page_count:
            continue
        entries.append((bookmark.level + 1, one_line(bookmark.get_title() or ""), index))
    # Bookmarks out of page order would read the book out of order: keep those in order.
    ordered: list[tuple[int, str, int]] = []
    for entry in entries:
        if not ordered or entry[2] >= ordered[-1][2]:
            ordered.append(entry)
    return ordered


def _new_builder(title: str, level: int, *, has_heading: bool) -> SectionBuilder:
    from alsreader.document.builder import SectionBuilder

    return SectionBuilder(title, level, has_heading=has_heading)


def _add(builder: SectionBuilder, page: int, paragraph: _Paragraph) -> None:
    builder.mark_page(page)
    builder.add(paragraph.kind, paragraph.text)


def _by_outline(pages: list[_Page], outline: list[tuple[int, str, int]],
                body: float) -> list[SectionBuilder]:
    """A section per bookmark, from the top of its page (or its heading on that page)."""
    starts: dict[int, list[tuple[int, str]]] = {}
    for level, title, index in outline:
        starts.setdefault(index, []).append((level, title))
    builders = [_new_builder("", 1, has_heading=False)]
    for page in pages:
        paragraphs = _paragraphs(page, body)
        for level, title in starts.get(page.number - 1, []):
            builders.append(_new_builder(title or f"Page {page.number}", level,
                                         has_heading=True))
        for paragraph in paragraphs:
            _add(builders[-1], page.number, paragraph)
    return builders


def _by_headings(pages: list[_Page], body: float) -> list[SectionBuilder]:
    """Sections from lines in larger type (the largest are level 1); [] if there are none."""
    found = [(page, _paragraphs(page, body)) for page in pages]
    sizes = sorted({round(p.size) for _, paragraphs in found for p in paragraphs
                    if p.kind is ParagraphKind.HEADING}, reverse=True)
    if not sizes:
        return []
    levels = {size: min(index + 1, 6) for index, size in enumerate(sizes)}
    builders = [_new_builder("", 0, has_heading=False)]
    for page, paragraphs in found:
        for paragraph in paragraphs:
            if paragraph.kind is ParagraphKind.HEADING:
                builders.append(_new_builder(paragraph.text, levels[round(paragraph.size)],
                                             has_heading=True))
            _add(builders[-1], page.number, paragraph)
    return builders


def _by_page(pages: list[_Page], body: float) -> list[SectionBuilder]:
    """One section per page, titled with its number."""
    builders = []
    for page in pages:
        builder = _new_builder(f"Page {page.number}", 1, has_heading=True)
        for paragraph in _paragraphs(page, body):
            _add(builder, page.number, paragraph)
        builders.append(builder)
    return builders
