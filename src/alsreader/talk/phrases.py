"""The Talk screen's phrases: the caregiver's own instant phrases and categories of phrases.

They live in ``phrases.yaml`` beside the settings file (:func:`alsreader.locations.phrases_file`);
until it exists the starter set that ships with alsreader (``starter_phrases.yaml``, package
data read through :mod:`importlib.resources`) is used. The file is read as the settings file
is: PyYAML's ``compose`` with the safe loader only (plain nodes with their line and column,
nothing constructed), and each mistake is a located :class:`~alsreader.config.Problem` that
costs only itself -- a phrase that cannot be used is left out, a category that cannot be used
is left out, and after a YAML syntax error whatever can still be read is used
(:mod:`alsreader.config.recovery`).

The format::

    instant:                 # said right after yes, no, help, wait, thank you
      - Please call Anna.
    categories:
      Needs:                 # a category: its name and its phrases, in scan order
        - I am thirsty.      # the words shown and said
        - label: Toilet      # or a short label shown, and the words said
          say: I need to use the toilet, please.

:func:`save_phrase` adds a phrase to a category (or the instant phrases) by inserting one
line into the caregiver's text, so comments and even a broken part elsewhere stay as they
were; the result is checked before it is written atomically. No Textual here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from alsreader import locations
from alsreader.atomic import atomic_write_text
from alsreader.config.loading import (
    Problem,
    _Bad,
    _check_tag,
    _nearest,
    _read_text,
    _Reader,
    _show,
    _text,
)
from alsreader.config.recovery import recover, try_compose
from alsreader.document.decode import one_line

SECTIONS = ("instant", "categories")
"""What a phrases file holds."""
PHRASE_KEYS = ("label", "say")
"""What a phrase written as a group holds."""
INSTANT = "instant"
"""Where :func:`save_phrase` puts a phrase meant to be one of the instant phrases."""
LONGEST_PHRASE = 500
"""Characters; a phrase is something to say, not a document (longer ones are cut)."""
LONGEST_LABEL = 40
"""Characters of a label shown on a control (longer ones are cut)."""
STARTER_FILE = "starter_phrases.yaml"
"""The starter set's file name inside the package."""

_NULL = "tag:yaml.org,2002:null"
NAMED_LINES = "indented 'name: ...' lines"
"""What a group of the phrases file is written as, in messages."""


class PhraseSaveError(Exception):
    """A phrase could not be saved; the message says why, and nothing was written."""


@dataclass(frozen=True)
class Phrase:
    """Something to say: the words spoken, and the short label shown for them."""

    say: str
    """The words spoken (and shown in large text when said)."""
    label: str = ""
    """What the control shows; "" shows the words themselves."""

    @property
    def shown(self) -> str:
        """What a control shows for this phrase."""
        return self.label or self.say


@dataclass(frozen=True)
class Category:
    """A named list of phrases ("Needs")."""

    name: str
    phrases: tuple[Phrase, ...]


@dataclass
class PhraseBook:
    """The phrases in use, where they came from, and the problems found in the file."""

    instant: list[Phrase] = field(default_factory=list)
    """The caregiver's own instant phrases (after the built-in ones)."""
    categories: list[Category] = field(default_factory=list)
    """The categories, in file order."""
    path: Path | None = None
    """The caregiver's file, or None for the starter set."""
    problems: list[Problem] = field(default_factory=list)

    def category(self, name: str) -> Category | None:
        """The category called ``name`` (any case), or None."""
        wanted = name.casefold()
        return next((c for c in self.categories if c.name.casefold() == wanted), None)


def starter_text() -> str:
    """The starter phrases' YAML text, as shipped in the package."""
    return (files("alsreader.talk") / STARTER_FILE).read_text(encoding="utf-8")


def starter_phrases() -> PhraseBook:
    """The starter set (needs, comfort, feelings, people, questions)."""
    book = parse_phrases(starter_text())
    book.path = None
    return book


