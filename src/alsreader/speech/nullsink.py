"""A private headless PulseAudio with a null sink, and a recorder of what it "played".

Used by the audio tests and ``bench/bench_speech.py`` (DESIGN.md section 5): the null sink
plays in real time without hardware, and recording its monitor tells what was heard and when.
The server runs with its own runtime folder and socket, so it never touches a user's server;
:meth:`NullSinkServer.env` is what a client needs to reach it.
"""

from __future__ import annotations

import array
import contextlib
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alsreader.speech.synthesizer import Clip

SINK = "alsnull"
RATE = 22050


class AudioSetupError(RuntimeError):
    """The headless audio server could not be started; the message says what to install."""


class NullSinkServer:
    """A PulseAudio server of our own with one null sink (``alsnull``)."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="alsreader-pulse-"))
        self.socket = self.dir / "native"
        self._process: subprocess.Popen[bytes] | None = None
        self._log = self.dir / "server.log"

    def env(self) -> dict[str, str]:
        """Environment variables that point PulseAudio clients at this server only."""
        return {
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_RUNTIME_PATH": str(self.dir),
            "XDG_RUNTIME_DIR": str(self.dir),
            "PULSE_STATE_PATH": str(self.dir / "state"),
            "PULSE_SINK": SINK,
        }

    def start(self, timeout_s: float = 10.0) -> NullSinkServer:
        """Start the server and wait until it answers."""
        server = shutil.which("pulseaudio")
        if server is None or shutil.which("parec") is None:
            raise AudioSetupError(
                "The audio tests need a headless PulseAudio: install the Debian/Ubuntu packages "
                "`pulseaudio pulseaudio-utils` (make system-deps does it as root)."
            )
        env = {**os.environ, **self.env(), "HOME": str(self.dir)}
        argv = [
            server, "-n", "--daemonize=no", "--system=false", "--exit-idle-time=-1",
            "--use-pid-file=false", "--realtime=false", "--high-priority=false",
            "--disable-shm=true", f"--log-target=file:{self._log}",
            f"--load=module-null-sink sink_name={SINK} rate={RATE} channels=1",
            f"--load=module-native-protocol-unix socket={self.socket} auth-anonymous=1",
            "--load=module-always-sink",
        ]
        self._process = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                break
            if self.socket.exists() and self._answers(env):
                return self
            time.sleep(0.05)
        log = self._log.read_text(errors="replace")[-800:] if self._log.exists() else ""
        self.stop()
        raise AudioSetupError(f"The headless PulseAudio did not start.\n{log}")

    def _answers(self, env: dict[str, str]) -> bool:
        pactl = shutil.which("pactl")
        if pactl is None:
            return True
        result = subprocess.run(
            [pactl, "info"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, timeout=5, check=False,
        )
        return result.returncode == 0

    def stop(self) -> None:
        """End the server and remove its folder."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    @contextlib.contextmanager
    def activated(self) -> Iterator[NullSinkServer]:
        """Point this process (and its children) at the server for the duration."""
        saved = {key: os.environ.get(key) for key in self.env()}
        os.environ.update(self.env())
        try:
            yield self
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


@dataclass(frozen=True)
class Span:
    """A stretch of the recording, in seconds on the ``time.perf_counter`` clock."""

    start: float
    end: float

    @property
    def length(self) -> float:
        """Duration in seconds."""
        return self.end - self.start


