"""PDF documents through pypdfium2 (PDFium, the engine of Chrome's PDF viewer).

The text layer of each page is read as lines with their place and type size. Lines are
joined into paragraphs (words hyphenated across a line end joined again, ligatures
made plain letters), a paragraph running on over a page break too; running headers,
footers and page numbers, the lines that repeat in the same place across pages, are left
out; a page set in two columns is read column
by column. The outline (bookmarks) makes the section tree; a PDF without one gets its
sections from headings in larger type, else one section per page. Every paragraph
remembers its page, for the status line, and the book's own page names (page labels:
"xii" in a preface) are kept in ``Document.page_labels`` The language is told from the text
(a PDF seldom names it), so sentences are split by its rules and its voice reads them.

A book with an outline is read a chapter at a time (see :mod:`.pending`): opening it
reads the outline, the pages before the first bookmark, and pages spread through the book
to find its body type and running lines; each chapter's pages are read when first needed.

PDFium is not safe to use from two threads at once, so every use holds one lock. The
import happens when a PDF is opened, not when this module is.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from alsreader.document.files import DocumentFile
from alsreader.document.model import Document, DocumentError, ParagraphKind, Section
from alsreader.document.registry import DocumentLoader, ListingDetails

if TYPE_CHECKING:
    from alsreader.document.builder import SectionBuilder

MAX_PAGES = 5_000
"""A PDF with more pages is refused (a 1,000-page book is read; 10,000 pages is not a book)."""
MAX_BOOKMARKS = 5_000
"""Outline entries beyond this are ignored (a looping or runaway outline)."""
MAX_OUTLINE_DEPTH = 8
MAX_LABEL = 24
"""A page's own name longer than this is cut short (labels are "xii" or "A-3")."""
MARGIN_SHARE = 0.12
"""Running headers and footers sit in the top and bottom eighth of a page."""
HEADING_RATIO = 1.2
"""Type this much larger than the body text is a heading."""
NO_TEXT = "this PDF holds only images of pages; it has no text to read"
SAMPLE_PAGES = 24
"""How many pages, spread through a long book, show its body type and running lines."""
FRONT_PAGES = 30
"""Pages before the first bookmark up to this many are read when the book opens (their
first words name their section); more are read when needed, as "Pages 1–N"."""
CONTENTS_ENTRIES = 3
"""Dot-leader entries from which the pages before the first bookmark may be contents."""
CHARACTERS_PER_SENTENCE = 90
"""For the estimated length of chapters not read yet (the share read, the time left)."""

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
        """The book's sections: with an outline, each bookmarked chapter's pages are read
        when first needed (see :mod:`.pending`); without one, every page now."""
        pdf = _open(file)
        try:
            with _LOCK:
                document = _read(pdf, file)
        except BaseException:
            _close(pdf)
            raise
        if not document.sections or all(section.loaded for section in document.sections):
            _close(pdf)
        return document

    def library_details(self, file: DocumentFile) -> ListingDetails:
        """Title and author from the document information."""
        with _opened(file) as pdf:
            title, author = _metadata(pdf)
            return ListingDetails(title, author)


@contextmanager
def _opened(file: DocumentFile) -> Iterator[Any]:
    pdf = _open(file)
    try:
        with _LOCK:
            yield pdf
    finally:
        _close(pdf)


def _close(pdf: Any) -> None:
    with _LOCK:
        pdf.close()


