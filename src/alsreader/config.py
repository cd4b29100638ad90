"""Caregiver settings: the model, reading and checking ``config.yaml``, and saving changes.

The file is read with PyYAML's safe loader only (``yaml.compose`` with ``SafeLoader``, which
builds plain nodes with their line and column and never constructs Python objects). A
mistake never stops the reader from starting: each bad value is reported as a
:class:`Problem` (file, line, column, what is allowed) and its default is used instead;
everything else in the file still applies.

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
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from alsreader import locations
from alsreader.access.scanner import ScanSettings
from alsreader.atomic import atomic_write_text
from alsreader.document.pronounce import (
    MATCH_MODES,
    MatchMode,
    Pronouncer,
    PronunciationRule,
    RuleError,
)

ENGINES = ("auto", "espeak", "sapi5", "nsss")
PLAYERS = ("auto", "paplay", "pw-play", "pacat", "aplay", "afplay", "winsound", "silent")
ACCESS_MODES = ("keys", "one-switch", "two-switch", "dwell")
THEMES = ("high-contrast", "light", "dark")
HIGHLIGHTS = ("sentence", "paragraph", "none")

Voices = Sequence[str] | Mapping[str, str]
"""Installed voices: a list of ids, or ids mapped to their names (both are accepted)."""

MAX_FILE_BYTES = 1_000_000
"""A settings file is a few kilobytes; anything past this is not read at all."""


# --------------------------------------------------------------------------- the model


@dataclass
class VoiceSettings:
    """How the voice sounds and which program plays it."""

    engine: str = "auto"
    voice: str | None = None
    """An installed voice id (``alsreader voices`` lists them); None for the engine's default."""
    rate: int = 175
    """Words per minute."""
    volume: float = 0.9
    pitch: int = 50
    player: str = "auto"


@dataclass
class ReadingSettings:
    """Pauses and what is read."""

    pause_sentence_ms: int = 0
    pause_paragraph_ms: int = 300
    pause_section_ms: int = 900
    continuous: bool = True
    """Read on to the next section at the end of one."""
    highlight: str = "sentence"
    speak_code: bool = False


@dataclass
class AccessSettings:
    """How the reader operates alsreader: keys, one or two switches, or dwell; and timings."""

    # The timings' defaults are the scanner's own (one place to change them).
    mode: str = "keys"
    scan_interval: float = ScanSettings.scan_interval
    first_item_pause: float = ScanSettings.first_item_pause
    loops: int = ScanSettings.loops
    hold_duration: float = ScanSettings.hold_duration
    ignore_repeat: float = ScanSettings.ignore_repeat
    selection_delay: float = ScanSettings.selection_delay
    one_switch_keys: list[str] = field(default_factory=lambda: ["space", "enter"])
    two_switch_move: str = "space"
    two_switch_select: str = "enter"
    dwell_time: float = ScanSettings.dwell_time
    spoken_cues: bool = False
    click_sound: bool = False
    settings_reachable_by_scan: bool = False


@dataclass
class DisplaySettings:
    """How the screen looks."""

    theme: str = "high-contrast"


@dataclass
class LibrarySettings:
    """Where the reader's documents are."""

    folders: list[Path] = field(default_factory=list)


@dataclass
class Settings:
    """Everything a caregiver can set. Defaults are the values used when the file is silent."""

    voice: VoiceSettings = field(default_factory=VoiceSettings)
    reading: ReadingSettings = field(default_factory=ReadingSettings)
    access: AccessSettings = field(default_factory=AccessSettings)
    keys: dict[str, str] = field(default_factory=dict)
    """Remapped actions: action id -> key (single keys only, no Ctrl/Alt/Shift)."""
    display: DisplaySettings = field(default_factory=DisplaySettings)
    library: LibrarySettings = field(default_factory=LibrarySettings)
    pronunciations: list[PronunciationRule] = field(default_factory=list)
    preset: str | None = None


@dataclass(frozen=True)
class Preset:
    """A named pace: rate and the three pauses."""

    rate: int
    pause_sentence_ms: int
    pause_paragraph_ms: int
    pause_section_ms: int
    description: str


