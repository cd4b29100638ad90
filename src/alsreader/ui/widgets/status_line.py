"""The status line: document, section n of N (and page), percent read, pace, time left,
speech state, the sleep timer.

It shows only what it is given (no clock of its own), so screenshots are repeatable.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True)
class ReadingStatus:
    """Everything the status line shows."""

    title: str = ""
    section: int = 0
    """1-based number of the section being read (0 before a document is open)."""
    sections: int = 0
    percent: int = 0
    words_per_minute: int = 0
    minutes_left: float = 0.0
    speech: str = "paused"
    """"reading", "paused", "stopped" or "no audio: <reason>"."""
    access: str = ""
    """The access mode when it is not plain keys (e.g. "one-switch")."""
    page: str | None = None
    """The book's own name of the page being read ("xii", "12"; PDF), or None."""
    sleep: str = ""
    """The sleep timer's time left ("Sleep in 12 min"), or "" when no timer is set."""


def format_time_left(minutes: float) -> str:
    """Minutes as the status line shows them: "under 1 min", "12 min", "1 h 05 min"."""
    if minutes < 1:
        return "under 1 min"
    whole = round(minutes)
    if whole < 60:
        return f"{whole} min"
    return f"{whole // 60} h {whole % 60:02d} min"


class StatusLine(Widget):
    """One or two lines summing up where the reader is and what the voice is doing."""

    DEFAULT_CSS = """
    StatusLine {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $foreground;
        color: $background;
        text-style: bold;
    }
    """

    status: reactive[ReadingStatus] = reactive(ReadingStatus, layout=True)
    """What is shown."""

    def render(self) -> Text:
        """The status as a line of ``·``-separated parts (wrapped on narrow screens)."""
        status = self.status
        if not status.title:
            return Text(status.speech)
        parts = [
            status.title,
            f"Section {status.section} of {status.sections}"
            + (f", page {status.page}" if status.page is not None else ""),
            f"{status.percent}% read",
            f"{status.words_per_minute} wpm",
            f"{format_time_left(status.minutes_left)} left",
            # Only the first letter: capitalize() would lower the rest of a reason
            # ("macos", "debian") and the commands it quotes.
            status.speech[:1].upper() + status.speech[1:],
        ]
        if status.sleep:
            parts.append(status.sleep)
        if status.access:
            parts.append(f"Access: {status.access}")
        if "no audio" in status.speech:
            # The reason (and what to install) matters most; on a narrow screen the status
            # is cut after three lines, so it goes first.
            parts.insert(0, parts.pop(5))
        return Text(" · ".join(parts))
