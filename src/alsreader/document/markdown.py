"""Markdown to a Document, with markdown-it-py (CommonMark plus tables, strikethrough and
footnotes).

Headings make sections, nested by level. Lists and quotes are read as text; a table row is
read with its column names ("API: Cats. Auth: none."), its header row shown but not spoken.
Links read as their text and images as their alt text. Code blocks stay visible but are
not spoken. YAML front matter is skipped (its ``title`` names the document). The language
is told from the text (:mod:`.language`): sentences are split by it, the voice follows it.

Footnotes: a reference ("mistake[^1].") is left out of its sentence, and the notes are
gathered in a "Notes" section at the end, numbered in the order they are referred to, so
they are read after the text, not in its middle, and can be opened from the section list.

Nesting deeper than a reader can follow (quotes in quotes, lists in lists: a few levels
short of markdown-it's limit, past which it drops the rest of the file) is read as plain
paragraphs of its kind, so no text is lost.

Speed: inline markup is parsed only for the paragraphs that contain a markup character;
plain prose, the bulk of a book, is taken as it is. That halves the time for a large file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from alsreader.document.builder import (
    SectionBuilder,
    assemble,
    collapse_spaces,
    finished_sections,
    nest,
    table_row_text,
)
from alsreader.document.decode import DecodedText
from alsreader.document.html import html_fragment_blocks, notes_title
from alsreader.document.language import detect_language
from alsreader.document.model import Document, DocumentError, ParagraphKind, Section, count_words
from alsreader.document.segment import segmentation_language

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

MAX_NESTING = 20
"""markdown-it's limit on nested tokens (it bounds the parser's recursion); past it,
markdown-it drops the rest of the enclosing block."""
FLAT_LEVEL = MAX_NESTING - 4
"""From this depth on, blocks are read as plain paragraphs (a list item inside takes two
levels, its paragraph one more), before markdown-it's limit drops anything."""
_NESTING_MARKS = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s)))+[ \t]*")
"""Quote and list marks at the start of a deeply nested line (its text follows them)."""
_LIST_MARK = re.compile(r"[-*+\d]")


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    # Notes stay where they are defined (the walker gathers them): markdown-it's own
    # gathering needs the inline pass, which runs on demand here.
    md.use(footnote_plugin, move_to_end=False)
    md.block.ruler.before("table", "deep_paragraph", _deep_paragraph)
    # Inline parsing runs on demand (see _inline_text) instead of for every block.
    md.disable("inline")
    return md


