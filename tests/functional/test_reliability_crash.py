"""Crash safety: the real reader (``python -m alsreader``) in a real terminal (tmux) is killed
while it reads, and started again.

- SIGKILL at random moments (5 times here, 50 in the soak): after each kill the state and
  settings files parse, and the restarted reader shows the sentence saved in the state file,
  which is within one sentence of where the reader was just before the kill.
- SIGTERM (a shutdown, ``kill``) and SIGHUP (the terminal window closed: ``tmux
  kill-session``) save the place, stop the voice and end the player: no ``paplay`` is left
  sounding. These run with ``paplay`` on the private null sink.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from alsreader.config import load_settings
from alsreader.document import Document, Position, load_document
from alsreader.speech.nullsink import NullSinkServer
from alsreader.state import ReadingState, document_key
from alsreader.ui.app import make_app
from alsreader.ui.widgets.sentence_view import SentenceView

from .reliability_support import descendants, players_named
from .tmux_session import TmuxSession, tmux
from .ui_helpers import quick_settings, reader_ready, wait_for

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and tmux")

SECTIONS = 6
SHOWN = re.compile(r"(Sentence \d+ |Part \d+)")
PER_SECTION = 30


def write_book(folder: Path) -> Path:
    """A Markdown book whose every sentence is a paragraph of its own, easy to recognise."""
    parts = []
    for section in range(SECTIONS):
        parts.append(f"# Part {section + 1}\n")
        for number in range(PER_SECTION):
            n = section * PER_SECTION + number
            parts.append(f"Sentence {n} is read and then the next.\n")
    path = folder / "crash-book.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def write_config(home: Path, player: str, rate: int = 450) -> Path:
    """Fast speech, no pauses, no repeat guard (keys come from the test)."""
    path = home / "config" / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# written by the crash test\n"
        f"voice:\n  rate: {rate}\n"
        f"  player: {player}\n"
        "reading:\n  pause_sentence_ms: 0\n  pause_paragraph_ms: 0\n  pause_section_ms: 0\n"
        "access:\n  ignore_repeat: 0\n",
        encoding="utf-8",
    )
    return path


@dataclass
class Reader(TmuxSession):
    """One run of the reader in a detached tmux session."""

    book: Path = Path()


def start_reader(home: Path, book: Path, extra_env: dict[str, str] | None = None) -> Reader:
    name = f"alsreader-crash-{uuid.uuid4().hex[:8]}"
    env = {"ALSREADER_HOME": str(home), "TERM": "xterm-256color", **(extra_env or {})}
    env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
    subprocess.run(tmux(name, "new-session", "-d", "-s", name, "-x", "80", "-y", "24", *env_args,
                        sys.executable, "-m", "alsreader", str(book)), check=True)
    return Reader(name, book)


def marked_sentence(screen: str) -> str:
    """The text on the line the ▶ marker points at (the current sentence)."""
    for line in screen.splitlines():
        if "▶ " in line:
            return line.split("▶ ", 1)[1].strip()
    return ""


def ready(screen: str) -> bool:
    """The reader shows its document laid out (a whole sentence marked, the status line)."""
    return "% read" in screen and bool(SHOWN.match(marked_sentence(screen)))


def status_speech(screen: str) -> str:
    """The last part of the status line: Reading, Paused, Stopped..."""
    for line in screen.splitlines():
        if "% read" in line:
            return line.rsplit("·", 1)[-1].strip()
    return ""


def saved(home: Path, book: Path) -> Position | None:
    """The place in the state file (which must parse as JSON)."""
    path = home / "data" / "state.json"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    entry = data["documents"].get(document_key(book))
    return None if entry is None else Position(entry["section"], entry["sentence"])


def check_files(home: Path) -> None:
    """The state and settings files parse, and the settings have no problems."""
    state = home / "data" / "state.json"
    if state.exists():
        json.loads(state.read_text(encoding="utf-8"))
    config = home / "config" / "config.yaml"
    assert isinstance(yaml.safe_load(config.read_text(encoding="utf-8")), dict)
    assert load_settings(config).problems == []


def position_shown(document: Document, screen: str) -> Position:
    """Which sentence the screen marks, found by its (unique) text."""
    text = marked_sentence(screen)
    match = SHOWN.match(text)
    assert match, f"no marked sentence on the screen:\n{screen}"
    key = match.group(1)
    for section in document.sections:
        for index, sentence in enumerate(section.sentences):
            if sentence.text.startswith(key.strip()) and (
                key.endswith(" ") or sentence.text == key
            ):
                return Position(section.index, index)
    raise AssertionError(f"{text!r} is not a sentence of the book")


def wait_gone(pid: int, timeout: float = 10.0) -> bool:
    """Wait until process ``pid`` has ended (a zombie not yet collected by tmux counts)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return True
        if stat[stat.rindex(")") + 2] == "Z":
            return True
        time.sleep(0.02)
    return False


