"""Start-up: the document's text comes first, speech is set up right after it, and what is
pressed in between (Space, moves) still happens; the garbage collector is held only while
start-up imports, never over a document."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import pytest
from textual.pilot import Pilot

from alsreader import startup
from alsreader.speech.events import SpeechState
from alsreader.ui.app import ReaderApp
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.widgets.sentence_view import SentenceView

from .ui_helpers import reader_app, shown, wait_for


@asynccontextmanager
async def text_before_speech(app: ReaderApp) -> AsyncIterator[tuple[Pilot[object],
                                                                    ReaderScreen]]:
    """Run ``app`` until the reader shows the document's text, with speech kept from being
    set up (as a slow espeak start would) until :func:`let_speech_go`, or the end."""
    # Speech is set up under the service's lock, taken before the app starts.
    app.speech._lock.acquire()
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen)
                           and app.screen.query_one("#text", SentenceView).current >= 0)
            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            yield pilot, screen
        finally:
            let_speech_go(app)  # else the app could not close


def let_speech_go(app: ReaderApp) -> None:
    """Let the held-back set-up go on."""
    if app.speech._lock.locked():
        app.speech._lock.release()


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """Whatever a test does to the collector, the next test finds it running and unfrozen."""
    yield
    startup.release_collection()
    gc.unfreeze()
    gc.enable()


async def test_text_first_then_speech_and_a_space_pressed_in_between_reads() -> None:
    app = reader_app()
    async with text_before_speech(app) as (pilot, screen):
        assert screen.session is None
        status = screen.query_one("#status").status  # type: ignore[attr-defined]
        assert status.title == "Garden notes"
        assert app.speech.built_parts is None
        await pilot.press("space")
        assert screen.session is None
        let_speech_go(app)
        await wait_for(pilot, lambda: screen.session is not None)
        narrator = screen.session.narrator if screen.session is not None else None
        assert narrator is not None
        await wait_for(pilot, lambda: narrator.state is SpeechState.READING)
        assert app.speech.built_parts is not None


async def test_two_spaces_in_between_leave_it_paused() -> None:
    app = reader_app()
    async with text_before_speech(app) as (pilot, screen):
        await pilot.press("space", "space")
        let_speech_go(app)
        await wait_for(pilot, lambda: screen.session is not None)
        await pilot.pause(0.2)
        assert screen.session is not None
        assert screen.session.narrator.state is not SpeechState.READING


async def test_moves_pressed_before_speech_is_ready_are_not_lost() -> None:
    app = reader_app()
    async with text_before_speech(app) as (pilot, screen):
        await pilot.press("down", "right", "right")
        assert shown(screen) == (0, 0)  # waiting for speech, in the order pressed
        let_speech_go(app)
        await wait_for(pilot, lambda: shown(screen) == (1, 2))
        assert screen.session is not None
        assert screen.session.narrator.state is not SpeechState.READING


@pytest.mark.usefixtures("collector_restored")
async def test_the_collector_is_held_until_the_app_starts_not_over_the_document() -> None:
    startup.hold_collection()  # as `alsreader` does first thing
    assert startup.collection_held()
    assert not gc.isenabled()
    app = reader_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen)
                       and app.screen.session is not None)
        assert not startup.collection_held()
        assert gc.isenabled()
        # What start-up built is frozen: full collections no longer walk it (frozen objects
        # are left out of gc.get_objects)...
        assert gc.get_freeze_count() > 0
        assert not any(obj is ReaderScreen for obj in gc.get_objects())
        # ...the open document is left out too while it is read (the reader freezes it once
        # loaded, so 100,000 sections are not walked at every collection)...
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert screen.session is not None
        sections = screen.session.document.sections
        assert gc.is_tracked(sections)
        await wait_for(pilot, lambda: not any(obj is sections for obj in gc.get_objects()))
        # ...and once the reader closes, it is collectable again, so a closed book can go.
        await pilot.press("l")
        await wait_for(pilot, lambda: not isinstance(app.screen, ReaderScreen))
        await wait_for(pilot, lambda: any(obj is sections for obj in gc.get_objects()))


@pytest.mark.usefixtures("collector_restored")
async def test_the_library_first_also_ends_start_up() -> None:
    startup.hold_collection()
    app = reader_app(path=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not startup.collection_held())
        assert gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_release_without_hold_leaves_the_collector_alone() -> None:
    gc.disable()  # a program that manages the collector itself
    startup.release_collection()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0
