"""Finding a speech engine: espeak-ng from pip, the system's espeak-ng, or the platform's voice.

Order of preference:

1. ``espeakng-loader`` (a pip package shipping libespeak-ng and its data for Linux x86_64,
   macOS and Windows). Its library is loaded with ctypes *before* pyttsx3's espeak module is
   imported, because that module looks the library up by fixed names at import time.
2. The system's libespeak-ng (Debian ``libespeak-ng1``; also the only choice on Linux aarch64).
3. pyttsx3's native drivers where they are the platform's voice: sapi5 (Windows), nsss (macOS).

That is what "auto" (the ``voice.engine`` setting's default) does; naming an engine
("espeak", "sapi5", "nsss") uses that one only, and says plainly when it is not here.

When nothing is found, :class:`SpeechUnavailable` carries one message saying what to install;
the rest of the app keeps working without sound.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import importlib
import logging
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from alsreader.config.declaration import ENGINES

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "No speech engine was found. Install espeak-ng: `pip install espeakng-loader` "
    "(Linux x86_64, macOS, Windows) or your system's package "
    "(Debian/Ubuntu: `apt install libespeak-ng1`; Fedora: `dnf install espeak-ng`; "
    "macOS: `brew install espeak-ng`)."
)


ENGINE_NAMES = tuple(choice.value for choice in ENGINES)
"""What ``voice.engine`` may name: "auto" (the order above) or one engine (a pyttsx3 driver)."""


class SpeechUnavailable(Exception):
    """No speech engine (or no player) can be used; the message says what to install."""


@dataclass(frozen=True)
class EngineInfo:
    """Which engine was found and where it came from (shown in ``alsreader voices``)."""

    driver: str
    """The pyttsx3 driver name: "espeak", "sapi5" or "nsss"."""
    source: str
    """Where the engine came from, in plain words (e.g. "espeak-ng from espeakng-loader")."""
    library: str = ""
    """The shared library loaded, when there is one."""
    sample_rate: int = 22050
    """Sample rate of the clips this engine writes."""
    clip_suffix: str = ".wav"
    """File type the engine writes with save_to_file (AIFF on macOS's nsss)."""
    word_timings: bool = False
    """Whether clips carry each word's time in the audio (espeak-ng reports it; pyttsx3's
    sapi5 and nsss drivers give no audio position, so there the sentence is marked)."""


_lock = threading.Lock()
_found: dict[str, EngineInfo] = {}
"""The engine found for each name asked for (finding one loads libraries: done once)."""
_library: Any = None  # keeps the loaded CDLL alive for the life of the process
_word_marks: list[tuple[int, int, int]] | None = None
"""While a clip is made inside :func:`recording_words`: espeak's word marks so far."""


def _espeak_names() -> tuple[str, ...]:
    return ("espeak-ng", "espeak")


def _import_espeak_with(lib: Any) -> None:
    """Import pyttsx3's espeak module so that it binds to ``lib`` whatever names it tries.

    pyttsx3 2.99 loads fixed paths (Homebrew, /usr/local, "libespeak-ng.so.1", Program
    Files) at import time; the bundled library is at none of them, so the loader is swapped
    for the duration of the import.
    """
    if "pyttsx3.drivers._espeak" in sys.modules:
        return
    loader = ctypes.cdll
    original = loader.LoadLibrary

    def load(name: str) -> Any:
        return lib

    loader.LoadLibrary = load  # type: ignore[method-assign]
    try:
        importlib.import_module("pyttsx3.drivers._espeak")
    finally:
        loader.LoadLibrary = original  # type: ignore[method-assign]


def _silence_driver_prints() -> None:
    """pyttsx3's espeak driver prints "Audio saved to ..." for every clip.

    That would write over a Textual screen, so its module-level ``print`` is shadowed.
    """
    module = importlib.import_module("pyttsx3.drivers.espeak")
    module.print = lambda *args, **kwargs: None  # type: ignore[attr-defined]


def _end_utterance_on_save_errors() -> None:
    """pyttsx3's espeak driver raises inside espeak's callback when it cannot write a clip
    (its folder was removed, the disk is full); that utterance then never ends and
    ``runAndWait`` never returns, so the synthesizer thread, and the reader's voice, would
    hang for good. The callback is wrapped so such an utterance ends without a file, which
    the synthesizer reports as an error for that one sentence.
    """
    module = importlib.import_module("pyttsx3.drivers.espeak")
    driver: Any = module.EspeakDriver
    if getattr(driver, "_alsreader_guarded", False):
        return
    original = driver._onSynth

    def on_synth(self: Any, wav: Any, numsamples: int, events: Any) -> int:
        try:
            result: int = original(self, wav, numsamples, events)
        except Exception:
            log.warning("the speech engine could not write a clip", exc_info=True)
            self._data_buffer = b""
            self._speaking = False
            try:
                self._proxy.notify("finished-utterance", completed=False)
            finally:
                self._proxy.setBusy(False)
                self.endLoop()
            return 0
        return result

    driver._onSynth = on_synth
    driver._alsreader_guarded = True


def _record_word_marks() -> None:
    """Keep espeak's word marks (text position, length, first sample) beside pyttsx3.

    pyttsx3 2.99 reads ``EVENT_WORD`` only to notify ``started-word`` while synthesizing,
    and never reads the event's audio position; so its callback is wrapped to keep, for
    the clip being made, each word's character position and the sample its audio starts
    at. They are read in the callback itself: the events live only for that call.
    """
    module = importlib.import_module("pyttsx3.drivers.espeak")
    espeak = importlib.import_module("pyttsx3.drivers._espeak")
    driver: Any = module.EspeakDriver
    if getattr(driver, "_alsreader_words", False):
        return
    original = driver._onSynth
    word, terminated = espeak.EVENT_WORD, espeak.EVENT_LIST_TERMINATED

    def on_synth(self: Any, wav: Any, numsamples: int, events: Any) -> int:
        marks = _word_marks
        if marks is not None and self._speaking and events:
            index = 0
            while events[index].type != terminated:
                event = events[index]
                if event.type == word:
                    marks.append((event.text_position, event.length, event.sample))
                index += 1
        result: int = original(self, wav, numsamples, events)
        return result

    driver._onSynth = on_synth
    driver._alsreader_words = True


@contextlib.contextmanager
def recording_words() -> Iterator[list[tuple[int, int, int]]]:
    """espeak's word marks for the clip made inside the block (call it holding the engine
    on its one thread; empty for engines without word marks)."""
    global _word_marks
    marks: list[tuple[int, int, int]] = []
    _word_marks = marks
    try:
        yield marks
    finally:
        _word_marks = None


def _prepare_espeak_driver() -> None:
    _silence_driver_prints()
    _end_utterance_on_save_errors()
    _record_word_marks()


def _try_bundled() -> EngineInfo | None:
    global _library
    try:
        import espeakng_loader
    except ImportError:
        return None
    try:
        path = espeakng_loader.get_library_path()
        data = espeakng_loader.get_data_path()
        if not os.path.exists(path):
            return None
        # Must be set before espeak_Initialize, which reads it once.
        os.environ["ESPEAK_DATA_PATH"] = data
        _library = ctypes.CDLL(path, mode=getattr(ctypes, "RTLD_GLOBAL", 0))
        _import_espeak_with(_library)
        _prepare_espeak_driver()
    except (OSError, RuntimeError):
        return None
    return EngineInfo("espeak", "espeak-ng from espeakng-loader", path, word_timings=True)


def _try_system() -> EngineInfo | None:
    global _library
    for name in _espeak_names():
        found = ctypes.util.find_library(name)
        if not found:
            continue
        try:
            _library = ctypes.CDLL(found, mode=getattr(ctypes, "RTLD_GLOBAL", 0))
            _import_espeak_with(_library)
            _prepare_espeak_driver()
        except (OSError, RuntimeError):
            continue
        return EngineInfo("espeak", f"system {name}", found, word_timings=True)
    return None


@dataclass(frozen=True)
class _Native:
    """A platform's own voice, as a pyttsx3 driver."""

    platform: str
    """``sys.platform`` where it exists."""
    where: str
    """The platform, in words."""
    suffix: str
    """File type of its clips."""


_NATIVE = {
    "sapi5": _Native("win32", "Windows", ".wav"),
    "nsss": _Native("darwin", "macOS", ".aiff"),
}


def _native_problem(driver: str) -> str | None:
    """Why the platform voice ``driver`` cannot be used here, or None when it can."""
    native = _NATIVE[driver]
    if sys.platform != native.platform:
        return (f"The speech engine {driver!r} is the voice of {native.where} and is not "
                f"available here; set voice.engine to auto (or espeak).")
    try:
        importlib.import_module(f"pyttsx3.drivers.{driver}")
    except Exception as error:  # the driver's own dependencies (comtypes, pyobjc) may be missing
        return (f"The speech engine {driver!r} could not be loaded ({error}); "
                "set voice.engine to auto (or espeak).")
    return None


def _try_native(driver: str | None = None) -> EngineInfo | None:
    """The platform's own voice (``driver``, default: this platform's), or None."""
    if driver is None:
        driver = next((name for name, native in _NATIVE.items()
                       if native.platform == sys.platform), None)
        if driver is None:
            return None
    if _native_problem(driver) is not None:
        return None
    return EngineInfo(driver, f"the system voice ({driver})", clip_suffix=_NATIVE[driver].suffix)


def _find(name: str) -> EngineInfo:
    if name == "espeak":
        info = _try_bundled() or _try_system()
        if info is None:
            raise SpeechUnavailable(INSTALL_HINT)
        return info
    if name in _NATIVE:
        problem = _native_problem(name)
        info = _try_native(name) if problem is None else None
        if info is None:
            raise SpeechUnavailable(problem or f"The speech engine {name!r} would not load.")
        return info
    for attempt in (_try_bundled, _try_system, _try_native):
        info = attempt()
        if info is not None:
            return info
    raise SpeechUnavailable(INSTALL_HINT)


def find_engine(name: str = "auto") -> EngineInfo:
    """Find and prepare the engine ``name`` (see :data:`ENGINE_NAMES`; "auto": the best one
    here), once per process; raise SpeechUnavailable, saying what to do, if it cannot be used.
    """
    name = (name or "auto").strip().lower()
    if name not in ENGINE_NAMES:
        raise SpeechUnavailable(
            f"Unknown speech engine {name!r}; choose one of: {', '.join(ENGINE_NAMES)}.")
    with _lock:
        if os.environ.get("ALSREADER_NO_SPEECH") == "1":
            # Lets tests and caregivers check how the app behaves on a machine without speech.
            # Checked before the cached engine, so it also works (and can be lifted again)
            # after speech was set up once in this process.
            raise SpeechUnavailable(INSTALL_HINT)
        if name not in _found:
            # An engine already set up for another name is the same engine (its library
            # is loaded once per process).
            same = [info for info in _found.values() if info.driver == name]
            _found[name] = same[0] if same else _find(name)
        return _found[name]


def create_engine(info: EngineInfo) -> Any:
    """Make the pyttsx3 engine for ``info``; call it on the thread that will own the engine."""
    try:
        import pyttsx3

        return pyttsx3.init(info.driver)
    except Exception as error:
        raise SpeechUnavailable(
            f"The speech engine would not start ({error}). {INSTALL_HINT}"
        ) from error
