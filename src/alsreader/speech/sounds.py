"""Sounds that are not speech: tones (the scan click, the Talk screen's alarm) and a louder
copy of a spoken clip ("say it louder").

Tones are written as 16-bit mono WAV with a soft start and end on every note, so a player
never clicks; their loudness is a fraction of full scale. No Textual here.
"""

from __future__ import annotations

import array
import math
import sys
import wave
from collections.abc import Sequence
from pathlib import Path

from alsreader.speech.synthesizer import Clip

FULL_SCALE = 32767
"""The largest 16-bit sample."""
LOUD_PEAK = 0.97
"""How near full scale a louder copy's loudest sample is raised (a little headroom)."""

ALARM_NOTES: tuple[tuple[int, float], ...] = (
    (988, 0.22), (0, 0.06), (740, 0.22), (0, 0.06),
    (988, 0.22), (0, 0.06), (740, 0.22), (0, 0.06),
    (988, 0.22), (0, 0.06), (740, 0.34),
)
"""The alarm: a high-low call three times (hertz, seconds; 0 Hz is a rest), unlike any
voice and unlike the scan click."""
ALARM_LOUDNESS = 0.9
"""The alarm's loudness, as a fraction of full scale: louder than any speech clip."""


def write_tones(path: Path, notes: Sequence[tuple[int, float]], *, loudness: float = 0.5,
                rate: int = 22050) -> float:
    """Write ``notes`` (hertz, seconds; 0 Hz is silence) as sine tones to ``path`` (WAV) at
    ``loudness`` of full scale; return the length in seconds."""
    samples = array.array("h")
    for hz, seconds in notes:
        frames = max(1, int(seconds * rate))
        if hz <= 0:
            samples.extend([0] * frames)
            continue
        ramp = max(1, min(frames // 6, rate // 100))
        for n in range(frames):
            envelope = min(1.0, n / ramp, (frames - 1 - n) / ramp)
            samples.append(int(loudness * FULL_SCALE * envelope
                               * math.sin(2 * math.pi * hz * n / rate)))
    if sys.byteorder == "big":
        samples.byteswap()  # WAV is little-endian
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return len(samples) / rate


def alarm_clip(folder: Path) -> Clip:
    """The alarm tone, written into ``folder`` (made if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "alarm.wav"
    return Clip(path, write_tones(path, ALARM_NOTES, loudness=ALARM_LOUDNESS), 22050,
                text="alarm")


def louder_copy(clip: Clip) -> Clip:
    """A copy of a 16-bit WAV clip raised so its loudest sample is near full scale (the
    clip itself when it is not such a WAV, is silent, or is as loud already)."""
    if clip.path.suffix.lower() != ".wav" or clip.sample_width != 2:
        return clip
    with wave.open(str(clip.path), "rb") as reader:
        params = reader.getparams()
        samples = array.array("h", reader.readframes(reader.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    peak = max((abs(value) for value in samples), default=0)
    if peak == 0 or peak >= 0.99 * LOUD_PEAK * FULL_SCALE:  # loud already (or silent)
        return clip
    gain = LOUD_PEAK * FULL_SCALE / peak
    raised = array.array("h", (max(-FULL_SCALE, min(FULL_SCALE, int(value * gain)))
                               for value in samples))
    if sys.byteorder == "big":
        raised.byteswap()
    path = clip.path.with_name(f"{clip.path.stem}-louder.wav")
    with wave.open(str(path), "wb") as writer:
        writer.setparams(params)
        writer.writeframes(raised.tobytes())
    return Clip(path, clip.duration_s, clip.sample_rate, clip.text, clip.channels,
                clip.sample_width)
