"""HTML to a Document, with the standard library's forgiving ``html.parser``.

Headings h1-h6 make sections. Scripts, styles, navigation, page headers and footers are
dropped (a page header inside an article is kept: it usually holds the article's title).
Entities are decoded; block elements (p, div, li, tr, ...) make paragraphs; ``pre`` is
kept visible as code and not spoken; images read as their alt text. Note references
(``epub:type="noteref"``, ``role="doc-noteref"``) are left out so they do not break a
sentence, and the notes themselves (footnotes, endnotes) are set apart, to be read after
the text rather than in the middle of it.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from alsreader.document.builder import SectionBuilder, assemble, collapse_spaces
from alsreader.document.model import Document, ParagraphKind
from alsreader.document.segment import segmentation_language

_DROPPED = frozenset(
    {"script", "style", "nav", "header", "footer", "noscript", "template", "head", "svg",
     "iframe", "object", "select", "button"}
)
_BLOCKS = frozenset(
    {"p", "div", "section", "article", "main", "aside", "blockquote", "pre", "ul", "ol",
     "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "figure",
     "figcaption", "hr", "address", "details", "summary", "form", "fieldset", "legend",
     "caption", "body", "html", "center", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)
_NOTE_TYPES = frozenset(
    {"footnote", "footnotes", "endnote", "endnotes", "rearnote", "rearnotes", "note",
     "doc-footnote", "doc-endnote", "doc-endnotes"}
)
"""epub:type and ARIA role values of notes (read after the text, not in its middle)."""
NOTES_TITLE = "Notes"


@dataclass
class Block:
    """One paragraph found in the page: its kind, its text and, for headings, the level."""

    kind: ParagraphKind
    text: str
    level: int = 0
    anchors: tuple[str, ...] = ()
    """Element ids that begin in or just before this block (where links into it land)."""


@dataclass
class Page:
    """What an HTML page holds: its blocks in order, its notes apart, title and language."""

    blocks: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    title: str = ""
    language: str = ""
    """The page's ``lang`` (or ``xml:lang``) attribute, "" when it has none."""


