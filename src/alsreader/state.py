"""Reading state: where the reader is in every document, bookmarks, and the last document.

Kept as JSON in :func:`alsreader.locations.state_file` and rewritten atomically (temporary
file, fsync, rename) on every change, so a crash or a power cut costs at most the sentence
being read. A damaged file is never fatal: it is moved aside as
``state.json.corrupt-<time>``, reading starts fresh, and :attr:`ReadingState.notices` says
so. All methods are safe to call from any thread.

This module never imports Textual.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from alsreader import locations
from alsreader.atomic import atomic_write_text, remove_leftovers, set_aside
from alsreader.document.model import Document, Position

FORMAT_VERSION = 1
FINGERPRINT_CHARS = 60
"""How much of the sentence at a saved place is kept, to find the place again in a changed
file."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def document_key(path: Path | str) -> str:
    """How a document is known in the state: its resolved absolute path as text."""
    return str(Path(path).expanduser().resolve())


@dataclass(frozen=True)
class Bookmark:
    """A place the reader marked, with a label for the list and when it was made (ISO)."""

    section: int
    sentence: int
    label: str
    created: str

    @property
    def position(self) -> Position:
        """The bookmarked place."""
        return Position(self.section, self.sentence)


@dataclass
class DocumentState:
    """What is remembered about one document."""

    position: Position
    fraction: float = 0.0
    """Share of the document read, 0.0 to 1.0 (for the library's progress column)."""
    last_read: str = ""
    """When the place last changed (ISO 8601, UTC)."""
    section_title: str = ""
    """Title of the section at ``position``, to show without loading the document."""
    bookmarks: list[Bookmark] = field(default_factory=list)
    fingerprint: str = ""
    """The start of the sentence at ``position`` (see :func:`sentence_fingerprint`)."""


def sentence_fingerprint(text: str) -> str:
    """A short, whitespace-insensitive copy of a sentence's start, to recognise it by."""
    return " ".join(text.split())[:FINGERPRINT_CHARS]


def find_again(document: Document, position: Position, fingerprint: str) -> Position:
    """The saved place in ``document``: ``position`` if its sentence still starts with
    ``fingerprint``, else the nearest sentence (in reading order) that does, else the
    nearest valid position. A file edited since the place was saved keeps its place."""
    here = document.clamp(position)
    if not fingerprint:
        return here
    sentence = document.sentence_at(here)
    if sentence is not None and sentence_fingerprint(sentence.text) == fingerprint:
        return here
    places = [(Position(section.index, number), sentence.text)
              for section in document.sections
              for number, sentence in enumerate(section.sentences)]
    middle = min(document.ordinal(here), len(places) - 1)
    for distance in range(len(places)):
        for index in (middle + distance, middle - distance):
            if 0 <= index < len(places) and sentence_fingerprint(places[index][1]) == fingerprint:
                return places[index][0]
    return here


