"""Speak for me: instant phrases, categories of phrases, a keyboard with word prediction, the
last things said, and an alarm -- spoken with the person's talking voice.

One key (``t``) or one control away from the reader and the library. What was said is shown
in large text as well as spoken. The screen has pages, each its own scan (a new page starts
the scan at its first entry): the first page is the instant phrases (Yes first, the alarm
second, then No, Help, Wait, Thank you, Repeat last and the caregiver's own), then Say it
louder, Type, Phrases, History and Back to reading. On every page, and in every row of the
keyboard, the alarm is the second entry, so it is at most two scan steps from wherever a scan
starts (:func:`alsreader.access.steps.with_attention`).

In keys mode letters are typed directly (the app's single-letter keys do not apply here),
Enter says what was typed, F2 says yes, F3 no, F4 sounds the alarm. Speaking pauses the book
(its place is kept); the talking voice is ``talk.*`` in the settings.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from dataclasses import replace as replaced
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from alsreader.access.scanner import ScanTarget
from alsreader.access.steps import ATTENTION, scan_places, talk_targets, with_attention
from alsreader.document.decode import one_line
from alsreader.speech.events import SpeechState
from alsreader.speech.service import UtteranceFailed
from alsreader.talk import keyboard
from alsreader.talk.completions import message_completions
from alsreader.talk.history import TalkHistory
from alsreader.talk.phrases import (
    INSTANT,
    Phrase,
    PhraseBook,
    PhraseSaveError,
    load_phrases,
    save_phrase,
)
from alsreader.talk.scan import KEYBOARD_BACK, SAVE_PHRASE, keyboard_page_targets
from alsreader.ui.access.targets import Target, widget_targets
from alsreader.ui.keymap import remappable
from alsreader.ui.screens.base import ReaderScreenBase
from alsreader.ui.screens.confirm_clear import ConfirmClearScreen
from alsreader.ui.services import ReaderServices
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.control_bar import ControlBar
from alsreader.ui.widgets.keyboard_view import KeyboardView
from alsreader.ui.widgets.said_text import SaidText
from alsreader.ui.widgets.typed_line import TypedLine

if TYPE_CHECKING:
    from alsreader.speech.synthesizer import Clip
    from alsreader.talk.predictor import WordPredictor

INSTANT_WORDS: dict[str, str] = {
    "talk_yes": "Yes.",
    "talk_no": "No.",
    "talk_help": "Help me, please.",
    "talk_wait": "Wait, please.",
    "talk_thanks": "Thank you.",
}
"""What each built-in instant phrase says."""
ALARM_WORDS = "I need you!"
"""Said, loud, after the alarm tone."""
LABELS: dict[str, str] = {
    "talk_alarm": "I need you!",
    "talk_repeat": "Repeat last",
    "talk_louder": "Say it louder",
    "talk_type": "Type…",
    "talk_phrases": "Phrases…",
    "talk_history": "History…",
    "talk_leave": "Leave Talk",
}
"""Labels of the first page's controls that are not a phrase."""
PICK = "talk_pick:"
"""Ids of a list page's entries (a category, a phrase, a line of history)."""
CLEAR_HISTORY = "talk_clear_history"
"""The history page's control that forgets everything said (after a question)."""
FORGET_WORDS = "talk_forget_words"
"""The history page's control that forgets the learned words (after a question)."""
PAGE_BACK = "talk_main"
"""Back to the first page from any other page (the keyboard's Back too)."""


@dataclass(frozen=True)
class Choice:
    """One entry of a list page: its id, its label, and what choosing it does."""

    id: str
    label: str
    run: Callable[[], object]