def _open(file: DocumentFile) -> Any:
    """The PDF, opened (refused plainly when protected, damaged or far too long)."""
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
        pages = len(pdf)
        if pages > MAX_PAGES:
            pdf.close()
            raise DocumentError(
                f"This PDF has {pages} pages, more than alsreader reads ({MAX_PAGES})."
            )
        return pdf


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

    count = len(pdf)
    outline = _outline(pdf, count)
    title, author = _metadata(pdf)
    title = title or file.title_hint
    if outline:
        document = _by_chapters(pdf, count, outline, title)
    else:
        # Sections found from type sizes need every page: read them all now.
        pages = [_page_lines(pdf, index) for index in range(count)]
        _refuse_without_text(pages)
        running = _RunningLines(pages)
        running.drop(pages)
        language = _language_of(pages)
        builders = (_by_headings(pages, running.text_size, language)
                    or _by_page(pages, running.text_size, language))
        document = assemble(builders, title=title, source_format=PdfLoader.name)
        document.language = language
    document.author = author
    document.page_labels = _page_labels(pdf, count)
    return document


def _page_labels(pdf: Any, count: int) -> dict[int, str]:
    """The PDF's own names of its pages ("xii", "A-3") where they are not the number."""
    from alsreader.document.decode import one_line

    labels: dict[int, str] = {}
    for index in range(count):
        label = one_line(pdf.get_page_label(index) or "")[:MAX_LABEL]
        if label and label != str(index + 1):
            labels[index + 1] = label
    return labels


def _refuse_without_text(pages: list[_Page]) -> None:
    if not any(page.lines for page in pages):
        raise DocumentError(NO_TEXT[:1].upper() + NO_TEXT[1:] + ".")


def _sample(count: int) -> list[int]:
    """Pages spread through the book, to find its body type and running lines."""
    if count <= SAMPLE_PAGES:
        return list(range(count))
    step = count / SAMPLE_PAGES
    return sorted({int(number * step + step / 2) for number in range(SAMPLE_PAGES)})


def _by_chapters(pdf: Any, count: int, outline: list[_Bookmark], title: str) -> Document:
    """A section per bookmark, each read from its pages when first needed: from where
    the bookmark points (the top of its page if it does not say) to where the next one
    does, so that several sections starting on one page each get their own text.

    The body type and the running lines are found from pages spread through the book;
    the pages before the first bookmark (a title page, the contents) are read at once.
    """
    from alsreader.document.builder import SectionBuilder, nest, title_from_words
    from alsreader.document.pending import PendingBook, PendingSection
    from alsreader.document.segment import segmentation_language

    sampled = {index: _page_lines(pdf, index) for index in _sample(count)}
    if not any(page.lines for page in sampled.values()):
        # Text on a few pages only (the sample missed them), or none at all.
        sampled = {index: _page_lines(pdf, index) for index in range(count)}
        _refuse_without_text(list(sampled.values()))
    running = _RunningLines(list(sampled.values()))
    language = _language_of(sampled.values())
    splits_by = segmentation_language(language)
    characters = sum(len(line.text) for page in sampled.values() for line in page.lines)
    sentences_per_page = max(characters / len(sampled) / CHARACTERS_PER_SENTENCE, 1.0)

    shared: dict[int, _Page] = {}
    """Pages where one section ends and the next begins, read once for both."""

    def read_pages(first: int, end: int) -> list[_Page]:
        pages = []
        for index in range(first, end):
            page = shared.get(index)
            if page is None:
                page = sampled.pop(index, None) or _page_lines(pdf, index)
                running.drop([page])
                if index in boundaries:
                    shared[index] = page
            pages.append(page)
        return pages

    front_end = outline[0][2]
    chapters: list[_Bookmark] = [
        (0, page_title(1, front_end, language), 0, None)
    ] if front_end > FRONT_PAGES else []
    chapters += [(level, name or page_title(index + 1, language=language), index, top)
                 for level, name, index, top in outline]
    # A page where a section starts part way down is shared with the section before.
    boundaries = {index for _, _, index, top in chapters[1:] if top is not None}
    sections: list[Section] = []
    if 0 < front_end <= FRONT_PAGES:
        builder = _new_builder("", 1, language, has_heading=False)
        heading = ""
        front: list[_Paragraph] = []
        for number, paragraph in _flowing(read_pages(0, front_end), running.text_size):
            if not heading and paragraph.kind is ParagraphKind.HEADING:
                heading = paragraph.text
            front.append(paragraph)
            _add(builder, number, paragraph)
        if not builder.is_empty:
            # Named by its heading ("Contents"), else its first words: not by the first
            # line under the heading ("Introduction ........ 2").
            builder.title = title_from_words(heading or builder.first_text())
            builder.has_heading = bool(heading)
            builder.linear = not _mostly_contents(front)
            sections.append(builder.build())
    book = PendingBook(release=lambda: _close(pdf))
    slack = running.text_size / 2
    for number, (level, name, first, top) in enumerate(chapters):
        after, after_top = ((chapters[number + 1][2], chapters[number + 1][3])
                            if number + 1 < len(chapters) else (count, None))
        end = after + 1 if after_top is not None else after
        if number == 0:
            top = None  # the first section starts at the top of its page
        section = PendingSection(name, max(level, 1),
                                 estimate=round(max(end - first, 1) * sentences_per_page))

        def read(name: str = name, level: int = level, first: int = first, end: int = end,
                 top: float | None = top, after: int = after,
                 after_top: float | None = after_top) -> list[Section]:
            builder = SectionBuilder(name, max(level, 1), has_heading=True,
                                     language=splits_by)
            with _LOCK:
                pages = read_pages(first, end)
            parts = [
                _Page(page.number, page.width, page.height, [
                    line for line in page.lines
                    if (page.number - 1 > first or top is None or line.y1 <= top + slack)
                    and (page.number - 1 < after or after_top is None
                         or line.y1 > after_top + slack)
                ])
                for page in pages
            ]
            for number, paragraph in _flowing(parts, running.text_size):
                _add(builder, number, paragraph)
            return [builder.build()]

        book.part(read, [section])
        sections.append(section)
    document = Document(title=title or sections[0].title, tree=nest(sections),
                        source_format=PdfLoader.name)
    document.language = language
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


