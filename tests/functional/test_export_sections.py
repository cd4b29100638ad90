"""``alsreader export --per-section``: one numbered WAV file per section, run as a caregiver
would run it (real espeak-ng synthesis, real files)."""

from __future__ import annotations

import wave
from pathlib import Path

from alsreader.commands.speech import file_title, section_file_names

from .cli_support import alsreader

STORY = (
    "# One: the start\n\nFirst part here. It has two sentences.\n\n"
    "# Two/../../etc\n\nSecond part, one sentence.\n\n"
    "# \x1b[31mThree\n\nThe third part.\n"
)


def _seconds(path: Path) -> float:
    with wave.open(str(path)) as reader:
        assert reader.getframerate() == 22050
        return reader.getnframes() / reader.getframerate()


def test_export_per_section_writes_numbered_files_and_a_playlist(tmp_path: Path) -> None:
    document = tmp_path / "story.md"
    document.write_text(STORY, encoding="utf-8")
    folder = tmp_path / "out"
    result = alsreader("export", str(document), "-o", str(folder), "--per-section",
                       "--rate", "300")
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in folder.iterdir())
    assert names == ["01-One-the-start.wav", "02-Two-etc.wav", "03-Three.wav", "playlist.m3u"]
    lengths = [_seconds(folder / name) for name in names[:3]]
    assert all(seconds > 0.5 for seconds in lengths)
    assert lengths[0] > lengths[2]  # three sentences (the heading too) against two
    playlist = (folder / "playlist.m3u").read_text(encoding="utf-8").splitlines()
    assert playlist[0] == "#EXTM3U"
    assert playlist[1].endswith(",One: the start")
    assert playlist[2::2] == names[:3]
    assert "\x1b" not in (folder / "playlist.m3u").read_text(encoding="utf-8")
    assert "Wrote 3 files" in result.stdout
    # Not a terminal: plain progress lines, each whole, no carriage return.
    assert "\r" not in result.stderr
    progress = [line for line in result.stderr.splitlines() if line.startswith("export: ")]
    assert progress[-1] == "export: 100% (7/7 sentences)"
    assert len(progress) >= 2
    assert not [path for path in tmp_path.rglob("*") if path.name.endswith(".tmp")]
    # The whole document in one file is as long as the sections and the pauses between.
    whole = tmp_path / "whole.wav"
    assert alsreader("export", str(document), "-o", str(whole), "--rate", "300").returncode == 0
    assert abs(_seconds(whole) - (sum(lengths) + 2 * 0.9)) < 0.05


def test_export_per_section_of_one_section_and_into_a_file_is_refused(tmp_path: Path) -> None:
    document = tmp_path / "story.md"
    document.write_text(STORY, encoding="utf-8")
    folder = tmp_path / "third"
    result = alsreader("export", str(document), "-o", str(folder), "--per-section",
                       "--section", "3", "--rate", "300")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in folder.iterdir()) == ["03-Three.wav", "playlist.m3u"]
    assert result.stdout.startswith(f"Wrote 1 file to {folder} (")
    taken = tmp_path / "taken.wav"
    taken.write_bytes(b"keep me")
    result = alsreader("export", str(document), "-o", str(taken), "--per-section")
    assert result.returncode == 2
    assert "with --per-section, -o names a folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert taken.read_bytes() == b"keep me"


def test_section_file_names_are_safe_and_sort_in_reading_order() -> None:
    assert file_title("Chapter 1: The Beginning") == "Chapter-1-The-Beginning"
    assert file_title("../../etc/passwd") == "etc-passwd"
    assert file_title("Été à Montréal") == "Été-à-Montréal"
    assert file_title("***") == ""
    assert file_title("x" * 200) == "x" * 60
    names = section_file_names([1, 2, 120], ["Start", "", "CON"], 120)
    assert names == ["001-Start.wav", "002.wav", "120-CON.wav"]
    assert sorted(names) == names
