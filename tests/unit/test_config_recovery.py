"""A settings file with a YAML syntax error never loses more than the broken part.

The files are the one ``config init`` writes, set up for a one-switch user, then broken the
ways a hand edit breaks them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from alsreader.config import (
    SettingsSaveError,
    backup_path,
    default_config_text,
    load_settings,
    save_settings_values,
    write_default_config,
)


def one_switch_file(tmp_path: Path) -> tuple[Path, str]:
    """A caregiver's file: one-switch mode, slow scanning, dark screen, a slower voice."""
    path = tmp_path / "config.yaml"
    write_default_config(path)
    save_settings_values(path, {"access.mode": "one-switch", "access.scan_interval": 2.5,
                                "display.theme": "dark", "voice.rate": 150,
                                "voice.pitch": 40})
    backup_path(path).unlink()  # a first set-up: there is no earlier file
    return path, path.read_text(encoding="utf-8")


def broken(text: str, line: str, replacement: str) -> str:
    assert text.count(line) == 1, line
    return text.replace(line, replacement)


BREAKAGES = {
    "unclosed bracket": ("  volume: 0.9\n", "  volume: [0.9\n"),
    "indented too far": ("  volume: 0.9\n", "    volume: 0.9\n"),
    "indented too little": ("  volume: 0.9\n", " volume: 0.9\n"),
    "a tab": ("  volume: 0.9\n", "\tvolume: 0.9\n"),
    "unclosed quote": ("the default.\n  voice: null\n", 'the default.\n  voice: "gmw/en\n'),
    "a missing colon": ("  volume: 0.9\n", "  volume 0.9\n"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_syntax_error_in_the_voice_block_keeps_the_access_mode(
    tmp_path: Path, breakage: str
) -> None:
    path, text = one_switch_file(tmp_path)
    old, new = BREAKAGES[breakage]
    path.write_text(broken(text, old, new), encoding="utf-8")
    loaded = load_settings(path)
    settings = loaded.settings
    assert settings.access.mode == "one-switch"
    assert settings.access.scan_interval == 2.5
    assert settings.display.theme == "dark"
    first = loaded.problems[0]
    assert first.message.startswith("YAML syntax error: ")
    assert "was left out" in first.message
    assert "everything else was used (" in first.message
    assert "access" in first.message.rsplit("(", 1)[1]
    # The line it says is broken, and left out, is the one in the voice section.
    lines = text.splitlines()
    said = re.search(r"line (\d+) cannot be read and was left out", first.message)
    assert said is not None, first.message
    assert int(said.group(1)) == lines.index(old.rstrip("\n").splitlines()[-1]) + 1


def test_the_message_says_which_line_is_broken_and_what_was_kept(tmp_path: Path) -> None:
    path, text = one_switch_file(tmp_path)
    path.write_text(broken(text, "  volume: 0.9\n", "  volume: [0.9\n"), encoding="utf-8")
    loaded = load_settings(path)
    number = text.splitlines().index("  volume: 0.9") + 1
    assert str(loaded.problems[0]).startswith("config.yaml:")
    assert str(loaded.problems[0]).endswith(
        f"(while parsing a flow sequence from line {number}, column 11); line {number} "
        "cannot be read and was left out; everything else was used "
        "(voice, reading, access, display, library, talk, preset)")
    # The rest of the voice section is kept too: only the broken line is lost.
    assert (loaded.settings.voice.rate, loaded.settings.voice.pitch) == (150, 40)
    assert loaded.settings.voice.volume == 0.9  # its default


def test_breaking_any_one_voice_line_never_costs_another_section(tmp_path: Path) -> None:
    path, text = one_switch_file(tmp_path)
    reference = load_settings(path).settings
    lines = text.splitlines(keepends=True)
    start, end = lines.index("voice:\n") + 1, lines.index("reading:\n")
    for index in range(start, end):
        if not lines[index].strip():
            continue
        for bad in ("  [oops\n", "    " + lines[index].lstrip(), "\t" + lines[index].lstrip()):
            path.write_text("".join([*lines[:index], bad, *lines[index + 1:]]),
                            encoding="utf-8")
            settings = load_settings(path).settings
            where = f"line {index + 1} as {bad!r}"
            assert settings.access == reference.access, where
            assert settings.reading == reference.reading, where
            assert settings.display == reference.display, where
            assert settings.preset == reference.preset, where


def test_when_nothing_can_be_read_the_last_good_file_is_used(tmp_path: Path) -> None:
    path, text = one_switch_file(tmp_path)
    backup_path(path).write_text(text, encoding="utf-8")  # the last save kept it
    path.write_text("access: [one-switch\nvoice: {rate: 150\n", encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.access.mode == "one-switch"
    assert loaded.settings.display.theme == "dark"
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:2:6: YAML syntax error: expected ',' or ']', but got ':' (while parsing "
        "a flow sequence from line 1, column 9); nothing in the file could be read, so the "
        "last good settings (config.yaml.bak) were used"]


def test_with_no_last_good_file_the_defaults_are_used_and_said(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("access: [one-switch\n", encoding="utf-8")
    backup_path(path).write_text("access: {mode: [\n", encoding="utf-8")  # broken too
    loaded = load_settings(path)
    assert loaded.settings.access.mode == "keys"
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:2:1: YAML syntax error: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence from line 1, column 9); nothing in the file could "
        "be read, so every setting has its default"]


def test_a_broken_file_is_never_saved_over_and_its_backup_stays(tmp_path: Path) -> None:
    path, text = one_switch_file(tmp_path)
    backup_path(path).write_text(text, encoding="utf-8")
    damaged = broken(text, "  volume: 0.9\n", "  volume: [0.9\n")
    path.write_text(damaged, encoding="utf-8")
    with pytest.raises(SettingsSaveError) as caught:
        save_settings_values(path, {"access.scan_interval": 3.0})
    assert str(caught.value) == (f"{path} has a syntax error; fix it (alsreader config check) "
                                 "before saving")
    assert path.read_text(encoding="utf-8") == damaged
    assert backup_path(path).read_text(encoding="utf-8") == text  # still the last good one


def test_the_default_file_itself_recovers_from_each_single_broken_line(tmp_path: Path) -> None:
    """No line of the file config init writes, broken alone, loses the access section."""
    path = tmp_path / "config.yaml"
    lines = default_config_text().replace("mode: keys", "mode: dwell").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#") or line.startswith("access"):
            continue
        if line.startswith("  mode:"):
            continue  # that line is the mode itself
        path.write_text("".join([*lines[:index], "  x: [\n", *lines[index + 1:]]),
                        encoding="utf-8")
        assert load_settings(path).settings.access.mode == "dwell", index + 1
