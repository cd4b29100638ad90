"""``alsreader outline`` and ``alsreader library`` as a caregiver runs them: a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alsreader.locations import bundled_content_dir

CONTENT = bundled_content_dir()
SEED = Path(__file__).resolve().parents[1] / "data" / "als-source.txt"


def alsreader(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed command in a fresh interpreter (the test's ALSREADER_HOME applies)."""
    return subprocess.run(
        [sys.executable, "-m", "alsreader", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )


def test_outline_prints_the_section_tree_with_counts() -> None:
    """Sections are numbered from 1 (as `export --section` counts) and indented by level,
    each with its sentence count, then the totals."""
    result = alsreader("outline", str(CONTENT / "als-overview.md"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ALS: an overview  [markdown, utf-8]"
    assert lines[1].startswith("1  ALS: an overview  (")
    assert lines[2].startswith("2    What ALS is  (")
    assert lines[2].endswith(" sentences)")
    assert [line.split("  (")[0] for line in lines[2:8]] == [
        "2    What ALS is",
        "3    The possible role of the immune system",
        "4    Symptoms and progression",
        "5    Treatment and care",
        "6    Research",
        "7    Summary",
    ]
    counts = [int(line.rsplit("(", 1)[1].split()[0]) for line in lines[1:8]]
    assert lines[-1].startswith(f"Total: 7 sections, {sum(counts)} sentences, ")
    assert result.stderr == ""


def test_outline_of_the_seed_text() -> None:
    """The plain-text seed: one titled section, 21 sentences."""
    result = alsreader("outline", str(SEED))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "What is als autoimmune disease  [text, utf-8]",
        "1  What is als autoimmune disease  (21 sentences)",
        "Total: 1 section, 21 sentences, 427 spoken words",
    ]


def test_outline_shows_notices_and_unspoken_code(tmp_path: Path) -> None:
    """A legacy encoding is reported; code blocks are counted as not spoken."""
    path = tmp_path / "café.md"
    path.write_bytes("# Café\n\nNaïve text.\n\n```\ncode\n```\n".encode("cp1252"))
    result = alsreader("outline", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Café  [markdown, cp1252]"
    assert lines[1].startswith("Note: café.md is not in the usual UTF-8 encoding.")
    assert lines[2] == "1  Café  (3 sentences, 1 not spoken)"


def test_unreadable_files_give_one_line_and_status_2(tmp_path: Path) -> None:
    """Missing, folder and binary: one plain line each on stderr, no traceback, status 2."""
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    for target in (tmp_path / "missing.md", tmp_path, binary):
        result = alsreader("outline", str(target))
        assert result.returncode == 2
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(f"alsreader outline: cannot read {target}: ")
        assert "Traceback" not in result.stderr


def test_library_lists_bundled_and_extra_folders(tmp_path: Path) -> None:
    """Bundled content first, then the given folder; a missing folder is status 2."""
    (tmp_path / "letter.txt").write_text("A letter from Sam\n\nHello.\n", encoding="utf-8")
    result = alsreader("library", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Welcome to alsreader")
    assert lines[1].startswith("ALS: an overview")
    assert lines[2].split()[:5] == ["A", "letter", "from", "Sam", "text"]
    assert lines[2].endswith(str(tmp_path / "letter.txt"))

    missing = alsreader("library", "--no-bundled", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "is not a folder" in missing.stderr
    assert "No readable documents found" in missing.stdout
