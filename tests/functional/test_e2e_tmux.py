"""End to end: `python -m alsreader` in a real terminal (tmux), keys typed, screen read back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .tmux_session import TmuxSession, tmux
from .ui_helpers import GARDEN

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal(TmuxSession):
    """The reader's terminal: keys are typed slower than the default ignore-repeat guard."""

    def send(self, *keys: str, gap: float = 0.45) -> None:
        """Type keys 0.45 s apart (the guard drops a repeat within 0.3 s)."""
        super().send(*keys, gap=gap)


def marked_line(text: str) -> str:
    """The line with the ▶ marker of the spoken sentence."""
    return next((line for line in text.splitlines() if "▶ " in line), "")


def percent(text: str) -> int:
    """The "n% read" figure of the status line."""
    for part in text.replace("·", "|").split("|"):
        if part.strip().endswith("% read"):
            return int(part.strip().split("%")[0])
    return -1


@pytest.fixture
def terminal(isolated_home: Path) -> Iterator[Terminal]:
    name = f"alsreader-e2e-{uuid.uuid4().hex[:8]}"
    env_args = ["-e", f"ALSREADER_HOME={isolated_home}", "-e", "TERM=xterm-256color"]
    command = [sys.executable, "-m", "alsreader", str(GARDEN), "--player", "silent"]
    shell_line = " ".join(f"'{part}'" for part in command) + "; echo ALSREADER-EXIT=$?; sleep 30"
    subprocess.run(tmux(name, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", *env_args,
                        "sh", "-c", shell_line), check=True, env={**os.environ})
    try:
        yield Terminal(name)
    finally:
        subprocess.run(tmux(name, "kill-session", "-t", name), check=False, capture_output=True)


def test_keys_move_the_highlight_and_quit_needs_confirmation(terminal: Terminal) -> None:
    first = terminal.wait_for(lambda text: "Garden notes" in text and "▶ " in text)
    assert "Section 1 of 5" in first
    terminal.send("Down")
    after_down = terminal.wait_for(lambda text: "Section 2 of 5" in text)
    assert "Spring" in marked_line(after_down)
    terminal.send("Right")
    moved = terminal.wait_for(lambda text: "way number 1" in marked_line(text))
    terminal.send("Right", "Right")  # two sentences on: the marker moves down a line
    terminal.wait_for(lambda text: "▶ " in text and marked_line(text) != marked_line(moved)
                      and percent(text) > percent(moved))
    terminal.send("q")
    terminal.wait_for(lambda text: "Quit alsreader?" in text and "Keep reading" in text)
    terminal.send("Escape")
    terminal.wait_for(lambda text: "Quit alsreader?" not in text and "Section 2 of 5" in text)
    terminal.send("q")
    terminal.wait_for(lambda text: "Quit alsreader?" in text)
    terminal.send("y")
    terminal.wait_for(lambda text: "ALSREADER-EXIT=0" in text)


def test_talk_in_a_real_terminal_types_speaks_and_goes_back(terminal: Terminal) -> None:
    terminal.wait_for(lambda text: "Garden notes" in text and "▶ " in text)
    terminal.send("t")
    terminal.wait_for(lambda text: "Talk: choose what to say" in text and "I need you!" in text)
    terminal.send("F2")  # yes, in large letters (three rows of box lines)
    said = terminal.wait_for(lambda text: "┗┳┛" in text)
    assert "Typing" in said
    terminal.send("h", "e", "l", "p", "q")  # q types a q here: it does not quit
    typed = terminal.wait_for(lambda text: "helpq" in text)
    assert "Quit alsreader?" not in typed
    terminal.send("BSpace", "Enter")
    terminal.wait_for(lambda text: "Said (type to start again)" in text and "help" in text)
    terminal.send("Escape")
    terminal.wait_for(lambda text: "Garden notes" in text and "▶ " in text
                      and "Talk: choose" not in text)
