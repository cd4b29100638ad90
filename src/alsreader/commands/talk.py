"""``alsreader talk init|check|path|clear-history|forget-words``: the Talk screen's phrases
file, and forgetting what was said and the words learned from it."""

from __future__ import annotations

import argparse
from pathlib import Path

from alsreader import locations
from alsreader.commands import EXIT_DONE, EXIT_FAILED
from alsreader.commands.common import error, examples, safe


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Add the ``init``, ``check``, ``path`` and ``clear-history`` actions."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("init", help="write the starter phrases to the phrases file, to edit")
    check = actions.add_parser("check", help="check a phrases file and list its problems")
    check.add_argument("path", nargs="?", help="the file to check (default: the phrases file)")
    actions.add_parser("path", help="print where the phrases file is")
    actions.add_parser("clear-history",
                       help="forget everything said on the Talk screen (cannot be undone)")
    actions.add_parser("forget-words",
                       help="forget the words learned for word prediction (cannot be undone)")
    parser.epilog = examples(
        ("alsreader talk init", "write the starter phrases, to change them"),
        ("alsreader talk check", "list the problems in the phrases file, if any"),
        ("alsreader talk path", "where the phrases file is (beside the settings file)"),
        ("alsreader talk clear-history", "forget the last things said"),
        ("alsreader talk forget-words", "forget the words learned for prediction"),
    ) + ("\n\ntalk check exits with status 1 when the file has problems (the Talk screen still"
         "\nopens, leaving out each part with a problem).")


def run(name: str, args: argparse.Namespace) -> int:
    """Carry out the chosen action; returns the exit status."""
    path = locations.phrases_file()
    if args.action == "path":
        print(safe(path))
        return EXIT_DONE
    if args.action == "clear-history":
        from alsreader.talk.history import TalkHistory

        history = TalkHistory()
        count = len(history.said)
        history.clear()
        if history.problem:
            error("talk", history.problem)
            return EXIT_FAILED
        print(f"Forgot {count} thing{'s' if count != 1 else ''} said ({safe(history.path)}).")
        return EXIT_DONE
    if args.action == "forget-words":
        from alsreader.talk.predictor import WordPredictor

        predictor = WordPredictor()
        count = predictor.learned_word_count
        predictor.forget()
        if predictor.last_error:
            error("talk", predictor.last_error)
            return EXIT_FAILED
        print(f"Forgot {count} learned word{'s' if count != 1 else ''} "
              f"({safe(predictor.store)}).")
        return EXIT_DONE
    if args.action == "init":
        return _init(path)
    return _check(Path(args.path).expanduser() if args.path else path)


def _init(path: Path) -> int:
    from alsreader.atomic import atomic_write_text
    from alsreader.talk.phrases import starter_text

    if path.exists():
        error("talk", f"{safe(path)} already exists; edit it, or remove it first.")
        return EXIT_FAILED
    try:
        atomic_write_text(path, starter_text())
    except OSError as failure:
        error("talk", f"could not write {safe(path)}: {safe(failure.strerror or failure)}")
        return EXIT_FAILED
    print(f"Wrote {safe(path)}")
    return EXIT_DONE


def _check(path: Path) -> int:
    from alsreader.talk.phrases import load_phrases

    if not path.exists() and not path.is_symlink():
        print(f"{safe(path)} does not exist; the Talk screen uses the starter phrases. "
              "Write them there to change them with: alsreader talk init")
        return EXIT_DONE
    book = load_phrases(path)
    count = sum(len(category.phrases) for category in book.categories) + len(book.instant)
    if not book.problems:
        print(f"{safe(path)}: no problems found ({count} phrases in "
              f"{len(book.categories)} categories, {len(book.instant)} instant).")
        return EXIT_DONE
    problems = len(book.problems)
    print(f"{safe(path)}: {problems} problem{'s' if problems != 1 else ''} "
          "(the Talk screen still opens, leaving out each of these):")
    for problem in book.problems:
        print(f"  {safe(problem)}")
    return EXIT_FAILED
