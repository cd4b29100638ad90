"""Switch scanning: one-switch auto-scan and two-switch step-scan over a screen's targets.

Pure logic with an injectable :class:`~alsreader.access.clock.Clock`; the UI owns the timer and
the drawing. The UI:

1. builds a :class:`Scanner` and gives it the screen's targets with :meth:`Scanner.set_targets`
   (fixed scan order, Play/Pause first);
2. calls :meth:`Scanner.tick` from a timer (every ~50 ms) and :meth:`Scanner.press` /
   :meth:`Scanner.release` when a switch key arrives;
3. draws :attr:`Scanner.highlighted_entry` (its ``members`` are the target ids to outline) and
   acts on any :class:`ScanResult` of kind ``activated``.

Scan structure
--------------
Targets with ``group=None`` are scanned one by one. Targets sharing a group name are one entry
("the group") at the place of the group's first target; selecting it enters the group, whose
targets are then scanned one by one, followed by a **Back** entry that returns to the group
(so a wrong choice is undone in one selection). A group with more than ``group_threshold``
targets is scanned in **blocks** of about sqrt(n) targets (at most 8, see :func:`block_size`):
select a block, then a target in it. Reaching target 40 of 60 takes 1 + 5 + 8 = 14 steps
(enter the group, choose block 5, choose its 8th target) instead of 40.

Steps
-----
A *step* is one highlight move (an auto-scan interval in one-switch mode, a ``move`` press in
two-switch mode) or one ``select`` press. Counting starts with the highlight on the first
target (just after a wake press, which is not counted): Play/Pause is 1 step (one select).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from alsreader.access.clock import Clock
from alsreader.access.switch_filter import SwitchFilter, Verdict

AccessMode = Literal["keys", "one-switch", "two-switch", "dwell"]
"""How the person drives the app: ordinary keys, one switch, two switches, or pointer dwell."""

ACCESS_MODES: tuple[AccessMode, ...] = ("keys", "one-switch", "two-switch", "dwell")
"""Every access mode, in the order settings show them."""

SCANNING_MODES: tuple[AccessMode, ...] = ("one-switch", "two-switch")
"""The modes in which the scanner is active."""

SELECT = "select"
"""The switch that selects (the only switch in one-switch mode)."""
MOVE = "move"
"""The switch that moves the highlight one step (two-switch mode)."""
SWITCHES = (SELECT, MOVE)
"""Every switch id the scanner understands."""

PLAY_PAUSE = "play_pause"
"""The target every press activates while reading (pause first), and where scanning restarts."""
BACK_ID = "scan:back"
"""Id of the Back entry at the end of every group."""

MAX_BLOCK = 8
"""Largest block when a long group is split into blocks."""

ResultKind = Literal[
    "none",
    "ignored",
    "pending",
    "highlight_moved",
    "entered_group",
    "left_group",
    "activated",
    "woke",
    "rested",
]
"""What a press or tick led to."""


@dataclass(frozen=True)
class ScanSettings:
    """Switch-scanning timings in seconds (mirrors the config file's ``access`` section)."""

    mode: AccessMode = "keys"
    scan_interval: float = 1.0
    """How long the highlight stays on each entry in one-switch auto-scan."""
    first_item_pause: float = 0.7
    """Extra time on the first entry of a level, to get ready."""
    loops: int = 2
    """Full passes without a press before scanning rests (0 = never rest)."""
    hold_duration: float = 0.0
    """A press must last this long to count (0 = any press counts)."""
    ignore_repeat: float = 0.3
    """Presses this soon after the last accepted press are dropped (tremor)."""
    selection_delay: float = 0.5
    """Extra time the highlight waits after a selection before moving on."""
    dwell_time: float = 1.2
    """Pointer dwell: how long to rest on a target to activate it."""
    select_key: str = "space"
    """Key that acts as the select switch."""
    move_key: str = "enter"
    """Key that acts as the move switch (two-switch mode)."""


@dataclass(frozen=True)
class ScanTarget:
    """One thing on screen the person can activate, in scan order."""

    id: str
    """Action or widget id handed back on activation (for example ``play_pause``)."""
    label: str
    """Short name for spoken cues and the status line."""
    group: str | None = None
    """Name of the group this target is scanned in, or None to scan it on its own."""


@dataclass(frozen=True)
class ScanEntry:
    """One stop of the highlight: a target, a group or block of targets, or Back."""

    id: str
    label: str
    kind: Literal["item", "group", "back"]
    members: tuple[str, ...]
    """Target ids this entry covers (what the UI outlines); empty for Back."""


@dataclass(frozen=True)
class ScanResult:
    """The outcome of a press, release or tick."""

    kind: ResultKind
    target: str | None = None
    """The entry concerned: the activated target, the entered group, the new highlight."""
    interrupt: bool = False
    """True when this activation is the "any press pauses reading" rule: pause, do not toggle."""


NOTHING = ScanResult("none")


def build_levels(
    targets: Sequence[ScanTarget], group_threshold: int = 8
) -> tuple[list[ScanEntry], dict[str, list[ScanEntry]]]:
    """Turn targets into the top-level entries and each group's (or block's) entries.

    Raises ValueError for duplicate ids or a group named like a target.
    """
    ids = [t.id for t in targets]
    id_set = set(ids)
    if len(id_set) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"scan targets must have distinct ids; repeated: {', '.join(dupes)}")
    groups: dict[str, list[ScanTarget]] = {}
    for t in targets:
        if t.group is not None:
            if t.group in id_set or t.group == BACK_ID:
                raise ValueError(f"group name {t.group!r} is also a target id")
            groups.setdefault(t.group, []).append(t)
    top: list[ScanEntry] = []
    children: dict[str, list[ScanEntry]] = {}
    back = ScanEntry(BACK_ID, "Back", "back", ())
    for t in targets:
        if t.group is None:
            top.append(_item(t))
        elif groups[t.group][0] is t:
            members = groups[t.group]
            top.append(ScanEntry(t.group, t.group, "group", tuple(m.id for m in members)))
            children[t.group] = [*_blocks(t.group, members, group_threshold, children), back]
    return top, children