PRESETS: dict[str, Preset] = {
    # Bookworm's "Deep Reading" pauses with a slower voice.
    "slow-and-clear": Preset(130, 400, 800, 2500, "slow voice, long pauses"),
    # Bookworm's default pauses at espeak's usual rate.
    "everyday": Preset(175, 0, 300, 900, "usual pace"),
    "fast": Preset(240, 0, 150, 500, "quick voice, short pauses"),
}

PRESET_KEYS = (
    "voice.rate",
    "reading.pause_sentence_ms",
    "reading.pause_paragraph_ms",
    "reading.pause_section_ms",
)
"""The settings a preset decides (unless the file sets them itself)."""


def preset_values(name: str) -> dict[str, object]:
    """The dotted settings a preset stands for, e.g. to save them with the preset's name."""
    preset = PRESETS[name]
    return {
        "voice.rate": preset.rate,
        "reading.pause_sentence_ms": preset.pause_sentence_ms,
        "reading.pause_paragraph_ms": preset.pause_paragraph_ms,
        "reading.pause_section_ms": preset.pause_section_ms,
    }


# --------------------------------------------------------------------------- the schema


@dataclass(frozen=True)
class _Spec:
    """What one setting accepts, and the comment ``config init`` writes above it."""

    kind: str  # int, float, bool, choice, voice, key, key_list, folders
    help: str
    low: float | None = None
    high: float | None = None
    unit: str = ""
    choices: tuple[str, ...] = ()

    def allowed(self) -> str:
        if self.kind in ("int", "float"):
            unit = f" {self.unit}" if self.unit else ""
            return f"allowed {_num(self.low)} to {_num(self.high)}{unit}"
        if self.kind == "bool":
            return "allowed true or false"
        if self.kind == "choice":
            return "allowed " + ", ".join(self.choices)
        if self.kind == "voice":
            return "allowed an installed voice id (alsreader voices lists them) or null"
        if self.kind == "key":
            return "allowed one key name such as space, enter, b, f1"
        if self.kind == "key_list":
            return "allowed a list of single keys such as [space, enter]"
        return "allowed a list of folders"


def _seconds(help_: str, low: float, high: float) -> _Spec:
    return _Spec("float", help_, low, high, "seconds")


def _ms(help_: str) -> _Spec:
    return _Spec("int", help_, 0, 10000, "milliseconds")


SCHEMA: dict[str, dict[str, _Spec]] = {
    "voice": {
        "engine": _Spec("choice", "Speech engine.", choices=ENGINES),
        "voice": _Spec("voice", "Voice id from `alsreader voices`; null for the default."),
        "rate": _Spec("int", "Speaking rate.", 80, 450, "words per minute"),
        "volume": _Spec("float", "Loudness.", 0.0, 1.0, "(0 silent, 1 loudest)"),
        "pitch": _Spec("int", "Voice pitch.", 0, 99, "(50 is normal)"),
        "player": _Spec("choice", "Program that plays the sound.", choices=PLAYERS),
    },
    "reading": {
        "pause_sentence_ms": _ms("Silence after each sentence."),
        "pause_paragraph_ms": _ms("Silence after each paragraph."),
        "pause_section_ms": _ms("Silence after each section."),
        "continuous": _Spec("bool", "Read on into the next section."),
        "highlight": _Spec("choice", "What is highlighted while reading.", choices=HIGHLIGHTS),
        "speak_code": _Spec("bool", "Read code blocks aloud too."),
    },
    "access": {
        "mode": _Spec("choice", "How alsreader is operated.", choices=ACCESS_MODES),
        "scan_interval": _seconds("Time each item stays highlighted while scanning.", 0.3, 10),
        "first_item_pause": _seconds("Extra time on the first item of a scan.", 0, 10),
        "loops": _Spec("int", "Times a scan goes round before it stops.", 1, 10, "rounds"),
        "hold_duration": _seconds("A press must last this long to count (0: any).", 0, 2),
        "ignore_repeat": _seconds("Presses this soon after another are ignored.", 0, 2),
        "selection_delay": _seconds("Pause after a selection before scanning restarts.", 0, 5),
        "one_switch_keys": _Spec("key_list", "Keys that act as the switch in one-switch mode."),
        "two_switch_move": _Spec("key", "Two-switch mode: the key that moves to the next item."),
        "two_switch_select": _Spec("key", "Two-switch mode: the key that selects the item."),
        "dwell_time": _seconds("Time the pointer rests on a target to press it.", 0.3, 5),
        "spoken_cues": _Spec("bool", "Speak each item as the scan reaches it."),
        "click_sound": _Spec("bool", "Click when a press is accepted."),
        "settings_reachable_by_scan": _Spec(
            "bool", "Let scanning reach the settings screen (caregivers usually say false)."
        ),
    },
    "display": {
        "theme": _Spec("choice", "Colours (high-contrast is easiest to read).", choices=THEMES),
    },
    "library": {
        "folders": _Spec("folders", "Folders of documents (~ is your home folder)."),
    },
}

