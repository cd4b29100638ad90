"""Settings: voice, pace and pauses, switch timings, access mode and theme, in large rows.

Every setting is one :class:`Stepper` row: up / down (or Tab) move between rows, left / right
(or - and +) change the focused one, and each row has large "less" and "more" controls for a
pointer or a switch. A change is used at once (the narrator restarts the sentence being read
with the new voice, the theme switches, the scanner takes the new timings) and is saved a
moment later, in a worker thread, with :func:`alsreader.config.save_settings_values`: only the
changed values are rewritten, comments and settings this screen does not manage stay, the
previous file is kept as ``config.yaml.bak`` and the write is atomic. If the file cannot be
written the screen says so plainly and the values stay in use until alsreader closes.

Every change can be undone in one step: "Undo" (or u) puts back the values from before the
last change (one stepper press, one preset, one voice picked), used and saved like any change;
pressing it again goes further back, as far as this visit of the screen.

"Hear sample" speaks a short sentence with the chosen voice as a short utterance of the speech
service (so the narrator's clip and place are never touched); reading, if it was going on, is
paused first so two voices never talk at once.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from alsreader import locations
from alsreader.config import (
    PRESET_KEYS,
    PRESETS,
    Settings,
    SettingsSaveError,
    Spec,
    get_setting,
    preset_values,
    save_settings_values,
    screen_rows,
    set_setting,
    spec_of,
)
from alsreader.speech.events import SpeechState
from alsreader.speech.service import UtteranceFailed
from alsreader.speech.synthesizer import Voice, VoiceInfo
from alsreader.ui.access.targets import Target, widget_targets
from alsreader.ui.keymap import remappable
from alsreader.ui.screens.base import ReaderScreenBase
from alsreader.ui.services import ReaderServices
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.control_bar import ControlBar
from alsreader.ui.widgets.plain_scroll import PlainScroll
from alsreader.ui.widgets.stepper import DescribeFunction, StepFunction, Stepper
from alsreader.ui.widgets.voice_picker import DEFAULT_VOICE_TITLE, VoicePicker

SAMPLE_SENTENCE = "Hello. This is how I will sound when I read to you."
TALKING_SAMPLE = "Hello. This is how I will sound when I speak for you."
"""Said by "hear the voice" on a row of the talking voice (``talk.*``)."""
"""What "Hear sample" says."""

SAVE_DELAY_S = 0.4
"""Changes are written this long after the last one, so holding a key writes the file once."""


CONTROLS: list[tuple[str, str]] = [
    ("settings_back", "Back"),
    ("hear_sample", "Hear sample"),
    ("choose_voice", "Choose voice"),
    ("settings_undo", "Undo"),
]
"""The screen's own controls, in scan order: binding id and label."""


# --------------------------------------------------------------------------- values


def number_step(dotted: str, step: float | None = None) -> StepFunction:
    """Steps of ``step`` (default: the setting's declared step) on a grid, within the range
    the settings file allows."""
    spec = spec_of(dotted)
    if spec is None or spec.kind not in ("int", "float"):
        raise ValueError(f"{dotted} is not a number setting")
    step = step or spec.step or 1.0
    low = spec.low if spec.low is not None else 0.0
    high = spec.high if spec.high is not None else math.inf
    whole = spec.kind == "int"

    def stepped(value: object, direction: int) -> object:
        current = float(value) if isinstance(value, (int, float)) else low
        # A value off the grid (175 with steps of 10) goes to the next grid line, not past it.
        units = current / step
        index = math.floor(units + 1e-6) + 1 if direction > 0 else math.ceil(units - 1e-6) - 1
        new = min(max(index * step, low), high)
        if whole:
            return round(new)
        return float(round(new, 3))

    return stepped


def choice_step(choices: Callable[[], Sequence[object]]) -> StepFunction:
    """The previous or next of ``choices()`` (going round at the ends)."""

    def stepped(value: object, direction: int) -> object:
        options = list(choices())
        if not options:
            return value
        if value in options:
            return options[(options.index(value) + direction) % len(options)]
        return options[0] if direction > 0 else options[-1]

    return stepped


# --------------------------------------------------------------------------- the screen


