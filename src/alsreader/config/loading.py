"""Reading and checking ``config.yaml``: every value checked against its declaration.

The file is read with PyYAML's safe loader only (``yaml.compose`` with ``SafeLoader``, which
builds plain nodes with their line and column and never constructs Python objects). A
mistake never stops the reader from starting: each bad value is reported as a
:class:`Problem` (file, line, column, what is allowed) and its default is used instead;
everything else in the file still applies. What each setting accepts comes from
:mod:`alsreader.config.declaration`.

Presets: ``preset`` (slow-and-clear, everyday, fast) sets the rate and the three pauses;
any of those keys written explicitly in the file wins over the preset. ``alsreader config
init`` therefore writes ``preset: everyday`` and leaves the rate and pauses commented out.

Relative library folders are taken relative to the settings file's folder.

This module never imports Textual.
"""

from __future__ import annotations

import copy
import difflib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from alsreader import locations
from alsreader.config.declaration import (
    SCHEMA,
    SECTIONS,
    TOP_LEVEL,
    Choice,
    Settings,
    Spec,
    preset_values,
    set_setting,
)
from alsreader.config.recovery import SyntaxProblem, recover, try_compose
from alsreader.config.template import backup_path
from alsreader.document.pronounce import (
    MATCH_MODES,
    MatchMode,
    Pronouncer,
    PronunciationRule,
    RuleError,
)

Voices = Sequence[str] | Mapping[str, str]
"""Installed voices: a list of ids, or ids mapped to their names (both are accepted)."""

MAX_FILE_BYTES = 1_000_000
"""A settings file is a few kilobytes; anything past this is not read at all."""

_MATCH_MODE = Spec("choice", "", choices=tuple(Choice(mode, mode) for mode in MATCH_MODES))
_CASE_SENSITIVE = Spec("bool", "")
_KEY = Spec("key", "")

RULE_KEYS = ("match", "say", "mode", "case_sensitive")

_T = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_T}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_T}map", f"{_T}seq"}
_MODIFIERS = ("ctrl", "control", "alt", "shift", "meta", "super", "cmd", "command", "option")


# --------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """Something wrong in a settings file, with where it is (1-based) and what to do."""

    file: Path | None
    line: int | None
    column: int | None
    message: str
    note: bool = False
    """A note, not a problem: the value was understood and is used (an old name)."""

    def __str__(self) -> str:
        name = self.file.name if self.file is not None else "settings"
        if self.line is None:
            return f"{name}: {self.message}"
        return f"{name}:{self.line}:{self.column}: {self.message}"


@dataclass
class LoadedSettings:
    """The settings to use, the problems found on the way, and the file they came from."""

    settings: Settings
    problems: list[Problem]
    path: Path | None
    explicit: dict[str, object] = field(default_factory=dict)
    """Dotted key -> value for every valid value the file sets itself."""


class SettingsSaveError(Exception):
    """Changes could not be saved; the message is for the caregiver and nothing was written."""


class _Bad(Exception):
    """A value cannot be used; carries the message and the node it is about."""

    def __init__(self, message: str, node: Node | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


def _show(node: Node) -> str:
    """A short, safe rendering of what the file says (long values are cut)."""
    if isinstance(node, MappingNode):
        return "a group of settings"
    if isinstance(node, SequenceNode):
        return "a list"
    text = str(node.value)
    if len(text) > 40:
        text = text[:30] + f"… ({len(text)} characters)"
    if node.tag in (f"{_T}int", f"{_T}float", f"{_T}bool") and getattr(node, "style", None) is None:
        return text
    return repr(text)


def _nearest(word: str, options: Iterable[str]) -> str:
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=0.5)
    return f"; did you mean {matches[0]!r}?" if matches else ""


# --------------------------------------------------------------------------- node values


def _check_tag(node: Node) -> None:
    allowed = _PLAIN_TAGS if isinstance(node, ScalarNode) else _COLLECTION_TAGS
    if node.tag not in allowed:
        tag = node.tag.replace(_T, "!!")
        raise _Bad(
            f"the YAML tag {tag} is refused; settings hold only plain values "
            "(numbers, words, true/false, lists)",
            node,
        )


