"""``alsreader config init|check|path`` run as the real command in a subprocess."""

from __future__ import annotations

from pathlib import Path

from alsreader.config import default_config_text

from .cli_support import alsreader


def test_path_follows_home_and_alsreader_config(isolated_home: Path, tmp_path: Path) -> None:
    result = alsreader("config", "path")
    assert result.returncode == 0
    assert result.stdout == f"{isolated_home / 'config' / 'config.yaml'}\n"
    other = tmp_path / "mine.yaml"
    result = alsreader("config", "path", env={"ALSREADER_CONFIG": str(other)})
    assert result.stdout == f"{other}\n"
    assert alsreader("config", "--config", str(other), "path").stdout == f"{other}\n"


def test_init_writes_defaults_refuses_to_overwrite_and_force_keeps_a_backup(
    isolated_home: Path,
) -> None:
    path = isolated_home / "config" / "config.yaml"
    result = alsreader("config", "init")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"Wrote {path}\n", "")
    assert path.read_text(encoding="utf-8") == default_config_text()

    path.write_text("voice:\n  rate: 120  # mine\n", encoding="utf-8")
    result = alsreader("config", "init")
    assert result.returncode == 1
    assert result.stderr == (f"alsreader config: {path} already exists; use --force to "
                             "replace it (the old one is kept as a .bak file).\n")
    assert path.read_text(encoding="utf-8") == "voice:\n  rate: 120  # mine\n"

    result = alsreader("config", "init", "--force")
    assert result.returncode == 0
    assert result.stdout == f"Wrote {path}\nThe previous file is kept as {path}.bak\n"
    assert Path(f"{path}.bak").read_text(encoding="utf-8") == "voice:\n  rate: 120  # mine\n"


def test_check_clean_missing_and_broken(isolated_home: Path, tmp_path: Path) -> None:
    path = isolated_home / "config" / "config.yaml"
    result = alsreader("config", "check")
    assert (result.returncode, result.stdout) == (
        0, f"{path} does not exist; alsreader uses the defaults. "
           "Create one with: alsreader config init\n")

    assert alsreader("config", "init").returncode == 0
    result = alsreader("config", "check")
    assert (result.returncode, result.stdout) == (0, f"{path}: no problems found.\n")

    bad = tmp_path / "bad.yaml"
    bad.write_text("voice:\n  rate: 900\n  volume: !!python/object/apply:os.system [ls]\n"
                   "display:\n  theem: dark\n", encoding="utf-8")
    result = alsreader("config", "check", str(bad))
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout == (
        f"{bad}: 3 problems (alsreader still starts, using the default for each of these):\n"
        "  bad.yaml:2:9: voice.rate: 900 is out of range; allowed 80 to 450 words per minute\n"
        "  bad.yaml:3:11: voice.volume: the YAML tag !!python/object/apply:os.system is "
        "refused; settings hold only plain values (numbers, words, true/false, lists)\n"
        "  bad.yaml:5:3: display.theem: unknown setting; did you mean 'theme'? "
        "(display settings: theme)\n"
    )


def test_check_reports_deep_nesting_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "deep.yaml"
    bad.write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    result = alsreader("config", "check", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.endswith(
        "  deep.yaml: the file is nested far too deeply to be a settings file; "
        "nothing in it was used\n"
    )


def test_check_names_the_nearest_installed_voices(tmp_path: Path) -> None:
    path = tmp_path / "voice.yaml"
    path.write_text("voice:\n  voice: englsh\n", encoding="utf-8")
    result = alsreader("config", "check", str(path))
    assert result.returncode == 1
    assert "voice.voice: 'englsh' is not an installed voice; nearest installed: " in result.stdout
    assert "English" in result.stdout


def test_check_lists_an_old_name_as_a_note_not_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text("reading:\n  highlight: none\n", encoding="utf-8")
    result = alsreader("config", "check", str(path))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"{path}: no problems found.\n"
        "Notes (these values are understood and used):\n"
        "  old.yaml:2:14: reading.highlight: 'none' is now called 'off'; off is used "
        "(write off to stop this note)\n"
    )
