"""A detached tmux session the tests type into and read back (a real terminal for the app)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass


def tmux(name: str, *args: str) -> list[str]:
    """A tmux command for session ``name``, on a server of its own (``-L name``): a test's
    session ending then never stops the server another test is starting a session on (tmux
    exits when its last session does, and a new session in that moment fails)."""
    return ["tmux", "-L", name, *args]


@dataclass
class TmuxSession:
    """One detached tmux session, addressed by its name."""

    name: str

    def pid(self) -> int:
        """The process id of the command the session runs."""
        out = subprocess.run(tmux(self.name, "display", "-p", "-t", self.name, "#{pane_pid}"),
                             check=True, capture_output=True, text=True).stdout
        return int(out.strip())

    def screen(self) -> str:
        """What the terminal shows, as text ("" once the session has gone)."""
        return subprocess.run(tmux(self.name, "capture-pane", "-p", "-t", self.name), check=False,
                              capture_output=True, text=True).stdout

    def send(self, *keys: str, gap: float = 0.0) -> None:
        """Type keys (tmux key names: Right, Space, Escape, q), ``gap`` seconds apart."""
        for key in keys:
            subprocess.run(tmux(self.name, "send-keys", "-t", self.name, key), check=True)
            if gap:
                time.sleep(gap)

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 20.0) -> str:
        """Poll the screen until ``condition(text)`` holds; return that screen."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if condition(text):
                return text
            time.sleep(0.05)
        raise AssertionError(f"the screen never matched; last screen:\n{text}")

    def alive(self) -> bool:
        """Whether the session still exists."""
        return subprocess.run(tmux(self.name, "has-session", "-t", self.name), check=False,
                              capture_output=True).returncode == 0

    def close(self) -> None:
        """End the session (a closed terminal: its command gets SIGHUP)."""
        subprocess.run(tmux(self.name, "kill-session", "-t", self.name), check=False,
                       capture_output=True)