class _RunningLines:
    """Page numbers and the lines repeated in the same place on many pages (running
    headers and footers), found on ``reference`` pages (the whole book, or pages spread
    through it) and left out of any page."""

    def __init__(self, reference: list[_Page]) -> None:
        self.body = _body_size(reference)
        self._counts = Counter(self._key(line) for page in reference for line in page.lines
                               if self._running(line, page))
        # Two pages with the same line in the same margin place (a letter, a short paper)
        # have a running header too; a single page has none.
        self._repeated = (max(3, len(reference) // 4) if len(reference) >= 3
                          else 2 if len(reference) == 2 else 3)
        sizes: Counter[float] = Counter()
        for page in reference:
            for line in page.lines:
                if not self._dropped(line, page):
                    sizes[round(line.size, 1)] += len(line.text)
        self.text_size = sizes.most_common(1)[0][0] if sizes else self.body
        """The body type of what is read (the running lines left out)."""

    @staticmethod
    def _key(line: _Line) -> tuple[str, int]:
        return _DIGITS.sub("#", line.text.casefold()), round(line.y0 / 6)

    def _running(self, line: _Line, page: _Page) -> bool:
        # A title in larger type at the top of a page starts a chapter; it does not run.
        in_margin = (line.y0 > page.height * (1 - MARGIN_SHARE)
                     or line.y1 < page.height * MARGIN_SHARE)
        return in_margin and line.size < self.body * HEADING_RATIO

    def _dropped(self, line: _Line, page: _Page) -> bool:
        return self._running(line, page) and (
            self._counts[self._key(line)] >= self._repeated
            or _PAGE_NUMBER.fullmatch(line.text) is not None)

    def drop(self, pages: list[_Page]) -> None:
        """Leave the running lines out of ``pages``."""
        for page in pages:
            page.lines = [line for line in page.lines if not self._dropped(line, page)]


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
            # The next column: a paragraph running on from the foot of the last goes on.
            or (line.y1 > previous.y1 + body and not _continues(previous.text, line.text))
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


_SENTENCE_END = (".", "!", "?", ":", ";", "”", '"', "’", "»", ")", "]")


def _flowing(pages: list[_Page], body: float) -> Iterator[tuple[int, _Paragraph]]:
    """Each page's paragraphs with their page number, in reading order, a paragraph that
    runs on over a page break joined into one (it keeps the page it starts on): a sentence
    cut by the break would be read as two, and a word hyphenated across it as two halves."""
    held: tuple[int, _Paragraph] | None = None
    for page in pages:
        paragraphs = _paragraphs(page, body)
        if held is not None and paragraphs and _runs_on(held[1], paragraphs[0]):
            held[1].text = _join(held[1].text, paragraphs.pop(0).text)
            if not paragraphs:
                continue  # the whole page continues it: it may run on again
        if held is not None and paragraphs:
            yield held
            held = None
        if paragraphs:
            yield from ((page.number, paragraph) for paragraph in paragraphs[:-1])
            held = (page.number, paragraphs[-1])
    if held is not None:
        yield held


def _runs_on(before: _Paragraph, after: _Paragraph) -> bool:
    """Whether ``after`` (first on its page) continues ``before`` (last on the page
    before): body text in the same type on both sides (see :func:`_continues`)."""
    if (before.kind is not ParagraphKind.TEXT or after.kind is not ParagraphKind.TEXT
            or abs(before.size - after.size) > 0.5):
        return False
    return _continues(before.text, after.text)


def _continues(before: str, after: str) -> bool:
    """Whether text ``after`` (at the top of a page or column) goes on with ``before`` (at
    the foot of the one before): ``before`` stops mid-sentence and ``after`` goes on in
    lower case, or ``before`` stops on a comma or a hyphen."""
    end = before.rstrip()
    if not end or end.endswith(_SENTENCE_END):
        return False
    return after[:1].islower() or end.endswith((",", "-"))


def _join(before: str, after: str) -> str:
    """Two lines of one paragraph: a word hyphenated across the break is joined again."""
    if (before.endswith("-") and len(before) > 1 and before[-2].isalpha()
            and after[:1].islower()):
        return before[:-1] + after
    return f"{before} {after}"


_Bookmark = tuple[int, str, int, "float | None"]
"""(level, title, page index, the top of where it points on its page or None)."""


def _outline(pdf: Any, page_count: int) -> list[_Bookmark]:
    """Each bookmark with a page, in outline order."""
    from alsreader.document.decode import one_line

    entries: list[_Bookmark] = []
    for bookmark in pdf.get_toc(max_depth=MAX_OUTLINE_DEPTH):
        if len(entries) >= MAX_BOOKMARKS:
            break
        dest = bookmark.get_dest()
        index = dest.get_index() if dest is not None else None
        if index is None or not 0 <= index < page_count:
            continue
        entries.append((bookmark.level + 1, one_line(bookmark.get_title() or ""), index,
                        _top(dest)))
    # Bookmarks out of page order would read the book out of order: keep those in order.
    ordered: list[_Bookmark] = []
    for entry in entries:
        if not ordered or entry[2] >= ordered[-1][2]:
            ordered.append(entry)
    return ordered


def _top(dest: Any) -> float | None:
    """How high on its page a bookmark points (PDF points, y up), when it says."""
    mode, place = dest.get_view()
    # PDFDEST_VIEW_XYZ (left, top, zoom); FITH and FITBH (top); FITR (left, bottom, right, top).
    where = {1: 1, 3: 0, 7: 0, 5: 3}.get(mode)
    if where is None or len(place) <= where or place[where] <= 0:
        return None
    return float(place[where])


def _mostly_contents(paragraphs: list[_Paragraph]) -> bool:
    """Whether the pages before the first bookmark are mostly a table of contents (most
    of their text in entries with dot leaders to a page number, "Methods ...... 3"): then
    they are passed over when reading on, as a book's contents page is, and a title page
    with them; a preface before the contents is read."""
    from alsreader.document.pronounce import DOT_LEADER

    text = [paragraph.text for paragraph in paragraphs if paragraph.kind is ParagraphKind.TEXT]
    leaders = sum(len(DOT_LEADER.findall(part)) for part in text)
    entries = sum(len(part) for part in text if DOT_LEADER.search(part))
    return leaders >= CONTENTS_ENTRIES and entries * 2 >= sum(len(part) for part in text)


def _language_of(pages: Iterable[_Page]) -> str:
    """The language of the text on ``pages`` (a PDF seldom says its own), "" when unsure:
    sentences are split by its rules and the voice of that language reads them."""
    from alsreader.document.language import detect_language

    return detect_language("\n".join(line.text for page in pages for line in page.lines))


_PAGE_WORDS = {
    "fr": ("Page {}", "Pages {}–{}"), "de": ("Seite {}", "Seiten {}–{}"),
    "es": ("Página {}", "Páginas {}–{}"), "pt": ("Página {}", "Páginas {}–{}"),
    "it": ("Pagina {}", "Pagine {}–{}"), "nl": ("Pagina {}", "Pagina's {}–{}"),
    "sv": ("Sida {}", "Sidor {}–{}"), "da": ("Side {}", "Sider {}–{}"),
    "nb": ("Side {}", "Sider {}–{}"), "no": ("Side {}", "Sider {}–{}"),
    "pl": ("Strona {}", "Strony {}–{}"), "ru": ("Страница {}", "Страницы {}–{}"),
    "zh": ("第{}页", "第{}–{}页"), "ja": ("{}ページ", "{}–{}ページ"),
}
"""How a section named by its page says so, in the book's language (it is spoken in that
language's voice)."""


def page_title(first: int, last: int | None = None, language: str = "") -> str:
    """"Page 4" or "Pages 1–3" in ``language`` (English when it is not listed)."""
    one, several = _PAGE_WORDS.get(language.split("-")[0].lower(), ("Page {}", "Pages {}–{}"))
    if last is None or last == first:
        return one.format(first)
    return several.format(first, last)


def _new_builder(title: str, level: int, language: str, *, has_heading: bool
                 ) -> SectionBuilder:
    from alsreader.document.builder import SectionBuilder
    from alsreader.document.segment import segmentation_language

    return SectionBuilder(title, level, has_heading=has_heading,
                          language=segmentation_language(language))


def _add(builder: SectionBuilder, page: int, paragraph: _Paragraph) -> None:
    builder.mark_page(page)
    builder.add(paragraph.kind, paragraph.text)


def _by_headings(pages: list[_Page], body: float, language: str) -> list[SectionBuilder]:
    """Sections from lines in larger type (the largest are level 1); [] if there are none."""
    found = list(_flowing(pages, body))
    sizes = sorted({round(p.size) for _, p in found if p.kind is ParagraphKind.HEADING},
                   reverse=True)
    if not sizes:
        return []
    levels = {size: min(index + 1, 6) for index, size in enumerate(sizes)}
    builders = [_new_builder("", 0, language, has_heading=False)]
    for number, paragraph in found:
        if paragraph.kind is ParagraphKind.HEADING:
            builders.append(_new_builder(paragraph.text, levels[round(paragraph.size)],
                                         language, has_heading=True))
        _add(builders[-1], number, paragraph)
    return builders


def _by_page(pages: list[_Page], body: float, language: str) -> list[SectionBuilder]:
    """One section per page, titled with its number (a paragraph running on over a page
    break is read whole in the section of the page it starts on)."""
    builders = {page.number: _new_builder(page_title(page.number, language=language), 1,
                                          language, has_heading=True)
                for page in pages}
    for number, paragraph in _flowing(pages, body):
        _add(builders[number], number, paragraph)
    return list(builders.values())
