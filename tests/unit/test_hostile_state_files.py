"""What a killed reader leaves next to the state file is cleared by the next start."""

from __future__ import annotations

import os
import time
from pathlib import Path

from alsreader.document.model import Position
from alsreader.state import ReadingState


def test_old_leftover_temporary_files_are_removed_fresh_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    state = ReadingState(path)
    state.set_position(tmp_path / "book.md", Position(2, 3), fraction=0.5)
    old = tmp_path / ".state.json.abc123.tmp"
    old.write_text('{"version": 1, "documents": {', encoding="utf-8")  # killed mid-write
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    fresh = tmp_path / ".state.json.def456.tmp"  # another reader saving right now
    fresh.write_text("{", encoding="utf-8")
    unrelated = tmp_path / ".other.json.xyz.tmp"
    unrelated.write_text("keep", encoding="utf-8")
    os.utime(unrelated, (an_hour_ago, an_hour_ago))

    loaded = ReadingState.load(path)

    assert loaded.get_position(tmp_path / "book.md") == Position(2, 3)
    assert loaded.notices == []
    assert not old.exists()
    assert fresh.exists()
    assert unrelated.exists()
