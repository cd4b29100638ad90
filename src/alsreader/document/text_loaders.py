"""The text formats: Markdown, plain text and HTML, as registered loaders.

Each says how sure it is of a decoded text: its own suffix decides (except that a
``.txt`` file that is plainly a web page is read as HTML); without a known suffix, HTML
tags and Markdown signs in the first few kilobytes do. The parsers (markdown-it,
sentencex, readability-lxml) are imported when a document is parsed, not when this module is.
"""

from __future__ import annotations

import re

from alsreader.document.decode import DecodedText
from alsreader.document.model import Document
from alsreader.document.registry import TextLoader

_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|h[1-6]|br|li|a\s|span|table)\b[^>]*>", re.I)
_MD_SIGNS = re.compile(
    r"^(?:#{1,6}\s+\S|```|~~~|\s{0,3}[-*+]\s+\S|\s{0,3}>\s|---\s*$|.*\]\([^)\s]+\))", re.M
)

# How sure a format is; the order of these says which wins when more than one applies.
OWN_SUFFIX = 1.0
"""Markdown and HTML files say what they are by their suffix."""
PAGE_START = 0.9
"""Text that opens like a web page (<!doctype html>, <html>) is one, even in a .txt file."""
TEXT_SUFFIX = 0.8
"""A .txt file is text, Markdown signs or a few tags notwithstanding."""
MANY_TAGS = 0.5
"""Three or more common HTML tags, in a file of no known suffix."""
MARKDOWN_SIGNS = 0.4
"""Two or more Markdown signs (headings, lists, fences, links)."""
ANY_TEXT = 0.1
"""Plain text reads anything that is text."""


class MarkdownLoader(TextLoader):
    """Markdown (CommonMark with tables and strikethrough), through markdown-it-py."""

    name = "markdown"
    label = "Markdown"
    suffixes = (".md", ".markdown", ".mdown", ".mkd")

    def confidence(self, head: str, suffix: str) -> float:
        """Sure of its suffixes; fairly sure of text with several Markdown signs."""
        if suffix in self.suffixes:
            return OWN_SUFFIX
        return MARKDOWN_SIGNS if len(_MD_SIGNS.findall(head)) >= 2 else 0.0

    def parse(self, text: str, *, title_hint: str = "") -> Document:
        """Parse Markdown text."""
        from alsreader.document.markdown import parse_markdown

        return parse_markdown(text, title_hint=title_hint)

    def parse_decoded(self, decoded: DecodedText, *, title_hint: str = "") -> Document:
        """Parse a file's text, letting it go once it is cut into pieces."""
        from alsreader.document.markdown import parse_markdown_taking

        return parse_markdown_taking(decoded, title_hint=title_hint)

    def title(self, head: str) -> str:
        """Front matter title, else the first heading."""
        from alsreader.document.markdown import markdown_title

        return markdown_title(head)


class PlainTextLoader(TextLoader):
    """Plain text: paragraphs, and headings guessed from short lines."""

    name = "text"
    label = "text"
    suffixes = (".txt", ".text")

    def confidence(self, head: str, suffix: str) -> float:
        """Sure of .txt files; the last resort for any other text."""
        return TEXT_SUFFIX if suffix in self.suffixes else ANY_TEXT

    def parse(self, text: str, *, title_hint: str = "") -> Document:
        """Parse plain text."""
        from alsreader.document.plaintext import parse_plaintext

        return parse_plaintext(text, title_hint=title_hint)

    def parse_decoded(self, decoded: DecodedText, *, title_hint: str = "") -> Document:
        """Parse a file's text, letting it go once it is split into lines (a 50 MB file
        would otherwise be held whole while its sections are built)."""
        from alsreader.document.plaintext import parse_plaintext_taking

        return parse_plaintext_taking(decoded, title_hint=title_hint)

    def title(self, head: str) -> str:
        """The first line that is not blank, cut to about 80 characters."""
        for line in head.split("\n"):
            stripped = " ".join(line.split())
            if stripped:
                if len(stripped) > 80:
                    cut = stripped[:80].rsplit(" ", 1)[0]
                    return cut + "…"
                return stripped
        return ""


class HtmlLoader(TextLoader):
    """Web pages (HTML and XHTML): their article (readability-lxml), read by our own
    forgiving parser, which reads the whole page when the extractor finds too little."""

    name = "html"
    label = "web page (HTML)"
    suffixes = (".html", ".htm", ".xhtml")

    def confidence(self, head: str, suffix: str) -> float:
        """Sure of its suffixes and of text opening like a page; fairly sure of many tags."""
        if suffix in self.suffixes:
            return OWN_SUFFIX
        if _HTML_START.match(head):
            return PAGE_START
        return MANY_TAGS if len(_HTML_TAGS.findall(head)) >= 3 else 0.0

    def parse(self, text: str, *, title_hint: str = "") -> Document:
        """Parse HTML text."""
        from alsreader.document.html import parse_html

        return parse_html(text, title_hint=title_hint)

    def title(self, head: str) -> str:
        """<title>, else the first <h1>."""
        from alsreader.document.html import html_title

        return html_title(head)
