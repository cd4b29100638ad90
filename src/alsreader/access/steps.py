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

from alsreader.access.scanner import ScanEntry, ScanSettings, ScanTarget, build_levels

READER_ACTIONS: tuple[str, ...] = (
    "play_pause",
    "next_sentence",
    "previous_sentence",
    "sections",
    "slower",
    "faster",
    "bookmark",
    "menu",
)
"""The reader screen's main actions, the set the step average is taken over."""

READER_SCAN_TARGETS: tuple[ScanTarget, ...] = (
    ScanTarget("play_pause", "Play or pause"),
    ScanTarget("next_sentence", "Next sentence", "Go to"),
    ScanTarget("previous_sentence", "Previous sentence", "Go to"),
    ScanTarget("repeat", "Repeat the sentence", "Go to"),
    ScanTarget("next_section", "Next section", "Go to"),
    ScanTarget("previous_section", "Previous section", "Go to"),
    ScanTarget("next_paragraph", "Next paragraph", "Go to"),
    ScanTarget("previous_paragraph", "Previous paragraph", "Go to"),
    ScanTarget("sections", "Sections"),
    ScanTarget("faster", "Faster", "Pace"),
    ScanTarget("slower", "Slower", "Pace"),
    ScanTarget("bookmark", "Bookmark"),
    ScanTarget("menu", "Menu"),
    ScanTarget("talk", "Talk"),
)
"""The reader screen's scan order: Play/Pause; Go to (sentences, sections, paragraphs);
Sections (the list, to jump); Pace; Bookmark; Menu (library, help, quit, sleep timer,
settings, Talk, and the paragraph and section steps for a pointer); Talk (speak for me).
What is used every minute comes first; leaving the book is one level down, so a stray
selection cannot. The paragraph steps come last in Go to, and Talk last of all, so adding
them moved no other action."""

MENU_SCAN_TARGETS: tuple[ScanTarget, ...] = (
    ScanTarget("library", "Library"),
    ScanTarget("help", "Help"),
    ScanTarget("quit", "Quit"),
    ScanTarget("sleep_timer", "Sleep timer"),
    ScanTarget("settings", "Settings"),
    ScanTarget("talk", "Talk"),
    ScanTarget("next_paragraph", "Next paragraph"),
    ScanTarget("previous_paragraph", "Previous paragraph"),
    ScanTarget("next_section", "Next section"),
    ScanTarget("previous_section", "Previous section"),
    ScanTarget("close_menu", "Back to reading"),
)
"""The reader's menu (a dialog of large controls), in scan order."""

QUIT_SCAN_TARGETS: tuple[ScanTarget, ...] = (
    ScanTarget("keep_reading", "Keep reading"),
    ScanTarget("confirm_quit", "Quit"),
)
"""The quit confirmation: keeping on is first, so a selection too soon does no harm."""

CLOSE_LIST = "close_list"
"""The target that closes the section list without jumping."""


def list_targets(count: int, prefix: str = "option", group: str = "Sections",
                 group_threshold: int = 8) -> tuple[ScanTarget, ...]:
    """The section list while choosing: its rows (one group when there are more than
    ``group_threshold``, scanned in blocks), then Close."""
    row_group = group if count > group_threshold else None
    rows = tuple(ScanTarget(f"{prefix}:{index}", f"Row {index + 1}", row_group)
                 for index in range(count))
    return (*rows, ScanTarget(CLOSE_LIST, "Close the list"))


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


def scan_seconds(
    targets: Sequence[ScanTarget],
    action_id: str,
    settings: ScanSettings | None = None,
    *,
    start: float = 0.0,
    last_press: float | None = None,
    group_threshold: int = 8,
) -> float:
    """When the press that activates ``action_id`` lands, in one-switch auto-scan.

    The level starts at ``start`` with the highlight on its first entry (after a wake press,
    or as a new screen's targets arrive). The person presses the moment the wanted entry is
    highlighted, but never sooner than ``ignore_repeat`` after their previous press
    (``last_press``), which the scanner would drop.
    """
    s = settings or ScanSettings(mode="one-switch")
    top, children = build_levels(targets, group_threshold)

    def press_at(highlighted: float, previous: float | None) -> float:
        if previous is None:
            return highlighted
        return max(highlighted, previous + s.ignore_repeat + 0.05)

    def walk(entries: Sequence[ScanEntry], since: float, extra: float,
             previous: float | None) -> float | None:
        for index, entry in enumerate(entries):
            shown = since if index == 0 else (
                since + extra + s.first_item_pause + index * s.scan_interval)
            if action_id in entry.members:
                pressed = press_at(shown, previous)
                if entry.kind == "item":
                    return pressed
                # Entering a group: its first entry waits the selection delay as well.
                return walk(children[entry.id], pressed, s.selection_delay, pressed)
        return None

    found = walk(top, start, 0.0, last_press)
    if found is None:
        raise KeyError(action_id)
    return found


