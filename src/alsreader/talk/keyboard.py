"""The scanning keyboard: a fixed layout, its keys' effect on the text, and its scan order.

Stable API (the Talk screen builds on it; ``bench/bench_keyboard.py`` measures it):

- :data:`KEYBOARD`: the layout, a :class:`KeyboardLayout` of :class:`KeyRow` s in scan order:
  the row of predicted words first, then three letter rows, Speak and the delete keys, the
  last two letter rows, then marks and numbers. Letters are placed by their frequency in
  English (the word list's letter counts, :data:`LETTERS_BY_FREQUENCY`), so the commonest
  letters cost the fewest scan steps; the layout never reorders itself, so a person can
  learn it.
- :func:`keyboard_targets` ``(predictions, *, words_row=True)``: the keyboard's
  :class:`~alsreader.access.scanner.ScanTarget` s in scan order, each row a group (row-column
  scanning); ``words_row=False`` when prediction is off (``talk.predictions`` is 0). Give
  them to ``Scanner.set_targets`` with its default ``group_threshold``; the benchmark counts
  steps over exactly these. Row names (the group ids) are the cues to speak.
- :class:`Typed` (the text being typed, and whether it has just been said) and
  :func:`press` ``(typed, target_id, predictions) -> KeyResult``: what activating a target
  does. A letter types itself; choosing a predicted word replaces the word being typed with
  it and adds a space; Space, Delete letter, Delete word and Clear edit; Speak hands back the
  text to say (the text stays on screen, and the next letter or word starts a new message).
- :func:`type_character` for keys mode (letters typed directly), :func:`key_for_character`.
- :func:`current_word` and :func:`words_before` split the text for the predictor.

Ids: letter and mark keys are ``key:<character>`` (``key:a``, ``key:'``); the others are
``key:space``, ``key:speak``, ``key:delete_letter``, ``key:delete_word``, ``key:clear``;
predicted words are ``word:0`` .. ``word:<n-1>`` in the order given (``word:none`` stands in
when there is none, so the rows never move).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from alsreader.access.scanner import ScanTarget
from alsreader.document.decode import one_line

KeyAction = Literal[
    "letter", "space", "delete_letter", "delete_word", "clear", "speak", "word", "none"
]
"""What a key does: type its character, edit, speak, or choose a predicted word."""

LETTERS_BY_FREQUENCY = "etaoinsrlchdumpgfybwvkxjqz"
"""The 26 letters, commonest first, as counted in the general word list (every letter of
every word, weighted by the word's frequency; see ``tests/unit/test_talk_keyboard.py``)."""

SPACE_RANK = 6
"""Where the space bar stands among the letters by frequency (0 = the cheapest key): after
the six commonest letters.

Space is the commonest character of English text, but choosing a predicted word types its
space too, so with prediction the key is pressed rarely; a word typed out in full (or typing
with prediction off) still needs it. Measured on the MacKenzie & Soukoreff phrases
(``bench/bench_keyboard.py``): 2.55 steps per character with prediction and 4.98 without for
this place, against 2.61 and 4.73 for the cheapest key and 2.53 and 5.66 for the last."""

LETTER_ROW_COUNT = 5
"""Letter rows, and letters per row at most (:data:`LETTER_COLUMNS`): 5 x 6 holds the 26
letters and space with every letter within 9 steps of the row start."""
LETTER_COLUMNS = 6

CONTROLS_AFTER = 3
"""Speak and the delete keys come after this many letter rows (the 17 commonest letters and
space): every message ends with Speak and every slip needs Delete, more often than the
rarest letters are typed. Measured (``bench/bench_keyboard.py``): 2.55 steps per character
here, 2.58 after all the letter rows; the letters stay in frequency order of steps."""

MARKS = ".,?!'-"
"""Marks on the keyboard (one row), besides letters and digits."""
DIGITS = "1234567890"

WORDS_ROW = "Words"
"""Group name of the row of predicted words."""
NO_WORD_ID = "word:none"
"""Stands in for the predicted words when there are none, so the rows never move."""
MAX_TEXT = 2000
"""Longest text the keyboard holds; typing stops there (a message, not a document)."""


@dataclass(frozen=True)
class Key:
    """One key: its target id, what it shows and says, and what it does."""

    id: str
    label: str
    action: KeyAction
    text: str = ""
    """The character a letter or mark key types."""


@dataclass(frozen=True)
class KeyRow:
    """One row of keys; a grouped row is one scan entry that is entered to pick a key."""

    name: str
    """Group name (spoken as the row's cue; also the group id in the scanner)."""
    keys: tuple[Key, ...]
    grouped: bool = True
    """False scans the row's keys one by one at the top level, without a group."""


@dataclass(frozen=True)
class KeyboardLayout:
    """Rows in scan order; the row named :data:`WORDS_ROW` holds the predicted words."""

    rows: tuple[KeyRow, ...]
    keys: dict[str, Key] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = {key.id: key for row in self.rows for key in row.keys}
        object.__setattr__(self, "keys", keys)

    def key(self, target_id: str) -> Key | None:
        """The fixed key with this id (not a predicted word), or None."""
        return self.keys.get(target_id)


def _letter_key(char: str) -> Key:
    return Key(f"key:{char}", char, "letter", char)


SPACE_KEY = Key("key:space", "Space", "space", " ")
SPEAK_KEY = Key("key:speak", "Speak", "speak")
DELETE_LETTER_KEY = Key("key:delete_letter", "Delete letter", "delete_letter")
DELETE_WORD_KEY = Key("key:delete_word", "Delete word", "delete_word")
CLEAR_KEY = Key("key:clear", "Clear", "clear")


def diagonal_rows(keys: Sequence[Key], rows: int, columns: int) -> tuple[tuple[Key, ...], ...]:
    """Place ``keys`` (commonest first) so that cheaper keys are reached in fewer steps.

    In row-column scanning, the key in row r, column c (both from 1) costs r + c steps, so
    the cells are filled in order of r + c (the diagonals), the upper row first on a tie.
    """
    cells = sorted(((r, c) for r in range(rows) for c in range(columns)),
                   key=lambda cell: (cell[0] + cell[1], cell[0]))
    if len(keys) > len(cells):
        raise ValueError(f"{len(keys)} keys do not fit in {rows} rows of {columns}")
    grid: list[dict[int, Key]] = [{} for _ in range(rows)]
    for key, (r, c) in zip(keys, cells, strict=False):
        grid[r][c] = key
    return tuple(tuple(row[c] for c in sorted(row)) for row in grid if row)


def _build_layout() -> KeyboardLayout:
    by_frequency = [_letter_key(char) for char in LETTERS_BY_FREQUENCY]
    by_frequency.insert(SPACE_RANK, SPACE_KEY)
    letter_rows = diagonal_rows(by_frequency, LETTER_ROW_COUNT, LETTER_COLUMNS)
    rows = [KeyRow(WORDS_ROW, ())]
    rows += [KeyRow(" ".join(key.label if key is not SPACE_KEY else "space" for key in row), row)
             for row in letter_rows]
    rows.insert(1 + CONTROLS_AFTER, KeyRow(
        "Speak and delete", (SPEAK_KEY, DELETE_LETTER_KEY, DELETE_WORD_KEY, CLEAR_KEY)))
    rows.append(KeyRow("Marks", tuple(_letter_key(char) for char in MARKS)))
    rows.append(KeyRow("Numbers 1 to 5", tuple(_letter_key(char) for char in DIGITS[:5])))
    rows.append(KeyRow("Numbers 6 to 0", tuple(_letter_key(char) for char in DIGITS[5:])))
    return KeyboardLayout(tuple(rows))


KEYBOARD = _build_layout()
"""The keyboard, fixed: Words, three letter rows, Speak and delete, two letter rows, marks,
numbers."""


def keyboard_targets(predictions: Sequence[str], layout: KeyboardLayout = KEYBOARD, *,
                     words_row: bool = True) -> tuple[ScanTarget, ...]:
    """The keyboard's scan targets in scan order, with the predicted words in their row.

    Each grouped row is a scanner group (row-column scanning): select the row, then the key.
    ``predictions`` are shown in the order given (best first); with none, one inert
    :data:`NO_WORD_ID` target keeps the Words row in its place. ``words_row=False`` (word
    prediction turned off) leaves the Words row out, so every letter is one step nearer.
    """
    targets: list[ScanTarget] = []
    for row in layout.rows:
        group = row.name if row.grouped else None
        if row.name == WORDS_ROW:
            if not words_row:
                continue
            words = [ScanTarget(f"word:{index}", one_line(word), group)
                     for index, word in enumerate(predictions)]
            targets += words or [ScanTarget(NO_WORD_ID, "No words yet", group)]
        targets += [ScanTarget(key.id, key.label, group) for key in row.keys]
    return tuple(targets)


# ---- the text being typed ----------------------------------------------------------------


@dataclass(frozen=True)
class Typed:
    """The text being typed, and whether it has just been spoken."""

    text: str = ""
    said: bool = False
    """True right after Speak: the text stays shown, and the next letter or word chosen
    starts a new message (an edit key edits it instead, to say it again corrected)."""

    @property
    def context(self) -> str:
        """The text predictions continue: empty once said (a new message comes next)."""
        return "" if self.said else self.text


@dataclass(frozen=True)
class KeyResult:
    """What a key press led to."""

    typed: Typed
    speak: str | None = None
    """The text to say (Speak with something typed), else None."""
    word: str | None = None
    """The predicted word chosen, if one was."""


def is_word_character(char: str) -> bool:
    """Whether ``char`` belongs inside a word (a letter of any script, or an apostrophe)."""
    return char.isalpha() or char in "'’"


def current_word(text: str) -> str:
    """The word being typed: the letters (and apostrophes) at the end of ``text``."""
    end = len(text)
    start = end
    while start > 0 and is_word_character(text[start - 1]):
        start -= 1
    return text[start:end]


def words_before(text: str) -> str:
    """``text`` without the word being typed (what the next word follows)."""
    return text[: len(text) - len(current_word(text))]


def _fresh(typed: Typed) -> str:
    return "" if typed.said else typed.text


def _append(text: str, addition: str) -> str:
    return (text + addition)[:MAX_TEXT]


def choose_word(text: str, word: str) -> str:
    """``text`` with the word being typed replaced by ``word``, and a space after it."""
    return _append(words_before(text), one_line(word).strip() + " ")


def delete_letter(text: str) -> str:
    """``text`` without its last character."""
    return text[:-1]


def delete_word(text: str) -> str:
    """``text`` without its last word (and the spaces after it)."""
    stripped = text.rstrip()
    kept = stripped[: len(stripped) - len(current_word(stripped))]
    if kept == stripped and stripped:
        # The text ends in a mark or a digit: take the run of them back to the last space.
        kept = stripped[: stripped.rfind(" ") + 1] if " " in stripped else ""
    return kept


def clear(_text: str) -> str:
    """An empty text."""
    return ""


def press(typed: Typed, target_id: str, predictions: Sequence[str] = (),
          layout: KeyboardLayout = KEYBOARD) -> KeyResult:
    """What activating ``target_id`` (from :func:`keyboard_targets` with the same
    ``predictions``) does to ``typed``. Unknown ids change nothing."""
    if target_id.startswith("word:") and target_id != NO_WORD_ID:
        try:
            word = predictions[int(target_id.removeprefix("word:"))]
        except (ValueError, IndexError):
            return KeyResult(typed)
        return KeyResult(Typed(choose_word(_fresh(typed), word)), word=word)
    key = layout.key(target_id)
    if key is None:
        return KeyResult(typed)
    return _press_key(typed, key)


def _press_key(typed: Typed, key: Key) -> KeyResult:
    if key.action in ("letter", "space"):
        return KeyResult(Typed(_append(_fresh(typed), key.text)))
    if key.action == "speak":
        said = typed.text.strip()
        return KeyResult(replace(typed, said=bool(said)), speak=said or None)
    edits: dict[str, Callable[[str], str]] = {
        "delete_letter": delete_letter, "delete_word": delete_word, "clear": clear}
    edit = edits.get(key.action)
    if edit is None:
        return KeyResult(typed)
    return KeyResult(Typed(edit(typed.text)))


def key_for_character(char: str, layout: KeyboardLayout = KEYBOARD) -> Key | None:
    """The key that types ``char`` (letters in lower case), or None if there is none."""
    if char == " ":
        return layout.key(SPACE_KEY.id)
    return layout.key(f"key:{char.lower()}")


def type_character(typed: Typed, char: str) -> Typed:
    """Keys mode: ``char`` typed directly (upper-case letters kept). Characters the keyboard
    has no key for (control characters, emoji) change nothing."""
    if key_for_character(char) is None or len(char) != 1:
        return typed
    return Typed(_append(_fresh(typed), char))
