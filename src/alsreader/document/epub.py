"""EPUB 2 and 3 books, read from the zip with the standard library and defusedxml.

Reading order is the spine (not the manifest). The table of contents (the EPUB 3
navigation document, else the EPUB 2 NCX) makes the section tree with the book's own
chapter titles; a chapter that the contents leave out is still read, as a section of its
own under the chapter before it. A navigation document that is not in the spine is not
read as a chapter, and one that is, like a contents page, is passed over when reading
on. A cover and a copyright page (or colophon), marked as such by
``epub:type``, the guide or the landmarks, or plainly one (a first page that is only a
picture, a short page of "©" and "ISBN"), stay in the sections but are passed over when
reading on, like ``linear="no"`` parts, and reading begins after them. Chapters go
through the HTML loader's page reader, so images read as their alt text and note
references do not break a sentence; a chapter's notes are read at its end. Title,
author and language come from the package metadata, and the language decides how
sentences are split.

A book is read a chapter file at a time (see :mod:`.pending`): opening it reads the
package file, the contents, and just enough of each chapter's markup to know the sections
it makes (its anchors, and whether text comes before the first); a chapter's text is read
when first needed, and a chapter that cannot be read says so without costing the others.

A book is a zip of XML files, so a hostile one can be a zip bomb or an XML entity bomb:
declared sizes and ratios are checked before anything is unpacked, every read is
bounded, and XML goes through defusedxml (no entities, no external resources). A book
with DRM (an ``encryption.xml`` covering more than font obfuscation) gets one plain
message. The heavy imports happen when a book is opened, not when this module is.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import unquote, urldefrag

from alsreader.document.files import DocumentFile
from alsreader.document.model import Document, DocumentError, Section
from alsreader.document.registry import DocumentLoader, ListingDetails

if TYPE_CHECKING:
    import zipfile
    from xml.etree.ElementTree import Element


MAX_MEMBERS = 20_000
"""A book with more files than this is refused (real books have hundreds)."""
MAX_SPINE_ITEMS = 5_000
"""A reading order longer than this is refused (the longest real books have about 1,500)."""
MAX_MEMBER_BYTES = 32 * 1024 * 1024
"""The largest single file unpacked from a book (a chapter or the package file)."""
MAX_TOTAL_BYTES = 512 * 1024 * 1024
"""The most a whole book may unpack to (its declared sizes, pictures included)."""
MAX_RATIO = 200
"""Text packs about 3 to 10 times; a file that claims to unpack 200 times larger is a bomb."""
RATIO_FLOOR = 1024 * 1024
"""Files smaller than this unpacked are not checked for their ratio (tiny files pack well)."""

_FONT_OBFUSCATION = frozenset(
    {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
)
_XHTML_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/xml", "text/xml"})
_NCX_TYPE = "application/x-dtbncx+xml"
_XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
PASSED_OVER = frozenset({"cover", "doc-cover", "copyright-page", "colophon", "doc-colophon",
                         "toc", "doc-toc"})
"""The parts of a book (EPUB 3 ``epub:type``, ARIA ``role``, EPUB 2 guide ``type``) that
continuous reading passes over, as it does ``linear="no"``: the cover (its picture's alt
text, "Cover"), the copyright page or colophon (rights, ISBN, printer) and the table of
contents (every chapter's title, read before the first). They stay in the list of
sections, to be opened."""
LANGUAGE_LOOK_FILES = 12
"""How many chapter files, at most, are read to tell the language of a book that does not
declare it."""
LANGUAGE_SAMPLE_CHARS = 6000
"""Enough words to tell a language by."""
HEAD_LOOK = 4096
"""How much of a chapter file's start shows what part of the book it is."""
_CONTAINER = "META-INF/container.xml"
_ENCRYPTION = "META-INF/encryption.xml"


class EpubLoader(DocumentLoader):
    """EPUB 2 and 3 books."""

    name = "epub"
    label = "EPUB book"
    suffixes = (".epub",)

    def recognises(self, head: bytes) -> bool:
        """A zip whose first file is the ``mimetype`` saying application/epub+zip."""
        return head.startswith(b"PK\x03\x04") and b"application/epub+zip" in head[:128]

    def load(self, file: DocumentFile) -> Document:
        """The book: metadata, spine and table of contents now; each chapter's text when
        first needed (see :mod:`.pending`)."""
        archive = _open_archive(file)
        try:
            return _read_package(archive).read()
        except BaseException:
            archive.close()
            raise

    def library_details(self, file: DocumentFile) -> ListingDetails:
        """Title and author from the package metadata (only two small files are read)."""
        with _open_book(file) as book:
            return ListingDetails(book.metadata.title, book.metadata.author)


def _damaged(reason: str) -> DocumentError:
    from alsreader.document.decode import one_line

    # The reason names parts of the book, whose names the book chose (escapes included).
    return DocumentError(f"This EPUB book is damaged ({one_line(reason)}), so it cannot be read.")


@dataclass
class _Metadata:
    title: str = ""
    author: str = ""
    language: str = ""


@dataclass
class _Item:
    path: str
    media_type: str
    properties: frozenset[str]


@dataclass
class _TocEntry:
    level: int
    title: str
    path: str
    fragment: str


@dataclass
class _Book:
    """An opened book: its zip, its package file read, nothing unpacked yet."""

    archive: zipfile.ZipFile
    package_path: str
    metadata: _Metadata = field(default_factory=_Metadata)
    manifest: dict[str, _Item] = field(default_factory=dict)
    spine: list[tuple[str, bool]] = field(default_factory=list)
    """(manifest id, linear) in reading order."""
    toc_id: str = ""
    passed_over: set[str] = field(default_factory=set)
    """Chapter files the package's guide or the contents' landmarks name as a cover or a
    copyright page (see :data:`PASSED_OVER`)."""

    def member(self, path: str) -> bytes:
        """The unpacked bytes of one file of the book (bounded)."""
        try:
            info = self.archive.getinfo(path)
        except KeyError:
            raise _damaged(f"{path} is missing") from None
        if info.file_size > MAX_MEMBER_BYTES:
            raise DocumentError(
                f"This EPUB book has a part too large to read ({info.file_size // 2**20} MB)."
            )
        import zipfile
        import zlib

        try:
            with self.archive.open(info) as handle:
                return handle.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
            # Damaged (or packed in a way zipfile cannot unpack): this file only.
            raise _damaged(f"{path} cannot be unpacked") from None

    def xml(self, path: str) -> Element:
        """One of the book's XML files, parsed safely."""
        return _parse_xml(self.member(path), path)

    def read(self) -> Document:
        """The book as a Document: every section known (from the contents and a quick
        look at each chapter file), each chapter file's text read when first needed."""
        from alsreader.document.builder import nest
        from alsreader.document.pending import PendingBook, PendingSection
        from alsreader.document.segment import segmentation_language

        tag = self._language()
        language = segmentation_language(tag)
        entries: dict[str, list[_TocEntry]] = {}
        for entry in self._toc():
            entries.setdefault(entry.path, []).append(entry)
        book = PendingBook(release=self.archive.close)
        sections: list[Section] = []
        level = 0
        """The level of the last section the contents named (0 before the first)."""
        for item_id, linear in self.spine:
            item = self.manifest.get(item_id)
            if item is None or item.media_type not in _XHTML_TYPES:
                continue  # a picture or a missing item in the spine has no text to read
            plan = self._plan(item.path, entries.get(item.path, []), level)
            share = round(self._size(item.path) / BYTES_PER_SENTENCE / len(plan))
            linear = linear and not self._passed_over(item.path, first=not sections)
            pending = [PendingSection(part.title, part.level, estimate=share, linear=linear)
                       for part in plan]
            book.part(_ChapterReader(self, item.path, plan, language, linear), pending)
            sections.extend(pending)
            level = next((part.level for part in reversed(plan) if not part.lead), level)
        if not sections:
            raise DocumentError("There is no text to read in this book.")
        document = Document(title=self.metadata.title or sections[0].title, tree=nest(sections),
                            source_format=EpubLoader.name)
        document.author = self.metadata.author
        document.language = tag
        return document

    def _language(self) -> str:
        """The book's language: the package's, made a standard tag ("fre" is "fr"); else
        the one its first chapter's markup declares; else told from its first chapters'
        words (a book that says "und", "French" or nothing is not read as English)."""
        from alsreader.document.language import detect_language, language_tag

        declared = language_tag(self.metadata.language)
        if declared:
            return declared
        sample: list[str] = []
        size = 0
        for item_id, _ in self.spine[:LANGUAGE_LOOK_FILES]:
            item = self.manifest.get(item_id)
            if item is None or item.media_type not in _XHTML_TYPES:
                continue
            try:
                raw = self.member(item.path)
            except DocumentError:
                continue  # the part says what is wrong when it is read
            if not sample:
                marked = _HTML_LANG.search(raw[:HEAD_LOOK])
                if marked is not None:
                    declared = language_tag(marked.group(1).decode("ascii", "replace"))
                    if declared:
                        return declared
            body = _BODY.search(raw)
            sample.append(_text_of(raw[body.end() if body else 0:]))
            size += len(sample[-1])
            if size >= LANGUAGE_SAMPLE_CHARS:
                break
        return detect_language(" ".join(sample))

    def _passed_over(self, path: str, *, first: bool) -> bool:
        """Whether the chapter file at ``path`` is a cover or a copyright page: named so by
        the guide or landmarks, or by the ``epub:type`` (or ``role``) of its body or first
        element; or, for the first file read, a page with a picture and no words."""
        if path in self.passed_over:
            return True
        try:
            head = self._head(path)
        except DocumentError:
            return False  # the part says what is wrong when it is read
        body = _BODY.search(head)
        if body is not None:
            first_element = _FIRST_ELEMENT.match(head, body.end())
            for found in (body, first_element):
                kinds = _PART_KIND.search(found.group(0)) if found is not None else None
                if kinds is not None and PASSED_OVER.intersection(
                        kinds.group(1).decode("ascii", "replace").lower().split()):
                    return True
        if body is None or len(head) >= HEAD_LOOK:
            return False  # a long file is a chapter, whatever its first words
        rest = head[body.end():]
        words = _text_of(_ALT_TEXT.sub(b"", rest))
        if first and not words and _PICTURE.search(rest) is not None:
            return True  # a cover: a picture before anything is read
        # A copyright page in a book that does not mark it: a short page of rights, with no
        # heading but one about them (a chapter has its own).
        heading = _HEADING.search(rest)
        return (bool(_RIGHTS.search(words)) and bool(_RIGHTS_HELD.search(words))
                and (heading is None or bool(_RIGHTS.search(_text_of(heading.group(1))))))

    def _head(self, path: str) -> bytes:
        """The first :data:`HEAD_LOOK` bytes of a chapter file (all of a shorter one)."""
        import zipfile
        import zlib

        try:
            info = self.archive.getinfo(path)
        except KeyError:
            raise _damaged(f"{path} is missing") from None
        try:
            with self.archive.open(info) as handle:
                return handle.read(HEAD_LOOK)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError):
            raise _damaged(f"{path} cannot be unpacked") from None

    def _size(self, path: str) -> int:
        try:
            return self.archive.getinfo(path).file_size
        except KeyError:
            return 0

    def _plan(self, path: str, entries: list[_TocEntry], level: int) -> list[_Planned]:
        """The sections one chapter file makes: one per entry of the contents that points
        into it (in the order of their anchors), and one before the first for text the
        contents leave out. Found from the file's markup without parsing it: the anchors
        and whether there is text before the first."""
        lead_level = level + 1 if level else 1
        if entries and entries[0].title and not any(entry.fragment for entry in entries):
            # Every entry points at the top of the file: the first names its one section.
            return [_Planned(entries[0].title, entries[0].level, "")]
        try:
            raw = self.member(path)
        except DocumentError:
            # The sections the contents name; the part says what is wrong when it is read.
            named = {entry.fragment: entry for entry in reversed(entries)}
            return [_Planned(entry.title or "Untitled", entry.level, entry.fragment)
                    for entry in reversed(named.values())] or [
                _Planned(posixpath.basename(path), lead_level, "", lead=True)]
        body = _BODY.search(raw)
        top = body.end() if body else 0
        anchors = _anchors(raw, top) if any(entry.fragment for entry in entries) else {}
        found: dict[int, _TocEntry] = {}
        for entry in entries:
            # A link to the file itself, or to an anchor that is not there, starts at its top.
            found.setdefault(anchors.get(entry.fragment, top), entry)
        plan = [_Planned(entry.title or _raw_title(raw, where), entry.level, entry.fragment)
                for where, entry in sorted(found.items())]
        first = min(found, default=len(raw))
        if first > top and _has_text(raw[top:first]):
            plan.insert(0, _Planned(_raw_title(raw, top, first), lead_level, "", lead=True))
        return plan

    def _chapter_text(self, path: str) -> str:
        from alsreader.document.decode import clean_text, decode_bytes

        data = self.member(path)
        declared = _XML_ENCODING.match(data[:200])
        if declared:
            try:
                return clean_text(data.decode(declared.group(1).decode("ascii")))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: guess as for any text file
        return decode_bytes(data, name=path).text

    def _toc(self) -> list[_TocEntry]:
        """The table of contents; none when it is missing or damaged (the spine is still
        read, each chapter named by its first heading)."""
        try:
            return self._contents()
        except DocumentError:
            return []

    def _contents(self) -> list[_TocEntry]:
        nav = next((item for item in self.manifest.values() if "nav" in item.properties), None)
        if nav is not None:
            self.passed_over.add(nav.path)  # the contents, when the spine reads it too
            entries, passed_over = _nav_entries(self._chapter_text(nav.path), nav.path)
            self.passed_over.update(passed_over)
            if entries:
                return entries
        ncx = self.manifest.get(self.toc_id) or next(
            (item for item in self.manifest.values() if item.media_type == _NCX_TYPE), None
        )
        if ncx is not None:
            return _ncx_entries(self.xml(ncx.path), ncx.path)
        return []