class ReadingState:
    """Positions, bookmarks and the last document, saved on every change."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        clock: Callable[[], datetime] = _now,
        durable: bool = True,
    ) -> None:
        """An empty state that will be saved at ``path`` (default: the state file).

        ``durable=False`` skips fsync (still atomic); only for tests and benchmarks.
        """
        self.path = Path(path) if path is not None else locations.state_file()
        self.notices: list[str] = []
        """Things the reader or caregiver should be told (e.g. the file was damaged)."""
        self.last_error: str | None = None
        """Why the last save failed, or None if it worked (saving failures never raise)."""
        self._clock = clock
        self._durable = durable
        self._lock = threading.RLock()
        self._documents: dict[str, DocumentState] = {}
        self._last_document: str | None = None

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(
        cls,
        path: Path | None = None,
        *,
        clock: Callable[[], datetime] = _now,
        durable: bool = True,
    ) -> ReadingState:
        """Read the state file; a missing one gives an empty state, a damaged one is moved
        aside (with a notice) and what could be read is kept. Never raises."""
        state = cls(path, clock=clock, durable=durable)
        # A reader killed while saving leaves its temporary file; the saved file is whole.
        remove_leftovers(state.path)
        try:
            raw = state.path.read_bytes()
        except FileNotFoundError:
            return state
        except OSError as error:
            state.notices.append(
                f"Saved reading places could not be read ({error.strerror or error}); "
                "starting without them."
            )
            return state
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (ValueError, UnicodeDecodeError, RecursionError):
            state._set_aside("could not be read")
            return state
        damaged = state._read(data)
        if damaged:
            state._set_aside(f"had {damaged} damaged entr{'y' if damaged == 1 else 'ies'}",
                             keep_rest=True)
        return state

    def _read(self, data: dict[str, Any]) -> int:
        """Fill in from parsed JSON; returns how many entries had to be dropped."""
        damaged = 0
        documents = data.get("documents", {})
        if not isinstance(documents, dict):
            return 1
        for key, entry in documents.items():
            parsed = _document_from_json(entry)
            if parsed is None or not isinstance(key, str):
                damaged += 1
            else:
                self._documents[key] = parsed
        last = data.get("last_document")
        if isinstance(last, str):
            self._last_document = last
        elif last is not None:
            damaged += 1
        return damaged

    def _set_aside(self, what: str, *, keep_rest: bool = False) -> None:
        kept = set_aside(self.path, self._clock())
        rest = "the rest was kept" if keep_rest else "starting fresh"
        self.notices.append(f"The saved reading places {what}; {kept}; {rest}.")
        if keep_rest:
            self.save()

    # ------------------------------------------------------------------ reading

    @property
    def last_document(self) -> Path | None:
        """The document read most recently, or None."""
        with self._lock:
            return Path(self._last_document) if self._last_document else None

    def document(self, doc_path: Path | str) -> DocumentState | None:
        """A copy of what is remembered about one document, or None."""
        with self._lock:
            entry = self._documents.get(document_key(doc_path))
            return _copy(entry) if entry is not None else None

    def documents(self) -> dict[str, DocumentState]:
        """Every remembered document by key (copies)."""
        with self._lock:
            return {key: _copy(entry) for key, entry in self._documents.items()}

    def get_position(self, doc_path: Path | str) -> Position | None:
        """Where reading stopped in this document, or None if it was never opened."""
        with self._lock:
            entry = self._documents.get(document_key(doc_path))
            return entry.position if entry is not None else None

    def place_in(self, document: Document) -> Position | None:
        """Where reading stopped in ``document``, found again by its sentence if the file
        changed since (see :func:`find_again`); None if it was never opened."""
        if document.path is None:
            return None
        with self._lock:
            entry = self._documents.get(document_key(document.path))
            if entry is None:
                return None
            position, fingerprint = entry.position, entry.fingerprint
        return find_again(document, position, fingerprint)

    def bookmarks(self, doc_path: Path | str) -> list[Bookmark]:
        """This document's bookmarks, oldest first."""
        with self._lock:
            entry = self._documents.get(document_key(doc_path))
            return list(entry.bookmarks) if entry is not None else []

    # ------------------------------------------------------------------ changing

    def set_position(
        self,
        doc_path: Path | str,
        position: Position,
        *,
        fraction: float,
        section_title: str | None = None,
        sentence: str | None = None,
    ) -> bool:
        """Remember the place in a document (and that it is the last one) and save.
        ``sentence`` is the text there, kept short so the place can be found again if the
        file changes (see :meth:`place_in`).

        Returns False if saving failed (see :attr:`last_error`); it never raises for that.
        """
        key = document_key(doc_path)
        with self._lock:
            entry = self._documents.get(key)
            if entry is None:
                entry = self._documents[key] = DocumentState(position)
            entry.position = position
            entry.fraction = _fraction(fraction)
            entry.last_read = self._stamp()
            if section_title is not None:
                entry.section_title = section_title
            entry.fingerprint = sentence_fingerprint(sentence) if sentence else ""
            self._last_document = key
            return self.save()

    def add_bookmark(self, doc_path: Path | str, position: Position, label: str = "") -> Bookmark:
        """Bookmark a place (a second bookmark at the same place replaces the first)."""
        key = document_key(doc_path)
        with self._lock:
            entry = self._documents.get(key)
            if entry is None:
                entry = self._documents[key] = DocumentState(position, last_read=self._stamp())
            bookmark = Bookmark(position.section, position.sentence, label, self._stamp())
            entry.bookmarks = [b for b in entry.bookmarks if b.position != position]
            entry.bookmarks.append(bookmark)
            entry.bookmarks.sort(key=lambda b: b.position)
            self.save()
            return bookmark

    def remove_bookmark(self, doc_path: Path | str, position: Position) -> bool:
        """Remove the bookmark at ``position``; True if there was one."""
        with self._lock:
            entry = self._documents.get(document_key(doc_path))
            if entry is None:
                return False
            kept = [b for b in entry.bookmarks if b.position != position]
            if len(kept) == len(entry.bookmarks):
                return False
            entry.bookmarks = kept
            self.save()
            return True

    def forget(self, doc_path: Path | str) -> None:
        """Forget a document entirely (place and bookmarks)."""
        key = document_key(doc_path)
        with self._lock:
            self._documents.pop(key, None)
            if self._last_document == key:
                self._last_document = None
            self.save()

    def save(self) -> bool:
        """Write the whole state atomically; False (and :attr:`last_error`) if that failed."""
        with self._lock:
            text = json.dumps(self._to_json(), ensure_ascii=False, separators=(",", ":"))
            try:
                atomic_write_text(self.path, text, durable=self._durable)
            except OSError as error:
                self.last_error = f"Reading places could not be saved: {error.strerror or error}"
                return False
            self.last_error = None
            return True

    def _stamp(self) -> str:
        return self._clock().isoformat(timespec="seconds")

    def _to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "last_document": self._last_document,
            "documents": {
                key: {
                    "section": entry.position.section,
                    "sentence": entry.position.sentence,
                    "fraction": entry.fraction,
                    "last_read": entry.last_read,
                    "section_title": entry.section_title,
                    "fingerprint": entry.fingerprint,
                    "bookmarks": [
                        {"section": b.section, "sentence": b.sentence, "label": b.label,
                         "created": b.created}
                        for b in entry.bookmarks
                    ],
                }
                for key, entry in self._documents.items()
            },
        }


