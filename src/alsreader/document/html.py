"""HTML to a Document, with the standard library's forgiving ``html.parser``.

Headings h1-h6 make sections. Scripts, styles, navigation, page headers and footers are
dropped (a page header inside an article is kept: it usually holds the article's title).
Entities are decoded; block elements (p, div, li, tr, ...) make paragraphs; ``pre`` is
kept visible as code and not spoken; images read as their alt text.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from alsreader.document.builder import SectionBuilder, assemble, collapse_spaces
from alsreader.document.model import Document, ParagraphKind

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


@dataclass
class Block:
    """One paragraph found in the page: its kind, its text and, for headings, the level."""

    kind: ParagraphKind
    text: str
    level: int = 0


class _Extractor(HTMLParser):
    """Collects the page's readable blocks in order, and its <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.title = ""
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
            if tag == self._dropped[-1] or (tag in _DROPPED and tag not in _VOID):
                self._dropped.append(tag)
            return
        if tag in _DROPPED and not (tag == "header" and self._content_depth):
            self._dropped.append(tag)
            return
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
        # A self-closed non-void element (<div/>) opens and closes nothing useful.

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
                self.blocks.append(Block(ParagraphKind.TABLE, ", ".join(self._cells)))
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
                self.blocks.append(Block(ParagraphKind.CODE, raw))
            return
        text = collapse_spaces(raw)
        if not text:
            return
        if self._heading:
            self.blocks.append(Block(ParagraphKind.HEADING, text, self._heading))
        elif self._list_item:
            self.blocks.append(Block(ParagraphKind.LIST_ITEM, text))
        elif self._quote:
            self.blocks.append(Block(ParagraphKind.QUOTE, text))
        else:
            self.blocks.append(Block(ParagraphKind.TEXT, text))

    def finish(self) -> None:
        """Flush whatever text is left at the end of the input."""
        self.close()
        self._end_cell()
        if self._cells:
            self.blocks.append(Block(ParagraphKind.TABLE, ", ".join(self._cells)))
            self._cells = None
        self._flush()


def _extract(html: str) -> _Extractor:
    extractor = _Extractor()
    extractor.feed(html)
    extractor.finish()
    return extractor


def html_fragment_blocks(html: str) -> list[Block]:
    """The readable blocks of an HTML fragment (raw HTML inside Markdown)."""
    return _extract(html).blocks


def parse_html(text: str, *, title_hint: str = "") -> Document:
    """A Document from HTML text (already decoded and cleaned)."""
    extractor = _extract(text)
    builders = [SectionBuilder(title="", level=0)]
    top_headings = []
    for block in extractor.blocks:
        if block.kind is ParagraphKind.HEADING:
            if block.level == 1:
                top_headings.append(block.text)
            builders.append(SectionBuilder(block.text, block.level, has_heading=True))
        builders[-1].add(block.kind, block.text, spoken=block.kind is not ParagraphKind.CODE)
    single_h1 = top_headings[0] if len(top_headings) == 1 else ""
    title = extractor.title or single_h1 or title_hint or next(iter(top_headings), "")
    return assemble(builders, title=title, source_format="html")


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
