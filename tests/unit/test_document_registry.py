"""The loader registry: a format registered in one place opens, lists and is recognised."""

from __future__ import annotations

import gzip
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from alsreader.document import DocumentError, load_document, parse_document
from alsreader.document.builder import SectionBuilder, assemble, collapse_spaces
from alsreader.document.files import DocumentFile
from alsreader.document.library import discover, entry_for
from alsreader.document.model import Document, ParagraphKind
from alsreader.document.registry import DocumentLoader, ListingDetails, TextLoader, registry


class GemtextLoader(TextLoader):
    """Gemini's text format: "#" lines are headings, "=>" lines links, "*" list items."""

    name = "gemtext"
    label = "Gemini text"
    suffixes = (".gmi",)

    def confidence(self, head: str, suffix: str) -> float:
        return 1.0 if suffix in self.suffixes else 0.0

    def parse(self, text: str, *, title_hint: str = "") -> Document:
        builders = [SectionBuilder("", 0)]
        for line in text.split("\n"):
            if line.startswith("#"):
                level = len(line) - len(line.lstrip("#"))
                heading = collapse_spaces(line.lstrip("#"))
                builders.append(SectionBuilder(heading, level, has_heading=True))
                builders[-1].add(ParagraphKind.HEADING, heading)
            elif line.startswith("=>"):
                parts = line[2:].split(maxsplit=1)
                builders[-1].add(ParagraphKind.TEXT, parts[-1] if parts else "")
            elif line.startswith("* "):
                builders[-1].add(ParagraphKind.LIST_ITEM, line[2:])
            else:
                builders[-1].add(ParagraphKind.TEXT, line)
        return assemble(builders, title=title_hint, source_format=self.name)

    def title(self, head: str) -> str:
        return next((line.lstrip("# ") for line in head.split("\n") if line.startswith("#")), "")


class GzipMarkdownLoader(DocumentLoader):
    """Markdown packed with gzip, recognised by the gzip signature whatever its name."""

    name = "markdown-gzip"
    label = "packed Markdown"
    suffixes = (".gz",)

    def recognises(self, head: bytes) -> bool:
        return head.startswith(b"\x1f\x8b")

    def load(self, file: DocumentFile) -> Document:
        try:
            text = gzip.decompress(file.read_bytes()).decode("utf-8")
        except (OSError, EOFError, zlib.error, UnicodeDecodeError):
            raise DocumentError("This packed file is damaged.") from None
        document = parse_document(text, "markdown", title_hint=file.title_hint)
        document.source_format = self.name
        return document

    def library_details(self, file: DocumentFile) -> ListingDetails:
        return ListingDetails("Packed: " + file.title_hint)


@pytest.fixture
def gemtext() -> Iterator[None]:
    """Gemtext registered for one test."""
    registry.register(GemtextLoader())
    yield
    registry.unregister("gemtext")


@pytest.fixture
def packed() -> Iterator[None]:
    """Packed Markdown registered for one test."""
    registry.register(GzipMarkdownLoader())
    yield
    registry.unregister("markdown-gzip")


GEMTEXT = "# Garden diary\n\nPlanted beans today. They grow fast.\n\n## Tools\n\n* A spade\n"


def test_a_registered_text_format_opens_and_lists(tmp_path: Path, gemtext: None) -> None:
    """One registration: the file opens through the shared decoding, and the library lists
    it with the title the format finds."""
    path = tmp_path / "diary.gmi"
    path.write_bytes(b"\xef\xbb\xbf" + GEMTEXT.encode("utf-8"))
    document = load_document(path)
    assert document.source_format == "gemtext"
    assert document.encoding == "utf-8"
    assert [s.title for s in document.sections] == ["Garden diary", "Tools"]
    assert document.sections[0].children[0].title == "Tools"
    assert [s.text for s in document.sections[0].sentences][1:] == [
        "Planted beans today.", "They grow fast."]
    assert entry_for(path) is not None
    assert [(e.title, e.format) for e in discover([tmp_path], include_bundled=False)] == [
        ("Garden diary", "gemtext")]
    assert parse_document(GEMTEXT, "gemtext").sections[1].title == "Tools"


def test_an_unregistered_format_is_neither_listed_nor_parsed(tmp_path: Path) -> None:
    """Without the registration the suffix means nothing to the library."""
    path = tmp_path / "diary.gmi"
    path.write_text(GEMTEXT, encoding="utf-8")
    assert entry_for(path) is None
    with pytest.raises(DocumentError, match='Unknown document format "gemtext"; use markdown'):
        parse_document(GEMTEXT, "gemtext")


def test_a_binary_format_is_recognised_by_content(tmp_path: Path, packed: None) -> None:
    """A binary format is chosen by its signature even without its suffix, and listed."""
    path = tmp_path / "notes"
    path.write_bytes(gzip.compress(b"# Packed notes\n\nKept small. Read aloud.\n"))
    document = load_document(path)
    assert document.source_format == "markdown-gzip"
    assert document.path == path
    assert [s.text for s in document.sections[0].sentences] == [
        "Packed notes", "Kept small.", "Read aloud."]
    entries = discover([tmp_path], include_bundled=False)
    assert [(e.title, e.format) for e in entries] == [("Packed: Notes", "markdown-gzip")]
    broken = tmp_path / "broken.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00 not really packed")
    with pytest.raises(DocumentError, match=r"^broken\.gz: This packed file is damaged\.$"):
        load_document(broken)


def test_a_loader_bug_becomes_a_plain_message(tmp_path: Path) -> None:
    """Whatever a registered loader raises, the reader gets one DocumentError."""

    class Careless(GzipMarkdownLoader):
        name = "careless"

        def load(self, file: DocumentFile) -> Document:
            raise KeyError("oops")

    registry.register(Careless())
    try:
        path = tmp_path / "any.gz"
        path.write_bytes(gzip.compress(b"text"))
        with pytest.raises(DocumentError, match="could not be understood"):
            load_document(path)
    finally:
        registry.unregister("careless")


def test_the_registry_imports_no_parser_until_a_document_is_read() -> None:
    """Start-up cost: asking the registry for formats and suffixes loads no parser."""
    code = (
        "import sys\n"
        "from alsreader.document.registry import registry\n"
        "registry.suffixes(); registry.describe()\n"
        "heavy = [m for m in ('markdown_it', 'sentencex', 'alsreader.document.builder',"
        " 'alsreader._vendor.readability', 'lxml')"
        " if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
