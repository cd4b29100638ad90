"""Books read a part at a time: the saved place comes first, the rest follows.

Opening a book (``open_document``) knows every section at once and reads a chapter's text
when something first asks for it; ``load_rest`` reads the others. The sections, their
order and their text are the same as reading the whole book (``load_document``), so a
saved place, a bookmark and ``place_in`` mean the same before and after. Every book is
built here (zipfile for EPUB, fpdf2 for PDF).
"""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

from tests.book_files import Chapter, TocItem, make_epub, pdf_writer, replace_member

from alsreader.document import Document, Position, load_document, open_document
from alsreader.document.pending import is_complete, load_rest
from alsreader.speech.events import SentenceStarted
from alsreader.speech.narrator import Narrator, Pauses
from alsreader.speech.synthesizer import Voice
from alsreader.state import ReadingState
from fixtures_audio import EventLog

CHAPTERS = 6


def book(path: Path) -> Path:
    """An EPUB 3 of six chapters, each with two parts in the contents."""
    chapters = []
    toc = []
    for number in range(1, CHAPTERS + 1):
        name = f"ch{number}.xhtml"
        chapters.append(Chapter(
            name,
            f"<h1>Chapter {number}</h1><p>Chapter {number} opens here. It goes on.</p>"
            f'<h2 id="p2">Second part</h2><p>Part two of chapter {number}. The end.</p>',
        ))
        toc.append(TocItem(f"Chapter {number}", name,
                           [TocItem(f"Part two of {number}", f"{name}#p2")]))
    return make_epub(path, chapters, toc, title="Partly Read")


def texts(document: Document) -> list[tuple[str, int, list[str]]]:
    """Each section's title, level and sentences."""
    return [(s.title, s.level, [t.text for t in s.sentences]) for s in document.sections]


def loaded(document: Document) -> list[bool]:
    return [section.loaded for section in document.sections]


def test_every_section_is_known_at_once_and_read_when_asked_for(tmp_path: Path) -> None:
    """Opening reads no chapter's text; asking for one reads that chapter only."""
    document = open_document(book(tmp_path / "b.epub"))
    assert [s.title for s in document.tree] == [f"Chapter {n}" for n in range(1, 7)]
    assert len(document.sections) == 2 * CHAPTERS
    assert not any(loaded(document))
    last = document.sections[-2]
    assert [s.text for s in last.sentences] == [
        "Chapter 6", "Chapter 6 opens here.", "It goes on."]
    # One chapter file is one part: both of its sections were read, nothing else.
    assert loaded(document) == [False] * 10 + [True, True]


def test_the_rest_arrives_and_matches_reading_the_whole_book(tmp_path: Path) -> None:
    """load_rest reads every other part; the result is the whole book, section for section."""
    path = book(tmp_path / "b.epub")
    document = open_document(path)
    document.sections[7].load()
    load_rest(document, 7)
    assert is_complete(document)
    assert texts(document) == texts(load_document(path))


def test_the_saved_place_is_found_in_a_partly_read_book(tmp_path: Path) -> None:
    """A place saved while reading the whole book is the same sentence in a book of which
    only that chapter has been read; the share read is estimated meanwhile."""
    path = book(tmp_path / "b.epub")
    whole = load_document(path)
    place = Position(10, 2)
    state = ReadingState(tmp_path / "state.json", durable=False)
    state.set_position(path, place, fraction=whole.fraction_read(place),
                       sentence=whole.sentence_at(place).text)  # type: ignore[union-attr]
    state.add_bookmark(path, Position(3, 1))
    document = open_document(path)
    assert state.place_in(document) == place
    assert document.sentence_at(place).text == "It goes on."  # type: ignore[union-attr]
    assert loaded(document).count(True) == 2
    assert 0.5 < document.fraction_read(place) < 1.0
    # A bookmark in a chapter not read yet is the same sentence once it is read.
    mark = state.bookmarks(path)[0].position
    assert document.sentence_at(mark) == whole.sentence_at(mark)
    load_rest(document, place.section)
    assert document.fraction_read(place) == whole.fraction_read(place)
    assert document.words_from(place) == whole.words_from(place)


def test_a_broken_later_chapter_costs_only_itself(tmp_path: Path) -> None:
    """A chapter file missing from the zip says so in its own section; the chapters
    before and after it are read as usual, whether read first or last."""
    path = book(tmp_path / "b.epub")
    replace_member(path, "OEBPS/ch5.xhtml", None)
    for document in (load_document(path), open_document(path)):
        broken = document.sections[8]
        assert broken.title == "Chapter 5"
        assert [s.text for s in broken.sentences] == [
            "This part of the book could not be read: This EPUB book is damaged "
            "(OEBPS/ch5.xhtml is missing), so it cannot be read."]
        assert [s.text for s in document.sections[6].sentences][:2] == [
            "Chapter 4", "Chapter 4 opens here."]
        assert document.sections[10].sentences[0].text == "Chapter 6"


