"""Every setting alsreader has, each declared once.

A setting is one field of the dataclasses below: its annotation is its type, and the call that
gives its default (:func:`number`, :func:`choice`, :func:`flag`, ...) says everything else
about it -- its range or choices (each choice with the words a person reads), its unit, the
comment ``alsreader config init`` writes above it, and, for the settings screen, its label and
step. Nothing else lists settings: :data:`SCHEMA` and :data:`GROUPS` are read off these
dataclasses, and from them come the checks when a file is loaded and before a change is
saved (:mod:`alsreader.config.loading`, :mod:`alsreader.config.saving`), the ``config init``
template (:mod:`alsreader.config.template`) and the rows of the settings screen. Adding a
setting is adding one field here (and using it where it matters).

A group (``voice``, ``reading``, ...) is a section of the settings file and, when its
``heading`` is not empty, a titled group of rows on the settings screen.

Other parts take what they implement from here (the rate bounds, the engine and player
names), so the settings and the parts cannot disagree.

This module never imports Textual, and imports no part it configures but the scanner's
defaults and the access modes (the speech layer reads its names from here).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar, cast

from alsreader.access.scanner import ACCESS_MODES, MOVE, SELECT, AccessMode, ScanSettings
from alsreader.document.pronounce import PronunciationRule

SPEC = "alsreader.setting"
"""The key of a field's metadata that holds its :class:`Spec`."""


# --------------------------------------------------------------------------- what a setting is


@dataclass(frozen=True)
class Choice:
    """One value a choice setting accepts, and how it is named to a person."""

    value: str
    """As written in the settings file ("one-switch")."""
    name: str
    """Short name, shown where room is short ("One switch")."""
    detail: str = ""
    """What it means, in a few words ("scanning"); also the comment ``config init`` writes."""

    @property
    def label(self) -> str:
        """Name and detail, as the settings screen shows it ("One switch (scanning)")."""
        return f"{self.name} ({self.detail})" if self.detail else self.name


def choices(values: Sequence[str], names: Mapping[str, tuple[str, str]]) -> tuple[Choice, ...]:
    """``values`` (declared by the part that implements them) with their names and details.

    Raises ValueError when the two disagree, so a value added where it is implemented cannot
    be forgotten here (and a name here cannot outlive its value).
    """
    if list(values) != list(names):
        raise ValueError(f"choices {list(values)} and their names {list(names)} differ")
    return tuple(Choice(value, *names[value]) for value in values)


