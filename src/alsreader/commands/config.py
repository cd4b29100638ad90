"""``alsreader config init|check|path``: create, check or locate the settings file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alsreader import locations


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Add the ``init``, ``check`` and ``path`` actions to the ``config`` parser."""
    parser.add_argument(
        "--config", metavar="PATH", help="settings file to use (default: the usual place)"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init", help="write a settings file with every default, explained in comments"
    )
    init.add_argument(
        "--force", action="store_true",
        help="replace an existing file (the old one is kept as config.yaml.bak)",
    )
    check = actions.add_parser("check", help="check a settings file and list its problems")
    check.add_argument("path", nargs="?", help="the file to check (default: the settings file)")
    actions.add_parser("path", help="print where the settings file is")


def _target(args: argparse.Namespace) -> Path:
    given = getattr(args, "path", None) or args.config
    return Path(given).expanduser() if given else locations.config_file()


def run(name: str, args: argparse.Namespace) -> int:
    """Carry out the chosen action; returns the exit status."""
    from alsreader.config import load_settings, write_default_config

    path = _target(args)
    if args.action == "path":
        print(path)
        return 0
    if args.action == "init":
        try:
            backup = write_default_config(path, force=args.force)
        except FileExistsError:
            print(f"{path} already exists; use --force to replace it "
                  "(the old one is kept as a .bak file).", file=sys.stderr)
            return 1
        except OSError as error:
            print(f"Could not write {path}: {error.strerror or error}", file=sys.stderr)
            return 1
        print(f"Wrote {path}")
        if backup is not None:
            print(f"The previous file is kept as {backup}")
        return 0
    # check
    if not path.exists() and not path.is_symlink():
        print(f"{path} does not exist; alsreader uses the defaults. "
              "Create one with: alsreader config init")
        return 0
    loaded = load_settings(path)
    if loaded.settings.voice.voice is not None:
        # Only start the speech engine when there is a voice to check.
        voices = _installed_voices()
        if voices:
            loaded = load_settings(path, installed_voices=voices)
    problems = [problem for problem in loaded.problems if not problem.note]
    notes = [problem for problem in loaded.problems if problem.note]
    if not problems:
        print(f"{path}: no problems found.")
    else:
        count = len(problems)
        print(f"{path}: {count} problem{'s' if count != 1 else ''} "
              "(alsreader still starts, using the default for each of these):")
        for problem in problems:
            print(f"  {problem}")
    if notes:
        print("Notes (these values are understood and used):")
        for note in notes:
            print(f"  {note}")
    return 1 if problems else 0


def _installed_voices() -> dict[str, str] | None:
    """The installed voice ids, or None when speech is unavailable (voices go unchecked)."""
    try:
        from alsreader.speech.synthesizer import Synthesizer

        synthesizer = Synthesizer()
    except Exception:  # no speech here: the file can still be checked
        return None
    try:
        return {voice.id: voice.name for voice in synthesizer.voices()}
    except Exception:
        return None
    finally:
        synthesizer.close()
