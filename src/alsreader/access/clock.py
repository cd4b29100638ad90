"""Time sources for the access layer: the real monotonic clock and a fake one for tests."""

from __future__ import annotations

import time
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    """Anything that tells the time in monotonic seconds (never jumps back)."""

    def now(self) -> float:
        """Return the current time in seconds; only differences between calls mean anything."""
        ...


class MonotonicClock:
    """The real clock: ``time.monotonic()``, immune to the wall clock being changed."""

    def now(self) -> float:
        """Return ``time.monotonic()``."""
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told to, so tests can replay exact timings instantly."""

    def __init__(self, start: float = 1000.0) -> None:
        """Start at ``start`` seconds (not zero, so code that treats 0 as "never" is caught)."""
        self._now = float(start)

    def now(self) -> float:
        """Return the fake time."""
        return self._now

    def advance(self, seconds: float) -> float:
        """Move time forward by ``seconds`` (must not be negative) and return the new time."""
        if seconds < 0:
            raise ValueError(f"a clock cannot go back in time (asked to advance {seconds} s)")
        self._now += seconds
        return self._now

    def set(self, when: float) -> None:
        """Jump to an absolute time, which must not be earlier than now."""
        if when < self._now:
            raise ValueError(f"a clock cannot go back in time ({when} < {self._now})")
        self._now = float(when)
