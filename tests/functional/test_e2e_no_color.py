"""``NO_COLOR`` in a real terminal (tmux): the raw output carries no colour codes at all.

Textual's own ``NO_COLOR`` handling turned colours into 256-colour greys; the reader sends
only bold, reverse and underline then. The same run without ``NO_COLOR`` must show colour
codes, so the check is not passing for want of output.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from .tmux_session import TmuxSession, tmux
from .ui_helpers import GARDEN

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def colour_codes(raw: str) -> list[str]:
    """Every SGR parameter group in ``raw`` that sets a colour (foreground or background).

    39 and 49 (the terminal's default colours) are not colours; attributes (1 bold, 4
    underline, 7 reverse, 0 reset) are not either.
    """
    found: list[str] = []
    for match in SGR.finditer(raw):
        params = [int(part) if part else 0 for part in re.split("[;:]", match.group(1))]
        index = 0
        while index < len(params):
            code = params[index]
            if code in (38, 48, 58):
                kind = params[index + 1] if index + 1 < len(params) else 0
                width = 3 if kind == 5 else 5 if kind == 2 else 2
                found.append(";".join(map(str, params[index : index + width])))
                index += width
                continue
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found.append(str(code))
            index += 1
    return found


class Recording(TmuxSession):
    """A tmux session whose raw output (every byte the app writes) goes to ``log``."""

    log: Path

    def raw(self) -> str:
        """The app's output so far, as written to the terminal."""
        return self.log.read_bytes().decode("utf-8", "replace")

    def painted(self) -> str:
        """What tmux shows, with its escape sequences (``capture-pane -e``)."""
        return subprocess.run(tmux(self.name, "capture-pane", "-e", "-p", "-t", self.name),
                              check=False, capture_output=True, text=True).stdout


@pytest.fixture
def recording(isolated_home: Path, tmp_path: Path,
              request: pytest.FixtureRequest) -> Iterator[Recording]:
    no_color: bool = request.param
    name = f"alsreader-nocolor-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "terminal.log"
    log.touch()
    env_args = ["-e", f"ALSREADER_HOME={isolated_home}", "-e", "TERM=xterm-256color"]
    if no_color:
        env_args += ["-e", "NO_COLOR=1"]
    command = [sys.executable, "-m", "alsreader", str(GARDEN), "--player", "silent"]
    # The app starts once the output is being recorded (pipe-pane is attached below).
    shell_line = (f"while [ ! -s '{log}' ]; do sleep 0.05; done; "
                  + " ".join(f"'{part}'" for part in command) + "; sleep 30")
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    subprocess.run(tmux(name, "new-session", "-d", "-s", name, "-x", "100", "-y", "30",
                        *env_args, "sh", "-c", shell_line), check=True, env=env)
    try:
        subprocess.run(tmux(name, "pipe-pane", "-o", "-t", name, f"cat >> '{log}'"), check=True)
        time.sleep(0.2)
        # One byte wakes the waiting shell loop; it is echoed before the app starts.
        subprocess.run(tmux(name, "send-keys", "-t", name, "-l", " "), check=True)
        session = Recording(name)
        session.log = log
        yield session
    finally:
        subprocess.run(tmux(name, "kill-session", "-t", name), check=False, capture_output=True)


def _use_the_reader(terminal: Recording) -> None:
    """Open the reader, move, open help and the sections: most of what is ever drawn."""
    terminal.wait_for(lambda text: "Garden notes" in text and "▶ " in text)
    for keys, shown in ((["Down"], "Section 2 of 5"), (["Right"], "Section 2 of 5"),
                        (["?"], "Esc closes"), (["Escape", "s"], "Sections")):
        for key in keys:
            terminal.send(key, gap=0.45)
        terminal.wait_for(lambda text, shown=shown: shown in text)
    time.sleep(0.5)


@pytest.mark.parametrize("recording", [True], indirect=True)
def test_no_color_sends_no_colour_codes(recording: Recording) -> None:
    _use_the_reader(recording)
    raw = recording.raw()
    assert "Garden" in raw
    assert len(SGR.findall(raw)) > 20  # styled output was written ...
    assert re.search(r"\x1b\[[0-9;]*\b7\b[0-9;]*m", raw)  # ... with reverse for the sentence
    assert colour_codes(raw) == []
    assert colour_codes(recording.painted()) == []


@pytest.mark.parametrize("recording", [False], indirect=True)
def test_without_no_color_the_theme_colours_are_sent(recording: Recording) -> None:
    _use_the_reader(recording)
    codes = colour_codes(recording.raw())
    assert len(codes) > 20
    assert any(code.startswith(("38;", "48;")) for code in codes)
    assert colour_codes(recording.painted())