@dataclass(frozen=True)
class Spec:
    """What one setting accepts and how it is presented; read off its field (see module doc).

    ``kind`` is one of: int, float (numbers, from the annotation), bool, choice, preset (a
    choice that sets other settings), voice, key, key_list, folders, key_map, rules.
    """

    kind: str
    help: str
    """The comment ``config init`` writes above the setting (may hold line breaks)."""
    low: float | None = None
    high: float | None = None
    unit: str = ""
    """Said after the range ("words per minute", "seconds")."""
    choices: tuple[Choice, ...] = ()
    nullable: bool = False
    """null is accepted too (the preset: none)."""
    renamed: tuple[tuple[str, str], ...] = ()
    """Old values still accepted, each with the value it now is (("none", "off"),)."""
    note: str = ""
    """Written by ``config init`` below the list of choices."""
    init_value: object = None
    """What ``config init`` writes instead of the default (the preset: everyday); None: the
    default."""
    label: str = ""
    """The settings screen's row label; "" keeps the setting off the screen."""
    step: float = 0.0
    """For numbers: one step of the screen's less / more."""
    says: Callable[[object], str] | None = None
    """How the screen says a value; default: the choice's label, or the number and unit."""
    shown_with: str = ""
    """For a setting outside the groups: the group whose rows it leads on the screen."""

    @property
    def values(self) -> tuple[str, ...]:
        """The values a choice accepts, in order."""
        return tuple(choice.value for choice in self.choices)

    def label_of(self, value: object) -> str:
        """The label of a choice value (the value itself when it has none)."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return str(value)

    def name_of(self, value: object) -> str:
        """The short name of a choice value ("One switch"; the value itself when it has none)."""
        for choice in self.choices:
            if choice.value == value:
                return choice.name
        return str(value)

    def say(self, value: object) -> str:
        """The value as the settings screen shows it ("175 words per minute")."""
        if self.says is not None:
            return self.says(value)
        if self.choices:
            return self.label_of(value)
        if self.kind == "bool":
            return "on" if value else "off"
        if self.unit and self.kind in ("int", "float"):
            return f"{value} {self.unit}"
        return str(value)

    def allowed(self) -> str:
        """What the setting accepts, as the end of a message ("allowed 0 to 2 seconds")."""
        if self.kind in ("int", "float"):
            unit = f" {self.unit}" if self.unit else ""
            return f"allowed {_num(self.low)} to {_num(self.high)}{unit}"
        if self.kind == "bool":
            return "allowed true or false"
        if self.kind in ("choice", "preset"):
            return "allowed " + ", ".join(self.values)
        if self.kind == "voice":
            return "allowed an installed voice id (alsreader voices lists them) or null"
        if self.kind in ("key", "key_map"):
            return "allowed one key name such as space, enter, b, f1"
        if self.kind == "key_list":
            return "allowed a list of single keys such as [space, enter]"
        if self.kind == "rules":
            return "allowed a list of rules with match: and say:"
        return "allowed a list of folders"


def _num(value: float | None) -> str:
    return f"{value:g}" if value is not None else "?"


# --------------------------------------------------------------------------- declaring


Number = TypeVar("Number", int, float)


def _field(spec: Spec, default: object = dataclasses.MISSING,
           factory: Callable[[], object] | None = None) -> Any:
    if factory is not None:
        return field(default_factory=factory, metadata={SPEC: spec})
    return field(default=default, metadata={SPEC: spec})


def number(default: Number, *, low: float, high: float, help: str, unit: str = "",
           label: str = "", step: float = 0.0,
           says: Callable[[object], str] | None = None) -> Number:
    """A number from ``low`` to ``high``; whole or not as the field's annotation says."""
    spec = Spec("number", help, low, high, unit, label=label, step=step, says=says)
    return cast(Number, _field(spec, default))


def choice(default: str, options: tuple[Choice, ...], *, help: str, label: str = "",
           renamed: tuple[tuple[str, str], ...] = ()) -> str:
    """One of ``options``."""
    return cast(str, _field(Spec("choice", help, choices=options, label=label,
                                 renamed=renamed), default))


def flag(default: bool, *, help: str, label: str = "") -> bool:
    """true or false."""
    return cast(bool, _field(Spec("bool", help, label=label), default))


def voice_id(*, help: str, label: str = "") -> str | None:
    """An installed voice (id or name), or null for the engine's default."""
    return cast("str | None", _field(Spec("voice", help, nullable=True, label=label), None))


def key(default: str, *, help: str) -> str:
    """One single key (no Ctrl, Alt or Shift)."""
    return cast(str, _field(Spec("key", help), default))


def key_list(default: Sequence[str], *, help: str) -> list[str]:
    """A list of single keys."""
    return cast("list[str]", _field(Spec("key_list", help), factory=lambda: list(default)))


def folder_list(*, help: str) -> list[Path]:
    """A list of folders (relative ones are taken from the settings file's folder)."""
    return cast("list[Path]", _field(Spec("folders", help), factory=list))


def key_map(*, help: str) -> dict[str, str]:
    """Action id -> single key."""
    return cast("dict[str, str]", _field(Spec("key_map", help), factory=dict))


def rule_list(*, help: str) -> list[PronunciationRule]:
    """Pronunciation rules."""
    return cast("list[PronunciationRule]", _field(Spec("rules", help), factory=list))


# --------------------------------------------------------------------------- how values read


def words_per_minute(value: object) -> str:
    """A pace: "175 words per minute"."""
    return f"{value} words per minute"


def percent(value: object) -> str:
    """A loudness of 0.0 to 1.0 as a percentage."""
    number = float(value) if isinstance(value, (int, float)) else 0.0
    return f"{round(number * 100)} %"


def seconds(value: object) -> str:
    """A timing as read: "1.2 seconds", "0 seconds (off)"."""
    number = float(value) if isinstance(value, (int, float)) else 0.0
    if number == 0:
        return "0 seconds (off)"
    return f"{number:g} second" + ("" if number == 1 else "s")


