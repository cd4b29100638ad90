"""HTML to a Document, with the standard library's forgiving ``html.parser``.

Headings h1-h6 make sections. Scripts, styles, navigation, page headers and footers are
dropped (a page header inside an article is kept: it usually holds the article's title).
Entities are decoded; block elements (p, div, li, tr, ...) make paragraphs; ``pre`` holding
code is kept visible and not spoken, ``pre`` holding prose (an RFC saved as HTML) is read;
images read as their alt text, except in a figure with a caption (the caption is read), when
a caption just after repeats it, or when it is only a file name. A table used for layout (a
heading or paragraph in a cell) reads as the blocks it holds, a data table row by row, each
cell after its column's name when the first row is of header cells ("API: Cats. Auth:
none."). Heading anchors ("¶", "#") and encyclopedia "[edit]" links are left out.

A whole web page (:func:`parse_html`) is first narrowed to its article by a main-content
extractor (Readability's scoring from readability-lxml, kept in ``alsreader._vendor``), so
menus, cookie notices and sign-in boxes are not read; our own parser reads the article it
returns, and the whole page when it finds too little.
Books' chapters (:func:`read_page`) never go through the extractor: a chapter is all content.

Note references (``epub:type="noteref"``, ``role="doc-noteref"``) are left out so they do
not break a sentence, and the notes themselves (footnotes, endnotes) are set apart, to be
read after the text rather than in the middle of it.
"""

from __future__ import annotations

import html as html_module
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from alsreader.document.builder import SectionBuilder, assemble, collapse_spaces, table_row_text
from alsreader.document.language import language_tag
from alsreader.document.model import Document, ParagraphKind
from alsreader.document.pronounce import DOT_LEADER
from alsreader.document.segment import segmentation_language

_DROPPED = frozenset(
    {"script", "style", "nav", "header", "footer", "noscript", "template", "head", "svg",
     "iframe", "object", "select", "button", "annotation"}
)
"""Never read (``annotation``: the TeX source beside a formula's MathML)."""
RUBY_TEXT = frozenset({"rt", "rp"})
"""A ruby's reading (furigana over kanji, pinyin over hanzi) and the brackets around it
for browsers without ruby: they say again what the base text says, so only the base is
read ("山" with "やま" over it reads once, not "山やま")."""
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
_NOTES_TITLES = {
    "fr": "Notes", "de": "Anmerkungen", "es": "Notas", "it": "Note", "pt": "Notas",
    "nl": "Noten", "sv": "Noter", "da": "Noter", "nb": "Noter", "no": "Noter", "fi": "Huomautukset",
    "pl": "Przypisy", "cs": "Poznámky", "ru": "Примечания", "uk": "Примітки", "el": "Σημειώσεις",
    "tr": "Notlar", "ja": "注", "zh": "注释", "ko": "주", "ar": "ملاحظات", "he": "הערות",
}
"""The heading said before a page's notes, in the page's language (the voice of that
language says it; "Notes" in German would be read as a German word)."""


def notes_title(language: str) -> str:
    """The heading of the notes read after a page or a chapter, in ``language`` (a BCP 47
    tag or a sentencex code); English when the language is not in the list."""
    return _NOTES_TITLES.get(language.split("-")[0].lower(), NOTES_TITLE)
_NOTEREF_CLASS = re.compile(
    r"(?:^|\s)(?:footnote|endnote|noteref|fnref|fnanchor|footnote-?ref\S*)(?:\s|$)",
                            re.IGNORECASE)
"""Classes of a link to a note in books without ``epub:type`` (EPUB 2, converted books)."""
_NOTE_MARK = re.compile(r"\s*[\[(]?\s*(?:\d{1,4}|[ivxlc]{1,6}|[a-z]|[*†‡§¶]{1,3})\s*[\])]?\s*",
                        re.IGNORECASE)