@contextmanager
def _open_book(file: DocumentFile) -> Iterator[_Book]:
    """Open the zip, check it is safe and not protected, and read the package file."""
    with _open_archive(file) as archive:
        yield _read_package(archive)


def _open_archive(file: DocumentFile) -> zipfile.ZipFile:
    import zipfile

    try:
        return zipfile.ZipFile(file.path)
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise _damaged("it is not a complete zip archive") from None
    except OSError as error:
        raise DocumentError(
            f"This book could not be read: {error.strerror or type(error).__name__}."
        ) from None


def _read_package(archive: zipfile.ZipFile) -> _Book:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(f"This EPUB book holds too many files ({len(infos)}) to be read.")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocumentError(
                "This EPUB book unpacks to far more than its size (a zip bomb), so it is "
                "not opened."
            )
    if total > MAX_TOTAL_BYTES:
        raise DocumentError(
            f"This EPUB book unpacks to {total // 2**20} MB, more than alsreader reads "
            f"({MAX_TOTAL_BYTES // 2**20} MB)."
        )
    book = _Book(archive, "")
    names = set(archive.namelist())
    if _ENCRYPTION in names:
        _refuse_if_protected(book.xml(_ENCRYPTION))
    if _CONTAINER not in names:
        raise _damaged(f"it has no {_CONTAINER}")
    rootfile = next(
        (element.get("full-path") for element in book.xml(_CONTAINER).iter()
         if _local(element.tag) == "rootfile" and element.get("full-path")), None
    )
    if not rootfile:
        raise _damaged("its container names no package file")
    book.package_path = rootfile
    _read_opf(book, book.xml(rootfile))
    if len(book.spine) > MAX_SPINE_ITEMS:
        raise DocumentError(
            f"This EPUB book has too many parts ({len(book.spine)}) to be read."
        )
    if not book.spine:
        raise _damaged("it has no reading order (spine)")
    return book


