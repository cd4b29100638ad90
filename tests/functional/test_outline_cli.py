"""``alsreader outline`` and ``alsreader library`` as a caregiver runs them: a real process."""

from __future__ import annotations

import os
from pathlib import Path

from alsreader.locations import bundled_content_dir

from .cli_support import alsreader

CONTENT = bundled_content_dir()
SEED = Path(__file__).resolve().parents[1] / "data" / "als-source.txt"


def test_outline_prints_the_section_tree_with_counts() -> None:
    """Sections are numbered from 1 (as `export --section` counts) and indented by level,
    each with its sentence count, then the totals."""
    result = alsreader("outline", str(CONTENT / "als-overview.md"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ALS: an overview  [markdown, utf-8]"
    assert lines[1].startswith("1  ALS: an overview  (")
    assert lines[2].startswith("2    What ALS is  (")
    assert lines[2].endswith(" sentences)")
    assert [line.split("  (")[0] for line in lines[2:8]] == [
        "2    What ALS is",
        "3    The possible role of the immune system",
        "4    Symptoms and progression",
        "5    Treatment and care",
        "6    Research",
        "7    Summary",
    ]
    counts = [int(line.rsplit("(", 1)[1].split()[0]) for line in lines[1:8]]
    assert lines[-1].startswith(f"Total: 7 sections, {sum(counts)} sentences, ")
    assert result.stderr == ""


def test_outline_of_the_seed_text() -> None:
    """The plain-text seed: one titled section, 21 sentences."""
    result = alsreader("outline", str(SEED))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "What is als autoimmune disease  [text, utf-8]",
        "1  What is als autoimmune disease  (21 sentences)",
        "Total: 1 section, 21 sentences, 427 spoken words",
    ]


def test_outline_shows_notices_and_unspoken_code(tmp_path: Path) -> None:
    """A legacy encoding is reported; code blocks are counted as not spoken."""
    path = tmp_path / "café.md"
    path.write_bytes("# Café\n\nNaïve text.\n\n```\ncode\n```\n".encode("cp1252"))
    result = alsreader("outline", str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Café  [markdown, cp1252]"
    assert lines[1].startswith("Note: café.md is not in the usual UTF-8 encoding.")
    assert lines[2] == "1  Café  (3 sentences, 1 not spoken)"


def test_unreadable_files_give_one_line_and_status_2(tmp_path: Path) -> None:
    """Missing, folder and binary: one plain line each on stderr, no traceback, status 2."""
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    for target in (tmp_path / "missing.md", tmp_path, binary):
        result = alsreader("outline", str(target))
        assert result.returncode == 2
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(f"alsreader outline: cannot read {target}: ")
        assert "Traceback" not in result.stderr


def test_library_lists_bundled_and_extra_folders(tmp_path: Path) -> None:
    """Bundled content first, then the given folder; a missing folder is status 2."""
    (tmp_path / "letter.txt").write_text("A letter from Sam\n\nHello.\n", encoding="utf-8")
    result = alsreader("library", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Welcome to alsreader")
    assert lines[1].startswith("ALS: an overview")
    assert lines[2].split()[:5] == ["A", "letter", "from", "Sam", "text"]
    assert lines[2].endswith(str(tmp_path / "letter.txt"))

    missing = alsreader("library", "--no-bundled", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "is not a folder" in missing.stderr
    assert "No readable documents found" in missing.stdout


ESCAPE_NAME = "\x1b]0;PWNED\x07\x1b[31mred.md"
"""A file name holding a terminal title change and a colour: both must be removed."""


def test_text_prints_what_the_voice_says_one_sentence_a_line(tmp_path: Path) -> None:
    """Section titles in brackets, numbered as outline does; pronunciation rules applied
    (the document's own, and the caregiver's from --config); code blocks left out."""
    document = tmp_path / "notes.md"
    document.write_text(
        "# Notes\n\nSee the GP today. Then rest.\n\n## Code\n\n```\nrm -rf\n```\n\n"
        "Only this is read.\n\nSkip me entirely.\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.pronunciations.yaml").write_text(
        "pronunciations:\n  - {match: GP, say: doctor}\n", encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(
        "pronunciations:\n  - {match: rest, say: sleep}\n"
        "  - {match: Skip me entirely., say: null, mode: anywhere}\n",
        encoding="utf-8")
    result = alsreader("text", str(document), "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "[1] Notes",
        "Notes",
        "See the doctor today.",
        "Then sleep.",
        "",
        "[2] Code",
        "Code",
        "Only this is read.",
    ]
    assert result.stderr == ""
    section = alsreader("text", str(document), "--section", "2")
    assert section.stdout.splitlines() == [
        "[2] Code", "Code", "Only this is read.", "Skip me entirely."]


def test_text_of_the_bundled_overview_uses_its_pronunciations() -> None:
    result = alsreader("text", str(CONTENT / "als-overview.md"), "--section", "2")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:3] == ["[2] What ALS is", "What A L S is",
                         "A L S is a disease in which nerve cells slowly stop working and die."]
    outline = alsreader("outline", str(CONTENT / "als-overview.md")).stdout.splitlines()
    assert outline[2].startswith("2    What ALS is  ")


def test_text_of_a_missing_section_is_status_2(tmp_path: Path) -> None:
    document = tmp_path / ESCAPE_NAME
    document.write_text("Just one sentence.\n", encoding="utf-8")
    result = alsreader("text", str(document), "--section", "3")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    assert "\x07" not in result.stderr
    assert result.stderr.startswith("alsreader text: there is no section 3; this document has 1")


def test_names_with_escape_sequences_are_printed_safely(tmp_path: Path) -> None:
    """library, outline's error prefix, export's hint and "Wrote ..." never pass an escape
    sequence from a file name to the terminal."""
    folder = tmp_path / "books"
    folder.mkdir()
    good = folder / ESCAPE_NAME
    good.write_text("Hello there.\n", encoding="utf-8")
    library = alsreader("library", "--no-bundled", str(folder))
    assert library.returncode == 0, library.stderr
    assert library.stdout.split()[:2] == ["Red", "markdown"]  # the name, as no heading
    assert library.stdout.rstrip().endswith(f"{folder}/red.md")

    missing = alsreader("outline", str(folder / ("gone" + ESCAPE_NAME)))
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"alsreader outline: cannot read {folder}/gonered.md")

    hint = alsreader("export", str(good), "-o", str(tmp_path / "x.wav"), "--section", "4")
    assert hint.returncode == 2
    assert f"(see `alsreader outline {folder}/red.md`)" in hint.stderr

    out = tmp_path / ("out" + ESCAPE_NAME + ".wav")
    wrote = alsreader("export", str(good), "-o", str(out), "--rate", "400")
    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stdout.startswith(f"Wrote {tmp_path}/outred.md.wav (")
    assert out.exists()
    for result in (library, missing, hint, wrote):
        assert "\x1b" not in result.stdout + result.stderr
        assert "\x07" not in result.stdout + result.stderr


def test_library_skips_a_symlink_loop_and_unreadable_entries_with_one_line_each(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "books"
    folder.mkdir()
    (folder / "fine.md").write_text("# Fine\n\nText.\n", encoding="utf-8")
    loop = folder / "loop.md"
    loop.symlink_to(loop.name)  # a link to itself
    (folder / "a.md").symlink_to("b.md")  # a -> b -> a
    (folder / "b.md").symlink_to("a.md")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")  # opening it to read the title would wait for ever
    (folder / "circle").symlink_to(folder, target_is_directory=True)
    result = alsreader("library", "--no-bundled", str(folder))
    assert result.returncode == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["Fine"]
    assert result.stderr.splitlines() == [
        f"alsreader library: Skipped {folder}/a.md: a link that leads back to itself "
        "(a symlink loop).",
        f"alsreader library: Skipped {folder}/b.md: a link that leads back to itself "
        "(a symlink loop).",
        f"alsreader library: Skipped {folder}/gone.txt: a link to something that is not there.",
        f"alsreader library: Skipped {folder}/loop.md: a link that leads back to itself "
        "(a symlink loop).",
        f"alsreader library: Skipped {folder}/pipe.txt: not a document file (a pipe or a "
        "device).",
    ]


def test_a_cover_and_a_copyright_page_are_marked_and_left_out_of_text(tmp_path: Path) -> None:
    """``outline`` marks the parts continuous reading passes over; ``text`` gives only
    their title line, unless ``--section`` asks for one."""
    from tests.book_files import Chapter, make_epub

    book = make_epub(tmp_path / "voyage.epub", [
        Chapter("cover.xhtml", '<section epub:type="cover"><img src="cover.png" '
                'alt="Couverture"/></section>', title="Couverture"),
        Chapter("droits.xhtml", '<section epub:type="copyright-page"><p>© 2021 Éditions du '
                "Lac.</p><p>ISBN 978-2-1234-5678-9</p></section>", title="Copyright"),
        Chapter("ch1.xhtml", "<h1>Chapitre 1</h1><p>Il partit de bonne heure.</p>",
                title="Chapitre 1"),
    ], language="fr")
    outline = alsreader("outline", str(book))
    assert outline.returncode == 0, outline.stderr
    assert outline.stdout.splitlines()[1:4] == [
        "1  Couverture  (1 sentence, passed over when reading on)",
        "2  Copyright  (2 sentences, passed over when reading on)",
        "3  Chapitre 1  (2 sentences)",
    ]
    text = alsreader("text", str(book))
    assert text.stdout.splitlines() == [
        "[1] Couverture (passed over when reading on)", "",
        "[2] Copyright (passed over when reading on)", "",
        "[3] Chapitre 1", "Chapitre 1", "Il partit de bonne heure.",
    ]
    asked = alsreader("text", str(book), "--section", "2")
    assert asked.stdout.splitlines() == [
        "[2] Copyright", "© 2021 Éditions du Lac.", "ISBN 978-2-1234-5678-9"]


def test_a_damaged_book_is_named_once_and_its_parts_names_are_made_safe(
    tmp_path: Path,
) -> None:
    """A file that is not a book is one line naming it once; a book whose contents file
    is missing (its name full of escapes) is still read, by its spine, and no escape from
    a part's name reaches the terminal, in outline or in the text said for a lost part."""
    import zipfile

    from tests.book_files import Chapter, make_epub, replace_member

    broken = tmp_path / "broken.epub"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/epub+zip" + b"x" * 99)
    result = alsreader("outline", str(broken))
    assert result.returncode == 2
    assert result.stderr == (f"alsreader outline: cannot read {broken}: This EPUB book is "
                             "damaged (it is not a complete zip archive), so it cannot be read.\n")

    book = make_epub(tmp_path / "parts.epub", [
        Chapter("a.xhtml", "<h1>First</h1><p>Read this.</p>"),
        Chapter("b.xhtml", "<h1>Second</h1><p>And this.</p>")], version=2)
    with zipfile.ZipFile(book) as archive:
        opf = archive.read("OEBPS/content.opf").decode()
    escape = "%1B%5D0;pwned%07%1B%5B2J"
    replace_member(book, "OEBPS/content.opf", opf.replace(
        'href="toc.ncx"', f'href="{escape}toc.ncx"').replace(
        'href="b.xhtml"', f'href="{escape}b.xhtml"').encode())
    outline = alsreader("outline", str(book))
    assert outline.returncode == 0, outline.stderr
    assert outline.stdout.splitlines()[1].split() == ["1", "First", "(2", "sentences)"]
    text = alsreader("text", str(book))
    assert text.returncode == 0, text.stderr
    assert "Read this." in text.stdout
    assert "could not be read" in text.stdout
    for printed in (result, outline, text):
        assert "\x1b" not in printed.stdout + printed.stderr
        assert "\x07" not in printed.stdout + printed.stderr


def test_library_columns_line_up_for_titles_in_wide_letters(tmp_path: Path) -> None:
    """A Japanese title takes two cells a letter on the terminal: the format and path
    columns still start in the same place on every line."""
    folder = tmp_path / "shelf"
    folder.mkdir()
    (folder / "ja.html").write_text(
        '<html lang="ja"><head><meta charset="utf-8"><title>日本の昔話</title></head><body>'
        "<main><h1>桃太郎</h1><p>むかしむかし、ある所に住んでいました。</p></main></body></html>",
        encoding="utf-8")
    (folder / "en.md").write_text("# A Longer English Title\n\nText.\n", encoding="utf-8")
    from rich.cells import cell_len

    result = alsreader("library", "--no-bundled", str(folder))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    starts = {cell_len(line[: line.index(fmt)]) for line, fmt in zip(
        sorted(lines), ["markdown", "html"], strict=True)}
    assert len(starts) == 1