"""What a link to a note says: "1", "[12]", "(iv)", "*", "†"."""
_PAGE_BREAK = frozenset({"pagebreak", "doc-pagebreak"})
"""epub:type and role of a printed page's number set in the text ("went on<span>12</span>
for days"): for finding a page, never read."""
_NOTE_CLASSES = frozenset({"footnotes", "endnotes", "footnote", "endnote"})
"""Classes of the notes themselves in such books."""
_UNSPOKEN_CLASSES = frozenset(
    {"mw-editsection", "editsection", "headerlink", "anchorjs-link", "heading-anchor",
     "header-anchor", "anchor-link", "hash-link", "mwe-math-fallback-image-inline",
     "mwe-math-fallback-image-display"}
)
"""Classes of heading anchors and "[edit]" links (site furniture, never the text), and of
encyclopedia formula images (whose alt text is TeX; the formula's MathML is read)."""
_FILE_NAME_ALT = re.compile(
    r"^(?:\S+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?)|\S*[-_]\S*[-_]\S*)$", re.IGNORECASE
)
"""An image's alt text that is only its file name ("IMG_3886.JPG", "0225-lupita-getty-01"),
which says nothing."""
_WORD = re.compile(r"\w+")
_CAPTION_REPEATS = 0.8
"""The share of an image's alt words a caption next to it must hold to be saying the same."""
_HEADING_FURNITURE = re.compile(
    r"(?:\s*\[\s*(?:edit|edit source|modifier|bearbeiten|editar|modifica)\s*\]"
    r"|\s*[¶🔗]|\s+[#§])+\s*$",
    re.IGNORECASE,
)
"""What sites put after a heading: "[edit]" links and anchors ("¶"; "#" and "§" after a
space, so "C#" keeps its sign)."""
_CODE_CLASS = re.compile(r"code|highlight|lang|source|brush|syntax|console|shell", re.I)
_CODE_SIGNS = re.compile(r"[{}\[\]();=<>$\\|&*_/+`~^]")
_CODE_SHARE = 0.06
"""Code signs per character above which a ``pre`` without other marks is code, not prose."""
_PROSE_MIN_WORDS = 12
"""A ``pre`` with fewer words than this is taken as code (a command, a snippet)."""


