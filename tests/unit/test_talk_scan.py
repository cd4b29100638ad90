"""The Talk screen's scan: Yes in one step from entering it, the alarm within two steps of
wherever a scan starts (every page, every keyboard row, every block), checked with the same
step count as the README's table and against the real scanner."""

from __future__ import annotations

import pytest

from alsreader.access.clock import FakeClock
from alsreader.access.scanner import Scanner, ScanSettings, ScanTarget, build_levels
from alsreader.access.steps import (
    ATTENTION,
    scan_steps,
    steps_to_nearest,
    talk_actions,
    talk_targets,
    with_attention,
)
from alsreader.config.declaration import MOST_PREDICTIONS
from alsreader.talk.keyboard import keyboard_targets
from alsreader.talk.scan import KEYBOARD_BACK, SAVE_PHRASE, keyboard_page_targets


def test_yes_is_one_step_and_the_alarm_two_from_entering_the_screen() -> None:
    steps = scan_steps(talk_targets(["Call Anna"]))
    assert steps["talk_yes"] == 1
    assert steps[ATTENTION] == 2
    assert steps["talk_no"] == 3
    assert list(steps)[:7] == ["talk_yes", ATTENTION, "talk_no", "talk_help", "talk_wait",
                               "talk_thanks", "talk_repeat"]
    assert steps["talk_own:0"] == 8  # the caregiver's own come right after the built-in ones
    assert max(steps_to_nearest(talk_targets()).values()) == 2


@pytest.mark.parametrize("words", [[], ["the"], ["a", "b", "c", "d", "e"],
                                   [f"w{n}" for n in range(MOST_PREDICTIONS)]])
def test_the_alarm_is_two_steps_from_anywhere_on_the_keyboard(words: list[str]) -> None:
    targets = keyboard_page_targets(words)
    _top, children = build_levels(targets)
    nearest = steps_to_nearest(targets)
    assert set(nearest) == {"top", *children}  # every row is a level of its own ...
    assert all(not level.count(":") or "-" not in level for level in children)  # no blocks
    assert max(nearest.values()) <= 2, nearest  # ... and the alarm is two steps from each
    # The keyboard's own targets come in the keyboard's order, the page's after them.
    own = [t.id for t in targets if not t.id.startswith(ATTENTION)]
    assert own == [*(t.id for t in keyboard_targets(words)), SAVE_PHRASE, KEYBOARD_BACK]


def test_with_attention_places_the_alarm_second_on_a_page() -> None:
    page = [ScanTarget("a", "A"), ScanTarget("b", "B"), ScanTarget("back", "Back")]
    placed = with_attention(page, in_groups=False)
    assert [t.id for t in placed] == ["a", ATTENTION, "b", "back"]
    assert [t.id for t in with_attention([ScanTarget("back", "Back")])] == ["back", ATTENTION]
    assert with_attention(placed) == placed


def test_the_real_scanner_reaches_the_alarm_in_two_steps_inside_a_row() -> None:
    targets = keyboard_page_targets(["the", "of"])
    clock = FakeClock()
    scanner = Scanner(ScanSettings(mode="two-switch", ignore_repeat=0.0), clock)
    scanner.set_targets(targets)
    scanner.start()
    # Deep in the keyboard: enter the third letter row (Words, the alarm, then the rows).
    row = scanner.top_entries[4]
    assert row.kind == "group"
    assert "key:" in row.members[0]
    for _ in range(4):
        scanner.press("move")
        clock.advance(1.0)
    assert scanner.highlighted == row.id
    assert scanner.press("select").kind == "entered_group"
    clock.advance(1.0)
    assert scanner.press("move").kind == "highlight_moved"  # step 1
    clock.advance(1.0)
    result = scanner.press("select")  # step 2
    assert result.kind == "activated"
    assert result.target is not None
    assert result.target.startswith(ATTENTION)


def test_the_talk_table_for_the_readme() -> None:
    rows = {label: (steps, seconds) for label, steps, seconds in talk_actions()}
    assert rows["Yes"] == (1, 0.0)
    assert rows["I need you"][0] == 2
    assert rows["I need you"][1] < 2.0


def test_without_the_alarm_in_every_row_it_is_still_two_steps_between_rows() -> None:
    targets = keyboard_page_targets(["the", "of"], alarm_in_rows=False)
    nearest = steps_to_nearest(targets)
    assert nearest["top"] == 2  # after every key chosen, the scan starts here
    assert [t.id for t in targets].count(ATTENTION) == 1
    assert not any(t.id.startswith(f"{ATTENTION}@") for t in targets)