def load_phrases(path: Path | None = None) -> PhraseBook:
    """The caregiver's phrases (default: :func:`alsreader.locations.phrases_file`), or the
    starter set while there is no such file. Never raises for bad content: each problem is
    reported where it is and costs only itself; a file that cannot be read at all gives the
    starter set and says why."""
    path = Path(path) if path is not None else locations.phrases_file()
    problems: list[Problem] = []
    text = _read_text(path, problems, what="a phrases file",
                      instead="the starter phrases are used")
    if text is None:
        book = starter_phrases()
        book.problems = problems
        return book
    book = parse_phrases(text, source=path)
    book.problems[:0] = problems
    return book


def parse_phrases(text: str, *, source: Path | None = None) -> PhraseBook:
    """Phrases from YAML text already in memory; never raises for bad content."""
    reader = _PhraseReader(source)
    try:
        root, problem = try_compose(text)
    except Exception as error:  # a refused character, nesting far too deep: said, not raised
        reader.problem(f"this file cannot be read ({one_line(str(error))[:200]}); "
                       "the starter phrases are used")
        book = starter_phrases()
        book.path, book.problems = source, reader.problems
        return book
    if problem is not None:
        recovered = recover(text, problem)
        where = (problem.line + 1, (problem.column or 0) + 1) if problem.line is not None else None
        if recovered is None:
            reader.problem_at(where, f"YAML syntax error: {problem.what}; nothing in the file "
                                     "could be read, so the starter phrases are used")
            book = starter_phrases()
            book.path, book.problems = source, reader.problems
            return book
        reader.problem_at(where, f"YAML syntax error: {problem.what}; "
                                 f"{recovered.describe()}; everything else was used")
        root = recovered.root
    reader.read(root)
    return PhraseBook(reader.instant, reader.categories, source, reader.problems)


