"""bench/bench_keyboard.py counts the steps the real scanner takes on the real keyboard."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from alsreader.access.clock import FakeClock
from alsreader.access.scanner import MOVE, SELECT, Scanner, ScanSettings, ScanTarget
from alsreader.talk.predictor import WordPredictor

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_keyboard.py"
PHRASES = ["i need water", "thank you for your help", "call my daughter"]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_keyboard", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_keyboard"] = module
    spec.loader.exec_module(module)
    return module


def two_switch_presses(plan: list[tuple[tuple[ScanTarget, ...], str]]) -> int:
    """Replay the bench's key presses on a real two-switch scanner, counting every press."""
    clock = FakeClock()
    scanner = Scanner(ScanSettings(mode="two-switch"), clock, key_releases=True)
    presses = 0
    for targets, action in plan:
        scanner.set_targets(targets)
        if not scanner.started:
            scanner.start()
        while True:
            clock.advance(1.0)
            entry = scanner.highlighted_entry
            assert entry is not None
            switch = SELECT if action in entry.members and entry.kind != "back" else MOVE
            result = scanner.press(switch)
            scanner.release(switch)
            presses += 1
            if result.kind == "activated":
                assert result.target == action
                break
    return presses


def test_the_bench_counts_what_the_real_scanner_takes(bench: ModuleType, tmp_path: Path) -> None:
    predictor = WordPredictor(store=tmp_path / "learned.json", durable=False)
    player = bench.ScannerPlayer()
    for phrase in PHRASES:
        plan: list[tuple[tuple[ScanTarget, ...], str]] = []
        before = player.steps
        steps, _chosen = bench.type_phrase(phrase, predictor, player, record=plan)
        assert plan[-1][1] == "key:speak"
        assert steps == player.steps - before
        assert steps == two_switch_presses(plan)


def test_the_bench_types_exactly_the_phrase(bench: ModuleType, tmp_path: Path) -> None:
    from alsreader.talk.keyboard import Typed, press

    predictor = WordPredictor(store=tmp_path / "learned.json", durable=False)
    plan: list[tuple[tuple[ScanTarget, ...], str]] = []
    bench.type_phrase("please call my daughter", predictor, bench.ScannerPlayer(), record=plan)
    typed = Typed()
    replay = WordPredictor(store=tmp_path / "other.json", durable=False)
    said = None
    for _targets, action in plan:
        result = press(typed, action, replay.predict(typed.context))
        typed, said = result.typed, result.speak or said
    assert said == "please call my daughter"


def test_prediction_saves_steps_and_the_last_line_is_the_headline(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_words = bench.measure(PHRASES)
    without = bench.measure(PHRASES, predict=False)
    assert with_words.steps_per_character < without.steps_per_character
    assert with_words.words_per_minute > without.words_per_minute
    phrases = tmp_path / "phrases.txt"
    phrases.write_text("\n".join(PHRASES) + "\n\n", encoding="utf-8")
    assert bench.main([str(phrases)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"scan steps per character: \d+\.\d\d; "
                        r"words per minute at default timings: \d+\.\d", last)


def test_a_missing_phrases_file_is_a_message(bench: ModuleType, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main([str(tmp_path / "none.txt")]) == 2
    assert "Cannot read the phrases file" in capsys.readouterr().err


def test_phrases_with_what_the_keyboard_has_no_key_for_are_typed_without_it(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone else's phrase file (accents, quotes, "&", ":", curly apostrophes) is typed as
    a person would on this keyboard, never a traceback."""
    assert bench.typeable("The Café’s “open” 9:30 & — fine!") == "the cafe's open 9 30 - fine!"
    phrases = tmp_path / "phrases.txt"
    phrases.write_text("Can you call Dr. Smith at 5:30?\n“Ça va?” — Très bien & vous?\n\n"
                       "“”\n", encoding="utf-8")
    assert bench.main([str(phrases)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 phrases typed without what the keyboard has no key for")
    assert out.strip().splitlines()[-1].startswith("scan steps per character: ")
