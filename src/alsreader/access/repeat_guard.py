"""Drop a doubled press: the same key (or control) again within ``ignore_repeat`` seconds.

A tremor often turns one press into two or three. The reader ignores a repeat of the same
key or the same control that comes sooner than the caregiver's ``access.ignore_repeat``
setting; a different key is never held back, and 0 turns the guard off. Plain logic with the
time passed in, so tests need no clock.
"""

from __future__ import annotations


class RepeatGuard:
    """Remembers the last accepted press of each key and answers whether a new one counts."""

    def __init__(self, ignore_repeat: float = 0.0) -> None:
        self.ignore_repeat = max(float(ignore_repeat), 0.0)
        """Seconds within which a repeat of the same press is ignored (0: never)."""
        self._last: dict[str, float] = {}

    def allow(self, press: str, now: float) -> bool:
        """Whether ``press`` (a key name or control id) at time ``now`` should act."""
        if self.ignore_repeat <= 0:
            return True
        last = self._last.get(press)
        if last is not None and 0 <= now - last < self.ignore_repeat:
            return False
        self._last[press] = now
        return True