def _refuse_if_protected(encryption: Element) -> None:
    for element in encryption.iter():
        if (_local(element.tag) == "EncryptionMethod"
                and element.get("Algorithm", "") not in _FONT_OBFUSCATION):
            raise DocumentError(
                "This book is protected (DRM), so alsreader cannot read it. A copy "
                "without DRM can be read."
            )


def _read_opf(book: _Book, package: Element) -> None:
    from alsreader.document.builder import collapse_spaces

    base = posixpath.dirname(book.package_path)
    meta = book.metadata
    for element in package.iter():
        tag = _local(element.tag)
        text = collapse_spaces("".join(element.itertext()))
        if tag == "title" and not meta.title:
            meta.title = text
        elif tag == "creator" and text:
            meta.author = f"{meta.author}, {text}" if meta.author else text
        elif tag == "language" and not meta.language:
            meta.language = text
        elif tag == "item":
            item_id, href = element.get("id"), element.get("href")
            if item_id and href:
                book.manifest[item_id] = _Item(
                    _resolve(base, href), element.get("media-type", ""),
                    frozenset(element.get("properties", "").split()),
                )
        elif tag == "spine":
            book.toc_id = element.get("toc", "")
        elif tag == "reference":
            kind, href = element.get("type", "").lower(), element.get("href")
            if href and kind in PASSED_OVER:
                book.passed_over.add(_resolve(base, href))
        elif tag == "itemref":
            idref = element.get("idref")
            if idref:
                book.spine.append((idref, element.get("linear", "yes").strip() != "no"))