@remappable
class TalkScreen(ReaderScreenBase, inherit_bindings=False):
    """Speaks for the person: phrases, a keyboard, the history, the alarm.

    | Key | Description |
    | :- | :- |
    | a letter, digit or mark | Type it (space types a space). |
    | enter | Say what was typed (on a focused control: press it). |
    | backspace | Delete the last letter. |
    | f2 / f3 | Say yes / no. |
    | f4 | Sound the alarm: "I need you!" |
    | f5 / f6 | Say the last thing again / louder. |
    | down | Go to the predicted words (then right / left, and Enter to choose one). |
    | f7 / f8 | The categories of phrases / what was said lately. |
    | escape | Back to the first page; there, back to reading. |
    | tab, right / left | Move the focus to the next / previous control. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "speak", "Say what was typed", id="talk_speak"),
        Binding("backspace", "delete_letter", "Delete the last letter", id="talk_delete"),
        Binding("f2", "yes", "Say yes", id="talk_yes"),
        Binding("f3", "no", "Say no", id="talk_no"),
        Binding("f4", "alarm", "Sound the alarm: I need you", id="talk_alarm"),
        Binding("f5", "repeat_last", "Say the last thing again", id="talk_repeat"),
        Binding("f6", "louder", "Say the last thing louder", id="talk_louder"),
        Binding("down", "words", "Choose from the predicted words", id="talk_words"),
        Binding("f7", "phrases", "The categories of phrases", id="talk_phrases"),
        Binding("f8", "history", "What was said lately", id="talk_history"),
        Binding("escape", "back", "Back (to the first page, then to reading)", id="talk_back"),
        Binding("tab,right", "app.focus_next", "Next control", id="talk_focus_next"),
        Binding("left", "app.focus_previous", "Previous control", id="talk_focus_previous"),
    ]

    HELP_TITLE = "Talk"
    HELP_APP_KEYS = False  # q, comma and ? type here

    DEFAULT_CSS = """
    TalkScreen #page-title {
        height: 1;
        padding: 0 1;
        text-style: bold underline;
    }
    TalkScreen #pages {
        height: 1fr;
    }
    TalkScreen #talk-main, TalkScreen #talk-list {
        height: auto;
    }
    TalkScreen.-typing SaidText {
        display: none;
    }
    """

    class Spoken(Message):
        """An utterance ended: heard, or not (``problem`` says why)."""

        def __init__(self, problem: str = "") -> None:
            super().__init__()
            self.problem = problem

    class PredictorReady(Message):
        """The word predictor was made (in a worker)."""

        def __init__(self, predictor: WordPredictor) -> None:
            super().__init__()
            self.predictor = predictor

    def __init__(self, services: ReaderServices, *, phrases_path: Path | None = None,
                 history_path: Path | None = None) -> None:
        super().__init__(services)
        self.phrases: PhraseBook = load_phrases(phrases_path)
        """The instant phrases and categories in use."""
        self._phrases_path = phrases_path
        self.history = TalkHistory(history_path)
        """The last things said."""
        self.typed = keyboard.Typed()
        """The text being typed."""
        self.predictions: list[str] = []
        """The words on the Words row now."""
        self.page = "main"
        """The page shown: main, keyboard, or list."""
        self.last_said: str | None = self.history.last
        """What was said last (what Repeat and Louder say)."""
        self.heard: list[str] = []
        """Everything said since the screen opened, in order (the alarm as its words)."""
        self._list: list[Choice] = []
        self._list_title = ""
        self._alarm: Clip | None = None
        self._sound_dir: Path | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        """What was said, what is typed, the page title and the pages."""
        yield SaidText("Choose what to say. What is said shows here in large letters.",
                       id="said")
        yield TypedLine(id="typed")
        yield Static("", id="page-title", markup=False)
        with VerticalScroll(id="pages"):
            yield ControlBar(self._main_buttons(), id="talk-main")
            yield KeyboardView(
                [(ATTENTION, LABELS[ATTENTION]), (SAVE_PHRASE, "Save as phrase"),
                 (KEYBOARD_BACK, "Back")],
                words=self.services.settings.talk.predictions, id="keyboard")
            yield ControlBar([], id="talk-list")

    def _main_buttons(self) -> list[BigButton]:
        keys = self.services.keymap
        buttons = []
        for target in talk_targets([phrase.shown for phrase in self.phrases.instant]):
            label = LABELS.get(target.id) or target.label
            if target.id.startswith("talk_own:"):
                label = target.label
            key = keys.label(target.id)  # "" for a control with no key of its own
            buttons.append(BigButton(label, target.id, key_label=key,
                                     id="talk-" + target.id.replace(":", "-")))
        return buttons

    def on_mount(self) -> None:
        """Pause the book (its place is kept), show the first page, get the predictor ready."""
        narrator = self.services.speech.narrator
        if narrator is not None and narrator.state is SpeechState.READING:
            narrator.pause()
        self._show_page("main")
        self.query_one(TypedLine).focus()
        problems = [str(problem) for problem in self.phrases.problems]
        if self.history.notice:
            problems.append(self.history.notice)
        if problems:
            self.notify("\n".join(problems[:6]) + (f"\n…and {len(problems) - 6} more"
                                                   if len(problems) > 6 else ""),
                        title="Phrases problems (those parts were left out)",
                        severity="warning", timeout=20)
        predictor = self.services.word_predictor
        if predictor is None:
            self._make_predictor()
        else:
            # Made on an earlier visit: the settings may have changed since.
            talk = self.services.settings.talk
            predictor.count, predictor.learn = talk.predictions, talk.learn_words
            self._predictor_ready(self.PredictorReady(predictor))

    @work(thread=True, exclusive=True, group="talk-predictor")
    def _make_predictor(self) -> None:
        from alsreader.talk.predictor import WordPredictor

        talk = self.services.settings.talk
        predictor = WordPredictor(count=talk.predictions, learn=talk.learn_words)
        predictor.warm()
        self.post_message(self.PredictorReady(predictor))

    @on(PredictorReady)
    def _predictor_ready(self, message: PredictorReady) -> None:
        self.services.word_predictor = message.predictor
        for notice in message.predictor.notices:
            self.notify(notice, title="Word prediction", timeout=10)
        self._predict()

    @property
    def predictor(self) -> WordPredictor | None:
        """The word predictor, once it is ready."""
        return self.services.word_predictor

    # ------------------------------------------------------------------ pages

    def _show_page(self, page: str, title: str = "") -> None:
        self.page = page
        self.query_one("#talk-main", ControlBar).display = page == "main"
        self.query_one("#keyboard", KeyboardView).display = page == "keyboard"
        self.query_one("#talk-list", ControlBar).display = page == "list"
        self.set_class(page == "keyboard", "-typing")
        titles = {"main": "Talk: choose what to say",
                  "keyboard": "Type, then Speak (predicted words on the top row)"}
        self.query_one("#page-title", Static).update(title or titles.get(page, ""))
        self.query_one("#pages", VerticalScroll).scroll_home(animate=False)

    async def _show_list(self, title: str, choices: Sequence[Choice]) -> None:
        """Show a list page: ``choices`` with the alarm second and Back last."""
        back = Choice(PAGE_BACK, "Back", lambda: self._show_page("main"))
        alarm = Choice(ATTENTION, LABELS[ATTENTION], self.action_alarm)
        targets = with_attention([ScanTarget(c.id, c.label) for c in [*choices, back]],
                                 in_groups=False)
        by_id = {c.id: c for c in [*choices, back, alarm]}
        self._list = [by_id[target.id] for target in targets]
        self._list_title = title
        old = self.query_one("#talk-list", ControlBar)
        fresh = ControlBar([BigButton(choice.label, choice.id, id=f"list-{number}")
                            for number, choice in enumerate(self._list)], id="talk-list")
        await old.remove()
        await self.query_one("#pages", VerticalScroll).mount(fresh)
        self._show_page("list", title)
        if fresh.buttons:
            fresh.buttons[0].focus()  # keys mode: Enter picks it, Tab / arrows move on

    def scan_targets(self) -> list[Target]:
        """The page shown, in its scan order (the alarm second everywhere)."""
        if self.page == "keyboard":
            view = self.query_one("#keyboard", KeyboardView)
            found = []
            talk = self.services.settings.talk
            for scan in keyboard_page_targets(self.predictions,
                                              words_row=talk.predictions > 0,
                                              alarm_in_rows=talk.alarm_in_every_row):
                base = scan.id.split("@", 1)[0]
                found.append(Target(scan, view.key_for(base)))
            return found
        bar_id = "#talk-main" if self.page == "main" else "#talk-list"
        return widget_targets(self.query_one(bar_id, ControlBar).buttons)

    def scan_places(self) -> dict[str, str]:
        """Where the first page's actions are in a switch scan (for the help)."""
        return scan_places(talk_targets([phrase.shown for phrase in self.phrases.instant]))

    def control_runner(self, binding_id: str) -> Callable[[], object] | None:
        """What a phrase, a key of the keyboard or an entry of a list page does."""
        base = binding_id.split("@", 1)[0]
        if base == ATTENTION:
            return self.action_alarm
        if base.startswith(("key:", "word:")):
            return lambda: self.press_key(base)
        if base in INSTANT_WORDS:
            return lambda: self.say(INSTANT_WORDS[base])
        if base.startswith("talk_own:"):
            index = int(base.removeprefix("talk_own:"))
            return lambda: self.say_phrase(self.phrases.instant[index])
        simple: dict[str, Callable[[], object]] = {
            "talk_type": lambda: self._show_page("keyboard"),

            "talk_leave": self.leave_talk,
            PAGE_BACK: lambda: self._show_page("main"),
            SAVE_PHRASE: self.choose_where_to_save,
        }
        if base in simple:
            return simple[base]
        for choice in self._list:
            if choice.id == base:
                return choice.run
        return None

    # ------------------------------------------------------------------ speaking

    def say_phrase(self, phrase: Phrase) -> None:
        """Say a phrase's words (its label is only shown)."""
        self.say(phrase.say)

    def say(self, text: str, *, loud: bool = False, before: Clip | None = None,
            alarm: bool = False, remember: bool = True) -> None:
        """Say ``text`` with the talking voice (pausing the book) and show it large."""
        words = one_line(text)
        if not words:
            return
        speech = self.services.speech
        voice = speech.talking_voice()
        if loud:
            voice = replaced(voice, volume=1.0)
        spoken = speech.say(words, voice, loud=loud, before=before)
        spoken.add_done_callback(self._spoken)
        self.query_one("#said", SaidText).show(words, alarm=alarm)
        self.heard.append(words)
        if remember:
            self.last_said = words
            self.history.add(words)
            if self.history.problem:
                self.notify(self.history.problem, title="History", severity="warning",
                            timeout=10)

    def _spoken(self, spoken: Future[None]) -> None:
        # On the speech service's thread: post, never touch widgets.
        try:
            spoken.result()
        except CancelledError:
            return  # cut off by something newer
        except UtteranceFailed as error:
            self.post_message(self.Spoken(str(error)))
            return
        self.post_message(self.Spoken())

    @on(Spoken)
    def _spoken_report(self, message: Spoken) -> None:
        if message.problem:
            self.notify(f"It could not be said aloud: {message.problem}. It is shown above.",
                        title="Speech", severity="warning", timeout=10)

    def action_yes(self) -> None:
        """Say yes."""
        self.say(INSTANT_WORDS["talk_yes"])

    def action_no(self) -> None:
        """Say no."""
        self.say(INSTANT_WORDS["talk_no"])

    def action_repeat_last(self) -> None:
        """Say the last thing again."""
        if self.last_said is None:
            self.notify("Nothing has been said yet.", timeout=5)
            return
        self.say(self.last_said)

    def action_louder(self) -> None:
        """Say the last thing again at full volume."""
        if self.last_said is None:
            self.notify("Nothing has been said yet.", timeout=5)
            return
        self.say(self.last_said, loud=True)

    def action_alarm(self) -> None:
        """Sound the alarm (a tone louder than speech), then say "I need you!" loud."""
        if self._alarm is None:
            from alsreader.speech.sounds import alarm_clip

            self._sound_dir = Path(tempfile.mkdtemp(prefix="alsreader-alarm-"))
            self._alarm = alarm_clip(self._sound_dir)
        self.say(ALARM_WORDS, loud=True, before=self._alarm, alarm=True, remember=False)

    # ------------------------------------------------------------------ typing

    def press_key(self, target_id: str) -> None:
        """A key of the keyboard was chosen (scan, pointer, dwell)."""
        result = keyboard.press(self.typed, target_id, self.predictions)
        self._typed(result.typed, result.speak)
        if result.word is not None:
            # Keys mode: the next letter, or Enter, belongs to the text again.
            self.query_one("#typed", TypedLine).focus()

    def _typed(self, typed: keyboard.Typed, speak: str | None = None) -> None:
        self.typed = typed
        self.query_one("#typed", TypedLine).show(typed.text, said=typed.said)
        if speak:
            predictor = self.predictor
            if predictor is not None:
                predictor.learn_from(speak)
            self.say(speak)
        self._predict()

    def _predict(self) -> None:
        predictor = self.predictor
        words = predictor.predict(self.typed.context) if predictor is not None else []
        view = self.query_one("#keyboard", KeyboardView)
        # Something said lately, or a saved phrase, whose start is typed: the whole rest of
        # it first, then the single words.
        completions = message_completions(self.typed.context, self._earlier_messages())
        words = [*completions, *(word for word in words if word not in completions)]
        self.predictions = words[: view.word_keys]
        view.show_predictions(self.predictions)

    def _earlier_messages(self) -> list[str]:
        """What whole-message completions come from: what was said lately (the most recent
        first), then the saved phrases."""
        phrases = [phrase.say for phrase in self.phrases.instant]
        phrases += [phrase.say for category in self.phrases.categories
                    for phrase in category.phrases]
        return [*self.history.said, *phrases]

    def on_key(self, event: events.Key) -> None:
        """Keys mode: a printable character types itself (so q, comma or ? type, too)."""
        character = event.character
        if event.is_printable and character and (character.isprintable()):
            event.stop()
            event.prevent_default()
            self._typed(keyboard.type_character(self.typed, character))
            self.query_one("#typed", TypedLine).focus()

    def action_words(self) -> None:
        """Keys mode: the keyboard page, the focus on the first predicted word."""
        self._show_page("keyboard")
        first = self.query_one("#keyboard", KeyboardView).keys.get("word:0")
        if first is not None:  # None: word prediction is off
            first.focus()

    def action_phrases(self) -> None:
        """The categories of phrases (F7)."""
        self.show_categories()

    def action_history(self) -> None:
        """What was said lately (F8)."""
        self.show_history()

    def action_speak(self) -> None:
        """Say what was typed (Enter)."""
        self.press_key(keyboard.SPEAK_KEY.id)

    def action_delete_letter(self) -> None:
        """Delete the last letter typed (Backspace)."""
        self.press_key(keyboard.DELETE_LETTER_KEY.id)

    # ------------------------------------------------------------------ phrases

    def show_categories(self) -> None:
        """The categories of phrases."""
        choices = [Choice(f"{PICK}{number}", category.name, self._opener(number))
                   for number, category in enumerate(self.phrases.categories)]
        self.run_worker(self._show_list("Phrases: choose a category", choices),
                        group="talk-page", exclusive=True)

    def _sayer(self, words: str) -> Callable[[], None]:
        def say() -> None:
            self.say(words)

        return say

    def _opener(self, number: int) -> Callable[[], None]:
        def show() -> None:
            self.show_category(number)

        return show

    def _saver(self, words: str, place: str) -> Callable[[], None]:
        def save() -> None:
            self.save_typed(words, place)

        return save

    def show_category(self, number: int) -> None:
        """The phrases of one category."""
        category = self.phrases.categories[number]
        choices = [Choice(f"{PICK}{index}", phrase.shown, self._sayer(phrase.say))
                   for index, phrase in enumerate(category.phrases)]
        self.run_worker(self._show_list(f"{category.name}: choose what to say", choices),
                        group="talk-page", exclusive=True)

    def choose_where_to_save(self) -> None:
        """Save what was typed as a phrase: choose its category (or the instant phrases)."""
        words = self.typed.text.strip()
        if not words:
            self.notify("Type something first, then save it as a phrase.", timeout=5)
            return
        places = [INSTANT, *(category.name for category in self.phrases.categories)]
        choices = [Choice(f"{PICK}{number}",
                          "Instant phrases" if place == INSTANT else place,
                          self._saver(words, place))
                   for number, place in enumerate(places)]
        self.run_worker(self._show_list(f"Save “{one_line(words)[:40]}” in:", choices),
                        group="talk-page", exclusive=True)

    def save_typed(self, words: str, category: str) -> None:
        """Add ``words`` to ``category`` in the phrases file, then go back to the keyboard."""
        try:
            self.phrases = save_phrase(Phrase(words), category, self._phrases_path)
        except PhraseSaveError as error:
            self.notify(f"Not saved: {error}", title="Phrases", severity="error", timeout=15)
            return
        where = "the instant phrases" if category == INSTANT else category
        self.notify(f"Saved in {where}.", title="Phrases", timeout=5)
        self.run_worker(self._refresh_main(), group="talk-main-refresh")
        self._show_page("keyboard")

    async def _refresh_main(self) -> None:
        await self.query_one("#talk-main", ControlBar).remove()
        fresh = ControlBar(self._main_buttons(), id="talk-main")
        fresh.display = self.page == "main"
        await self.query_one("#pages", VerticalScroll).mount(fresh, before=0)

    # ------------------------------------------------------------------ history

    def show_history(self) -> None:
        """The last things said, the most recent first; then Clear history and Forget learned
        words (each asks first)."""
        choices = [Choice(f"{PICK}{index}", said, self._sayer(said))
                   for index, said in enumerate(self.history.said)]
        choices.append(Choice(CLEAR_HISTORY, "Clear history", self.ask_to_clear_history))
        choices.append(Choice(FORGET_WORDS, "Forget learned words", self.ask_to_forget_words))
        title = "History: say it again" if self.history.said else "History: nothing said yet"
        self.run_worker(self._show_list(title, choices), group="talk-page", exclusive=True)

    def ask_to_clear_history(self) -> None:
        """Ask, then forget everything said (the learned words are the predictor's own)."""
        def answered(clear: bool | None) -> None:
            if clear:
                self.history.clear()
                self.last_said = None
                self.notify("The history is cleared.", title="History", timeout=5)
                self.show_history()

        self.app.push_screen(
            ConfirmClearScreen("Forget everything said on the Talk screen?"), answered)

    def ask_to_forget_words(self) -> None:
        """Ask, then forget the words the predictor learned from what was said."""
        def answered(forget: bool | None) -> None:
            predictor = self.predictor
            if not forget or predictor is None:
                return
            predictor.forget()
            if predictor.last_error:
                self.notify(predictor.last_error, title="Learned words", severity="error",
                            timeout=15)
                return
            self.notify("The learned words are forgotten.", title="Learned words", timeout=5)
            self._predict()

        self.app.push_screen(
            ConfirmClearScreen("Forget the words learned from what was said?"), answered)

    # ------------------------------------------------------------------ leaving

    def action_back(self) -> None:
        """Back to the first page; from there, back to reading."""
        if self.page != "main":
            self._show_page("main")
            return
        self.leave_talk()

    def leave_talk(self) -> None:
        """Leave the Talk screen (for the reader or the library it was opened from)."""
        if self.is_current:
            self.dismiss()

    def on_unmount(self) -> None:
        """Delete the alarm's sound."""
        if self._sound_dir is not None:
            import shutil

            shutil.rmtree(self._sound_dir, ignore_errors=True)