SECTIONS = ("voice", "reading", "access", "keys", "display", "library", "pronunciations", "preset")
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


def _num(value: float | None) -> str:
    return f"{value:g}" if value is not None else "?"


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


def _value(spec: _Spec, node: Node, base: Path | None, voices: Voices | None) -> Any:
    """The checked value of one setting, or raises :class:`_Bad` saying what is allowed."""
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
    if spec.kind == "choice":
        text = _text(node)
        if text not in spec.choices:
            shown = repr(text) if text is not None else "null"
            raise _Bad(f"{shown} is not allowed{_nearest(text or '', spec.choices)} "
                       f"({allowed})", node)
        return text
    if spec.kind == "voice":
        text = _text(node)
        if text is None or voices is None or text in voices:
            return text
        return _installed_voice(text, voices, node)
    if spec.kind == "key":
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
    # folders
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

    def problem(self, message: str, node: Node | None = None) -> None:
        if node is None:
            self.problems.append(Problem(self.source, None, None, message))
        else:
            mark = node.start_mark
            self.problems.append(Problem(self.source, mark.line + 1, mark.column + 1, message))

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
            if name in SCHEMA:
                self._section(name, value_node)
            elif name == "keys":
                self._keys(value_node)
            elif name == "pronunciations":
                self.rules = self._rules(value_node, "pronunciations")
            elif name == "preset":
                self._preset(value_node)
            else:
                self.problem(
                    f"{name}: unknown section{_nearest(name, SECTIONS)} "
                    f"(sections: {', '.join(SECTIONS)})",
                    key_node,
                )

    def _mapping(self, node: Node, where: str) -> MappingNode | None:
        try:
            _check_tag(node)
        except _Bad as bad:
            self.problem(f"{where}: {bad.message}", node)
            return None
        if isinstance(node, ScalarNode) and node.tag == f"{_T}null":
            return None  # an empty section: all defaults
        if not isinstance(node, MappingNode):
            self.problem(
                f"{where}: should be a group of settings (indented 'name: value' lines), "
                f"not {_show(node)}",
                node,
            )
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
            try:
                self.explicit[f"{section}.{key}"] = _value(spec, value_node, self.base,
                                                           self.voices)
            except _Bad as bad:
                self.problem(f"{section}.{key}: {bad.message}", bad.node or value_node)
                self.explicit.pop(f"{section}.{key}", None)

    def _keys(self, node: Node) -> None:
        mapping = self._mapping(node, "keys")
        if mapping is None:
            return
        for action, key_node, value_node in self._pairs(mapping, "keys."):
            if self.actions is not None and action not in self.actions:
                self.problem(
                    f"keys.{action}: unknown action{_nearest(action, self.actions)} "
                    f"(actions: {', '.join(self.actions)})",
                    key_node,
                )
                continue
            try:
                value = _value(SCHEMA["access"]["two_switch_move"], value_node, None, None)
            except _Bad as bad:
                self.problem(f"keys.{action}: {bad.message}", bad.node or value_node)
                self.keys.pop(action, None)
                continue
            self.keys[action] = value
            self.explicit[f"keys.{action}"] = value

    def _preset(self, node: Node) -> None:
        spec = _Spec("choice", "", choices=tuple(PRESETS))
        try:
            _check_tag(node)
            if isinstance(node, ScalarNode) and node.tag == f"{_T}null":
                self.explicit["preset"] = None
                return
            self.explicit["preset"] = _value(spec, node, None, None)
        except _Bad as bad:
            self.problem(f"preset: {bad.message} or null", bad.node or node)

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
                mode = _value(_Spec("choice", "", choices=MATCH_MODES), found["mode"], None,
                              None)
            case_sensitive = False
            if "case_sensitive" in found:
                case_sensitive = _value(_Spec("bool", ""), found["case_sensitive"], None, None)
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
                _assign(settings, dotted, value)
        for dotted, value in self.explicit.items():
            if dotted != "preset" and not dotted.startswith("keys."):
                _assign(settings, dotted, copy.copy(value))
        settings.keys = dict(self.keys)
        if self.rules is not None:
            settings.pronunciations = self.rules
        return settings