class _Extractor(HTMLParser):
    """Collects the page's readable blocks in order, and its <title>."""

    def __init__(self, keep: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self._drop = _DROPPED - keep
        self.blocks: list[Block] = []
        self.notes: list[Block] = []
        self.title = ""
        self.language = ""
        self._anchors: list[str] = []
        self._note_tag = ""
        """The element holding the notes being read ("" outside notes)."""
        self._note_depth = 0
        self._buffer: list[str] = []
        self._dropped: list[str] = []
        self._in_title = False
        self._title_parts: list[str] = []
        self._heading = 0
        self._pre = 0
        self._quote = 0
        self._list_item = 0
        self._cells: list[str] | None = None
        self._in_cell = False
        self._content_depth = 0
        """How many article/main elements are open (their headers are kept)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self.title:
            # The page title sits in <head>, which is otherwise dropped.
            self._in_title = True
            return
        if self._dropped:
            if tag == self._dropped[-1] or (tag in self._drop and tag not in _VOID):
                self._dropped.append(tag)
            return
        if tag in self._drop and not (tag == "header" and self._content_depth):
            self._dropped.append(tag)
            return
        if attrs:
            named = dict(attrs)
            if tag == "html" and not self.language:
                self.language = named.get("lang") or named.get("xml:lang") or ""
            kinds = set((named.get("epub:type") or "").split())
            kinds.update((named.get("role") or "").split())
            if "noteref" in kinds or "doc-noteref" in kinds:
                # "the sea¹ was" reads "the sea was"; the note is read after the text.
                self._dropped.append(tag)
                return
            anchor = named.get("id")
            if anchor:
                self._anchors.append(anchor)
            if kinds & _NOTE_TYPES and not self._note_tag and tag not in _VOID:
                self._flush()
                self._note_tag = tag
                self._note_depth = 0
            elif tag == self._note_tag:
                self._note_depth += 1
        elif tag == self._note_tag:
            self._note_depth += 1
        if tag in ("article", "main"):
            self._content_depth += 1
        if tag == "br":
            self._buffer.append("\n" if self._pre else " ")
            return
        if tag == "img":
            alt = dict(attrs).get("alt") or ""
            if alt.strip():
                self._buffer.append(f" {alt} ")
            return
        if tag in ("td", "th"):
            self._end_cell()
            self._in_cell = True
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "tr":
            self._cells = []
        elif tag in _HEADINGS:
            self._heading = _HEADINGS[tag]
        elif tag == "pre":
            self._pre += 1
        elif tag == "blockquote":
            self._quote += 1
        elif tag in ("ul", "ol", "dl"):
            # Counted by list, not by item: <li> is often left unclosed.
            self._list_item += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.handle_starttag(tag, attrs)
            return
        # A self-closed non-void element (<div/>) opens and closes nothing, but an XHTML
        # anchor (<a id="ch2"/>) still marks where a link lands.
        anchor = dict(attrs).get("id") if attrs and not self._dropped else None
        if anchor:
            self._anchors.append(anchor)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = collapse_spaces("".join(self._title_parts))
            return
        if self._dropped:
            if tag in self._dropped:
                # Close up to the matching element, forgiving unclosed ones inside it.
                while self._dropped and self._dropped.pop() != tag:
                    pass
            return
        if tag == self._note_tag:
            if self._note_depth:
                self._note_depth -= 1
            else:
                self._flush()
                self._note_tag = ""
        if tag in ("td", "th"):
            self._end_cell()
            return
        if tag in ("article", "main") and self._content_depth:
            self._content_depth -= 1
        if tag in _BLOCKS:
            self._flush()
        if tag == "tr":
            self._end_cell()
            if self._cells is not None:
                self._emit(Block(ParagraphKind.TABLE, ", ".join(self._cells)))
            self._cells = None
        elif tag in _HEADINGS:
            self._heading = 0
        elif tag == "pre" and self._pre:
            self._pre -= 1
        elif tag == "blockquote" and self._quote:
            self._quote -= 1
        elif tag in ("ul", "ol", "dl") and self._list_item:
            self._list_item -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self._dropped:
            return
        self._buffer.append(data)

    def _end_cell(self) -> None:
        if self._in_cell:
            text = collapse_spaces("".join(self._buffer))
            self._buffer.clear()
            if self._cells is None:
                self._cells = []
            if text:
                self._cells.append(text)
            self._in_cell = False

    def _flush(self) -> None:
        if self._in_cell:
            return
        raw = "".join(self._buffer)
        self._buffer.clear()
        if self._pre:
            if raw.strip():
                self._emit(Block(ParagraphKind.CODE, raw))
            return
        text = collapse_spaces(raw)
        if not text:
            return
        if self._heading:
            self._emit(Block(ParagraphKind.HEADING, text, self._heading))
        elif self._list_item:
            self._emit(Block(ParagraphKind.LIST_ITEM, text))
        elif self._quote:
            self._emit(Block(ParagraphKind.QUOTE, text))
        else:
            self._emit(Block(ParagraphKind.TEXT, text))

    def _emit(self, block: Block) -> None:
        if self._anchors:
            block.anchors = tuple(self._anchors)
            self._anchors.clear()
        (self.notes if self._note_tag else self.blocks).append(block)

    def finish(self) -> None:
        """Flush whatever text is left at the end of the input."""
        self.close()
        self._end_cell()
        if self._cells:
            self._emit(Block(ParagraphKind.TABLE, ", ".join(self._cells)))
            self._cells = None
        self._flush()


def _extract(html: str, keep: frozenset[str] = frozenset()) -> _Extractor:
    extractor = _Extractor(keep)
    extractor.feed(html)
    extractor.finish()
    return extractor


def html_fragment_blocks(html: str) -> list[Block]:
    """The readable blocks of an HTML fragment (raw HTML inside Markdown)."""
    page = read_page(html)
    return page.blocks + page.notes


BOOK_PARTS = frozenset({"header", "footer", "nav"})
"""Kept in a book's chapters, where they hold chapter titles and contents, not site menus."""


def read_page(html: str, *, keep: frozenset[str] = frozenset()) -> Page:
    """The blocks, notes, title and language of an HTML page (decoded and cleaned).

    ``keep`` names elements that are read although a web page's would be dropped
    (:data:`BOOK_PARTS` for a book's chapters).
    """
    extractor = _extract(html, keep)
    return Page(extractor.blocks, extractor.notes, extractor.title, extractor.language)


def parse_html(text: str, *, title_hint: str = "", language: str = "") -> Document:
    """A Document from HTML text (already decoded and cleaned). Sentences are split by
    ``language``, else by the page's own ``lang``, else as English."""
    page = read_page(text)
    language = segmentation_language(language or page.language)
    builders = [SectionBuilder(title="", level=0, language=language)]
    top_headings = []
    for block in page.blocks:
        if block.kind is ParagraphKind.HEADING:
            if block.level == 1:
                top_headings.append(block.text)
            builders.append(
                SectionBuilder(block.text, block.level, has_heading=True, language=language)
            )
        add_block(builders[-1], block)
    if page.notes:
        builders.append(SectionBuilder(NOTES_TITLE, 1, has_heading=True, language=language))
        for block in page.notes:
            add_block(builders[-1], block)
    single_h1 = top_headings[0] if len(top_headings) == 1 else ""
    title = page.title or single_h1 or title_hint or next(iter(top_headings), "")
    document = assemble(builders, title=title, source_format="html")
    document.language = page.language
    return document


def add_block(builder: SectionBuilder, block: Block) -> None:
    """Add one block of a page to a section (code is shown, not spoken)."""
    builder.add(block.kind, block.text, spoken=block.kind is not ParagraphKind.CODE)


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_H1_TAG = re.compile(r"<h1[^>]*>(.*?)</h1", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def html_title(head: str) -> str:
    """The title of an HTML file from its first few kilobytes: <title>, else the first <h1>."""
    for pattern in (_TITLE_TAG, _H1_TAG):
        match = pattern.search(head)
        if match:
            title = collapse_spaces(html_module.unescape(_TAG.sub(" ", match.group(1))))
            if title:
                return title
    return ""
