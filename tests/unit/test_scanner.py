"""Scanner behaviour under a fake clock: every timing setting, groups, modes, reading interrupt."""

from __future__ import annotations

from dataclasses import replace

import pytest

from alsreader.access.clock import FakeClock
from alsreader.access.scanner import (
    BACK_ID,
    PLAY_PAUSE,
    Scanner,
    ScanResult,
    ScanSettings,
    ScanTarget,
)

EPS = 0.01
READER = [
    ScanTarget("play_pause", "Play"),
    ScanTarget("next_sentence", "Next"),
    ScanTarget("faster", "Faster"),
]
BASE = ScanSettings(
    mode="one-switch",
    scan_interval=1.0,
    first_item_pause=0.7,
    loops=2,
    hold_duration=0.0,
    ignore_repeat=0.3,
    selection_delay=0.5,
)


def make(
    settings: ScanSettings = BASE,
    targets: list[ScanTarget] | None = None,
    *,
    mode: str | None = None,
    key_releases: bool = False,
) -> tuple[Scanner, FakeClock]:
    clock = FakeClock()
    scanner = Scanner(settings, clock, mode, key_releases=key_releases)  # type: ignore[arg-type]
    scanner.set_targets(READER if targets is None else targets)
    scanner.start()
    return scanner, clock


def wait(
    scanner: Scanner, clock: FakeClock, seconds: float, step: float = 0.05
) -> list[ScanResult]:
    """Tick like a 20 Hz UI timer for ``seconds``; return every non-empty result."""
    results = []
    end = clock.now() + seconds
    while clock.now() < end - 1e-9:
        clock.advance(min(step, end - clock.now()))
        r = scanner.tick()
        if r.kind != "none":
            results.append(r)
    return results


def test_start_highlights_play_pause_first() -> None:
    scanner, _ = make()
    assert scanner.highlighted == "play_pause"
    assert not scanner.resting


def test_first_item_gets_interval_plus_first_item_pause() -> None:
    scanner, clock = make()
    wait(scanner, clock, 1.7 - EPS)
    assert scanner.highlighted == "play_pause"
    wait(scanner, clock, 2 * EPS)
    assert scanner.highlighted == "next_sentence"


def test_later_items_get_the_scan_interval() -> None:
    settings = replace(BASE, scan_interval=2.0, first_item_pause=0.0)
    scanner, clock = make(settings)
    wait(scanner, clock, 2.0 + EPS)
    assert scanner.highlighted == "next_sentence"
    wait(scanner, clock, 2.0 - 2 * EPS)
    assert scanner.highlighted == "next_sentence"
    wait(scanner, clock, 2 * EPS)
    assert scanner.highlighted == "faster"


def test_first_item_pause_applies_again_after_wrapping() -> None:
    scanner, clock = make(replace(BASE, loops=0))
    wait(scanner, clock, 1.7 + 1.0 + 1.0 + EPS)  # play, next, faster -> back to play
    assert scanner.highlighted == "play_pause"
    wait(scanner, clock, 1.7 - 2 * EPS)
    assert scanner.highlighted == "play_pause"
    wait(scanner, clock, 2 * EPS)
    assert scanner.highlighted == "next_sentence"


def test_rests_after_loops_and_wake_press_does_not_select() -> None:
    scanner, clock = make()
    one_loop = 1.7 + 1.0 + 1.0
    wait(scanner, clock, 2 * one_loop - EPS)
    assert not scanner.resting
    results = wait(scanner, clock, 2 * EPS)
    assert scanner.resting
    assert scanner.highlighted is None
    assert results[-1].kind == "rested"
    wait(scanner, clock, 30.0)
    assert scanner.highlighted is None
    woke = scanner.press("select")
    assert woke == ScanResult("woke", "play_pause")
    assert scanner.highlighted == "play_pause"
    assert not scanner.resting
    clock.advance(0.8)  # past the auto-repeat window: a second tap, not the key still held
    assert scanner.press("select") == ScanResult("activated", "play_pause")


def test_loops_zero_never_rests() -> None:
    scanner, clock = make(replace(BASE, loops=0))
    wait(scanner, clock, 120.0, step=0.25)
    assert not scanner.resting
    assert scanner.highlighted in {"play_pause", "next_sentence", "faster"}