class _PhraseReader(_Reader):
    """One pass over a composed phrases file, collecting phrases and problems (located as
    the settings file's are)."""

    def __init__(self, source: Path | None) -> None:
        super().__init__(source, None, None)
        self.instant: list[Phrase] = []
        self.categories: list[Category] = []

    def problem_at(self, where: tuple[int, int] | None, message: str) -> None:
        line, column = where if where is not None else (None, None)
        self.problems.append(Problem(self.source, line, column, message))

    def _pairs(self, node: MappingNode, where: str) -> list[tuple[str, Node, Node]]:
        """Key text, key node and value node; a key given twice is said (the last is used)."""
        seen: dict[str, int] = {}
        pairs: dict[str, tuple[str, Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _NULL:
                self.problem(f"{where}{_show(key_node)} cannot be a name", key_node)
                continue
            key = one_line(str(key_node.value))
            if key.casefold() in seen:
                self.problem(f"{where}{key} is given twice (also on line "
                             f"{seen[key.casefold()]}); this one is used", key_node)
            seen[key.casefold()] = key_node.start_mark.line + 1
            pairs[key.casefold()] = (key, key_node, value_node)
        return list(pairs.values())

    def _items(self, node: Node, where: str) -> list[Node]:
        try:
            _check_tag(node)
        except _Bad as bad:
            self.problem(f"{where}: {bad.message}", node)
            return []
        if isinstance(node, ScalarNode) and node.tag == _NULL:
            return []
        if not isinstance(node, SequenceNode):
            self.problem(f"{where}: should be a list of phrases ('- ...' lines), not "
                         f"{_show(node)}; left out", node)
            return []
        return list(node.value)

    def read(self, root: Node | None) -> None:
        if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL):
            return
        mapping = self._mapping(root, "the file", NAMED_LINES)
        if mapping is None:
            return
        for name, key_node, value_node in self._pairs(mapping, ""):
            if name == "instant":
                self.instant = self._phrases(value_node, "instant")
            elif name == "categories":
                self._categories(value_node)
            else:
                self.problem(f"{name}: unknown section{_nearest(name, SECTIONS)} "
                             f"(a phrases file holds {' and '.join(SECTIONS)})", key_node)

    def _categories(self, node: Node) -> None:
        mapping = self._mapping(node, "categories", NAMED_LINES)
        if mapping is None:
            return
        for name, key_node, value_node in self._pairs(mapping, "categories."):
            if not name:
                self.problem("categories: a category needs a name; left out", key_node)
                continue
            phrases = self._phrases(value_node, f"categories.{name}")
            if phrases:
                self.categories.append(Category(name[:LONGEST_LABEL], tuple(phrases)))

    def _phrases(self, node: Node, where: str) -> list[Phrase]:
        found: list[Phrase] = []
        for index, item in enumerate(self._items(node, where)):
            phrase = self._phrase(item, f"{where}[{index + 1}]")
            if phrase is not None:
                found.append(phrase)
        return found

    def _phrase(self, item: Node, where: str) -> Phrase | None:
        try:
            if isinstance(item, MappingNode):
                return self._labelled(item, where)
            text = _text(item)
        except _Bad as bad:
            self.problem(f"{where}: {bad.message}; left out", bad.node or item)
            return None
        return self._made(text or "", "", item, where)

    def _labelled(self, item: MappingNode, where: str) -> Phrase | None:
        found: dict[str, Node] = {}
        for key, key_node, value_node in self._pairs(item, f"{where}."):
            if key not in PHRASE_KEYS:
                self.problem(f"{where}.{key}: unknown{_nearest(key, PHRASE_KEYS)} "
                             "(a phrase has label: and say:)", key_node)
                continue
            found[key] = value_node
        if "say" not in found:
            self.problem(f"{where}: the phrase needs say: (the words spoken); left out", item)
            return None
        say = _text(found["say"]) or ""
        label = (_text(found["label"]) or "") if "label" in found else ""
        return self._made(say, label, found["say"], where)

    def _made(self, say: str, label: str, node: Node, where: str) -> Phrase | None:
        words = one_line(say)
        if not words:
            self.problem(f"{where}: the phrase is empty; left out", node)
            return None
        if len(words) > LONGEST_PHRASE:
            self.problem(f"{where}: the phrase is {len(words)} characters long; only the "
                         f"first {LONGEST_PHRASE} are said", node)
            words = words[:LONGEST_PHRASE]
        return Phrase(words, one_line(label)[:LONGEST_LABEL])


# --------------------------------------------------------------------------- saving


def save_phrase(phrase: Phrase, category: str, path: Path | None = None) -> PhraseBook:
    """Add ``phrase`` at the end of ``category`` (a category name, or :data:`INSTANT`) in
    the caregiver's phrases file (written from the starter set first when there is none),
    atomically; return the phrases as they now are.

    Only one line (or two, for a new category) is inserted: comments, order and any part
    that has a problem stay as the caregiver left them. Raises :class:`PhraseSaveError`,
    with nothing written, when the phrase is empty or the file cannot take it.
    """
    path = Path(path) if path is not None else locations.phrases_file()
    words = one_line(phrase.say)[:LONGEST_PHRASE]
    if not words:
        raise PhraseSaveError("there is nothing to save: the phrase is empty")
    phrase = Phrase(words, one_line(phrase.label)[:LONGEST_LABEL])
    problems: list[Problem] = []
    text = _read_text(path, problems, what="a phrases file", instead="nothing was saved")
    if problems:
        raise PhraseSaveError(str(problems[0]))
    if text is None:
        text = starter_text()
    before = parse_phrases(text, source=path)
    new_text = _with_phrase(text, phrase, category)
    after = parse_phrases(new_text, source=path)
    if len(after.problems) > len(before.problems) or not _holds(after, phrase, category):
        raise PhraseSaveError(f"{path.name} is written in a way the phrase cannot be added "
                              "to; add it there by hand")
    try:
        atomic_write_text(path, new_text)
    except OSError as error:
        raise PhraseSaveError(f"{path.name} could not be written "
                              f"({error.strerror or error})") from error
    return after


def _holds(book: PhraseBook, phrase: Phrase, category: str) -> bool:
    if category == INSTANT:
        return phrase in book.instant
    found = book.category(category)
    return found is not None and phrase in found.phrases


def _entry(phrase: Phrase, indent: str) -> list[str]:
    # JSON strings are YAML double-quoted scalars: any text is written safely.
    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    if phrase.label:
        return [f"{indent}- label: {quoted(phrase.label)}\n",
                f"{indent}  say: {quoted(phrase.say)}\n"]
    return [f"{indent}- {quoted(phrase.say)}\n"]


def _with_phrase(text: str, phrase: Phrase, category: str) -> str:
    """``text`` with ``phrase`` inserted at the end of ``category``'s list."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    root, problem = try_compose(text)
    if problem is not None:
        recovered = recover(text, problem)
        root = recovered.root if recovered is not None else None
    top = {str(k.value): (k, v) for k, v in root.value
           if isinstance(k, ScalarNode)} if isinstance(root, MappingNode) else {}
    if category == INSTANT:
        if "instant" not in top:
            return "".join([*lines, "instant:\n", *_entry(phrase, "  ")])
        return _into_list(lines, top["instant"][0], top["instant"][1], phrase)
    if "categories" not in top:
        return "".join([*lines, "categories:\n", f"  {_key(category)}:\n",
                        *_entry(phrase, "    ")])
    categories = top["categories"][1]
    if not isinstance(categories, MappingNode) or categories.flow_style:
        raise PhraseSaveError("the categories are not written as indented lines; add the "
                              "phrase by hand")
    wanted = category.casefold()
    for key_node, value_node in categories.value:
        if isinstance(key_node, ScalarNode) and one_line(str(key_node.value)).casefold() == wanted:
            return _into_list(lines, key_node, value_node, phrase)
    indent = " " * (categories.value[0][0].start_mark.column if categories.value else 2)
    at = _line_after(categories)
    added = [f"{indent}{_key(category)}:\n", *_entry(phrase, indent + "  ")]
    return "".join([*lines[:at], *added, *lines[at:]])


def _into_list(lines: list[str], key: Node, value: Node, phrase: Phrase) -> str:
    """Insert ``phrase`` at the end of the list under ``key``."""
    if isinstance(value, SequenceNode) and not value.flow_style and value.value:
        indent = " " * value.start_mark.column  # where its "-" stand
        at = _line_after(value.value[-1])
        return "".join([*lines[:at], *_entry(phrase, indent), *lines[at:]])
    if (isinstance(value, ScalarNode) and value.tag == _NULL) or (
            isinstance(value, SequenceNode) and not value.value):
        # "Needs:" or "Needs: []": the list is written afresh under the name.
        line = key.start_mark.line
        indent = " " * (key.start_mark.column + 2)
        head = lines[line][: value.start_mark.column].rstrip() if value.start_mark.line == line \
            else lines[line].rstrip("\n")
        return "".join([*lines[:line], head.rstrip() + "\n", *_entry(phrase, indent),
                        *lines[line + 1:]])
    raise PhraseSaveError("that list is not written as '- ...' lines; add the phrase by hand")


def _line_after(node: Node) -> int:
    """The index of the line after ``node``'s last value (where a new item goes).

    A block collection's own end is where the next thing begins (past blank lines and
    comments), so the end of its last scalar is taken instead."""
    while isinstance(node, (MappingNode, SequenceNode)) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark
    return end.line if end.column == 0 else end.line + 1


def _key(name: str) -> str:
    """A category name as a YAML key."""
    return json.dumps(one_line(name)[:LONGEST_LABEL], ensure_ascii=False)
