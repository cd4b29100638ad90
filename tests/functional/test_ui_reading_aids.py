"""Paragraph steps, the sleep timer and spoken section titles in the real app (Pilot).

The narrator reads on the silent player (real synthesis, real clip lengths, no sound device)
with the app's time from a fake clock; where the sound is the point (a title said before its
page's text, with its pause), it plays into the headless PulseAudio null sink.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.book_files import pdf_page, pdf_writer
from textual.pilot import Pilot

from alsreader.access.clock import FakeClock
from alsreader.document.model import Position
from alsreader.speech.events import SpeechState
from alsreader.speech.nullsink import MonitorRecorder, NullSinkServer
from alsreader.state import ReadingState
from alsreader.ui.app import ReaderApp
from alsreader.ui.screens.menu import MenuScreen
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.status_line import StatusLine

from .access_driver import access_app
from .reliability_support import flat_text
from .ui_helpers import (
    GARDEN,
    quick_settings,
    reader_app,
    reader_ready,
    shown,
    start_reading,
    wait_for,
)

# garden.md: section 0 is the title and one paragraph of two sentences; each season's
# section is its heading (sentence 0) and three paragraphs of four sentences (1-4, 5-8, 9-12).


def _status(screen: ReaderScreen) -> str:
    return str(screen.query_one("#status", StatusLine).render())


async def test_paragraph_keys_move_by_paragraph() -> None:
    app = reader_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        assert shown(screen) == (0, 0)
        for expected in [(0, 1), (1, 0), (1, 1), (1, 5)]:
            await pilot.press("pagedown")
            await wait_for(pilot, lambda expected=expected: shown(screen) == expected)
        await pilot.press("right")
        await wait_for(pilot, lambda: shown(screen) == (1, 6))
        # Back from the middle of a paragraph: the start of the one before it.
        for expected in [(1, 1), (1, 0), (0, 1), (0, 0)]:
            await pilot.press("pageup")
            await wait_for(pilot, lambda expected=expected: shown(screen) == expected)
        await pilot.press("pageup")  # at the start: stays
        await pilot.pause(0.2)
        assert shown(screen) == (0, 0)


async def test_paragraph_steps_can_be_given_other_keys() -> None:
    settings = quick_settings(keys={"next_paragraph": "n", "previous_paragraph": "p"})
    app = reader_app(settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("n", "n")
        await wait_for(pilot, lambda: shown(screen) == (1, 0))
        await pilot.press("p")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))


async def _click_through_the_menu(pilot: Pilot[object], screen: ReaderScreen,
                                  steps: list[tuple[str, tuple[int, int]]]) -> None:
    """Click Menu, then each control of ``steps``; the reader must show its place after."""
    app = pilot.app
    for button, expected in steps:
        assert await pilot.click("#control-menu")
        await wait_for(pilot, lambda: isinstance(app.screen, MenuScreen))
        assert await pilot.click(f"#menu-{button}")
        await wait_for(pilot, lambda expected=expected: shown(screen) == expected)
        assert app.screen is screen


async def test_a_pointer_reaches_the_paragraph_steps_through_the_menu() -> None:
    """The reader's bar has no paragraph controls; a click (or a dwell) on Menu, then on
    Next paragraph or Previous paragraph, steps as PgDn and PgUp do."""
    app = reader_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        await _click_through_the_menu(pilot, screen, [
            ("next_paragraph", (0, 1)), ("next_paragraph", (1, 0)),
            ("previous_paragraph", (0, 1))])


async def test_a_pointer_reaches_the_section_steps_through_the_menu() -> None:
    """The reader's bar has no section controls either; Menu, then Next section or Previous
    section, steps as the down and up keys do (the menu takes those keys too). The menu is
    no taller for them: all of it still fits the smallest terminal, 60x20."""
    app = reader_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await reader_ready(pilot)
        await _click_through_the_menu(pilot, screen, [
            ("next_section", (1, 0)), ("next_section", (2, 0)), ("previous_section", (1, 0))])
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, MenuScreen))
        buttons = list(app.screen.query(BigButton))
        assert len(buttons) == 11
        assert all(button.region.height == 4 and button.region.bottom <= 19
                   for button in buttons)  # the frame's bottom edge is on the 20th line
        await pilot.press("down")
        await wait_for(pilot, lambda: shown(screen) == (2, 0))
        assert app.screen is screen


def _timer_app(length: str) -> tuple[ReaderApp, FakeClock]:
    """The app with the sleep timer set to ``length``, its time from a fake clock."""
    settings = quick_settings()
    settings.voice.rate = 450  # short clips: the test waits for whole sentences
    settings.reading.sleep_timer = length
    clock = FakeClock()
    return reader_app(settings=settings, clock=clock), clock


async def test_the_sleep_timer_fades_out_stops_at_a_sentence_end_and_keeps_the_place() -> None:
    app, clock = _timer_app("15")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        assert "Sleep in 15 min" in _status(screen)
        narrator = await start_reading(pilot, app)
        clock.advance(10 * 60)
        await wait_for(pilot, lambda: "Sleep in 5 min" in _status(screen))
        narrator.pause()
        await wait_for(pilot, lambda: narrator.state is SpeechState.PAUSED)
        clock.advance(30 * 60)  # paused: the time is held
        await pilot.pause(0.6)
        assert "Sleep in 5 min" in _status(screen)
        narrator = await start_reading(pilot, app)
        clock.advance(5 * 60)  # the time runs out
        await wait_for(pilot, lambda: "Sleep: fading out" in _status(screen))
        faded_from = narrator.position
        await wait_for(pilot, lambda: narrator.state is SpeechState.PAUSED, timeout=15)
        # It stopped at the end of the sentence it was reading or the next one (the one that
        # faded), and the place is on the faded sentence, saved.
        session = screen.session
        assert session is not None
        place = narrator.position
        assert place.section == faded_from.section
        assert faded_from.sentence <= place.sentence <= faded_from.sentence + 1
        assert session.key is not None
        assert session.state.get_position(session.key) == place
        assert shown(screen) == (place.section, place.sentence)
        await pilot.pause(0.6)
        assert narrator.state is SpeechState.PAUSED  # it stays stopped
        assert narrator.position == place
        assert "Sleep in 15 min" in _status(screen)  # the whole time for the next reading


async def test_a_press_in_the_last_minute_gives_the_whole_time_again() -> None:
    app, clock = _timer_app("15")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        narrator = await start_reading(pilot, app)
        clock.advance(13 * 60)
        await pilot.pause(0.6)
        await pilot.press("space")  # two minutes left: an ordinary press, it pauses
        await wait_for(pilot, lambda: narrator.state is SpeechState.PAUSED)
        narrator = await start_reading(pilot, app)
        clock.advance(90)  # 30 seconds left
        await wait_for(pilot, lambda: "Sleep in under 1 min" in _status(screen))
        await pilot.press("space")  # "still awake": the timer starts again, reading goes on
        await wait_for(pilot, lambda: "Sleep in 15 min" in _status(screen))
        left = screen.sleep_timer.seconds_left()
        assert left is not None
        assert left > 14 * 60
        await pilot.pause(0.3)
        assert narrator.state is SpeechState.READING
        # After it ran out, while the last sentence fades, a press keeps the reading going.
        clock.advance(15 * 60)
        await wait_for(pilot, lambda: "Sleep: fading out" in _status(screen))
        await pilot.press("space")
        await wait_for(pilot, lambda: "Sleep in 15 min" in _status(screen))
        started = narrator.position
        await wait_for(pilot, lambda: narrator.position.sentence >= started.sentence + 2
                       or narrator.position.section > started.section, timeout=15)
        assert narrator.state is SpeechState.READING


async def test_a_doubled_press_that_wakes_the_timer_does_not_pause() -> None:
    app, clock = _timer_app("15")
    app.services.repeat_guard.ignore_repeat = 0.3  # the usual guard against a tremor
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        narrator = await start_reading(pilot, app)
        clock.advance(14 * 60 + 30)
        await wait_for(pilot, lambda: "Sleep in under 1 min" in _status(screen))
        await pilot.press("space", "space")  # one press, doubled by a tremor
        await wait_for(pilot, lambda: "Sleep in 15 min" in _status(screen))
        await pilot.pause(0.3)
        assert narrator.state is SpeechState.READING
        clock.advance(1.0)
        await pilot.press("space")  # a press of its own, later: it pauses as usual
        await wait_for(pilot, lambda: narrator.state is SpeechState.PAUSED)


async def test_the_sleep_timer_control_steps_through_the_lengths() -> None:
    app, clock = _timer_app("off")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        assert "Sleep" not in _status(screen)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, MenuScreen))
        await pilot.click("#menu-sleep_timer")
        await wait_for(pilot, lambda: app.screen is screen)
        assert screen.sleep_timer.length == "15"
        assert "Sleep in 15 min" in _status(screen)
        for length in ("30", "45", "60", "section", "off"):
            clock.advance(1)  # not a doubled press
            await pilot.press("z")
            await wait_for(pilot, lambda length=length: screen.sleep_timer.length == length)
        assert "Sleep" not in _status(screen)


async def test_the_sleep_timer_shows_one_notice_at_a_time() -> None:
    app, clock = _timer_app("off")
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("z")
        await wait_for(pilot, lambda: "Sleep timer: 15 minutes." in flat_text(app))
        clock.advance(1)  # not a doubled press
        await pilot.press("z", "z", "z")  # quickly: each notice replaces the one before
        await wait_for(pilot, lambda: screen.sleep_timer.length == "60")
        await wait_for(pilot, lambda: "Sleep timer: 60 minutes." in flat_text(app))
        await pilot.pause(0.3)
        assert flat_text(app).count("Sleep timer:") == 1


async def test_the_sleep_timer_at_the_end_of_the_section() -> None:
    app, _clock = _timer_app("60")
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("z")  # after 60 minutes: the end of the section
        await wait_for(pilot, lambda: "Sleep at section end" in _status(screen))
        narrator = await start_reading(pilot, app)
        # Section 0 is three sentences: reading pauses at its end, the place on its last.
        await wait_for(pilot, lambda: narrator.state is SpeechState.PAUSED, timeout=15)
        assert narrator.position == Position(0, 2)
        assert "Sleep at section end (under 1 min)" in _status(screen)


async def test_a_dwell_in_the_last_minute_gives_the_whole_time_again() -> None:
    clock = FakeClock()
    settings = quick_settings()
    settings.voice.rate = 450
    settings.reading.sleep_timer = "15"
    settings.access.dwell_time = 1.2
    app = access_app(GARDEN, "dwell", clock, settings)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reader_ready(pilot)
        assert screen.session is not None
        narrator = screen.session.narrator
        narrator.play()
        await wait_for(pilot, lambda: narrator.state is SpeechState.READING)
        clock.advance(14 * 60 + 30)
        await wait_for(pilot, lambda: "Sleep in under 1 min" in _status(screen))
        await pilot.hover(screen.query_one("#control-faster", BigButton))
        for _ in range(30):  # 1.5 s of resting the pointer on Faster
            clock.advance(0.05)
            app.access.tick()
        await wait_for(pilot, lambda: "Sleep in 15 min" in _status(screen))
        assert app.access.activations == ["faster"]
        await pilot.pause(0.2)
        assert settings.voice.rate == 450  # the press went to the timer, not to Faster
        assert narrator.state is SpeechState.READING


@pytest.mark.audio
async def test_a_pdf_pages_title_is_said_before_its_text(
    tmp_path: Path, null_sink: NullSinkServer, recorder: MonitorRecorder
) -> None:
    # A PDF without headings is read a page per section, titled "Page 1", "Page 2": their
    # text does not say the title, so the reader does, with its own pause.
    pdf = pdf_writer()
    pdf_page(pdf, ["The first page has one sentence."])
    pdf_page(pdf, ["The second page too."])
    book = tmp_path / "pages.pdf"
    pdf.output(str(book))
    settings = quick_settings()
    settings.voice.rate = 400
    settings.reading.speak_section_titles = True
    settings.reading.pause_title_ms = 900
    settings.reading.pause_section_ms = 700
    app = reader_app(book, settings=settings, player="pacat",
                     state=ReadingState(tmp_path / "state.json", durable=False))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await reader_ready(pilot)
        assert [section.title for section in screen.session.document.sections] == [  # type: ignore[union-attr]
            "Page 1", "Page 2"]
        begin = time.perf_counter()
        narrator = await start_reading(pilot, app)
        await wait_for(pilot, lambda: narrator.state is SpeechState.STOPPED, timeout=20)
        end = time.perf_counter()
    recorder.wait_until(end + 0.5)
    spans = recorder.sound_spans(begin, end + 0.5, min_gap_s=0.6)
    # "Page 1", its pause, the sentence, the section pause, "Page 2", its pause, the sentence.
    assert len(spans) == 4, spans
    assert spans[1].start - spans[0].end >= 0.85
    assert spans[3].start - spans[2].end >= 0.85
    assert 0.6 <= spans[2].start - spans[1].end < 0.85