def _copy(entry: DocumentState) -> DocumentState:
    return DocumentState(entry.position, entry.fraction, entry.last_read, entry.section_title,
                         list(entry.bookmarks), entry.fingerprint)


def _fraction(value: float) -> float:
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        return 0.0
    return min(max(float(value), 0.0), 1.0)


def _index(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _document_from_json(entry: object) -> DocumentState | None:
    if not isinstance(entry, dict):
        return None
    section, sentence = _index(entry.get("section")), _index(entry.get("sentence"))
    if section is None or sentence is None:
        return None
    fraction = entry.get("fraction", 0.0)
    last_read = entry.get("last_read", "")
    title = entry.get("section_title", "")
    fingerprint = entry.get("fingerprint", "")
    raw_bookmarks = entry.get("bookmarks", [])
    if (not isinstance(fraction, (int, float)) or not isinstance(last_read, str)
            or not isinstance(title, str) or not isinstance(raw_bookmarks, list)
            or not isinstance(fingerprint, str)):
        return None
    bookmarks: list[Bookmark] = []
    for raw in raw_bookmarks:
        if not isinstance(raw, dict):
            return None
        b_section, b_sentence = _index(raw.get("section")), _index(raw.get("sentence"))
        label, created = raw.get("label", ""), raw.get("created", "")
        if b_section is None or b_sentence is None or not isinstance(label, str) \
                or not isinstance(created, str):
            return None
        bookmarks.append(Bookmark(b_section, b_sentence, label, created))
    return DocumentState(Position(section, sentence), _fraction(fraction), last_read, title,
                         bookmarks, sentence_fingerprint(fingerprint))