def milliseconds(value: object) -> str:
    """A pause in the file's milliseconds, said in seconds."""
    number = int(value) if isinstance(value, (int, float)) else 0
    if number == 0:
        return "no pause"
    return f"{number / 1000:g} seconds ({number} ms)"


def rounds(value: object) -> str:
    """How many times a scan goes round: "1 round", "2 rounds"."""
    return f"{value} round" + ("" if value == 1 else "s")


def pitch_text(value: object) -> str:
    """A pitch on espeak's 0-99 scale."""
    return f"{value} (50 is the voice's own)"


# --------------------------------------------------------------------------- presets

# The pace: the rate setting, the synthesizer's clamp and Faster / Slower all use these.
SLOWEST_RATE = 80
"""Words per minute; espeak-ng is not understandable much below this."""
FASTEST_RATE = 450
"""Words per minute; espeak-ng's own upper limit."""
USUAL_RATE = 175
"""espeak-ng's usual rate, the default."""
RATE_STEP = 15
"""Words per minute one Faster / Slower press, or one settings step, changes the pace by."""


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
    "everyday": Preset(USUAL_RATE, 0, 300, 900, "usual pace"),
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


def _pause(default: int, help_: str, label: str) -> int:
    return number(default, low=0, high=10000, unit="milliseconds", help=help_, label=label,
                  step=100, says=milliseconds)


def _timing(default: float, low: float, high: float, help_: str, label: str = "",
            step: float = 0.1) -> float:
    return number(default, low=low, high=high, unit="seconds", help=help_, label=label,
                  step=step, says=seconds)


# --------------------------------------------------------------------------- the settings

ENGINES = (
    Choice("auto", "Automatic", "espeak-ng if installed, else the system's own voices"),
    Choice("espeak", "espeak-ng", "espeak-ng, bundled with alsreader or the system's"),
    Choice("sapi5", "Windows voices", "the Windows voices (SAPI 5; Windows only)"),
    Choice("nsss", "macOS voices", "the macOS voices (macOS only)"),
)
"""The speech engines (speech/engine.py finds each; "auto": the first found)."""
PLAYERS = tuple(Choice(name, name) for name in (
    "auto", "pacat", "paplay", "pw-play", "aplay", "afplay", "winsound", "silent"))
"""The audio players (speech/player.py makes each; "auto": the first that works here)."""
# The access modes are the scanner's; the names people read are given here.
ACCESS_MODE_CHOICES = choices(ACCESS_MODES, {
    "keys": ("Keys", "the keyboard"),
    "one-switch": ("One switch", "scanning"),
    "two-switch": ("Two switches", "move and select"),
    "dwell": ("Dwell", "rest the pointer to press"),
})
HIGHLIGHTS = (
    Choice("sentence", "Sentence", "the sentence being read is marked"),
    Choice("word", "Word", "the sentence being read is marked, and in it the word being "
           "heard (with espeak-ng; other voices mark the sentence)"),
    Choice("paragraph", "Paragraph", "the paragraph being read is marked"),
    Choice("off", "Off", "nothing is marked; the text still follows the reading"),
)
THEMES = (
    Choice("high-contrast", "High contrast", "white on black"),
    Choice("light", "Light", "black on white"),
    Choice("dark", "Dark", "grey on charcoal"),
)
PRESET_CHOICES = tuple(
    Choice(name, name, f"{preset.rate} words per minute, {preset.description}")
    for name, preset in PRESETS.items()
)

SLEEP_TIMERS = (
    Choice("off", "Off"),
    Choice("15", "15 minutes"),
    Choice("30", "30 minutes"),
    Choice("45", "45 minutes"),
    Choice("60", "60 minutes"),
    Choice("section", "At the end of the section"),
)
"""The sleep timer's lengths, in the order the Sleep timer control steps through them."""