def _item(t: ScanTarget) -> ScanEntry:
    return ScanEntry(t.id, t.label, "item", (t.id,))


def _blocks(
    group: str,
    members: list[ScanTarget],
    threshold: int,
    children: dict[str, list[ScanEntry]],
    offset: int = 0,
) -> list[ScanEntry]:
    """A group's entries: its targets, or blocks of them when there are too many.

    Past 64 targets the blocks are themselves grouped, so no level scans more than 8 blocks.
    """
    n = len(members)
    if n <= max(1, threshold):
        return [_item(m) for m in members]
    size = block_size(n) if n <= MAX_BLOCK * MAX_BLOCK else -(-n // MAX_BLOCK)
    entries: list[ScanEntry] = []
    back = ScanEntry(BACK_ID, "Back", "back", ())
    for start in range(0, n, size):
        chunk = members[start : start + size]
        first, last = offset + start + 1, offset + start + len(chunk)
        block_id = f"{group}:{first}-{last}"
        label = f"{group} {first} to {last}"
        entries.append(ScanEntry(block_id, label, "group", tuple(m.id for m in chunk)))
        inner = _blocks(group, chunk, MAX_BLOCK, children, offset + start)
        children[block_id] = [*inner, back]
    return entries


def block_size(n: int) -> int:
    """Targets per block for a group of ``n``: the size (at most 8) with the fewest average steps.

    Near sqrt(n); for 60 targets it is 8, so target 40 is block 5, item 8: 13 steps in the group.
    """

    def total_steps(size: int) -> int:
        # Block k (1-based) costs k steps to choose, then item j in it costs j more.
        return sum(i // size + 1 + i % size + 1 for i in range(n))

    return min(range(2, MAX_BLOCK + 1), key=lambda size: (total_steps(size), -size))


@dataclass
class _Level:
    entries: list[ScanEntry]
    index: int = 0


class Scanner:
    """Moves a highlight over a screen's targets and turns switch presses into activations."""

    def __init__(
        self,
        settings: ScanSettings,
        clock: Clock,
        mode: AccessMode | None = None,
        *,
        key_releases: bool = False,
        listener: Callable[[ScanResult], None] | None = None,
    ) -> None:
        """Create an idle scanner; ``mode`` overrides ``settings.mode`` when given.

        ``key_releases`` says whether the UI will call :meth:`release` (terminals usually cannot;
        see :mod:`alsreader.access.switch_filter` for how holds are inferred without it).
        ``listener`` is called with every result other than ``none``.
        """
        self._clock = clock
        self._settings = settings
        self._mode: AccessMode = mode if mode is not None else settings.mode
        if self._mode not in ACCESS_MODES:
            raise ValueError(f"unknown access mode {self._mode!r}; use one of {ACCESS_MODES}")
        self._filter = SwitchFilter(
            settings.hold_duration, settings.ignore_repeat, key_releases=key_releases
        )
        self.listener = listener
        self._top: list[ScanEntry] = []
        self._children: dict[str, list[ScanEntry]] = {}
        self._stack: list[_Level] = []
        self._started = False
        self._resting = False
        self._reading = False
        self._passes = 0
        self._next_move_at = 0.0
        self._frozen_at: float | None = None

    # ---- configuration -------------------------------------------------------------------

    @property
    def settings(self) -> ScanSettings:
        """The timings in use."""
        return self._settings

    @settings.setter
    def settings(self, settings: ScanSettings) -> None:
        self._settings = settings
        self._filter.hold_duration = max(0.0, settings.hold_duration)
        self._filter.ignore_repeat = max(0.0, settings.ignore_repeat)

    @property
    def mode(self) -> AccessMode:
        """The access mode; the scanner only acts in one-switch and two-switch."""
        return self._mode

    @mode.setter
    def mode(self, mode: AccessMode) -> None:
        if mode not in ACCESS_MODES:
            raise ValueError(f"unknown access mode {mode!r}; use one of {ACCESS_MODES}")
        self._mode = mode
        if self._started:
            self.start()

    @property
    def active(self) -> bool:
        """Whether the current mode is a scanning mode."""
        return self._mode in SCANNING_MODES

    def set_targets(self, targets: Sequence[ScanTarget], group_threshold: int = 8) -> None:
        """Give the current screen's targets in scan order; restarts from the first one."""
        self._top, self._children = build_levels(targets, group_threshold)
        self._stack = [_Level(self._top)]
        self._passes = 0
        if self._started and not self._resting:
            self._place(0, self._clock.now())

    @property
    def top_entries(self) -> tuple[ScanEntry, ...]:
        """The top-level entries in scan order."""
        return tuple(self._top)

    def entries_of(self, group_id: str) -> tuple[ScanEntry, ...]:
        """The entries scanned inside a group or block (ending with Back)."""
        return tuple(self._children.get(group_id, ()))

    # ---- state ---------------------------------------------------------------------------

    @property
    def reading(self) -> bool:
        """Whether the document is being read aloud; set by the UI.

        While reading, the highlight rests on the first target (Play/Pause) and every accepted
        press returns ``activated play_pause`` with ``interrupt=True``. The scanner then clears
        this flag itself, so a second press before the UI catches up cannot resume reading.
        """
        return self._reading

    @reading.setter
    def reading(self, value: bool) -> None:
        if value == self._reading:
            return
        self._reading = value
        if value and self._started and not self._resting and self._top:
            self._stack = [_Level(self._top)]
            self._place(0, self._clock.now())
        elif not value and self._started and not self._resting and self._top:
            # Reading ended by itself: scan on from Play/Pause with a fresh first-item pause.
            self._passes = 0
            self._place(self._stack[-1].index, self._clock.now())

    @property
    def resting(self) -> bool:
        """True after ``loops`` passes without a press: no highlight until a press wakes it."""
        return self._resting

    @property
    def started(self) -> bool:
        """Whether :meth:`start` has been called (and :meth:`stop` not since)."""
        return self._started

    @property
    def highlighted_entry(self) -> ScanEntry | None:
        """The entry under the highlight, or None (idle, resting, other mode, no targets)."""
        if not (self.active and self._started) or self._resting or not self._stack:
            return None
        level = self._stack[-1]
        if not level.entries:
            return None
        return level.entries[level.index]

    @property
    def highlighted(self) -> str | None:
        """Id of the highlighted target, group, block or Back; None when nothing is."""
        entry = self.highlighted_entry
        return entry.id if entry is not None else None

    @property
    def in_group(self) -> bool:
        """Whether the highlight is inside a group or block."""
        return len(self._stack) > 1

    @property
    def next_move_at(self) -> float | None:
        """When auto-scan will next move the highlight, or None if it will not by itself."""
        if self._auto_moving():
            return self._next_move_at
        return None

    # ---- commands ------------------------------------------------------------------------

    def start(self) -> None:
        """Begin scanning at the first top-level target (with the first-item pause)."""
        self._started = True
        self._resting = False
        self._passes = 0
        self._filter.reset()
        self._stack = [_Level(self._top)]
        self._place(0, self._clock.now())

    def stop(self) -> None:
        """Stop scanning (no highlight) until :meth:`start`."""
        self._started = False
        self._resting = False
        self._filter.reset()

    def press(self, switch: str) -> ScanResult:
        """A key-down (or auto-repeat) of ``switch`` (``"select"`` or ``"move"``)."""
        self._check_switch(switch)
        if not self.active:
            return NOTHING
        now = self._clock.now()
        verdict = self._filter.down(switch, now)
        if verdict is Verdict.ACCEPTED:
            return self._emit(self._accept(switch, now))
        if verdict is Verdict.PENDING:
            if self._frozen_at is None:
                self._frozen_at = now
            return self._emit(ScanResult("pending", switch))
        return self._emit(ScanResult("ignored", switch))

    def release(self, switch: str) -> ScanResult:
        """A key release of ``switch``; decides a press that was waiting for its hold."""
        self._check_switch(switch)
        if not self.active:
            return NOTHING
        now = self._clock.now()
        verdict = self._filter.up(switch, now)
        if verdict is Verdict.ACCEPTED:
            return self._emit(self._accept(switch, now))
        if verdict is Verdict.IGNORED:
            return self._emit(ScanResult("ignored", switch))
        return NOTHING

    def tick(self) -> ScanResult:
        """Let time pass: complete held presses and move the auto-scan highlight when due."""
        if not self.active:
            return NOTHING
        now = self._clock.now()
        result = NOTHING
        for switch in self._filter.poll(now):
            result = self._emit(self._accept(switch, now))
        if self._filter.has_pending(now):
            # Hold the highlight still while a press is being held, so the hold selects what
            # was highlighted when the person began pressing.
            if self._frozen_at is None:
                self._frozen_at = now
            return result
        if self._frozen_at is not None:
            self._next_move_at += now - self._frozen_at
            self._frozen_at = None
        if self._auto_moving() and now >= self._next_move_at:
            result = self._emit(self._advance(self._next_move_at, by_timer=True))
            if now >= self._next_move_at:
                # The timer fell behind (a busy UI): give this entry its full time from now
                # rather than skipping entries the person never saw.
                self._re_place(now)
        return result

    def _re_place(self, now: float) -> None:
        if self._auto_moving():
            self._place(self._stack[-1].index, now)

    # ---- internals -----------------------------------------------------------------------

    def _check_switch(self, switch: str) -> None:
        if switch not in SWITCHES:
            raise ValueError(f"unknown switch {switch!r}; use one of {SWITCHES}")

    def _emit(self, result: ScanResult) -> ScanResult:
        if result.kind != "none" and self.listener is not None:
            self.listener(result)
        return result

    def _auto_moving(self) -> bool:
        return (
            self._mode == "one-switch"
            and self._started
            and not self._resting
            and not self._reading
            and bool(self._stack and self._stack[-1].entries)
        )

    def _place(self, index: int, since: float, extra: float = 0.0) -> None:
        """Put the highlight on ``index`` of the current level at time ``since``."""
        level = self._stack[-1]
        level.index = index
        self._frozen_at = None
        s = self._settings
        dwell = s.scan_interval + (s.first_item_pause if index == 0 else 0.0)
        # Never zero, so a misconfigured interval cannot spin the tick loop.
        self._next_move_at = since + max(extra, 0.0) + max(dwell, 0.05)

    def _advance(self, when: float, *, by_timer: bool) -> ScanResult:
        level = self._stack[-1]
        nxt = level.index + 1
        if nxt >= len(level.entries):
            nxt = 0
            if by_timer:
                self._passes += 1
                loops = self._settings.loops
                if loops > 0 and self._passes >= loops:
                    self._resting = True
                    self._stack = [_Level(self._top)]
                    return ScanResult("rested")
        self._place(nxt, when)
        return ScanResult("highlight_moved", level.entries[nxt].id)

    def _restart(self, now: float, extra: float) -> None:
        self._stack = [_Level(self._top)]
        self._passes = 0
        self._place(0, now, extra)

    def _accept(self, switch: str, now: float) -> ScanResult:
        if not self._started:
            self.start()
        delay = self._settings.selection_delay
        if self._reading:
            self._reading = False
            self._resting = False
            self._restart(now, delay)
            return ScanResult("activated", PLAY_PAUSE, interrupt=True)
        if self._resting:
            self._resting = False
            self._restart(now, 0.0)
            return ScanResult("woke", self.highlighted)
        entry = self.highlighted_entry
        if entry is None:
            return NOTHING
        self._passes = 0
        if self._mode == "two-switch" and switch == MOVE:
            return self._advance(now, by_timer=False)
        if entry.kind == "item":
            self._restart(now, delay)
            return ScanResult("activated", entry.id)
        if entry.kind == "group":
            self._stack.append(_Level(list(self._children[entry.id])))
            self._place(0, now, delay)
            return ScanResult("entered_group", entry.id)
        # Back: return to the group entry just left, so the next group is one step away.
        self._stack.pop()
        self._place(self._stack[-1].index, now, delay)
        return ScanResult("left_group", self.highlighted)
