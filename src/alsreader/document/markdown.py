"""Markdown to a Document, with markdown-it-py (CommonMark plus tables and strikethrough).

Headings make sections, nested by level. Lists, quotes and tables are read as text;
links read as their text and images as their alt text. Code blocks stay visible but are
not spoken. YAML front matter is skipped (its ``title`` names the document).

Speed: inline markup is parsed only for the paragraphs that contain a markup character;
plain prose, the bulk of a book, is taken as it is. That halves the time for a large file.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from alsreader.document.builder import SectionBuilder, assemble, collapse_spaces
from alsreader.document.html import html_fragment_blocks
from alsreader.document.model import Document, ParagraphKind

# Any of these may start inline markup (emphasis, links, code, escapes, entities, HTML).
_INLINE_MARKUP = re.compile(r"[\\`*_\[\]!<&~]")

# The simple markup most prose carries (plain emphasis, inline links) is stripped with
# these; anything else, or anything left over, goes to markdown-it's full inline parser.
# The patterns follow CommonMark's flanking rules for the cases they accept, and a test
# checks them against markdown-it.
_ENTITY = re.compile(r"&(?:#|\w+;)")
_TAG_OR_AUTOLINK = re.compile(r"<[A-Za-z/!?]")
_EDGE_STAR = r"\s!-)+-/:-@\[-`{-~"
_EDGE_UNDERSCORE = r"\s!-/:-@\[-^`{-~"
"""Whitespace and ASCII punctuation but the mark itself: what may stand beside the mark."""
_SIMPLE_LINK = re.compile(r"\[([^\[\]\\`<>!*_]+)\]\(([^()\s<>\\]*)\)")
_STAR_EMPHASIS = re.compile(
    rf"(?<![^{_EDGE_STAR}])(\*\*?)(?![\s*])([^*]+?)(?<![\s*])\1(?![^{_EDGE_STAR}])"
)
_UNDERSCORE_EMPHASIS = re.compile(
    rf"(?<![^{_EDGE_UNDERSCORE}])(__?)(?![\s_])([^_]+?)(?<![\s_])\1(?![^{_EDGE_UNDERSCORE}])"
)
_LITERAL_UNDERSCORE = re.compile(r"(?<=[A-Za-z0-9])_(?=[A-Za-z0-9])")


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 20})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    # Inline parsing runs on demand (see _inline_text) instead of for every block.
    md.disable("inline")
    return md


def parse_markdown(text: str, *, title_hint: str = "") -> Document:
    """A Document from Markdown text (already decoded and cleaned)."""
    md = _parser()
    env: dict[str, Any] = {}
    tokens = md.parse(text, env)
    walker = _Walker(md, env)
    walker.walk(tokens)
    # A single top heading names the document; in a book with a top heading per
    # chapter, the first chapter's name would not, so the file's name does.
    single_h1 = walker.first_h1 if walker.h1_count == 1 else ""
    title = walker.front_matter_title or single_h1 or title_hint or walker.first_h1
    return assemble(walker.builders, title=title, source_format="markdown")


class _Walker:
    """Turns markdown-it's flat block tokens into section builders."""

    def __init__(self, md: MarkdownIt, env: dict[str, Any]) -> None:
        self.md = md
        self.env = env
        self.builders: list[SectionBuilder] = [SectionBuilder(title="", level=0)]
        self.front_matter_title = ""
        self.first_h1 = ""
        self.h1_count = 0
        self.quote_depth = 0
        self.list_depth = 0
        self.row: list[str] | None = None

    @property
    def current(self) -> SectionBuilder:
        return self.builders[-1]

    def walk(self, tokens: list[Token]) -> None:
        heading_level = 0
        for token in tokens:
            kind = token.type
            if kind == "inline":
                content = self._inline_text(token)
                if heading_level:
                    self._heading(heading_level, content)
                elif self.row is not None:
                    self.row.append(content)
                else:
                    self.current.add(self._prose_kind(), content)
            elif kind == "heading_open":
                heading_level = int(token.tag[1:])
            elif kind == "heading_close":
                heading_level = 0
            elif kind in ("fence", "code_block"):
                self.current.add(ParagraphKind.CODE, token.content, spoken=False)
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
            elif kind == "tr_open":
                self.row = []
            elif kind == "tr_close":
                cells = [cell for cell in self.row or [] if cell]
                self.current.add(ParagraphKind.TABLE, ", ".join(cells))
                self.row = None
            elif kind == "html_block":
                for block in html_fragment_blocks(token.content):
                    if block.kind is ParagraphKind.HEADING:
                        self._heading(block.level, block.text)
                    elif block.kind is ParagraphKind.TEXT:
                        self.current.add(self._prose_kind(), block.text)
                    else:
                        self.current.add(
                            block.kind, block.text, spoken=block.kind is not ParagraphKind.CODE
                        )
            elif kind == "front_matter":
                self.front_matter_title = _front_matter_title(token.content)

    def _prose_kind(self) -> ParagraphKind:
        if self.list_depth:
            return ParagraphKind.LIST_ITEM
        if self.quote_depth:
            return ParagraphKind.QUOTE
        return ParagraphKind.TEXT

    def _heading(self, level: int, content: str) -> None:
        if level == 1:
            self.h1_count += 1
            self.first_h1 = self.first_h1 or content
        builder = SectionBuilder(title=content, level=level, has_heading=bool(content))
        builder.add(ParagraphKind.HEADING, content)
        self.builders.append(builder)

    def _inline_text(self, token: Token) -> str:
        source = token.content
        if not _INLINE_MARKUP.search(source):
            return collapse_spaces(source)
        simple = simple_inline_text(source)
        if simple is not None:
            return collapse_spaces(simple)
        return collapse_spaces(full_inline_text(self.md, self.env, source))


