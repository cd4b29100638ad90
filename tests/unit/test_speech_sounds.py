"""Tones and louder copies: the alarm is near full scale, a louder copy raises a quiet clip to
near full scale and leaves the original alone."""

from __future__ import annotations

import array
import wave
from pathlib import Path

from alsreader.speech.sounds import (
    ALARM_LOUDNESS,
    FULL_SCALE,
    LOUD_PEAK,
    alarm_clip,
    louder_copy,
    write_tones,
)
from alsreader.speech.synthesizer import Clip


def _peak(path: Path) -> int:
    with wave.open(str(path), "rb") as reader:
        samples = array.array("h", reader.readframes(reader.getnframes()))
    return max(abs(value) for value in samples)


def test_the_alarm_is_loud_and_about_two_seconds(tmp_path: Path) -> None:
    clip = alarm_clip(tmp_path / "sounds")
    assert 1.0 < clip.duration_s < 3.0
    assert _peak(clip.path) > 0.95 * ALARM_LOUDNESS * FULL_SCALE


def test_a_louder_copy_reaches_near_full_scale(tmp_path: Path) -> None:
    quiet = tmp_path / "quiet.wav"
    seconds = write_tones(quiet, ((440, 0.3),), loudness=0.2)
    clip = Clip(quiet, seconds, 22050, "quiet")
    louder = louder_copy(clip)
    assert louder.path != clip.path
    assert _peak(louder.path) >= 0.99 * LOUD_PEAK * FULL_SCALE
    assert _peak(quiet) < 0.21 * FULL_SCALE  # the original is untouched
    assert louder.duration_s == clip.duration_s
    assert louder_copy(louder) is louder  # loud already: nothing to raise


def test_a_silent_or_other_clip_is_left_as_it_is(tmp_path: Path) -> None:
    silent = tmp_path / "silent.wav"
    write_tones(silent, ((0, 0.2),))
    clip = Clip(silent, 0.2, 22050)
    assert louder_copy(clip) is clip
    aiff = Clip(tmp_path / "clip.aiff", 1.0, 22050)
    assert louder_copy(aiff) is aiff