def _assign(settings: Settings, dotted: str, value: object) -> None:
    section, key = dotted.split(".", 1)
    setattr(getattr(settings, section), key, value)


def _char(character: object) -> str:
    return repr(chr(character)) if isinstance(character, int) else repr(character)


def _compose(text: str, reader: _Reader) -> tuple[Node | None, bool]:
    """The node tree of ``text``; (None, False) after reporting why it cannot be read."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), True
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "unreadable"
        context = ""
        if error.context and error.problem:
            where = error.context_mark
            if where is not None and (mark is None or where.line != mark.line):
                start = f"line {where.line + 1}, column {where.column + 1}"
                context = f" ({error.context} from {start})"
            else:
                context = f" ({error.context})"
        message = f"YAML syntax error: {what}{context}; nothing in the file was used"
        if mark is None:
            reader.problem(message)
        else:
            reader.problems.append(
                Problem(reader.source, mark.line + 1, mark.column + 1, message)
            )
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
    """Settings from YAML text already in memory; never raises for bad content."""
    reader = _Reader(source, installed_voices, known_actions)
    root, ok = _compose(text, reader)
    if ok:
        reader.read(root)
    return LoadedSettings(reader.settings(), reader.problems, source, dict(reader.explicit))


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None (with a problem) when it cannot be used. Missing is fine."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        problems.append(Problem(path, None, None,
                                "is a folder, not a settings file; defaults are used"))
        return None
    except OSError as error:
        reason = error.strerror or str(error)
        problems.append(Problem(path, None, None,
                                f"cannot be read ({reason}); defaults are used"))
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.append(Problem(
            path, None, None,
            f"is larger than {MAX_FILE_BYTES // 1000} KB, far too big for a settings file; "
            "it was not read and defaults are used",
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


# --------------------------------------------------------------------------- the default file

_HEADER = """\
# alsreader settings.
#
# Edit with any text editor; alsreader checks this file when it starts and tells you
# plainly about anything it cannot use (and uses the default for that one setting).
# Check it yourself with:  alsreader config check
# Lines starting with # are comments. Indent with spaces, not tabs.
"""


def _render(value: object) -> str:
    """``value`` written as a one-line YAML value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, Path):
        value = str(value)
    if isinstance(value, (list, tuple)):
        value = [str(v) if isinstance(v, Path) else v for v in value]
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 20)
    dumped = dumped.strip()
    if dumped.endswith("\n..."):
        dumped = dumped[: -len("\n...")]
    return dumped.strip()


