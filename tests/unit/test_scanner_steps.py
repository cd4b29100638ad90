"""Scan steps from rest for each reader action (the README figure), checked by simulation."""

from __future__ import annotations

from collections.abc import Iterator

from alsreader.access.clock import FakeClock
from alsreader.access.scanner import Scanner, ScanSettings, ScanTarget
from alsreader.access.steps import (
    READER_ACTIONS,
    READER_SCAN_TARGETS,
    average_steps,
    reader_steps_markdown,
    reader_steps_table,
    scan_steps,
    scan_steps_to,
)


def simulate(targets: tuple[ScanTarget, ...] | list[ScanTarget], action: str) -> int:
    """Count the moves and selects a one-switch user needs, on the real Scanner."""
    clock = FakeClock()
    scanner = Scanner(ScanSettings(mode="one-switch", loops=0), clock, key_releases=True)
    scanner.set_targets(targets)
    scanner.start()
    steps = 0
    while True:
        entry = scanner.highlighted_entry
        assert entry is not None
        if action in entry.members:
            clock.advance(0.35)
            result = scanner.press("select")
            scanner.release("select")
            steps += 1
            if result.kind == "activated":
                assert result.target == action
                return steps
        else:
            move_at = scanner.next_move_at
            assert move_at is not None
            clock.set(move_at)
            scanner.tick()
            steps += 1
        assert steps < 100


def test_reader_steps_match_the_real_scanner() -> None:
    steps = scan_steps(READER_SCAN_TARGETS)
    for action, count in steps.items():
        assert simulate(READER_SCAN_TARGETS, action) == count


def test_reader_figures() -> None:
    steps = scan_steps(READER_SCAN_TARGETS)
    assert steps["play_pause"] == 1
    assert max(steps[a] for a in READER_ACTIONS) <= 5
    assert average_steps(steps) == 31 / 8
    table = reader_steps_table()
    assert [row[0] for row in table] == [t.id for t in READER_SCAN_TARGETS]
    assert "| play_pause | top level | 1 |" in reader_steps_markdown()


def _sizes(n: int) -> Iterator[tuple[int, ...]]:
    """Every top-level layout of n actions: entry sizes, 1 = a lone action, m > 1 = a group."""
    if n == 0:
        yield ()
        return
    for first in range(1, n + 1):
        for rest in _sizes(n - first):
            yield (first, *rest)


def _best_average(n: int) -> float:
    """Fewest average steps for n actions with the first one (Play/Pause) alone at 1 step."""
    best = None
    for layout in _sizes(n - 1):
        targets = [ScanTarget("a0", "a0")]
        for k, size in enumerate(layout):
            group = f"g{k}" if size > 1 else None
            targets += [ScanTarget(f"a{k}_{i}", "x", group) for i in range(size)]
        total = sum(scan_steps(targets).values())
        best = total if best is None else min(best, total)
    assert best is not None
    return best / n


def test_reader_order_is_the_best_possible_and_three_is_out_of_reach() -> None:
    # Exhaustive over flat orders and one level of groups: with Play/Pause at 1 step, an
    # average of 3 is possible for at most 5 actions; 8 actions need 31 / 8 = 3.875.
    assert _best_average(5) == 3.0
    assert _best_average(6) > 3.0
    assert _best_average(8) == 31 / 8
    assert average_steps(scan_steps(READER_SCAN_TARGETS)) == _best_average(8)


def test_scan_steps_to_single_action() -> None:
    assert scan_steps_to(READER_SCAN_TARGETS, "faster") == 4
    targets = [ScanTarget(f"doc{i}", "d", "Documents") for i in range(1, 61)]
    assert scan_steps_to(targets, "doc40") == 14 == simulate(targets, "doc40")
