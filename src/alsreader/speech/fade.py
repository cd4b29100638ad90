"""The sleep timer's fade: a clip whose loudness falls to silence over its length.

The players play whole clips (external programs fed a file or its samples), so the loudness
cannot be turned down while one sounds; the last sentence is faded in its samples instead,
once it has been synthesized and before it is played.
"""

from __future__ import annotations

import logging
import sys
import wave
from array import array

from alsreader.speech.synthesizer import Clip

log = logging.getLogger(__name__)

BLOCK = 256
"""Samples that share one gain (12 ms at espeak's 22,050 Hz: steps far too small to hear,
and four times quicker than a gain per sample on the narrator's thread)."""


def fade_gain(fraction: float) -> float:
    """The loudness at ``fraction`` (0.0 to 1.0) of the way through a fading clip.

    Squared, so the voice falls away gently at first and is near silence well before the
    end (a straight line of amplitude still sounds loud half-way through).
    """
    left = min(max(1.0 - fraction, 0.0), 1.0)
    return left * left


def fade_out_clip(clip: Clip) -> Clip:
    """A copy of ``clip`` fading to silence; the original is deleted.

    Only 16-bit WAV clips can be faded (espeak-ng's); any other clip, or one that cannot
    be read or written, is returned unchanged (the reading still stops after it).
    """
    if clip.sample_width != 2 or clip.path.suffix.lower() != ".wav":
        return clip
    faded_path = clip.path.with_name(f"{clip.path.stem}-faded.wav")
    try:
        samples = array("h")
        samples.frombytes(clip.frames())
        if sys.byteorder == "big":
            samples.byteswap()  # WAV samples are little-endian
        count = len(samples)
        faded: list[int] = []
        for start in range(0, count, BLOCK):
            gain = fade_gain(start / count)
            faded.extend([int(value * gain) for value in samples[start : start + BLOCK]])
        samples = array("h", faded)
        if sys.byteorder == "big":
            samples.byteswap()
        with wave.open(str(faded_path), "wb") as writer:
            writer.setnchannels(clip.channels)
            writer.setsampwidth(2)
            writer.setframerate(clip.sample_rate)
            writer.writeframes(samples.tobytes())
    except (OSError, wave.Error, EOFError) as error:
        log.warning("could not fade %s: %s", clip.path.name, error)
        return clip
    clip.delete()
    return Clip(faded_path, clip.duration_s, clip.sample_rate, clip.text, clip.channels, 2,
                clip.words)
