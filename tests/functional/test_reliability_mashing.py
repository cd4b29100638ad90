"""Tremor and mashing: random keys at 20 a second into the running app (Pilot, real narrator
with real espeak-ng, silent player keeping real time).

Every key of every screen is in the mix (reader, library, help, settings, quit dialog), except
"y", the one deliberate key that quits. Afterwards: the app still runs, no speech is left
queued up (after one pause the narrator is silent and idle within a second, and the place
stops moving), the place is a real sentence, and the state and settings files parse.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from textual import events
from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key
from textual.pilot import Pilot

from alsreader.config import Settings
from alsreader.document import load_document
from alsreader.speech.events import SpeechState
from alsreader.state import ReadingState
from alsreader.ui.app import ReaderApp, make_app
from alsreader.ui.screens.reader import ReaderScreen

from .ui_helpers import reader_ready

KEYS = (
    "space", "space", "space", "right", "right", "left", "down", "up", "plus", "minus",
    "equals_sign", "r", "b", "s", "escape", "tab", "enter", "q", "n", "question_mark", "f1",
    "comma", "h", "v", "x", "a", "1", "pageup", "pagedown", "home", "end", "backspace",
)
"""What a shaking hand might hit anywhere: the reader's keys most often, and everything else."""

READER_KEYS = ("space", "space", "right", "left", "down", "up", "plus", "minus", "r", "b")
"""A shaking hand on the reader's own keys only: it stays on the reader, speech starts and
stops all the time."""

RATE = 20.0
"""Keys per second."""


def mashing_book(folder: Path) -> Path:
    path = folder / "mash.md"
    path.write_text(
        "\n".join(
            f"# Chapter {c}\n\n"
            + " ".join(f"Chapter {c} sentence {n} goes on a little." for n in range(12))
            + "\n"
            for c in range(1, 9)
        ),
        encoding="utf-8",
    )
    return path


@dataclass
class MashFigures:
    """What one mashing run measured."""

    keys: int = 0
    seconds: float = 0.0
    settle_s: float = 0.0
    """From the last key (and one pause) to a silent, idle narrator."""
    screens: dict[str, int] = field(default_factory=dict)
    """Keys sent while each screen was on top."""
    quits: list[str] = field(default_factory=list)
    """The keys before each clean quit (the quit dialog's Quit button pressed)."""


def reader_screen(app: ReaderApp) -> ReaderScreen | None:
    for screen in reversed(app.screen_stack):
        if isinstance(screen, ReaderScreen):
            return screen
    return None


def send_key(app: ReaderApp, key: str) -> None:
    """Deliver a key as the terminal driver does: queued at once, without waiting for the
    app to finish the previous one (a shaking hand does not wait either)."""
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def mash(pilot: Pilot[object], app: ReaderApp, seconds: float, rng: random.Random,
               figures: MashFigures, keys: tuple[str, ...]) -> bool:
    """Send random keys for ``seconds``; False if the app was quit on the way."""
    loop = asyncio.get_running_loop()
    begin = loop.time()
    sent: list[str] = []
    while loop.time() - begin < seconds:
        due = begin + len(sent) / RATE
        if due > loop.time():
            await asyncio.sleep(due - loop.time())
        if not app.is_running:
            # Only a clean quit is allowed (the quit dialog's Quit button got focus and a
            # press), never a crash.
            assert app._exception is None, f"crashed; last keys: {sent[-12:]}"
            assert app.return_code == 0, f"exit {app.return_code}; last keys: {sent[-12:]}"
            figures.quits.append(" ".join(sent[-6:]))
            figures.seconds += loop.time() - begin
            return False
        key = rng.choice(keys)
        send_key(app, key)
        sent.append(key)
        figures.keys += 1
        name = type(app.screen).__name__
        figures.screens[name] = figures.screens.get(name, 0) + 1
    figures.seconds += loop.time() - begin
    await pilot.pause(0.3)  # the last keys are handled
    return True


async def settle(pilot: Pilot[object], app: ReaderApp) -> float:
    """Pause whatever reads; return how long until the narrator is silent and idle."""
    narrator = app.narrator
    if narrator is None:
        return 0.0
    start = time.monotonic()
    narrator.pause()
    deadline = start + 5
    while time.monotonic() < deadline:
        synthesizer = narrator._synth
        pending_jobs = synthesizer._jobs.qsize() if synthesizer is not None else 0
        if narrator.state is not SpeechState.READING and narrator.wait_idle(0) \
                and pending_jobs == 0:
            break
        await pilot.pause(0.02)
    took = time.monotonic() - start
    assert narrator.state is not SpeechState.READING
    assert narrator.wait_idle(0), "commands still queued"
    # No backlog: nothing moves the place or speaks any more.
    place = narrator.position
    await pilot.pause(1.0)
    assert narrator.position == place
    assert narrator.state is not SpeechState.READING
    return took


def check_consistent(app: ReaderApp, home: Path, book: Path) -> None:
    narrator = app.narrator
    if narrator is not None:
        document = narrator.document
        assert document.sentence_at(narrator.position) is not None
        screen = reader_screen(app)
        if screen is not None and screen.session is not None:
            assert screen.session.position == narrator.position
    state = home / "data" / "state.json"
    if state.exists():
        data = json.loads(state.read_text(encoding="utf-8"))
        assert isinstance(data["documents"], dict)
        for entry in data["documents"].values():
            assert entry["section"] >= 0
            assert entry["sentence"] >= 0
    config = home / "config" / "config.yaml"
    if config.exists():
        assert isinstance(yaml.safe_load(config.read_text(encoding="utf-8")) or {}, dict)


async def run_mashing(seconds: float, seed: int, home: Path, tmp_path: Path,
                      keys: tuple[str, ...] = KEYS) -> MashFigures:
    """Mash for ``seconds`` in all; a quit (a clean one) is followed by a fresh start."""
    book = mashing_book(tmp_path)
    rng = random.Random(seed)
    figures = MashFigures()
    while figures.seconds < seconds:
        settings = Settings()  # the real defaults, repeat guard included
        settings.voice.rate = 400
        app = make_app(book, settings=settings, player="silent")
        async with app.run_test(size=(100, 30)) as pilot:
            await reader_ready(pilot)
            still_running = await mash(pilot, app, seconds - figures.seconds, rng, figures,
                                       keys)
            if still_running:
                figures.settle_s = await settle(pilot, app)
                check_consistent(app, home, book)
                assert app.is_running
        check_consistent(app, home, book)
        state = ReadingState.load()
        place = state.get_position(book)
        if place is not None:
            assert load_document(book).sentence_at(place) is not None
    return figures


@pytest.mark.parametrize("keys", ["reader", "all"])
async def test_three_seconds_of_mashing(isolated_home: Path, tmp_path: Path, keys: str) -> None:
    figures = await run_mashing(3.0, seed=5, home=isolated_home, tmp_path=tmp_path,
                                keys=READER_KEYS if keys == "reader" else KEYS)
    print(f"\nmashing ({keys} keys): {figures}")
    assert figures.keys >= 0.8 * RATE * 3


@pytest.mark.slow
@pytest.mark.parametrize(("keys", "seed"), [("reader", 61), ("all", 60), ("all", 61)])
async def test_a_minute_of_mashing(
    isolated_home: Path, tmp_path: Path, keys: str, seed: int
) -> None:
    figures = await run_mashing(60.0, seed=seed, home=isolated_home, tmp_path=tmp_path,
                                keys=READER_KEYS if keys == "reader" else KEYS)
    print(f"\nmashing ({keys} keys): {figures}")
    assert figures.keys >= 0.8 * RATE * 60