@dataclass
class VoiceSettings:
    """How the voice sounds and which program plays it."""

    heading: ClassVar[str] = "Voice"

    engine: str = choice("auto", ENGINES, help="Speech engine.")
    voice: str | None = voice_id(
        help="Voice id from `alsreader voices`; null for the default.", label="Voice")
    rate: int = number(USUAL_RATE, low=SLOWEST_RATE, high=FASTEST_RATE,
                       unit="words per minute", help="Speaking rate.", label="Speaking rate",
                       step=RATE_STEP, says=words_per_minute)
    volume: float = number(0.9, low=0.0, high=1.0, unit="(0 silent, 1 loudest)",
                           help="Loudness.", label="Loudness", step=0.05, says=percent)
    pitch: int = number(50, low=0, high=99, unit="(50 is normal)", help="Voice pitch.",
                        label="Pitch", step=5, says=pitch_text)
    player: str = choice("auto", PLAYERS, help="Program that plays the sound.")


@dataclass
class ReadingSettings:
    """Pauses and what is read."""

    heading: ClassVar[str] = "Pace and pauses"

    pause_sentence_ms: int = _pause(0, "Silence after each sentence.", "Pause after a sentence")
    pause_paragraph_ms: int = _pause(300, "Silence after each paragraph.",
                                     "Pause after a paragraph")
    pause_section_ms: int = _pause(900, "Silence after each section.", "Pause after a section")
    continuous: bool = flag(True, help="Read on into the next section.")
    highlight: str = choice("sentence", HIGHLIGHTS, help="What is marked while reading.",
                            renamed=(("none", "off"),))
    speak_code: bool = flag(False, help="Read code blocks aloud too.")
    illustration_captions: bool = flag(
        True, help="Read the caption of a book's pictures ([Illustration: ...]) aloud.",
        label="Read picture captions")
    speak_section_titles: bool = flag(
        False, help=("Say each section's title as the section starts (its heading, or the\n"
                     "outline's title when the text does not begin with it)."),
        label="Say section titles")
    pause_title_ms: int = _pause(700, "Silence after a section title (when titles are said).",
                                 "Pause after a section title")
    sleep_timer: str = choice(
        "off", SLEEP_TIMERS, label="Sleep timer",
        help=("Stop reading after this long (counted while reading), the voice fading out\n"
              "over the last sentence; a press in the last minute gives the time again.\n"
              "section: at the end of the section being read."))


@dataclass
class AccessSettings:
    """How the reader operates alsreader: keys, one or two switches, or dwell; and timings."""

    heading: ClassVar[str] = "Switches and scanning"

    # The timings' defaults are the scanner's own (one place to change them).
    mode: str = choice("keys", ACCESS_MODE_CHOICES, help="How alsreader is operated.",
                       label="How alsreader is used")
    scan_interval: float = _timing(
        ScanSettings.scan_interval, 0.3, 10, "Time each item stays highlighted while scanning.",
        "Scan interval (time on each item)")
    first_item_pause: float = _timing(
        ScanSettings.first_item_pause, 0, 10, "Extra time on the first item of a scan.",
        "Extra time on the first item")
    loops: int = number(ScanSettings.loops, low=1, high=10, unit="rounds",
                        help="Times a scan goes round before it stops.",
                        label="Scan rounds before resting", step=1, says=rounds)
    hold_duration: float = _timing(
        ScanSettings.hold_duration, 0, 2, "A press must last this long to count (0: any).",
        "Hold a press at least", step=0.05)
    ignore_repeat: float = _timing(
        ScanSettings.ignore_repeat, 0, 2, "Presses this soon after another are ignored.",
        "Ignore a repeated press within", step=0.05)
    selection_delay: float = _timing(
        ScanSettings.selection_delay, 0, 5, "Pause after a selection before scanning restarts.",
        "Pause after a selection")
    # The list helpers return field(default_factory=...): nothing mutable is shared.
    one_switch_keys: list[str] = key_list(  # noqa: RUF009
        ["space", "enter"], help="Keys that act as the switch in one-switch mode.")
    two_switch_move: str = key(
        "space", help="Two-switch mode: the key that moves to the next item.")
    two_switch_select: str = key("enter", help="Two-switch mode: the key that selects the item.")
    dwell_time: float = _timing(
        ScanSettings.dwell_time, 0.3, 5, "Time the pointer rests on a target to press it.",
        "Dwell time (pointer rests to press)")
    spoken_cues: bool = flag(False, help="Speak each item as the scan reaches it.")
    click_sound: bool = flag(False, help="Click when a press is accepted.")
    settings_reachable_by_scan: bool = flag(
        False, help="Let scanning reach the settings screen (caregivers usually say false).")

    def scan_settings(self, mode: AccessMode) -> ScanSettings:
        """The scanner's timings (and switch keys) for ``mode``."""
        return ScanSettings(
            mode=mode,
            scan_interval=self.scan_interval,
            first_item_pause=self.first_item_pause,
            loops=self.loops,
            hold_duration=self.hold_duration,
            ignore_repeat=self.ignore_repeat,
            selection_delay=self.selection_delay,
            dwell_time=self.dwell_time,
            select_key=self.two_switch_select,
            move_key=self.two_switch_move,
        )

    def switch_keys(self, mode: str) -> dict[str, str]:
        """Key name -> switch ("select" / "move") in ``mode``; empty when keys are just keys."""
        if mode == "one-switch":
            return {key: SELECT for key in self.one_switch_keys}
        if mode == "two-switch":
            # If both were set to the same key, selecting is the safer meaning.
            return {self.two_switch_move: MOVE, self.two_switch_select: SELECT}
        return {}