def test_a_press_restarts_the_loop_count() -> None:
    scanner, clock = make(replace(BASE, loops=1, first_item_pause=0.0))
    wait(scanner, clock, 1.0 + EPS)  # on next_sentence
    scanner.press("select")  # activates next_sentence; restart from play_pause
    wait(scanner, clock, 0.5 + 3.0 - 2 * EPS)
    assert not scanner.resting
    wait(scanner, clock, 4 * EPS)
    assert scanner.resting


def test_selection_delay_and_restart_from_play_pause() -> None:
    scanner, clock = make()
    wait(scanner, clock, 1.7 + 1.0 + EPS)
    assert scanner.highlighted == "faster"
    assert scanner.press("select") == ScanResult("activated", "faster")
    assert scanner.highlighted == "play_pause"
    # selection delay 0.5 + first item (1.0 + 0.7)
    wait(scanner, clock, 2.2 - EPS)
    assert scanner.highlighted == "play_pause"
    wait(scanner, clock, 2 * EPS)
    assert scanner.highlighted == "next_sentence"


def test_ignore_repeat_drops_presses_too_soon_after_the_last() -> None:
    scanner, clock = make(replace(BASE, ignore_repeat=0.5, selection_delay=0.0))
    assert scanner.press("select").kind == "activated"
    clock.advance(0.49)
    assert scanner.press("select").kind == "ignored"
    clock.advance(0.02)  # 0.51 after the accepted press; a new physical press (key_releases)
    # Without key releases, a down this close to the previous down is taken as auto-repeat.
    assert scanner.press("select").kind == "ignored"
    clock.advance(0.8)
    assert scanner.press("select").kind == "activated"


def test_ignore_repeat_with_visible_releases_is_exact() -> None:
    scanner, clock = make(replace(BASE, ignore_repeat=0.5), key_releases=True)
    assert scanner.press("select").kind == "activated"
    scanner.release("select")
    clock.advance(0.49)
    assert scanner.press("select").kind == "ignored"
    scanner.release("select")
    clock.advance(0.02)
    assert scanner.press("select").kind == "activated"


def test_hold_duration_short_press_is_ignored_long_press_counts() -> None:
    scanner, clock = make(replace(BASE, hold_duration=0.5), key_releases=True)
    assert scanner.press("select").kind == "pending"
    clock.advance(0.3)
    assert scanner.release("select").kind == "ignored"
    assert scanner.highlighted == "play_pause"
    clock.advance(0.5)
    assert scanner.press("select").kind == "pending"
    results = wait(scanner, clock, 0.45)
    assert results == []
    results = wait(scanner, clock, 0.1)
    assert results == [ScanResult("activated", "play_pause")]
    clock.advance(1.0)
    assert scanner.release("select").kind == "none"  # no second activation on release


def test_hold_duration_decided_on_release_when_no_tick_came() -> None:
    scanner, clock = make(replace(BASE, hold_duration=0.5), key_releases=True)
    scanner.press("select")
    clock.advance(0.6)
    assert scanner.release("select") == ScanResult("activated", "play_pause")


def test_hold_duration_inferred_from_key_repeats_in_a_terminal() -> None:
    scanner, clock = make(replace(BASE, hold_duration=0.8))  # no key releases
    # A tap: one key-down, no auto-repeat. Never counts. The highlight waits while the key
    # might still be down (0.7 s without a repeat), then scans on.
    assert scanner.press("select").kind == "pending"
    assert wait(scanner, clock, 1.7 + 0.7 - EPS) == []
    assert wait(scanner, clock, 0.1) == [ScanResult("highlight_moved", "next_sentence")]
    # A hold: key-down, then auto-repeat after 0.5 s every 33 ms until 1.2 s.
    clock.advance(0.2)
    assert scanner.press("select").kind == "pending"
    clock.advance(0.5)
    activated = []
    for _ in range(16):
        result = scanner.press("select")
        activated += [result] if result.kind == "activated" else []
        clock.advance(0.033)
        tick = scanner.tick()
        activated += [tick] if tick.kind == "activated" else []
    # The highlight waited for the hold: it selects what was highlighted when the press began.
    assert activated == [ScanResult("activated", "next_sentence")]


