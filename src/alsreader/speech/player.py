"""Players that start a clip at once and stop it at once.

Every backend is non-blocking: :meth:`Player.play` returns immediately and calls ``on_done``
(from another thread) when the clip has finished sounding, or ``on_error`` if the player died.
:meth:`Player.stop` silences at once; after it, neither callback fires for the stopped clip.
Players are external programs run from an argument list (never a shell), ``winsound`` on
Windows, a silent timed player, or a file sink.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Protocol

from alsreader.config.declaration import PLAYERS
from alsreader.speech.engine import SpeechUnavailable
from alsreader.speech.synthesizer import Clip

Done = Callable[[], None]
Failed = Callable[[str], None]

PLAYER_NAMES = tuple(choice.value for choice in PLAYERS)


class Player(Protocol):
    """Plays one clip at a time; never blocks its caller."""

    name: str

    def play(self, clip: Clip, on_done: Done, on_error: Failed | None = None) -> None:
        """Start ``clip`` (stopping any clip still playing); call ``on_done`` when it ends."""

    def stop(self) -> None:
        """Silence now; the stopped clip's callbacks never fire."""

    def close(self) -> None:
        """Stop and release the device."""

    def started_at(self) -> float | None:
        """``time.monotonic()`` at which the clip playing now is heard from its first
        sample (it may lie a few ms ahead), or None when nothing plays or the player cannot
        tell. The narrator times the word highlight from it."""


def _report(on_error: Failed | None, message: str) -> None:
    if on_error is not None:
        on_error(message)


class _Playing:
    """One clip being played by one process; ``cancelled`` is set by stop()."""

    def __init__(self, process: subprocess.Popen[bytes], on_done: Done, on_error: Failed | None,
                 started: float):
        self.process = process
        self.on_done = on_done
        self.on_error = on_error
        self.cancelled = False
        self.started = started
        """When the clip's first sample is heard (``time.monotonic()``), as estimated."""

    def finish(self, code: int, stderr: bytes, player_name: str) -> None:
        """Report how the process ended: done, or (unless stop() cancelled it) why it failed."""
        if self.cancelled:
            return
        if code == 0:
            self.on_done()
            return
        detail = stderr.decode("utf-8", "replace").strip().splitlines()
        why = detail[-1] if detail else f"exit status {code}"
        _report(self.on_error, f"The audio player {player_name} stopped: {why}")


class _OneProcessAtATime:
    """What the process-backed players share: one clip's process at a time, killed by stop()."""

    name: str

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: _Playing | None = None

    def started_at(self) -> float | None:
        """When the clip playing now began to be heard (None when none plays).

        Neither pacat nor paplay reports where it is, so this is the moment the clip was
        handed over; measured on a null sink it is within a few ms of the first sample heard
        (bench/compare_players.py, docs/benchmarks.md).
        """
        with self._lock:
            return self._current.started if self._current is not None else None

    def _ended(self, playing: _Playing, code: int, stderr: bytes) -> None:
        with self._lock:
            if self._current is playing:
                self._current = None
        playing.finish(code, stderr, self.name)

    def stop(self) -> None:
        """Kill the process playing now (its watcher reaps it): silence within milliseconds."""
        with self._lock:
            playing, self._current = self._current, None
        if playing is not None:
            playing.cancelled = True
            with contextlib.suppress(OSError):
                playing.process.kill()


