"""``alsreader talk init|check|path|clear-history`` run as the real command in a subprocess."""

from __future__ import annotations

from pathlib import Path

from alsreader.talk.history import TalkHistory
from alsreader.talk.phrases import starter_text

from .cli_support import alsreader


def test_path_init_and_check(isolated_home: Path) -> None:
    path = isolated_home / "config" / "phrases.yaml"
    assert alsreader("talk", "path").stdout == f"{path}\n"
    result = alsreader("talk", "check")
    assert result.returncode == 0
    assert "uses the starter phrases" in result.stdout
    result = alsreader("talk", "init")
    assert (result.returncode, result.stdout) == (0, f"Wrote {path}\n")
    assert path.read_text(encoding="utf-8") == starter_text()
    assert alsreader("talk", "init").returncode == 1  # never over the caregiver's own
    result = alsreader("talk", "check")
    assert result.returncode == 0
    assert result.stdout == f"{path}: no problems found (35 phrases in 5 categories, 0 instant).\n"

    path.write_text("categories:\n  Needs:\n    - label: Tea\n  Broken: 3\n", encoding="utf-8")
    result = alsreader("talk", "check")
    assert result.returncode == 1
    assert result.stdout.splitlines()[1:] == [
        "  phrases.yaml:3:7: categories.Needs[1]: the phrase needs say: (the words spoken); "
        "left out",
        "  phrases.yaml:4:11: categories.Broken: should be a list of phrases ('- ...' lines), "
        "not 3; left out",
    ]


def test_clear_history_forgets_what_was_said(isolated_home: Path) -> None:
    history = TalkHistory()
    history.add("Something private.")
    result = alsreader("talk", "clear-history")
    assert result.returncode == 0
    assert result.stdout.startswith("Forgot 1 thing said")
    assert TalkHistory().said == []
    assert "private" not in history.path.read_text(encoding="utf-8")


def test_forget_words_forgets_what_prediction_learned(isolated_home: Path) -> None:
    from alsreader.talk.predictor import WordPredictor

    predictor = WordPredictor()
    predictor.learn_from("zebras graze")
    assert predictor.store.exists()
    result = alsreader("talk", "forget-words")
    assert result.returncode == 0
    assert result.stdout.startswith("Forgot 2 learned words")
    assert not predictor.store.exists()
