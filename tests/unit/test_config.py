"""Loading settings: valid, invalid and hostile YAML; exact messages; the rest still applies."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from alsreader import locations
from alsreader.config import (
    PRESETS,
    SCHEMA,
    AccessSettings,
    Settings,
    default_config_text,
    load_settings,
    parse_settings,
    preset_values,
)
from alsreader.document.pronounce import PronunciationRule


def write(tmp_path: Path, text: str, name: str = "config.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path, **kwargs: object) -> list[str]:
    return [str(p) for p in load_settings(path, **kwargs).problems]  # type: ignore[arg-type]


def test_missing_file_gives_defaults_without_problems(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "nothing.yaml")
    assert loaded.settings == Settings()
    assert loaded.problems == []


def test_default_location_honours_alsreader_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "voice:\n  rate: 200\n", "elsewhere.yaml")
    monkeypatch.setenv("ALSREADER_CONFIG", str(path))
    assert locations.config_file() == path
    loaded = load_settings()
    assert loaded.path == path
    assert loaded.settings.voice.rate == 200


def test_init_text_loads_cleanly_and_equals_the_defaults(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, default_config_text()))
    assert loaded.problems == []
    expected = Settings(preset="everyday")
    assert loaded.settings == expected
    # Every setting of the schema is in the file, active or commented out.
    text = default_config_text()
    for section, specs in SCHEMA.items():
        for key in specs:
            assert f"  {key}: " in text or f"  # {key}: " in text, f"{section}.{key}"


def test_schema_and_dataclasses_agree() -> None:
    settings = Settings()
    for section, specs in SCHEMA.items():
        names = [f.name for f in dataclasses.fields(getattr(settings, section))]
        assert names == list(specs), section


def test_valid_file_applies_every_section(tmp_path: Path) -> None:
    path = write(tmp_path, """\
voice:
  engine: espeak
  voice: gmw/en
  rate: 210
  volume: 1
  pitch: 40
  player: silent
reading:
  pause_sentence_ms: 100
  pause_paragraph_ms: 500
  pause_section_ms: 1500
  continuous: false
  highlight: paragraph
  speak_code: true
access:
  mode: two-switch
  scan_interval: 2.5
  first_item_pause: 1
  loops: 3
  hold_duration: 0.2
  ignore_repeat: 0.5
  selection_delay: 0.8
  one_switch_keys: [f5]
  two_switch_move: j
  two_switch_select: k
  dwell_time: 2
  spoken_cues: true
  click_sound: true
  settings_reachable_by_scan: true
keys:
  bookmark: m
  help: f1
display:
  theme: dark
library:
  folders: [~/Books, notes]
pronunciations:
  - match: Dr.
    say: Doctor
    mode: anywhere
    case_sensitive: true
  - match: um
    say: null
