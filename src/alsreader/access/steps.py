"""How many scan steps each action costs, and the reader screen's scan order.

A *step* is one highlight move (an auto-scan interval in one-switch mode, a ``move`` press in
two-switch mode) or one ``select`` press, counted from the highlight on the first target (right
after a wake press, which is not counted). So the first target costs 1 (one select), the third
top-level target costs 3 (two moves, one select), and the second target inside a group that is
itself the second top-level entry costs 2 + 2 = 4.

Why the reader groups some actions: every step is a binary event (press or wait), so with
Play/Pause fixed at 1 step no order of 8 actions can average under 3.875 steps (exhaustive
search over flat orders and one level of groups, see ``tests/unit/test_scanner_steps.py``); an
average of 3 is reachable only for 5 actions or fewer. :data:`READER_SCAN_TARGETS` reaches that
optimum for the eight main actions and keeps every one of them within 5 steps.
"""

from __future__ import annotations

from collections.abc import Sequence

from alsreader.access.scanner import ScanEntry, ScanTarget, build_levels

READER_ACTIONS: tuple[str, ...] = (
    "play_pause",
    "next_sentence",
    "previous_sentence",
    "sections",
    "slower",
    "faster",
    "bookmark",
    "help",
)
"""The reader screen's main actions, the set the step average is taken over."""

READER_SCAN_TARGETS: tuple[ScanTarget, ...] = (
    ScanTarget("play_pause", "Play or pause"),
    ScanTarget("next_sentence", "Next sentence", "Go to"),
    ScanTarget("previous_sentence", "Previous sentence", "Go to"),
    ScanTarget("sections", "Sections", "Go to"),
    ScanTarget("next_section", "Next section", "Go to"),
    ScanTarget("previous_section", "Previous section", "Go to"),
    ScanTarget("faster", "Faster", "Pace"),
    ScanTarget("slower", "Slower", "Pace"),
    ScanTarget("bookmark", "Bookmark"),
    ScanTarget("help", "Help"),
)
"""The reader screen's scan order: Play/Pause; Go to (sentences, sections); Pace; Bookmark; Help."""


def scan_steps(targets: Sequence[ScanTarget], group_threshold: int = 8) -> dict[str, int]:
    """Steps from rest to activate every target, keyed by target id, in scan order."""
    top, children = build_levels(targets, group_threshold)
    steps: dict[str, int] = {}

    def walk(entries: Sequence[ScanEntry], spent: int) -> None:
        for index, entry in enumerate(entries):
            cost = spent + index + 1
            if entry.kind == "item":
                steps[entry.id] = cost
            elif entry.kind == "group":
                walk(children[entry.id], cost)

    walk(top, 0)
    return {t.id: steps[t.id] for t in targets}


def scan_steps_to(
    targets: Sequence[ScanTarget], action_id: str, group_threshold: int = 8
) -> int:
    """Steps from rest to activate ``action_id``; KeyError if it is not among ``targets``."""
    return scan_steps(targets, group_threshold)[action_id]


def reader_steps_table() -> list[tuple[str, str, int]]:
    """(action id, where it is scanned, steps) for the reader screen, in scan order."""
    steps = scan_steps(READER_SCAN_TARGETS)
    return [(t.id, t.group or "top level", steps[t.id]) for t in READER_SCAN_TARGETS]


def average_steps(steps: dict[str, int], actions: Sequence[str] = READER_ACTIONS) -> float:
    """Mean steps over ``actions``."""
    return sum(steps[a] for a in actions) / len(actions)


def reader_steps_markdown() -> str:
    """The reader's steps as a Markdown table (for the README)."""
    rows = ["| Action | Scanned in | Steps from rest |", "|---|---|---|"]
    rows += [f"| {a} | {where} | {n} |" for a, where, n in reader_steps_table()]
    steps = scan_steps(READER_SCAN_TARGETS)
    rows.append(
        f"\nAverage over the {len(READER_ACTIONS)} main actions: "
        f"{average_steps(steps):.2f} steps; over all {len(steps)}: "
        f"{average_steps(steps, list(steps)):.2f}."
    )
    return "\n".join(rows)