class MonitorRecorder:
    """Records the null sink's monitor with ``parec`` and maps samples to clock time.

    Each chunk's arrival gives an estimate of when sample 0 sounded; the median of the
    recent estimates is the origin, so a sample's time is when such a sample typically
    reaches this process. Figures taken from it therefore *include* the capture latency
    (a few ms): they are upper bounds, never flattering.

    The last ``keep_s`` seconds are kept in a ring allocated once at the start, so a
    recorder left running for a whole test session uses the same memory throughout.
    """

    def __init__(
        self, server: NullSinkServer, *, latency_ms: int = 5, threshold: int = 300,
        keep_s: float = 60.0,
    ):
        self.server = server
        self.rate = RATE
        self.threshold = threshold
        """Absolute sample value above which a sample counts as sound."""
        self._latency_ms = latency_ms
        self._capacity = int(keep_s * RATE)
        self._ring = array.array("h", bytes(2 * self._capacity))
        self._count = 0
        """Samples recorded since the start (the ring holds the last ``_capacity``)."""
        self._estimates: list[float] = []
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> MonitorRecorder:
        """Start recording; returns once the first samples arrive."""
        env = {**os.environ, **self.server.env()}
        self._process = subprocess.Popen(
            [
                "parec", "-d", f"{SINK}.monitor", "--raw", "--format=s16le",
                f"--rate={self.rate}", "--channels=1", f"--latency-msec={self._latency_ms}",
            ],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        )
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if self.now_index() > self.rate // 20:
                return self
            time.sleep(0.01)
        raise RuntimeError("parec recorded nothing from the null sink monitor")

    def _read(self) -> None:
        process = self._process
        assert process is not None
        assert process.stdout is not None
        pending = b""
        while True:
            chunk = os.read(process.stdout.fileno(), 4096)
            now = time.perf_counter()
            if not chunk:
                return
            pending += chunk
            usable = len(pending) - len(pending) % 2
            fresh = array.array("h")
            fresh.frombytes(pending[:usable])
            pending = pending[usable:]
            with self._lock:
                self._store(fresh)
                self._estimates.append(now - self._count / self.rate)
                if len(self._estimates) > 2000:
                    del self._estimates[:1000]

    def _store(self, fresh: array.array[int]) -> None:
        capacity = self._capacity
        total = len(fresh)
        skip = max(total - capacity, 0)  # more than the ring holds: keep the newest
        if skip:
            fresh = fresh[skip:]
        at = (self._count + skip) % capacity
        first = min(len(fresh), capacity - at)
        self._ring[at : at + first] = fresh[:first]
        if first < len(fresh):
            self._ring[: len(fresh) - first] = fresh[first:]
        self._count += total

    def _window(self, lo: int, hi: int) -> tuple[array.array[int], int]:
        """A copy of samples ``lo`` to ``hi`` (absolute indexes, clipped to what is kept)
        and the absolute index of its first sample. Call with the lock held."""
        lo = max(lo, self._count - self._capacity, 0)
        hi = min(hi, self._count)
        if hi <= lo:
            return array.array("h"), lo
        capacity = self._capacity
        a, b = lo % capacity, hi % capacity
        if b == 0:
            data = self._ring[a:]
        elif a < b:
            data = self._ring[a:b]
        else:
            data = self._ring[a:] + self._ring[:b]
        return data, lo

    def stop(self) -> None:
        """Stop recording (the samples stay for analysis)."""
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            process.wait()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def __enter__(self) -> MonitorRecorder:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- analysis ----------------------------------------------------------------------

    def now_index(self) -> int:
        """How many samples have been recorded so far."""
        with self._lock:
            return self._count

    @property
    def _origin(self) -> float:
        recent = self._estimates[-400:]
        return statistics.median(recent) if recent else 0.0

    def resolution(self) -> float:
        """Spread (10th to 90th percentile, seconds) of the arrival-based origin estimates:
        how finely this recording can place a sample in time."""
        recent = sorted(self._estimates[-400:])
        if len(recent) < 10:
            return float("nan")
        return recent[len(recent) * 9 // 10] - recent[len(recent) // 10]

    def time_of(self, index: int) -> float:
        """``perf_counter`` time at which sample ``index`` sounded."""
        return self._origin + index / self.rate

    def index_at(self, when: float) -> int:
        """Sample index sounding at ``perf_counter`` time ``when``."""
        return max(int((when - self._origin) * self.rate), 0)

    def wait_until(self, when: float, timeout_s: float = 5.0) -> None:
        """Wait until the recording has reached clock time ``when``."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.now_index() > self.index_at(when):
                return
            time.sleep(0.005)

    def _between(self, start: float | None, end: float | None) -> tuple[array.array[int], int]:
        with self._lock:
            lo = 0 if start is None else self.index_at(start)
            hi = self._count if end is None else self.index_at(end)
            return self._window(lo, hi)

    def samples(self, start: float | None = None, end: float | None = None) -> array.array[int]:
        """The samples between two clock times (all that is kept by default)."""
        return self._between(start, end)[0]

    def first_sound_after(self, when: float, *, hold: int = 22) -> float | None:
        """Clock time of the first sample above the threshold after ``when``.

        A few loud samples within a short window are required, so a lone click does not
        count.
        """
        data, base = self._between(when, None)
        window = max(hold, 1)
        for i, value in enumerate(data):
            if abs(value) > self.threshold:
                loud = sum(1 for v in data[i : i + window * 4] if abs(v) > self.threshold)
                if loud >= min(window, 4):
                    return self.time_of(base + i)
        return None

    def leading_silence(self, clip: Clip) -> float:
        """Seconds of ``clip`` before its first sample above the threshold."""
        data = array.array("h", clip.frames())
        first = next((i for i, value in enumerate(data) if abs(value) > self.threshold), 0)
        return first / clip.sample_rate

    def clip_heard_from(self, clip: Clip, after: float) -> float | None:
        """Clock time at which ``clip``'s first sample was heard, for a playing of it that
        began after ``after``: its first loud sample in the recording less the clip's own
        leading silence (espeak-ng writes the same samples for the same text and voice, so
        ``clip`` may be a copy synthesized again)."""
        onset = self.first_sound_after(after)
        return None if onset is None else onset - self.leading_silence(clip)

    def silent_from(self, when: float, *, min_silence_s: float = 0.2) -> float | None:
        """Clock time after ``when`` from which the recording stays silent for at least
        ``min_silence_s`` (None if it never does)."""
        need = int(min_silence_s * self.rate)
        data, base = self._between(when, None)
        last_loud = -1
        for i, value in enumerate(data):
            if abs(value) > self.threshold:
                last_loud = i
            elif i - last_loud >= need:
                return self.time_of(base + last_loud + 1)
        return None

    def sound_spans(self, start: float | None = None, end: float | None = None, *,
                    min_gap_s: float = 0.05) -> list[Span]:
        """Stretches of sound separated by silences of at least ``min_gap_s``."""
        gap = int(min_gap_s * self.rate)
        data, base = self._between(start, end)
        spans: list[Span] = []
        begin = last = -1
        for i, value in enumerate(data):
            if abs(value) > self.threshold:
                if begin < 0:
                    begin = i
                elif i - last > gap:
                    spans.append(Span(self.time_of(base + begin), self.time_of(base + last + 1)))
                    begin = i
                last = i
        if begin >= 0:
            spans.append(Span(self.time_of(base + begin), self.time_of(base + last + 1)))
        return spans

    def rms(self, start: float | None = None, end: float | None = None) -> float:
        """Root mean square level between two clock times."""
        data = self.samples(start, end)
        if not data:
            return 0.0
        return float((sum(v * v for v in data) / len(data)) ** 0.5)