@dataclass
class Block:
    """One paragraph found in the page: its kind, its text and, for headings, the level."""

    kind: ParagraphKind
    text: str
    level: int = 0
    anchors: tuple[str, ...] = ()
    """Element ids that begin in or just before this block (where links into it land)."""
    spoken: bool = True
    """False for what is shown but not read: code, and a table's header row (each row is
    read with the column names)."""


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
        self._held: list[str] = []
        """The text a note interrupted (a note inside a paragraph): it goes on after it."""
        self._note_ended = False
        self._backlink = -1
        """Where in the buffer an open link back from a note began (-1: none open)."""
        self._link_start = -1
        """Where in the buffer an open link to an anchor began (-1: none open)."""
        self._link_raised = False
        """Whether that link is set raised (in or around a ``sup``): a note's number."""
        self._raised = 0
        """How many ``sup`` elements are open."""
        self._buffer: list[str] = []
        self._dropped: list[str] = []
        self._in_title = False
        self._title_parts: list[str] = []
        self._heading = 0
        self._pre = 0
        self._pre_code = False
        """Whether the open ``pre`` says it holds code (a <code> inside, a code class)."""
        self._tables: list[bool] = []
        """For each open table, whether it is a layout table (blocks inside its cells)."""
        self._quote = 0
        self._list_item = 0
        self._cells: list[str] | None = None
        self._in_cell = False
        self._header_row = True
        """Whether every cell of the row being read is a header cell (th)."""
        self._columns: list[tuple[list[str], Block | None]] = []
        """For each open data table, its column names and its header row, held until a
        row comes under it (a table of only a header reads its header)."""
        self._content_depth = 0
        """How many article/main elements are open (their headers are kept)."""
        self._figures: list[tuple[int, list[str]]] = []
        """For each open figure, how many blocks there were when it opened and the alt text
        of its images, read only when the figure has no caption or other text of its own."""
        self._alt_only = False
        """Whether the text waiting in the buffer is only images' alt text."""
        self._alt_block: Block | None = None
        """The last block read, when it is only an image's alt text (a caption after it
        saying the same makes it unneeded)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self.title:
            # The page title sits in <head>, which is otherwise dropped.
            self._in_title = True
            return
        if tag in RUBY_TEXT:
            if self._dropped and self._dropped[-1] in RUBY_TEXT:
                self._dropped.pop()  # HTML lets an rt end where the next one begins
            self._dropped.append(tag)
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
            classes = (named.get("class") or "").split()
            if tag == "a" and _NOTEREF_CLASS.search(named.get("class") or ""):
                kinds.add("noteref")  # EPUB 2 and converters mark references by class
            elif tag != "a":
                kinds.update(_NOTE_CLASSES.intersection(classes))
            if "noteref" in kinds or "doc-noteref" in kinds or kinds & _PAGE_BREAK:
                # "the sea¹ was" reads "the sea was"; the note is read after the text.
                self._dropped.append(tag)
                return
            if (tag == "a" and not self._note_tag and self._link_start < 0
                    and "#" in (named.get("href") or "")):
                # A link into the notes that no class marks: known by what it says ("1",
                # "[2]") and where it sits (raised), when it ends.
                self._link_start = len(self._buffer)
                self._link_raised = self._raised > 0
            if tag == "a" and ("backlink" in kinds or "doc-backlink" in kinds
                               or self._note_tag):
                # A note's way back to the text: "1." is kept, a bare "↩" is not read.
                self._backlink = len(self._buffer)
            if _UNSPOKEN_CLASSES.intersection((named.get("class") or "").split()):
                if tag not in _VOID:
                    self._dropped.append(tag)
                return
            if tag == "pre" and _CODE_CLASS.search(named.get("class") or ""):
                self._pre_code = True
            anchor = named.get("id")
            if anchor:
                self._anchors.append(anchor)
            if kinds & _NOTE_TYPES and not self._note_tag and tag not in _VOID:
                # A note inside a paragraph must not cut the paragraph's sentence in two:
                # its text is held and goes on after the note.
                self._held, self._buffer = self._buffer, []
                self._note_tag = tag
                self._note_depth = 0
            elif tag == self._note_tag:
                self._note_depth += 1
        elif tag == self._note_tag:
            self._note_depth += 1
        if tag in ("article", "main"):
            self._content_depth += 1
        if tag == "sup":
            self._raised += 1
            self._link_raised = self._link_raised or self._link_start >= 0
        if tag == "br":
            self._buffer.append("\n" if self._pre else " ")
            return
        if tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            if alt and not _FILE_NAME_ALT.match(alt):
                if self._figures:
                    self._figures[-1][1].append(alt)
                else:
                    self._alt_only = self._alt_only or not "".join(self._buffer).strip()
                    self._buffer.append(f" {alt} ")
            return
        if tag == "code" and self._pre:
            self._pre_code = True
        if tag in ("td", "th"):
            if self._tables and self._tables[-1]:
                self._flush()
                return
            self._end_cell()
            self._in_cell = True
            self._header_row = self._header_row and tag == "th"
            return
        if self._in_cell and tag in _BLOCKS and tag not in ("table", "tr"):
            self._to_layout()
        if tag in _BLOCKS:
            self._flush()
        if tag == "figure":
            self._figures.append((self._block_count(), []))
        if tag == "table":
            self._tables.append(False)
            self._columns.append(([], None))
        if tag == "tr":
            if not (self._tables and self._tables[-1]):
                self._cells = []
                self._header_row = True
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
        self._close(tag)
        if self._note_ended:
            # The text the note interrupted goes on (after the note's own flush).
            self._note_ended = False
            self._buffer, self._held = self._held, []

    def _close(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = collapse_spaces("".join(self._title_parts))
            return
        if tag == "ruby":
            # An rt left open (HTML allows it) ends with its ruby.
            while self._dropped and self._dropped[-1] in RUBY_TEXT:
                self._dropped.pop()
        if self._dropped:
            if tag in self._dropped:
                # Close up to the matching element, forgiving unclosed ones inside it.
                while self._dropped and self._dropped.pop() != tag:
                    pass
            return
        if tag == "sup" and self._raised:
            self._raised -= 1
        if tag == "a" and self._link_start >= 0:
            if self._link_start <= len(self._buffer):
                said = "".join(self._buffer[self._link_start:])
                if _NOTE_MARK.fullmatch(said) and (
                        self._link_raised or said.strip().startswith(("[", "("))):
                    del self._buffer[self._link_start:]  # "the sea¹ was" reads "the sea was"
            self._link_start = -1
        if tag == "a" and self._backlink >= 0:
            if not any(char.isalnum() for part in self._buffer[self._backlink:]
                       for char in part):
                del self._buffer[self._backlink:]
            self._backlink = -1
        if tag == self._note_tag:
            if self._note_depth:
                self._note_depth -= 1
            else:
                self._flush()
                self._note_tag = ""
                self._note_ended = True
        if tag in ("td", "th"):
            if self._tables and self._tables[-1]:
                self._flush()
            else:
                self._end_cell()
            return
        if tag in ("article", "main") and self._content_depth:
            self._content_depth -= 1
        if tag in _BLOCKS:
            self._flush()
        if tag == "figure" and self._figures:
            self._end_figure()
        if tag == "tr":
            self._end_cell()
            self._end_row()
        elif tag == "table" and self._tables:
            self._tables.pop()
            _names, header = self._columns.pop() if self._columns else ([], None)
            if header is not None:
                self._emit(header)
        elif tag in _HEADINGS:
            self._heading = 0
        elif tag == "pre" and self._pre:
            self._pre -= 1
            self._pre_code = self._pre_code and bool(self._pre)
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
        if self._alt_only and data.strip():
            self._alt_only = False
        self._buffer.append(data)

    def _block_count(self) -> int:
        return len(self.blocks) + len(self.notes)

    def _end_figure(self) -> None:
        """A figure's images read as their alt text only when it has no caption: the
        caption says what the picture shows (often in the same words)."""
        start, alts = self._figures.pop()
        if alts and self._block_count() == start:
            self._alt_only = self._alt_only or not "".join(self._buffer).strip()
            self._buffer.append(" " + " ".join(alts) + " ")
            self._flush()

    def _end_cell(self) -> None:
        if self._in_cell:
            text = collapse_spaces("".join(self._buffer))
            self._buffer.clear()
            if self._cells is None:
                self._cells = []
            self._cells.append(text)  # empty too: the cells after it keep their column
            self._in_cell = False
            self._alt_only = False

    def _end_row(self) -> None:
        cells, self._cells = self._cells, None
        if cells is None or not any(cells):
            return
        names, header = self._columns[-1] if self._columns else ([], None)
        shown = Block(ParagraphKind.TABLE, ", ".join(cell for cell in cells if cell))
        if self._header_row and not names and self._columns:
            self._columns[-1] = (cells, shown)  # the column names, said with each row
            return
        if header is not None:
            header.spoken = False
            self._emit(header)
            self._columns[-1] = (names, None)
        self._emit(Block(ParagraphKind.TABLE, table_row_text(names, cells)))

    def _to_layout(self) -> None:
        """A block inside a cell: this table lays out a page, its cells read as blocks."""
        self._end_cell()
        for cell in self._cells or ():
            if cell:
                self._emit(Block(ParagraphKind.TEXT, cell))
        self._cells = None
        if self._tables:
            self._tables[-1] = True

    def _flush(self) -> None:
        if self._in_cell:
            return
        raw = "".join(self._buffer)
        self._buffer.clear()
        alt_only, self._alt_only = self._alt_only, False
        if self._pre:
            if not raw.strip():
                return
            # A short <pre> is a command or a snippet; prose set in lines runs long.
            if (self._pre_code or len(raw.split()) < _PROSE_MIN_WORDS
                    or len(_CODE_SIGNS.findall(raw)) > _CODE_SHARE * len(raw)):
                self._emit(Block(ParagraphKind.CODE, raw))
                return
            # Prose laid out in lines (an RFC, a poem, a plain-text mail): one paragraph
            # for each run of lines between blank lines.
            for part in re.split(r"\n\s*\n", raw.replace("\f", "\n\n")):
                if DOT_LEADER.search(part):
                    # A contents list ("1. Introduction ....... 3"): an entry a line.
                    for line in part.split("\n"):
                        if line.strip():
                            self._emit(Block(ParagraphKind.LIST_ITEM, collapse_spaces(line)))
                    continue
                text = collapse_spaces(part)
                if text:
                    self._emit(Block(ParagraphKind.TEXT, text))
            return
        text = collapse_spaces(raw)
        if self._heading:
            text = _HEADING_FURNITURE.sub("", text)
        if not text:
            return
        if alt_only and not (self._heading or self._list_item or self._quote):
            self._emit(Block(ParagraphKind.TEXT, text))
            self._alt_block = (self.notes if self._note_tag else self.blocks)[-1]
        elif self._heading:
            self._emit(Block(ParagraphKind.HEADING, text, self._heading))
        elif self._list_item:
            self._emit(Block(ParagraphKind.LIST_ITEM, text))
        elif self._quote:
            self._emit(Block(ParagraphKind.QUOTE, text))
        else:
            self._emit(Block(ParagraphKind.TEXT, text))

    def _emit(self, block: Block) -> None:
        blocks = self.notes if self._note_tag else self.blocks
        alt, self._alt_block = self._alt_block, None
        if alt is not None and blocks and blocks[-1] is alt and _repeats(block.text, alt.text):
            # A caption after a picture saying what its alt text says: said once.
            blocks.pop()
            block.anchors = alt.anchors + block.anchors
        if self._anchors:
            block.anchors = block.anchors + tuple(self._anchors)
            self._anchors.clear()
        blocks.append(block)

    def finish(self) -> None:
        """Flush whatever text is left at the end of the input."""
        self.close()
        while self._figures:
            self._end_figure()
        self._end_cell()
        self._end_row()
        while self._columns:
            _names, header = self._columns.pop()
            if header is not None:
                self._emit(header)
        self._flush()


def _repeats(caption: str, alt: str) -> bool:
    """Whether a caption says what an image's alt text says (most of its words)."""
    alt_words = Counter(_WORD.findall(alt.casefold()))
    if not alt_words:
        return False
    shared = alt_words & Counter(_WORD.findall(caption.casefold()))
    return sum(shared.values()) >= _CAPTION_REPEATS * sum(alt_words.values())


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