def _scalar(node: Node) -> Any:
    """The plain value of a scalar node (never constructs anything but str/number/bool/None)."""
    _check_tag(node)
    if not isinstance(node, ScalarNode):
        return node
    if node.tag == f"{_T}int":
        digits = node.value.lstrip("+-").replace("_", "")
        if len(digits) > 30:
            return math.inf if not node.value.startswith("-") else -math.inf
    try:
        # A fresh constructor each time: it caches every node it builds, and is not thread-safe.
        return SafeConstructor().construct_object(node)
    except (ValueError, OverflowError, yaml.YAMLError):
        return node.value


def _text(node: Node) -> str | None:
    """A scalar as text, as written: ``say: no`` means the word "no", not false."""
    _check_tag(node)
    if not isinstance(node, ScalarNode):
        raise _Bad(f"should be text, not {_show(node)}", node)
    if node.tag == f"{_T}null":
        return None
    return str(node.value)


def _key_problem(key: str) -> str | None:
    if not key or key != key.strip() or " " in key:
        return f"{key!r} is not a key name"
    lowered = key.lower()
    if len(key) > 1 and (
        "+" in key or any(lowered.startswith(m + "-") or lowered.startswith(m + "_")
                          for m in _MODIFIERS) or lowered in _MODIFIERS
    ):
        return (
            f"{key!r} is a key combination; alsreader uses single keys only "
            "(no Ctrl, Alt or Shift)"
        )
    if len(key) == 1 and key.isalpha() and key.isupper():
        return f"{key!r} needs Shift (a capital letter); use {key.lower()!r}"
    return None


def _value(spec: Spec, node: Node, base: Path | None, voices: Voices | None) -> Any:
    """The checked value of one setting, or raises :class:`_Bad` saying what is allowed.

    An old name of a choice (``spec.renamed``) gives the value it is now.
    """
    allowed = spec.allowed()
    if spec.kind in ("int", "float"):
        value = _scalar(node)
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not is_number or (spec.kind == "int" and isinstance(value, float)
                             and math.isfinite(value)):
            what = "a whole number" if spec.kind == "int" else "a number"
            raise _Bad(f"{_show(node)} is not {what}; {allowed}", node)
        low = spec.low if spec.low is not None else -math.inf
        high = spec.high if spec.high is not None else math.inf
        if not (math.isfinite(value) and low <= value <= high):
            raise _Bad(f"{_show(node)} is out of range; {allowed}", node)
        return int(value) if spec.kind == "int" else float(value)
    if spec.kind == "bool":
        value = _scalar(node)
        if not isinstance(value, bool):
            raise _Bad(f"{_show(node)} is not true or false; {allowed}", node)
        return value
    if spec.kind in ("choice", "preset"):
        text = _text(node)
        renamed = dict(spec.renamed)
        if text in renamed:
            return renamed[text]
        if text not in spec.values:
            shown = repr(text) if text is not None else "null"
            raise _Bad(f"{shown} is not allowed{_nearest(text or '', spec.values)} "
                       f"({allowed})", node)
        return text
    if spec.kind == "voice":
        text = _text(node)
        if text is None or voices is None or text in voices:
            return text
        return _installed_voice(text, voices, node)
    if spec.kind in ("key", "key_map"):  # a key_map's values are keys
        text = _text(node)
        problem = _key_problem(text) if text is not None else "null is not a key"
        if problem:
            raise _Bad(f"{problem}; {allowed}", node)
        return text
    if spec.kind == "key_list":
        items = _list(node)
        keys: list[str] = []
        for item in items:
            text = _text(item)
            problem = _key_problem(text) if text is not None else "null is not a key"
            if problem:
                raise _Bad(f"{problem}; {allowed}", item)
            keys.append(text)  # type: ignore[arg-type]
        if not keys:
            raise _Bad(f"the list is empty; {allowed}", node)
        return keys
    if spec.kind != "folders":
        raise TypeError(f"{spec.kind} settings are not single values")
    folders: list[Path] = []
    for item in _list(node):
        text = _text(item)
        if not text:
            raise _Bad(f"{_show(item)} is not a folder; {allowed}", item)
        folder = Path(text).expanduser()
        if not folder.is_absolute() and base is not None:
            folder = base / folder
        folders.append(folder)
    return folders


