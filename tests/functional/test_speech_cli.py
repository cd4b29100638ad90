"""``alsreader voices``, ``say`` and ``export`` run as a user would run them."""

from __future__ import annotations

import sys
import wave
from pathlib import Path

import pytest

from alsreader.speech.nullsink import MonitorRecorder, NullSinkServer

from .cli_support import alsreader

pytestmark = pytest.mark.audio


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


def test_export_reads_a_book_in_the_voice_of_its_language(tmp_path: Path) -> None:
    """A French book (its metadata says "fr") is exported in the French voice when no
    voice was fixed, as the reader reads it; ``--voice`` still decides when given."""
    from tests.book_files import Chapter, make_epub

    book = make_epub(tmp_path / "voyage.epub", [Chapter(
        "ch1.xhtml", "<h1>Le départ</h1><p>Il était une fois un homme qui partit de "
        "bonne heure, avant le lever du soleil.</p>")], language="fr")
    chosen, french, english = _exports(book, tmp_path, {
        "chosen": (), "fr": ("--voice", "roa/fr"), "en": ("--voice", "gmw/en-us")})
    assert chosen.read_bytes() == french.read_bytes()
    assert chosen.read_bytes() != english.read_bytes()


def test_export_passes_over_a_cover_and_a_copyright_page(tmp_path: Path) -> None:
    """A whole-book export says what continuous reading says: not the cover's picture
    text nor the copyright page (each is still exported when asked for by --section)."""
    from tests.book_files import covered_book

    book = covered_book(tmp_path / "covered.epub")
    whole, story, rights = _exports(book, tmp_path, {
        "whole": (), "story": ("--section", "3"), "rights": ("--section", "2")})
    assert whole.read_bytes() == story.read_bytes()
    assert _seconds_and_peak(rights)[0] > 1.0


def _exports(book: Path, folder: Path, runs: dict[str, tuple[str, ...]]) -> list[Path]:
    """``book`` exported once for each of ``runs`` (a WAV file name and its options), at
    a quick rate; the WAV files, in that order."""
    outputs = []
    for name, options in runs.items():
        output = folder / f"{name}.wav"
        result = alsreader("export", str(book), "-o", str(output), "--rate", "300", *options)
        assert result.returncode == 0, result.stderr
        outputs.append(output)
    return outputs


def _seconds_and_peak(path: Path) -> tuple[float, int]:
    import array

    with wave.open(str(path)) as recording:
        frames = recording.readframes(recording.getnframes())
        seconds = recording.getnframes() / recording.getframerate()
    samples = array.array("h", frames)
    return seconds, max(abs(sample) for sample in samples)


def test_export_speaks_with_the_settings_file_unless_an_option_overrides(
    tmp_path: Path, isolated_home: Path
) -> None:
    """Rate, volume and pauses come from the settings file (as in the reader); --rate and
    --config change them. Checked on the real synthesizer's WAV."""
    document = tmp_path / "story.md"
    document.write_text("# Story\n\nThe garden was quiet in the early morning light. "
                        "A blackbird sang on the wall.\n", encoding="utf-8")
    settings = isolated_home / "config" / "config.yaml"
    settings.parent.mkdir(parents=True)
    settings.write_text("voice:\n  rate: 120\n  volume: 1.0\n", encoding="utf-8")
    slow, fast, quiet = (tmp_path / f"{name}.wav" for name in ("slow", "fast", "quiet"))
    assert alsreader("export", str(document), "-o", str(slow)).returncode == 0
    assert alsreader("export", str(document), "-o", str(fast), "--rate", "360").returncode == 0
    other = tmp_path / "quiet.yaml"
    other.write_text("voice:\n  rate: 120\n  volume: 0.2\n", encoding="utf-8")
    result = alsreader("export", str(document), "-o", str(quiet), "--config", str(other))
    assert result.returncode == 0, result.stderr
    slow_s, slow_peak = _seconds_and_peak(slow)
    fast_s, _ = _seconds_and_peak(fast)
    quiet_s, quiet_peak = _seconds_and_peak(quiet)
    assert slow_s > 2 * fast_s  # 120 against 360 words per minute
    assert abs(quiet_s - slow_s) < 0.2 * slow_s  # same rate from the other file
    assert quiet_peak < 0.5 * slow_peak  # its volume 0.2, not this file's 1.0


def test_a_broken_settings_file_is_one_warning_and_the_defaults(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("voice:\n  rate: 9000\n", encoding="utf-8")
    document = tmp_path / "one.txt"
    document.write_text("One sentence.\n", encoding="utf-8")
    result = alsreader("export", str(document), "-o", str(tmp_path / "one.wav"),
                       "--config", str(broken))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "alsreader export: the settings file has 1 problem; the default is used for each "
        f"(see `alsreader config check {broken}`)")


def test_say_speaks_at_the_settings_file_rate(
    null_sink: NullSinkServer, recorder: MonitorRecorder, isolated_home: Path
) -> None:
    """With `rate: 90` in the settings file `say` is heard far longer than at 400."""
    import time

    settings = isolated_home / "config" / "config.yaml"
    settings.parent.mkdir(parents=True)
    words = ["The", "blackbird", "sang", "on", "the", "garden", "wall."]
    heard = {}
    for rate in (90, 400):
        settings.write_text(f"voice:\n  rate: {rate}\n", encoding="utf-8")
        began = time.perf_counter()
        result = alsreader("say", *words)
        ended = time.perf_counter()
        assert result.returncode == 0, result.stderr
        recorder.wait_until(ended)
        spans = recorder.sound_spans(began, ended, min_gap_s=0.3)
        assert spans
        heard[rate] = spans[-1].end - spans[0].start
    assert heard[90] > 2 * heard[400]