preset: fast
""")
    loaded = load_settings(path, installed_voices=["gmw/en", "gmw/en-us"])
    assert loaded.problems == []
    s = loaded.settings
    assert (s.voice.engine, s.voice.voice, s.voice.rate, s.voice.volume, s.voice.pitch,
            s.voice.player) == ("espeak", "gmw/en", 210, 1.0, 40, "silent")
    assert (s.reading.pause_sentence_ms, s.reading.pause_paragraph_ms,
            s.reading.pause_section_ms) == (100, 500, 1500)
    assert not s.reading.continuous
    assert s.reading.highlight == "paragraph"
    assert s.reading.speak_code
    assert s.access == AccessSettings(
        "two-switch", 2.5, 1.0, 3, 0.2, 0.5, 0.8, ["f5"], "j", "k", 2.0, True, True, True
    )
    assert isinstance(s.access.first_item_pause, float)
    assert s.keys == {"bookmark": "m", "help": "f1"}
    assert s.display.theme == "dark"
    assert s.library.folders == [Path("~/Books").expanduser(), tmp_path / "notes"]
    assert s.pronunciations == [
        PronunciationRule("Dr.", "Doctor", "anywhere", True),
        PronunciationRule("um", None, "word", False),
    ]
    assert s.preset == "fast"


def test_preset_sets_rate_and_pauses_but_explicit_keys_win(tmp_path: Path) -> None:
    loaded = load_settings(write(tmp_path, "preset: slow-and-clear\nreading:\n"
                                           "  pause_section_ms: 3000\n"))
    assert loaded.problems == []
    s = loaded.settings
    assert s.voice.rate == PRESETS["slow-and-clear"].rate == 130
    assert (s.reading.pause_sentence_ms, s.reading.pause_paragraph_ms) == (400, 800)
    assert s.reading.pause_section_ms == 3000
    assert preset_values("fast") == {
        "voice.rate": 240, "reading.pause_sentence_ms": 0,
        "reading.pause_paragraph_ms": 150, "reading.pause_section_ms": 500,
    }


def test_out_of_range_message_is_exact_and_the_rest_applies(tmp_path: Path) -> None:
    path = write(tmp_path, "# my settings\nvoice:\n  pitch: 30\n  rate: 900\n"
                           "display:\n  theme: dark\n")
    loaded = load_settings(path)
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:4:9: voice.rate: 900 is out of range; allowed 80 to 450 words per minute"
    ]
    problem = loaded.problems[0]
    assert (problem.file, problem.line, problem.column) == (path, 4, 9)
    assert loaded.settings.voice.rate == 175
    assert loaded.settings.voice.pitch == 30
    assert loaded.settings.display.theme == "dark"


def test_unknown_keys_and_sections_suggest_the_nearest(tmp_path: Path) -> None:
    path = write(tmp_path, "voice:\n  rat: 200\n  volume: 0.5\nreadng:\n  continuous: false\n"
                           "access:\n  scan_intervall: 2\n")
    assert messages(path) == [
        "config.yaml:2:3: voice.rat: unknown setting; did you mean 'rate'? "
        "(voice settings: engine, voice, rate, volume, pitch, player)",
        "config.yaml:4:1: readng: unknown section; did you mean 'reading'? "
        "(sections: voice, reading, access, keys, display, library, talk, pronunciations, preset)",
        "config.yaml:7:3: access.scan_intervall: unknown setting; did you mean "
        "'scan_interval'? (access settings: mode, scan_interval, first_item_pause, loops, "
        "hold_duration, ignore_repeat, selection_delay, one_switch_keys, two_switch_move, "
        "two_switch_select, dwell_time, spoken_cues, click_sound, settings_reachable_by_scan)",
    ]
    assert load_settings(path).settings.voice.volume == 0.5


def test_wrong_types(tmp_path: Path) -> None:
    path = write(tmp_path, """\
voice:
  rate: fast
  volume: loud
  pitch: 40.5
  engine: espek
reading:
  continuous: maybe
  pause_paragraph_ms: [1, 2]
access: 3
display:
  theme: dark
""")
    assert messages(path) == [
        "config.yaml:2:9: voice.rate: 'fast' is not a whole number; "
        "allowed 80 to 450 words per minute",
        "config.yaml:3:11: voice.volume: 'loud' is not a number; "
        "allowed 0 to 1 (0 silent, 1 loudest)",
        "config.yaml:4:10: voice.pitch: 40.5 is not a whole number; allowed 0 to 99 (50 is normal)",
        "config.yaml:5:11: voice.engine: 'espek' is not allowed; did you mean 'espeak'? "
        "(allowed auto, espeak, sapi5, nsss)",
        "config.yaml:7:15: reading.continuous: 'maybe' is not true or false; "
        "allowed true or false",
        "config.yaml:8:23: reading.pause_paragraph_ms: a list is not a whole number; "
        "allowed 0 to 10000 milliseconds",
        "config.yaml:9:9: access: should be a group of settings (indented 'name: value' lines), "
        "not 3",
    ]
    settings = load_settings(path).settings
    assert settings.voice == Settings().voice
    assert settings.display.theme == "dark"


def test_huge_numbers_are_out_of_range_not_crashes(tmp_path: Path) -> None:
    digits = "9" * 5000  # more digits than Python will turn into an int by default
    path = write(tmp_path, f"voice:\n  rate: {digits}\n  volume: 1.0e+999\n"
                           "access:\n  loops: -99999999999999999999\n  dwell_time: .nan\n"
                           "  scan_interval: 3\n")
    assert messages(path) == [
        "config.yaml:2:9: voice.rate: 999999999999999999999999999999… (5000 characters) "
        "is out of range; allowed 80 to 450 words per minute",
        "config.yaml:3:11: voice.volume: 1.0e+999 is out of range; "
        "allowed 0 to 1 (0 silent, 1 loudest)",
        "config.yaml:5:10: access.loops: -99999999999999999999 is out of range; "
        "allowed 1 to 10 rounds",
        "config.yaml:6:15: access.dwell_time: .nan is out of range; allowed 0.3 to 5 seconds",
    ]
    assert load_settings(path).settings.access.scan_interval == 3.0


def test_python_object_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = write(tmp_path, f"""\
voice:
  rate: 150
  volume: !!python/object/apply:os.system ["touch {marker}"]