@remappable
class SettingsScreen(ReaderScreenBase, inherit_bindings=False):
    """Changes the caregiver's settings, using and saving each change at once.

    | Key | Description |
    | :- | :- |
    | down, tab / up | Next / previous setting. |
    | left, minus / right, plus | Less / more of the focused setting. |
    | h | Hear a sample of the voice. |
    | v | Choose the voice from a list. |
    | u | Undo the last change (again: the one before). |
    | escape, comma | Back (close the voice list, or go back to reading). |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,comma", "back", "Back", id="settings_back"),
        Binding("h", "hear_sample", "Hear a sample of the voice", id="hear_sample"),
        Binding("v", "choose_voice", "Choose the voice from a list", id="choose_voice"),
        Binding("u", "undo", "Undo the last change", id="settings_undo"),
        Binding("down,tab", "app.focus_next", "Next setting", id="settings_next"),
        Binding("up", "app.focus_previous", "Previous setting", id="settings_previous"),
    ]

    HELP_TITLE = "Settings"
    AUTO_FOCUS = ""  # on_mount focuses the first setting without scrolling its heading away

    DEFAULT_CSS = """
    SettingsScreen #settings-status {
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    SettingsScreen #settings-note {
        height: auto;
        padding: 0 1;
    }
    SettingsScreen #settings-status.-problem {
        border: heavy $error;
        color: $error;
    }
    SettingsScreen #settings-list {
        height: 1fr;
        padding: 0 1;
    }
    SettingsScreen .settings-heading {
        text-style: bold underline;
        padding: 0 1;
    }
    SettingsScreen #voices {
        display: none;
    }
    SettingsScreen.-choosing-voice #voices {
        display: block;
    }
    SettingsScreen.-choosing-voice #settings-list {
        display: none;
    }
    """

    class VoicesFound(Message):
        """The installed voices were listed (in a worker)."""

        def __init__(self, voices: list[VoiceInfo], problem: str) -> None:
            super().__init__()
            self.voices = voices
            self.problem = problem

    class SaveReport(Message):
        """A save finished: ``problem`` is "" when it worked."""

        def __init__(self, problem: str, backup: Path | None) -> None:
            super().__init__()
            self.problem = problem
            self.backup = backup

    class Changed(Message):
        """Settings were changed in place: the app applies them (``names`` are dotted)."""

        def __init__(self, names: frozenset[str]) -> None:
            super().__init__()
            self.names = names

    class SampleReport(Message):
        """The voice sample started, finished or could not be played."""

        def __init__(self, what: str, problem: bool = False) -> None:
            super().__init__()
            self.what = what
            self.problem = problem

    def __init__(self, services: ReaderServices) -> None:
        super().__init__(services)
        self.voices: list[VoiceInfo] = []
        """The installed voices (empty until listed, or when there is no speech engine)."""
        self.save_problem = ""
        """Why the last save failed ("" when it worked or nothing was saved yet)."""
        self.saves = 0
        """How many times the file was written from this screen."""
        self.sample_state = ""
        """"playing", "finished" or "failed" once "Hear sample" was used."""
        self.last_sample: Voice | None = None
        """The voice the last sample was spoken with."""
        self._pending: dict[str, object] = {}
        self._pending_lock = threading.Lock()
        self._save_lock = threading.Lock()
        self._save_timer: Timer | None = None
        self._sample: Future[None] | None = None
        self._steppers: dict[str, Stepper] = {}
        self._config_path: Path | None = None
        self._closing = False
        self._undo: list[dict[str, object]] = []
        """For each change made on this visit, oldest first: the values it replaced."""
        self._undone = ""
        """What the last undo put back, said again with the save that follows it."""

    @property
    def settings(self) -> Settings:
        """The settings in use (the app's; changed in place)."""
        return self.services.settings

    @property
    def config_path(self) -> Path:
        """The settings file changes are saved to."""
        if self._config_path is None:
            # Fixed on first use (on the UI thread), so the save worker never asks the app.
            self._config_path = self.services.loaded.path or locations.config_file()
        return self._config_path

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        """Status line, the settings in groups, the voice list (hidden), the controls."""
        yield Static(self._intro(), id="settings-status", markup=False)
        note = self._highlight_note()
        yield Static(note, id="settings-note", markup=False).set_styles(
            "display: block;" if note else "display: none;")
        with PlainScroll(id="settings-list"):
            # Every setting declared with a screen label, in declared order, under its
            # group's heading (alsreader.config.declaration).
            for heading, rows in screen_rows():
                yield Static(heading, classes="settings-heading")
                for dotted, spec in rows:
                    yield self._row(dotted, spec)
        yield VoicePicker(id="voices")
        yield ControlBar(
            [
                BigButton(label, action_id, key_label=self.services.keymap.label(
                    action_id, first_only=True),
                          id=f"control-{action_id}")
                for action_id, label in CONTROLS
            ],
            id="settings-controls",
        )

    def _row(self, dotted: str, spec: Spec) -> Stepper:
        step, describe = self._stepping(dotted, spec)
        labels = {} if spec.kind in ("int", "float") else {"less": "◀ Previous",
                                                            "more": "Next ▶"}
        stepper = Stepper(dotted, spec.label, get_setting(self.settings, dotted), step=step,
                          describe=describe, id="setting-" + dotted.replace(".", "-"),
                          **labels)
        self._steppers[dotted] = stepper
        return stepper

    def _stepping(self, dotted: str, spec: Spec) -> tuple[StepFunction, DescribeFunction]:
        """How a row steps and shows its value, from what kind of setting it is."""
        if spec.kind == "voice":  # the installed voices, listed once the engine answers
            return choice_step(self._voice_ids), self._voice_name
        if spec.kind == "preset":  # says when a value it decides was changed below it
            return choice_step(lambda: spec.values), self._preset_text
        if spec.kind in ("int", "float"):
            return number_step(dotted), spec.say
        if spec.kind in ("choice", "bool"):
            options: Sequence[object] = spec.values if spec.kind == "choice" else (False, True)
            return choice_step(lambda: options), spec.say
        raise ValueError(f"{dotted}: a {spec.kind} setting has no row on the screen")

    def _intro(self) -> str:
        return (f"Changes are used at once and saved to {self.config_path.name}.\n"
                "↑ ↓ choose a setting · ← → or - + change it · h hear the voice · Esc back")

    def _highlight_note(self) -> str:
        """Why the word highlight asked for (``reading.highlight: word``, set in the file)
        marks only the sentence with this voice ("" when it does not)."""
        if self.settings.reading.highlight != "word":
            return ""
        problem = self.services.speech.word_timings_problem()
        return f"Word highlight: {problem}." if problem else ""

    def on_mount(self) -> None:
        """Show the rate really in use, focus the first setting, list the voices."""
        narrator = self.services.speech.narrator
        if narrator is not None and narrator.voice.rate != self.settings.voice.rate:
            # Faster / Slower in the reader change the pace without saving it: start from
            # what the reader hears.
            self.settings.voice.rate = int(narrator.voice.rate)
            self._steppers["voice.rate"].value = self.settings.voice.rate
        self._steppers["voice.voice"].focus(scroll_visible=False)
        self._list_voices()

    def scan_targets(self) -> list[Target]:
        """In the voice list: the voices, then Back and Hear sample. Otherwise: Back, Hear
        sample, Choose voice, then each setting's less and more controls, top to bottom."""
        controls = self.query_one("#settings-controls", ControlBar).buttons
        if self.choosing_voice:
            picker = self.query_one("#voices", VoicePicker)
            return widget_targets([*picker.rows, *controls[:2]])
        widgets: list[BigButton] = list(controls)
        for stepper in self.query(Stepper):
            widgets.extend((stepper.less_button, stepper.more_button))
        return widget_targets(widgets)

    def stepper(self, dotted: str) -> Stepper:
        """The row of one setting ("voice.rate")."""
        return self._steppers[dotted]

    # ------------------------------------------------------------------ voices

    @work(thread=True, exclusive=True, group="voices")
    def _list_voices(self) -> None:
        try:
            voices = self.services.speech.voices()
        except UtteranceFailed as error:
            self.post_message(self.VoicesFound([], str(error)))
            return
        self.post_message(self.VoicesFound(voices, ""))

    @on(VoicesFound)
    def _voices_found(self, message: VoicesFound) -> None:
        self.voices = message.voices
        self.query_one("#voices", VoicePicker).show_voices(message.voices,
                                                           self.settings.voice.voice)
        self._steppers["voice.voice"].refresh_text()
        if message.problem:
            self._show_status(f"No voices to choose from: {message.problem}", problem=True)

    def _voice_ids(self) -> list[str | None]:
        return [None, *(v.id for v in sorted(self.voices, key=lambda v: (v.name.casefold(),
                                                                        v.id)))]

    def _voice_name(self, value: object) -> str:
        if value is None:
            return DEFAULT_VOICE_TITLE
        for voice in self.voices:
            if value in (voice.id, voice.name):
                return f"{voice.name} ({voice.id})"
        return f"{value}" + (" (not installed)" if self.voices else "")

    @property
    def choosing_voice(self) -> bool:
        """Whether the voice list is shown (instead of the settings)."""
        return self.has_class("-choosing-voice")

    def action_choose_voice(self) -> None:
        """Show the voice list, the voice in use focused."""
        if self.choosing_voice:
            return
        self.add_class("-choosing-voice")
        self.query_one("#voices", VoicePicker).focus_chosen()
        use = self.query_one("#control-choose_voice", BigButton)
        use.label, use.key_label = "Use this voice", "Enter"
        self._show_status("↑ ↓ move through the voices · Enter use the voice · "
                          "h hear it · Esc back to the settings")

    def _close_voices(self) -> None:
        self.remove_class("-choosing-voice")
        use = self.query_one("#control-choose_voice", BigButton)
        use.label, use.key_label = "Choose voice", "v"
        self._show_status(self._intro())
        self._steppers["voice.voice"].focus()

    def _use_focused_voice(self) -> None:
        focused, voice_id = self.query_one("#voices", VoicePicker).focused_voice()
        if focused:
            self.post_message(VoicePicker.VoiceChosen(voice_id))

    @on(VoicePicker.VoiceChosen)
    def _voice_chosen(self, message: VoicePicker.VoiceChosen) -> None:
        self._close_voices()
        self._steppers["voice.voice"].value = message.voice_id
        self._change({"voice.voice": message.voice_id})

    # ------------------------------------------------------------------ changes

    @on(Stepper.Changed)
    def _stepped(self, message: Stepper.Changed) -> None:
        message.stop()
        dotted = message.stepper.setting
        changes: dict[str, object] = {dotted: message.value}
        if dotted == "preset" and isinstance(message.value, str):
            # A preset is saved with its values, so the file says what is used.
            changes.update(preset_values(message.value))
            for key in PRESET_KEYS:
                self._steppers[key].value = changes[key]
        self._change(changes)

    def _change(self, changes: dict[str, object], *, undoing: bool = False) -> None:
        """Use ``changes`` now and save them shortly (remembering what they replace, so
        Undo can put it back, unless this is an undo)."""
        if not undoing:
            replaced = {dotted: get_setting(self.settings, dotted) for dotted in changes}
            if replaced != changes:  # the voice in use picked again is not a change
                self._undo.append(replaced)
            self._undone = ""
        for dotted, value in changes.items():
            set_setting(self.settings, dotted, value)
        if "voice.voice" in changes:
            self.query_one("#voices", VoicePicker).set_chosen(self.settings.voice.voice)
        if set(changes) & set(PRESET_KEYS):
            self._steppers["preset"].refresh_text()
        self.post_message(self.Changed(frozenset(changes)))
        with self._pending_lock:
            self._pending.update(changes)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY_S, self._save_soon)

    def action_undo(self) -> None:
        """Put back the values from before the last change, and use and save them."""
        if not self._undo:
            # Kept for the save report too: a save finishing just after must not put back
            # the "Undone: ..." said before this press.
            self._undone = ("Nothing to undo: no setting was changed since the settings "
                            "were opened.")
            self._show_status(self._undone)
            return
        previous = self._undo.pop()
        for dotted, value in previous.items():
            if dotted in self._steppers:
                self._steppers[dotted].value = value
        self._change(previous, undoing=True)
        # The first setting of a change is the one pressed (a preset comes before its values).
        row = self._steppers.get(next(iter(previous)))
        if row is not None:
            self._undone = f"Undone: {row.label} back to {row.described}."
        else:
            self._undone = "Undone: the last change."
        self._show_status(self._undone)

    def _preset_text(self, value: object) -> str:
        if not isinstance(value, str) or value not in PRESETS:
            return "none (your own rate and pauses)"
        text = f"{value}: {PRESETS[value].description}"
        if any(get_setting(self.settings, key) != wanted
               for key, wanted in preset_values(value).items()):
            text += " (changed below)"
        return text

    # ------------------------------------------------------------------ saving

    def _save_soon(self) -> None:
        self._save_timer = None
        self._save_in_worker()

    @work(thread=True, group="settings-save")
    def _save_in_worker(self) -> None:
        problem, backup = self.save_pending()
        self.post_message(self.SaveReport(problem, backup))

    def save_pending(self) -> tuple[str, Path | None]:
        """Write every change not yet saved; returns (problem or "", the backup's path).

        Safe from any thread; saves happen one at a time, each taking every change made so
        far, so a later change is never overwritten by an earlier one. Changes that could
        not be saved stay pending and go with the next save.
        """
        with self._save_lock:
            with self._pending_lock:
                changes, self._pending = self._pending, {}
            if not changes:
                return "", None
            path = self.config_path
            try:
                backup = save_settings_values(path, changes)
            except SettingsSaveError as error:
                problem = str(error)
            except OSError as error:
                reason = (error.strerror or str(error)).lower()
                problem = f"{path} cannot be written ({reason})"
            else:
                self.saves += 1
                return "", backup
            with self._pending_lock:
                for dotted, value in changes.items():
                    self._pending.setdefault(dotted, value)
            return problem, None

    @on(SaveReport)
    def _save_report(self, message: SaveReport) -> None:
        self.save_problem = message.problem
        if message.problem:
            self._show_status(
                f"Not saved: {message.problem}. The changes are used until alsreader closes.",
                problem=True,
            )
        else:
            backup = f" (the previous one is {message.backup.name})" if message.backup else ""
            undone = f"{self._undone} " if self._undone else ""
            self._show_status(f"{undone}Saved to {self.config_path.name}{backup}.")

    def _show_status(self, text: str, *, problem: bool = False) -> None:
        status = self.query_one("#settings-status", Static)
        status.update(text)
        status.set_class(problem, "-problem")

    def _flush(self) -> None:
        """Save what is pending now (the screen is going away); say so once if it fails."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        problem, _backup = self.save_pending()
        if problem:
            self.save_problem = problem
            # The values stay in use (they are in the app's settings); this screen will not
            # try again, so the caregiver is told once, not again when the screen unmounts.
            with self._pending_lock:
                self._pending.clear()
            self.app.notify(f"Not saved: {problem}. The changes are used until alsreader "
                            "closes.", title="Settings not saved", severity="error", timeout=20)

    # ------------------------------------------------------------------ the sample

    def action_hear_sample(self) -> None:
        """Say a short sentence with the chosen voice (or the voice focused in the list)."""
        voice_id = self.settings.voice.voice
        if self.choosing_voice:
            focused, focused_id = self.query_one("#voices", VoicePicker).focused_voice()
            if focused:
                voice_id = focused_id
        voice = replace(self.services.speech.reading_voice(), voice_id=voice_id)
        sentence = SAMPLE_SENTENCE
        row = self.focused
        if (not self.choosing_voice and isinstance(row, Stepper)
                and row.setting.startswith("talk.")):
            # On the talking voice's rows: how the Talk screen will sound.
            voice, sentence = self.services.speech.talking_voice(), TALKING_SAMPLE
            voice_id = voice.voice_id
        narrator = self.services.speech.narrator
        paused = ""
        if narrator is not None and narrator.state is SpeechState.READING:
            paused = " Reading is paused; Space in the reader goes on."
        self.sample_state = "playing"
        self.last_sample = voice
        self._show_status(f"Speaking a sample: {self._voice_name(voice_id)}.{paused}")
        # The service pauses the book itself, and a second sample cuts off the first.
        self._sample = sample = self.services.speech.say(sentence, voice)
        sample.add_done_callback(self._sample_done)

    def _sample_done(self, sample: Future[None]) -> None:
        # On the speech service's or the player's thread: post, never touch widgets.
        if self._closing:
            return
        try:
            sample.result()
        except CancelledError:
            return  # cut off by a newer sample, a cue or the book: nothing to report
        except UtteranceFailed as error:
            self.post_message(self.SampleReport(str(error), True))
            return
        self.post_message(self.SampleReport("finished"))

    @on(SampleReport)
    def _sample_report(self, message: SampleReport) -> None:
        if message.problem:
            self.sample_state = "failed"
            self._show_status(f"The sample could not be played: {message.what}", problem=True)
        else:
            self.sample_state = message.what
            self._show_status("Sample finished. h plays it again.")

    # ------------------------------------------------------------------ leaving

    def action_back(self) -> None:
        """Close the voice list, or save what is pending and go back."""
        if self.choosing_voice:
            self._close_voices()
            return
        self._flush()
        self.dismiss(None)

    async def press_control(self, binding_id: str) -> None:
        """A control: in the voice list, "Choose voice" uses the focused voice."""
        if binding_id == "choose_voice" and self.choosing_voice:
            services = self.services
            if services.repeat_guard.allow(f"control:{binding_id}", services.clock.now()):
                self._use_focused_voice()
            return
        await super().press_control(binding_id)

    def on_unmount(self) -> None:
        """Save anything pending (the app may be closing) and stop the sample."""
        self._closing = True
        self._flush()
        sample, self._sample = self._sample, None
        if sample is not None and not sample.done():
            self.services.speech.silence()
