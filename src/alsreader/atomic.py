"""Atomic file writes: a reader of the file sees the old content or the new, never half.

The new content goes to a temporary file in the same folder (so the rename cannot cross
file systems), is flushed to the disk, then renamed over the target; the folder is
flushed too so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from datetime import datetime
from pathlib import Path


def atomic_write_bytes(
    path: Path, data: bytes, *, durable: bool = True, new_file_mode: int = 0o600
) -> None:
    """Replace ``path`` with ``data`` atomically, creating its folder if needed.

    A new file gets ``new_file_mode`` (private by default: settings and reading state are
    personal); an existing file keeps its permissions.

    ``durable=False`` skips the two fsync calls: the write is still atomic (no half file)
    but the last change may be lost in a power cut. Callers that write very often and can
    lose one step (nothing can, here) may use it; everyone else keeps the default.
    """
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        # Keep the permissions the caregiver gave the file (mkstemp makes it 0600).
        mode = path.stat().st_mode & 0o7777 if path.exists() else new_file_mode
        with contextlib.suppress(OSError):
            os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    if durable:
        _fsync_folder(folder)


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; see :func:`atomic_write_bytes`."""
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)


def set_aside(path: Path, when: datetime) -> str:
    """Move a damaged file aside as ``<name>.corrupt-<when>`` (to be looked at, never read
    again) and say what became of it, for the message to the user. Never raises."""
    path = Path(path)
    aside = path.with_name(f"{path.name}.corrupt-{when.strftime('%Y%m%dT%H%M%S')}")
    try:
        os.replace(path, aside)
    except OSError as error:
        return f"it could not be kept aside ({error.strerror or error})"
    return f"a copy was kept as {aside.name}"


def remove_leftovers(path: Path, older_than_s: float = 10.0) -> int:
    """Delete temporary files of :func:`atomic_write_bytes` for ``path`` that a killed
    process left behind (older than ``older_than_s``, so a write in progress is never
    touched); returns how many were deleted. Never raises."""
    path = Path(path)
    removed = 0
    now = time.time()
    try:
        leftovers = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return 0
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > older_than_s:
                leftover.unlink()
                removed += 1
    return removed


def _fsync_folder(folder: Path) -> None:
    # Windows cannot open a folder for fsync; there the rename is already durable enough.
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