display: !!python/object:collections.OrderedDict {{}}
reading:
  continuous: false
""")
    assert messages(path) == [
        "config.yaml:3:11: voice.volume: the YAML tag !!python/object/apply:os.system is "
        "refused; settings hold only plain values (numbers, words, true/false, lists)",
        "config.yaml:4:10: display: the YAML tag !!python/object:collections.OrderedDict is "
        "refused; settings hold only plain values (numbers, words, true/false, lists)",
    ]
    loaded = load_settings(path)
    assert not marker.exists()
    assert loaded.settings.voice.rate == 150
    assert loaded.settings.voice.volume == 0.9
    assert loaded.settings.reading.continuous is False


def test_whole_file_tag_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "!!python/object/new:os.system [echo]\n")
    assert messages(path) == [
        "config.yaml:1:1: the YAML tag !!python/object/new:os.system is refused; settings hold "
        "only plain values (numbers, words, true/false, lists); every setting has its default"
    ]


def test_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "voice:\n  rate: 200\n  pitch: [40\nreading:\n  continuous: no\n")
    loaded = load_settings(path)
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:4:8: YAML syntax error: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence from line 3, column 10); line 3 cannot be read and "
        "was left out; everything else was used (voice, reading)"
    ]
    # Only the broken line is lost: the rest of the file still applies.
    expected = Settings()
    expected.voice.rate = 200
    expected.reading.continuous = False
    assert loaded.settings == expected


def test_tab_indentation_is_a_syntax_error_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "voice:\n\trate: 200\n")
    assert messages(path) == [
        "config.yaml:2:1: YAML syntax error: found character '\\t' that cannot start any token "
        "(while scanning for the next token); nothing in the file could be read, so every "
        "setting has its default"
    ]


def test_deep_nesting_is_a_problem_not_a_recursion_error(tmp_path: Path) -> None:
    depth = 10_000
    path = write(tmp_path, "voice:\n  rate: " + "[" * depth + "]" * depth + "\n")
    loaded = load_settings(path)
    assert [str(p) for p in loaded.problems] == [
        "config.yaml: the file is nested far too deeply to be a settings file; "
        "nothing in it was used"
    ]
    assert loaded.settings == Settings()


def test_moderate_nesting_in_a_value_is_a_wrong_type(tmp_path: Path) -> None:
    path = write(tmp_path, "voice:\n  rate: " + "[" * 50 + "]" * 50 + "\n  pitch: 20\n")
    loaded = load_settings(path)
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:2:9: voice.rate: a list is not a whole number; "
        "allowed 80 to 450 words per minute"
    ]
    assert loaded.settings.voice.pitch == 20


def test_aliases_do_not_explode(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\nvoice:\n  rate: 100\n")
    loaded = load_settings(path)
    assert len(loaded.problems) == 10  # one unknown section per line, nothing expanded
    assert loaded.settings.voice.rate == 100


def test_non_utf8_file_is_reported_and_the_rest_applies(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes("# r\xe9glages\nvoice:\n  rate: 190\n".encode("latin-1"))
    loaded = load_settings(path)
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:1:4: the file is not UTF-8 text (byte 0xE9 cannot be read); save it as "
        "UTF-8. Unreadable characters were replaced with \ufffd"
    ]
    assert loaded.settings.voice.rate == 190


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"\xef\xbb\xbfvoice:\n  rate: 190\n")
    loaded = load_settings(path)
    assert loaded.problems == []
    assert loaded.settings.voice.rate == 190


def test_control_character_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "voice:\n  rate: 1\x0090\n")
    assert messages(path) == [
        "config.yaml:2:10: character '\\x00' is not allowed in a YAML file; "
        "nothing in the file was used"
    ]


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "voice:\n  rate: 100\n")
    path.chmod(0)
    assert messages(path) == ["config.yaml: cannot be read (Permission denied); defaults are used"]


def test_folder_instead_of_file(tmp_path: Path) -> None:
    (tmp_path / "config.yaml").mkdir()
    loaded = load_settings(tmp_path / "config.yaml")
    assert [str(p) for p in loaded.problems] == [
        "config.yaml: is a folder, not a settings file; defaults are used"
    ]
    assert loaded.settings == Settings()


def test_enormous_file_is_not_read(tmp_path: Path) -> None:
    path = write(tmp_path, "# x\n" * 300_000)
    assert messages(path) == [
        "config.yaml: is larger than 1000 KB, far too big for a settings file; it was not "
        "read and defaults are used"
    ]


def test_top_level_list_or_empty(tmp_path: Path) -> None:
    assert messages(write(tmp_path, "- voice\n- rate\n")) == [
        "config.yaml:1:1: the file should hold sections such as 'voice:' and 'reading:', but "
        "it holds a list; every setting has its default"
    ]
    assert messages(write(tmp_path, "")) == []
    assert messages(write(tmp_path, "# only comments\n")) == []
    assert messages(write(tmp_path, "voice:\nreading: ~\n")) == []


def test_repeated_key_is_reported_and_the_last_wins(tmp_path: Path) -> None:
    path = write(tmp_path, "voice:\n  rate: 100\n  rate: 120\n")
    loaded = load_settings(path)
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:3:3: voice.rate is given twice (also on line 2); this one is used"
    ]
    assert loaded.settings.voice.rate == 120


def test_unknown_voice_lists_the_nearest_installed(tmp_path: Path) -> None:
    path = write(tmp_path, "voice:\n  voice: englsh\n  rate: 150\n")
    installed = {"gmw/en": "English (Great Britain)", "gmw/en-us": "English (America)",
                 "roa/fr": "French"}
    loaded = load_settings(path, installed_voices=installed)
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:2:10: voice.voice: 'englsh' is not an installed voice; nearest installed: "
        "gmw/en-us (English (America)), gmw/en (English (Great Britain)) "
        "(alsreader voices lists them all)"
    ]
    assert loaded.settings.voice.voice is None
    assert loaded.settings.voice.rate == 150
    # Without a list of voices nothing is checked; a voice named by its name becomes its id.
    assert load_settings(path).settings.voice.voice == "englsh"
    by_name = write(tmp_path, "voice:\n  voice: french\n", "b.yaml")
    assert load_settings(by_name, installed_voices=installed).settings.voice.voice == "roa/fr"


def test_keys_must_be_single_keys(tmp_path: Path) -> None:
    path = write(tmp_path, """\
