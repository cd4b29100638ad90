"""The synthesizer with the real pyttsx3 + espeak-ng: durations follow the rate, clips go away."""

from __future__ import annotations

import array
import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from alsreader.speech.engine import SpeechUnavailable
from alsreader.speech.synthesizer import Clip, Synthesizer, Voice

SENTENCE = "The quick brown fox jumps over the lazy dog beside the quiet river."


@pytest.fixture
def synth(clip_dir: Path) -> Iterator[Synthesizer]:
    with Synthesizer(clip_dir) as synthesizer:
        yield synthesizer


def _peak(clip: Clip) -> int:
    samples = array.array("h", clip.frames())
    return max(abs(v) for v in samples)


def test_clip_durations_scale_with_rate(synth: Synthesizer) -> None:
    slow, normal, fast = (
        synth.synthesize(SENTENCE, Voice(rate=rate)).result(10) for rate in (100, 200, 400)
    )
    assert slow.sample_rate == 22050
    with wave.open(str(slow.path)) as reader:
        assert (reader.getnchannels(), reader.getsampwidth()) == (1, 2)
    # Twice the rate, about half the time (pauses at the ends keep it from being exact).
    assert 1.6 < slow.duration_s / normal.duration_s < 2.4
    assert 1.5 < normal.duration_s / fast.duration_s < 2.4


def test_fifty_clips_in_a_row_each_follow_their_own_rate(synth: Synthesizer) -> None:
    """The pyttsx3 2.99 pitfall: a rate set right after a clip was lost in most files."""
    rates = [130 if i % 2 else 330 for i in range(50)]
    futures = [synth.synthesize(SENTENCE, Voice(rate=rate)) for rate in rates]
    clips = [future.result(30) for future in futures]
    reference = {rate: clip.duration_s for rate, clip in zip(rates[:2], clips[:2], strict=True)}
    assert reference[130] > 1.8 * reference[330]
    wrong = [
        (i, rate, round(clip.duration_s, 2))
        for i, (rate, clip) in enumerate(zip(rates, clips, strict=True))
        if abs(clip.duration_s - reference[rate]) > 0.1 * reference[rate]
    ]
    assert wrong == []


def test_volume_and_voice_are_applied(synth: Synthesizer) -> None:
    loud = synth.synthesize(SENTENCE, Voice(rate=300, volume=1.0)).result(10)
    quiet = synth.synthesize(SENTENCE, Voice(rate=300, volume=0.2)).result(10)
    assert _peak(quiet) < 0.5 * _peak(loud)
    ids = {voice.id for voice in synth.voices()}
    assert "gmw/en-us" in ids


def test_an_unknown_voice_is_a_clear_error(synth: Synthesizer) -> None:
    with pytest.raises(ValueError, match="not installed"):
        synth.synthesize("Hello.", Voice("no/such-voice")).result(10)
    # The engine still works afterwards.
    assert synth.synthesize("Hello.", Voice()).result(10).duration_s > 0.2


def test_empty_text_gives_an_empty_clip(synth: Synthesizer) -> None:
    clip = synth.synthesize("   ", Voice()).result(10)
    assert clip.duration_s == 0.0
    assert clip.path.exists()


def test_clips_are_deleted_when_done_and_on_close(clip_dir: Path) -> None:
    synth = Synthesizer(clip_dir)
    first = synth.synthesize("One.", Voice()).result(10)
    second = synth.synthesize("Two.", Voice()).result(10)
    first.delete()
    assert not first.path.exists()
    assert second.path.exists()
    session = synth.clip_dir
    synth.close()
    assert not session.exists()
    assert list(clip_dir.iterdir()) == []
    # After close, requests fail instead of hanging.
    with pytest.raises(Exception, match="closed"):
        synth.synthesize("Three.", Voice()).result(1)


def test_the_default_voice_comes_back_after_another(synth: Synthesizer) -> None:
    default = synth.synthesize(SENTENCE, Voice(rate=300)).result(10)
    french = synth.synthesize(SENTENCE, Voice("roa/fr", rate=300)).result(10)
    again = synth.synthesize(SENTENCE, Voice(rate=300)).result(10)
    # espeak's output is not byte-for-byte repeatable, but its length is.
    assert abs(french.duration_s - default.duration_s) > 0.05 * default.duration_s
    assert abs(again.duration_s - default.duration_s) < 0.01 * default.duration_s


def test_the_engine_named_is_the_one_used(clip_dir: Path) -> None:
    """``voice.engine``: "espeak" uses espeak-ng; an engine this machine lacks says so."""
    with Synthesizer(clip_dir, engine="espeak") as named:
        assert named.info.driver == "espeak"
        clip = named.synthesize(SENTENCE, Voice(rate=300)).result(10)
        assert clip.duration_s > 1.0
        assert _peak(clip) > 1000
    with Synthesizer(clip_dir, engine="auto") as automatic:
        assert automatic.info.driver == "espeak"  # the first choice where espeak-ng is
    other = "nsss" if sys.platform != "darwin" else "sapi5"
    with pytest.raises(SpeechUnavailable) as caught:
        Synthesizer(clip_dir, engine=other)
    assert f"The speech engine {other!r} is the voice of" in str(caught.value)
    assert "set voice.engine to auto" in str(caught.value)
    with pytest.raises(SpeechUnavailable, match="choose one of: auto, espeak, sapi5, nsss"):
        Synthesizer(clip_dir, engine="festival")
