"""Property: any sequence of presses, releases, ticks and setting changes never crashes, and the
highlight is always an entry that exists (or nothing)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from alsreader.access.clock import FakeClock
from alsreader.access.scanner import (
    PLAY_PAUSE,
    Scanner,
    ScanSettings,
    ScanTarget,
    build_levels,
)
from alsreader.access.steps import READER_SCAN_TARGETS


def _library(n: int) -> tuple[ScanTarget, ...]:
    docs = [ScanTarget(f"doc{i}", f"Doc {i}", "Documents") for i in range(n)]
    return (ScanTarget("close", "Close"), *docs)


TARGET_SETS = [READER_SCAN_TARGETS, _library(0), _library(3), _library(30), _library(70), ()]

ops = st.one_of(
    st.tuples(st.just("tick"), st.floats(0.0, 5.0)),
    st.tuples(st.just("press"), st.sampled_from(["select", "move"])),
    st.tuples(st.just("release"), st.sampled_from(["select", "move"])),
    st.tuples(st.just("reading"), st.booleans()),
    st.tuples(st.just("targets"), st.integers(0, len(TARGET_SETS) - 1)),
    st.tuples(st.just("mode"), st.sampled_from(["keys", "one-switch", "two-switch", "dwell"])),
    st.tuples(st.just("start"), st.none()),
)

timings = st.builds(
    ScanSettings,
    mode=st.sampled_from(["one-switch", "two-switch"]),
    scan_interval=st.floats(0.0, 3.0),
    first_item_pause=st.floats(0.0, 2.0),
    loops=st.integers(0, 3),
    hold_duration=st.floats(0.0, 1.0),
    ignore_repeat=st.floats(0.0, 1.0),
    selection_delay=st.floats(0.0, 1.0),
)


def _valid_ids(targets: tuple[ScanTarget, ...]) -> set[str]:
    top, children = build_levels(targets)
    ids = {e.id for e in top}
    for entries in children.values():
        ids |= {e.id for e in entries}
    return ids


@settings(max_examples=300, deadline=None)
@given(timings, st.booleans(), st.lists(ops, max_size=60))
def test_any_input_keeps_a_valid_highlight(
    timing: ScanSettings, key_releases: bool, script: list[tuple[str, object]]
) -> None:
    clock = FakeClock()
    scanner = Scanner(timing, clock, key_releases=key_releases)
    targets: tuple[ScanTarget, ...] = READER_SCAN_TARGETS
    scanner.set_targets(targets)
    scanner.start()
    for op, arg in script:
        if op == "tick":
            assert isinstance(arg, float)
            clock.advance(arg)
            result = scanner.tick()
        elif op == "press":
            result = scanner.press(str(arg))
        elif op == "release":
            result = scanner.release(str(arg))
        elif op == "reading":
            scanner.reading = bool(arg)
            continue
        elif op == "targets":
            assert isinstance(arg, int)
            targets = TARGET_SETS[arg]
            scanner.set_targets(targets)
            continue
        elif op == "mode":
            scanner.mode = arg  # type: ignore[assignment]
            continue
        else:
            scanner.start()
            continue
        target_ids = {t.id for t in targets}
        if result.kind == "activated":
            assert result.target in target_ids | {PLAY_PAUSE}
        highlighted = scanner.highlighted
        assert highlighted is None or highlighted in _valid_ids(targets)
        if scanner.resting or not scanner.active:
            assert highlighted is None
