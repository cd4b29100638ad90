"""Tremor: bursts of 10 presses in 200 ms for 30 s give exactly one selection per burst."""

from __future__ import annotations

import random

import pytest

from alsreader.access.clock import FakeClock
from alsreader.access.scanner import ScanEntry, Scanner, ScanResult, ScanSettings
from alsreader.access.steps import READER_SCAN_TARGETS

SETTINGS = ScanSettings(mode="one-switch", ignore_repeat=0.3)


def _level(scanner: Scanner) -> tuple[ScanEntry, ...]:
    """The entries being scanned (the top level or the group the highlight is in)."""
    for entry in scanner.top_entries:
        if entry.kind == "group" and scanner.highlighted_entry in scanner.entries_of(entry.id):
            return scanner.entries_of(entry.id)
    return scanner.top_entries


def intended(scanner: Scanner, switch: str) -> ScanResult:
    """What one deliberate press does right now."""
    if switch == "move" and scanner.mode == "two-switch":
        level = _level(scanner)
        at = level.index(scanner.highlighted_entry)
        return ScanResult("highlight_moved", level[(at + 1) % len(level)].id)
    if scanner.resting:
        return ScanResult("woke", "play_pause")
    entry = scanner.highlighted_entry
    assert entry is not None
    if entry.kind == "item":
        return ScanResult("activated", entry.id)
    if entry.kind == "group":
        return ScanResult("entered_group", entry.id)
    return ScanResult("left_group", None)


@pytest.mark.parametrize("key_releases", [False, True])
@pytest.mark.parametrize("mode", ["one-switch", "two-switch"])
def test_bursts_give_one_selection_each(key_releases: bool, mode: str) -> None:
    clock = FakeClock()
    heard: list[ScanResult] = []
    scanner = Scanner(
        SETTINGS, clock, mode, key_releases=key_releases, listener=heard.append  # type: ignore[arg-type]
    )
    scanner.set_targets(READER_SCAN_TARGETS)
    scanner.start()
    rng = random.Random(5)
    start = clock.now()
    expected: list[ScanResult] = []
    got: list[ScanResult] = []
    bursts = 0
    while clock.now() - start < 30.0:
        # Quiet time between bursts, ticking like the UI's 50 ms timer.
        for _ in range(rng.randint(10, 60)):
            clock.advance(0.05)
            scanner.tick()
        switch = rng.choice(["select", "move"]) if mode == "two-switch" else "select"
        want = intended(scanner, switch)
        if want.kind == "left_group":
            want = ScanResult("left_group", scanner.highlighted and _parent(scanner))
        expected.append(want)
        bursts += 1
        for _ in range(10):  # 10 presses in 200 ms
            result = scanner.press(switch)
            if key_releases:
                clock.advance(0.008)
                scanner.release(switch)
                clock.advance(0.012)
            else:
                clock.advance(0.02)
            if result.kind not in ("ignored", "none"):
                got.append(result)
            scanner.tick()
    assert bursts >= 10
    assert got == expected
    selections = {"activated", "entered_group", "left_group", "woke"}
    assert [r for r in heard if r.kind in selections] == [
        r for r in expected if r.kind in selections
    ]
    assert sum(r.kind == "activated" for r in got) >= 3
    assert sum(r.kind == "ignored" for r in heard) == 9 * bursts


def _parent(scanner: Scanner) -> str:
    # Back returns to the group entry that was entered: the one whose children hold the highlight.
    for entry in scanner.top_entries:
        if entry.kind == "group" and scanner.highlighted_entry in scanner.entries_of(entry.id):
            return entry.id
    raise AssertionError("Back outside a group")
