"""PDF documents: outline or headings or pages as sections, paragraphs from lines, running
headers and page numbers left out, two columns, pages known, and every refusal plain.
Every PDF is made here, with fpdf2 or by hand."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.book_files import pdf_page, pdf_writer, raw_pdf

from alsreader.document import Document, DocumentError, Position, load_document
from alsreader.document.library import discover

LONG = ("The lighthouse keeper climbed the stairs every evening at dusk, carrying oil "
        "and a small brass lamp that had belonged to his grandmother. ")


def texts(document: Document) -> list[str]:
    """Every section's text."""
    return [section.text for section in document.sections]


def save(pdf: object, path: Path) -> Path:
    """Write an fpdf2 document."""
    pdf.output(str(path))  # type: ignore[attr-defined]
    return path


def test_outline_makes_the_sections_and_running_lines_are_left_out(tmp_path: Path) -> None:
    """Bookmarks are the nested sections; the header and page numbers are not read."""
    pdf = pdf_writer()
    pdf.set_title("Lights at Sea")
    pdf.set_author("Rae Keeper")
    layout = [("Part One", 0), ("The Tower", 1), (None, 0), ("The Lamp", 1)]
    for number, (bookmark, level) in enumerate(layout, 1):
        pdf.add_page()
        if bookmark:
            pdf.start_section(bookmark, level=level)
        pdf_page_body(pdf, number)
    document = load_document(save(pdf, tmp_path / "lights.pdf"))
    assert (document.title, document.author, document.source_format) == (
        "Lights at Sea", "Rae Keeper", "pdf")
    assert [(s.title, [c.title for c in s.children]) for s in document.tree] == [
        ("Part One", ["The Tower", "The Lamp"])]
    joined = "\n".join(texts(document))
    assert "Lights at Sea - running header" not in joined
    assert f"Words of page 3. {LONG}".strip() in joined
    for number in range(1, 5):
        assert f"\n\n{number}\n" not in f"\n\n{joined}\n"
    # Each sentence knows its page.
    lamp = document.sections[2]
    assert document.page_of(Position(lamp.index, 0)) == 4
    tower = document.sections[1]
    pages = {document.page_of(Position(tower.index, n)) for n in range(len(tower.sentences))}
    assert pages == {2, 3}


def pdf_page_body(pdf: object, number: int) -> None:
    """A running header, two paragraphs and the page number, on the current page."""
    pdf.set_font("Helvetica", size=9)  # type: ignore[attr-defined]
    pdf.set_xy(15, 10)  # type: ignore[attr-defined]
    pdf.cell(0, 5, "Lights at Sea - running header")  # type: ignore[attr-defined]
    pdf.set_font("Helvetica", size=11)  # type: ignore[attr-defined]
    pdf.set_xy(15, 40)  # type: ignore[attr-defined]
    pdf.multi_cell(180, 5.5, f"Words of page {number}. {LONG}")  # type: ignore[attr-defined]
    pdf.set_xy(100, 285)  # type: ignore[attr-defined]
    pdf.cell(10, 5, str(number))  # type: ignore[attr-defined]


def test_without_an_outline_larger_type_makes_the_sections(tmp_path: Path) -> None:
    """Headings found from their type size name the sections."""
    pdf = pdf_writer()
    pdf_page(pdf, [LONG, "A second paragraph here."], heading="Getting Started", number=1)
    pdf_page(pdf, [LONG], heading="Daily Care", number=2)
    pdf_page(pdf, [LONG], number=3)
    document = load_document(save(pdf, tmp_path / "guide.pdf"))
    assert [s.title for s in document.sections] == ["Getting Started", "Daily Care"]
    assert document.sections[0].text == (
        f"Getting Started\n\n{LONG.strip()}\n\nA second paragraph here.")
    assert document.page_of(Position(1, len(document.sections[1].sentences) - 1)) == 3


