"""What was said on the Talk screen lately, to say again in one selection.

Kept on this computer only (:func:`alsreader.locations.talk_history_file`, written
atomically after each change, private to the user), never logged, and cleared by a
caregiver with one command. Only the words are kept: no times, nothing about who was there.
A file that cannot be read starts an empty history and says why; it is never a crash.
No Textual here.
"""

from __future__ import annotations

import json
from pathlib import Path

from alsreader import locations
from alsreader.atomic import atomic_write_text
from alsreader.document.decode import one_line

KEPT = 30
"""How many of the last things said are kept (the most recent first)."""
FORMAT = 1
"""The file's format number."""
LARGEST_FILE = 200_000
"""Bytes; a history file past this is not read (it holds a few dozen sentences)."""


class TalkHistory:
    """The last things said, the most recent first, each once."""

    def __init__(self, path: Path | None = None, *, kept: int = KEPT) -> None:
        self.path = Path(path) if path is not None else locations.talk_history_file()
        """Where the history is kept."""
        self.kept = kept
        """How many are kept."""
        self.notice = ""
        """Why the file could not be read ("" when it could, or there was none)."""
        self.problem = ""
        """Why the last change could not be written ("" when it was)."""
        self._said: list[str] = self._read()

    @property
    def said(self) -> list[str]:
        """What was said, the most recent first."""
        return list(self._said)

    @property
    def last(self) -> str | None:
        """What was said last, or None."""
        return self._said[0] if self._said else None

    def add(self, text: str) -> None:
        """Remember ``text`` as said just now (once: saying it again moves it to the front)."""
        words = one_line(text)
        if not words:
            return
        self._said = [words, *(said for said in self._said if said != words)][: self.kept]
        self._write()

    def clear(self) -> None:
        """Forget everything said (the file is emptied, not left behind)."""
        self._said = []
        self._write()

    def _read(self) -> list[str]:
        try:
            with self.path.open("rb") as handle:
                data = handle.read(LARGEST_FILE + 1)
        except FileNotFoundError:
            return []
        except OSError as error:
            self.notice = f"{self.path.name} cannot be read ({error.strerror or error})"
            return []
        if len(data) > LARGEST_FILE:
            self.notice = f"{self.path.name} is far too big to be a history; it was not read"
            return []
        try:
            content = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self.notice = f"{self.path.name} is not a history alsreader can read; it starts empty"
            return []
        said = content.get("said") if isinstance(content, dict) else None
        if not isinstance(said, list):
            self.notice = f"{self.path.name} is not a history alsreader can read; it starts empty"
            return []
        found: list[str] = []
        for item in said:
            words = one_line(item) if isinstance(item, str) else ""
            if words and words not in found:
                found.append(words)
        return found[: self.kept]

    def _write(self) -> None:
        text = json.dumps({"format": FORMAT, "said": self._said}, ensure_ascii=False, indent=1)
        try:
            atomic_write_text(self.path, text + "\n")
        except OSError as error:
            self.problem = f"the history could not be saved ({error.strerror or error})"
        else:
            self.problem = ""
