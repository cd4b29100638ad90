"""The sleep timer's logic on a fake clock, and the fade it asks for, on a real WAV file."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

from alsreader.access.clock import FakeClock
from alsreader.sleep_timer import LENGTHS, SleepTimer
from alsreader.speech.fade import fade_out_clip
from alsreader.speech.synthesizer import Clip


def test_time_is_counted_only_while_reading() -> None:
    clock = FakeClock()
    timer = SleepTimer(clock, "15")
    assert timer.seconds_left() == 900
    clock.advance(600)
    assert timer.seconds_left() == 900  # not reading yet
    timer.reading_started()
    clock.advance(300)
    assert timer.seconds_left() == 600
    timer.reading_stopped()
    clock.advance(3600)
    assert timer.seconds_left() == 600
    timer.reading_started()
    clock.advance(599)
    assert not timer.ran_out()
    assert timer.in_last_minute()
    clock.advance(1)
    assert timer.ran_out()
    assert not timer.ran_out()  # once
    assert timer.fading
    timer.finished()
    assert timer.seconds_left() == 900
    assert not timer.running


def test_a_press_in_the_last_minute_only() -> None:
    clock = FakeClock()
    timer = SleepTimer(clock, "30")
    timer.reading_started()
    clock.advance(30 * 60 - 61)
    assert not timer.in_last_minute()
    clock.advance(2)
    assert timer.in_last_minute()
    timer.wake()
    assert timer.seconds_left() == 30 * 60
    assert timer.woke_within(0.3)  # a doubled press of the one that woke it
    clock.advance(0.3)
    assert not timer.woke_within(0.3)
    timer.reading_stopped()
    clock.advance(30 * 60)
    assert not timer.in_last_minute()  # paused: a press is an ordinary press


def test_the_end_of_the_section_is_judged_by_the_time_left_in_it() -> None:
    timer = SleepTimer(FakeClock(), "section")
    timer.reading_started()
    assert timer.at_section_end
    assert timer.seconds_left() is None
    assert not timer.ran_out()  # the narrator stops at the section's end itself
    assert not timer.in_last_minute(120.0)
    assert timer.in_last_minute(45.0)


def test_the_control_steps_through_every_length_and_back_to_off() -> None:
    timer = SleepTimer(FakeClock(), "off")
    seen = []
    for _ in LENGTHS:
        timer.choose(timer.next_length())
        seen.append(timer.length)
    assert seen == ["15", "30", "45", "60", "section", "off"]
    assert SleepTimer(FakeClock(), "90").length == "off"  # not a length: off


def _clip(folder: Path, samples: list[int]) -> Clip:
    path = folder / "sentence.wav"
    with wave.open(str(path), "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(22050)
        writer.writeframes(array("h", samples).tobytes())
    return Clip(path, len(samples) / 22050, 22050, "a sentence")


def test_the_fade_falls_to_silence_and_replaces_the_clip(tmp_path: Path) -> None:
    clip = _clip(tmp_path, [10000, -10000] * 22050)
    faded = fade_out_clip(clip)
    assert not clip.path.exists()
    assert faded.path.exists()
    assert faded.duration_s == clip.duration_s
    samples = array("h")
    samples.frombytes(faded.frames())
    assert len(samples) == 44100
    assert abs(samples[0]) == 10000
    assert 2000 < abs(samples[22050]) < 3000  # half-way: a quarter of the loudness
    assert max(abs(value) for value in samples[-512:]) < 10
    faded.delete()


def test_a_clip_that_is_not_wav_plays_unfaded(tmp_path: Path) -> None:
    path = tmp_path / "sentence.aiff"
    path.write_bytes(b"FORM")
    clip = Clip(path, 1.0, 22050)
    assert fade_out_clip(clip) is clip
    assert path.exists()
