"""Text to audio clips on disk: one thread owns the pyttsx3 engine and only ever saves to files.

pyttsx3 2.99 cannot be interrupted while it plays (see DESIGN.md section 4), so it never plays
here: it writes each sentence to a WAV clip, and a :mod:`~alsreader.speech.player` plays it.
Voice, rate, volume and pitch are kept by us and set before each clip, because reading them
back from espeak is unreliable and a rate set right after a clip can be lost unless espeak is
idle before and after the change.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import os
import queue
import shutil
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alsreader import locations
from alsreader.config.declaration import FASTEST_RATE, SLOWEST_RATE, USUAL_RATE
from alsreader.speech import engine as engine_setup
from alsreader.speech.engine import EngineInfo, SpeechUnavailable
from alsreader.speech.timings import WordTiming, words_from_marks

MIN_RATE = SLOWEST_RATE
MAX_RATE = FASTEST_RATE
_IDLE_TIMEOUT_S = 2.0

# pyttsx3.init() hands every caller the same engine per driver (and espeak initialises once
# per process), so two Synthesizers share it: their jobs take turns, and what was last set on
# the engine is remembered per process, not per Synthesizer.
_ENGINE_LOCK = threading.Lock()
_APPLIED: dict[str, object] = {}
_PARAMETERS = {"rate": 1, "volume": 2, "pitch": 3}  # espeak_PARAMETER values


def _expected(name: str, value: object) -> int:
    """The number espeak stores for a property value as pyttsx3's espeak driver sets it."""
    if name == "volume":
        return int(round(float(value) * 100, 2))  # type: ignore[arg-type]
    return int(str(value))


@dataclass(frozen=True)
class Voice:
    """How the text sounds: which voice, how fast, how loud, how high."""

    voice_id: str | None = None
    """Engine voice id (e.g. "gmw/en-us"); None for the engine's default."""
    rate: int = USUAL_RATE
    """Words per minute."""
    volume: float = 1.0
    """0.0 (silent) to 1.0 (full)."""
    pitch: int = 50
    """0-99 on espeak's scale; 50 is the voice's normal pitch."""

    def clamped(self) -> Voice:
        """The same voice with every value inside the range the engine accepts."""
        return Voice(
            self.voice_id,
            min(max(int(self.rate), MIN_RATE), MAX_RATE),
            min(max(float(self.volume), 0.0), 1.0),
            min(max(int(self.pitch), 0), 99),
        )


@dataclass(frozen=True)
class VoiceInfo:
    """One installed voice, as ``alsreader voices`` lists it."""

    id: str
    name: str
    languages: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Clip:
    """A synthesized piece of speech on disk."""

    path: Path
    duration_s: float
    sample_rate: int
    text: str = ""
    channels: int = 1
    sample_width: int = 2
    words: tuple[WordTiming, ...] = ()
    """When each word of ``text`` begins in the audio (empty when the engine does not say:
    see :attr:`EngineInfo.word_timings`)."""

    def frames(self) -> bytes:
        """The raw PCM samples (for players fed PCM and for exports)."""
        if self.path.suffix.lower() != ".wav":
            raise ValueError(f"only WAV clips carry raw frames: {self.path.name}")
        with wave.open(str(self.path), "rb") as reader:
            return reader.readframes(reader.getnframes())

    def delete(self) -> None:
        """Remove the clip's file (it is no longer needed)."""
        with contextlib.suppress(OSError):
            self.path.unlink()


def _remove_orphaned_sessions(base: Path) -> None:
    """Delete the clip folders of sessions whose process has ended without closing
    (killed, or the power went): otherwise every crash would leave its clips behind."""
    if os.name == "nt":
        return  # os.kill(pid, 0) would not just test the process there
    for folder in base.glob("session-*-*"):
        owner = folder.name.split("-")[1]
        if owner.isdigit() and int(owner) != os.getpid() and _process_ended(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)


