"""``alsreader outline``, ``alsreader text`` and ``alsreader library``: tools for the caregiver.

``outline`` shows how alsreader sees a document (its sections, numbered and nested, with
sentence counts), which is how a caregiver checks a file before the reader opens it.
``text`` prints what the voice will say, one sentence a line. ``library`` lists the
documents alsreader finds in its bundled content and in the given folders. A file or
folder that cannot be read gives one plain line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from alsreader.commands import EXIT_BAD_INPUT, EXIT_DONE
from alsreader.commands.common import (
    add_config_option,
    error,
    examples,
    load_command_settings,
    safe,
    warn,
)
from alsreader.document.decode import one_line
from alsreader.document.model import Document, DocumentError, Section
from alsreader.document.registry import registry

if TYPE_CHECKING:
    from alsreader.config import Settings

Speakable = Callable[[str], str]
"""Displayed text -> the text the voice is given."""
PASSED_OVER = "passed over when reading on"
"""How ``outline`` and ``text`` mark a part the book keeps out of its reading flow (a
cover, a copyright page, ``linear="no"``): it is read only when opened."""


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Declare the arguments of subcommand ``name`` ("outline", "text" or "library")."""
    if name == "outline":
        parser.add_argument("path", nargs="+", metavar="PATH",
                            help=f"a document ({registry.describe()})")
        parser.epilog = examples(
            ("alsreader outline book.md", "the sections of book.md, numbered from 1"),
            ("alsreader outline a.md b.txt", "one outline after the other"),
        )
    elif name == "text":
        parser.description = (
            "Print what the voice will say, one sentence a line: each section starts with\n"
            "its number and title in brackets, then the sentences the narrator sends to the\n"
            "voice, after the pronunciation rules of the settings file and of the document's\n"
            "own .pronunciations.yaml. Text that is shown but not read aloud (code blocks,\n"
            "by default) is left out, as is a sentence the rules skip entirely. A part the\n"
            "book keeps out of its reading flow (a cover, a copyright page) shows only its\n"
            "title line, unless --section asks for it."
        )
        parser.add_argument("path", metavar="PATH", help=f"a document ({registry.describe()})")
        add_section_option(parser)
        add_config_option(parser)
        parser.epilog = examples(
            ("alsreader text book.md", "everything the voice will say"),
            ("alsreader text book.md --section 3", "only section 3 (see `alsreader outline`)"),
            ("alsreader text book.md | less", "page through it"),
        )
    else:
        parser.add_argument(
            "folders", nargs="*", metavar="FOLDER", help="extra folders to look in"
        )
        parser.add_argument(
            "--no-bundled",
            action="store_true",
            help="leave out the documents that ship with alsreader",
        )
        parser.epilog = examples(
            ("alsreader library", "the bundled documents"),
            ("alsreader library ~/Books", "the bundled documents, then those in ~/Books"),
            ("alsreader library --no-bundled ~/Books", "only those in ~/Books"),
        )


def add_section_option(parser: argparse.ArgumentParser) -> None:
    """The ``--section N`` option (numbered from 1, as ``alsreader outline`` shows)."""
    parser.add_argument("--section", type=int, metavar="N",
                        help="only section N (numbered from 1, as `alsreader outline` shows)")


def run(name: str, args: argparse.Namespace) -> int:
    """Run subcommand ``name``; returns the exit status (2 when something cannot be read)."""
    if name == "outline":
        return _outline([Path(p) for p in args.path])
    if name == "text":
        return _text(args)
    return _library([Path(p) for p in args.folders], bundled=not args.no_bundled)


def load_or_report(command: str, path: Path) -> Document | None:
    """The document at ``path``, or None after one plain line on stderr saying why not."""
    from alsreader.document.loader import load_document

    try:
        return load_document(path)
    except DocumentError as problem:
        # The loader's message names the file already; the path given is said once. Its
        # words can hold names from inside the file (a book's parts): made safe too.
        reason = str(problem).removeprefix(f"{one_line(path.name)}: ")
        error(command, f"cannot read {safe(path)}: {safe(reason)}")
        return None


def sections_to_read(
    command: str, path_text: str, section: int | None
) -> tuple[Document, list[Section]] | None:
    """The document at ``path_text`` and all its sections, or only section number
    ``section`` (1-based, as ``outline`` numbers them); None after one plain line on stderr
    when the document cannot be read or has no such section."""
    path = Path(path_text)
    document = load_or_report(command, path)
    if document is None:
        return None
    sections = document.sections
    if section is None:
        return document, sections
    if not 1 <= section <= len(sections):
        error(command, f"there is no section {section}; this document has {len(sections)} "
                       f"(see `alsreader outline {safe(path)}`)")
        return None
    return document, [sections[section - 1]]