def process_state(pid: int) -> str:
    """The process's /proc status line (for a failure message)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return "gone"


@pytest.fixture
def tmux_available() -> None:
    if subprocess.run(["which", "tmux"], capture_output=True, check=False).returncode != 0:
        pytest.fail("tmux is needed for the crash tests (Debian/Ubuntu package: tmux)")


@pytest.fixture
def readers() -> Iterator[list[Reader]]:
    started: list[Reader] = []
    yield started
    for reader in started:
        reader.close()


@dataclass
class KillFigures:
    """What a run of kills measured."""

    kills: int = 0
    max_distance: int = 0
    moved_while_reading: int = 0
    leftover_temp_files: int = 0
    leftover_clip_folders: int = 0
    slowest_end_s: float = 0.0


def kill_and_restart(
    home: Path, tmp_path: Path, kills: int, seed: int, readers: list[Reader],
    longest_wait_s: float = 2.5,
) -> KillFigures:
    """Start, read, SIGKILL at a random moment, check, restart; ``kills`` times."""
    rng = random.Random(seed)
    book = write_book(tmp_path)
    write_config(home, "silent")
    document = load_document(book)
    figures = KillFigures()
    expected: Position | None = None
    for _round in range(kills + 1):
        reader = start_reader(home, book)
        readers.append(reader)
        screen = reader.wait_for(ready)
        shown = position_shown(document, screen)
        if expected is not None:
            # The restarted reader shows exactly the saved place...
            assert shown == expected, (shown, expected, screen)
        if _round == kills:
            pid = reader.pid()
            reader.close()
            assert wait_gone(pid, 30), process_state(pid)
            break
        reader.send("Space")
        reader.wait_for(lambda text: status_speech(text) == "Reading")
        time.sleep(rng.uniform(0.1, longest_wait_s))
        before = saved(home, book)
        pid = reader.pid()
        killed_at = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        assert wait_gone(pid, 30), process_state(pid)
        figures.slowest_end_s = max(figures.slowest_end_s, time.monotonic() - killed_at)
        check_files(home)
        after = saved(home, book)
        assert after is not None
        # ...which is within one sentence of where it was just before the kill.
        if before is not None:
            distance = abs(document.ordinal(after) - document.ordinal(before))
            figures.max_distance = max(figures.max_distance, distance)
            assert distance <= 1, (before, after)
            figures.moved_while_reading += int(document.ordinal(after) > document.ordinal(shown))
        expected = after
        figures.kills += 1
        reader.close()
    figures.leftover_temp_files = len(list((home / "data").glob(".state.json.*")))
    clips = home / "cache" / "clips"
    figures.leftover_clip_folders = len(list(clips.iterdir())) if clips.exists() else 0
    return figures


def test_sigkill_at_random_moments_keeps_the_place(
    tmux_available: None, isolated_home: Path, tmp_path: Path, readers: list[Reader]
) -> None:
    figures = kill_and_restart(isolated_home, tmp_path, kills=5, seed=1, readers=readers,
                               longest_wait_s=1.5)
    print(f"\nSIGKILL x{figures.kills}: {figures}")
    assert figures.kills == 5
    # A killed session's clips and a save it was killed in the middle of are cleared by the
    # next session (the last one closed cleanly).
    assert figures.leftover_clip_folders == 0
    assert figures.leftover_temp_files <= 1


@pytest.mark.slow
def test_fifty_sigkills_keep_the_place(
    tmux_available: None, isolated_home: Path, tmp_path: Path, readers: list[Reader]
) -> None:
    figures = kill_and_restart(isolated_home, tmp_path, kills=50, seed=50, readers=readers)
    print(f"\nSIGKILL x{figures.kills}: {figures}")
    assert figures.kills == 50
    # It really was reading when killed (on a loaded machine speech starts later).
    assert figures.moved_while_reading >= 10
    assert figures.leftover_clip_folders == 0
    assert figures.leftover_temp_files <= 1


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_save_and_silence(
    how: str, tmux_available: None, isolated_home: Path, tmp_path: Path,
    null_sink: NullSinkServer, readers: list[Reader]
) -> None:
    book = write_book(tmp_path)
    write_config(isolated_home, "paplay", rate=120)  # long sentences: the player is busy
    document = load_document(book)
    reader = start_reader(isolated_home, book, null_sink.env())
    readers.append(reader)
    reader.wait_for(ready)
    pid = reader.pid()
    reader.send("Space")
    reader.wait_for(lambda text: status_speech(text) == "Reading")
    time.sleep(0.8)
    playing = {p for p, name in descendants(pid).items() if name == "paplay"}
    assert playing, "paplay should be playing a sentence"
    shown = position_shown(document, reader.screen())
    if how == "SIGTERM":
        os.kill(pid, signal.SIGTERM)
    else:
        reader.close()  # the terminal is closed: the reader gets SIGHUP
    assert wait_gone(pid), f"the reader did not end after {how}"
    # No player is left sounding: those the reader started are gone at once.
    left = set(players_named("paplay")) & playing
    assert not left, f"paplay still running after {how}: {left}"
    check_files(isolated_home)
    after = saved(isolated_home, book)
    assert after is not None
    assert abs(document.ordinal(after) - document.ordinal(shown)) <= 1
    if how == "SIGTERM":
        screen = reader.screen()
        assert "Traceback" not in screen
    # The session's clips are deleted on the way out.
    clips = isolated_home / "cache" / "clips"
    assert not clips.exists() or not any(clips.iterdir())


@pytest.mark.parametrize("sentence", [12, 29])
async def test_a_restart_deep_in_a_section_shows_the_saved_sentence(
    isolated_home: Path, tmp_path: Path, sentence: int
) -> None:
    """After a crash the reader reopens at its sentence, scrolled into view (it once stayed
    at the top of the section, the marked sentence out of sight)."""
    book = write_book(tmp_path)
    ReadingState.load().set_position(book, Position(0, sentence), fraction=0.1)
    app = make_app(book, settings=quick_settings(), player="silent")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reader_ready(pilot)
        view = screen.query_one("#text", SentenceView)
        assert view.current == sentence

        def in_view() -> bool:
            if view._layout is None:
                return False
            first, last = view._layout.lines_of_sentence(sentence)
            top = view.scroll_offset.y
            return top <= first and last < top + view.scrollable_content_region.height

        await wait_for(pilot, in_view, timeout=3)