@dataclass
class DisplaySettings:
    """How the screen looks."""

    heading: ClassVar[str] = "Screen"

    theme: str = choice("high-contrast", THEMES,
                        help="Colours (high-contrast is easiest to read).", label="Colours")


@dataclass
class LibrarySettings:
    """Where the reader's documents are."""

    heading: ClassVar[str] = ""

    folders: list[Path] = folder_list(  # noqa: RUF009 (a field with a default_factory)
        help="Folders of documents (~ is your home folder).")


TALKING_RATE = 190
"""Words per minute of the talking voice: a little quicker than a book is read."""
MOST_PREDICTIONS = 7
"""Most word predictions the Talk screen shows in its row, and the default: with the alarm
the row is a full scan of eight (more would be split into blocks, costing steps to each)."""


@dataclass
class TalkSettings:
    """The talking voice (the Talk screen speaks for the person) and the word predictions."""

    heading: ClassVar[str] = "Talking voice"

    voice: str | None = voice_id(
        help=("Voice for what is said on the Talk screen (from `alsreader voices`); null: the\n"
              "reading voice."), label="Talking voice")
    rate: int = number(TALKING_RATE, low=SLOWEST_RATE, high=FASTEST_RATE,
                       unit="words per minute", help="Talking rate.", label="Talking rate",
                       step=RATE_STEP, says=words_per_minute)
    volume: float = number(1.0, low=0.0, high=1.0, unit="(0 silent, 1 loudest)",
                           help="Talking loudness.", label="Talking loudness", step=0.05,
                           says=percent)
    predictions: int = number(MOST_PREDICTIONS, low=0, high=MOST_PREDICTIONS, unit="words",
                              help="Word predictions shown above the keyboard (0: none).",
                              label="Word predictions", step=1)
    learn_words: bool = flag(
        True, help="Learn words from what is said, to predict them (kept on this computer).",
        label="Learn the words I say")
    alarm_in_every_row: bool = flag(
        True, help=("The alarm in every row of the keyboard too, so it is two scan steps from\n"
                    "anywhere; false: only between the rows (typing takes fewer steps)."),
        label="Alarm in every keyboard row")


@dataclass
class Settings:
    """Everything a caregiver can set. Defaults are the values used when the file is silent."""

    voice: VoiceSettings = field(default_factory=VoiceSettings)
    reading: ReadingSettings = field(default_factory=ReadingSettings)
    access: AccessSettings = field(default_factory=AccessSettings)
    keys: dict[str, str] = key_map(help=(  # noqa: RUF009 (a field with a default_factory)
        "Keys: give an action a different key. Single keys only (no Ctrl, Alt or\n"
        "Shift), for example:  play_pause: space   or   bookmark: m"))
    """Remapped actions: action id -> key (single keys only, no Ctrl/Alt/Shift)."""
    display: DisplaySettings = field(default_factory=DisplaySettings)
    library: LibrarySettings = field(default_factory=LibrarySettings)
    talk: TalkSettings = field(default_factory=TalkSettings)
    pronunciations: list[PronunciationRule] = rule_list(help=(  # noqa: RUF009 (as keys)
        "Words the voice says wrong. Each rule: match (the text), say (what to say\n"
        "instead, or null to skip it), mode (word, anywhere or regex) and\n"
        "case_sensitive (true or false). Rules apply in order, only to what is spoken.\n"
        "For example:\n"
        "  - match: Dr.\n"
        "    say: Doctor\n"
        "    mode: anywhere\n"
        "    case_sensitive: true"))
    preset: str | None = cast("str | None", _field(Spec(
        "preset", "Pace preset.", choices=PRESET_CHOICES, nullable=True,
        note=("The preset sets voice.rate and the reading pauses; remove the # in front of one\n"
              "of those below to choose it yourself (your value then wins over the preset)."),
        init_value="everyday", label="Pace preset", shown_with="reading"), None))


