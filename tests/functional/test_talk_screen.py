"""The Talk screen driven for real in every input mode: say an instant phrase, type and speak a
sentence with a predicted word, say something again from the history, raise the alarm.

The app runs for real (Textual Pilot, the real keyboard and word predictor, the real speech
service); only the time of the switch and dwell tests is fake (a FakeClock), and in those
only the switch keys are pressed or only the pointer moves. Speech plays on the silent player
here; ``test_talk_audio.py`` checks what reaches the null sink.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from alsreader.access import FakeClock
from alsreader.access.steps import ATTENTION
from alsreader.speech.events import SpeechState
from alsreader.talk.history import TalkHistory
from alsreader.ui.app import ReaderApp
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.screens.talk import TalkScreen
from alsreader.ui.widgets.said_text import SaidText
from alsreader.ui.widgets.typed_line import TypedLine

from .access_driver import SwitchDriver, access_app, speech
from .talk_helpers import said, talk_ready
from .ui_helpers import GARDEN, quick_settings, reader_app, reader_ready, wait_for

Activate = Callable[[str], Awaitable[None]]


async def _scenario(pilot: Pilot[object], activate: Activate) -> None:
    """The same four things, whatever the input mode: ``activate`` takes a target id."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    await reader_ready(pilot)
    await activate("talk")
    screen = await talk_ready(pilot)

    # An instant phrase.
    await activate("talk_yes")
    await wait_for(pilot, lambda: said(screen) == "Yes.")
    assert screen.heard == ["Yes."]

    # A sentence typed on the keyboard, with a predicted word.
    await activate("talk_type")
    await wait_for(pilot, lambda: screen.page == "keyboard")
    for key in ("key:i", "key:space"):
        await activate(key)
    await wait_for(pilot, lambda: screen.typed.text == "i " and bool(screen.predictions))
    predicted = screen.predictions[0]
    await activate("word:0")
    await wait_for(pilot, lambda: screen.typed.text == f"i {predicted} ")
    for key in ("key:o", "key:k", "key:speak"):
        await activate(key)
    sentence = f"i {predicted} ok"
    await wait_for(pilot, lambda: said(screen) == sentence)
    assert screen.heard[-1] == sentence
    assert screen.query_one("#typed", TypedLine).said

    # Say "Yes." again from the history (the sentence is the most recent).
    await activate("talk_main")
    await activate("talk_history")
    await wait_for(pilot, lambda: screen.page == "list"
                   and "talk_pick:1" in [t.scan.id for t in screen.scan_targets()])
    assert screen.history.said[:2] == [sentence, "Yes."]
    await activate("talk_pick:1")
    await wait_for(pilot, lambda: len(screen.heard) == 3)
    assert screen.heard[-1] == "Yes."

    # The alarm, from the history page (second there too).
    await activate(ATTENTION)
    await wait_for(pilot, lambda: said(screen) == "I need you!")
    assert screen.query_one("#said", SaidText).has_class("-alarm")
    assert screen.heard == ["Yes.", sentence, "Yes.", "I need you!"]
    assert TalkHistory().said[:2] == ["Yes.", sentence]  # kept on disk; the alarm is not