def _parse_xml(data: bytes, path: str) -> Element:
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    try:
        root: Element = SafeTree.fromstring(data)
    except DefusedXmlException:
        raise DocumentError(
            f"This EPUB book's {path} declares XML entities, which alsreader does not read "
            "(they can be used to attack a reader)."
        ) from None
    except SafeTree.ParseError as error:
        raise _damaged(f"{path} is not well-formed: {error}") from None
    return root


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _resolve(base: str, href: str) -> str:
    """A path inside the zip from an href relative to the file at folder ``base``."""
    path, _ = urldefrag(href)
    return posixpath.normpath(posixpath.join(base, unquote(path))).lstrip("/")


def _split_href(base: str, href: str) -> tuple[str, str]:
    path, fragment = urldefrag(href)
    resolved = _resolve(base, path) if path else ""
    return resolved, unquote(fragment)


def _nav_entries(xhtml: str, nav_path: str) -> tuple[list[_TocEntry], set[str]]:
    """The contents' entries, and the chapter files its landmarks name as parts that
    continuous reading passes over (the cover, the copyright page)."""
    from alsreader.document.builder import collapse_spaces

    parser = _NavReader()
    parser.feed(xhtml)
    parser.close()
    links = parser.toc if parser.toc else parser.first
    base = posixpath.dirname(nav_path)
    passed_over = {path for path, _ in (_split_href(base, href) for href in parser.passed_over)
                   if path}
    entries = []
    for depth, title, href in links:
        path, fragment = _split_href(base, href)
        if path or fragment:
            entries.append(_TocEntry(depth, collapse_spaces(title), path or nav_path, fragment))
    return entries, passed_over


