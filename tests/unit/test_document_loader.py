"""Opening files: the loader is chosen well, and every failure is one plain DocumentError."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from alsreader.document import DocumentError, Position, load_document, parse_document
from alsreader.document.loader import sniff_format


def test_missing_file(tmp_path: Path) -> None:
    """A path with nothing there says so."""
    with pytest.raises(DocumentError, match="There is no file at"):
        load_document(tmp_path / "gone.md")


def test_folder_is_not_a_document(tmp_path: Path) -> None:
    """A folder is refused with a hint to choose a file."""
    with pytest.raises(DocumentError, match="is a folder"):
        load_document(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read any file")
def test_permission_denied(tmp_path: Path) -> None:
    """A file the user may not read is reported as such."""
    path = tmp_path / "secret.txt"
    path.write_text("Private.\n", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(DocumentError, match="permission denied"):
            load_document(path)
    finally:
        path.chmod(0o600)


def test_path_through_a_file_is_a_plain_error(tmp_path: Path) -> None:
    """Other operating-system errors also become plain messages."""
    path = tmp_path / "file.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(DocumentError, match="could not be read"):
        load_document(path / "inside.txt")


@pytest.mark.parametrize("name", ["letter.docx", "notes.odt", "story.mobi"])
def test_unsupported_formats_say_what_to_do(tmp_path: Path, name: str) -> None:
    """Formats alsreader cannot read yet are named, with what to do instead."""
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 binary \x00\x01")
    with pytest.raises(DocumentError, match="Save it as text, Markdown or a web page"):
        load_document(path)


@pytest.mark.parametrize("text", ["", "   \n\n\t  \n", "\x1b[0m\n"])
def test_empty_documents_have_nothing_to_read(tmp_path: Path, text: str) -> None:
    """An empty (or blank) file is a clear error rather than an empty reader."""
    path = tmp_path / "empty.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError, match="no text to read"):
        load_document(path)


def test_unknown_format_name_is_refused() -> None:
    """parse_document only knows the three formats."""
    with pytest.raises(DocumentError, match="Unknown document format"):
        parse_document("Text.", "pdf")


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("# Title\n\nText with [a link](x).\n\n- item\n", "", "markdown"),
        ("# Title\n\nText.\n", ".txt", "text"),
        ("<!doctype html><p>Hi</p>", ".txt", "html"),
        ("<html><body><p>Hi</p></body></html>", "", "html"),
        ("Plain words.\nMore words.\n", "", "text"),
        ("Plain words.\n", ".md", "markdown"),
        ("<p>a</p><p>b</p><div>c</div>", ".rst", "html"),
        ("Just a note", ".log", "text"),
    ],
)
def test_format_is_chosen_by_suffix_and_content(text: str, suffix: str, expected: str) -> None:
    """Known suffixes decide, except that an obvious web page is read as HTML."""
    assert sniff_format(text, suffix) == expected


def test_loaded_document_records_where_it_came_from(tmp_path: Path) -> None:
    """Path, format, encoding and a title from the file name are filled in."""
    path = tmp_path / "shopping-list.md"
    path.write_text("Milk and bread.\n\nAlso eggs.\n", encoding="utf-8")
    document = load_document(path)
    assert document.path == path
    assert document.source_format == "markdown"
    assert document.encoding == "utf-8"
    assert document.title == "Shopping list"


def test_position_survives_reloading(tmp_path: Path) -> None:
    """Loading the same file twice gives the same sentence at the same position."""
    path = tmp_path / "story.txt"
    path.write_text(
        "A story\n\nOnce upon a time. There was a reader.\n\nThe end came. Soon.\n",
        encoding="utf-8",
    )
    first, second = load_document(path), load_document(path)
    position = Position(0, 3)
    assert first.sentence_at(position) == second.sentence_at(position)
    assert first.sentence_at(position) is not None
    assert first.sentence_at(position).text == "The end came."  # type: ignore[union-attr]


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    """Section text is the paragraphs joined by a blank line, as the model promises."""
    document = parse_document("# T\n\nOne.\n\nTwo.\n", "markdown")
    section = document.sections[0]
    assert section.text == "T\n\nOne.\n\nTwo."
    assert [(p.start, p.end) for p in section.paragraphs] == [(0, 1), (3, 7), (9, 13)]
