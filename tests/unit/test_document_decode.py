"""Encodings, binary input and unsafe characters, through the real file loader."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from alsreader.document import DocumentError, load_document, parse_document
from alsreader.document.decode import clean_text, decode_bytes

TEXT = "Café au lait\n\nThe naïve señor paid 5 € for a crème brûlée. It was “good”.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def all_text(path: Path) -> str:
    document = load_document(path)
    return "\n".join(section.text for section in document.sections)


@pytest.mark.parametrize(
    ("encoded", "label"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
    ],
)
def test_unicode_encodings_read_the_same(tmp_path: Path, encoded: bytes, label: str) -> None:
    """UTF-8 with or without a byte order mark, UTF-16 and UTF-32 with one: same text."""
    path = write(tmp_path, "menu.txt", encoded)
    document = load_document(path)
    assert document.encoding == label
    assert document.notices == []
    assert document.title == "Café au lait"
    assert "crème brûlée" in all_text(path)
    assert "\ufeff" not in all_text(path)


def test_utf16_without_mark_is_recognised(tmp_path: Path) -> None:
    """Windows tools sometimes write UTF-16 with no mark; the zero bytes give it away."""
    path = write(tmp_path, "notes.txt", TEXT.encode("utf-16-le"))
    assert "naïve señor" in all_text(path)


def test_legacy_encoding_is_read_and_reported(tmp_path: Path) -> None:
    """A cp1252 file is read, and the user is told in plain words."""
    path = write(tmp_path, "old.txt", TEXT.encode("cp1252"))
    document = load_document(path)
    assert document.encoding == "cp1252"
    assert "crème brûlée" in all_text(path)
    assert "“good”" in all_text(path)
    assert len(document.notices) == 1
    assert "UTF-8" in document.notices[0]
    assert "old.txt" in document.notices[0]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        bytes(range(256)) * 20,
        bytes((i * 97 + 13) % 256 for i in range(8192)),
        b"\x7fELF\x02\x01\x01" + b"\x00" * 64,
        b"PK\x03\x04" + bytes((i * 31) % 256 for i in range(2000)),
        bytes(range(1, 256)) * 30,  # no zero byte at all, still not text
    ],
)
def test_binary_input_raises_one_clear_error(tmp_path: Path, data: bytes) -> None:
    """Pictures, programs and archives give one plain DocumentError."""
    path = write(tmp_path, "mystery.txt", data)
    with pytest.raises(DocumentError, match="does not look like text"):
        load_document(path)


def test_non_latin_legacy_text_is_read_with_a_notice(tmp_path: Path) -> None:
    """A Cyrillic legacy file is not refused as binary; the notice says how to fix it."""
    path = write(tmp_path, "letter.txt", "Привет, как дела? Всё хорошо.\n".encode("cp1251"))
    document = load_document(path)
    assert document.encoding == "cp1252"
    assert "save it again as UTF-8" in document.notices[0]


def test_damaged_utf16_is_reported(tmp_path: Path) -> None:
    """A UTF-16 mark followed by bytes that are not UTF-16 is a clear error."""
    path = write(tmp_path, "broken.txt", codecs.BOM_UTF16_LE + b"a\x00\x00\xd8")
    with pytest.raises(DocumentError, match="damaged"):
        load_document(path)


def test_terminal_escapes_and_controls_are_removed() -> None:
    """Colour codes, window-title sequences and stray controls never reach the screen."""
    raw = (
        "Plain \x1b[31mred\x1b[0m text.\x07 Bell\x00 gone.\x1b]0;evil title\x07 End\x9b2J."
        "\r\nNext\rline\x0cpage\ttab."
    )
    cleaned = clean_text(raw)
    assert cleaned == "Plain red text. Bell gone. End.\nNext\nline\npage\ttab."
    assert not any(ord(c) < 32 and c not in "\n\t" for c in cleaned)


def test_zero_width_direction_marks_and_emoji_stay() -> None:
    """Characters that are text (not controls) are kept exactly."""
    text = "Family 👨\u200d👩\u200d👧 and \u200fשלום\u200e and zero\u200bwidth and ١٢٣."
    assert clean_text(text) == text
    document = parse_document(text, "text")
    assert document.sections[0].sentences[-1].text.endswith("١٢٣.")
    assert "👨\u200d👩\u200d👧" in document.sections[0].text


def test_decoded_text_from_bytes_is_clean() -> None:
    """Escape sequences inside a file are removed on the way in."""
    decoded = decode_bytes(b"Title\n\n\x1b[2JCleared? No.\n")
    assert decoded.text == "Title\n\nCleared? No.\n"
    assert decoded.encoding == "utf-8"