@pytest.mark.parametrize(("mode", "select", "move"), [
    ("one-switch", "space", None),
    ("two-switch", "enter", "space"),
])
async def test_switches_alone_drive_the_talk_screen(mode: str, select: str,
                                                     move: str | None) -> None:
    clock = FakeClock()
    app = access_app(GARDEN, mode, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        driver = SwitchDriver(pilot, clock, select=select, move=move)

        async def activate(target: str) -> None:
            await driver.tick()
            await driver.choose(target)
            await pilot.pause()

        await _scenario(pilot, activate)
        assert set(driver.keys_pressed) <= {select, *([move] if move else [])}
        assert "talk_alarm" in app.access.activations


async def test_dwell_alone_drives_the_talk_screen() -> None:
    clock = FakeClock()
    settings = quick_settings(ignore_repeat=0.3)
    settings.access.dwell_time = 1.0
    app = access_app(GARDEN, "dwell", clock, settings)
    async with app.run_test(size=(120, 40)) as pilot:

        async def activate(target: str) -> None:
            await wait_for(pilot, lambda: (app.access.tick() or True)
                           and target in app.access.targets)
            widget = app.access.targets[target].widget
            assert widget is not None
            await pilot.hover(widget)
            await pilot.pause()
            app.access.tick()
            assert app.access.dwell.target == target
            for _ in range(round(1.1 / 0.05)):
                clock.advance(0.05)
                app.access.tick()
            await pilot.pause()
            await pilot.hover(None, offset=(0, 0))  # away, so the next visit presses again
            await pilot.pause()

        await _scenario(pilot, activate)
        assert app.access.activations[-1] == ATTENTION


async def test_pointer_clicks_drive_the_talk_screen() -> None:
    app = reader_app(GARDEN)
    async with app.run_test(size=(120, 40)) as pilot:

        async def activate(target: str) -> None:
            screen = app.screen
            if isinstance(screen, ReaderScreen):
                widget = screen.query_one(f"#control-{target}")
            else:
                assert isinstance(screen, TalkScreen)
                await wait_for(pilot, lambda: target in [t.scan.id
                                                         for t in screen.scan_targets()])
                found = {t.scan.id: t.widget for t in screen.scan_targets()}[target]
                assert found is not None
                widget = found
            await pilot.click(widget)
            await pilot.pause()

        await _scenario(pilot, activate)


async def test_keys_type_directly_and_enter_speaks() -> None:
    app = reader_app(GARDEN)
    async with app.run_test(size=(80, 24)) as pilot:
        screen_reader = await reader_ready(pilot)
        assert screen_reader.session is not None
        await pilot.press("space")  # the book reads ...
        narrator = app.narrator
        assert narrator is not None
        await wait_for(pilot, lambda: narrator.state is SpeechState.READING)
        place = narrator.position
        await pilot.press("t")
        screen = await talk_ready(pilot)
        await wait_for(pilot, lambda: speech(app) is SpeechState.PAUSED)  # ... and pauses
        assert narrator.position == place  # its place kept

        await pilot.press("f2")
        await wait_for(pilot, lambda: said(screen) == "Yes.")

        # q, comma and ? are letters and marks here, not Quit, Settings and Help.
        await pilot.press("q", "comma", "question_mark")
        assert screen.typed.text == "q,?"
        assert app.screen is screen
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.press("I", "space", "w", "a")
        await wait_for(pilot, lambda: any(w.startswith("wa") for w in screen.predictions))
        word = next(w for w in screen.predictions if w.startswith("wa"))
        await pilot.press("down")  # to the predicted words
        for _ in range(screen.predictions.index(word)):
            await pilot.press("right")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.typed.text == f"I {word} ")
        await pilot.press("enter")  # the focus is back on the text: Enter speaks
        await wait_for(pilot, lambda: said(screen) == f"I {word}")

        await pilot.press("f8")  # the history: the most recent first, focused
        await wait_for(pilot, lambda: screen.page == "list")
        await pilot.press("right", "right", "enter")  # past the alarm, to "Yes."
        await wait_for(pilot, lambda: len(screen.heard) == 3)
        assert screen.heard[-1] == "Yes."

        await pilot.press("f4")
        await wait_for(pilot, lambda: said(screen) == "I need you!")
        await pilot.press("f6")  # louder: the last thing said, not the alarm
        await wait_for(pilot, lambda: len(screen.heard) == 5)
        assert screen.heard[-1] == "Yes."

        await pilot.press("escape", "escape")  # the first page, then back to the book
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert narrator.position == place
        assert narrator.state is SpeechState.PAUSED


async def test_a_typed_phrase_is_saved_into_a_category_and_offered_after(
        isolated_home: Path) -> None:
    app = reader_app(GARDEN)
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_ready(pilot)
        await pilot.press("t")
        screen = await talk_ready(pilot)
        await pilot.press(*"tea")
        await screen.press_control("talk_type")
        await screen.press_control("talk_save")
        await wait_for(pilot, lambda: screen.page == "list")
        labels = {t.scan.label: t.scan.id for t in screen.scan_targets()}
        assert list(labels)[:3] == ["Instant phrases", "I need you!", "Needs"]
        await screen.press_control(labels["Needs"])
        await wait_for(pilot, lambda: screen.page == "keyboard")
        text = (isolated_home / "config" / "phrases.yaml").read_text(encoding="utf-8")
        assert '    - "tea"\n' in text
        needs = screen.phrases.category("Needs")
        assert needs is not None
        assert needs.phrases[-1].say == "tea"


