"""The loader registry: every document format alsreader reads, and how each is recognised.

A format is a :class:`DocumentLoader` (an abstract class, after harlequin's adapter and
plugin registry): its name, its suffixes, how it recognises its content from a file's
first bytes, and how a file becomes a :class:`Document`. Text formats (Markdown, plain
text, HTML) derive from :class:`TextLoader`, which decodes the bytes once for all of them
and chooses among them by how sure each is of the decoded text; binary formats (books)
get the file itself.

Adding a format is one new module with its loader class and one line in
:data:`BUILTIN_LOADERS` (or one :func:`register_loader` call from elsewhere): opening,
the library listing and ``alsreader outline`` all ask this registry.

Start-up cost matters, so this module imports no loader until one is asked for, and a
loader module itself must stay light: its parser and heavy libraries are imported inside
its methods, when a document of that format is opened.
"""

from __future__ import annotations

import importlib
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from alsreader.document.decode import DecodedText, clean_text, decode_head
from alsreader.document.files import DocumentFile
from alsreader.document.model import Document

BUILTIN_LOADERS = (
    "alsreader.document.text_loaders:MarkdownLoader",
    "alsreader.document.text_loaders:PlainTextLoader",
    "alsreader.document.text_loaders:HtmlLoader",
    "alsreader.document.epub:EpubLoader",
    "alsreader.document.pdf:PdfLoader",
)
"""The formats alsreader ships with, as ``module:class``; imported on first use, in order
(on equal confidence the earlier one wins)."""

SNIFF_CHARS = 4096
"""How much decoded text the text loaders look at to say how sure they are."""


@dataclass(frozen=True)
class ListingDetails:
    """What the library shows of a file without opening it fully."""

    title: str = ""
    """"" when the file names none (the library then makes one from the file name)."""
    author: str = ""


class DocumentLoader(ABC):
    """One document format: its name, its suffixes, how it is recognised, how it is read."""

    name: ClassVar[str]
    """Short id, recorded as ``Document.source_format`` ("markdown", "epub")."""
    label: ClassVar[str]
    """What the format is called in messages ("Markdown", "EPUB")."""
    suffixes: ClassVar[tuple[str, ...]]
    """File suffixes of the format, lower case with the dot (".md")."""

    def recognises(self, head: bytes) -> bool:
        """Whether a file's first bytes are surely this format (a signature such as
        "%PDF-"). Formats without one (plain text) are chosen by suffix or decoded text."""
        return False

    @abstractmethod
    def load(self, file: DocumentFile) -> Document:
        """Read ``file`` into a Document; raise DocumentError with a plain message if it
        cannot be read. (Other exceptions are turned into one by the caller.)"""

    def library_details(self, file: DocumentFile) -> ListingDetails:
        """Title and author to list the file under in the library, found quickly."""
        return ListingDetails()


class TextLoader(DocumentLoader):
    """A format that is text: the bytes are decoded once (in :mod:`.decode`) for all."""

    @abstractmethod
    def confidence(self, head: str, suffix: str) -> float:
        """How sure this format is (0.0 to 1.0) that decoded text starting with ``head``,
        from a file with ``suffix`` ("" for none), is written in it; 0.0 means not at all."""

    @abstractmethod
    def parse(self, text: str, *, title_hint: str = "") -> Document:
        """A Document from clean decoded text; ``title_hint`` names it if the text does not."""

    def title(self, head: str) -> str:
        """The document's title from the first few kilobytes of its clean text ("" if none)."""
        return ""

    def parse_decoded(self, decoded: DecodedText, *, title_hint: str = "") -> Document:
        """Like :meth:`parse`, taking the text from ``decoded`` (:meth:`DecodedText.take_text`);
        a format that reads a large file in one pass can let go of what it has read."""
        return self.parse(decoded.take_text(), title_hint=title_hint)

    def load(self, file: DocumentFile) -> Document:
        """Decode the file (shared by every text format) and parse it."""
        decoded = file.take_decoded()
        document = self.parse_decoded(decoded, title_hint=file.title_hint)
        document.encoding = decoded.encoding
        document.notices.extend(decoded.notices)
        return document

    def library_details(self, file: DocumentFile) -> ListingDetails:
        """The title from the decoded head of the file."""
        return ListingDetails(self.title(clean_text(decode_head(file.head))))


