"""Bytes to clean text: encodings, binary detection and removal of control characters.

A file may arrive as UTF-8 (with or without a byte order mark), UTF-16 or UTF-32 with a
byte order mark, or in a legacy Windows encoding (cp1252). Anything that does not look
like text raises one :class:`DocumentError` with a plain message.

Text shown in a terminal must not carry control characters or escape sequences: a
document could otherwise move the cursor, change colours or retitle the window. They are
removed here, once, so every loader works on clean text. Zero-width characters,
right-to-left marks and emoji are text and stay.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from alsreader.document.model import DocumentError

LEGACY_ENCODING = "cp1252"

_BOMS: list[tuple[bytes, str]] = [
    # UTF-32 first: its little-endian mark starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Escape sequences a terminal would act on: CSI (ESC [ ... final), OSC (ESC ] ... BEL or
# ESC \), the other ESC-introduced strings (DCS, SOS, PM, APC), and two-character escapes.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[ -~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
)

# Line breaks in every spelling become "\n" so offsets mean the same thing everywhere.
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_BREAK_MARKS = ("\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029")

# C0 controls except tab and newline, DEL, C1 controls, and lone surrogates (which cannot
# be shown or spoken).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# Bytes a text file practically never contains (all C0 controls but tab, newline, form
# feed, carriage return and escape).
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_BINARY_TABLE = bytes.maketrans(b"", b"")


@dataclass
class DecodedText:
    """Text decoded from a file, with the encoding used and anything the user should know."""

    text: str
    encoding: str
    notices: list[str] = field(default_factory=list)

    def take_text(self) -> str:
        """The text, handed over: this object holds it no more, so a parser can let a
        large text go once it has split it (it is "" afterwards)."""
        text, self.text = self.text, ""
        return text


def clean_text(text: str) -> str:
    """Text with unified line breaks and without control characters or escape sequences.

    Tabs and newlines stay; zero-width characters, direction marks and emoji stay.
    """
    # Substring tests are much faster than a regex scan, and usually all fail.
    if any(mark in text for mark in _BREAK_MARKS):
        text = _LINE_BREAKS.sub("\n", text)
    if "\x1b" in text or "\x9b" in text:
        text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def one_line(text: str) -> str:
    """Text safe to show as a one-line label (a file name, a title, a path in a message):
    escape sequences and control characters removed, line breaks and tabs made spaces."""
    return " ".join(clean_text(text).split())


def decode_bytes(data: bytes, *, name: str = "This file") -> DecodedText:
    """Decode a file's bytes to clean text, or raise DocumentError if it is not text.

    ``name`` is how the file is called in messages (for example its file name).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise DocumentError(
                    f"{name} says it is {_label(encoding)} text but is damaged, "
                    "so it cannot be read."
                ) from None
            _refuse_if_binary_text(text, name)
            return DecodedText(clean_text(text), _label(encoding))
    without_bom = _utf16_without_bom(data)
    if without_bom is not None:
        _refuse_if_binary_text(without_bom, name)
        return DecodedText(clean_text(without_bom), "utf-16")
    if b"\x00" in data:
        raise _binary(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data, name)
    _refuse_if_binary_text(text, name)
    return DecodedText(clean_text(text), "utf-8")


def decode_head(data: bytes) -> str:
    """The first bytes of a file as text, leniently (for titles and format sniffing): the
    head may end inside a character, and nothing is refused here."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # An odd length cuts the last character; that only costs the last letter.
        return data[: len(data) - len(data) % 2].decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:
            return data[: error.start].decode("utf-8", errors="replace")
        return data.decode(LEGACY_ENCODING, errors="replace")


def _decode_legacy(data: bytes, name: str) -> DecodedText:
    # Text, in any legacy encoding, has almost no control bytes; packed or binary data
    # has one in eight. (Non-Latin legacy text passes and shows wrong letters, with the
    # notice below saying what to do, which is better than refusing it.)
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(_BINARY_TABLE, _BINARY_BYTES))
    if controls > len(sample) * 0.02:
        raise _binary(name)
    text = data.decode(LEGACY_ENCODING, errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 200):
        raise _binary(name)
    notice = (
        f"{name} is not in the usual UTF-8 encoding. It was read as Windows Western "
        f"({LEGACY_ENCODING}); if some letters look wrong, save it again as UTF-8."
    )
    return DecodedText(clean_text(text), LEGACY_ENCODING, [notice])


def _utf16_without_bom(data: bytes) -> str | None:
    # Some Windows tools write UTF-16 without a byte order mark; for Latin text every
    # other byte is then zero. Only a clear pattern counts, so binary files stay binary.
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zero > half * 0.9 and even_zero == 0:
        encoding = "utf-16-le"
    elif even_zero > half * 0.9 and odd_zero == 0:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _refuse_if_binary_text(text: str, name: str) -> None:
    sample = text[:65536]
    if "\x00" in sample:
        raise _binary(name)
    # Escape characters are counted out: coloured logs are text with escape sequences.
    controls = len(_CONTROLS.findall(sample)) - sample.count("\x1b")
    if controls > max(2, len(sample) * 0.05):
        raise _binary(name)


def _binary(name: str) -> DocumentError:
    return DocumentError(
        f"{name} does not look like text (it may be a picture, a program or a packed "
        "file), so it cannot be read aloud."
    )


def _label(encoding: str) -> str:
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}.get(encoding, encoding)