def chain(
    *steps: tuple[Sequence[ScanTarget], str],
    settings: ScanSettings | None = None,
) -> tuple[int, float]:
    """Steps and seconds from rest for actions done one after another, each on the targets
    the one before leaves on screen (the reader, then its menu, then the quit dialog)."""
    total_steps = 0
    when: float | None = None
    for targets, action in steps:
        total_steps += scan_steps_to(targets, action)
        start = 0.0 if when is None else when
        when = scan_seconds(targets, action, settings, start=start, last_press=when)
    return total_steps, when or 0.0


def common_actions(sections: int = 6) -> list[tuple[str, int, float]]:
    """(what the person does, scan steps, seconds at default timings) for the README."""
    reader = READER_SCAN_TARGETS
    rows = [
        ("Play or pause", chain((reader, "play_pause"))),
        ("Next sentence", chain((reader, "next_sentence"))),
        ("Previous sentence", chain((reader, "previous_sentence"))),
        ("Repeat the sentence", chain((reader, "repeat"))),
        ("Next section", chain((reader, "next_section"))),
        ("Previous section", chain((reader, "previous_section"))),
        ("Next paragraph", chain((reader, "next_paragraph"))),
        ("Previous paragraph", chain((reader, "previous_paragraph"))),
        ("Jump to section 4 (Sections, then the 4th row)",
         chain((reader, "sections"), (list_targets(sections), "option:3"))),
        ("Faster", chain((reader, "faster"))),
        ("Slower", chain((reader, "slower"))),
        ("Bookmark", chain((reader, "bookmark"))),
        ("Go to the library (Menu, Library)",
         chain((reader, "menu"), (MENU_SCAN_TARGETS, "library"))),
        ("Help (Menu, Help)", chain((reader, "menu"), (MENU_SCAN_TARGETS, "help"))),
        ("Sleep timer, next length (Menu, Sleep timer)",
         chain((reader, "menu"), (MENU_SCAN_TARGETS, "sleep_timer"))),
        ("Quit (Menu, Quit, then Quit again to confirm)",
         chain((reader, "menu"), (MENU_SCAN_TARGETS, "quit"),
               (QUIT_SCAN_TARGETS, "confirm_quit"))),
        ("Talk (the Talk screen: phrases, keyboard, alarm)", chain((reader, "talk"))),
    ]
    return [(label, steps, seconds) for label, (steps, seconds) in rows]


def common_actions_markdown(sections: int = 6) -> str:
    """:func:`common_actions` as a Markdown table."""
    lines = ["| Action | Steps | Seconds at default timings |", "|---|---|---|"]
    lines += [f"| {label} | {steps} | {seconds:.1f} |"
              for label, steps, seconds in common_actions(sections)]
    return "\n".join(lines)


def scan_places(targets: Sequence[ScanTarget], *, within: str = "",
                steps_before: int = 0) -> dict[str, str]:
    """Where each target is in a scan, in words, for the help: "Go to…, 3 steps".

    ``within`` names a dialog the targets are in ("Menu…"), reached after ``steps_before``.
    """
    steps = scan_steps(targets)
    places: dict[str, str] = {}
    for target in targets:
        where = [part for part in (within, f"{target.group}…" if target.group else "") if part]
        count = steps_before + steps[target.id]
        places[target.id] = ", ".join([*where, f"{count} step" + ("" if count == 1 else "s")])
    return places


def reader_scan_places() -> dict[str, str]:
    """The reader's actions and its menu's, placed in the scan (for the reader's help)."""
    places = scan_places(READER_SCAN_TARGETS)
    menu_steps = scan_steps(READER_SCAN_TARGETS)["menu"]
    for target_id, place in scan_places(MENU_SCAN_TARGETS, within="Menu…",
                                        steps_before=menu_steps).items():
        places.setdefault(target_id, place)
    return places


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


# --------------------------------------------------------------------------- the Talk screen

ATTENTION = "talk_alarm"
"""The Talk screen's alarm ("I need you"); copies inside groups are ``talk_alarm@<group>``."""

