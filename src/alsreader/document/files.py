"""A file about to be opened as a document: checked once, its first bytes read once.

Every loader gets a :class:`DocumentFile`: text formats ask it for the decoded text
(one decoding step for all of them, in :mod:`alsreader.document.decode`), binary formats
for the bytes or the path. Operating-system failures become one plain
:class:`DocumentError` here, so no loader has to word them again.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from alsreader.document.decode import DecodedText, decode_bytes, one_line
from alsreader.document.model import DocumentError

MAX_BYTES = 64 * 1024 * 1024
"""Larger files are refused: reading them aloud would take weeks, and memory is finite."""
HEAD_BYTES = 8192
"""How much of a file is read first: enough to recognise any format and to title it."""


@dataclass
class DocumentFile:
    """A regular file that may be read: its path, its name for messages, its size and head."""

    path: Path
    name: str
    """The file's name made safe for a message (it may hold escape sequences)."""
    size: int
    head: bytes
    """The first :data:`HEAD_BYTES` bytes (all of a smaller file)."""
    _data: bytes | None = field(default=None, repr=False)
    _decoded: DecodedText | None = field(default=None, repr=False)

    @property
    def suffix(self) -> str:
        """The file's suffix in lower case ("" if it has none)."""
        return self.path.suffix.lower()

    @property
    def title_hint(self) -> str:
        """A title from the file name, for a document that has none of its own:
        "als-overview.md" becomes "Als overview" ("" if the name has no words)."""
        return title_from_name(self.path)

    def read_bytes(self) -> bytes:
        """The whole file (at most :data:`MAX_BYTES`), read once."""
        if self._data is None:
            if self.size <= len(self.head) and len(self.head) < HEAD_BYTES:
                self._data = self.head
            else:
                self._data = _guarded_read(self.path, self.name, MAX_BYTES + 1)
        return self._data

    def take_decoded(self) -> DecodedText:
        """The decoded text (as :meth:`decoded`), no longer kept here: the loader that
        reads it can let it go as it goes (:meth:`DecodedText.take_text`)."""
        decoded = self.decoded()
        self._decoded = None
        return decoded

    def decoded(self) -> DecodedText:
        """The whole file decoded to clean text, or DocumentError if it is not text."""
        if self._decoded is None:
            self._decoded = decode_bytes(self.read_bytes(), name=self.name)
            # The text is what is read now; a large file would be held twice.
            self._data = None
        return self._decoded


def title_from_name(path: Path) -> str:
    """A title from a file name: "als-overview.md" becomes "Als overview"."""
    # A file name may hold escape sequences and control characters; a title never does.
    words = one_line(re.sub(r"[-_]+", " ", path.stem))
    return words[:1].upper() + words[1:] if words else ""


def open_document_file(path: Path) -> DocumentFile:
    """Check that ``path`` is a regular file alsreader may read, and read its head.

    Raises DocumentError (missing, a folder, a pipe or device, too large, not allowed).
    """
    path = Path(path).expanduser()
    name = one_line(path.name or str(path))
    where = one_line(str(path))
    try:
        if path.is_dir():
            raise DocumentError(f"{where} is a folder, not a document. Choose a file inside it.")
        info = path.stat()
    except OSError as error:
        raise _os_error(error, where) from None
    if not stat.S_ISREG(info.st_mode):
        # A named pipe or a device would block the read forever (or never end).
        raise DocumentError(
            f"{name} is not a document file (it is a pipe or a device), so it cannot be read."
        )
    if info.st_size > MAX_BYTES:
        raise DocumentError(
            f"{name} is too large ({info.st_size // (1024 * 1024)} MB); alsreader reads files "
            f"up to {MAX_BYTES // (1024 * 1024)} MB."
        )
    head = _guarded_read(path, name, HEAD_BYTES)
    return DocumentFile(path=path, name=name, size=info.st_size, head=head)


def _guarded_read(path: Path, name: str, limit: int) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(limit)
    except OSError as error:
        raise _os_error(error, one_line(str(path))) from None


def _os_error(error: OSError, where: str) -> DocumentError:
    if isinstance(error, FileNotFoundError):
        return DocumentError(f"There is no file at {where}.")
    if isinstance(error, IsADirectoryError):
        return DocumentError(f"{where} is a folder, not a document. Choose a file inside it.")
    if isinstance(error, PermissionError):
        return DocumentError(f"alsreader is not allowed to read {where} (permission denied).")
    reason = error.strerror or type(error).__name__
    return DocumentError(f"{where} could not be read: {reason}.")
