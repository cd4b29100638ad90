"""Drive the real app by switch or pointer with a fake clock (shared by the access tests)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot

from alsreader.access import FakeClock, ScanEntry
from alsreader.access.switch_filter import DEFAULT_REPEAT_DELAY
from alsreader.config import Settings
from alsreader.speech.events import SpeechState
from alsreader.ui.access import AccessController
from alsreader.ui.app import ReaderApp, make_app

from .ui_helpers import quick_settings

TICK = 0.05
"""Fake seconds per tick (the app's timer period)."""
NEW_PRESS_GAP = DEFAULT_REPEAT_DELAY + 0.1
"""Two downs of one key closer than the repeat delay are one held press (no releases)."""


def access_app(path: Path | None, mode: str, clock: FakeClock,
               settings: Settings | None = None) -> ReaderApp:
    """The real app in ``mode`` on the silent player, its time from ``clock``."""
    return make_app(path, settings=settings or quick_settings(ignore_repeat=0.3),
                    player="silent", access=mode, clock=clock)


class SwitchDriver:
    """Presses only the switch keys and moves only the fake clock."""

    def __init__(self, pilot: Pilot[object], clock: FakeClock, *, select: str = "space",
                 move: str | None = None) -> None:
        self.pilot = pilot
        self.clock = clock
        self.select_key = select
        self.move_key = move
        self.keys_pressed: list[str] = []
        self._last_down: dict[str, float] = {}
        self.steps = 0
        """Highlight moves and selects since :meth:`reset_steps` (the scan-step measure)."""

    @property
    def access(self) -> AccessController:
        """The app's controller."""
        app = self.pilot.app
        assert isinstance(app, ReaderApp)
        return app.access

    async def tick(self, seconds: float = 0.0) -> None:
        """Move the fake clock, let the controller see it, let the app run."""
        scanner = self.access.scanner
        remaining = seconds
        while remaining > 1e-9:
            step = min(TICK, remaining)
            before = scanner.highlighted
            self.clock.advance(step)
            self.access.tick()
            if scanner.highlighted != before and before is not None:
                self.steps += 1
            remaining -= step
        self.access.tick()
        await self.pilot.pause(0)

    async def down(self, key: str) -> None:
        """One key-down of ``key`` (no release: Textual reports none)."""
        self.keys_pressed.append(key)
        self._last_down[key] = self.clock.now()
        # What Pilot.press sends, without its wait for an idle CPU (the narrator's threads
        # keep the CPU busy, which made each press wait up to a second).
        self.pilot.app.post_message(events.Key(key, " " if key == "space" else None))
        await self.pilot.pause(0)

    def _too_soon(self, key: str) -> float:
        """Seconds to wait before a down of ``key`` counts as a new press (0: none)."""
        now = self.clock.now()
        wait = 0.0
        last = self._last_down.get(key)
        if last is not None:
            wait = NEW_PRESS_GAP - (now - last)
        if self._last_down:
            # Presses of any switch this soon after the last one are taken for tremor.
            ignore = self.access.scanner.settings.ignore_repeat + 0.05
            wait = max(wait, ignore - (now - max(self._last_down.values())))
        return wait if wait > 1e-6 else 0.0

    async def press(self, key: str) -> None:
        """A deliberate press: first let the previous press of this key end."""
        wait = self._too_soon(key)
        if wait:
            await self.tick(wait)
        self.steps += 1
        await self.down(key)

    def _wants(self, entry: ScanEntry | None, target: str) -> bool:
        return entry is not None and (entry.id == target or (
            entry.kind == "group" and target in entry.members))

    async def burst(self, key: str, presses: int, seconds: float) -> None:
        """A tremor: ``presses`` downs of ``key`` spread over ``seconds`` (after the last
        press of the key has ended)."""
        wait = self._too_soon(key)
        if wait:
            await self.tick(wait)
        gap = seconds / max(presses - 1, 1)
        for number in range(presses):
            if number:
                await self.tick(gap)
            await self.down(key)

    async def choose(self, target: str, limit: float = 120.0, *,
                     burst: tuple[int, float] | None = None) -> None:
        """Activate ``target`` the way a switch user does: wait (or move) to it, select.

        With ``burst`` (presses, seconds) every select is a tremor burst instead of one press.
        """
        scanner = self.access.scanner
        start = self.clock.now()
        while self.clock.now() - start < limit:
            await self.tick()
            entry = scanner.highlighted_entry
            if entry is None or scanner.reading:
                await self.press(self.select_key)  # wake the scan, or pause the book
                continue
            if self._wants(entry, target) or (entry.kind == "back" and not any(
                    target in e.members for e in self.level_entries())):
                wait = self._too_soon(self.select_key)
                if wait:
                    await self.tick(wait)
                    continue  # the highlight may have moved while waiting
                self.steps += 1
                if burst is None:
                    await self.down(self.select_key)
                else:
                    await self.burst(self.select_key, *burst)
                if entry.id == target:
                    return
                continue
            if self.move_key is not None:
                await self.press(self.move_key)
            else:
                # Nothing happens between two moves of the auto-scan: go straight to the next.
                due = scanner.next_move_at
                await self.tick(max(TICK, due - self.clock.now() + 1e-3) if due else TICK)
        raise AssertionError(
            f"could not reach {target!r} in {limit} s of scanning; "
            f"screen {self.pilot.app.screen!r}, targets {list(self.access.targets)}, "
            f"highlighted {scanner.highlighted!r}")

    def level_entries(self) -> tuple[ScanEntry, ...]:
        """The stops of the level being scanned."""
        return self.access.level()[1]


def speech(app: ReaderApp) -> SpeechState | None:
    """The narrator's state (None before a document is opened)."""
    narrator = app.narrator
    return narrator.state if narrator is not None else None