def test_two_switch_step_scan_has_no_auto_advance() -> None:
    scanner, clock = make(replace(BASE, ignore_repeat=0.0), mode="two-switch", key_releases=True)
    wait(scanner, clock, 60.0, step=0.5)
    assert scanner.highlighted == "play_pause"
    assert not scanner.resting
    for expected in ("next_sentence", "faster", "play_pause", "next_sentence"):
        assert scanner.press("move") == ScanResult("highlight_moved", expected)
        scanner.release("move")
        clock.advance(0.1)
    assert scanner.press("select") == ScanResult("activated", "next_sentence")
    assert scanner.highlighted == "play_pause"


def test_one_switch_mode_treats_any_switch_as_select() -> None:
    scanner, _ = make()
    assert scanner.press("move") == ScanResult("activated", "play_pause")


def test_reading_interrupt_pauses_first_then_scans_from_play_pause() -> None:
    scanner, clock = make()
    wait(scanner, clock, 1.7 + EPS)
    assert scanner.highlighted == "next_sentence"
    scanner.reading = True
    assert scanner.highlighted == "play_pause"
    wait(scanner, clock, 20.0)  # no scanning, no resting while reading
    assert scanner.highlighted == "play_pause"
    assert not scanner.resting
    result = scanner.press("select")
    assert result == ScanResult("activated", PLAY_PAUSE, interrupt=True)
    assert scanner.reading is False
    wait(scanner, clock, 2.2 - EPS)
    assert scanner.highlighted == "play_pause"
    wait(scanner, clock, 2 * EPS)
    assert scanner.highlighted == "next_sentence"


def test_reading_interrupt_in_two_switch_mode_with_move_switch() -> None:
    scanner, clock = make(mode="two-switch")
    scanner.press("move")
    clock.advance(1.0)
    scanner.reading = True
    assert scanner.press("move") == ScanResult("activated", PLAY_PAUSE, interrupt=True)
    assert scanner.highlighted == "play_pause"


def test_reading_interrupt_beats_waking_from_rest() -> None:
    scanner, clock = make()
    wait(scanner, clock, 10.0)
    assert scanner.resting
    scanner.reading = True
    assert scanner.press("select") == ScanResult("activated", PLAY_PAUSE, interrupt=True)
    assert scanner.highlighted == "play_pause"
    assert not scanner.resting


GROUPED = [
    ScanTarget("play_pause", "Play"),
    ScanTarget("next_sentence", "Next", "Go to"),
    ScanTarget("previous_sentence", "Previous", "Go to"),
    ScanTarget("faster", "Faster", "Pace"),
    ScanTarget("slower", "Slower", "Pace"),
    ScanTarget("help", "Help"),
]


def test_group_enter_select_and_back() -> None:
    settings = replace(BASE, mode="two-switch", ignore_repeat=0.0)
    scanner, clock = make(settings, GROUPED, key_releases=True)
    assert [e.id for e in scanner.top_entries] == ["play_pause", "Go to", "Pace", "help"]

    def tap(switch: str) -> ScanResult:
        result = scanner.press(switch)
        scanner.release(switch)
        clock.advance(0.1)
        return result

    assert tap("move") == ScanResult("highlight_moved", "Go to")
    assert scanner.highlighted_entry is not None
    assert scanner.highlighted_entry.members == ("next_sentence", "previous_sentence")
    assert tap("select") == ScanResult("entered_group", "Go to")
    assert scanner.highlighted == "next_sentence"
    assert tap("move") == ScanResult("highlight_moved", "previous_sentence")
    assert tap("move") == ScanResult("highlight_moved", BACK_ID)
    # Back undoes the wrong group choice and leaves the highlight on that group.
    assert tap("select") == ScanResult("left_group", "Go to")
    assert not scanner.in_group
    assert tap("move") == ScanResult("highlight_moved", "Pace")
    assert tap("select") == ScanResult("entered_group", "Pace")
    assert tap("move") == ScanResult("highlight_moved", "slower")
    assert tap("select") == ScanResult("activated", "slower")
    assert scanner.highlighted == "play_pause"
    assert not scanner.in_group


def test_auto_scan_inside_a_group_then_rest_returns_to_top() -> None:
    scanner, clock = make(replace(BASE, loops=1), GROUPED)
    wait(scanner, clock, 1.7 + EPS)
    assert scanner.highlighted == "Go to"
    scanner.press("select")
    assert scanner.highlighted == "next_sentence"
    # next 2.2 (delay+first), previous 1.0, back 1.0 -> rest after one loop
    wait(scanner, clock, 4.2 + EPS)
    assert scanner.resting
    assert scanner.press("select").kind == "woke"
    assert scanner.highlighted == "play_pause"
    assert not scanner.in_group


