"""What was said on the Talk screen: the last things first, kept locally, written
atomically, cleared for good, and a damaged file never stops the screen."""

from __future__ import annotations

import json
import os
from pathlib import Path

from alsreader import locations
from alsreader.talk.history import TalkHistory


def test_the_last_said_comes_first_and_each_once(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    history = TalkHistory(path, kept=3)
    for said in ("Yes.", "Water, please.", "Yes.", "No.", "Thank you."):
        history.add(said)
    assert history.said == ["Thank you.", "No.", "Yes."]
    assert history.last == "Thank you."
    again = TalkHistory(path, kept=3)
    assert again.said == ["Thank you.", "No.", "Yes."]
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "format": 1, "said": ["Thank you.", "No.", "Yes."]}  # the words only, no times
    if os.name != "nt":
        assert path.stat().st_mode & 0o077 == 0


def test_it_lives_in_the_data_folder(isolated_home: Path) -> None:
    history = TalkHistory()
    assert history.path == locations.data_dir() / "talk-history.json"
    assert history.said == []
    assert history.last is None


def test_clearing_forgets_everything_on_disk_too(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    history = TalkHistory(path)
    history.add("Something private.")
    history.clear()
    assert history.said == []
    assert "private" not in path.read_text(encoding="utf-8")
    assert TalkHistory(path).said == []


def test_odd_text_is_cleaned_and_blank_text_ignored(tmp_path: Path) -> None:
    history = TalkHistory(tmp_path / "history.json")
    history.add("Hi\x1b[31m\nthere")
    history.add("   ")
    assert history.said == ["Hi there"]


def test_a_damaged_file_starts_an_empty_history_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "history.json"
    for content in (b"{not json", b"\xff\xfe", b"[1, 2]", b'{"said": "text"}'):
        path.write_bytes(content)
        history = TalkHistory(path)
        assert history.said == []
        assert "starts empty" in history.notice
    path.write_text(json.dumps({"said": ["ok", 3, None, "ok", "fine"]}), encoding="utf-8")
    assert TalkHistory(path).said == ["ok", "fine"]


def test_a_history_that_cannot_be_written_says_why(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    history = TalkHistory(blocked / "history.json")  # its folder is a file
    history.add("Yes.")
    assert history.said == ["Yes."]
    assert history.problem.startswith("the history could not be saved")
