"""The ``alsreader`` command: open the reader, or run one of the caregiver's subcommands.

``alsreader [PATH]`` opens the reader (a file, a folder, or the last document when no path
is given). ``alsreader COMMAND ...`` runs a subcommand (``alsreader COMMAND --help`` for
each); the command must come first. Each subcommand lives in ``alsreader.commands`` and is
imported only when used, so starting the reader does not pay for them. ``python -m
alsreader`` runs this same function.

Exit status (``alsreader.commands``): 0 done; 2 bad usage, or a document or folder that
cannot be read; 1 anything else; 130 stopped with Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from alsreader import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    "outline": (
        "alsreader.commands.documents",
        "Print a document's sections, numbered, with sentence counts.",
    ),
    "text": ("alsreader.commands.documents", "Print what will be spoken, one sentence a line."),
    "library": ("alsreader.commands.documents", "List the readable documents alsreader finds."),
    "voices": ("alsreader.commands.speech", "List the installed voices."),
    "say": ("alsreader.commands.speech", "Speak some words with the reader's voice."),
    "export": ("alsreader.commands.speech",
               "Write a document or one section to a WAV file (or one file per section)."),
    "config": ("alsreader.commands.config", "Create, check or locate the settings file."),
    "talk": ("alsreader.commands.talk",
             "Check or locate the Talk screen's phrases; forget what was said."),
}
"""Subcommand -> (module that runs it, one-line summary for ``alsreader --help``)."""

_EXIT_STATUS_HELP = """\
exit status:
  0    done
  1    anything else went wrong (no speech engine, a file that could not be written,
       a settings file with problems for `config check`)
  2    bad usage, or a document or folder that cannot be read
  130  stopped with Ctrl-C"""


def _reader_parser() -> argparse.ArgumentParser:
    width = max(len(name) for name in COMMANDS)
    commands = "\n".join(f"  {name.ljust(width)}  {summary}"
                         for name, (_, summary) in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="alsreader",
        usage="%(prog)s [options] [PATH]\n       %(prog)s COMMAND [options]",
        description="Read documents aloud. Every action is one key, a large target, "
        "or a switch press.",
        epilog=f"commands (each has its own --help: alsreader COMMAND --help):\n{commands}\n\n"
        "examples:\n"
        "  alsreader                        reopen the last document at its last sentence\n"
        "  alsreader book.md                open a document (Markdown, text or HTML)\n"
        "  alsreader ~/Books                open a folder as the library\n"
        "  alsreader --access one-switch    operate the reader with one switch\n"
        "  alsreader outline book.md        see a document's numbered sections\n\n"
        f"{_EXIT_STATUS_HELP}\n\n"
        "A PATH that is not there opens the library with a notice (exit status 0), so a\n"
        "reader started from a stale shortcut still has something to read.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "path", nargs="?", metavar="PATH",
        help="a document or folder to open (default: the last document, else the library)",
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
    parser.add_argument(
        "--player", metavar="NAME",
        help="audio player to use (auto, paplay, pw-play, pacat, aplay, afplay, winsound, "
        "silent)",
    )
    return parser


def _command_parser(name: str) -> tuple[argparse.ArgumentParser, ModuleType]:
    """The parser for ``alsreader NAME ...`` (a real argparse subcommand) and its module."""
    module_name, summary = COMMANDS[name]
    module = importlib.import_module(module_name)
    parser = argparse.ArgumentParser(prog="alsreader")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    command = subcommands.add_parser(
        name, help=summary, description=summary,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    module.add_arguments(name, command)
    # Each module's epilog holds its examples; the exit statuses are the same for all.
    statuses = ("exit status: 0 done, 2 bad usage or a document that cannot be read, "
                "1 anything else\n(`alsreader --help` says more)")
    command.epilog = f"{command.epilog}\n\n{statuses}" if command.epilog else statuses
    return parser, module


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] in COMMANDS:
        return _run_command(args_list)
    args = _reader_parser().parse_args(args_list)
    from alsreader.ui.app import run_reader

    return run_reader(args)


def _run_command(args_list: list[str]) -> int:
    # Here, not at the top: the reader's start-up imports nothing from the subcommands.
    from alsreader.commands import EXIT_DONE, EXIT_FAILED, EXIT_INTERRUPTED

    name = args_list[0]
    parser, module = _command_parser(name)
    args = parser.parse_args(args_list)
    try:
        return int(module.run(name, args))
    except KeyboardInterrupt:
        # The progress bar may be mid-line.
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # Output piped into `head` or similar that stopped reading: not an error.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_DONE
    except Exception as error:
        if os.environ.get("ALSREADER_DEBUG"):
            raise
        from alsreader.commands.common import error as tell_error
        from alsreader.commands.common import safe

        tell_error(name, f"stopped by an unexpected problem ({type(error).__name__}: "
                         f"{safe(error)}); set ALSREADER_DEBUG=1 to see the details")
        return EXIT_FAILED


if __name__ == "__main__":
    raise SystemExit(main())