def speakable_for(command: str, settings: Settings, document: Document | None) -> Speakable:
    """What the narrator would do to a sentence before the voice says it: the caregiver's
    pronunciation rules, then the document's own (problems in those are warnings). A rule
    that fails leaves the text unchanged, as the narrator reads on in that case too."""
    from alsreader.config import make_pronouncer

    pronouncer, problems = make_pronouncer(settings, document.path if document else None)
    for problem in problems:
        warn(command, safe(problem))

    def speakable(text: str) -> str:
        try:
            return pronouncer.speakable(text)
        except Exception:
            return text

    return speakable


def _outline(paths: list[Path]) -> int:
    status = EXIT_DONE
    for number, path in enumerate(paths):
        document = load_or_report("outline", path)
        if document is None:
            status = EXIT_BAD_INPUT
            continue
        if number:
            print()
        print("\n".join(outline_lines(document)))
    return status


def outline_lines(document: Document) -> list[str]:
    """The outline of ``document`` as printed by ``alsreader outline``: one line per section,
    numbered from 1 in reading order (the numbers ``--section`` takes), indented by level."""
    # Books are not text files: their encoding is the container's business, not news.
    about = document.source_format
    if document.source_format not in ("epub", "pdf"):
        about += f", {document.encoding}"
    lines = [f"{safe(document.title)}  [{about}]"]
    lines.extend(f"Note: {safe(notice)}" for notice in document.notices)
    width = len(str(len(document.sections)))
    depths = {id(top): 0 for top in document.tree}
    for section in document.sections:
        depth = depths[id(section)]
        for child in section.children:
            depths[id(child)] = depth + 1
        sentences = section.sentences
        silent = sum(1 for sentence in sentences if not sentence.spoken)
        count = f"{len(sentences)} {_plural(len(sentences), 'sentence')}"
        if silent:
            count += f", {silent} not spoken"
        if not section.linear:
            count += f", {PASSED_OVER}"
        lines.append(f"{section.index + 1:>{width}}  {'  ' * depth}{safe(section.title)}  "
                     f"({count})")
    sections = len(document.sections)
    lines.append(
        f"Total: {sections} {_plural(sections, 'section')}, "
        f"{document.sentence_count} {_plural(document.sentence_count, 'sentence')}, "
        f"{document.word_count} spoken {_plural(document.word_count, 'word')}"
    )
    return lines


def _text(args: argparse.Namespace) -> int:
    chosen = sections_to_read("text", args.path, args.section)
    if chosen is None:
        return EXIT_BAD_INPUT
    document, sections = chosen
    settings = load_command_settings("text", args.config)
    speakable = speakable_for("text", settings, document)
    from alsreader.speech.narrator import skipped_kinds_from_settings

    skipped = skipped_kinds_from_settings(settings)
    for number, section in enumerate(sections):
        if number:
            print()
        if not section.linear and args.section is None:
            # What continuous reading says: this part only when it is opened (--section).
            print(f"[{section.index + 1}] {safe(section.title)} ({PASSED_OVER})")
            continue
        print(f"[{section.index + 1}] {safe(section.title)}")
        for sentence in section.sentences:
            if not sentence.spoken or section.paragraphs[sentence.paragraph].kind in skipped:
                continue
            spoken = safe(speakable(sentence.text))
            if spoken:
                print(spoken)
    return EXIT_DONE


def _library(folders: list[Path], *, bundled: bool) -> int:
    from alsreader.document.library import scan_library

    status = EXIT_DONE
    for folder in folders:
        if not folder.expanduser().is_dir():
            error("library", f"{safe(folder)} is not a folder that can be read")
            status = EXIT_BAD_INPUT
    found = scan_library(folders, include_bundled=bundled)
    for note in found.skipped:
        warn("library", note)
    if not found.entries:
        suffixes = ", ".join(sorted(registry.suffixes()))
        print(f"No readable documents found (alsreader reads {suffixes} files).")
        return status
    from rich.cells import cell_len

    rows = [(safe(entry.title), entry.format, safe(entry.path)) for entry in found.entries]
    # Columns line up by the cells a title takes on screen: "日本の昔話" takes ten.
    width = max(cell_len(title) for title, _, _ in rows)
    for title, fmt, where in rows:
        print(f"{title}{' ' * (width - cell_len(title))}  {fmt:<8}  {where}")
    return status


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
