"""Optional sound cues for switch users: the scanned item's short name, and a click per press.

Both are off by default (``access.spoken_cues``, ``access.click_sound``). Spoken cues use the
narrator's synthesizer (there can only be one espeak engine in a process) with a voice of
their own, passed per clip, so the reading voice's rate and pitch are never touched. They
play on a player of their own, so a cue can never cut off or be mistaken for the book, and
they are only spoken while the book is not being read. When speech cannot be used, cues are
skipped silently; when no player can be made, the click falls back to the terminal bell.
"""

from __future__ import annotations

import math
import struct
import tempfile
import threading
import wave
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alsreader.speech.player import Player
    from alsreader.speech.synthesizer import Clip, Synthesizer, Voice

CLICK_HZ = 1200
"""Pitch of the click: high and short, unlike any voice."""
CLICK_SECONDS = 0.03
CUE_MIN_RATE = 190
"""Cues are read at least this fast (words per minute): they are one or two words."""


def write_click(path: Path, *, hz: int = CLICK_HZ, seconds: float = CLICK_SECONDS,
                rate: int = 22050) -> float:
    """Write a short sine tone with a soft start and end to ``path`` (WAV); return its length."""
    frames = max(1, int(seconds * rate))
    ramp = max(1, frames // 6)
    samples = bytearray()
    for n in range(frames):
        envelope = min(1.0, n / ramp, (frames - 1 - n) / ramp)
        value = int(0.5 * 32767 * envelope * math.sin(2 * math.pi * hz * n / rate))
        samples += struct.pack("<h", value)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(samples))
    return frames / rate


class Cues:
    """Speaks scan targets' names and clicks on accepted presses, when the caregiver wants it."""

    def __init__(
        self,
        *,
        spoken: bool,
        click: bool,
        player_name: str,
        voice: Callable[[], Voice],
        synthesizer: Callable[[], Synthesizer | None],
        bell: Callable[[], None],
    ) -> None:
        """``voice`` and ``synthesizer`` are asked at each cue (the narrator appears later)."""
        self.spoken = spoken
        """Whether targets' names are spoken."""
        self.click_sound = click
        """Whether accepted presses click."""
        self._player_name = player_name
        self._voice = voice
        self._synthesizer = synthesizer
        self._bell = bell
        self._player: Player | None = None
        self._player_failed = False
        self._lock = threading.Lock()
        self._dir: Path | None = None
        self._click: Clip | None = None
        self._clips: dict[tuple[str, Any], Clip] = {}
        self._wanted: str | None = None
        self.heard: list[str] = []
        """What was sent to the player, in order ("click" or a target's name); for tests."""

    def _get_player(self) -> Player | None:
        with self._lock:
            if self._player is None and not self._player_failed:
                from alsreader.speech.engine import SpeechUnavailable
                from alsreader.speech.player import make_player

                try:
                    self._player = make_player(self._player_name)
                except SpeechUnavailable:
                    self._player_failed = True
            return self._player

    def _folder(self) -> Path:
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="alsreader-cues-"))
        return self._dir

    def click(self) -> None:
        """Click (a short tone), or ring the terminal bell when there is no player."""
        if not self.click_sound:
            return
        player = self._get_player()
        if player is None:
            self._bell()
            return
        if self._click is None:
            from alsreader.speech.synthesizer import Clip

            path = self._folder() / "click.wav"
            self._click = Clip(path, write_click(path), 22050, text="click")
        self.heard.append("click")
        player.play(self._click, lambda: None)

    def say(self, label: str) -> None:
        """Speak ``label`` (a target's short name); a newer cue replaces one not yet played."""
        if not self.spoken or not label:
            return
        synthesizer = self._synthesizer()
        if synthesizer is None:
            return
        voice = self._voice()
        from dataclasses import replace

        voice = replace(voice, rate=max(voice.rate, CUE_MIN_RATE))
        self._wanted = label
        cached = self._clips.get((label, voice))
        if cached is not None:
            self._play(label, cached)
            return
        future = synthesizer.synthesize(label, voice, urgent=True)

        def done(finished: Future[Clip]) -> None:
            if finished.cancelled() or finished.exception() is not None:
                return
            clip = finished.result()
            self._clips[(label, voice)] = clip
            self._play(label, clip)

        future.add_done_callback(done)

    def silence(self) -> None:
        """Stop any cue now (the book is about to be read) and drop one still being made."""
        self._wanted = None
        if self._player is not None:
            self._player.stop()

    def _play(self, label: str, clip: Clip) -> None:
        if self._wanted != label:
            return  # the highlight has moved on, or reading started
        player = self._get_player()
        if player is None:
            return
        self.heard.append(label)
        player.play(clip, lambda: None)

    def close(self) -> None:
        """Stop the player and delete the cue clips."""
        self._wanted = None
        if self._player is not None:
            self._player.close()
        for clip in self._clips.values():
            clip.delete()
        self._clips.clear()
        if self._dir is not None:
            import shutil

            shutil.rmtree(self._dir, ignore_errors=True)