class ProcessPlayer(_OneProcessAtATime):
    """Runs one external player process per clip (paplay, pw-play, aplay, afplay).

    Stopping kills the process: silence within a couple of milliseconds.
    """

    def __init__(self, name: str, argv: list[str]) -> None:
        super().__init__()
        self.name = name
        self._argv = argv

    def play(self, clip: Clip, on_done: Done, on_error: Failed | None = None) -> None:
        """Start a process playing ``clip``."""
        self.stop()
        try:
            process = subprocess.Popen(
                [*self._argv, str(clip.path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        except OSError as error:
            _report(on_error, f"The audio player {self.name} could not start: {error}")
            return
        playing = _Playing(process, on_done, on_error, time.monotonic())
        with self._lock:
            self._current = playing
        threading.Thread(target=self._watch, args=(playing,), daemon=True).start()

    def _watch(self, playing: _Playing) -> None:
        stderr = b""
        if playing.process.stderr is not None:
            stderr = playing.process.stderr.read()
            playing.process.stderr.close()
        self._ended(playing, playing.process.wait(), stderr)

    def close(self) -> None:
        """Stop playing."""
        self.stop()


class PacatPlayer(_OneProcessAtATime):
    """A PulseAudio/PipeWire player kept warm: a ``pacat`` process already connected waits
    for PCM on its stdin, so a clip starts sounding without process start-up or connection
    time. When a clip is written the process drains it and exits (that is "done"); a fresh
    one is started for the next clip.
    """

    name = "pacat"

    def __init__(self, latency_ms: int = 30) -> None:
        super().__init__()
        self._latency_ms = latency_ms
        self._warm: subprocess.Popen[bytes] | None = None
        self._warm_rate = 22050
        self._closed = False

    def _spawn(self, rate: int) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [
                "pacat", "--playback", "--raw", "--format=s16le", f"--rate={rate}",
                "--channels=1", f"--latency-msec={self._latency_ms}",
                "--client-name=alsreader", "--stream-name=reading",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def warm_up(self, rate: int = 22050) -> None:
        """Start the waiting process now (so the first clip starts at once)."""
        with self._lock:
            self._ensure_warm(rate)

    def _ensure_warm(self, rate: int) -> None:
        if self._closed:
            return
        warm = self._warm
        if warm is not None and warm.poll() is None and self._warm_rate == rate:
            return
        if warm is not None:
            with contextlib.suppress(OSError):
                warm.kill()
            warm.wait()
        self._warm = self._spawn(rate)
        self._warm_rate = rate

    def play(self, clip: Clip, on_done: Done, on_error: Failed | None = None) -> None:
        """Feed ``clip`` to the waiting process."""
        self.stop()
        try:
            frames = clip.frames()
        except (OSError, ValueError, wave.Error) as error:
            _report(on_error, f"The clip could not be read: {error}")
            return
        with self._lock:
            try:
                self._ensure_warm(clip.sample_rate)
            except OSError as error:
                _report(on_error, f"The audio player pacat could not start: {error}")
                return
            process, self._warm = self._warm, None
            assert process is not None
            playing = _Playing(process, on_done, on_error,
                               time.monotonic())
            self._current = playing
        # One thread of its own feeds the clip and then starts the next clip's process. Each
        # Thread.start() waits until the new thread runs, which on a busy machine can take
        # tens of milliseconds; the caller (the narrator, which marks the first word as soon
        # as this returns) waits for one start, not two.
        threading.Thread(target=self._feed, args=(playing, frames, clip.sample_rate),
                         daemon=True).start()

    def _feed(self, playing: _Playing, frames: bytes, rate: int) -> None:
        process = playing.process
        stdin: IO[bytes] | None = process.stdin
        try:
            if stdin is not None:
                stdin.write(frames)
                stdin.close()
        except (BrokenPipeError, OSError, ValueError):
            pass  # killed by stop(), or died: the exit status tells which
        # The next clip's process starts while this one plays: the write returns once the
        # last of the clip is in the pipe (64 KB, 1.5 s of audio, before its end), and a
        # pacat connects in milliseconds. Not before the write: the clip would sound later.
        with self._lock, contextlib.suppress(OSError):
            self._ensure_warm(rate)
        stderr = process.stderr.read() if process.stderr is not None else b""
        self._ended(playing, process.wait(), stderr)

    def close(self) -> None:
        """Stop and end the waiting process."""
        self.stop()
        with self._lock:
            self._closed = True
            warm, self._warm = self._warm, None
        if warm is not None:
            with contextlib.suppress(OSError):
                warm.kill()
            warm.wait()


class SilentPlayer:
    """Plays nothing but takes each clip's real duration, so the reading pace stays right
    on a machine without a sound device.
    """

    name = "silent"

    def __init__(self, reason: str = "") -> None:
        self.reason = reason
        """Why there is no sound when this player was a fallback, not a choice ("" if chosen)."""
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._started = 0.0

    def play(self, clip: Clip, on_done: Done, on_error: Failed | None = None) -> None:
        """Call ``on_done`` after the clip's duration."""
        timer = threading.Timer(clip.duration_s, on_done)
        timer.daemon = True
        with self._lock:
            old, self._timer = self._timer, timer
            self._started = time.monotonic()
        if old is not None:
            old.cancel()
        timer.start()

    def stop(self) -> None:
        """Cancel the pending ``on_done``."""
        with self._lock:
            old, self._timer = self._timer, None
        if old is not None:
            old.cancel()

    def started_at(self) -> float | None:
        """When the clip's time began (the highlight follows the silent pace too)."""
        with self._lock:
            return self._started if self._timer is not None and self._timer.is_alive() else None

    def close(self) -> None:
        """Same as stop."""
        self.stop()


class FileSinkPlayer:
    """Appends every played clip to one WAV file and finishes at once (tests, export)."""

    name = "file"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer: wave.Wave_write | None = None
        self._lock = threading.Lock()
        self.played: list[Clip] = []
        """Clips in the order they were played."""

    def play(self, clip: Clip, on_done: Done, on_error: Failed | None = None) -> None:
        """Append the clip's samples, then report done."""
        try:
            frames = clip.frames()
            with self._lock:
                if self._writer is None:
                    self._writer = wave.open(str(self.path), "wb")  # noqa: SIM115 (kept open across clips)
                    self._writer.setnchannels(clip.channels)
                    self._writer.setsampwidth(clip.sample_width)
                    self._writer.setframerate(clip.sample_rate)
                self._writer.writeframes(frames)
                self.played.append(clip)
        except (OSError, ValueError, wave.Error) as error:
            _report(on_error, f"Could not write {self.path}: {error}")
            return
        on_done()

    def stop(self) -> None:
        """Nothing to silence: clips are written whole."""

    def started_at(self) -> float | None:
        """None: nothing is heard, clips are written whole."""
        return None

    def close(self) -> None:
        """Finish the WAV file."""
        with self._lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None


class WinsoundPlayer:
    """Windows: ``winsound`` plays asynchronously; a timer reports the end."""

    name = "winsound"

    def __init__(self) -> None:
        # Imported by name: the module exists only on Windows (and mypy checks on Linux).
        self._winsound: Any = importlib.import_module("winsound")
        self._timer = SilentPlayer()

    def play(self, clip: Clip, on_done: Done, on_error: Failed | None = None) -> None:
        """Start the clip asynchronously."""
        winsound = self._winsound
        self._timer.stop()
        try:
            flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
            winsound.PlaySound(str(clip.path), flags)
        except RuntimeError as error:
            _report(on_error, f"Windows could not play the clip: {error}")
            return
        self._timer.play(clip, on_done, on_error)

    def started_at(self) -> float | None:
        """When ``PlaySound`` was asked to start the clip (it reports nothing more)."""
        return self._timer.started_at()

    def stop(self) -> None:
        """Purge the playing sound."""
        self._timer.stop()
        with contextlib.suppress(RuntimeError):
            self._winsound.PlaySound(None, self._winsound.SND_PURGE)

    def close(self) -> None:
        """Same as stop."""
        self.stop()


# --- choosing a player ------------------------------------------------------------------


def pulse_answers(timeout_s: float = 2.0) -> bool:
    """Whether a PulseAudio (or PipeWire-Pulse) server answers."""
    pactl = shutil.which("pactl")
    if pactl is None:
        runtime = os.environ.get("PULSE_RUNTIME_PATH") or os.path.join(
            os.environ.get("XDG_RUNTIME_DIR", ""), "pulse"
        )
        return bool(os.environ.get("PULSE_SERVER")) or os.path.exists(
            os.path.join(runtime, "native")
        )
    try:
        result = subprocess.run(
            [pactl, "info"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout_s,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def _pipewire_answers() -> bool:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    return bool(runtime) and os.path.exists(os.path.join(runtime, "pipewire-0"))


def _alsa_device_exists() -> bool:
    try:
        cards = Path("/proc/asound/cards").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "no soundcards" not in cards and bool(cards.strip())


def _named_player(name: str) -> Player:
    if name == "silent":
        return SilentPlayer()
    if name == "winsound":
        if sys.platform != "win32":
            raise SpeechUnavailable("The winsound player exists only on Windows.")
        return WinsoundPlayer()
    argv_for = {
        "paplay": ["paplay", "--client-name=alsreader"],
        "pw-play": ["pw-play"],
        "aplay": ["aplay", "-q"],
        "afplay": ["afplay"],
    }
    if name not in ("pacat", *argv_for):
        raise SpeechUnavailable(
            f"Unknown audio player {name!r}; choose one of: {', '.join(PLAYER_NAMES)}."
        )
    if shutil.which(name) is None:
        hint = {
            "pacat": "pulseaudio-utils", "paplay": "pulseaudio-utils",
            "pw-play": "pipewire-bin", "aplay": "alsa-utils",
        }.get(name, name)
        raise SpeechUnavailable(
            f"The audio player {name} is not installed (Debian/Ubuntu package: {hint}); "
            "set the player to auto to choose another."
        )
    if name == "pacat":
        pacat = PacatPlayer()
        # Connected from the start, so even the first clip sounds at once and is heard when
        # it is handed over (the word highlight is timed from that moment).
        with contextlib.suppress(OSError):
            pacat.warm_up()
        return pacat
    return ProcessPlayer(name, argv_for[name])


NO_DEVICE = "no sound device found, reading silently at the set pace"
"""Said in the status line when "auto" found no way to play sound."""


def make_player(name: str = "auto") -> Player:
    """The player called ``name``, or for "auto" the best one this machine answers to.

    Raises :class:`SpeechUnavailable` when a named player cannot be used. "auto" never
    raises: with no sound device it returns the silent timed player.
    """
    name = (name or "auto").strip().lower()
    if name != "auto":
        return _named_player(name)
    if sys.platform == "win32":
        return WinsoundPlayer()
    if sys.platform == "darwin":
        return _named_player("afplay") if shutil.which("afplay") else SilentPlayer(NO_DEVICE)
    if pulse_answers():
        for candidate in ("pacat", "paplay", "pw-play"):
            if shutil.which(candidate):
                return _named_player(candidate)
    if _pipewire_answers() and shutil.which("pw-play"):
        return _named_player("pw-play")
    if _alsa_device_exists() and shutil.which("aplay"):
        return _named_player("aplay")
    return SilentPlayer(NO_DEVICE)