keys:
  quit: ctrl+q
  bookmark: B
  help: f1
  next_sentence: alt-right
  play_pause: space
access:
  one_switch_keys: [space, shift+tab]
  two_switch_move: "a b"
""")
    loaded = load_settings(path)
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:2:9: keys.quit: 'ctrl+q' is a key combination; alsreader uses single keys "
        "only (no Ctrl, Alt or Shift); allowed one key name such as space, enter, b, f1",
        "config.yaml:3:13: keys.bookmark: 'B' needs Shift (a capital letter); use 'b'; "
        "allowed one key name such as space, enter, b, f1",
        "config.yaml:5:18: keys.next_sentence: 'alt-right' is a key combination; alsreader uses "
        "single keys only (no Ctrl, Alt or Shift); allowed one key name such as space, enter, "
        "b, f1",
        "config.yaml:8:28: access.one_switch_keys: 'shift+tab' is a key combination; alsreader "
        "uses single keys only (no Ctrl, Alt or Shift); allowed a list of single keys such as "
        "[space, enter]",
        "config.yaml:9:20: access.two_switch_move: 'a b' is not a key name; allowed one key name "
        "such as space, enter, b, f1",
    ]
    assert loaded.settings.keys == {"help": "f1", "play_pause": "space"}
    assert loaded.settings.access.one_switch_keys == ["space", "enter"]


def test_unknown_action_when_actions_are_known(tmp_path: Path) -> None:
    path = write(tmp_path, "keys:\n  bookmrk: m\n  help: h\n")
    loaded = load_settings(path, known_actions=["bookmark", "help", "play_pause"])
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:2:3: keys.bookmrk: unknown action; did you mean 'bookmark'? "
        "(actions: bookmark, help, play_pause)"
    ]
    assert loaded.settings.keys == {"help": "h"}


def test_bad_pronunciation_rules_are_skipped_and_good_ones_kept(tmp_path: Path) -> None:
    path = write(tmp_path, """\