ARTICLE_SHARE = 0.1
"""The least share of the page's words the extractor's article must hold to be read."""
ARTICLE_WORDS = 25
"""...and the fewest words: below both, the extractor found nothing, and the page is read."""


def article_html(html: str) -> str:
    """The article of a web page as cleaned HTML (headings kept), "" when none is found.

    Readability (from readability-lxml, in ``alsreader._vendor``) scores the page's blocks
    and keeps the main content, leaving out menus, cookie notices, sign-in boxes and link
    lists. The page is parsed here with
    lxml's HTML parser, which reads no DTD (so expands no declared entities) and fetches
    nothing from the network. Imported only when a page is opened (start-up time).
    """
    import lxml.html
    from lxml import etree

    from alsreader._vendor.readability import Document as Readable
    from alsreader._vendor.readability import Unparseable

    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, huge_tree=False, remove_pis=True,
        remove_comments=True,
    )
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
        for table in tree.iter("table"):
            if _is_data_table(table):
                # readability-lxml drops short tables as clutter, data tables too: this
                # one goes through under another name and comes back a table.
                table.tag = _KEPT_TABLE
        summary: str = Readable(tree).summary(html_partial=True)
    except (Unparseable, etree.LxmlError, ValueError):
        return ""
    return summary.replace(f"<{_KEPT_TABLE}", "<table").replace(f"</{_KEPT_TABLE}>", "</table>")