def default_config_text() -> str:
    """The text ``alsreader config init`` writes: every setting, its default and a comment."""
    defaults = Settings()
    lines = [_HEADER]
    lines.append("# Pace preset, one of:")
    lines += [f"#   {name}: {p.rate} words per minute, {p.description}"
              for name, p in PRESETS.items()]
    lines += [
        "# The preset sets voice.rate and the reading pauses; remove the # in front of one",
        "# of those below to choose it yourself (your value then wins over the preset).",
        "preset: everyday",
        "",
    ]
    for section, specs in SCHEMA.items():
        lines.append(f"{section}:")
        for key, spec in specs.items():
            value = getattr(getattr(defaults, section), key)
            comment = spec.help
            if spec.kind not in ("folders", "voice", "key", "key_list"):
                comment += f" {spec.allowed()[0].upper()}{spec.allowed()[1:]}."
            lines.append(f"  # {comment}")
            prefix = "# " if f"{section}.{key}" in PRESET_KEYS else ""
            lines.append(f"  {prefix}{key}: {_render(value)}")
        lines.append("")
        if section == "access":
            lines += [
                "# Keys: give an action a different key. Single keys only (no Ctrl, Alt or",
                "# Shift), for example:  play_pause: space   or   bookmark: m",
                "keys: {}",
                "",
            ]
    lines += [
        "# Words the voice says wrong. Each rule: match (the text), say (what to say",
        "# instead, or null to skip it), mode (word, anywhere or regex) and",
        "# case_sensitive (true or false). Rules apply in order, only to what is spoken.",
        "# For example:",
        "#   - match: Dr.",
        "#     say: Doctor",
        "#     mode: anywhere",
        "#     case_sensitive: true",
        "pronunciations: []",
        "",
    ]
    return "\n".join(lines)


def write_default_config(path: Path, *, force: bool = False) -> Path | None:
    """Write :func:`default_config_text` to ``path``; returns the backup made, if any.

    Refuses (FileExistsError) to replace an existing file unless ``force``; with ``force``
    the old file is kept as ``<name>.bak``.
    """
    backup: Path | None = None
    if path.exists():
        if not force:
            raise FileExistsError(path)
        backup = backup_path(path)
        atomic_write_text(backup, path.read_text(encoding="utf-8", errors="replace"))
    atomic_write_text(path, default_config_text())
    return backup


def backup_path(path: Path) -> Path:
    """Where the previous version of a settings file is kept (``config.yaml.bak``)."""
    return path.with_name(path.name + ".bak")


# --------------------------------------------------------------------------- saving


def _spec_for(dotted: str) -> _Spec:
    if dotted == "preset":
        return _Spec("choice", "", choices=tuple(PRESETS))
    section, _, key = dotted.partition(".")
    if section == "keys" and key:
        return SCHEMA["access"]["two_switch_move"]
    spec = SCHEMA.get(section, {}).get(key)
    if spec is None:
        raise SettingsSaveError(f"{dotted} is not a setting alsreader can save")
    return spec


def _checked(dotted: str, value: object) -> tuple[str, object]:
    """The YAML text for ``value`` and the value as loading will see it; or SettingsSaveError."""
    text = _render(value)
    if dotted == "preset" and value is None:
        return text, None
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    try:
        if node is None:
            raise _Bad("is empty")
        return text, _value(_spec_for(dotted), node, None, None)
    except _Bad as bad:
        raise SettingsSaveError(f"{dotted}: {bad.message}") from None


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end == -1 else end


