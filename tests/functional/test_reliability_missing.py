"""Missing parts: no speech engine, no audio player, a player that dies, an engine that fails.

Each runs the real app (Pilot) with the real narrator, espeak-ng and, where a player is
needed, ``paplay`` on the private null sink. In each case the app keeps running, says what is
wrong on screen in plain words, keeps the place, and speaks again once the part is back,
on the next Play press (a retry, not a restart).
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from alsreader.speech.events import SpeechState
from alsreader.speech.nullsink import NullSinkServer
from alsreader.speech.synthesizer import Synthesizer, Voice
from alsreader.state import ReadingState
from alsreader.ui.app import ReaderApp
from alsreader.ui.screens.reader import ReaderScreen
from alsreader.ui.widgets.status_line import StatusLine

from .reliability_support import flat_text, player_processes, screen_text
from .ui_helpers import quick_settings, reader_ready, shown, wait_for

pytestmark = pytest.mark.audio

LONG_SENTENCES = (
    "# Long reading\n\n"
    + " ".join(
        f"This is sentence number {n}, long enough that the voice is still speaking it when "
        "something goes wrong with the sound or with the speech engine underneath."
        for n in range(1, 9)
    )
    + "\n"
)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "long.md"
    path.write_text(LONG_SENTENCES, encoding="utf-8")
    return path


def reader(book: Path, player: str, rate: int = 175) -> ReaderApp:
    settings = quick_settings()
    settings.voice.rate = rate
    from alsreader.ui.app import make_app

    return make_app(book, settings=settings, player=player)


def speech(screen: ReaderScreen) -> str:
    """The speech part of the status line ("reading", "paused", "no audio: ...")."""
    return screen.query_one("#status", StatusLine).status.speech


async def reading(pilot: Pilot[object], screen: ReaderScreen) -> None:
    await wait_for(pilot, lambda: speech(screen) == "reading", timeout=10)


def saved_place(book: Path) -> tuple[int, int] | None:
    position = ReadingState.load().get_position(book)
    return None if position is None else (position.section, position.sentence)


async def test_no_speech_engine_then_it_comes_back(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALSREADER_NO_SPEECH", "1")
    app = reader(book, "silent", rate=300)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        await wait_for(pilot, lambda: speech(screen).startswith("no audio: "))
        assert "No audio: No speech engine was found" in flat_text(app)
        assert "espeak-ng" in speech(screen)  # says what to install
        await pilot.press("space")  # a press while it is missing: nothing breaks
        await pilot.press("right", "right")
        await wait_for(pilot, lambda: shown(screen) == (0, 2))
        await wait_for(pilot, lambda: saved_place(book) == (0, 2))
        monkeypatch.delenv("ALSREADER_NO_SPEECH")  # the caregiver installed espeak-ng
        await pilot.press("space")
        await reading(pilot, screen)
        assert shown(screen) == (0, 2)  # from the place it kept
        assert "no audio" not in screen_text(app).lower()
        await pilot.press("space")
        await wait_for(pilot, lambda: speech(screen) == "paused")


async def test_no_audio_player_then_it_comes_back(
    book: Path, null_sink: NullSinkServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    real_path = os.environ["PATH"]
    monkeypatch.setenv("PATH", str(empty))  # paplay is not installed (as far as we can see)
    app = reader(book, "paplay")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await reader_ready(pilot)
        await wait_for(pilot, lambda: speech(screen).startswith("no audio: "))
        assert "paplay is not installed" in speech(screen)
        assert "pulseaudio-utils" in speech(screen)  # which package to install
        await pilot.press("right")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        monkeypatch.setenv("PATH", real_path)  # installed now
        await pilot.press("space")
        await reading(pilot, screen)
        await wait_for(pilot, lambda: "paplay" in player_processes().values())
        assert shown(screen) == (0, 1)
        await pilot.press("space")
        await wait_for(pilot, lambda: speech(screen) == "paused")
        await wait_for(pilot, lambda: not player_processes())  # pausing ends the player


async def test_a_player_killed_mid_sentence_is_reported_and_resumed(
    book: Path, null_sink: NullSinkServer
) -> None:
    app = reader(book, "paplay")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("right")
        await wait_for(pilot, lambda: shown(screen) == (0, 1))
        await pilot.press("space")
        await reading(pilot, screen)
        await wait_for(pilot, lambda: bool(player_processes()))
        await pilot.pause(0.5)
        place = shown(screen)
        for pid in player_processes():
            os.kill(pid, signal.SIGKILL)  # the sound server took it down
        await wait_for(pilot, lambda: speech(screen) == "paused")
        await wait_for(pilot, lambda: "The audio player paplay stopped" in flat_text(app))
        assert shown(screen) == place  # the place is kept: the sentence was not finished
        assert saved_place(book) == place
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("space")  # try again: a new player reads the same sentence
        await reading(pilot, screen)
        await wait_for(pilot, lambda: bool(player_processes()))
        assert shown(screen) == place
        await pilot.press("space")
        await wait_for(pilot, lambda: not player_processes())


# pyttsx3 leaves a half-made wave writer behind on each failed write; its __del__ complains.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
async def test_the_engine_failing_is_reported_and_retried(book: Path) -> None:
    """The synthesizer's clip folder is removed while reading (a cache cleaner did it)."""
    app = reader(book, "silent", rate=450)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await reader_ready(pilot)
        await pilot.press("space")
        await reading(pilot, screen)
        parts = app.speech_parts
        assert parts is not None
        assert parts.synthesizer is not None
        shutil.rmtree(parts.synthesizer.clip_dir)
        # Whatever was made before goes on (silently, in time); the next clip fails or is
        # written again. Either way the app keeps running and the place stays valid.
        await pilot.pause(1.5)
        narrator = app.narrator
        assert narrator is not None
        text = screen_text(app)
        print(f"\nafter the clip folder was removed: {narrator.state.value} at {shown(screen)}")
        if narrator.state is not SpeechState.READING:
            assert "could not be spoken" in text or "Something went wrong" in text
            place = shown(screen)
            await pilot.press("space")  # retry
            await reading(pilot, screen)
            assert shown(screen) == place
        await wait_for(pilot, lambda: shown(screen)[1] >= 3, timeout=20)
        assert isinstance(app.screen, ReaderScreen)
    gc.collect()  # the failed writers' complaints are heard here, not in a later test