def _deep_paragraph(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """At :data:`FLAT_LEVEL` and deeper, the lines up to a blank one are read as plain
    paragraphs, their quote and list marks removed (a line with a list mark starts a new
    one): deeper structure is not followed, but its text is read."""
    if state.level < FLAT_LEVEL:
        return False
    if silent:
        return True
    line = start + 1
    while line < end and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
        line += 1
    paragraphs: list[list[str]] = []
    previous = ""
    for index in range(start, line):
        text = state.src[state.bMarks[index] + state.tShift[index] : state.eMarks[index]]
        found = _NESTING_MARKS.match(text)
        marks = found.group().replace(" ", "").replace("\t", "") if found else ""
        words = text[found.end() :] if found else text
        if not words.strip():
            previous = "\n"  # a quoted blank line ends the paragraph
            continue
        # A list mark, or another depth of quoting than the line before, starts a paragraph.
        new_depth = bool(marks) and (_LIST_MARK.search(marks) is not None or marks != previous)
        if not paragraphs or previous == "\n" or new_depth:
            paragraphs.append([])
        previous = marks or previous
        paragraphs[-1].append(words)
    for lines in paragraphs:
        state.push("paragraph_open", "p", 1).map = [start, line]
        inline = state.push("inline", "", 0)
        inline.content = "\n".join(lines)
        inline.map = [start, line]
        inline.children = []
        state.push("paragraph_close", "p", -1)
    state.line = line
    return True


def parse_markdown(text: str, *, title_hint: str = "") -> Document:
    """A Document from Markdown text (already decoded and cleaned)."""
    return parse_markdown_taking(DecodedText(text, "utf-8"), title_hint=title_hint)


def parse_markdown_taking(decoded: DecodedText, *, title_hint: str = "",
                          growing: bool | None = None, piece_chars: int | None = None
                          ) -> Document:
    """:func:`parse_markdown` on the text taken from ``decoded``, which is let go once it
    is cut into pieces (unless the caller holds it too).

    ``growing``: find the sections first and read each piece when first needed (see
    :func:`_growing_document`); by default, for a text of :data:`GROWING_CHARS` or more.
    The sections, sentences and places are the same either way. ``piece_chars``: the
    size of the pieces (:data:`CHUNK_CHARS` unless given).
    """
    text = decoded.take_text()
    md = _parser()
    env: dict[str, Any] = {}
    language = detect_language(text)
    definitions = has_definitions(text)
    if growing is None:
        growing = len(text) >= GROWING_CHARS
    # Definitions and inline notes ("^[...]") reach across pieces (a reference, the Notes
    # section at the end): such a file is read whole.
    growing = growing and not definitions and "^[" not in text
    chunks = list(markdown_chunks(text, piece_chars))
    del text  # the pieces hold it now
    if growing and len(chunks) > 1:
        return _growing_document(md, chunks, segmentation_language(language), language,
                                 title_hint=title_hint)
    if len(chunks) > 1 and definitions:
        # Link and note definitions may come after what refers to them (notes at the
        # end): a first pass over the blocks learns them all; its tokens are let go.
        for chunk in chunks:
            md.parse(chunk, env)
    walker = _Walker(md, env, segmentation_language(language))
    for index, chunk in enumerate(chunks):
        chunks[index] = ""
        walker.walk(md.parse(chunk, env))
    notes = walker.notes_section()
    if notes is not None:
        walker.builders.append(notes)
    # A single top heading names the document; in a book with a top heading per
    # chapter, the first chapter's name would not, so the file's name does.
    single_h1 = walker.first_h1 if walker.h1_count == 1 else ""
    title = walker.front_matter_title or single_h1 or title_hint or walker.first_h1
    document = assemble(walker.builders, title=title, source_format="markdown")
    document.language = language
    return document


GROWING_CHARS = 1_000_000
"""A Markdown file this long opens before most of it is parsed: its headings are found
first (a quick pass over its lines), each piece parsed when first needed."""
# The patterns below are looked for in "\n" + the piece: starting with a newline, rather
# than ^ in multi-line mode, they are found twenty times as fast.
_ATX_HEADING = re.compile(r"\n(#{1,6})([ \t][^\n]*)?$", re.MULTILINE)
"""A heading line at the margin ("## Title"), as markdown-it's heading rule reads one."""
_UNSURE = re.compile(
    r"\n(?:[ \t]*(?:<|```|~~~)"  # raw HTML (which may hold headings) or a code fence
    r"|(?<=[^\n]\n)[ \t>]*(?:=+|-+)[ \t]*$"  # a setext heading's underline
    r"|[ \t]+#{1,6}(?:[ \t]|$)"  # an indented heading (in a list item?)
    r"|[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)+#{1,6}(?:[ \t]|$))",  # in a quote or list
    re.MULTILINE,
)
"""What makes a piece's headings uncertain without parsing it: that piece is parsed at
once, as the whole file would be."""
CHARS_PER_WORD = 6
WORDS_PER_SENTENCE = 13
"""For the guess of a piece's words and sentences before it is parsed."""


def _heading_title(rest: str) -> str:
    """The text of an ATX heading after its marks, as markdown-it cuts it: closing marks
    after a space dropped, then trimmed."""
    body = rest.rstrip(" \t")
    bare = body.rstrip("#")
    if len(bare) < len(body) and bare and bare[-1] in " \t":
        body = bare
    return mdTrim(body)


def _growing_document(md: MarkdownIt, chunks: list[str], language: str, document_language: str,
                      *, title_hint: str) -> Document:
    """A long file read a piece at a time (see :mod:`.pending`): the first piece at once,
    every later one (each starts at a heading) by its heading lines, parsed when first
    needed, unless something in it makes its headings uncertain (:data:`_UNSURE`; it is
    parsed now). The same sections, sentences and title as parsing it all."""
    from alsreader.document.pending import PendingBook, growing_part

    book = PendingBook()
    first = _Walker(md, {}, language)
    first.walk(md.parse(chunks[0], first.env))
    sections: list[Section] = finished_sections(first.builders)
    for index in range(1, len(chunks)):
        chunk, chunks[index] = chunks[index], ""
        lines = "\n" + chunk
        plans = None if _UNSURE.search(lines) else _planned_headings(first, lines)
        del lines
        if plans is None:
            walker = _Walker(md, {}, language)
            walker.walk(md.parse(chunk, walker.env))
            first.h1_count += walker.h1_count
            first.first_h1 = first.first_h1 or walker.first_h1
            sections += finished_sections(walker.builders)
        else:
            sections += growing_part(book, _PieceReader(md, chunk, language), plans)
    if not sections:
        raise DocumentError("There is no text to read in this document.")
    single_h1 = first.first_h1 if first.h1_count == 1 else ""
    title = first.front_matter_title or single_h1 or title_hint or first.first_h1
    document = Document(title=title or sections[0].title, tree=nest(sections),
                        source_format="markdown")
    document.language = document_language
    return document


def _planned_headings(walker: _Walker, lines: str) -> list[tuple[str, int, int, int]] | None:
    """Each heading of a piece (``lines`` is "\n" + the piece, which starts with a
    heading) with its title, level and a guess of its sentences and words; None when a
    heading's text would be empty (it is then no section, and the piece is parsed at
    once). Level-1 headings are counted in ``walker``."""
    found = list(_ATX_HEADING.finditer(lines))
    if not found or found[0].start() != 0:
        return None
    plans = []
    for number, heading in enumerate(found):
        title = walker.inline_text(_heading_title(heading.group(2) or ""), heading=True)
        if not title:
            return None
        body_end = found[number + 1].start() if number + 1 < len(found) else len(lines)
        body_words = (body_end - heading.end()) // CHARS_PER_WORD
        sentences = 1 + -(-body_words // WORDS_PER_SENTENCE)
        plans.append((title, len(heading.group(1)), sentences, count_words(title) + body_words))
    for title, level, _, _ in plans:
        if level == 1:
            walker.h1_count += 1
            walker.first_h1 = walker.first_h1 or title
    return plans


class _PieceReader:
    """Parses one piece of a long file when first needed, then lets go of its text."""

    def __init__(self, md: MarkdownIt, chunk: str, language: str) -> None:
        self.md = md
        self.chunk = chunk
        self.language = language

    def __call__(self) -> list[Section]:
        chunk, self.chunk = self.chunk, ""
        walker = _Walker(self.md, {}, self.language)
        walker.walk(self.md.parse(chunk, walker.env))
        return finished_sections(walker.builders)


class _Walker:
    """Turns markdown-it's flat block tokens into section builders."""

    def __init__(self, md: MarkdownIt, env: dict[str, Any], language: str) -> None:
        self.md = md
        self.env = env
        self.language = language
        """The sentencex code sentences are split by."""
        self.builders: list[SectionBuilder] = [
            SectionBuilder(title="", level=0, language=language)
        ]
        self.front_matter_title = ""
        self.first_h1 = ""
        self.h1_count = 0
        self.quote_depth = 0
        self.list_depth = 0
        self.row: list[str] | None = None
        self.in_table_head = False
        self.column_names: list[str] = []
        self.pending_header = ""
        """The header row, held until it is known whether rows follow it (it is then
        shown, not spoken: each row says the column names)."""
        self.note: list[tuple[ParagraphKind, str]] | None = None
        """The paragraphs of the footnote being defined (None outside one)."""
        self.notes: dict[str, list[tuple[ParagraphKind, str]]] = {}

    @property
    def current(self) -> SectionBuilder:
        return self.builders[-1]

    def walk(self, tokens: list[Token]) -> None:
        heading_level = 0
        for token in tokens:
            kind = token.type
            if kind == "inline":
                label = ""
                if self.quote_depth:
                    label, token.content = _quote_label(token.content)
                content = self.inline_text(token.content, heading=bool(heading_level))
                if label:
                    content = f"{label}: {content}" if content else label
                if self.list_depth:
                    content = _task_item(content)
                if heading_level and self.note is None:
                    self._heading(heading_level, content)
                elif self.row is not None:
                    self.row.append(content)
                else:
                    self._add(self._prose_kind(), content)
            elif kind == "heading_open":
                heading_level = int(token.tag[1:])
            elif kind == "heading_close":
                heading_level = 0
            elif kind in ("fence", "code_block"):
                self._add(ParagraphKind.CODE, token.content, spoken=False)
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
                self._row(self.row or [])
                self.row = None
            elif kind == "thead_open":
                self.in_table_head = True
            elif kind == "thead_close":
                self.in_table_head = False
            elif kind == "table_close":
                if self.pending_header:
                    # A header with no rows under it is all the table says: read it.
                    self._add(ParagraphKind.TABLE, self.pending_header)
                self.pending_header = ""
                self.column_names = []
            elif kind == "html_block":
                for block in html_fragment_blocks(token.content):
                    if block.kind is ParagraphKind.HEADING and self.note is None:
                        self._heading(block.level, block.text)
                    elif block.kind in (ParagraphKind.TEXT, ParagraphKind.HEADING):
                        self._add(self._prose_kind(), block.text)
                    else:
                        self._add(
                            block.kind, block.text,
                            spoken=block.spoken and block.kind is not ParagraphKind.CODE,
                        )
            elif kind == "footnote_reference_open":
                self.note = self.notes.setdefault(str(token.meta.get("label", "")), [])
            elif kind == "footnote_reference_close":
                self.note = None
            elif kind == "front_matter":
                self.front_matter_title = _front_matter_title(token.content)

    def _add(self, kind: ParagraphKind, text: str, *, spoken: bool = True) -> None:
        """A paragraph for the section being read, or for the footnote being defined."""
        if self.note is not None:
            # A note's code is kept as text: notes are read as they are gathered.
            if spoken:
                self.note.append((kind, text))
        else:
            self.current.add(kind, text, spoken=spoken)

    def _row(self, cells: list[str]) -> None:
        if self.in_table_head:
            self.column_names = cells
            self.pending_header = ", ".join(cell for cell in cells if cell)
            return
        if self.pending_header:
            self._add(ParagraphKind.TABLE, self.pending_header, spoken=False)
            self.pending_header = ""
        self._add(ParagraphKind.TABLE, table_row_text(self.column_names, cells))

    def notes_section(self) -> SectionBuilder | None:
        """The footnotes, in the order the text first refers to them (then any never
        referred to), each numbered as a rendered page numbers it; None without notes."""
        if not any(self.notes.values()) and not self.env.get("footnotes", {}).get("list"):
            return None
        title = notes_title(self.language)
        builder = SectionBuilder(title=title, level=1, has_heading=True, language=self.language)
        builder.add(ParagraphKind.HEADING, title)
        listed: dict[int, dict[str, Any]] = self.env.get("footnotes", {}).get("list", {})
        said: set[str] = set()
        number = 0
        for _, note in sorted(listed.items()):
            if "label" in note:
                if note["label"] in said:
                    continue  # learnt again by the second pass over a large file
                paragraphs = self.notes.get(note["label"], [])
                said.add(note["label"])
            else:  # an inline note, "^[...]"
                content = collapse_spaces(full_inline_text(self.md, self.env, note["content"]))
                paragraphs = [(ParagraphKind.TEXT, content)]
            number += 1
            _add_note(builder, f"{number}.", paragraphs)
        for label, paragraphs in self.notes.items():
            if label not in said:
                _add_note(builder, "", paragraphs)
        return None if builder.word_count == 0 else builder

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
        builder = SectionBuilder(
            title=content, level=level, has_heading=bool(content), language=self.language
        )
        builder.add(ParagraphKind.HEADING, content)
        self.builders.append(builder)

    def inline_text(self, source: str, *, heading: bool = False) -> str:
        """The text of inline Markdown, its markup removed (``heading``: a heading's,
        whose pictures are left out)."""
        if ":" in source:
            source = _without_shortcodes(source)
        if not _INLINE_MARKUP.search(source):
            return collapse_spaces(source)
        if "![" in source and (heading or _BADGE_ROW.fullmatch(source)):
            # Badges ("build passing", "PyPI") beside a README's title or in a row of
            # their own are pictures of links, not words for a listener.
            children: list[Token] = []
            self.md.inline.parse(source, self.md, self.env, children)
            text = collapse_spaces("".join(_plain(_without_linked_images(children, heading))))
            if text or not heading:
                return text  # a row of badges alone says nothing
        simple = simple_inline_text(source)
        if simple is not None:
            return collapse_spaces(simple)
        return collapse_spaces(full_inline_text(self.md, self.env, source))


CHUNK_CHARS = 200_000
"""A large file is parsed in pieces of about this size, cut before a heading: the parser's
tokens (several hundred bytes each, six for every heading) are then never all held at
once, so a file of many headings costs memory in proportion to its text."""
_HEADING_LINE = re.compile(r"\n(?=#{1,6}(?:[ \t]|\n))")
_FENCE_LINE = re.compile(r"\n {0,3}(?:```|~~~)")
"""A code fence's line, looked for in "\n" + a piece (as quick as ^ is slow)."""
_RAW_OPEN = re.compile(r"<!--|<(?:pre|script|style|textarea)\b", re.IGNORECASE)
_RAW_CLOSE = re.compile(r"-->|</(?:pre|script|style|textarea)\s*>", re.IGNORECASE)
_DEFINITION = re.compile(r"\[(?:[^\]\n\\]|\\.)+\]:")
"""A link reference or footnote definition ("[id]: url", "[^1]: note"), when it starts
its line (see :func:`has_definitions`)."""


def has_definitions(text: str) -> bool:
    """Whether ``text`` has a line starting (after up to three spaces) with a link
    reference or footnote definition. (Found as "[...]:" anywhere, then its line looked
    at: a pattern anchored at each line's start would be tried at every character.)"""
    for found in _DEFINITION.finditer(text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        indent = text[line_start : found.start()]
        if len(indent) <= 3 and indent.strip(" ") == "":
            return True
    return False


def markdown_chunks(text: str, size: int | None = None) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, each cut just before a heading
    line that starts a block of its own: never inside a code fence or a raw HTML block
    that runs over blank lines (a comment, ``pre``, ``script``, ``style``). ``size`` is
    :data:`CHUNK_CHARS` unless given."""
    size = CHUNK_CHARS if size is None else size
    start = 0
    while len(text) - start > size:
        search = start + size
        cut = -1
        while True:
            found = _HEADING_LINE.search(text, search)
            if found is None:
                break
            piece = text[start : found.start()]
            if len(_FENCE_LINE.findall("\n" + piece)) % 2 == 0 and len(
                _RAW_OPEN.findall(piece)
            ) <= len(_RAW_CLOSE.findall(piece)):
                cut = found.start() + 1
                break
            search = found.end()
        if cut < 0:
            break
        yield text[start:cut]
        start = cut
    yield text[start:]


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
        elif kind == "footnote_ref":
            # "a mistake[^1]." reads "a mistake."; the note is read in Notes.
            continue
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "image":
            # The alt text is what a sighted reader would miss; say it.
            alt = "".join(_plain(child.children or [])) or child.content
            parts.append(alt)
        elif kind == "html_inline" and child.content.lower().startswith("<br"):
            parts.append(" ")
    return parts


_BADGE_ROW = re.compile(r"(?:\s*\[!\[[^\]]*\]\([^)\s]*\)\]\([^)\s]*\))+\s*")
"""A paragraph of nothing but linked images (a README's row of badges)."""
_SHORTCODE = re.compile(r"[ \t]?(?<![\w:/]):[a-z0-9_+-]*[a-z][a-z0-9_+-]*:(?![\w:/])")
"""An emoji shortcode (":tada:", ":warning:"), which GitHub shows as a picture."""
_TASK = re.compile(r"\[([ xX])\]\s+(?=\S)")
_QUOTE_LABEL = re.compile(
    r"\s*(?:\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]"
    r"|(?:\*\*|__)(Note|Tip|Important|Warning|Caution)(?:\*\*|__))[ \t]*(?:\n|$)",
    re.IGNORECASE,
)


def _without_shortcodes(source: str) -> str:
    """``source`` without emoji shortcodes: read aloud they are "colon tada colon"."""
    return _SHORTCODE.sub("", source) if _SHORTCODE.search(source) else source


def _without_linked_images(children: list[Token], every_image: bool = False) -> list[Token]:
    """Inline tokens without images that are a link's whole content (badges), or without
    any image (``every_image``: a heading's words are its title, a logo beside them not)."""
    kept: list[Token] = []
    index = 0
    while index < len(children):
        if every_image and children[index].type == "image":
            index += 1
            continue
        if (
            children[index].type == "link_open"
            and index + 2 < len(children)
            and children[index + 1].type == "image"
            and children[index + 2].type == "link_close"
        ):
            index += 3
            continue
        kept.append(children[index])
        index += 1
    return kept


def _task_item(content: str) -> str:
    """A task list item ("[x] done") says whether it is ticked, not its brackets."""
    match = _TASK.match(content)
    if match is None:
        return content
    said = "Ticked" if match.group(1) in "xX" else "Not ticked"
    return f"{said}: {content[match.end():]}"


def _quote_label(source: str) -> tuple[str, str]:
    """A GitHub note ("[!NOTE]", or "**Note**" on a line of its own, first in a quote)
    reads "Note: ...": the label, and the quote's Markdown without it."""
    match = _QUOTE_LABEL.match(source)
    if match is None:
        return "", source
    return (match.group(1) or match.group(2) or "").capitalize(), source[match.end():]


def _add_note(
    builder: SectionBuilder, number: str, paragraphs: list[tuple[ParagraphKind, str]]
) -> None:
    for index, (kind, text) in enumerate(paragraphs):
        if index == 0 and number:
            text = f"{number} {text}"
        builder.add(ParagraphKind.TEXT if kind is ParagraphKind.HEADING else kind, text)


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