def _installed_voice(text: str, voices: Voices, node: Node) -> str:
    """The id of the installed voice ``text`` names (id or name, any case); or _Bad."""
    names = dict(voices) if isinstance(voices, Mapping) else {v: v for v in voices}
    by_word: dict[str, str] = {}
    for voice_id, name in names.items():
        by_word.setdefault(name.casefold(), voice_id)
        by_word[voice_id.casefold()] = voice_id
    if text.casefold() in by_word:
        return by_word[text.casefold()]
    folded = text.casefold()
    # Names that start like the text come first ("englsh" -> the English voices).
    near_words = sorted(w for w in by_word if len(folded) >= 3 and w.startswith(folded[:3]))
    near_words += difflib.get_close_matches(folded, list(by_word), n=6, cutoff=0.6)
    near: list[str] = []
    for word in near_words:
        voice_id = by_word[word]
        shown = voice_id if names[voice_id] == voice_id else f"{voice_id} ({names[voice_id]})"
        if shown not in near:
            near.append(shown)
    hint = ("; nearest installed: " + ", ".join(near[:3])) if near else ""
    raise _Bad(f"{text!r} is not an installed voice{hint} "
               "(alsreader voices lists them all)", node)


def _list(node: Node) -> list[Node]:
    _check_tag(node)
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, ScalarNode) and node.tag != f"{_T}null":
        return [node]  # one item written without brackets
    if isinstance(node, ScalarNode):
        return []
    raise _Bad(f"should be a list, not {_show(node)}", node)


# --------------------------------------------------------------------------- loading


