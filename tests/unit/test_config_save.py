"""Saving settings: values change in place, comments and unmanaged keys stay, backup, atomic."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from alsreader.atomic import atomic_write_text
from alsreader.config import (
    SettingsSaveError,
    default_config_text,
    load_settings,
    preset_values,
    save_settings_values,
    write_default_config,
)

HAND_WRITTEN = """\
# Settings for Mum, set up by Sam. Call Sam before changing the switch timings!
voice:
  rate: 160   # she finds faster tiring
  # pitch left alone
  volume: 0.8
  mood: calm            # not an alsreader setting; must survive
reading: {pause_section_ms: 1200, continuous: true}
access:
  one_switch_keys:
    - space
    - enter
  # scan_interval: 2.0   (tried this, too fast)
display:
  theme: dark  # dark room
extra_notes:
  - kept as written
"""


def test_values_change_in_place_and_everything_else_stays(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    backup = save_settings_values(path, {
        "voice.rate": 140,
        "voice.voice": "gmw/en-us",
        "access.scan_interval": 2.5,
        "access.one_switch_keys": ["f5", "enter"],
        "reading.pause_paragraph_ms": 450,
        "display.theme": "high-contrast",
        "library.folders": ["~/Books"],
        "keys.bookmark": "m",
        "preset": "slow-and-clear",
    })
    text = path.read_text(encoding="utf-8")
    assert text == """\
# Settings for Mum, set up by Sam. Call Sam before changing the switch timings!
voice:
  rate: 140   # she finds faster tiring
  # pitch left alone
  volume: 0.8
  mood: calm            # not an alsreader setting; must survive
  voice: gmw/en-us
reading: {pause_section_ms: 1200, continuous: true, pause_paragraph_ms: 450}
access:
  one_switch_keys:
    [f5, enter]
  scan_interval: 2.5
display:
  theme: high-contrast  # dark room
extra_notes:
  - kept as written

library:
  folders: [~/Books]

keys:
  bookmark: m