def full_inline_text(md: MarkdownIt, env: dict[str, Any], source: str) -> str:
    """The text of inline Markdown as markdown-it reads it (markup removed)."""
    children: list[Token] = []
    md.inline.parse(source, md, env, children)
    return "".join(_plain(children))


def simple_inline_text(source: str) -> str | None:
    """The text of inline Markdown with only plain emphasis and links, else None.

    None means the markup is not simple enough to be sure; the full parser decides then.
    """
    if _needs_full_parse(source):
        return None
    text, links = _SIMPLE_LINK.subn(r"\1", source) if "[" in source else (source, 0)
    if "[" in text or "]" in text:
        return None  # reference links, brackets in text: leave them to markdown-it
    if links and "_" in text:
        return None  # a link's brackets decide whether a "_" beside it is a mark
    stars = "*" in text
    if stars and "_" in text and _LITERAL_UNDERSCORE.sub("", text).count("_"):
        return None  # both marks: their nesting rules interact
    if stars:
        text = _STAR_EMPHASIS.sub(r"\2", text)
        if "*" in text:
            return None
    elif "_" in text:
        text = _UNDERSCORE_EMPHASIS.sub(r"\2", text)
        if "_" in _LITERAL_UNDERSCORE.sub("", text):
            return None
    return text


def _needs_full_parse(source: str) -> bool:
    # Code spans, escapes, images, entities, HTML, autolinks and strikethrough. Substring
    # tests first: they are far quicker than one regex with alternatives.
    return (
        "\\" in source
        or "`" in source
        or "![" in source
        or "~~" in source
        or ("&" in source and _ENTITY.search(source) is not None)
        or ("<" in source and _TAG_OR_AUTOLINK.search(source) is not None)
    )


def _plain(children: list[Token]) -> list[str]:
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            # The alt text is what a sighted reader would miss; say it.
            alt = "".join(_plain(child.children or [])) or child.content
            parts.append(alt)
        elif kind == "html_inline" and child.content.lower().startswith("<br"):
            parts.append(" ")
    return parts


def _front_matter_title(content: str) -> str:
    # Imported here: only a file with front matter needs YAML (start-up time).
    import yaml

    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError:
        return ""
    if isinstance(data, dict):
        title = data.get("title")
        if isinstance(title, str):
            return collapse_spaces(title)
    return ""


def markdown_title(head: str) -> str:
    """The title of a Markdown file from its first few kilobytes, without parsing it all.

    Front matter ``title``, else the first ATX or Setext heading; "" if there is none.
    """
    lines = head.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                title = _front_matter_title("\n".join(lines[1:index]))
                if title:
                    return title
                start = index + 1
                break
    previous = ""
    for line in lines[start:]:
        stripped = line.strip()
        match = re.match(r"#{1,6}\s+(.*?)(?:\s+#+)?\s*$", stripped)
        if match and line.startswith(stripped[:1]) and len(line) - len(line.lstrip()) < 4:
            return _strip_inline(match.group(1))
        if previous and re.fullmatch(r"=+|-+", stripped) and not previous.startswith(("-", "*")):
            return _strip_inline(previous)
        previous = stripped
    return ""


def _strip_inline(text: str) -> str:
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return collapse_spaces(re.sub(r"[*_`]+", "", text))