class _Reader:
    """One pass over a composed settings file, collecting values and problems."""

    def __init__(
        self,
        source: Path | None,
        voices: Voices | None,
        actions: Sequence[str] | None,
    ) -> None:
        self.source = source
        self.base = source.parent if source is not None else None
        self.voices = voices
        self.actions = actions
        self.problems: list[Problem] = []
        self.explicit: dict[str, object] = {}
        self.keys: dict[str, str] = {}
        self.rules: list[PronunciationRule] | None = None

    def problem(self, message: str, node: Node | None = None, *, note: bool = False) -> None:
        if node is None:
            self.problems.append(Problem(self.source, None, None, message, note))
        else:
            mark = node.start_mark
            self.problems.append(Problem(self.source, mark.line + 1, mark.column + 1, message,
                                         note))

    def _pairs(self, node: MappingNode, where: str) -> list[tuple[str, Node, Node]]:
        """Key text, key node and value node of a mapping; reports odd and repeated keys."""
        seen: dict[str, int] = {}
        pairs: list[tuple[str, Node, Node]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == f"{_T}null":
                self.problem(f"{where}{_show(key_node)} cannot be a setting name", key_node)
                continue
            key = str(key_node.value)
            if key in seen:
                self.problem(
                    f"{where}{key} is given twice (also on line {seen[key]}); this one is used",
                    key_node,
                )
            seen[key] = key_node.start_mark.line + 1
            pairs.append((key, key_node, value_node))
        return pairs

    def read(self, root: Node | None) -> None:
        if root is None or (isinstance(root, ScalarNode) and root.tag == f"{_T}null"):
            return
        try:
            _check_tag(root)
        except _Bad as bad:
            self.problem(bad.message + "; every setting has its default", root)
            return
        if not isinstance(root, MappingNode):
            self.problem(
                f"the file should hold sections such as 'voice:' and 'reading:', "
                f"but it holds {_show(root)}; every setting has its default",
                root,
            )
            return
        for name, key_node, value_node in self._pairs(root, ""):
            spec = TOP_LEVEL.get(name)
            if name in SCHEMA:
                self._section(name, value_node)
            elif spec is not None and spec.kind == "key_map":
                self._keys(name, value_node)
            elif spec is not None and spec.kind == "rules":
                self.rules = self._rules(value_node, name)
            elif spec is not None:
                self._single(name, spec, value_node)
            else:
                self.problem(
                    f"{name}: unknown section{_nearest(name, SECTIONS)} "
                    f"(sections: {', '.join(SECTIONS)})",
                    key_node,
                )

    def _mapping(self, node: Node, where: str,
                 what: str = "a group of settings (indented 'name: value' lines)"
                 ) -> MappingNode | None:
        try:
            _check_tag(node)
        except _Bad as bad:
            self.problem(f"{where}: {bad.message}", node)
            return None
        if isinstance(node, ScalarNode) and node.tag == f"{_T}null":
            return None  # an empty section: all defaults
        if not isinstance(node, MappingNode):
            self.problem(f"{where}: should be {what}, not {_show(node)}", node)
            return None
        return node

    def _section(self, section: str, node: Node) -> None:
        mapping = self._mapping(node, section)
        if mapping is None:
            return
        specs = SCHEMA[section]
        for key, key_node, value_node in self._pairs(mapping, f"{section}."):
            spec = specs.get(key)
            if spec is None:
                self.problem(
                    f"{section}.{key}: unknown setting{_nearest(key, specs)} "
                    f"({section} settings: {', '.join(specs)})",
                    key_node,
                )
                continue
            dotted = f"{section}.{key}"
            try:
                self.explicit[dotted] = _value(spec, value_node, self.base, self.voices)
            except _Bad as bad:
                self.problem(f"{dotted}: {bad.message}", bad.node or value_node)
                self.explicit.pop(dotted, None)
                continue
            self._note_renamed(dotted, spec, value_node)

    def _note_renamed(self, dotted: str, spec: Spec, node: Node) -> None:
        """Say so when a value was written with its old name (it is used, under the new)."""
        old = node.value if isinstance(node, ScalarNode) else None
        new = dict(spec.renamed).get(old) if isinstance(old, str) else None
        if new is not None:
            self.problem(f"{dotted}: {old!r} is now called {new!r}; {new} is used "
                         f"(write {new} to stop this note)", node, note=True)

    def _keys(self, name: str, node: Node) -> None:
        mapping = self._mapping(node, name)
        if mapping is None:
            return
        for action, key_node, value_node in self._pairs(mapping, f"{name}."):
            if self.actions is not None and action not in self.actions:
                self.problem(
                    f"{name}.{action}: unknown action{_nearest(action, self.actions)} "
                    f"(actions: {', '.join(self.actions)})",
                    key_node,
                )
                continue
            try:
                value = _value(_KEY, value_node, None, None)
            except _Bad as bad:
                self.problem(f"{name}.{action}: {bad.message}", bad.node or value_node)
                self.keys.pop(action, None)
                continue
            self.keys[action] = value
            self.explicit[f"{name}.{action}"] = value

    def _single(self, name: str, spec: Spec, node: Node) -> None:
        """A setting outside the sections (the preset)."""
        try:
            _check_tag(node)
            if spec.nullable and isinstance(node, ScalarNode) and node.tag == f"{_T}null":
                self.explicit[name] = None
                return
            self.explicit[name] = _value(spec, node, self.base, self.voices)
        except _Bad as bad:
            self.problem(f"{name}: {bad.message}" + (" or null" if spec.nullable else ""),
                         bad.node or node)
            return
        self._note_renamed(name, spec, node)

    def _rules(self, node: Node, where: str) -> list[PronunciationRule]:
        rules: list[PronunciationRule] = []
        try:
            items = _list(node)
        except _Bad as bad:
            self.problem(f"{where}: {bad.message}", bad.node or node)
            return rules
        for index, item in enumerate(items):
            label = f"{where}[{index + 1}]"
            rule = self._rule(item, label)
            if rule is not None:
                rules.append(rule)
        return rules

    def _rule(self, item: Node, label: str) -> PronunciationRule | None:
        mapping = self._mapping(item, label)
        if mapping is None:
            if isinstance(item, ScalarNode) and item.tag == f"{_T}null":
                self.problem(f"{label}: an empty rule; write match: and say:", item)
            return None
        found: dict[str, Node] = {}
        for key, key_node, value_node in self._pairs(mapping, f"{label}."):
            if key not in RULE_KEYS:
                self.problem(
                    f"{label}.{key}: unknown rule setting{_nearest(key, RULE_KEYS)} "
                    f"(a rule has {', '.join(RULE_KEYS)})",
                    key_node,
                )
                continue
            found[key] = value_node
        if "match" not in found or "say" not in found:
            missing = "match" if "match" not in found else "say"
            what = ("the text to look for" if missing == "match"
                    else "the words to say instead, or null to skip it")
            self.problem(f"{label}: the rule needs {missing}: ({what}); rule ignored", item)
            return None
        try:
            match = _text(found["match"])
            say = _text(found["say"])
            mode: MatchMode = "word"
            if "mode" in found:
                mode = _value(_MATCH_MODE, found["mode"], None, None)
            case_sensitive = False
            if "case_sensitive" in found:
                case_sensitive = _value(_CASE_SENSITIVE, found["case_sensitive"], None, None)
        except _Bad as bad:
            self.problem(f"{label}: {bad.message}; rule ignored", bad.node or item)
            return None
        if not match:
            self.problem(f"{label}.match: the text to look for is empty; rule ignored",
                         found["match"])
            return None
        rule = PronunciationRule(match, say, mode, case_sensitive)
        try:
            rule.compile()
        except RuleError as error:
            self.problem(f"{label}: {error}; rule ignored", found["match"])
            return None
        return rule

    def settings(self) -> Settings:
        settings = Settings()
        preset = self.explicit.get("preset")
        if isinstance(preset, str):
            settings.preset = preset
            for dotted, value in preset_values(preset).items():
                set_setting(settings, dotted, value)
        for dotted, value in self.explicit.items():
            if dotted != "preset" and not dotted.startswith("keys."):
                set_setting(settings, dotted, copy.copy(value))
        settings.keys = dict(self.keys)
        if self.rules is not None:
            settings.pronunciations = self.rules
        return settings


def _char(character: object) -> str:
    return repr(chr(character)) if isinstance(character, int) else repr(character)


def _syntax(reader: _Reader, problem: SyntaxProblem, outcome: str) -> None:
    """Report a YAML syntax error where it is, and what was done about it."""
    message = f"YAML syntax error: {problem.what}; {outcome}"
    if problem.line is None or problem.column is None:
        reader.problem(message)
    else:
        reader.problems.append(Problem(reader.source, problem.line + 1, problem.column + 1,
                                       message))


def _compose(text: str, reader: _Reader) -> tuple[Node | None, bool]:
    """The node tree of ``text``; (None, False) after reporting why it cannot be read."""
    try:
        root, problem = try_compose(text)
        if problem is None:
            return root, True
        _syntax(reader, problem, "nothing in the file was used")
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        reader.problems.append(Problem(
            reader.source, line, column,
            f"character {_char(error.character)} is not allowed in a YAML file; "
            "nothing in the file was used",
        ))
    except RecursionError:
        reader.problem(
            "the file is nested far too deeply to be a settings file; nothing in it was used"
        )
    except yaml.YAMLError as error:
        reader.problem(f"YAML error: {error}; nothing in the file was used")
    return None, False


def parse_settings(
    text: str,
    *,
    source: Path | None = None,
    installed_voices: Voices | None = None,
    known_actions: Sequence[str] | None = None,
) -> LoadedSettings:
    """Settings from YAML text already in memory; never raises for bad content.

    After a YAML syntax error, whatever can still be read is used (see
    :mod:`alsreader.config.recovery`); when nothing can, the last good file (``source``'s
    :func:`backup_path`, ``config.yaml.bak``) is used if it can be read, else the defaults.
    Either way the first problem says which line is broken and what was used instead.
    """
    reader = _Reader(source, installed_voices, known_actions)
    try:
        root, problem = try_compose(text)
    except (yaml.YAMLError, RecursionError):
        _compose(text, reader)  # not a syntax error (a refused character, deep nesting): said
        return _loaded(reader, source)
    if problem is None:
        reader.read(root)
        return _loaded(reader, source)
    recovered = recover(text, problem)
    if recovered is not None:
        reader.read(recovered.root)
        if _holds_settings(reader):
            kept = sorted({dotted.split(".", 1)[0] for dotted in reader.explicit}
                          | ({"pronunciations"} if reader.rules else set()),
                          key=SECTIONS.index)
            _syntax(reader, problem, f"{recovered.describe()}; everything else was used "
                                     f"({', '.join(kept)})")
            reader.problems.insert(0, reader.problems.pop())
            return _loaded(reader, source)
    fallback = _last_good(source, installed_voices, known_actions)
    reader = _Reader(source, installed_voices, known_actions)
    if fallback is None:
        _syntax(reader, problem, "nothing in the file could be read, so every setting has "
                                 "its default")
        return _loaded(reader, source)
    _syntax(reader, problem, f"nothing in the file could be read, so the last good settings "
                             f"({fallback.path.name if fallback.path else 'backup'}) were used")
    return LoadedSettings(fallback.settings, reader.problems + fallback.problems, source,
                          dict(fallback.explicit))


def _loaded(reader: _Reader, source: Path | None) -> LoadedSettings:
    return LoadedSettings(reader.settings(), reader.problems, source, dict(reader.explicit))


def _holds_settings(reader: _Reader) -> bool:
    """Whether anything was read that sets a setting."""
    return bool(reader.explicit or reader.keys or reader.rules)


def _last_good(source: Path | None, voices: Voices | None,
               actions: Sequence[str] | None) -> LoadedSettings | None:
    """The settings of the file kept before the last change (``config.yaml.bak``), if that
    file can be read without a syntax error and sets anything."""
    if source is None:
        return None
    backup = backup_path(source)
    problems: list[Problem] = []
    text = _read_text(backup, problems)
    if text is None or problems:
        return None
    reader = _Reader(backup, voices, actions)
    root, ok = _compose(text, reader)
    if not ok:
        return None
    reader.read(root)
    if not _holds_settings(reader):
        return None
    return LoadedSettings(reader.settings(), reader.problems, backup, dict(reader.explicit))


def _read_text(path: Path, problems: list[Problem], *, what: str = "a settings file",
               instead: str = "defaults are used") -> str | None:
    """The file's text, or None (with a problem) when it cannot be used. Missing is fine.

    ``what`` names the kind of file and ``instead`` what is used when it cannot be read, in
    the messages (the Talk screen's phrases file reads the same way)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        problems.append(Problem(path, None, None,
                                f"is a folder, not {what}; {instead}"))
        return None
    except OSError as error:
        reason = error.strerror or str(error)
        problems.append(Problem(path, None, None,
                                f"cannot be read ({reason}); {instead}"))
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.append(Problem(
            path, None, None,
            f"is larger than {MAX_FILE_BYTES // 1000} KB, far too big for {what}; "
            f"it was not read and {instead}",
        ))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.append(Problem(
            path, line, column,
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02X} cannot be read); "
            "save it as UTF-8. Unreadable characters were replaced with \ufffd",
        ))
        return data.decode("utf-8-sig", errors="replace")


def load_settings(
    path: Path | None = None,
    *,
    installed_voices: Voices | None = None,
    known_actions: Sequence[str] | None = None,
) -> LoadedSettings:
    """Read the settings file (default: :func:`alsreader.locations.config_file`).

    Never raises for bad content: a missing file gives the defaults with no problems; an
    unreadable or broken one gives the defaults plus problems; each bad value is replaced by
    its default and reported, and the rest of the file still applies. ``installed_voices``
    (from the speech layer: ids, or ids mapped to names) lets an unknown voice be reported
    with the nearest installed ones, and a voice given by name be turned into its id;
    ``known_actions`` does the same for remapped keys.
    """
    path = Path(path) if path is not None else locations.config_file()
    problems: list[Problem] = []
    text = _read_text(path, problems)
    if text is None:
        return LoadedSettings(Settings(), problems, path)
    loaded = parse_settings(
        text, source=path, installed_voices=installed_voices, known_actions=known_actions
    )
    loaded.problems[:0] = problems
    return loaded


# --------------------------------------------------------------------------- documents


def pronunciations_file(document: Path) -> Path:
    """The sidecar rules for one document: ``<name>.pronunciations.yaml`` beside it."""
    return document.with_name(document.stem + ".pronunciations.yaml")


def document_pronunciations(document: Path) -> tuple[list[PronunciationRule], list[Problem]]:
    """The rules that ship with a document (its sidecar file), and any problems in them.

    The sidecar holds the same ``pronunciations:`` list as the settings file. The reader
    should apply the caregiver's rules first, then these, so the caregiver's rules win.
    """
    path = pronunciations_file(document)
    problems: list[Problem] = []
    text = _read_text(path, problems)
    if text is None:
        return [], problems
    reader = _Reader(path, None, None)
    root, ok = _compose(text, reader)
    if ok and isinstance(root, MappingNode):
        for key, key_node, value_node in reader._pairs(root, ""):
            if key == "pronunciations":
                reader.rules = reader._rules(value_node, "pronunciations")
            else:
                reader.problem(f"{key}: only 'pronunciations:' belongs in this file", key_node)
    elif ok and root is not None:
        reader.problem("the file should hold 'pronunciations:' and a list of rules", root)
    return reader.rules or [], problems + reader.problems



def make_pronouncer(
    settings: Settings, document: Path | None = None
) -> tuple[Pronouncer, list[Problem]]:
    """The pronouncer for reading ``document``: the caregiver's rules, then the document's own
    (its ``.pronunciations.yaml`` sidecar), with any problems in the sidecar."""
    rules = list(settings.pronunciations)
    problems: list[Problem] = []
    if document is not None:
        own, problems = document_pronunciations(document)
        rules += own
    return Pronouncer(rules), problems
