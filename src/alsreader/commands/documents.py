"""``alsreader outline PATH`` and ``alsreader library [FOLDER...]``: tools for the caregiver.

``outline`` shows how alsreader sees a document (its sections, nested, with sentence
counts), which is how a caregiver checks a file before the reader opens it. ``library``
lists the documents alsreader finds in its bundled content and in the given folders.
A file or folder that cannot be read gives one plain line and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alsreader.document.library import discover
from alsreader.document.loader import load_document
from alsreader.document.model import Document, DocumentError, Section
from alsreader.document.registry import registry

EXIT_UNREADABLE = 2


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of subcommand ``name`` ("outline" or "library")."""
    if name == "outline":
        parser.add_argument("path", nargs="+", help=f"a document ({registry.describe()})")
    else:
        parser.add_argument(
            "folders", nargs="*", metavar="FOLDER", help="extra folders to look in"
        )
        parser.add_argument(
            "--no-bundled",
            action="store_true",
            help="leave out the documents that ship with alsreader",
        )


def run(name: str, args: argparse.Namespace) -> int:
    """Run subcommand ``name``; returns the exit status (2 when something cannot be read)."""
    if name == "outline":
        return _outline([Path(p) for p in args.path])
    return _library([Path(p) for p in args.folders], bundled=not args.no_bundled)


def _outline(paths: list[Path]) -> int:
    status = 0
    for number, path in enumerate(paths):
        try:
            document = load_document(path)
        except DocumentError as error:
            print(f"alsreader: cannot read {path}: {error}", file=sys.stderr)
            status = EXIT_UNREADABLE
            continue
        if number:
            print()
        print("\n".join(outline_lines(document)))
    return status


def outline_lines(document: Document) -> list[str]:
    """The outline of ``document`` as printed by ``alsreader outline``."""
    lines = [f"{document.title}  [{document.source_format}, {document.encoding}]"]
    lines.extend(f"Note: {notice}" for notice in document.notices)
    for top in document.tree:
        lines.extend(_section_lines(top, depth=1))
    sections = len(document.sections)
    lines.append(
        f"Total: {sections} {_plural(sections, 'section')}, "
        f"{document.sentence_count} {_plural(document.sentence_count, 'sentence')}, "
        f"{document.word_count} spoken {_plural(document.word_count, 'word')}"
    )
    return lines


def _section_lines(section: Section, depth: int) -> list[str]:
    sentences = section.sentences
    silent = sum(1 for sentence in sentences if not sentence.spoken)
    count = f"{len(sentences)} {_plural(len(sentences), 'sentence')}"
    if silent:
        count += f", {silent} not spoken"
    lines = [f"{'  ' * depth}{section.title}  ({count})"]
    for child in section.children:
        lines.extend(_section_lines(child, depth + 1))
    return lines


def _library(folders: list[Path], *, bundled: bool) -> int:
    status = 0
    for folder in folders:
        if not folder.expanduser().is_dir():
            print(f"alsreader: {folder} is not a folder that can be read", file=sys.stderr)
            status = EXIT_UNREADABLE
    entries = discover(folders, include_bundled=bundled)
    if not entries:
        suffixes = ", ".join(sorted(registry.suffixes()))
        print(f"No readable documents found (alsreader reads {suffixes} files).")
        return status
    width = max(len(entry.title) for entry in entries)
    for entry in entries:
        print(f"{entry.title.ljust(width)}  {entry.format:<8}  {entry.path}")
    return status


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
