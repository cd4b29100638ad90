"""``alsreader voices``, ``say`` and ``export`` run as a user would run them."""

from __future__ import annotations

import os
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from alsreader.speech.nullsink import MonitorRecorder, NullSinkServer

pytestmark = pytest.mark.audio


def alsreader(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "alsreader", *args],
        capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})},
        check=False,
    )


def test_voices_lists_id_name_and_language() -> None:
    result = alsreader("voices")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "espeak-ng" in lines[0]
    assert lines[1].split() == ["ID", "NAME", "LANGUAGE"]
    assert any(line.split()[0] == "gmw/en-us" and line.split()[-1] == "en-us" for line in lines[2:])


def test_voices_piped_into_a_reader_that_stops_early_is_not_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from alsreader import cli

    class ClosedPipe(io.StringIO):
        """Standard output after `| head -1` has stopped reading."""

        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli.main(["voices"]) == 0


def test_say_is_heard(null_sink: NullSinkServer, recorder: MonitorRecorder) -> None:
    import time

    began = time.perf_counter()
    result = alsreader("say", "Hello", "from", "the", "command", "line.", "--rate", "300")
    ended = time.perf_counter()
    assert result.returncode == 0, result.stderr
    recorder.wait_until(ended)
    spans = recorder.sound_spans(began, ended, min_gap_s=0.3)
    assert spans
    assert 0.5 < spans[-1].end - spans[0].start < 3.0


def test_say_without_an_engine_says_what_to_install() -> None:
    result = alsreader("say", "hello", env={"ALSREADER_NO_SPEECH": "1"})
    assert result.returncode == 1
    assert "espeakng-loader" in result.stderr
    assert "Traceback" not in result.stderr


def test_say_rejects_a_rate_out_of_range() -> None:
    result = alsreader("say", "hello", "--rate", "9000")
    assert result.returncode == 2
    assert "80 to 450" in result.stderr


def test_export_writes_one_wav_with_a_progress_bar(tmp_path: Path) -> None:
    document = tmp_path / "story.md"
    document.write_text(
        "# One\n\nFirst part here. It has two sentences.\n\n# Two\n\nSecond part, one sentence.\n",
        encoding="utf-8",
    )
    whole, part = tmp_path / "whole.wav", tmp_path / "part.wav"
    result = alsreader("export", str(document), "-o", str(whole), "--rate", "300")
    assert result.returncode == 0, result.stderr
    assert "100%" in result.stderr
    assert "Wrote" in result.stdout
    result = alsreader("export", str(document), "-o", str(part), "--section", "2")
    assert result.returncode == 0, result.stderr
    with wave.open(str(whole)) as a, wave.open(str(part)) as b:
        assert a.getframerate() == b.getframerate() == 22050
        whole_s = a.getnframes() / a.getframerate()
        assert whole_s > 2.0
        assert 0.5 < b.getnframes() / b.getframerate() < whole_s
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_export_of_a_missing_section_is_a_clear_message(tmp_path: Path) -> None:
    document = tmp_path / "story.txt"
    document.write_text("Just one sentence.\n", encoding="utf-8")
    result = alsreader("export", str(document), "-o", str(tmp_path / "x.wav"), "--section", "5")
    assert result.returncode == 2
    assert "there is no section 5" in result.stderr
    assert not (tmp_path / "x.wav").exists()
    missing = alsreader("export", str(tmp_path / "nope.md"), "-o", str(tmp_path / "y.wav"))
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
