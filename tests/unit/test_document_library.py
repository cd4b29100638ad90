"""The library finds readable documents, with titles, in a sensible order."""

from __future__ import annotations

import codecs
from pathlib import Path

from alsreader.document.library import LibraryEntry, discover, entry_for


def make_folder(root: Path) -> Path:
    """A caregiver's folder of mixed files."""
    folder = root / "reading"
    (folder / "club" / "deep" / "deeper" / "deepest").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / "part-10.md").write_text("# Part 10\n\nText.\n", encoding="utf-8")
    (folder / "part-2.md").write_text("# Part 2\n\nText.\n", encoding="utf-8")
    (folder / "notes.txt").write_text("\n\nShopping and errands\n\nMilk.\n", encoding="utf-8")
    (folder / "front.markdown").write_text(
        "---\ntitle: From the front matter\n---\n\n# Heading\n", encoding="utf-8"
    )
    (folder / "setext.md").write_text("Underlined title\n================\n\nText.\n", "utf-8")
    (folder / "page.html").write_text(
        "<html><head><title>A &amp; B</title></head><body><p>x</p></body></html>", "utf-8"
    )
    (folder / "club" / "h1-only.htm").write_text("<h1>Book <i>club</i></h1><p>x</p>", "utf-8")
    wide = codecs.BOM_UTF16_LE + "Wide title\n".encode("utf-16-le")
    (folder / "club" / "wide.txt").write_bytes(wide)
    (folder / "no-title.md").write_text("Just some text without a heading.\n", encoding="utf-8")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / ".secret.md").write_text("# Hidden\n", encoding="utf-8")
    (folder / ".hidden" / "inside.md").write_text("# Hidden too\n", encoding="utf-8")
    (folder / "club" / "deep" / "deeper" / "deepest" / "far.md").write_text("# Far\n", "utf-8")
    return folder


def test_titles_formats_and_order(tmp_path: Path) -> None:
    """Titles come from headings, front matter, <title> or the first line; natural order."""
    folder = make_folder(tmp_path)
    entries = discover([folder], include_bundled=False)
    assert [(e.title, e.format, e.path.name) for e in entries] == [
        ("A & B", "html", "page.html"),
        ("From the front matter", "markdown", "front.markdown"),
        ("No title", "markdown", "no-title.md"),
        ("Part 2", "markdown", "part-2.md"),
        ("Part 10", "markdown", "part-10.md"),
        ("Shopping and errands", "text", "notes.txt"),
        ("Underlined title", "markdown", "setext.md"),
        ("Book club", "html", "h1-only.htm"),
        ("Wide title", "text", "wide.txt"),
    ]
    assert all(isinstance(e, LibraryEntry) for e in entries)


def test_bundled_content_comes_first_with_the_welcome_guide(tmp_path: Path) -> None:
    """The welcome guide leads; extra folders follow; nothing is listed twice."""
    folder = make_folder(tmp_path)
    entries = discover([folder, folder], include_bundled=True)
    assert entries[0].title == "Welcome to alsreader"
    assert entries[1].title == "ALS: an overview"
    paths = [e.path.resolve() for e in entries]
    assert len(paths) == len(set(paths))
    assert entries[2].path.parent == folder


def test_missing_folders_are_skipped(tmp_path: Path) -> None:
    """A folder that is not there adds nothing and breaks nothing."""
    assert discover([tmp_path / "nowhere"], include_bundled=False) == []


def test_entry_for_large_file_reads_only_the_start(tmp_path: Path) -> None:
    """A big book is titled from its first lines without reading it all."""
    path = tmp_path / "big.md"
    path.write_text("# Big book\n\n" + "Words and more words. " * 200_000, encoding="utf-8")
    entry = entry_for(path)
    assert entry == LibraryEntry(path=path, title="Big book", format="markdown")


def test_loops_links_and_pipes_are_skipped_with_a_safe_note(tmp_path: Path) -> None:
    """A symlink loop, a broken link and a named pipe never stop the look (or hang it on
    the pipe); each document-named one gets one terminal-safe line; a linked folder that
    leads back up is not followed."""
    import os

    from alsreader.document.library import scan_library

    folder = tmp_path / "books"
    folder.mkdir()
    (folder / "kept.md").write_text("# Kept\n", encoding="utf-8")
    loop = folder / "\x1b[2Jloop.md"
    loop.symlink_to(loop.name)
    (folder / "broken.html").symlink_to(tmp_path / "nowhere.html")
    os.mkfifo(folder / "pipe.md")
    (folder / "up").symlink_to(tmp_path, target_is_directory=True)
    (folder / "not-a-document").symlink_to("not-a-document")  # a loop, but no suffix
    scan = scan_library([folder, folder], include_bundled=False)
    assert [entry.title for entry in scan.entries] == ["Kept"]
    assert scan.skipped == [  # in the order of the raw names: ESC sorts first
        f"Skipped {folder}/loop.md: a link that leads back to itself (a symlink loop).",
        f"Skipped {folder}/broken.html: a link to something that is not there.",
        f"Skipped {folder}/pipe.md: not a document file (a pipe or a device).",
    ]
    assert discover([folder], include_bundled=False) == scan.entries