class _NavReader(HTMLParser):
    """The links of an EPUB 3 navigation document's table of contents, with their depth.

    The ``<nav epub:type="toc">`` is the contents; the first ``<nav>`` stands in for it
    in a book that does not mark it.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.toc: list[tuple[int, str, str]] = []
        self.first: list[tuple[int, str, str]] = []
        self.passed_over: list[str] = []
        """The links of the landmarks to a cover or a copyright page."""
        self._landmarks = False
        self._target: list[tuple[int, str, str]] | None = None
        self._nav_depth = 0
        self._navs_seen = 0
        self._lists = 0
        self._href: str | None = None
        self._text: list[str] = []
        self._ruby_text = False
        """Inside a ruby's reading (furigana): not part of the entry's title."""
        from alsreader.document.html import RUBY_TEXT

        self._ruby_tags = RUBY_TEXT

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "nav":
            if self._nav_depth:
                self._nav_depth += 1
                return
            kinds = set((named.get("epub:type") or "").split())
            kinds.update((named.get("role") or "").split())
            self._navs_seen += 1
            if "landmarks" in kinds:
                self._landmarks = True
                self._nav_depth = 1
                return
            if "toc" in kinds or "doc-toc" in kinds:
                self._target = self.toc
            elif self._navs_seen == 1:
                self._target = self.first
            else:
                return
            self._nav_depth = 1
        elif not self._nav_depth:
            return
        elif self._landmarks:
            if tag == "a" and PASSED_OVER.intersection(
                    (named.get("epub:type") or "").lower().split()):
                self.passed_over.append(named.get("href") or "")
            return
        elif tag == "ol" or tag == "ul":
            self._lists += 1
        elif tag == "a" and self._href is None:
            self._href = named.get("href") or ""
            self._text = []
        elif tag in self._ruby_tags:
            self._ruby_text = True
        elif tag == "img" and self._href is not None:
            self._text.append(named.get("alt") or "")

    def handle_endtag(self, tag: str) -> None:
        if not self._nav_depth:
            return
        if tag == "nav":
            self._nav_depth -= 1
            if not self._nav_depth:
                self._target = None
                self._landmarks = False
        elif self._landmarks:
            return
        elif tag in ("ol", "ul") and self._lists:
            self._lists -= 1
        elif tag in self._ruby_tags or tag == "ruby":
            self._ruby_text = False
        elif tag == "a" and self._href is not None:
            if self._href and self._target is not None:
                self._target.append((max(self._lists, 1), "".join(self._text), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None and not self._ruby_text:
            self._text.append(data)


def _ncx_entries(ncx: Element, ncx_path: str) -> list[_TocEntry]:
    from alsreader.document.builder import collapse_spaces

    base = posixpath.dirname(ncx_path)
    entries: list[_TocEntry] = []

    def walk(element: Element, depth: int) -> None:
        for point in element:
            if _local(point.tag) != "navPoint":
                continue
            title, src = "", ""
            for child in point:
                if _local(child.tag) == "navLabel":
                    title = collapse_spaces("".join(child.itertext()))
                elif _local(child.tag) == "content":
                    src = child.get("src", "")
            if src:
                path, fragment = _split_href(base, src)
                entries.append(_TocEntry(depth, title, path, fragment))
            if depth < 32:  # deeper nesting is flattened rather than recursed into
                walk(point, depth + 1)
            else:
                walk_flat(point, depth)

    def walk_flat(element: Element, depth: int) -> None:
        for point in element.iter():
            if _local(point.tag) == "content" and point.get("src"):
                path, fragment = _split_href(base, point.get("src", ""))
                entries.append(_TocEntry(depth, "", path, fragment))

    for element in ncx.iter():
        if _local(element.tag) == "navMap":
            walk(element, 1)
            break
    return entries


@dataclass
class _Planned:
    """A section a chapter file makes (before the file is read)."""

    title: str
    level: int
    fragment: str
    """The anchor it starts at ("" for the top of the file)."""
    lead: bool = False
    """True for text before the first anchor the contents point at (or a whole file
    they leave out)."""


_BODY = re.compile(rb"<body[^>]*>", re.IGNORECASE)
_TAG = re.compile(rb"<[^>]*>")
_INLINE_TAG = re.compile(
    rb"</?(?:a|abbr|b|bdi|bdo|cite|code|em|i|kbd|mark|q|rb|ruby|s|samp|small|span|strong"
    rb"|sub|sup|u|var)\b[^>]*>", re.IGNORECASE)
"""Tags inside a word ("<ruby>鬼</ruby>ヶ島", "<em>Ann</em>'s"): left out without a space."""
_ID = re.compile(rb"""<[^>]*?\sid\s*=\s*["']([^"']+)["']""")
_SCRIPT = re.compile(rb"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_RUBY_READING = re.compile(rb"<(rt|rp)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
"""Furigana and its brackets, left out of a section's name as out of its text."""
_ALT = re.compile(rb"<img\b[^>]*\balt\s*=\s*[\"'][^\"'\s]", re.IGNORECASE)
_ALT_TEXT = re.compile(rb"<(?:title|desc)\b.*?</(?:title|desc)\s*>", re.IGNORECASE | re.DOTALL)
"""An SVG picture's own title and description (the words of a cover drawn in SVG)."""
_HTML_LANG = re.compile(rb"""<html\b[^>]*?\s(?:xml:)?lang\s*=\s*["']([^"']+)["']""",
                        re.IGNORECASE)
