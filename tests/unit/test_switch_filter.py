"""SwitchFilter: hold duration and ignore repeat, with and without visible key releases."""

from __future__ import annotations

from alsreader.access.switch_filter import SwitchFilter, Verdict

A, P, IG, N = Verdict.ACCEPTED, Verdict.PENDING, Verdict.IGNORED, Verdict.NONE


def test_no_filtering_accepts_every_press() -> None:
    f = SwitchFilter(key_releases=True)
    for t in (0.0, 0.05, 0.1):
        assert f.down("select", t) is A
        assert f.up("select", t + 0.01) is N


def test_ignore_repeat_counts_from_the_last_accepted_press() -> None:
    f = SwitchFilter(ignore_repeat=0.3, key_releases=True)
    verdicts = []
    for i in range(6):  # a steady 5 Hz tremor
        verdicts.append(f.down("select", i * 0.2))
        f.up("select", i * 0.2 + 0.01)
    # Ignored presses do not extend the window, so a steady tremor cannot lock the switch out.
    assert verdicts == [A, IG, A, IG, A, IG]


def test_ignore_repeat_spans_both_switches() -> None:
    f = SwitchFilter(ignore_repeat=0.3, key_releases=True)
    assert f.down("select", 0.0) is A
    assert f.down("move", 0.1) is IG
    assert f.down("move", 0.5) is IG  # still the same physical press of "move" (no release)
    f.up("move", 0.55)
    assert f.down("move", 0.6) is A


def test_hold_duration_with_releases() -> None:
    f = SwitchFilter(hold_duration=0.5, key_releases=True)
    assert f.down("select", 0.0) is P
    assert f.poll(0.49) == []
    assert f.up("select", 0.49) is IG
    assert f.down("select", 1.0) is P
    assert f.has_pending(1.2)
    assert f.poll(1.5) == ["select"]
    assert not f.has_pending(1.6)
    assert f.up("select", 2.0) is N


def test_hold_decided_at_release_without_polls() -> None:
    f = SwitchFilter(hold_duration=0.5, key_releases=True)
    assert f.down("select", 0.0) is P
    assert f.up("select", 0.5) is A


def test_terminal_key_repeats_of_a_held_key_are_one_press() -> None:
    f = SwitchFilter()  # no releases: a held key is a stream of downs
    stream = [0.0] + [0.5 + 0.033 * i for i in range(30)]
    verdicts = [f.down("select", t) for t in stream]
    assert verdicts.count(A) == 1
    assert verdicts[0] is A
    # After the repeats stop, the next down is a new press.
    assert f.down("select", stream[-1] + 0.3) is A


def test_terminal_hold_needs_auto_repeat() -> None:
    f = SwitchFilter(hold_duration=0.6)
    assert f.down("select", 0.0) is P
    assert f.poll(0.65) == []  # no repeat yet: could be a tap
    assert f.poll(0.75) == []  # no repeat within 0.7 s: it was a tap, dropped
    assert not f.has_pending(0.75)
    assert f.down("select", 2.0) is P
    assert f.down("select", 2.5) is P  # first auto-repeat, 0.5 s: not yet 0.6 s
    assert f.down("select", 2.533) is P
    assert f.poll(2.6) == ["select"]


def test_terminal_tremor_burst_is_not_a_hold() -> None:
    f = SwitchFilter(hold_duration=0.5)
    accepted = [v for i in range(10) if (v := f.down("select", i * 0.02)) is A]
    accepted += [A for t in (0.25, 0.35, 0.5, 0.6, 1.0) for _ in f.poll(t)]
    assert accepted == []


def test_up_without_down_is_harmless() -> None:
    f = SwitchFilter(hold_duration=0.5, key_releases=True)
    assert f.up("select", 1.0) is N
    assert f.poll(2.0) == []
    f.reset()
    assert f.last_accepted is None


def test_terminal_two_quick_taps_are_two_presses() -> None:
    """Issue 14: taps 0.35-0.65 s apart were one press (the 0.7 s repeat delay swallowed
    them although ignore_repeat was 0.3 s)."""
    for gap in (0.35, 0.45, 0.55, 0.65):
        f = SwitchFilter(ignore_repeat=0.3)
        assert f.down("move", 0.0) is A
        assert f.down("move", gap) is P  # a tap or a held key's first repeat: wait and see
        assert f.has_pending(gap + 0.05)
        assert f.poll(gap + 0.05) == []
        assert f.poll(gap + 0.2) == ["move"], gap  # no rapid repeats followed: a tap
        assert f.last_accepted == gap
        assert f.down("move", gap + 0.6) in (A, P)  # and a third tap counts too


def test_terminal_a_held_key_still_selects_once_whatever_its_repeat_delay() -> None:
    for delay in (0.25, 0.4, 0.5, 0.66):
        f = SwitchFilter(ignore_repeat=0.1)
        stream = [0.0] + [delay + 0.033 * i for i in range(30)]
        verdicts = [f.down("select", t) for t in stream]
        polled = [switch for t in stream for switch in f.poll(t + 0.01)]
        assert verdicts.count(A) == 1, delay
        assert polled == [], delay


def test_terminal_second_tap_inside_ignore_repeat_is_dropped() -> None:
    f = SwitchFilter(ignore_repeat=0.5)
    assert f.down("select", 0.0) is A
    assert f.down("select", 0.35) is IG
    assert f.poll(0.6) == []


def test_terminal_a_tap_decided_by_the_next_down_when_nobody_polled() -> None:
    f = SwitchFilter(ignore_repeat=0.3)
    assert f.down("select", 0.0) is A
    assert f.down("select", 0.4) is P
    assert f.down("select", 0.8) is A  # the 0.4 tap, decided now
    assert f.last_accepted == 0.4
