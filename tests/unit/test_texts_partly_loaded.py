"""Long plain text and Markdown files open as a growing document (issue 12, memory and time).

A text of ``GROWING_CHARS`` or more is opened by finding its sections first (a quick pass
over its lines) and reading each part's sentences when first needed, as EPUB and PDF books
are (see ``test_books_partly_loaded``). Everything here checks that the growing document is
the same document: the same sections, titles, levels, text, sentences and places as reading
the whole file at once, so a saved place, a bookmark and the time left mean the same.
Every document is written here, at test time, or is one of the project's own files.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.test_loaders_plaintext import PROSE, gutenberg_book

from alsreader.document import Document, DocumentError, Position, load_document, open_document
from alsreader.document.decode import DecodedText, clean_text
from alsreader.document.markdown import GROWING_CHARS as MARKDOWN_GROWING_CHARS
from alsreader.document.markdown import parse_markdown_taking
from alsreader.document.pending import is_complete, load_rest
from alsreader.document.plaintext import GROWING_CHARS, parse_plaintext_taking
from alsreader.state import ReadingState, find_again

SOURCE = Path(__file__).resolve().parents[1] / "data" / "als-source.txt"


def everything(document: Document) -> list[object]:
    """All a reader can see of a document: each section's title, level, place in the tree,
    text, paragraphs and sentences (with their spans), then the document's own figures."""
    sections: list[object] = [
        (s.title, s.level, s.index, [c.index for c in s.children], s.text, s.linear,
         [(p.kind, p.start, p.end) for p in s.paragraphs],
         [(t.text, t.start, t.end, t.paragraph, t.spoken) for t in s.sentences])
        for s in document.sections
    ]
    return [*sections, document.title, document.language, document.source_format,
            document.sentence_count, document.word_count]


def loaded(document: Document) -> list[bool]:
    return [section.loaded for section in document.sections]


def plain(text: str, *, growing: bool, part_words: int = 40) -> Document:
    return parse_plaintext_taking(DecodedText(clean_text(text), "utf-8"), growing=growing,
                                  part_words=part_words)


def markdown(text: str, *, growing: bool, piece_chars: int = 300) -> Document:
    return parse_markdown_taking(DecodedText(clean_text(text), "utf-8"), growing=growing,
                                 piece_chars=piece_chars)


def grown(document: Document) -> Document:
    """``document`` with every part read (as the reader's background loading does)."""
    load_rest(document)
    assert is_complete(document)
    return document


def long_text() -> str:
    """A multi-section plain text: a title, chapters with wrapped and unwrapped
    paragraphs, lists, a contents list, captions, a letter and long runs without headings."""
    prose = SOURCE.read_text(encoding="utf-8").strip()
    wrapped = "\n".join(prose[i : i + 70] for i in range(0, 1400, 70))
    chapters = ["The Keeper's Year", "CONTENTS", "Chapter 1    1\n\nChapter 2    9"]
    for number in range(1, 7):
        chapters += [
            f"Chapter {number}",
            prose,
            "- the lamp\n- the bell\n- the boat",
            wrapped,
            "[Illustration: The lamp at dusk]",
            "Dear Sir,",
            PROSE["en"],
            "Yours truly,",
            "    JOHN SMITH.",
            "* * *",
            "\n\n".join([prose] * 3),
        ]
    return "\n\n".join(chapters) + "\n"


# ---------------------------------------------------------------- the same document


def test_a_growing_plain_text_is_the_whole_text() -> None:
    """A long text read a part at a time: nothing read at open, then the same document as
    reading it whole, section for section and sentence for sentence."""
    text = long_text()
    document = plain(text, growing=True)
    assert len(document.sections) > 20
    assert not any(loaded(document))
    assert everything(grown(document)) == everything(plain(text, growing=False))


def test_growing_plain_texts_in_every_language_match_the_whole(tmp_path: Path) -> None:
    """Gutenberg-shaped books (contents and illustration lists, signatures, chapter
    headings in English, German and Chinese) and the project's own text, in parts of any
    size."""
    # Three languages: telling any but English or Chinese loads a model for each reading.
    texts = [gutenberg_book(language) for language in ("en", "de", "zh")]
    texts.append(SOURCE.read_text(encoding="utf-8"))
    for text in texts:
        whole = everything(plain(text, growing=False))
        for part_words in (1, 60):
            assert everything(grown(plain(text, growing=True, part_words=part_words))) == whole