_PICTURE = re.compile(rb"<(?:img|image|svg)\b", re.IGNORECASE)
_RIGHTS = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b", re.IGNORECASE)
_RIGHTS_HELD = re.compile(
    r"\bISBN\b|all rights reserved|tous droits réservés|alle rechte vorbehalten"
    r"|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados"
    r"|alle rechten voorbehouden", re.IGNORECASE)
"""With a copyright sign, what makes a short page a copyright page (ISBN, "All rights
reserved" in the common languages of books)."""
_FIRST_ELEMENT = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:section|div|article)\b[^>]*>",
                            re.IGNORECASE | re.DOTALL)
_PART_KIND = re.compile(rb"""\s(?:epub:type|role)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_HEADING = re.compile(rb"<h[1-6]\b[^>]*>(.*?)</h[1-6]\s*>", re.IGNORECASE | re.DOTALL)
TITLE_LOOK = 8192
"""How far into a section's markup its first words are looked for (to name it)."""
BYTES_PER_SENTENCE = 110
"""For the estimated length of chapters not read yet (the share read, the time left)."""


def _anchors(raw: bytes, top: int) -> dict[str, int]:
    """Where each element with an id starts in ``raw`` (the first of each id, from the
    start of the body at ``top`` on)."""
    from urllib.parse import unquote

    where: dict[str, int] = {}
    for found in _ID.finditer(raw, top):
        name = found.group(1).decode("utf-8", "replace")
        where.setdefault(unquote(name) if "%" in name else name, found.start())
    return where


def _text_of(markup: bytes) -> str:
    import html

    from alsreader.document.builder import collapse_spaces
    from alsreader.document.decode import one_line

    markup = _RUBY_READING.sub(b"", _SCRIPT.sub(b" ", markup))
    text = _TAG.sub(b" ", _INLINE_TAG.sub(b"", markup)).decode("utf-8", "replace")
    return one_line(collapse_spaces(html.unescape(text)))


def _has_text(markup: bytes) -> bool:
    """Whether ``markup`` holds anything read aloud (words, or a picture's alt text)."""
    return bool(_text_of(markup)) or _ALT.search(markup) is not None


def _raw_title(raw: bytes, start: int, end: int | None = None) -> str:
    """A section's name from its markup: its first heading, else its first words."""
    from alsreader.document.builder import title_from_words

    end = len(raw) if end is None else end
    heading = _HEADING.search(raw, start, end)
    if heading is not None:
        title = _text_of(heading.group(1))
        if title:
            return title
    return title_from_words(_text_of(raw[start:min(end, start + TITLE_LOOK)]))


@dataclass
class _ChapterReader:
    """Reads one chapter file into the sections its plan named (a part of the book)."""

    book: _Book
    path: str
    plan: list[_Planned]
    language: str
    linear: bool

    def __call__(self) -> list[Section]:
        from alsreader.document.builder import SectionBuilder
        from alsreader.document.html import BOOK_PARTS, add_block, notes_title, read_page
        from alsreader.document.model import ParagraphKind

        page = read_page(self.book._chapter_text(self.path), keep=BOOK_PARTS)
        where: dict[str, int] = {}
        for index, block in enumerate(page.blocks):
            for anchor in block.anchors:
                where.setdefault(anchor, index)
        starts: list[int] = []
        for number, part in enumerate(self.plan):
            # The first section starts at the top: nothing before it is lost; an anchor
            # the markup put out of order takes nothing from the section before it.
            start = where.get(part.fragment, 0) if number and part.fragment else 0
            starts.append(max(start, starts[-1]) if starts else 0)
        starts.append(len(page.blocks))
        builders = []
        for number, part in enumerate(self.plan):
            builder = SectionBuilder(part.title, part.level, has_heading=True,
                                     language=self.language, linear=self.linear)
            for block in page.blocks[starts[number]:starts[number + 1]]:
                add_block(builder, block)
            builders.append(builder)
        if page.notes:
            if any(block.kind is not ParagraphKind.HEADING
                   for block in page.blocks[starts[-2]:]):
                # Notes after a chapter's text are introduced; a notes file's own heading
                # ("Notes", "Endnotes") already does that: it is not said twice.
                builders[-1].add(ParagraphKind.HEADING, notes_title(self.language))
            for block in page.notes:
                add_block(builders[-1], block)
        return [builder.build() for builder in builders]