def _process_ended(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive (another user's) or unknowable: keep its folder
    # A killed process stays a zombie until its parent (a shell, tmux) collects it.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return stat[stat.rindex(")") + 2 :].startswith("Z")


@dataclass(order=True)
class _Job:
    priority: int
    seq: int
    run: Callable[[], None] = field(compare=False)
    cancel: Callable[[], object] = field(compare=False, default=lambda: None)


class Synthesizer:
    """Owns the pyttsx3 engine on one dedicated thread and turns text into clips.

    ``engine`` is the ``voice.engine`` setting: "auto" (the best engine here) or one of
    :data:`~alsreader.speech.engine.ENGINE_NAMES`. Raises :class:`SpeechUnavailable` from the
    constructor when that engine cannot be started.
    """

    def __init__(self, clip_dir: Path | None = None, *, engine: str = "auto",
                 start_timeout_s: float = 15.0) -> None:
        self.info: EngineInfo = engine_setup.find_engine(engine)
        self._dir = self._make_clip_dir(clip_dir)
        self._jobs: queue.PriorityQueue[_Job] = queue.PriorityQueue()
        self._seq = itertools.count()
        self._closed = False
        self._engine: Any = None
        self._voice_names: set[str] | None = None
        self._default_voice: str | None = None
        self._get_parameter: Callable[[int, int], int] | None = None
        if self.info.driver == "espeak" and engine_setup._library is not None:
            prototype = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, ctypes.c_int)
            self._get_parameter = prototype(("espeak_GetParameter", engine_setup._library))
        self._names = itertools.count()
        ready: Future[None] = Future()
        self._thread = threading.Thread(
            target=self._run, args=(ready,), name="alsreader-synthesizer", daemon=True
        )
        self._thread.start()
        try:
            ready.result(timeout=start_timeout_s)
        except SpeechUnavailable:
            self.close()
            raise
        except Exception as error:
            self.close()
            raise SpeechUnavailable(f"The speech engine would not start: {error}") from error

    @staticmethod
    def _make_clip_dir(clip_dir: Path | None) -> Path:
        base = clip_dir
        if base is None:
            base = locations.cache_dir() / "clips"
        try:
            base.mkdir(parents=True, exist_ok=True)
            _remove_orphaned_sessions(base)
            # The process id in the name tells a later session whether this one still runs.
            return Path(tempfile.mkdtemp(prefix=f"session-{os.getpid()}-", dir=base))
        except OSError:
            # A read-only profile must not cost the reader their voice.
            return Path(tempfile.mkdtemp(prefix="alsreader-clips-"))

    @property
    def clip_dir(self) -> Path:
        """Folder holding this session's clips (removed by :meth:`close`)."""
        return self._dir

    # --- the engine thread -------------------------------------------------------------

    def _run(self, ready: Future[None]) -> None:
        try:
            with _ENGINE_LOCK:
                self._engine = engine_setup.create_engine(self.info)
                # A new pyttsx3 engine (the last one was garbage-collected) resets voice, rate
                # and volume to its own defaults, so nothing can be assumed set.
                _APPLIED.clear()
                with contextlib.suppress(Exception):
                    # Voice None means this one, even after another voice was used. Asked
                    # holding the lock: espeak is not safe to call from two threads at once,
                    # and another Synthesizer's thread may be making a clip.
                    current = self._engine.getProperty("voice")
                    self._default_voice = str(current) if current else None
        except BaseException as error:
            ready.set_exception(error)
            return
        ready.set_result(None)
        while True:
            job = self._jobs.get()
            if job.priority < 0:  # close
                with _ENGINE_LOCK:
                    # The last reference to pyttsx3's engine going runs its driver's destroy,
                    # which sets espeak's callback to None: never while another Synthesizer's
                    # thread is inside espeak making a clip (that would call a null
                    # callback), nor between a new engine setting its callback and its first
                    # clip.
                    self._engine = None
                return
            with _ENGINE_LOCK:
                job.run()

    def _wait_idle(self) -> None:
        """Wait until espeak has no queued command (else a parameter change can be dropped)."""
        if self.info.driver != "espeak":
            return
        lib = engine_setup._library
        if lib is None:
            return
        deadline = time.monotonic() + _IDLE_TIMEOUT_S
        while lib.espeak_IsPlaying() and time.monotonic() < deadline:
            time.sleep(0.0005)

    def _current(self, name: str) -> int | None:
        """What espeak will really use for ``name`` now (pyttsx3's own getter is broken)."""
        if self._get_parameter is None:
            return None
        return int(self._get_parameter(_PARAMETERS[name], 1))

    def _apply(self, name: str, value: object) -> None:
        """Set ``name`` and make sure espeak took it before any clip is written.

        pyttsx3 ends each run by cancelling espeak's queue if it looks busy, which throws
        away a parameter change still queued: so the change is confirmed by reading the
        value espeak is using, and made again if it was lost.
        """
        if name == "voice":
            if _APPLIED.get(name) == value:
                return
            self._wait_idle()
            self._engine.setProperty(name, value)
            self._wait_idle()
            # espeak resets rate, volume and pitch when the voice changes.
            _APPLIED.clear()
            _APPLIED[name] = value
            return
        wanted = _expected(name, value)
        for _attempt in range(5):
            if self._get_parameter is not None and self._current(name) == wanted:
                return
            if self._get_parameter is None and _APPLIED.get(name) == value:
                return
            self._wait_idle()
            try:
                self._engine.setProperty(name, value)
            except (KeyError, ValueError, TypeError, ctypes.ArgumentError):
                return  # a driver without pitch (sapi5) keeps its default
            self._wait_idle()
            _APPLIED[name] = value

    def _known_voice(self, voice_id: str) -> bool:
        # pyttsx3 swallows a failed voice change (it only notifies "error"), so unknown ids
        # are caught here, against every id, short id ("en-us") and name the engine lists.
        if self._voice_names is None:
            names: set[str] = set()
            for voice in self._engine.getProperty("voices") or []:
                ident = str(voice.id).casefold()
                names.update({ident, ident.rsplit("/", 1)[-1], str(voice.name).casefold()})
            self._voice_names = names
        return voice_id.casefold() in self._voice_names

    def _synthesize_now(self, text: str, voice: Voice) -> Clip:
        voice = voice.clamped()
        if voice.voice_id is not None and not self._known_voice(voice.voice_id):
            raise ValueError(
                f"The voice {voice.voice_id!r} is not installed "
                "(`alsreader voices` lists those that are)."
            )
        wanted = voice.voice_id or self._default_voice
        if wanted:
            try:
                self._apply("voice", wanted)
            except (ValueError, ctypes.ArgumentError) as error:
                raise ValueError(f"The voice {wanted!r} is not installed.") from error
        self._apply("rate", voice.rate)
        self._apply("volume", voice.volume)
        self._apply("pitch", voice.pitch)
        path = self._dir / f"clip-{next(self._names):06d}{self.info.clip_suffix}"
        if not text.strip():
            return self._silence(path, 0.0, text)
        # A cache cleaner (or the caregiver) may have removed the folder while reading.
        self._dir.mkdir(parents=True, exist_ok=True)
        clip: Clip | None = None
        for _attempt in range(3):
            self._wait_idle()
            with engine_setup.recording_words() as marks:
                self._engine.save_to_file(text, str(path))
                self._engine.runAndWait()
                self._wait_idle()
            if path.exists():
                clip = self._describe(path, text, marks)
                # Rarely pyttsx3 cancels its own fresh synthesis (its end-of-run "stop" saw
                # espeak busy) and writes an empty file: that clip is made again.
                if clip.duration_s > 0:
                    return clip
        if clip is None:
            raise RuntimeError("the speech engine wrote no audio")
        return clip

    def _silence(self, path: Path, seconds: float, text: str) -> Clip:
        rate = self.info.sample_rate
        path = path.with_suffix(".wav")
        with wave.open(str(path), "wb") as writer:
            writer.setnchannels(1)
            writer.setsampwidth(2)
            writer.setframerate(rate)
            writer.writeframes(b"\0\0" * int(rate * seconds))
        return Clip(path, seconds, rate, text)

    def _describe(self, path: Path, text: str,
                  marks: list[tuple[int, int, int]] | None = None) -> Clip:
        if path.suffix.lower() == ".wav":
            with wave.open(str(path), "rb") as reader:
                rate = reader.getframerate()
                return Clip(
                    path,
                    reader.getnframes() / rate if rate else 0.0,
                    rate,
                    text,
                    reader.getnchannels(),
                    reader.getsampwidth(),
                    words_from_marks(marks or (), text, rate) if rate else (),
                )
        # AIFF from macOS: estimate from size (16-bit mono 22,050 Hz is nsss's usual output).
        size = path.stat().st_size
        return Clip(path, size / (2 * 22050), 22050, text)

    # --- public API (any thread) ---------------------------------------------------------

    def _submit(self, work: Callable[[], Any], urgent: bool) -> Future[Any]:
        future: Future[Any] = Future()
        if self._closed:
            future.set_exception(SpeechUnavailable("The speech engine has been closed."))
            return future

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(work())
            except Exception as error:
                future.set_exception(error)

        self._jobs.put(_Job(0 if urgent else 1, next(self._seq), run, future.cancel))
        return future

    def synthesize(self, text: str, voice: Voice, *, urgent: bool = False) -> Future[Clip]:
        """Write ``text`` spoken with ``voice`` to a clip; ``urgent`` jumps ahead of prefetches.

        Cancelling the future before it runs skips the work. The caller owns the clip and
        should :meth:`Clip.delete` it when it is no longer needed.
        """
        return self._submit(lambda: self._synthesize_now(text, voice), urgent)

    def voices(self, timeout_s: float = 10.0) -> list[VoiceInfo]:
        """Every installed voice."""

        def collect() -> list[VoiceInfo]:
            found = []
            for voice in self._engine.getProperty("voices") or []:
                languages = tuple(
                    lang.decode("utf-8", "replace") if isinstance(lang, bytes) else str(lang)
                    for lang in (getattr(voice, "languages", None) or [])
                )
                found.append(VoiceInfo(str(voice.id), str(voice.name), languages))
            return found

        result: list[VoiceInfo] = self._submit(collect, urgent=True).result(timeout_s)
        return result

    def close(self) -> None:
        """Stop the engine thread and delete this session's clips."""
        if self._closed:
            return
        self._closed = True
        self._jobs.put(_Job(-1, -1, lambda: None))
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)
        # Jobs never run still hold futures someone may wait on.
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            job.cancel()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> Synthesizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
