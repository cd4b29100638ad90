"""What the subcommands share: messages on stderr, safe names, help examples, settings.

Every message names its command ("alsreader say: ..."), goes to stderr, and quotes file
names and paths through :func:`safe`, because a file name may hold escape sequences meant
for the terminal. The command name is emphasised only on a terminal and never when
``NO_COLOR`` is set (https://no-color.org).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from alsreader.document.decode import one_line

if TYPE_CHECKING:
    from alsreader.config import Settings

_RED = "\x1b[1;31m"
_YELLOW = "\x1b[1;33m"
_RESET = "\x1b[0m"


def use_color(stream: TextIO) -> bool:
    """Whether ``stream`` may carry colour: a terminal, ``NO_COLOR`` unset, TERM not dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False


def _tell(command: str, message: str, color: str) -> None:
    stream = sys.stderr
    prefix = f"alsreader {command}:"
    if use_color(stream):
        prefix = f"{color}{prefix}{_RESET}"
    print(f"{prefix} {message}", file=stream)


def error(command: str, message: str) -> None:
    """Tell the user why ``command`` could not do what was asked (on stderr)."""
    _tell(command, message, _RED)


def warn(command: str, message: str) -> None:
    """Tell the user something worth knowing that does not stop ``command`` (on stderr)."""
    _tell(command, message, _YELLOW)


def safe(text: object) -> str:
    """A name, title or path made safe to print: one line, no escape sequences."""
    return one_line(str(text))


def examples(*rows: tuple[str, str]) -> str:
    """A help epilog listing example command lines, each with what it does."""
    width = max(len(line) for line, _ in rows)
    return "examples:\n" + "\n".join(f"  {line.ljust(width)}   {what}" for line, what in rows)


def add_config_option(parser: argparse.ArgumentParser) -> None:
    """The ``--config PATH`` option: which settings file to read."""
    parser.add_argument(
        "--config", metavar="PATH",
        help="settings file to use (default: `alsreader config path` says where it is)",
    )


def load_command_settings(command: str, config: str | None) -> Settings:
    """The settings ``command`` works with; problems in the file are one warning line."""
    from alsreader.config import load_settings

    loaded = load_settings(Path(config).expanduser() if config else None)
    if loaded.problems:
        count = len(loaded.problems)
        where = f"alsreader config check {safe(loaded.path)}" if config else (
            "alsreader config check")
        warn(command, f"the settings file has {count} problem{'s' if count != 1 else ''}; "
                      f"the default is used for each (see `{where}`)")
    return loaded.settings
