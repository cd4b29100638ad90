"""The library: readable documents in the bundled content and in extra folders.

Finding titles must stay quick even for a folder of large books, so only the first few
kilobytes of each file are read: the front matter title or first heading of Markdown,
the <title> of HTML, the first line of text. The welcome guide comes first in the
bundled content; everything else is in natural title order ("Part 2" before "Part 10").
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from alsreader import locations
from alsreader.document.decode import clean_text, one_line
from alsreader.document.html import html_title
from alsreader.document.loader import MAX_BYTES, SUFFIX_FORMATS, sniff_format
from alsreader.document.markdown import markdown_title

HEAD_BYTES = 8192
"""How much of each file is read to find its title."""
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
    """"markdown", "text" or "html"."""


def discover(
    folders: Iterable[Path] = (), *, include_bundled: bool = True
) -> list[LibraryEntry]:
    """Readable documents in the bundled content (first) and in ``folders``, in order.

    Folders that are missing or cannot be read are skipped; each document is listed once.
    """
    roots: list[Path] = []
    if include_bundled:
        roots.append(locations.bundled_content_dir())
    roots.extend(Path(folder).expanduser() for folder in folders)
    seen: set[Path] = set()
    entries: list[LibraryEntry] = []
    for root in roots:
        found = _scan(root, seen)
        # Files of a folder before those of its subfolders, so a caregiver's
        # arrangement into folders shows.
        found.sort(key=functools.partial(_sort_key, root=root))
        entries.extend(found)
        if len(entries) >= MAX_ENTRIES:
            return entries[:MAX_ENTRIES]
    return entries


def entry_for(path: Path) -> LibraryEntry | None:
    """The library entry for one file, or None if it is not a readable document."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        return None
    try:
        size = path.stat().st_size
        if size > MAX_BYTES or size == 0:
            return None
        with path.open("rb") as handle:
            head_bytes = handle.read(HEAD_BYTES)
    except OSError:
        return None
    if b"\x00" in head_bytes and not head_bytes.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    head = clean_text(_decode_head(head_bytes))
    fmt = sniff_format(head, suffix)
    if fmt == "markdown":
        title = markdown_title(head)
    elif fmt == "html":
        title = html_title(head)
    else:
        title = _text_title(head)
    return LibraryEntry(path=path, title=title or _title_from_name(path), format=fmt)


def _scan(root: Path, seen: set[Path]) -> list[LibraryEntry]:
    entries: list[LibraryEntry] = []
    if not root.is_dir():
        return entries
    base_depth = len(root.parts)
    for folder, subfolders, files in os.walk(root, onerror=None):
        depth = len(Path(folder).parts) - base_depth
        # Hidden folders hold settings and caches, not reading.
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and depth < MAX_DEPTH)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            try:
                key = path.resolve()
            except OSError:
                continue
            if key in seen:
                continue
            entry = entry_for(path)
            if entry is not None:
                seen.add(key)
                entries.append(entry)
                if len(entries) >= MAX_ENTRIES:
                    return entries
    return entries


def _decode_head(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # The head may end inside a character; that only costs the last letter.
        return data[: len(data) - len(data) % 2].decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3:
            return data[: error.start].decode("utf-8", errors="replace")
        return data.decode("cp1252", errors="replace")


def _text_title(head: str) -> str:
    for line in head.split("\n"):
        stripped = " ".join(line.split())
        if stripped:
            if len(stripped) > 80:
                cut = stripped[:80].rsplit(" ", 1)[0]
                return cut + "…"
            return stripped
    return ""


def _title_from_name(path: Path) -> str:
    # A file name may hold escape sequences and control characters; a title never does.
    words = one_line(re.sub(r"[-_]+", " ", path.stem))
    return words[:1].upper() + words[1:] if words else one_line(path.name)


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