def test_without_outline_or_headings_each_page_is_a_section(tmp_path: Path) -> None:
    """Plain pages become "Page N" sections."""
    pdf = pdf_writer()
    for number in (1, 2):
        pdf_page(pdf, [f"Plain text on this page, number {number}. {LONG}"])
    document = load_document(save(pdf, tmp_path / "plain.pdf"))
    assert [s.title for s in document.sections] == ["Page 1", "Page 2"]


def test_lines_join_into_paragraphs_with_hyphens_and_ligatures_mended(tmp_path: Path) -> None:
    """A paragraph across lines is one paragraph; "hyphen-\\nated" is one word; "ﬁ" is "fi"."""
    pdf = pdf_writer()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=_dejavu())
    pdf.set_font("DejaVu", size=11)
    pdf.set_xy(15, 40)
    pdf.multi_cell(180, 5.5, "The ﬁrst line of a para-\ngraph goes on to the next line\n"
                   "and ends here.")
    pdf.ln(8)
    pdf.set_x(15)
    pdf.multi_cell(180, 5.5, "A new paragraph after a gap.")
    document = load_document(save(pdf, tmp_path / "lines.pdf"))
    assert texts(document) == [
        "The first line of a paragraph goes on to the next line and ends here.\n\n"
        "A new paragraph after a gap."]


def _dejavu() -> str:
    """A font with the ligature characters (shipped with matplotlib or the system)."""
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if Path(candidate).exists():
            return candidate
    pytest.skip("no DejaVu font on this machine")


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    """The left column is read to its end before the right one starts."""
    left = [f"Left column paragraph {n}. {LONG}" for n in (1, 2)]
    right = [f"Right column paragraph {n}. {LONG}" for n in (3, 4)]
    pdf = pdf_writer()
    pdf_page(pdf, left + right, heading="Two Columns", columns=2)
    document = load_document(save(pdf, tmp_path / "columns.pdf"))
    text = document.sections[0].text
    order = [text.index(f"paragraph {n}.") for n in (1, 2, 3, 4)]
    assert order == sorted(order)
    assert text.count("\n\n") == 4  # heading + four paragraphs


def test_no_text_layer_says_so(tmp_path: Path) -> None:
    """A scan (pictures of pages) is refused with what it is."""
    from PIL import Image

    pdf = pdf_writer()
    pdf.add_page()
    pdf.image(Image.new("RGB", (200, 280), "white"), x=0, y=0, w=210)
    with pytest.raises(DocumentError, match="only images of pages; it has no text to read"):
        load_document(save(pdf, tmp_path / "scan.pdf"))


def test_a_password_says_so(tmp_path: Path) -> None:
    """A password-protected PDF is named as such."""
    pdf = pdf_writer()
    pdf_page(pdf, ["Private words."])
    pdf.set_encryption(owner_password="owner", user_password="user")
    with pytest.raises(DocumentError, match="protected by a password"):
        load_document(save(pdf, tmp_path / "locked.pdf"))


@pytest.mark.parametrize("damage", ["cut", "junk"])
def test_damage_is_one_plain_error(tmp_path: Path, damage: str) -> None:
    """A broken PDF is one DocumentError naming the file."""
    path = tmp_path / "broken.pdf"
    if damage == "cut":
        pdf = pdf_writer()
        pdf_page(pdf, [LONG])
        data = bytes(pdf.output())
        path.write_bytes(data[:200])
    else:
        path.write_bytes(b"%PDF-1.7\n\x00\x01 not a pdf at all " * 10)
    with pytest.raises(DocumentError, match=r"^broken\.pdf: .*(damaged|no text)"):
        load_document(path)


def test_a_cyclic_outline_ends(tmp_path: Path) -> None:
    """Bookmarks that point at each other in a loop are read once, without hanging."""
    path = tmp_path / "loop.pdf"
    path.write_bytes(raw_pdf(3, cyclic_outline=True))
    document = load_document(path)
    assert [s.title for s in document.sections] == ["One", "Two"]
    assert texts(document) == ["Text of page 1.\n\nText of page 2.", "Text of page 3."]


