"""Turn raw switch (key) events into deliberate presses: hold duration and ignore repeat.

Two filters from iOS Switch Control, for two different problems:

* **hold duration** -- a press counts only once the switch has been held this long, so an
  accidental brush of the switch does nothing;
* **ignore repeat** -- presses arriving sooner than this after the last *accepted* press are
  dropped, so a tremor that hits the switch ten times in a fraction of a second is one press.

The filter is pure: every call carries the time, so it can be driven by a fake clock.

Terminals and key releases
--------------------------
Most terminals only report key *downs*; a key held down arrives as a stream of auto-repeat downs
(the first after the keyboard's repeat delay, typically 0.25-0.7 s, then every 30-100 ms). When
the caller cannot see releases (``key_releases=False``, the default, which is what Textual gets)
the filter infers the hold from that stream:

* a down of the same switch within ``repeat_gap`` of the previous one is the key still being
  held (auto-repeat, or a tremor's burst), not a new press, so holding a switch never selects
  twice;
* a down that comes later than ``repeat_gap`` but within ``repeat_delay`` of a lone first down
  is either a deliberate second tap or the first auto-repeat of a held key. It is decided one
  ``repeat_gap`` later: if rapid repeats follow, the key was held (one press); if not, it was
  a tap and counts (reported by :meth:`SwitchFilter.poll`, or by the next down). So two quick
  taps are two presses whenever ``ignore_repeat`` allows it, at the cost of a delay of at most
  ``repeat_gap`` for the second one;
* the key is taken as released when the repeats stop for longer than that;
* a hold is recognised only once at least one auto-repeat has arrived, so with terminal input the
  effective minimum hold is the keyboard's repeat delay: a ``hold_duration`` shorter than that
  behaves like the repeat delay. Set the keyboard's repeat delay below the wanted hold.

When releases are visible (``key_releases=True``) both rules are exact.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

#: Longest wait for the first auto-repeat of a held key (X11's default repeat delay is 0.66 s).
DEFAULT_REPEAT_DELAY = 0.7
#: Longest gap between auto-repeats once they have started (repeat rates are 10-40 per second).
DEFAULT_REPEAT_GAP = 0.15


class Verdict(enum.Enum):
    """What the filter made of one raw event."""

    ACCEPTED = "accepted"
    """A deliberate press: act on it now."""
    IGNORED = "ignored"
    """Dropped: too soon after the last press, too short, or a held key repeating."""
    PENDING = "pending"
    """The switch is down but has not been held for ``hold_duration`` yet."""
    NONE = "none"
    """Nothing to say (for example the release of a press that was already accepted)."""


@dataclass
class _Hold:
    """One physical press of one switch, from its first down until it is released."""

    start: float
    last_down: float
    repeats: int = 0
    state: str = "pending"  # pending | tentative | accepted | ignored


class SwitchFilter:
    """Filters raw downs/releases of named switches into accepted presses."""

    def __init__(
        self,
        hold_duration: float = 0.0,
        ignore_repeat: float = 0.0,
        *,
        key_releases: bool = False,
        repeat_delay: float = DEFAULT_REPEAT_DELAY,
        repeat_gap: float = DEFAULT_REPEAT_GAP,
    ) -> None:
        """Set the timings in seconds; ``key_releases`` says whether :meth:`up` will be called."""
        self.hold_duration = max(0.0, hold_duration)
        self.ignore_repeat = max(0.0, ignore_repeat)
        self.key_releases = key_releases
        self.repeat_delay = repeat_delay
        self.repeat_gap = repeat_gap
        self._holds: dict[str, _Hold] = {}
        self._last_accepted: float | None = None

    @property
    def last_accepted(self) -> float | None:
        """When the last press was accepted, or None if none has been yet."""
        return self._last_accepted

    def reset(self) -> None:
        """Forget every switch currently down (keeps the ignore-repeat window)."""
        self._holds.clear()

    def down(self, switch: str, now: float) -> Verdict:
        """A key-down (or auto-repeat) of ``switch`` at ``now``."""
        hold = self._holds.get(switch)
        if hold is not None and hold.state == "tentative":
            if now - hold.last_down <= self.repeat_gap:
                # Rapid repeats followed: the key was being held, not tapped again.
                hold.state = "ignored"
                hold.last_down = now
                hold.repeats += 1
                return Verdict.IGNORED
            # Quiet for longer than an auto-repeat gap (nobody polled): it was a tap.
            self._accept(hold, hold.last_down)
            return Verdict.ACCEPTED
        if (hold is not None and hold.repeats == 0 and hold.state != "pending"
                and self.hold_duration <= 0.0 and not self.key_releases
                and self.repeat_gap < now - hold.last_down <= self.repeat_delay):
            # A second down after a lone first one: a tap, or a held key's first repeat.
            hold = _Hold(start=now, last_down=now)
            self._holds[switch] = hold
            if self._in_ignore_window(now):
                hold.state = "ignored"
                return Verdict.IGNORED
            hold.state = "tentative"
            return Verdict.PENDING
        if hold is not None and self._still_held(hold, now):
            hold.last_down = now
            hold.repeats += 1
            if hold.state == "pending":
                if self._hold_reached(hold, now):
                    self._accept(hold, now)
                    return Verdict.ACCEPTED
                return Verdict.PENDING
            return Verdict.IGNORED
        hold = _Hold(start=now, last_down=now)
        self._holds[switch] = hold
        if self._in_ignore_window(now):
            hold.state = "ignored"
            return Verdict.IGNORED
        if self.hold_duration <= 0.0:
            self._accept(hold, now)
            return Verdict.ACCEPTED
        return Verdict.PENDING

    def up(self, switch: str, now: float) -> Verdict:
        """A key release of ``switch`` at ``now`` (only when the input source reports them)."""
        hold = self._holds.pop(switch, None)
        if hold is None or hold.state != "pending":
            return Verdict.NONE
        if now - hold.start >= self.hold_duration and not self._in_ignore_window(now):
            self._accept(hold, now)
            return Verdict.ACCEPTED
        return Verdict.IGNORED

    def poll(self, now: float) -> list[str]:
        """Advance time: return switches whose hold has just completed; expire released keys."""
        accepted: list[str] = []
        for switch, hold in list(self._holds.items()):
            held = self._still_held(hold, now)
            if hold.state == "tentative":
                if now - hold.last_down > self.repeat_gap:
                    self._accept(hold, hold.last_down)
                    accepted.append(switch)
            elif hold.state == "pending":
                if held and self._hold_reached(hold, now):
                    if self._in_ignore_window(now):
                        hold.state = "ignored"
                    else:
                        self._accept(hold, now)
                        accepted.append(switch)
                elif not held:
                    # Released before the hold completed (inferred from silence): an accident.
                    del self._holds[switch]
            elif not held:
                del self._holds[switch]
        return accepted

    def has_pending(self, now: float) -> bool:
        """Whether some switch is down and still waiting to reach ``hold_duration``."""
        return any(h.state == "tentative"
                   or (h.state == "pending" and self._still_held(h, now))
                   for h in self._holds.values())

    def is_down(self, switch: str, now: float) -> bool:
        """Whether ``switch`` is (as far as can be told) being held at ``now``."""
        hold = self._holds.get(switch)
        return hold is not None and self._still_held(hold, now)

    def _still_held(self, hold: _Hold, now: float) -> bool:
        if self.key_releases:
            return True
        limit = self.repeat_gap if hold.repeats else self.repeat_delay
        return now - hold.last_down <= limit

    def _hold_reached(self, hold: _Hold, now: float) -> bool:
        if now - hold.start < self.hold_duration:
            return False
        # Without releases a lone down looks the same as a hold until the first auto-repeat.
        return self.key_releases or hold.repeats > 0

    def _in_ignore_window(self, now: float) -> bool:
        return self._last_accepted is not None and now - self._last_accepted < self.ignore_repeat

    def _accept(self, hold: _Hold, now: float) -> None:
        hold.state = "accepted"
        self._last_accepted = now