# pyttsx3 leaves a half-made wave writer behind on each failed write; its __del__ complains.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_engine_that_cannot_write_fails_the_sentence_and_recovers(tmp_path: Path) -> None:
    """A cache cleaner removes the clip folder over and over while sentences are made.

    espeak then cannot write its clip. Each sentence must end (as an error, or spoken if the
    folder was there in time) instead of hanging the engine thread for good, and once the
    cleaner stops, sentences are spoken again by the same synthesizer.
    """
    stop = threading.Event()
    outcomes = {"spoken": 0, "failed": 0}
    with Synthesizer(tmp_path / "clips") as synthesizer:

        def cleaner() -> None:
            while not stop.is_set():
                shutil.rmtree(synthesizer.clip_dir, ignore_errors=True)
                time.sleep(0.001)

        thread = threading.Thread(target=cleaner, daemon=True)
        thread.start()
        try:
            for number in range(10):
                future = synthesizer.synthesize(
                    f"Sentence {number} is written while the cleaner runs.", Voice(rate=300),
                    urgent=True)
                try:
                    future.result(timeout=15)
                    outcomes["spoken"] += 1
                except TimeoutError:
                    pytest.fail(f"the engine hung on sentence {number} ({outcomes})")
                except Exception:
                    outcomes["failed"] += 1
        finally:
            stop.set()
            thread.join()
        print(f"\nwhile the folder was being removed: {outcomes}")
        assert outcomes["failed"] > 0, outcomes  # the fault really happened
        clip = synthesizer.synthesize("Now it can.", Voice(rate=300), urgent=True).result(20)
        assert clip.duration_s > 0.2
    gc.collect()
