"""The ``alsreader`` command: open the reader, or run one of the subcommands.

``alsreader [PATH]`` opens the reader (a file, a folder, or the last document when no
path is given); ``alsreader outline|voices|say|export|config ...`` are tools for the
caregiver. Each subcommand lives in ``alsreader.commands`` and is imported only when used,
so starting the reader does not pay for them.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "outline": (
        "alsreader.commands.documents",
        "Print a document's sections with sentence counts.",
    ),
    "library": ("alsreader.commands.documents", "List the readable documents alsreader can find."),
    "voices": ("alsreader.commands.speech", "List the installed voices."),
    "say": ("alsreader.commands.speech", "Speak some text aloud."),
    "export": ("alsreader.commands.speech", "Write a document or section to one WAV file."),
    "config": ("alsreader.commands.config", "Create, check or locate the settings file."),
}


def _reader_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alsreader",
        description="Read documents aloud. Every action is one key, a large target, "
        "or a switch press.",
        epilog="Subcommands: "
        + "; ".join(f"{name}: {help_}" for name, (_, help_) in SUBCOMMANDS.items()),
    )
    parser.add_argument(
        "path", nargs="?", help="a document or folder to open (default: the last document)"
    )
    parser.add_argument("--config", metavar="PATH", help="settings file to use")
    parser.add_argument(
        "--access",
        choices=["keys", "one-switch", "two-switch", "dwell"],
        help="how the reader is operated (overrides the settings file)",
    )
    parser.add_argument(
        "--library", metavar="FOLDER", action="append", default=[],
        help="an extra folder of documents (may be given more than once)",
    )
    parser.add_argument("--player", help="audio player to use (auto, paplay, aplay, silent, ...)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in SUBCOMMANDS:
        name = args_list[0]
        module = importlib.import_module(SUBCOMMANDS[name][0])
        parser = argparse.ArgumentParser(prog=f"alsreader {name}", description=SUBCOMMANDS[name][1])
        module.add_arguments(name, parser)
        args = parser.parse_args(args_list[1:])
        try:
            return int(module.run(name, args))
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            # Output piped into `head` or similar that stopped reading: not an error.
            with contextlib.suppress(OSError):
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            return 0
    args = _reader_parser().parse_args(args_list)
    from alsreader.ui.app import run_reader

    return run_reader(args)


if __name__ == "__main__":
    raise SystemExit(main())