def test_a_growing_markdown_file_is_the_whole_file(content_dir: Path) -> None:
    """The bundled guides cut into small pieces: later pieces are read when needed and
    give the same document."""
    for guide in sorted(content_dir.glob("*.md")):
        text = guide.read_text(encoding="utf-8")
        document = markdown(text, growing=True)
        assert not all(loaded(document))
        assert everything(grown(document)) == everything(markdown(text, growing=False))


MARKDOWN_LINES = st.sampled_from([
    # Headings of every kind markdown-it knows, and lines that look like them but are not.
    "# Title", "## Second *level*", "### Closed ###", "#### Ends in #", "# ", "#", "#\tTab",
    "###### Six", "####### seven", "#nospace", "  # indented", "    # code", "> # quoted",
    "- # listed", "1. # numbered", "# ![](only-an-image.png)", "# `code` heading",
    "# [link](https://example.org) heading", "# a \\# b", "Setext title", "===", "---",
    "-", "***", "# Title ![logo](logo.png)", "# :tada: Party", "## [![badge](b.svg)](https://x)",
    "[![build](b.svg)](https://ci) [![pypi](p.svg)](https://pypi)", "> [!NOTE]",
    "> **Warning**", "- [x] done", "- [ ] not yet", "Done :white_check_mark: today.",
    # What holds lines that are not headings.
    "```", "~~~", "    indented code", "<div>", "</div>", "<!-- a comment", "-->",
    "<h2>An HTML heading</h2>", "| Name | Value |", "|---|---|", "| Ramp | 250 |",
    # Prose, lists and quotes.
    "Plain prose. Two sentences here!", "Dr. Patel went home at 5 p.m. today.",
    "- an item", "* another", "1. first", "> a quote", "Some *emphasis* and _more_.",
    "", "", "", "",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(MARKDOWN_LINES, min_size=1, max_size=60), st.integers(1, 120))
def test_growing_markdown_agrees_with_the_parser_on_any_lines(lines: list[str],
                                                               piece_chars: int) -> None:
    """Whatever the lines (headings inside code, quotes, lists and HTML, setext
    headings, empty headings), the headings found without parsing are markdown-it's."""
    # English enough that the language is told without loading a model for every example.
    text = "\n".join(lines) + "\n\n" + PROSE["en"] + " " + PROSE["en"]
    try:
        whole = everything(markdown(text, growing=False, piece_chars=piece_chars))
    except DocumentError as error:  # a file with nothing to read is refused both ways
        with pytest.raises(DocumentError, match=re.escape(str(error))):
            markdown(text, growing=True, piece_chars=piece_chars)
        return
    growing = markdown(text, growing=True, piece_chars=piece_chars)
    assert everything(grown(growing)) == whole


def test_front_matter_and_a_single_top_heading_still_name_the_file() -> None:
    """The title comes from the first piece's front matter, or from the only top-level
    heading wherever it is, as when the file is read whole."""
    body = "".join(f"## Part {n}\n\n{PROSE['en']}\n\n" for n in range(40))
    for text in (f"---\ntitle: The Keeper\n---\n\n{body}", f"{body}# The Only Top\n\n{body}"):
        document = markdown(text, growing=True)
        assert not all(loaded(document))
        assert document.title == markdown(text, growing=False).title
        assert document.title in ("The Keeper", "The Only Top")


def test_a_file_with_notes_or_references_is_read_whole() -> None:
    """References and notes reach across pieces: such a file is not read a part at a
    time, and is the same as ever."""
    body = "".join(f"# Part {n}\n\nSee [the page][help] here.[^1]\n\n" for n in range(40))
    text = body + "[help]: https://example.org\n\n[^1]: The note.\n"
    document = markdown(text, growing=True)
    assert all(loaded(document))
    assert document.sections[-1].title == "Notes"


# ---------------------------------------------------------------- opening a long file


def long_file(path: Path) -> Path:
    """A plain text or Markdown file just over the size that opens growing."""
    prose = SOURCE.read_text(encoding="utf-8").strip()
    chapters = []
    number = 0
    while sum(len(chapter) for chapter in chapters) < max(GROWING_CHARS,
                                                          MARKDOWN_GROWING_CHARS) + 1000:
        number += 1
        heading = f"# Chapter {number}" if path.suffix == ".md" else f"Chapter {number}"
        chapters.append(f"{heading}\n\nIn this part, chapter {number} begins. {prose}\n\n")
    path.write_text("".join(chapters) + "The last words of the book.\n", encoding="utf-8")
    return path


def test_opening_a_long_file_reads_only_its_structure(tmp_path: Path) -> None:
    """open_document knows every section of a long file at once and has read (almost)
    none of their sentences; load_document gives the whole file, the same document."""
    for name in ("long.txt", "long.md"):
        path = long_file(tmp_path / name)
        document = open_document(path)
        assert len(document.sections) > 100
        assert loaded(document).count(True) < len(document.sections) // 4
        assert document.sections[-1].title.startswith("Chapter ")
        assert everything(grown(document)) == everything(load_document(path))


def test_a_saved_place_and_a_bookmark_late_in_the_file_are_found(tmp_path: Path) -> None:
    """A place saved near the end of a long text is the same sentence when the file is
    opened again, with only that part read; so is a bookmark; once the rest arrives, the
    share read and the time left are exactly those of the whole file."""
    for name in ("long.txt", "long.md"):
        path = long_file(tmp_path / name)
        whole = load_document(path)
        late = whole.sections[-2]
        place = Position(late.index, min(3, len(late.sentences) - 1))
        mark = Position(len(whole.sections) // 2, 1)
        state = ReadingState(tmp_path / f"{name}.json", durable=False)
        state.set_position(path, place, fraction=whole.fraction_read(place),
                           sentence=whole.sentence_at(place).text)  # type: ignore[union-attr]
        state.add_bookmark(path, mark)
        document = open_document(path)
        assert state.place_in(document) == place
        assert document.sentence_at(place) == whole.sentence_at(place)
        assert not document.sections[mark.section].loaded
        assert document.sentence_at(state.bookmarks(path)[0].position) == whole.sentence_at(mark)
        assert not is_complete(document)
        load_rest(document, place.section)
        assert document.fraction_read(place) == whole.fraction_read(place)
        assert document.words_from(place) == whole.words_from(place)
        assert document.sentence_count == whole.sentence_count


def test_the_place_is_found_again_while_the_rest_is_read(tmp_path: Path) -> None:
    """Finding a saved sentence again (the file changed, so the saved number is wrong)
    searches the whole text while another thread reads the rest: the same sentence, the
    same document, whichever thread reads a part first."""
    path = long_file(tmp_path / "long.md")
    whole = load_document(path)
    target = Position(len(whole.sections) - 3, 1)
    fingerprint = whole.sentence_at(target).text  # type: ignore[union-attr]
    assert fingerprint.startswith("In this part, chapter ")  # found nowhere else
    document = open_document(path)
    background = threading.Thread(target=load_rest, args=(document, 0))
    background.start()
    found = find_again(document, Position(1, 0), fingerprint)
    jumped = [document.sentence_at(Position(index, 0))
              for index in (len(whole.sections) - 1, 5, len(whole.sections) // 2)]
    background.join(timeout=60)
    assert found == target
    assert jumped == [whole.sentence_at(Position(index, 0))
                      for index in (len(whole.sections) - 1, 5, len(whole.sections) // 2)]
    assert everything(document) == everything(whole)


def test_damaged_bytes_in_a_long_file_cost_only_their_own_text(tmp_path: Path) -> None:
    """A long text with a stretch of damaged bytes (not UTF-8, control and escape
    characters) in its middle opens growing; the damage is cleaned in its own part and
    every other part reads as usual, the same as reading the file whole."""
    path = long_file(tmp_path / "long.txt")
    data = path.read_bytes()
    middle = len(data) // 2
    middle = data.index(b"Chapter ", middle)
    damaged = data[:middle] + b"\xff\xfe\x1b[31m\x9b2J broken \x07\x08\n\n" + data[middle:]
    path.write_bytes(damaged)
    document = open_document(path)
    assert not all(loaded(document))
    assert document.sentence_at(Position(len(document.sections) - 1, 0)) is not None
    whole = load_document(path)
    assert everything(grown(document)) == everything(whole)
    said = " ".join(s.text for section in whole.sections for s in section.sentences)
    assert "\x1b" not in said
    assert "\x07" not in said
    # The chapter right after the damage, and the last one, read as ever.
    number = int(data[middle:middle + 20].split()[1])
    after = next(s for s in document.sections if s.title == f"Chapter {number}")
    assert [t.text for t in after.sentences[:2]] == [
        f"Chapter {number}", f"In this part, chapter {number} begins."]
    assert document.sections[-1].sentences[-1].text == "The last words of the book."