class LoaderRegistry:
    """The known formats, in order; safe to use from any thread."""

    def __init__(self, builtin: tuple[str, ...] = ()) -> None:
        """A registry that imports the ``module:class`` loaders in ``builtin`` on first use."""
        self._builtin = builtin
        self._loaders: list[DocumentLoader] | None = None
        self._extra: list[DocumentLoader] = []
        self._lock = threading.Lock()

    def register(self, loader: DocumentLoader) -> None:
        """Add a format (replacing a registered one of the same name)."""
        with self._lock:
            self._extra = [known for known in self._extra if known.name != loader.name]
            self._extra.append(loader)
            self._loaders = None

    def unregister(self, name: str) -> None:
        """Remove a format added with :meth:`register` (built-in formats stay)."""
        with self._lock:
            self._extra = [known for known in self._extra if known.name != name]
            self._loaders = None

    def loaders(self) -> list[DocumentLoader]:
        """Every format, built-in first (later registrations replace same-named ones)."""
        with self._lock:
            if self._loaders is None:
                replaced = {loader.name for loader in self._extra}
                builtin = [loader for loader in _import_all(self._builtin)
                           if loader.name not in replaced]
                self._loaders = builtin + self._extra
            return list(self._loaders)

    def get(self, name: str) -> DocumentLoader | None:
        """The format called ``name``, or None."""
        return next((loader for loader in self.loaders() if loader.name == name), None)

    def text_loaders(self) -> list[TextLoader]:
        """The text formats, in order."""
        return [loader for loader in self.loaders() if isinstance(loader, TextLoader)]

    def suffixes(self) -> frozenset[str]:
        """Every suffix some format reads."""
        return frozenset(suffix for loader in self.loaders() for suffix in loader.suffixes)

    def describe(self) -> str:
        """The formats in words, for help and messages: "Markdown, text or web page (HTML)"."""
        labels = [loader.label for loader in self.loaders()]
        if len(labels) < 2:
            return "".join(labels)
        return ", ".join(labels[:-1]) + " or " + labels[-1]

    def by_content(self, head: bytes, suffix: str) -> DocumentLoader | None:
        """The binary format for a file: first by its signature (a renamed book is still a
        book), then by its suffix; None when the file should be read as text."""
        loaders = [loader for loader in self.loaders() if not isinstance(loader, TextLoader)]
        for loader in loaders:
            if loader.recognises(head):
                return loader
        return next((loader for loader in loaders if suffix in loader.suffixes), None)

    def text_loader_for(self, text: str, suffix: str = "") -> TextLoader:
        """The text format most sure of ``text`` (its first :data:`SNIFF_CHARS`); plain
        text when none is."""
        head = text[:SNIFF_CHARS]
        best: TextLoader | None = None
        best_score = 0.0
        for loader in self.text_loaders():
            score = loader.confidence(head, suffix)
            if score > best_score:
                best, best_score = loader, score
        if best is None:
            fallback = self.get("text")
            if not isinstance(fallback, TextLoader):
                raise LookupError("no text format is registered")
            return fallback
        return best


def _import_all(specs: tuple[str, ...]) -> list[DocumentLoader]:
    loaders: list[DocumentLoader] = []
    for spec in specs:
        module_name, _, class_name = spec.partition(":")
        loader_class = getattr(importlib.import_module(module_name), class_name)
        loaders.append(loader_class())
    return loaders


registry = LoaderRegistry(BUILTIN_LOADERS)
"""The registry every part of alsreader asks."""


def register_loader(loader: DocumentLoader) -> None:
    """Add a document format to alsreader (see :meth:`LoaderRegistry.register`)."""
    registry.register(loader)
