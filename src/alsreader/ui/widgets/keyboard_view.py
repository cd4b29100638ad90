"""The Talk screen's keyboard on screen: the predicted words, the letter rows, the editing
keys beside them, then marks and numbers -- one :class:`KeyCap` per key of the layout.

The layout and what each key does are :mod:`alsreader.talk.keyboard`'s; this widget only
shows them, and keeps one key per scan target id (``key:e``, ``word:0``) so the screen can
hand the scanner, the pointer and dwell the same keys the benchmark counts. Extra keys
(the alarm, Save, Back) are given by the screen and stand beside the editing keys.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.widget import Widget
from textual.widgets import Static

from alsreader.document.decode import one_line
from alsreader.talk.keyboard import (
    KEYBOARD,
    NO_WORD_ID,
    SPEAK_KEY,
    WORDS_ROW,
    Key,
    KeyboardLayout,
    KeyRow,
)
from alsreader.ui.widgets.key_cap import KeyCap

NO_WORDS = "No words yet"
"""What the first word key says while there is nothing to predict."""


class KeyboardView(Widget):
    """Every key of the layout, and the screen's extra keys beside the editing keys."""

    DEFAULT_CSS = """
    KeyboardView {
        height: auto;
        width: 1fr;
    }
    KeyboardView Horizontal {
        height: 3;
    }
    KeyboardView #keyboard-body {
        height: auto;
    }
    KeyboardView #letters {
        width: 3fr;
        height: auto;
        grid-rows: 3;
    }
    KeyboardView .no-key {
        height: 3;
    }
    KeyboardView #side-keys {
        width: 2fr;
        height: auto;
        grid-size: 2;
        grid-rows: 3;
    }
    """

    def __init__(self, extra: Sequence[tuple[str, str]], *, words: int,
                 layout: KeyboardLayout = KEYBOARD, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keyboard = layout
        """The keys shown."""
        self.keys: dict[str, KeyCap] = {}
        """Every key by its scan target id."""
        self._extra = list(extra)
        self._words = max(0, words)

    def _key(self, target_id: str, label: str) -> KeyCap:
        key = KeyCap(label, target_id, id="key-" + "".join(
            c if c.isalnum() or c in "_-" else f"_{ord(c):x}" for c in target_id))
        self.keys[target_id] = key
        return key

    def compose(self) -> ComposeResult:
        """Words, then letters beside the editing keys, then marks and numbers."""
        letters: list[KeyRow] = []
        side: list[Key] = []
        rest: list[Key] = []
        for row in self.keyboard.rows:
            if row.name == WORDS_ROW:
                continue
            if SPEAK_KEY in row.keys:
                side.extend(row.keys)
            elif any(key.action == "space" or key.text.isalpha() for key in row.keys):
                letters.append(row)
            else:
                rest.extend(row.keys)
        if self._words:  # none: word prediction is off, and the row is not there
            with Horizontal(id="words"):
                for index in range(self._words):
                    yield self._key(f"word:{index}", "")
        with Horizontal(id="keyboard-body"):
            columns = max((len(row.keys) for row in letters), default=1)
            letter_grid = Grid(id="letters")
            letter_grid.styles.grid_size_columns = columns
            with letter_grid:
                # Every letter in its column: a shorter row ends in empty cells.
                for row in letters:
                    for key in row.keys:
                        yield self._key(key.id, key.label)
                    for _ in range(columns - len(row.keys)):
                        yield Static("", classes="no-key")
            with Grid(id="side-keys"):
                for key in side:
                    yield self._key(key.id, key.label)
                for target_id, label in self._extra:
                    yield self._key(target_id, label)
        with Horizontal(id="marks"):
            for key in rest:
                yield self._key(key.id, key.label)

    @property
    def word_keys(self) -> int:
        """How many predicted words the top row has room for."""
        return self._words

    def show_predictions(self, words: Sequence[str]) -> None:
        """Put ``words`` (best first) on the word keys; the first says so when there are none."""
        for index in range(self._words):
            key = self.keys[f"word:{index}"]
            word = one_line(words[index]) if index < len(words) else ""
            key.label = word or (NO_WORDS if index == 0 and not words else "")
            key.set_class(not word, "-inert")

    def key_for(self, target_id: str) -> KeyCap | None:
        """The key a scan target stands for (``word:none`` is the first word key)."""
        if target_id == NO_WORD_ID:
            return self.keys.get("word:0")
        return self.keys.get(target_id)
