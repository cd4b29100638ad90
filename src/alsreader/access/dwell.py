"""Dwell activation for pointer users who can aim (eye gaze, head mouse) but cannot click.

Resting the pointer on a target for ``dwell_time`` activates it. The pointer must then leave
that target before it can fire again, so staring at "Faster" does not keep speeding up.
Pure logic with an injectable clock; the UI reports where the pointer is and draws the fill.
"""

from __future__ import annotations

from collections.abc import Callable

from alsreader.access.clock import Clock


class Dwell:
    """Tracks how long the pointer has rested on one target and fires once per visit."""

    def __init__(
        self,
        dwell_time: float,
        clock: Clock,
        listener: Callable[[str], None] | None = None,
    ) -> None:
        """``listener`` is called with the target id on each activation."""
        self.dwell_time = dwell_time
        self.listener = listener
        self._clock = clock
        self._target: str | None = None
        self._since = 0.0
        self._spent = False

    @property
    def target(self) -> str | None:
        """The target under the pointer, or None."""
        return self._target

    @property
    def spent(self) -> bool:
        """True once the current target has fired; it stays so until the pointer leaves."""
        return self._spent

    def pointer_at(self, target_id: str | None) -> None:
        """The pointer is now over ``target_id`` (None: over nothing that can be activated).

        Repeated reports of the same target (every mouse move) keep the dwell going.
        """
        if target_id == self._target:
            return
        self._target = target_id
        self._since = self._clock.now()
        self._spent = False

    def progress(self, target_id: str | None = None) -> float:
        """How far the dwell on ``target_id`` (default: the current one) has got, 0.0 to 1.0.

        Any target other than the one under the pointer, or one already fired, is at 0.
        """
        if target_id is None:
            target_id = self._target
        if target_id is None or target_id != self._target or self._spent:
            return 0.0
        if self.dwell_time <= 0:
            return 1.0
        return min(1.0, (self._clock.now() - self._since) / self.dwell_time)

    def tick(self) -> str | None:
        """Let time pass; return the target id if it fires now, else None."""
        if self._target is None or self._spent:
            return None
        if self._clock.now() - self._since < self.dwell_time:
            return None
        self._spent = True
        if self.listener is not None:
            self.listener(self._target)
        return self._target