pronunciations:
  - match: "(unclosed"
    say: x
    mode: regex
  - match: ALS
    say: A L S
    case_sensitive: true
  - match: Dr
  - say: nothing
  - match: "a*"
    say: b
    mode: regex
  - match: x
    say: y
    mode: fuzzy
  - match: no
    say: yes
    sey: typo
  - 42
""")
    loaded = load_settings(path)
    assert [str(p) for p in loaded.problems] == [
        "config.yaml:2:12: pronunciations[1]: '(unclosed' is not a valid regular expression: "
        "missing ), unterminated subpattern at position 0; rule ignored",
        "config.yaml:8:5: pronunciations[3]: the rule needs say: (the words to say instead, or "
        "null to skip it); rule ignored",
        "config.yaml:9:5: pronunciations[4]: the rule needs match: (the text to look for); "
        "rule ignored",
        "config.yaml:10:12: pronunciations[5]: 'a*' matches empty text, so it would match "
        "everywhere; rule ignored",
        "config.yaml:15:11: pronunciations[6]: 'fuzzy' is not allowed (allowed word, anywhere, "
        "regex); rule ignored",
        "config.yaml:18:5: pronunciations[7].sey: unknown rule setting; did you mean 'say'? "
        "(a rule has match, say, mode, case_sensitive)",
        "config.yaml:19:5: pronunciations[8]: should be a group of settings (indented "
        "'name: value' lines), not 42",
    ]
    assert loaded.settings.pronunciations == [
        PronunciationRule("ALS", "A L S", "word", True),
        # YAML 1.1 would read these as false/true; rules keep the words as written.
        PronunciationRule("no", "yes", "word", False),
    ]


def test_parse_settings_from_text_has_no_file() -> None:
    loaded = parse_settings("voice:\n  rate: 5\n")
    assert [str(p) for p in loaded.problems] == [
        "settings:2:9: voice.rate: 5 is out of range; allowed 80 to 450 words per minute"
    ]


def test_yaml_safe_loader_agrees_with_the_values_read(tmp_path: Path) -> None:
    text = default_config_text()
    data = yaml.safe_load(text)
    loaded = parse_settings(text)
    assert data["voice"]["volume"] == loaded.settings.voice.volume
    assert data["access"]["one_switch_keys"] == loaded.settings.access.one_switch_keys


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_settings_and_never_raises(text: str) -> None:
    loaded = parse_settings(text)
    assert isinstance(loaded.settings, Settings)
    assert all(str(p) for p in loaded.problems)


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=10,
)
_names = st.sampled_from(["voice", "reading", "access", "keys", "display", "library",
                          "pronunciations", "preset", "rate", "mode", "match", "say"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_names, st.one_of(
    _values, st.dictionaries(st.sampled_from(
        ["rate", "volume", "voice", "engine", "mode", "scan_interval", "loops", "theme",
         "folders", "one_switch_keys", "continuous", "bookmark"]), _values, max_size=4)),
    max_size=6))
def test_any_structure_gives_settings_and_never_raises(data: dict[str, object]) -> None:
    loaded = parse_settings(yaml.safe_dump(data))
    assert isinstance(loaded.settings, Settings)
    for problem in loaded.problems:
        assert problem.line is not None
        assert problem.line >= 1
