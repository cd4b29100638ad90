"""Open a document: read the file, decode it, choose the loader, build the Document.

``load_document`` and ``parse_document`` raise only :class:`DocumentError`, with a
message written for the person using the reader; anything unexpected inside a loader is
turned into one too, so a strange file can never crash the reader.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alsreader.document.decode import clean_text, one_line
from alsreader.document.files import MAX_BYTES, DocumentFile, open_document_file
from alsreader.document.model import Document, DocumentError
from alsreader.document.registry import DocumentLoader, TextLoader, registry

__all__ = ["MAX_BYTES", "load_document", "open_document", "parse_document", "sniff_format"]

_UNSUPPORTED = {
    ".doc": "Word",
    ".docx": "Word",
    ".odt": "OpenDocument",
    ".rtf": "Rich Text",
    ".mobi": "Kindle",
    ".pages": "Pages",
}
"""Formats people often have that alsreader has no loader for, and what they are called.
A suffix some registered loader reads is not refused."""


def sniff_format(text: str, suffix: str = "") -> str:
    """The text format for ``text``: by suffix when it is known, else by what the text
    looks like. A ``.txt`` file (or one without a suffix) that is plainly an HTML page is
    read as HTML."""
    return registry.text_loader_for(text, suffix.lower()).name


def parse_document(text: str, fmt: str, *, title_hint: str = "") -> Document:
    """A Document from text in memory; ``fmt`` names a text format ("markdown", "text",
    "html", or another registered one).

    Control characters and terminal escape sequences are removed first. Raises only
    DocumentError.
    """
    loader = registry.get(fmt)
    if not isinstance(loader, TextLoader):
        names = [known.name for known in registry.text_loaders()]
        choices = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]
        raise DocumentError(f'Unknown document format "{fmt}"; use {choices}.')
    return _guarded(lambda: loader.parse(clean_text(text), title_hint=title_hint))


def _guarded(parse: Callable[[], Document]) -> Document:
    """Run a loader; anything it raises but DocumentError becomes one, plainly worded."""
    try:
        with _collection_paused():
            return parse()
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
    """Read the whole file at ``path`` into a Document. Raises only DocumentError."""
    from alsreader.document.pending import is_complete, load_rest

    document = open_document(path)
    if is_complete(document):
        return document
    with _collection_paused():
        load_rest(document)
    if document.sentence_count == 0:
        name = one_line(Path(path).name)
        raise DocumentError(f"{name}: There is no text to read in this book.")
    return document


def open_document(path: Path) -> Document:
    """The file at ``path`` as a Document, a long book's parts left to be read when first
    needed (see :mod:`alsreader.document.pending`; ``Section.loaded``). The reader opens
    books this way, to read the saved place first. Raises only DocumentError."""
    try:
        return _load(Path(path))
    except DocumentError:
        raise
    except Exception as error:  # anything unforeseen still becomes a plain message
        raise DocumentError(
            f"{one_line(Path(path).name)} could not be read ({type(error).__name__})."
        ) from error


def _load(path: Path) -> Document:
    file = open_document_file(path)
    loader = choose_loader(file)
    try:
        document = _guarded(lambda: loader.load(file))
    except DocumentError as error:
        raise DocumentError(f"{file.name}: {error}") from error.__cause__
    document.path = file.path
    return document


def choose_loader(file: DocumentFile) -> DocumentLoader:
    """The format to read ``file`` in: a binary format recognised by its first bytes or
    its suffix, else the text format most sure of the decoded text.

    Raises DocumentError for a format alsreader has no loader for, and for a file that is
    not text (from decoding).
    """
    loader = registry.by_content(file.head, file.suffix)
    if loader is not None:
        return loader
    if file.suffix in _UNSUPPORTED and file.suffix not in registry.suffixes():
        raise DocumentError(
            f"{file.name} is a {_UNSUPPORTED[file.suffix]} file, which alsreader cannot read "
            "yet. Save it as text, Markdown or a web page (HTML) and open that."
        )
    return registry.text_loader_for(file.decoded().text, file.suffix)