TALK_INSTANT_TARGETS: tuple[ScanTarget, ...] = (
    ScanTarget("talk_yes", "Yes"),
    ScanTarget(ATTENTION, "I need you"),
    ScanTarget("talk_no", "No"),
    ScanTarget("talk_help", "Help"),
    ScanTarget("talk_wait", "Wait"),
    ScanTarget("talk_thanks", "Thank you"),
    ScanTarget("talk_repeat", "Repeat last"),
)
"""The Talk screen's instant phrases, first in its scan: Yes is one step from entering the
screen, the alarm two, No three."""
TALK_PAGE_TARGETS: tuple[ScanTarget, ...] = (
    ScanTarget("talk_louder", "Say it louder"),
    ScanTarget("talk_type", "Type"),
    ScanTarget("talk_phrases", "Phrases"),
    ScanTarget("talk_history", "History"),
    ScanTarget("talk_leave", "Leave Talk"),
)
"""After the instant phrases (and the caregiver's own): say the last thing louder, the
keyboard, the categories of phrases, what was said lately, and leaving the screen."""


def talk_targets(own: Sequence[str] = ()) -> tuple[ScanTarget, ...]:
    """The Talk screen's first page: the instant phrases, the caregiver's own (``own``, their
    labels; ids ``talk_own:<n>``), then the other pages."""
    mine = tuple(ScanTarget(f"talk_own:{index}", label) for index, label in enumerate(own))
    return (*TALK_INSTANT_TARGETS, *mine, *TALK_PAGE_TARGETS)


def with_attention(targets: Sequence[ScanTarget], *, in_groups: bool = True
                   ) -> tuple[ScanTarget, ...]:
    """``targets`` with the alarm as the second entry of the top level (after the first
    entry, a target or a whole group) and, with ``in_groups``, the second of every group too,
    so it is at most two steps from wherever a scan starts (a page, a row, a block)."""
    if any(target.id.startswith(ATTENTION) for target in targets):
        return tuple(targets)
    found: list[ScanTarget] = []
    counted: dict[str, int] = {}
    top_entries = 0
    for target in targets:
        group = target.group
        starts_entry = group is None or group not in counted
        if starts_entry:
            top_entries += 1
            if top_entries == 2:
                found.append(ScanTarget(ATTENTION, "I need you"))
        found.append(target)
        if group is not None:
            counted[group] = counted.get(group, 0) + 1
            if in_groups and counted[group] == 1:
                found.append(ScanTarget(f"{ATTENTION}@{group}", "I need you", group))
    if top_entries < 2:
        found.append(ScanTarget(ATTENTION, "I need you"))
    return tuple(found)


def steps_to_nearest(targets: Sequence[ScanTarget], prefix: str = ATTENTION,
                     group_threshold: int = 8) -> dict[str, int]:
    """For every level a scan can start at (``"top"``, each group, each block), the steps
    from its first entry to the nearest target whose id starts with ``prefix`` (reached
    through that level's own entries; a large number when there is none)."""
    top, children = build_levels(targets, group_threshold)
    unreachable = 10_000

    def cheapest(entries: Sequence[ScanEntry], depth: int) -> int:
        best = unreachable
        for index, entry in enumerate(entries):
            cost = index + 1
            if entry.kind == "item" and entry.id.startswith(prefix):
                best = min(best, cost)
            elif entry.kind == "group" and depth < 4:
                best = min(best, cost + cheapest(children[entry.id], depth + 1))
        return best

    found = {"top": cheapest(top, 0)}
    for level, entries in children.items():
        found[level] = cheapest(entries, 0)
    return found


def talk_actions(own: Sequence[str] = ()) -> list[tuple[str, int, float]]:
    """(what the person does, scan steps, seconds at default timings) on the Talk screen's
    first page, from entering it, for the README and docs/talk.md."""
    targets = talk_targets(own)
    steps = scan_steps(targets)
    settings = ScanSettings(mode="one-switch")
    return [(target.label, steps[target.id], scan_seconds(targets, target.id, settings))
            for target in targets]


def talk_actions_markdown(own: Sequence[str] = ()) -> str:
    """:func:`talk_actions` as a Markdown table."""
    lines = ["| On the Talk screen | Steps | Seconds at default timings |", "|---|---|---|"]
    lines += [f"| {label} | {steps} | {seconds:.1f} |"
              for label, steps, seconds in talk_actions(own)]
    return "\n".join(lines)
