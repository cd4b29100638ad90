"""The command line's conventions, checked on the real command in a fresh interpreter:
``--version``, a ``--help`` with usage and examples for every subcommand, the documented
exit statuses, errors on stderr, NO_COLOR, and ``python -m alsreader`` being ``alsreader``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from alsreader import __version__
from alsreader.cli import COMMANDS

from .cli_support import alsreader

CONSOLE_SCRIPT = Path(sys.executable).with_name("alsreader")


def test_version() -> None:
    result = alsreader("--version")
    assert (result.returncode, result.stdout, result.stderr) == (
        0, f"alsreader {__version__}\n", "")


def test_top_level_help_lists_every_command_and_the_exit_statuses() -> None:
    result = alsreader("--help")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "usage: alsreader [options] [PATH]"
    assert lines[1] == "       alsreader COMMAND [options]"
    for name, (_, summary) in COMMANDS.items():
        # One command a line, with its summary: not a run-on paragraph.
        assert any(line.split() == [name, *summary.split()] for line in lines), name
    text = result.stdout
    assert "examples:" in text
    assert "  0    done" in text
    assert "  2    bad usage, or a document or folder that cannot be read" in text
    assert "  1    anything else went wrong" in text


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_its_own_help_with_usage_and_examples(name: str) -> None:
    result = alsreader(name, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: alsreader {name} ")
    assert "\nexamples:\n  alsreader " + name in result.stdout
    assert "exit status: 0 done, 2 bad usage" in result.stdout
    assert result.stderr == ""


def test_python_dash_m_is_the_alsreader_command() -> None:
    assert CONSOLE_SCRIPT.exists()
    for args in (["--help"], ["outline", "--help"], ["--version"], ["outline", "--bogus"]):
        script = subprocess.run([str(CONSOLE_SCRIPT), *args], capture_output=True, text=True,
                                timeout=60, check=False)
        module = alsreader(*args)
        assert (script.returncode, script.stdout, script.stderr) == (
            module.returncode, module.stdout, module.stderr), args


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["outline"],
        ["outline", "--section", "1", "x.md"],
        ["say", "hello", "--rate", "9000"],
        ["say", "hello", "--pitch", "120"],
        ["export", "x.md"],
        ["config"],
        ["text", "x.md", "--section", "two"],
    ],
)
def test_bad_usage_is_status_2_with_a_usage_line_on_stderr(args: list[str]) -> None:
    result = alsreader(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: alsreader")
    assert "error:" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreadable_documents_are_status_2(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.md")
    for args in (["outline", missing], ["text", missing],
                 ["export", missing, "-o", str(tmp_path / "out.wav")]):
        result = alsreader(*args)
        assert result.returncode == 2, args
        assert result.stdout == ""
        assert result.stderr == f"alsreader {args[0]}: cannot read {missing}: " \
                                f"There is no file at {missing}.\n"
    assert alsreader("library", "--no-bundled", missing).returncode == 2


def test_anything_else_is_status_1(tmp_path: Path) -> None:
    """No speech engine, and an export that cannot be written, are status 1."""
    no_speech = alsreader("say", "hello", "--player", "silent",
                          env={"ALSREADER_NO_SPEECH": "1"})
    assert no_speech.returncode == 1
    assert no_speech.stderr.startswith("alsreader say: No speech engine was found.")
    document = tmp_path / "short.md"
    document.write_text("# Short\n\nOne sentence.\n", encoding="utf-8")
    # Inside a file, not a folder: no one can write there, not even root.
    unwritable = document / "out.wav"
    result = alsreader("export", str(document), "-o", str(unwritable))
    assert result.returncode == 1
    assert f"alsreader export: could not write {unwritable}: " in result.stderr
    assert result.stdout == ""


def _stderr_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """What ``alsreader ARGS`` writes to stderr when stderr is a real terminal (a pty)."""
    main, child = os.openpty()
    try:
        subprocess.run([sys.executable, "-m", "alsreader", *args], stdout=subprocess.DEVNULL,
                       stderr=child, timeout=60, env={**os.environ, **env}, check=False)
        os.close(child)
        child = -1
        chunks = []
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(main)
        if child != -1:
            os.close(child)


def test_errors_are_emphasised_on_a_terminal_unless_no_color(tmp_path: Path) -> None:
    args = ["outline", str(tmp_path / "missing.md")]
    coloured = _stderr_on_a_terminal(args, {"TERM": "xterm"})
    assert "\x1b[1;31malsreader outline:\x1b[0m cannot read" in coloured
    plain = _stderr_on_a_terminal(args, {"TERM": "xterm", "NO_COLOR": "1"})
    assert "\x1b" not in plain
    assert plain.startswith("alsreader outline: cannot read")
    # Not a terminal (a pipe, a log file): never any colour.
    assert "\x1b" not in alsreader(*args, env={"TERM": "xterm"}).stderr


def test_the_reader_start_up_imports_nothing_from_the_subcommands() -> None:
    """`alsreader [PATH]` pays only for the command line itself before the app starts (and
    the few lines that hold the garbage collector for start-up)."""
    code = ("import sys, alsreader.cli\n"
            "print(sorted(m for m in sys.modules if m.startswith('alsreader')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "['alsreader', 'alsreader.cli', 'alsreader.startup']"
