"""``alsreader config init|check|path``: create, check or locate the settings file."""

from __future__ import annotations

import argparse
from pathlib import Path

from alsreader import locations
from alsreader.commands import EXIT_DONE, EXIT_FAILED
from alsreader.commands.common import error, examples, safe


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
    parser.epilog = examples(
        ("alsreader config init", "write the settings file with every default, explained"),
        ("alsreader config check", "list the problems in the settings file, if any"),
        ("alsreader config check other.yaml", "check another file"),
        ("alsreader config path", "where the settings file is"),
    ) + ("\n\nconfig check exits with status 1 when the file has problems (alsreader still"
         "\nstarts with such a file, using the default for each of them).")


def _target(args: argparse.Namespace) -> Path:
    given = getattr(args, "path", None) or args.config
    return Path(given).expanduser() if given else locations.config_file()


def run(name: str, args: argparse.Namespace) -> int:
    """Carry out the chosen action; returns the exit status."""
    from alsreader.config import load_settings, write_default_config

    path = _target(args)
    if args.action == "path":
        print(safe(path))
        return EXIT_DONE
    if args.action == "init":
        try:
            backup = write_default_config(path, force=args.force)
        except FileExistsError:
            error("config", f"{safe(path)} already exists; use --force to replace it "
                            "(the old one is kept as a .bak file).")
            return EXIT_FAILED
        except OSError as failure:
            error("config", f"could not write {safe(path)}: {safe(failure.strerror or failure)}")
            return EXIT_FAILED
        print(f"Wrote {safe(path)}")
        if backup is not None:
            print(f"The previous file is kept as {safe(backup)}")
        return EXIT_DONE
    # check
    if not path.exists() and not path.is_symlink():
        print(f"{safe(path)} does not exist; alsreader uses the defaults. "
              "Create one with: alsreader config init")
        return EXIT_DONE
    loaded = load_settings(path)
    if loaded.settings.voice.voice is not None:
        # Only start the speech engine when there is a voice to check.
        voices = _installed_voices()
        if voices:
            loaded = load_settings(path, installed_voices=voices)
    problems = [problem for problem in loaded.problems if not problem.note]
    notes = [problem for problem in loaded.problems if problem.note]
    if not problems:
        print(f"{safe(path)}: no problems found.")
    else:
        count = len(problems)
        print(f"{safe(path)}: {count} problem{'s' if count != 1 else ''} "
              "(alsreader still starts, using the default for each of these):")
        for problem in problems:
            print(f"  {safe(problem)}")
    if notes:
        print("Notes (these values are understood and used):")
        for note in notes:
            print(f"  {safe(note)}")
    return EXIT_FAILED if problems else EXIT_DONE


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
