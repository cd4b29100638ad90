"""Helpers for the reliability tests: what the screen shows, and which player processes run."""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App

PLAYER_PROGRAMS = frozenset({"paplay", "pacat", "pw-play", "aplay", "afplay"})
"""Process names of the external audio players alsreader may start."""


def screen_text(app: App[object]) -> str:
    """Every line the screen shows now (toasts too), as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def flat_text(app: App[object]) -> str:
    """The screen's words on one line (a message wrapped over lines reads as one)."""
    return " ".join(screen_text(app).split())


def escapes_in(text: str) -> list[str]:
    """Each line holding an escape or other control character."""
    return [repr(line) for line in text.split("\n")
            if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in line)]


def no_escapes(text: str) -> bool:
    """No escape or other control character (but newlines) is on screen."""
    return not escapes_in(text)


def _processes() -> dict[int, tuple[int, str]]:
    """Every process: pid -> (parent pid, name), from /proc (no psutil)."""
    found: dict[int, tuple[int, str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # it ended while we looked
        # "pid (name) state ppid ...": the name may hold spaces and parentheses.
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        found[int(entry.name)] = (int(fields[1]), name)
    return found


def descendants(pid: int) -> dict[int, str]:
    """Every living process below ``pid``: pid -> name (zombies excluded)."""
    table = _processes()
    children: dict[int, list[int]] = {}
    for child, (parent, _name) in table.items():
        children.setdefault(parent, []).append(child)
    result: dict[int, str] = {}
    stack = list(children.get(pid, []))
    while stack:
        current = stack.pop()
        if not _alive(current):
            continue
        result[current] = table[current][1]
        stack.extend(children.get(current, []))
    return result


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2 :].split()[0] != "Z"


def player_processes(pid: int | None = None) -> dict[int, str]:
    """Audio player processes below ``pid`` (default: this process)."""
    below = descendants(os.getpid() if pid is None else pid)
    return {child: name for child, name in below.items() if name in PLAYER_PROGRAMS}


def players_named(name: str) -> dict[int, str]:
    """Every living process called ``name`` on the machine (players orphaned by a crash)."""
    return {pid: comm for pid, (_ppid, comm) in _processes().items()
            if comm == name and _alive(pid)}
