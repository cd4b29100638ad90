"""Players through a real headless PulseAudio null sink, heard by recording its monitor."""

from __future__ import annotations

import os
import signal
import threading
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from alsreader.speech.nullsink import MonitorRecorder, NullSinkServer
from alsreader.speech.player import (
    FileSinkPlayer,
    PacatPlayer,
    Player,
    ProcessPlayer,
    SilentPlayer,
    make_player,
)
from alsreader.speech.synthesizer import Clip, Synthesizer, Voice

pytestmark = pytest.mark.audio

LONG = "Reading aloud through the null sink, one word after another, for a while."
SHORT = "Reading aloud through the null sink."


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Clip, Clip]]:
    with Synthesizer(tmp_path_factory.mktemp("clips")) as synth:
        yield (
            synth.synthesize(SHORT, Voice(rate=350)).result(10),
            synth.synthesize(LONG, Voice(rate=260)).result(10),
        )


@pytest.fixture
def clip(clips: tuple[Clip, Clip]) -> Clip:
    """About one second of speech."""
    return clips[0]


@pytest.fixture
def long_clip(clips: tuple[Clip, Clip]) -> Clip:
    """About three seconds of speech."""
    return clips[1]


class Outcome:
    """What a player reported."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.errors: list[str] = []
        self.done_at = 0.0

    def on_done(self) -> None:
        self.done_at = time.perf_counter()
        self.done.set()

    def on_error(self, message: str) -> None:
        self.errors.append(message)
        self.done.set()


@pytest.mark.parametrize("name", ["pacat", "paplay"])
def test_plays_the_whole_clip_and_reports_the_end(
    name: str, clip: Clip, recorder: MonitorRecorder
) -> None:
    player = make_player(name)
    outcome = Outcome()
    try:
        started = time.perf_counter()
        player.play(clip, outcome.on_done, outcome.on_error)
        assert outcome.done.wait(clip.duration_s + 5)
    finally:
        player.close()
    assert outcome.errors == []
    recorder.wait_until(outcome.done_at)
    spans = recorder.sound_spans(started, outcome.done_at, min_gap_s=0.5)
    assert spans, "nothing was heard"
    heard = spans[-1].end - spans[0].start
    # The clip ends in a short silence; the heard speech is most of its length.
    assert 0.7 * clip.duration_s < heard <= clip.duration_s + 0.1
    assert outcome.done_at - started >= 0.9 * clip.duration_s


@pytest.mark.parametrize("name", ["pacat", "paplay"])
def test_stop_silences_and_never_reports_done(
    name: str, long_clip: Clip, recorder: MonitorRecorder
) -> None:
    player = make_player(name)
    outcome = Outcome()
    try:
        player.play(long_clip, outcome.on_done, outcome.on_error)
        time.sleep(0.6)
        stopped = time.perf_counter()
        player.stop()
        recorder.wait_until(stopped + 0.6)
    finally:
        player.close()
    assert recorder.first_sound_after(stopped - 0.6) is not None, "it never played"
    quiet = recorder.silent_from(stopped, min_silence_s=0.4)
    assert quiet is not None
    # Generous: timing is measured in bench/bench_speech.py, not asserted here.
    assert quiet - stopped < 0.3
    assert not outcome.done.is_set()
    assert outcome.errors == []


def test_a_player_that_dies_mid_sentence_is_reported(clip: Clip, null_sink: NullSinkServer) -> None:
    player = ProcessPlayer("paplay", ["paplay"])
    outcome = Outcome()
    try:
        player.play(clip, outcome.on_done, outcome.on_error)
        time.sleep(0.2)
        current = player._current
        assert current is not None
        os.kill(current.process.pid, signal.SIGKILL)  # as if the sound server took it down
        assert outcome.done.wait(5)
    finally:
        player.close()
    assert len(outcome.errors) == 1
    assert "paplay" in outcome.errors[0]


def test_pacat_that_dies_is_reported_and_the_next_clip_still_plays(
    clip: Clip, null_sink: NullSinkServer
) -> None:
    player = PacatPlayer()
    first, second = Outcome(), Outcome()
    try:
        player.play(clip, first.on_done, first.on_error)
        time.sleep(0.2)
        current = player._current
        assert current is not None
        os.kill(current.process.pid, signal.SIGKILL)
        assert first.done.wait(5)
        player.play(clip, second.on_done, second.on_error)
        assert second.done.wait(clip.duration_s + 5)
    finally:
        player.close()
    assert first.errors
    assert "pacat" in first.errors[0]
    assert second.errors == []


def test_auto_picks_a_pulse_player_when_the_server_answers(null_sink: NullSinkServer) -> None:
    player = make_player("auto")
    player.close()
    assert player.name in ("pacat", "paplay", "pw-play")


def test_silent_player_takes_the_clips_real_time(clip: Clip) -> None:
    player: Player = SilentPlayer()
    outcome = Outcome()
    started = time.perf_counter()
    player.play(clip, outcome.on_done)
    assert outcome.done.wait(clip.duration_s + 2)
    assert outcome.done_at - started >= clip.duration_s - 0.01
    stopped = Outcome()
    player.play(clip, stopped.on_done)
    player.stop()
    assert not stopped.done.wait(clip.duration_s + 0.2)


def test_file_sink_appends_what_was_played(clip: Clip, tmp_path: Path) -> None:
    out = tmp_path / "heard.wav"
    player = FileSinkPlayer(out)
    outcome = Outcome()
    player.play(clip, outcome.on_done)
    player.play(clip, outcome.on_done)
    player.close()
    assert outcome.done.is_set()
    with wave.open(str(out)) as reader:
        assert reader.getframerate() == clip.sample_rate
        assert reader.readframes(reader.getnframes()) == clip.frames() * 2
