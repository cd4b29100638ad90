"""Open a document: read the file, decode it, choose the loader, build the Document.

``load_document`` and ``parse_document`` raise only :class:`DocumentError`, with a
message written for the person using the reader; anything unexpected inside a loader is
turned into one too, so a strange file can never crash the reader.
"""

from __future__ import annotations

import gc
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alsreader.document.decode import clean_text, decode_bytes, one_line
from alsreader.document.html import parse_html
from alsreader.document.markdown import parse_markdown
from alsreader.document.model import Document, DocumentError
from alsreader.document.plaintext import parse_plaintext

FORMATS = ("markdown", "text", "html")
MAX_BYTES = 64 * 1024 * 1024
"""Larger files are refused: reading them aloud would take weeks, and memory is finite."""

SUFFIX_FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
"""Suffixes alsreader reads, and the loader each one means."""

_UNSUPPORTED = {
    ".pdf": "PDF",
    ".doc": "Word",
    ".docx": "Word",
    ".odt": "OpenDocument",
    ".rtf": "Rich Text",
    ".epub": "EPUB",
    ".mobi": "Kindle",
    ".pages": "Pages",
}

_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|h[1-6]|br|li|a\s|span|table)\b[^>]*>", re.I)
_MD_SIGNS = re.compile(
    r"^(?:#{1,6}\s+\S|```|~~~|\s{0,3}[-*+]\s+\S|\s{0,3}>\s|---\s*$|.*\]\([^)\s]+\))", re.M
)


def sniff_format(text: str, suffix: str = "") -> str:
    """The loader for ``text``: by suffix when it is known, else by what the text looks like.

    A ``.txt`` file (or one without a suffix) that is plainly an HTML page is read as HTML.
    """
    known = SUFFIX_FORMATS.get(suffix.lower())
    head = text[:4096]
    if known in ("markdown", "html"):
        return known
    if _HTML_START.match(head):
        return "html"
    if known == "text":
        return "text"
    if len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    if len(_MD_SIGNS.findall(head)) >= 2:
        return "markdown"
    return "text"


def parse_document(text: str, fmt: str, *, title_hint: str = "") -> Document:
    """A Document from text in memory; ``fmt`` is "markdown", "text" or "html".

    Control characters and terminal escape sequences are removed first. Raises only
    DocumentError.
    """
    if fmt not in FORMATS:
        raise DocumentError(f'Unknown document format "{fmt}"; use markdown, text or html.')
    try:
        with _collection_paused():
            cleaned = clean_text(text)
            if fmt == "markdown":
                document = parse_markdown(cleaned, title_hint=title_hint)
            elif fmt == "html":
                document = parse_html(cleaned, title_hint=title_hint)
            else:
                document = parse_plaintext(cleaned, title_hint=title_hint)
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError("This document is nested too deeply to be read.") from None
    except MemoryError:
        raise DocumentError("This document is too large to read.") from None
    except Exception as error:  # a loader bug must not crash the reader
        raise DocumentError(
            f"This document could not be understood ({type(error).__name__})."
        ) from error
    return document


@contextmanager
def _collection_paused() -> Iterator[None]:
    # Parsing makes hundreds of thousands of small objects and no reference cycles; the
    # cycle collector would run dozens of times for nothing (about 15% of a large parse).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_document(path: Path) -> Document:
    """Read the file at ``path`` into a Document. Raises only DocumentError."""
    try:
        return _load(Path(path))
    except DocumentError:
        raise
    except Exception as error:  # anything unforeseen still becomes a plain message
        raise DocumentError(
            f"{one_line(Path(path).name)} could not be read ({type(error).__name__})."
        ) from error


def _load(path: Path) -> Document:
    path = path.expanduser()
    # Messages quote the name: a file name may hold escape sequences meant for the terminal.
    name = one_line(path.name or str(path))
    data = _read_bytes(path, name)
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise DocumentError(
            f"{name} is a {_UNSUPPORTED[suffix]} file, which alsreader cannot read yet. "
            "Save it as text, Markdown or a web page (HTML) and open that."
        )
    decoded = decode_bytes(data, name=name)
    fmt = sniff_format(decoded.text, suffix)
    try:
        document = parse_document(decoded.text, fmt, title_hint=_title_from_name(path))
    except DocumentError as error:
        raise DocumentError(f"{name}: {error}") from error.__cause__
    document.path = path
    document.encoding = decoded.encoding
    document.notices.extend(decoded.notices)
    return document


def _read_bytes(path: Path, name: str) -> bytes:
    where = one_line(str(path))
    try:
        if path.is_dir():
            raise DocumentError(f"{where} is a folder, not a document. Choose a file inside it.")
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A named pipe or a device would block the read forever (or never end).
            raise DocumentError(
                f"{name} is not a document file (it is a pipe or a device), so it cannot be read."
            )
        size = info.st_size
        if size > MAX_BYTES:
            raise DocumentError(
                f"{name} is too large ({size // (1024 * 1024)} MB); alsreader reads files up "
                f"to {MAX_BYTES // (1024 * 1024)} MB."
            )
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DocumentError(f"There is no file at {where}.") from None
    except IsADirectoryError:
        raise DocumentError(
            f"{where} is a folder, not a document. Choose a file inside it."
        ) from None
    except PermissionError:
        raise DocumentError(
            f"alsreader is not allowed to read {where} (permission denied)."
        ) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise DocumentError(f"{where} could not be read: {reason}.") from None


def _title_from_name(path: Path) -> str:
    """A title from a file name: "als-overview.md" becomes "Als overview"."""
    # A file name may hold escape sequences and control characters; a title never does.
    words = one_line(re.sub(r"[-_]+", " ", path.stem))
    return words[:1].upper() + words[1:] if words else ""