def test_readers_on_two_threads_share_the_book(tmp_path: Path) -> None:
    """The rest read in the background while the reader jumps about gives the same book."""
    path = book(tmp_path / "b.epub")
    document = open_document(path)
    background = threading.Thread(target=load_rest, args=(document, 0))
    background.start()
    jumped = [[s.text for s in document.sections[index].sentences]
              for index in (11, 1, 7, 4)]
    background.join(timeout=10)
    whole = load_document(path)
    assert jumped == [[s.text for s in whole.sections[index].sentences]
                      for index in (11, 1, 7, 4)]
    assert is_complete(document)
    assert texts(document) == texts(whole)


def test_the_narrator_jumps_into_and_reads_on_through_unread_chapters(
    tmp_path: Path, event_log: EventLog
) -> None:
    """Going to a chapter not read yet lands on its first sentence; the next section from
    there is the next one in the book, though it was not read either."""
    document = open_document(book(tmp_path / "b.epub"))
    narrator = Narrator(document, position=Position(10, 0), synthesizer=None, player=None,
                        voice=Voice(), pauses=Pauses(), listener=event_log,
                        problem="No speech here.", player_name="none")
    try:
        narrator.goto(Position(4, 0))
        narrator.next_section()
        assert narrator.wait_idle()
    finally:
        narrator.close()
    started = [e.position for e in event_log.of(SentenceStarted)]  # type: ignore[attr-defined]
    assert started[-2:] == [Position(4, 0), Position(5, 0)]
    assert document.sentence_at(Position(5, 0)).text == "Second part"  # type: ignore[union-attr]
    # The chapter it started in and the one it went to; nothing between.
    assert loaded(document) == [False] * 4 + [True, True] + [False] * 4 + [True, True]


def pdf_book(path: Path, chapters: int = 5, pages: int = 3) -> Path:
    """A PDF with a bookmarked chapter every ``pages`` pages and a running header."""
    pdf = pdf_writer()
    for chapter in range(1, chapters + 1):
        for page in range(pages):
            pdf.add_page()
            if page == 0:
                pdf.start_section(f"Chapter {chapter}")
            pdf.set_font("Helvetica", size=9)
            pdf.set_xy(15, 10)
            pdf.cell(0, 5, "A Bookmarked Book")
            pdf.set_font("Helvetica", size=11)
            pdf.set_xy(15, 40)
            pdf.multi_cell(180, 5.5, f"Chapter {chapter}, page {page + 1} begins. "
                           "The keeper lit the lamp at dusk and watched the sea.")
    pdf.output(str(path))
    return path


def test_a_pdf_reads_the_pages_of_the_chapter_asked_for(tmp_path: Path) -> None:
    """A bookmarked PDF: the sections at once, a chapter's pages when first needed, the
    running header left out there too, and the rest the same as reading every page."""
    path = pdf_book(tmp_path / "b.pdf")
    document = open_document(path)
    assert [s.title for s in document.sections] == [f"Chapter {n}" for n in range(1, 6)]
    assert not any(loaded(document))
    fourth = document.sections[3]
    assert fourth.sentences[0].text == "Chapter 4, page 1 begins."
    assert "A Bookmarked Book" not in fourth.text
    assert document.page_of(Position(3, 2)) == 11
    assert loaded(document) == [False, False, False, True, False]
    load_rest(document, 3)
    assert texts(document) == texts(load_document(path))


def test_a_chapter_damaged_inside_the_zip_costs_only_itself(tmp_path: Path) -> None:
    """A chapter whose packed bytes are damaged (its check sum fails) says so; the
    chapters around it are read."""
    path = book(tmp_path / "b.epub")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("OEBPS/ch2.xhtml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 5 : start + 15] = bytes(10)  # inside the chapter's compressed bytes
    path.write_bytes(bytes(data))
    document = load_document(path)
    assert [s.text for s in document.sections[2].sentences] == [
        "This part of the book could not be read: This EPUB book is damaged "
        "(OEBPS/ch2.xhtml cannot be unpacked), so it cannot be read."]
    assert document.sections[4].sentences[0].text == "Chapter 3"
    assert document.sections[0].sentences[0].text == "Chapter 1"