def _last_leaf(node: Node) -> Node:
    while isinstance(node, (MappingNode, SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node


def _replace_node(text: str, key_node: Node, value_node: Node, rendered: str) -> str:
    start = value_node.start_mark.index
    end = _last_leaf(value_node).end_mark.index
    if start == end:  # "rate:" with nothing after it
        colon = text.find(":", key_node.end_mark.index)
        return text[: colon + 1] + " " + rendered + text[colon + 1 :]
    return text[:start] + rendered + text[end:]


def _find(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    found = None
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and str(key_node.value) == key:
            found = (key_node, value_node)  # the last one is the one that counts
    return found


def _append(text: str, root: MappingNode | None, lines: str) -> str:
    """``lines`` added after the file's last setting (before a ``...`` end marker, if any)."""
    if root is None or not root.value:
        return text + lines.lstrip("\n") + "\n"
    at = _line_end(text, _last_leaf(root).end_mark.index)
    return text[:at] + "\n" + lines + text[at:]


def _set_one(text: str, dotted: str, rendered: str) -> str:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None or (isinstance(root, ScalarNode) and root.tag == f"{_T}null"):
        root = None
    elif not isinstance(root, MappingNode):
        raise SettingsSaveError("the settings file does not hold sections; fix or remove it")
    if text and not text.endswith("\n"):
        text += "\n"
    if "." not in dotted:
        pair = _find(root, dotted) if root is not None else None
        if pair is not None:
            return _replace_node(text, pair[0], pair[1], rendered)
        return _append(text, root, f"{dotted}: {rendered}")
    section, key = dotted.split(".", 1)
    pair = _find(root, section) if root is not None else None
    if pair is None:
        return _append(text, root, f"\n{section}:\n  {key}: {rendered}")
    section_key, section_node = pair
    # Lines that belong to the section: up to the next line starting at the left edge.
    first = _line_end(text, section_key.end_mark.index) + 1
    last = first
    while last < len(text):
        line_end = _line_end(text, last)
        line = text[last:line_end]
        if line and not line[0].isspace() and not line.startswith("#"):
            break
        last = line_end + 1
    if isinstance(section_node, MappingNode):
        existing = _find(section_node, key)
        if existing is not None:
            return _replace_node(text, existing[0], existing[1], rendered)
        if section_node.flow_style:
            close = section_node.end_mark.index - 1
            sep = ", " if section_node.value else ""
            return text[:close] + f"{sep}{key}: {rendered}" + text[close:]
        indent = " " * section_node.value[0][0].start_mark.column
    elif isinstance(section_node, ScalarNode) and section_node.value == "":
        indent = "  "
    else:
        raise SettingsSaveError(f"{section} in the settings file is not a group of settings")
    # A commented-out "# key: value" in the section (as config init writes) becomes the value.
    commented = re.compile(rf"^[ \t]*#[ \t]?{re.escape(key)}:.*$", re.MULTILINE)
    hit = commented.search(text, first, last)
    if hit is not None:
        return text[: hit.start()] + f"{indent}{key}: {rendered}" + text[hit.end() :]
    if isinstance(section_node, MappingNode):
        at = _line_end(text, _last_leaf(section_node).end_mark.index)
    else:
        at = _line_end(text, section_key.end_mark.index)
    return text[:at] + f"\n{indent}{key}: {rendered}" + text[at:]


def save_settings_values(path: Path, changes: Mapping[str, object]) -> Path | None:
    """Change some settings in the file at ``path``, keeping everything else as written.

    ``changes`` maps dotted names (``"voice.rate"``, ``"access.scan_interval"``,
    ``"keys.bookmark"``, ``"preset"``) to new values. Values are replaced in place, so
    comments, order and settings this function does not manage stay as they are; a missing
    setting is added to its section (or replaces its commented-out line), a missing section
    is added at the end. The result is re-read and must give exactly the requested values
    and leave every other setting unchanged; the previous file is kept as
    ``config.yaml.bak``; the write is atomic. Returns the backup path (None for a new file).
    Raises :class:`SettingsSaveError` (and writes nothing) when that cannot be done.
    """
    path = Path(path)
    try:
        original: str | None = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        original = None
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsSaveError(f"{path} cannot be read: {error}") from None
    text = original if original is not None else default_config_text()
    if not _compose(text, _Reader(path, None, None))[1]:
        raise SettingsSaveError(
            f"{path} has a syntax error; fix it (alsreader config check) before saving"
        )
    expected = dict(parse_settings(text, source=path).explicit)
    try:
        for dotted, value in changes.items():
            rendered, normalised = _checked(dotted, value)
            text = _set_one(text, dotted, rendered)
            expected[dotted] = normalised
    except yaml.YAMLError as error:
        raise SettingsSaveError(f"the settings file could not be edited: {error}") from None
    after = parse_settings(text, source=path)
    if after.explicit != expected:
        differing = sorted(k for k in set(expected) | set(after.explicit)
                           if expected.get(k, "?") != after.explicit.get(k, "?"))
        raise SettingsSaveError(
            "saving would not give the intended settings (" + ", ".join(differing) + "); "
            "nothing was written"
        )
    backup = None
    if original is not None:
        backup = backup_path(path)
        atomic_write_text(backup, original)
    atomic_write_text(path, text)
    return backup


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
