"""Optional sound cues for switch users: the scanned item's short name, and a click per press.

Both are off by default (``access.spoken_cues``, ``access.click_sound``). Cues are short
utterances of the :class:`~alsreader.speech.service.SpeechService`: they use its one
synthesizer with a voice of their own (the reading voice, at least :data:`CUE_MIN_RATE`
words per minute), so the reading voice is never touched, and they play on the service's
utterance player, so a cue can never cut off or be mistaken for the book. The controller
only asks for them while the book is not being read, and the service silences them the
moment it is. When speech cannot be used, cues are skipped silently; when no player can be
made, the click falls back to the terminal bell.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from alsreader.speech.sounds import write_tones

if TYPE_CHECKING:
    from alsreader.speech.service import SpeechService
    from alsreader.speech.synthesizer import Clip

CLICK_HZ = 1200
"""Pitch of the click: high and short, unlike any voice."""
CLICK_SECONDS = 0.03
CUE_MIN_RATE = 190
"""Cues are read at least this fast (words per minute): they are one or two words."""


def write_click(path: Path, *, hz: int = CLICK_HZ, seconds: float = CLICK_SECONDS,
                rate: int = 22050) -> float:
    """Write a short sine tone with a soft start and end to ``path`` (WAV); return its length."""
    return write_tones(path, ((hz, seconds),), loudness=0.5, rate=rate)


class Cues:
    """Speaks scan targets' names and clicks on accepted presses, when the caregiver wants it."""

    def __init__(
        self,
        speech: SpeechService,
        *,
        spoken: bool,
        click: bool,
        bell: Callable[[], None],
    ) -> None:
        self.spoken = spoken
        """Whether targets' names are spoken."""
        self.click_sound = click
        """Whether accepted presses click."""
        self._speech = speech
        self._bell = bell
        self._dir: Path | None = None
        self._click: Clip | None = None
        self.heard: list[str] = []
        """What was played to the end, in order ("click" or a target's name); for tests."""

    def click(self) -> None:
        """Click (a short tone), or ring the terminal bell when there is no player."""
        if not self.click_sound:
            return
        if self._click is None:
            from alsreader.speech.synthesizer import Clip

            if self._dir is None:
                self._dir = Path(tempfile.mkdtemp(prefix="alsreader-cues-"))
            path = self._dir / "click.wav"
            self._click = Clip(path, write_click(path), 22050, text="click")
        if self._speech.play_sound(self._click):
            self.heard.append("click")
        else:
            self._bell()

    def say(self, label: str) -> None:
        """Speak ``label`` (a target's short name); a newer cue cuts off one not yet heard."""
        if not self.spoken or not label:
            return
        voice = self._speech.reading_voice()
        voice = replace(voice, rate=max(voice.rate, CUE_MIN_RATE))

        def heard(done: Future[None]) -> None:
            if not done.cancelled() and done.exception() is None:
                self.heard.append(label)

        self._speech.say(label, voice, keep=True).add_done_callback(heard)

    def silence(self) -> None:
        """Stop any cue now (the book is about to be read)."""
        self._speech.silence()

    def close(self) -> None:
        """Delete the click's sound (the service deletes the spoken cues' clips)."""
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

