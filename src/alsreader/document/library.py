"""The library: readable documents in the bundled content and in extra folders.

Finding titles must stay quick even for a folder of large books, so only the first few
kilobytes of each file are read: the front matter title or first heading of Markdown,
the <title> of HTML, the first line of text. The welcome guide comes first in the
bundled content; everything else is in natural title order ("Part 2" before "Part 10").
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from alsreader import locations
from alsreader.document.decode import clean_text, decode_head, one_line
from alsreader.document.files import HEAD_BYTES, MAX_BYTES, DocumentFile, title_from_name
from alsreader.document.registry import DocumentLoader, ListingDetails, registry

SIGNATURE_BYTES = 1024
"""How much of a file of no known suffix is read to see whether it is a book."""
MAX_DEPTH = 3
"""How deep into subfolders the library looks."""
MAX_ENTRIES = 5000
"""A folder with more documents than this is cut short rather than listed forever."""
WELCOME_STEM = "welcome"


@dataclass(frozen=True)
class LibraryEntry:
    """A document the reader can open: where it is, its title and its format."""

    path: Path
    title: str
    format: str
    """The name of the format it is read in ("markdown", "text", "html", ...)."""
    author: str = ""
    """Who wrote it, when the file says (books do)."""


@dataclass
class LibraryScan:
    """What a look through the library folders found, and what it had to leave out."""

    entries: list[LibraryEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """One plain, terminal-safe line for each document-like entry that could not be used
    (a symlink loop, a broken link, a pipe, an entry alsreader may not read, ...)."""


def discover(
    folders: Iterable[Path] = (), *, include_bundled: bool = True
) -> list[LibraryEntry]:
    """Readable documents in the bundled content (first) and in ``folders``, in order.

    Folders that are missing or cannot be read are skipped; each document is listed once.
    :func:`scan_library` also says what was skipped.
    """
    return scan_library(folders, include_bundled=include_bundled).entries


def scan_library(folders: Iterable[Path] = (), *, include_bundled: bool = True) -> LibraryScan:
    """Like :func:`discover`, with a line of explanation for each entry that was skipped."""
    roots: list[Path] = []
    if include_bundled:
        roots.append(locations.bundled_content_dir())
    roots.extend(Path(folder).expanduser() for folder in folders)
    seen: set[Path] = set()
    scan = LibraryScan()
    for root in roots:
        found = _scan(root, seen, scan.skipped)
        # Files of a folder before those of its subfolders, so a caregiver's
        # arrangement into folders shows.
        found.sort(key=functools.partial(_sort_key, root=root))
        scan.entries.extend(found)
        if len(scan.entries) >= MAX_ENTRIES:
            del scan.entries[MAX_ENTRIES:]
            break
    return scan


def entry_for(path: Path) -> LibraryEntry | None:
    """The library entry for one file, or None if it is not a readable document.

    A file is readable when some format reads its suffix, or recognises its first bytes
    (a book without its suffix); only the first few kilobytes are read.
    """
    entry = _entry_or_reason(path)
    return entry if isinstance(entry, LibraryEntry) else None


def _entry_or_reason(path: Path) -> LibraryEntry | str | None:
    """The entry for ``path``; why a document-named entry cannot be used; or None for a
    file that is simply not a document (another suffix, empty, binary)."""
    suffix = path.suffix.lower()
    # A file of no known suffix is only checked for a format's signature, and is not worth
    # a note when it cannot be read (it is most likely not a document at all).
    known = suffix in registry.suffixes()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # Opening a named pipe would wait for a writer for ever.
            return "not a document file (a pipe or a device)" if known else None
        if info.st_size > MAX_BYTES:
            return f"too large to read ({info.st_size // (1024 * 1024)} MB)" if known else None
        if info.st_size == 0:
            return None
        with path.open("rb") as handle:
            head_bytes = handle.read(HEAD_BYTES if known else SIGNATURE_BYTES)
    except OSError as error:
        return _why(error) if known else None
    file = DocumentFile(path=path, name=one_line(path.name), size=info.st_size, head=head_bytes)
    loader: DocumentLoader | None = registry.by_content(head_bytes, suffix)
    if loader is None:
        if not known:
            return None
        if b"\x00" in head_bytes and not head_bytes.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None
        loader = registry.text_loader_for(clean_text(decode_head(head_bytes)), suffix)
    try:
        details = loader.library_details(file)
    except Exception:  # a strange file is listed under its name rather than breaking the list
        details = ListingDetails()
    return LibraryEntry(path=path, title=one_line(details.title) or _title_from_name(path),
                        format=loader.name, author=one_line(details.author))


def _why(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a link that leads back to itself (a symlink loop)"
    if error.errno == errno.ENOENT:
        return "a link to something that is not there"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "alsreader is not allowed to read it"
    return f"cannot be read ({error.strerror or type(error).__name__})"


def _note(path: Path, reason: str) -> str:
    # File names may hold escape sequences meant for the terminal.
    return f"Skipped {one_line(str(path))}: {reason}."


def _scan(root: Path, seen: set[Path], skipped: list[str]) -> list[LibraryEntry]:
    entries: list[LibraryEntry] = []
    if not root.is_dir():
        return entries

    def unreadable_folder(error: OSError) -> None:
        where = Path(error.filename) if error.filename is not None else root
        skipped.append(_note(where, _why(error)))

    base_depth = len(root.parts)
    for folder, subfolders, files in os.walk(root, onerror=unreadable_folder):
        depth = len(Path(folder).parts) - base_depth
        # Hidden folders hold settings and caches, not reading.
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and depth < MAX_DEPTH)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            try:
                key = path.resolve()
            except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
                key = path  # the look below says what is wrong with it
            if key in seen:
                continue
            entry = _entry_or_reason(path)
            if isinstance(entry, str):
                note = _note(path, entry)
                if note not in skipped:
                    skipped.append(note)
            elif entry is not None:
                seen.add(key)
                entries.append(entry)
                if len(entries) >= MAX_ENTRIES:
                    return entries
    return entries


def _title_from_name(path: Path) -> str:
    return title_from_name(path) or one_line(path.name)


def _sort_key(
    entry: LibraryEntry, root: Path
) -> tuple[bool, list[list[tuple[int, int | str]]], list[tuple[int, int | str]]]:
    try:
        folders = entry.path.parent.relative_to(root).parts
    except ValueError:
        folders = ()
    return (
        entry.path.stem.casefold() != WELCOME_STEM,
        [_natural(folder) for folder in folders],
        _natural(entry.title),
    )


def _natural(text: str) -> list[tuple[int, int | str]]:
    """A sort key in which "Part 2" comes before "Part 10"."""
    return [
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"(\d+)", text.casefold())
        if part
    ]
