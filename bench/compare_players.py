"""Which player knows best when a clip is heard: pacat, paplay, or miniaudio.

Part of ``bench_speech`` (its second table) and runnable alone
(``.venv/bin/python bench/compare_players.py``). miniaudio (MIT, wheels, no system package)
is measured when it is installed (``pip install miniaudio``); it is not a dependency of
alsreader because it started and stopped later than pacat and paplay, and its time for the
first sample was no closer (issue 15).

For each player, TRIALS times, on a private headless PulseAudio null sink recorded from its
monitor: the start latency (``play()`` called to the clip's first sample heard: its first
loud sample in the recording less the clip's own leading silence), the error of the time
the player says the clip started (``started_at()`` less the heard start), and the stop
latency (``stop()`` called to silence).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from alsreader.speech.nullsink import MonitorRecorder, NullSinkServer  # noqa: E402
from alsreader.speech.player import Done, Failed, make_player  # noqa: E402
from alsreader.speech.synthesizer import Clip, Synthesizer, Voice  # noqa: E402

TRIALS = 15
TEXT = "The library was quiet in the early afternoon, and the light fell across the tables."


class MiniaudioPlayer:
    """A miniaudio playback device kept running (silence when idle), fed the clip's PCM.

    Its time for the first sample: the moment the device's callback took that sample, plus
    one period.
    """

    name = "miniaudio"

    def __init__(self, rate: int = 22050, period_ms: int = 10) -> None:
        import miniaudio

        self._rate = rate
        self._lock = threading.Lock()
        self._frames = b""
        self._at = 0
        self._on_done: Done | None = None
        self._started: float | None = None
        self._pending_start = False
        self._device: Any = miniaudio.PlaybackDevice(
            output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=rate,
            buffersize_msec=period_ms, backends=[miniaudio.Backend.PULSEAUDIO],
            app_name="alsreader",
        )
        # pyminiaudio does not expose the device's internal periods: one period is assumed
        # buffered (the started_at() error below shows how far that is off).
        self.buffered_s = period_ms / 1000
        generator = self._feed()
        next(generator)
        self._device.start(generator)

    def _feed(self) -> Generator[bytes, int, None]:
        wanted = yield b""
        while True:
            done: Done | None = None
            with self._lock:
                if self._pending_start:
                    self._pending_start = False
                    self._started = time.monotonic() + self.buffered_s
                chunk = self._frames[self._at * 2 : (self._at + wanted) * 2]
                self._at += len(chunk) // 2
                if self._frames and self._at * 2 >= len(self._frames):
                    self._frames, done, self._on_done = b"", self._on_done, None
            if done is not None:
                threading.Thread(target=done, daemon=True).start()
            wanted = yield chunk + b"\0\0" * (wanted - len(chunk) // 2)

    def play(self, clip: Clip, on_done: Done, on_error: Failed | None = None) -> None:
        frames = clip.frames()
        with self._lock:
            self._frames, self._at, self._on_done = frames, 0, on_done
            self._pending_start, self._started = True, None

    def stop(self) -> None:
        with self._lock:
            self._frames, self._on_done, self._started = b"", None, None

    def started_at(self) -> float | None:
        with self._lock:
            return self._started

    def close(self) -> None:
        self.stop()
        self._device.close()


def _measure(player: Any, clip: Clip, recorder: MonitorRecorder) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {"start": [], "error": [], "stop": []}
    for _ in range(TRIALS):
        time.sleep(0.4)
        asked = time.perf_counter()
        player.play(clip, lambda: None)
        time.sleep(0.05)
        said = player.started_at()
        time.sleep(0.85)
        stopped = time.perf_counter()
        player.stop()
        time.sleep(0.4)
        recorder.wait_until(time.perf_counter())
        heard = recorder.clip_heard_from(clip, asked)
        if heard is None:
            continue
        figures["start"].append(heard - asked)
        if said is not None:
            # time.monotonic and time.perf_counter are one clock on Linux (CLOCK_MONOTONIC).
            figures["error"].append(said - heard)
        quiet = recorder.silent_from(stopped, min_silence_s=0.3)
        if quiet is not None:
            figures["stop"].append(max(quiet - stopped, 0.0))
    return figures


def _row(name: str, figures: dict[str, list[float]]) -> str:
    def cell(values: list[float]) -> str:
        if not values:
            return "n/a"
        return (f"{statistics.median(values) * 1000:.0f} "
                f"({min(values) * 1000:.0f} / {max(values) * 1000:.0f})")

    return (f"| {name} | {cell(figures['start'])} | {cell(figures['error'])} | "
            f"{cell(figures['stop'])} | {len(figures['start'])} |")


def compare(recorder: MonitorRecorder) -> str:
    """Measure every player on ``recorder``'s null sink; the Markdown table."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Synthesizer(Path(tmp)) as synth:
        clip = synth.synthesize(TEXT, Voice(rate=175)).result(30)
        time.sleep(0.3)
        for name in ("pacat", "paplay", "miniaudio"):
            try:
                player: Any = MiniaudioPlayer() if name == "miniaudio" else make_player(name)
            except Exception as error:  # not installed: say so in the table
                rows.append(f"| {name} | not measured: {error} | | | 0 |")
                continue
            try:
                rows.append(_row(name, _measure(player, clip, recorder)))
            finally:
                player.close()
    return "\n".join([
        "| Player | start latency ms, median (min / max) | started_at() error ms | "
        "stop latency ms | n |",
        "|---|---|---|---|---|",
        *rows,
    ])


def main() -> int:
    """Measure every player on a null sink of its own and print the table."""
    server = NullSinkServer().start()
    try:
        with server.activated(), MonitorRecorder(server, keep_s=120) as recorder:
            print(compare(recorder))
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