# --------------------------------------------------------------------------- read off the above


@dataclass(frozen=True)
class Group:
    """A section of the settings file: its settings in declared order, its screen heading."""

    name: str
    heading: str
    settings: dict[str, Spec]
    model: type


def _specs(model: type) -> dict[str, Spec]:
    """Every declared setting of a dataclass, the numbers' kind taken from the annotation."""
    hints = typing.get_type_hints(model)
    found: dict[str, Spec] = {}
    for item in dataclasses.fields(model):
        spec = item.metadata.get(SPEC)
        if not isinstance(spec, Spec):
            continue
        if spec.kind == "number":
            kind = {int: "int", float: "float"}.get(hints[item.name])
            if kind is None:
                raise TypeError(f"{model.__name__}.{item.name}: a number must be int or float")
            spec = dataclasses.replace(spec, kind=kind)
        found[item.name] = spec
    return found


def _groups() -> tuple[Group, ...]:
    groups: list[Group] = []
    for item in dataclasses.fields(Settings):
        if item.default_factory is dataclasses.MISSING:
            continue
        model = item.default_factory
        if isinstance(model, type) and dataclasses.is_dataclass(model):
            groups.append(Group(item.name, str(getattr(model, "heading", "")), _specs(model),
                                model))
    return tuple(groups)


GROUPS: tuple[Group, ...] = _groups()
"""The sections of the file that hold settings, in declared order."""

SCHEMA: dict[str, dict[str, Spec]] = {group.name: group.settings for group in GROUPS}
"""Section -> setting name -> :class:`Spec`, in declared order."""

TOP_LEVEL: dict[str, Spec] = _specs(Settings)
"""The settings outside the sections (``keys``, ``pronunciations``, ``preset``)."""

SECTIONS: tuple[str, ...] = tuple(item.name for item in dataclasses.fields(Settings))
"""Every top-level name a settings file may hold, in declared order."""


def spec_of(dotted: str) -> Spec | None:
    """The declaration of a dotted setting ("voice.rate", "preset", "keys.bookmark")."""
    section, _, name = dotted.partition(".")
    if not name:
        return TOP_LEVEL.get(section)
    if section in TOP_LEVEL and TOP_LEVEL[section].kind == "key_map":
        return TOP_LEVEL[section]
    return SCHEMA.get(section, {}).get(name)


def screen_rows() -> list[tuple[str, list[tuple[str, Spec]]]]:
    """The settings screen's groups: heading and (dotted name, spec) rows, in declared order.

    A setting outside the groups that is ``shown_with`` one leads that group's rows.
    """
    rows = []
    for group in GROUPS:
        members = [(name, spec) for name, spec in TOP_LEVEL.items()
                   if spec.shown_with == group.name and spec.label]
        members += [(f"{group.name}.{name}", spec) for name, spec in group.settings.items()
                    if spec.label]
        if group.heading and members:
            rows.append((group.heading, members))
    return rows


def get_setting(settings: Settings, dotted: str) -> object:
    """The value of a dotted setting ("voice.rate", "preset")."""
    section, _, name = dotted.partition(".")
    if not name:
        return getattr(settings, section)
    return getattr(getattr(settings, section), name)


def set_setting(settings: Settings, dotted: str, value: object) -> None:
    """Change a dotted setting in memory."""
    section, _, name = dotted.partition(".")
    if not name:
        setattr(settings, section, value)
        return
    setattr(getattr(settings, section), name, value)