_KEPT_TABLE = "alsreader-data-table"
"""A tag no page uses (serialised text escapes "<", so no text can fake it)."""


def _is_data_table(table: Any) -> bool:
    """A table of data (header cells or a caption, no table inside), not one laying out a page."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return False
    if table.find(".//table") is not None:
        return False
    return table.find(".//th") is not None or table.find("caption") is not None


def read_article(html: str) -> Page:
    """A web page's article: the extractor's, else (when it finds too little) the page."""
    page = read_page(html)
    found = article_html(html) if page.blocks else ""
    if not found:
        return page
    article = read_page(found)
    found_words = _spoken_words(article.blocks)
    page_words = _spoken_words(page.blocks)
    if found_words < ARTICLE_WORDS and found_words < ARTICLE_SHARE * page_words:
        return page
    # The extractor keeps the article, not the notes set apart in the page.
    return Page(article.blocks, article.notes or page.notes, page.title, page.language)


def _spoken_words(blocks: list[Block]) -> int:
    return sum(len(block.text.split()) for block in blocks if block.kind is not ParagraphKind.CODE)


def parse_html(
    text: str, *, title_hint: str = "", language: str = "", article: bool = True
) -> Document:
    """A Document from HTML text (already decoded and cleaned). Sentences are split by
    ``language``, else by the page's own ``lang``, else as English. With ``article``
    (a whole web page) only the page's article is read; without it, everything but
    scripts, styles, navigation, headers and footers."""
    page = read_article(text) if article else read_page(text)
    declared = language_tag(page.language)  # "en_US" is "en-US"; "und" is none
    told = language or declared
    if not told and article:
        # A page without ``lang``: its language is told from its words.
        from alsreader.document.language import detect_language

        told = detect_language(" ".join(block.text for block in page.blocks[:400]))
    language = segmentation_language(told)
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
        builders.append(SectionBuilder(notes_title(told), 1, has_heading=True,
                                       language=language))
        for block in page.notes:
            add_block(builders[-1], block)
    single_h1 = top_headings[0] if len(top_headings) == 1 else ""
    title = page.title or single_h1 or title_hint or next(iter(top_headings), "")
    document = assemble(builders, title=title, source_format="html")
    document.language = declared or (told if article else "")
    return document


def add_block(builder: SectionBuilder, block: Block) -> None:
    """Add one block of a page to a section (code is shown, not spoken)."""
    spoken = block.spoken and block.kind is not ParagraphKind.CODE
    builder.add(block.kind, block.text, spoken=spoken)


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
