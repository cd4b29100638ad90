"""``reading.highlight: word`` in the real app: the word being heard is marked in its sentence.

The app reads with real espeak-ng clips on the silent player (which keeps each clip's real
duration, so the words move at the voice's pace without a sound device); the timing against
real audio is checked in test_word_highlight_audio.py.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from alsreader.config import Settings
from alsreader.config.declaration import SLOWEST_RATE
from alsreader.document.model import Position
from alsreader.speech.events import SpeechState
from alsreader.ui.screens.settings import SettingsScreen
from alsreader.ui.widgets.sentence_view import SentenceView

from .ui_helpers import quick_settings, reader_app, reader_ready, wait_for


def word_settings() -> Settings:
    settings = quick_settings()
    settings.reading.highlight = "word"
    # The slowest pace: each word is heard long enough to be caught by the test.
    settings.voice.rate = SLOWEST_RATE
    return settings


def test_the_word_being_heard_is_marked_in_its_sentence(snap_compare: Any) -> None:
    async def ready(pilot: Pilot[object]) -> None:
        screen = await reader_ready(pilot)
        await pilot.press("down", "right")
        await wait_for(pilot, lambda: screen.session is not None
                       and screen.session.narrator.position == Position(1, 1))
        view = screen.query_one("#text", SentenceView)
        assert screen.session is not None
        sentence = screen.session.document.sections[1].sentences[1]
        await pilot.press("space")
        # The second word heard, then pause: the mark stays on it.
        await wait_for(pilot, lambda: view.word is not None and view.word[0] > sentence.start)
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.session is not None
                       and screen.session.narrator.state is SpeechState.PAUSED)
        await pilot.pause(0.1)
        assert view.word is not None
        assert sentence.start < view.word[0] < view.word[1] <= sentence.end

    app = reader_app(settings=word_settings())
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


async def test_the_mark_moves_word_by_word_through_the_sentence() -> None:
    app = reader_app(settings=word_settings())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        view = screen.query_one("#text", SentenceView)
        seen: list[tuple[int, int, int]] = []  # sentence shown, word start, word end

        def moved() -> bool:
            if view.word is not None and (not seen or seen[-1][1:] != view.word):
                seen.append((view.current, *view.word))
            return len(seen) >= 4

        await pilot.press("space")
        await wait_for(pilot, moved, timeout=20)
        await pilot.press("space")
        assert view.section is not None
        sentences = view.section.sentences
        assert [start for _, start, _ in seen] == sorted({start for _, start, _ in seen})
        for current, start, end in seen:
            sentence = sentences[current]
            assert sentence.start <= start < end <= sentence.end
            assert view.section.text[start:end].strip() == view.section.text[start:end]
        assert seen[0][1] == sentences[seen[0][0]].start, "from the sentence's first word"


async def test_settings_say_why_a_voice_without_word_times_marks_the_sentence() -> None:
    settings = word_settings()
    settings.voice.engine = "sapi5"  # pyttsx3's Windows voice: no word times
    app = reader_app(None, settings=settings)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        app.push_screen(SettingsScreen(app.services))
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        await wait_for(pilot, lambda: bool(screen.query("#settings-note")))
        note = screen.query_one("#settings-note", Static)
        assert note.display
        assert str(note.render()) == ("Word highlight: the sapi5 voice does not tell when each "
                                      "word is heard, so the sentence is marked.")