preset: slow-and-clear
"""
    assert backup == tmp_path / "config.yaml.bak"
    assert backup.read_text(encoding="utf-8") == HAND_WRITTEN
    settings = load_settings(path).settings
    assert settings.voice.rate == 140  # explicit, so it wins over the preset's 130
    assert settings.reading.pause_sentence_ms == 400  # from the preset
    assert settings.access.scan_interval == 2.5
    assert settings.keys == {"bookmark": "m"}


def test_saving_into_the_init_file_uncomments_preset_keys(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    write_default_config(path)
    save_settings_values(path, {"voice.rate": 200, "access.dwell_time": 2.0})
    text = path.read_text(encoding="utf-8")
    assert "  rate: 200\n" in text
    assert "# rate:" not in text
    assert "  dwell_time: 2.0\n" in text
    assert "  # Speaking rate. Allowed 80 to 450 words per minute.\n  rate: 200\n" in text
    assert text.count("\n") == default_config_text().count("\n")
    loaded = load_settings(path)
    assert loaded.problems == []
    assert loaded.settings.voice.rate == 200
    assert loaded.settings.access.dwell_time == 2.0


def test_choosing_a_preset_with_its_values(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    write_default_config(path)
    save_settings_values(path, {"preset": "fast", **preset_values("fast")})
    settings = load_settings(path).settings
    assert (settings.preset, settings.voice.rate, settings.reading.pause_section_ms) == (
        "fast", 240, 500)


def test_new_file_starts_from_the_commented_defaults(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.yaml"
    assert save_settings_values(path, {"display.theme": "light"}) is None
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# alsreader settings.")
    assert "  theme: light\n" in text
    assert not (tmp_path / "sub" / "config.yaml.bak").exists()


def test_empty_value_and_missing_section(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("voice:\n  rate:\n  pitch: 20\nreading:\n", encoding="utf-8")
    save_settings_values(path, {"voice.rate": 100, "reading.continuous": False,
                                "access.mode": "one-switch"})
    assert path.read_text(encoding="utf-8") == (
        "voice:\n  rate: 100\n  pitch: 20\nreading:\n  continuous: false\n"
        "\naccess:\n  mode: one-switch\n"
    )


def test_invalid_values_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    cases: list[tuple[dict[str, object], str]] = [
        ({"voice.rate": 900},
         "voice.rate: 900 is out of range; allowed 80 to 450 words per minute"),
        ({"voice.rate": "fast"}, "voice.rate: 'fast' is not a whole number; allowed 80 to 450 "
                                 "words per minute"),
        ({"keys.quit": "ctrl+q"}, "keys.quit: 'ctrl+q' is a key combination; alsreader uses "
                                  "single keys only (no Ctrl, Alt or Shift); allowed one key "
                                  "name such as space, enter, b, f1"),
        ({"voice.speed": 1}, "voice.speed is not a setting alsreader can save"),
        ({"preset": "turbo"}, "preset: 'turbo' is not allowed (allowed slow-and-clear, "
                              "everyday, fast)"),
    ]
    for changes, message in cases:
        with pytest.raises(SettingsSaveError) as caught:
            save_settings_values(path, changes)
        assert str(caught.value) == message
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert not (tmp_path / "config.yaml.bak").exists()


def test_a_file_with_a_syntax_error_is_not_edited(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    broken = "voice:\n  rate: [1\n"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(SettingsSaveError, match="has a syntax error; fix it"):
        save_settings_values(path, {"voice.rate": 100})
    assert path.read_text(encoding="utf-8") == broken


def test_strings_that_look_like_other_things_stay_strings(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("voice:\n  engine: auto\n", encoding="utf-8")
    save_settings_values(path, {"voice.voice": "yes", "keys.help": "1"})
    loaded = load_settings(path)
    assert loaded.problems == []
    assert loaded.settings.voice.voice == "yes"
    assert loaded.settings.keys == {"help": "1"}


def test_init_refuses_to_overwrite_and_keeps_a_backup_with_force(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_default_config(path)
    assert path.read_text(encoding="utf-8") == HAND_WRITTEN
    assert write_default_config(path, force=True) == tmp_path / "config.yaml.bak"
    assert (tmp_path / "config.yaml.bak").read_text(encoding="utf-8") == HAND_WRITTEN
    assert path.read_text(encoding="utf-8") == default_config_text()


def test_atomic_write_leaves_no_temporary_file_when_it_fails(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    (target / "inside").write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        atomic_write_text(target, "new")  # cannot replace a folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_atomic_write_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("a", encoding="utf-8")
    path.chmod(0o640)
    atomic_write_text(path, "b")
    assert path.read_text(encoding="utf-8") == "b"
    assert path.stat().st_mode & 0o777 == 0o640


def test_readers_see_the_old_or_the_new_file_never_half(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    atomic_write_text(path, json.dumps({"n": 0, "pad": "x" * 50_000}))
    stop = threading.Event()
    seen: list[int] = []
    failures: list[str] = []

    def read() -> None:
        while not stop.is_set():
            try:
                seen.append(json.loads(path.read_text(encoding="utf-8"))["n"])
            except ValueError as error:
                failures.append(str(error))

    reader = threading.Thread(target=read)
    reader.start()
    for n in range(1, 200):
        atomic_write_text(path, json.dumps({"n": n, "pad": "x" * 50_000}), durable=False)
    stop.set()
    reader.join()
    assert failures == []
    assert seen == sorted(seen)
    assert json.loads(path.read_text(encoding="utf-8"))["n"] == 199


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", "voice:\n  pitch: 20\npreset: fast\n"),
        ("# only a comment", "# only a comment\nvoice:\n  pitch: 20\npreset: fast\n"),
        ("---\nvoice:\n  rate: 100\n...\n",
         "---\nvoice:\n  rate: 100\n  pitch: 20\npreset: fast\n...\n"),
        ("access:\n  one_switch_keys:\n    - space\n  # end of access\nvoice: {}\n",
         "access:\n  one_switch_keys:\n    - space\n  # end of access\nvoice: {pitch: 20}\n"
         "preset: fast\n"),
        ("voice:\n    rate: 100\n", "voice:\n    rate: 100\n    pitch: 20\npreset: fast\n"),
    ],
)
def test_edits_fit_the_shape_of_the_file(tmp_path: Path, before: str, after: str) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(before, encoding="utf-8")
    save_settings_values(path, {"voice.pitch": 20, "preset": "fast"})
    assert path.read_text(encoding="utf-8") == after
    assert load_settings(path).problems == []
