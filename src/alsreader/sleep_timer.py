"""The sleep timer: reading stops by itself after a while, for listening in bed.

Plain logic with an injectable clock (``alsreader.access.clock``; tests use ``FakeClock``).
The time is counted while the voice reads and held while it is paused, so "30 minutes" is
30 minutes of listening. When it runs out the reader asks the narrator to fade the last
sentence out (``Narrator.fade_out``); "section" asks for that at the end of the section
being read instead. A press in the last minute gives the whole time again, so someone who
is still awake never has to find the control. After the timer has stopped the reading it
starts again, whole, with the next reading.
"""

from __future__ import annotations

from alsreader.access.clock import Clock
from alsreader.config.declaration import SLEEP_TIMERS

AT_SECTION_END = "section"
"""The length that stops at the end of the section being read."""
OFF = "off"
LAST_MINUTE_S = 60.0
"""A press this close to the end gives the whole time again."""
LENGTHS: tuple[str, ...] = tuple(choice.value for choice in SLEEP_TIMERS)
"""Every length, in the order the control steps through them (off first)."""


class SleepTimer:
    """How long reading goes on: off, a number of minutes, or to the end of the section."""

    def __init__(self, clock: Clock, length: str = OFF) -> None:
        self._clock = clock
        self._length = length if length in LENGTHS else OFF
        self._left = self.full_seconds
        self._since: float | None = None
        self._fading = False
        self._woken_at: float | None = None

    @property
    def length(self) -> str:
        """The chosen length: "off", "15", "30", "45", "60" or "section"."""
        return self._length

    @property
    def on(self) -> bool:
        """Whether a timer is set."""
        return self._length != OFF

    @property
    def at_section_end(self) -> bool:
        """Whether reading stops at the end of the section rather than after some minutes."""
        return self._length == AT_SECTION_END

    @property
    def full_seconds(self) -> float | None:
        """The whole time in seconds, or None when counted in sections (or off)."""
        return float(self._length) * 60 if self._length.isdigit() else None

    @property
    def running(self) -> bool:
        """Whether the time is being counted (the voice is reading)."""
        return self._since is not None

    @property
    def fading(self) -> bool:
        """Whether the narrator has been asked to fade out (the time ran out)."""
        return self._fading

    def choose(self, length: str) -> None:
        """Use ``length`` from now on, with its whole time."""
        self._length = length if length in LENGTHS else OFF
        self.restart()

    def next_length(self) -> str:
        """The length after this one in the control's order (after the last: off)."""
        return LENGTHS[(LENGTHS.index(self._length) + 1) % len(LENGTHS)]

    def restart(self) -> None:
        """The whole time again (a press in the last minute, a new length)."""
        self._left = self.full_seconds
        self._fading = False
        if self._since is not None:
            self._since = self._clock.now()

    def wake(self) -> None:
        """A press in the last minute: the whole time again (see :meth:`woke_within`)."""
        self.restart()
        self._woken_at = self._clock.now()

    def woke_within(self, seconds: float) -> bool:
        """Whether a press woke the timer less than ``seconds`` ago (a tremor's doubled
        press of that one is taken by the timer too, so it cannot pause the book)."""
        return self._woken_at is not None and self._clock.now() - self._woken_at < seconds

    def reading_started(self) -> None:
        """The voice reads: count the time."""
        if self._since is None:
            self._since = self._clock.now()

    def reading_stopped(self) -> None:
        """The voice paused or stopped: hold the time left."""
        if self._since is not None and self._left is not None:
            self._left = max(self._left - (self._clock.now() - self._since), 0.0)
        self._since = None

    def finished(self) -> None:
        """The last sentence faded out: rest, with the whole time for the next reading."""
        self._since = None
        self.restart()

    def seconds_left(self) -> float | None:
        """Time left in seconds (minutes lengths only), else None."""
        if self._left is None:
            return None
        if self._since is None:
            return self._left
        return max(self._left - (self._clock.now() - self._since), 0.0)

    def ran_out(self) -> bool:
        """True once, when the time runs out while reading: the moment to fade out."""
        left = self.seconds_left()
        if left is None or self._fading or not self.running or left > 0:
            return False
        self._fading = True
        return True

    def in_last_minute(self, section_seconds_left: float | None = None) -> bool:
        """Whether a press now gives the whole time again: the voice reads and is within a
        minute of the timer's end, or is fading out. For "section", ``section_seconds_left``
        is the estimated time to the section's end."""
        if not self.on:
            return False
        if self._fading:
            return True
        left = section_seconds_left if self.at_section_end else self.seconds_left()
        return self.running and left is not None and left <= LAST_MINUTE_S