def library(n: int) -> list[ScanTarget]:
    return [ScanTarget(f"doc{i}", f"Document {i}", "Documents") for i in range(1, n + 1)]


def steps_to(scanner: Scanner, clock: FakeClock, target: str) -> int:
    """Drive one-switch auto-scan like a person: press when the highlight covers the target."""
    steps = 0
    for _ in range(500):
        entry = scanner.highlighted_entry
        assert entry is not None
        if target in entry.members:
            # A person's reaction time: past ignore repeat and the terminal's auto-repeat window.
            clock.advance(0.75)
            result = scanner.press("select")
            steps += 1
            if result.kind == "activated":
                assert result.target == target
                return steps
        else:
            move_at = scanner.next_move_at
            assert move_at is not None
            clock.set(move_at)
            assert scanner.tick().kind == "highlight_moved"
            steps += 1
    raise AssertionError("never reached")


def test_item_40_of_60_takes_far_fewer_than_40_steps() -> None:
    scanner, clock = make(replace(BASE, loops=0), library(60))
    assert [e.id for e in scanner.entries_of("Documents")][:2] == [
        "Documents:1-8",
        "Documents:9-16",
    ]
    # Enter the list (1), choose block 33-40 (5), choose its 8th document (8).
    assert steps_to(scanner, clock, "doc40") == 14


def test_wrong_block_is_undone_with_back() -> None:
    settings = replace(BASE, mode="two-switch", ignore_repeat=0.0)
    scanner, _clock = make(settings, library(60), key_releases=True)
    for switch in ("select", "select"):  # into Documents, into block 1-8
        scanner.press(switch)
        scanner.release(switch)
    assert scanner.highlighted == "doc1"
    for _ in range(8):
        scanner.press("move")
        scanner.release("move")
    assert scanner.highlighted == BACK_ID
    assert scanner.press("select") == ScanResult("left_group", "Documents:1-8")
    scanner.release("select")
    scanner.press("move")
    assert scanner.highlighted == "Documents:9-16"


def test_very_long_lists_nest_blocks() -> None:
    scanner, clock = make(replace(BASE, loops=0), library(500))
    assert len(scanner.entries_of("Documents")) <= 9
    assert steps_to(scanner, clock, "doc437") <= 25


def test_listener_hears_every_event() -> None:
    heard: list[ScanResult] = []
    clock = FakeClock()
    scanner = Scanner(BASE, clock, listener=heard.append)
    scanner.set_targets(READER)
    scanner.start()
    clock.advance(1.8)
    scanner.tick()
    scanner.press("select")
    clock.advance(0.1)
    scanner.press("select")
    assert [r.kind for r in heard] == ["highlight_moved", "activated", "ignored"]


def test_keys_and_dwell_modes_leave_the_scanner_inert() -> None:
    for mode in ("keys", "dwell"):
        scanner, _clock = make(mode=mode)
        assert scanner.highlighted is None
        assert scanner.press("select").kind == "none"
        assert scanner.tick().kind == "none"
    scanner.mode = "one-switch"
    assert scanner.highlighted == "play_pause"


def test_set_targets_restarts_from_the_first() -> None:
    scanner, clock = make()
    wait(scanner, clock, 1.7 + EPS)
    scanner.set_targets(GROUPED)
    assert scanner.highlighted == "play_pause"


def test_bad_input_is_refused_clearly() -> None:
    clock = FakeClock()
    with pytest.raises(ValueError, match="unknown access mode"):
        Scanner(BASE, clock, "three-switch")  # type: ignore[arg-type]
    scanner = Scanner(BASE, clock)
    with pytest.raises(ValueError, match="distinct ids"):
        scanner.set_targets([ScanTarget("a", "A"), ScanTarget("a", "A again")])
    with pytest.raises(ValueError, match="also a target id"):
        scanner.set_targets([ScanTarget("a", "A"), ScanTarget("b", "B", "a")])
    with pytest.raises(ValueError, match="unknown switch"):
        scanner.press("jump")


def test_no_targets_means_no_highlight_and_no_crash() -> None:
    scanner, clock = make(targets=[])
    assert scanner.highlighted is None
    assert scanner.press("select").kind in {"none", "ignored"}
    wait(scanner, clock, 5.0)
    assert scanner.highlighted is None