def test_ten_thousand_pages_are_refused_quickly(tmp_path: Path) -> None:
    """Too many pages to be a book: refused from the page count, not after reading them."""
    path = tmp_path / "huge.pdf"
    path.write_bytes(raw_pdf(10_000))
    start = time.perf_counter()
    with pytest.raises(DocumentError, match="10000 pages"):
        load_document(path)
    # Not a speed assertion: reading all those pages would take many times longer.
    assert time.perf_counter() - start < 10


def test_recognised_by_content_and_listed_with_its_title(tmp_path: Path) -> None:
    """A PDF without its suffix (or as .txt) opens as a PDF and is listed by its title."""
    pdf = pdf_writer()
    pdf.set_title("Care Notes")
    pdf_page(pdf, ["Notes for the carers."])
    data = bytes(pdf.output())
    (tmp_path / "scanned-notes").write_bytes(data)
    (tmp_path / "notes.txt").write_bytes(data)
    assert load_document(tmp_path / "scanned-notes").source_format == "pdf"
    assert load_document(tmp_path / "notes.txt").source_format == "pdf"
    entries = discover([tmp_path], include_bundled=False)
    assert [(e.title, e.format) for e in entries] == [("Care Notes", "pdf")] * 2


def test_alsreader_outline_shows_books(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`alsreader outline` prints an EPUB's and a PDF's sections, nested."""
    from tests.book_files import Chapter, TocItem, make_epub

    from alsreader.cli import main

    epub = make_epub(tmp_path / "b.epub", [Chapter("a.xhtml", "<p>One. Two.</p>"),
                                           Chapter("b.xhtml", "<p>Three.</p>")],
                     [TocItem("First", "a.xhtml", [TocItem("Inner", "b.xhtml")])],
                     title="Outline Book")
    pdf = pdf_writer()
    pdf.set_title("Outline PDF")
    pdf_page(pdf, [LONG], heading="Only Heading")
    assert main(["outline", str(epub), str(save(pdf, tmp_path / "p.pdf"))]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[:3] == ["Outline Book  [epub]", "1  First  (2 sentences)",
                           "2    Inner  (1 sentence)"]
    assert "Outline PDF  [pdf]" in printed
    assert any(line.startswith("1  Only Heading  (") for line in printed), printed


def test_the_books_own_page_names_are_kept(tmp_path: Path) -> None:
    """Page labels (a preface numbered i, ii; the text from A-1) name the pages; a PDF
    without labels names each page by its number."""
    pdf = pdf_writer()
    for number, (style, prefix, start) in enumerate(
            [("r", None, 1), (None, None, None), ("D", "A-", 1), (None, None, None)], 1):
        pdf.add_page()
        if style:
            pdf.set_page_label(style, prefix, start)
        pdf.set_xy(15, 40)
        pdf.multi_cell(180, 5.5, f"Words of page {number}. {LONG}")
    document = load_document(save(pdf, tmp_path / "labels.pdf"))
    assert document.page_labels == {1: "i", 2: "ii", 3: "A-1", 4: "A-2"}
    places = [Position(section.index, 0) for section in document.sections]
    assert [document.page_label_of(place) for place in places] == ["i", "ii", "A-1", "A-2"]
    plain = pdf_writer()
    pdf_page(plain, [LONG])
    unlabelled = load_document(save(plain, tmp_path / "plain.pdf"))
    assert unlabelled.page_labels == {}
    assert unlabelled.page_label_of(Position(0, 0)) == "1"


def test_sections_starting_part_way_down_a_page_get_their_own_text(tmp_path: Path) -> None:
    """A title page before the first bookmark is its own section; two bookmarks on one
    page split it where each points, so neither section is empty or takes the other's
    text; a section running onto the next page ends where the next bookmark points."""
    pdf = pdf_writer()
    pdf.add_page()
    pdf.set_xy(15, 40)
    pdf.multi_cell(180, 5.5, "A Title Page For This Book.")
    pdf.add_page()
    for title, words in [("Part One", "The first part opens."),
                         ("Chapter One", "The first chapter begins here.")]:
        pdf.start_section(title)
        pdf.set_font("Helvetica", size=18)
        pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(180, 5.5, f"{words} {LONG}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(10)
    pdf.add_page()
    pdf.multi_cell(180, 5.5, f"The first chapter goes on. {LONG}", new_x="LMARGIN",
                   new_y="NEXT")
    pdf.ln(10)
    pdf.start_section("Chapter Two")
    pdf.set_font("Helvetica", size=18)
    pdf.cell(0, 10, "Chapter Two", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(180, 5.5, f"The second chapter. {LONG}")
    document = load_document(save(pdf, tmp_path / "parts.pdf"))
    assert [(s.title, [t.text for t in s.sentences][:2]) for s in document.sections] == [
        ("A Title Page For This Book.", ["A Title Page For This Book."]),
        ("Part One", ["Part One", "The first part opens."]),
        ("Chapter One", ["Chapter One", "The first chapter begins here."]),
        ("Chapter Two", ["Chapter Two", "The second chapter."]),
    ]
    assert "The first chapter goes on." in document.sections[2].text
    assert "The first chapter begins" not in document.sections[1].text
    assert document.page_of(Position(3, 0)) == 3


def _pages_of_lines(pdf: object, pages: list[list[str]]) -> None:
    """Pages of body lines set one under the other (no gaps), each with its number."""
    for number, lines in enumerate(pages, 1):
        pdf.add_page()  # type: ignore[attr-defined]
        pdf.set_font("Helvetica", size=11)  # type: ignore[attr-defined]
        for row, line in enumerate(lines):
            pdf.set_xy(15, 40 + 5.5 * row)  # type: ignore[attr-defined]
            pdf.cell(0, 5.5, line)  # type: ignore[attr-defined]
        pdf.set_font("Helvetica", size=9)  # type: ignore[attr-defined]
        pdf.set_xy(100, 285)  # type: ignore[attr-defined]
        pdf.cell(10, 5, str(number))  # type: ignore[attr-defined]


@pytest.mark.parametrize("bookmarked", [False, True])
def test_a_paragraph_running_over_a_page_break_is_read_whole(
    tmp_path: Path, bookmarked: bool
) -> None:
    """A sentence cut by a page break is one sentence, and a word hyphenated across the
    break one word, with or without bookmarks; a paragraph that ended stays apart."""
    pdf = pdf_writer()
    if bookmarked:
        pdf.add_page()
        pdf.start_section("Story")
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(15, 40)
        pdf.cell(0, 5.5, "Opening words of the story.")
    _pages_of_lines(pdf, [
        ["The keeper climbed the stairs every evening at dusk, and he lit the",
         "great lamp so that the ships could find their way home. It contin-"],
        ["ued all winter, whatever the weather, until the spring came and",
         "the ships stopped coming, for the harbour had silted up."],
        ["The next spring was warmer."],
    ])
    document = load_document(save(pdf, tmp_path / "flow.pdf"))
    said = [sentence.text for section in document.sections for sentence in section.sentences]
    assert "It continued all winter, whatever the weather, until the spring came and the " \
        "ships stopped coming, for the harbour had silted up." in said
    assert "The next spring was warmer." in said
    assert not any(text.endswith("-") or text.startswith("ued") for text in said)


def test_a_two_page_document_s_running_header_is_left_out(tmp_path: Path) -> None:
    """The same line in the same top margin place on both pages of a two-page letter is
    its running header, not read before each page's text."""
    pdf = pdf_writer()
    pages = ["Dear Ms Keeper, thank you for your letter about the lamp.",
             "We will send the new wick before the winter. Yours, Ann Smith."]
    for number, words in enumerate(pages, 1):
        pdf_page(pdf, [words], header="Smith & Co - Letter", number=number)
    document = load_document(save(pdf, tmp_path / "letter.pdf"))
    joined = "\n".join(texts(document))
    assert "Smith & Co" not in joined
    assert all(words in joined for words in pages)


FRENCH = ("Il était une fois un vieux meunier qui vivait au bord de la rivière avec ses "
          "trois fils. Chaque matin, il se levait avant le soleil et allait voir son moulin, "
          "puis il rentrait à la maison pour manger la soupe que sa femme avait préparée.")


GERMAN = ("Was ich zu berichten beabsichtige, ist mir vor reichlich einem halben Jahrhundert "
          "im Hause meiner Urgroßmutter kundgeworden, als ich neben ihrem Lehnstuhl saß und "
          "in einem Hefte las, dessen ich mich nicht mehr erinnere.")


@pytest.mark.parametrize("bookmarked", [False, True])
def test_a_pdf_s_language_is_told_from_its_text(tmp_path: Path, bookmarked: bool) -> None:
    """A PDF seldom names its language: a French one is known as French (its sentences
    split by French rules, the French voice chosen), with or without bookmarks."""
    pdf = pdf_writer()
    for number in (1, 2, 3):
        pdf_page(pdf, [f"{FRENCH} Page {number}."], number=number)
        if bookmarked:
            pdf.start_section(f"Chapitre {number}")
    document = load_document(save(pdf, tmp_path / "meunier.pdf"))
    assert document.language == "fr"
    english = pdf_writer()
    pdf_page(english, [LONG * 3])
    assert load_document(save(english, tmp_path / "keeper.pdf")).language == "en"
    if not bookmarked:
        # Sections named by their page say so in the book's language (its voice reads them).
        assert [s.title for s in document.sections] == ["Page 1", "Page 2", "Page 3"]
        german = pdf_writer()
        for number in (1, 2):
            pdf_page(german, [GERMAN], number=number)
        book = load_document(save(german, tmp_path / "schimmel.pdf"))
        assert book.language == "de"
        assert [s.title for s in book.sections] == ["Seite 1", "Seite 2"]


def test_a_paragraph_running_on_into_the_next_column_is_read_whole(tmp_path: Path) -> None:
    """Two columns: the sentence at the foot of the left column goes on at the top of the
    right one ("contin-" / "ued"), and is one sentence; a paragraph that ended does not."""
    pdf = pdf_writer()
    for number in (1, 2, 3):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        left = ["The keeper climbed the stairs every", "evening at dusk and lit the lamp so",
                f"the ships could find their way on night {number}, and it contin-"]
        right = ["ued all winter until the spring came", "and the ships stopped coming at all.",
                 "Then he rested for a long while."]
        for x, lines in ((15, left), (110, right)):
            for row, line in enumerate(lines):
                pdf.set_xy(x, 40 + 5.5 * row)
                pdf.cell(85, 5.5, line)
    said = [sentence.text for section in load_document(save(pdf, tmp_path / "cols.pdf")).sections
            for sentence in section.sentences]
    assert said[:2] == [
        "The keeper climbed the stairs every evening at dusk and lit the lamp so the ships "
        "could find their way on night 1, and it continued all winter until the spring came "
        "and the ships stopped coming at all.", "Then he rested for a long while."]


def _report(path: Path, front: list[str]) -> Document:
    """A report: a front page headed "Contents" with ``front`` under it, then two
    bookmarked chapters."""
    pdf = pdf_writer()
    pdf.set_title("Report")
    pdf_page(pdf, front, heading="Contents", number=1)
    for number, name in ((2, "Introduction"), (3, "Methods")):
        pdf_page(pdf, [f"{name} of the report. {LONG}"], heading=name, number=number)
        pdf.set_y(30)
        pdf.start_section(name)
    return load_document(save(pdf, path))


def test_a_contents_page_before_the_first_bookmark_is_named_and_passed_over(
    tmp_path: Path,
) -> None:
    """The pages before the first bookmark are named by their heading ("Contents", not
    the first entry under it) and, being mostly dot-leader entries, passed over when
    reading on; front pages of prose are read."""
    contents = _report(tmp_path / "contents.pdf", [
        f"{name} {'.' * 40} {page}" for name, page in
        (("Introduction", 2), ("Methods", 3), ("Results", 3))])
    assert [(s.title, s.linear) for s in contents.sections] == [
        ("Contents", False), ("Introduction", True), ("Methods", True)]
    assert contents.beginning() == Position(1, 0)
    preface = _report(tmp_path / "preface.pdf", [LONG, LONG])
    assert [s.linear for s in preface.sections] == [True, True, True]