async def test_clearing_the_history_asks_first() -> None:
    app = reader_app(GARDEN)
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_ready(pilot)
        await pilot.press("t")
        screen = await talk_ready(pilot)
        await pilot.press("f3", "f8")
        await wait_for(pilot, lambda: screen.page == "list")
        await screen.press_control("talk_clear_history")
        await pilot.press("enter")  # Keep is focused: a stray Enter keeps everything
        await pilot.pause()
        assert screen.history.said == ["No."]
        await screen.press_control("talk_clear_history")
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.history.said == [])
        assert TalkHistory().said == []


async def test_the_help_lists_the_talk_keys_not_the_ones_that_type_here() -> None:
    from alsreader.ui.screens.help import HelpScreen

    app = reader_app(GARDEN)
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_ready(pilot)
        await pilot.press("t")
        await talk_ready(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown = " ".join(str(entry) for entry in help_screen.entries)
        assert "Sound the alarm" in shown
        assert "1 step" in shown  # Yes, by switch
        assert "Quit" not in shown  # q types a q here


async def test_the_settings_screen_steps_and_samples_the_talking_voice(tmp_path: Path) -> None:
    from alsreader.config import load_settings
    from alsreader.ui.app import make_app
    from alsreader.ui.screens.settings import SettingsScreen

    from .ui_helpers import type_settings_code

    config = tmp_path / "config.yaml"
    app = make_app(GARDEN, config_path=config, player="silent")
    async with app.run_test(size=(100, 30)) as pilot:
        await reader_ready(pilot)
        await type_settings_code(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        await wait_for(pilot, lambda: bool(screen.voices))
        screen.stepper("talk.rate").focus()  # the last group of rows, far down
        await pilot.pause()
        await pilot.press("right")  # faster than the default 190 (the next grid line)
        await wait_for(pilot, lambda: app.settings.talk.rate == 195)
        await pilot.press("h")
        await wait_for(pilot, lambda: screen.last_sample is not None)
        assert screen.last_sample is not None
        assert screen.last_sample.rate == 195  # the talking voice, not the reading one
        assert app.settings.voice.rate == 175
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen))
    assert load_settings(config).settings.talk.rate == 195  # saved like every setting


async def test_forgetting_the_learned_words_asks_first(isolated_home: Path) -> None:
    app = reader_app(GARDEN)
    async with app.run_test(size=(120, 40)) as pilot:
        await reader_ready(pilot)
        await pilot.press("t")
        screen = await talk_ready(pilot)
        await pilot.press(*"zebras", "enter")  # said, and learned
        predictor = screen.predictor
        assert predictor is not None
        await wait_for(pilot, lambda: predictor.learned_word_count == 1)
        await pilot.press("f8")
        await wait_for(pilot, lambda: screen.page == "list")
        await screen.press_control("talk_forget_words")
        await pilot.press("escape")  # keep them
        await pilot.pause()
        assert predictor.learned_word_count == 1
        await screen.press_control("talk_forget_words")
        await pilot.press("y")
        await wait_for(pilot, lambda: predictor.learned_word_count == 0)
        assert not predictor.store.exists()
        assert screen.history.said == ["zebras"]  # the history is its own


async def test_something_said_before_is_offered_whole_once_its_start_is_typed(
        isolated_home: Path) -> None:
    """What was said lately comes back as one choice among the predicted words once its
    first words are typed; choosing it puts the whole message in place."""
    app = reader_app(GARDEN)
    async with app.run_test(size=(100, 30)) as pilot:
        await reader_ready(pilot)
        await pilot.press("t")
        screen = await talk_ready(pilot)
        await pilot.press(*"could you turn me over please", "enter")
        await wait_for(pilot, lambda: said(screen) == "could you turn me over please")
        await pilot.press(*"could you ")
        await wait_for(pilot, lambda: screen.predictions[:1] == ["turn me over please"])
        await pilot.press("down", "enter")  # the first predicted "word": the rest of it
        await wait_for(pilot, lambda: screen.typed.text == "could you turn me over please ")
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(screen.heard) == 2)
        assert screen.heard[-1] == "could you turn me over please"
