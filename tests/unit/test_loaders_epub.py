"""EPUB books: spine order, the table of contents as the section tree, notes, metadata,
protection and hostile books. Every book is built here with zipfile."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from tests.book_files import Chapter, TocItem, encryption_xml, make_epub, replace_member

from alsreader.document import Document, DocumentError, Position, load_document, open_document
from alsreader.document.library import discover


def texts(document: Document) -> list[list[str]]:
    """Each section's sentences."""
    return [[s.text for s in section.sentences] for section in document.sections]


def tree(document: Document) -> list[tuple[int, str]]:
    """(depth, title) of every section, in reading order."""
    out: list[tuple[int, str]] = []

    def walk(sections: list, depth: int) -> None:  # type: ignore[type-arg]
        for section in sections:
            out.append((depth, section.title))
            walk(section.children, depth + 1)

    walk(document.tree, 0)
    return out


NESTED = [
    Chapter("part1.xhtml", "<h1>Part One</h1><p>The part begins.</p>"),
    Chapter(
        "ch1.xhtml",
        '<h2 id="c1">I</h2><p>Chapter one text.</p>'
        '<h3 id="s1">A scene</h3><p>Scene text here.</p>'
        '<p><a id="late"/>A later paragraph.</p>',
    ),
    Chapter("ch2.xhtml", "<h2>II</h2><p>Chapter two text.</p>"),
]
NESTED_TOC = [
    TocItem("Part One: The Beginning", "part1.xhtml", [
        TocItem("Chapter 1. The Sea", "ch1.xhtml#c1", [
            TocItem("The Storm", "ch1.xhtml#s1"),
            TocItem("Later", "ch1.xhtml#late"),
        ]),
        TocItem("Chapter 2. The Shore", "ch2.xhtml"),
    ]),
]


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_table_of_contents_is_the_nested_section_tree(tmp_path: Path, version: int) -> None:
    """The book's own chapter titles, nested as in its contents, anchors splitting files."""
    book = make_epub(tmp_path / "book.epub", NESTED, NESTED_TOC, version=version)
    document = load_document(book)
    assert document.source_format == "epub"
    assert tree(document) == [
        (0, "Part One: The Beginning"),
        (1, "Chapter 1. The Sea"),
        (2, "The Storm"),
        (2, "Later"),
        (1, "Chapter 2. The Shore"),
    ]
    assert texts(document) == [
        ["Part One", "The part begins."],
        ["I", "Chapter one text."],
        ["A scene", "Scene text here."],
        ["A later paragraph."],
        ["II", "Chapter two text."],
    ]


def test_reading_order_is_the_spine_not_the_manifest(tmp_path: Path) -> None:
    """The manifest lists files in another order; the spine decides what comes first."""
    chapters = [Chapter(f"c{n}.xhtml", f"<p>Text {n}.</p>", title=f"C{n}") for n in (1, 2, 3)]
    book = make_epub(tmp_path / "book.epub", chapters, spine=["c2.xhtml", "c3.xhtml", "c1.xhtml"])
    assert texts(load_document(book)) == [["Text 2."], ["Text 3."], ["Text 1."]]


def test_content_missing_from_the_contents_is_still_read(tmp_path: Path) -> None:
    """A cover note before the first entry and a file the contents skip are both read."""
    chapters = [
        Chapter("front.xhtml", "<p>Copyright notice for this book.</p>"),
        Chapter("ch1.xhtml", "<h1>One</h1><p>First chapter.</p>"),
        Chapter("ch1b.xhtml", "<p>The first chapter goes on in a second file.</p>"),
        Chapter("ch2.xhtml", "<h1>Two</h1><p>Second chapter.</p>"),
    ]
    toc = [TocItem("Chapter One", "ch1.xhtml"), TocItem("Chapter Two", "ch2.xhtml")]
    document = load_document(make_epub(tmp_path / "b.epub", chapters, toc))
    assert tree(document) == [
        (0, "Copyright notice for this book."),
        (0, "Chapter One"),
        (1, "The first chapter goes on in…"),
        (0, "Chapter Two"),
    ]
    assert texts(document)[2] == ["The first chapter goes on in a second file."]


def test_non_linear_items_are_kept_but_marked(tmp_path: Path) -> None:
    """linear="no" parts are reachable (in the sections) and marked outside the flow."""
    chapters = [
        Chapter("ch1.xhtml", "<p>Main text.</p>", title="Main"),
        Chapter("answers.xhtml", "<p>Answers to the puzzles.</p>", linear=False,
                title="Answers"),
        Chapter("ch2.xhtml", "<p>More main text.</p>", title="More"),
    ]
    document = load_document(make_epub(tmp_path / "b.epub", chapters))
    assert [(s.title, s.linear) for s in document.sections] == [
        ("Main", True), ("Answers", False), ("More", True)]


@pytest.mark.parametrize("in_spine", [False, True])
def test_a_navigation_document_is_read_only_when_in_the_spine(
    tmp_path: Path, in_spine: bool
) -> None:
    """The contents page is a chapter only when the book puts it in its reading order."""
    chapters = [Chapter("ch1.xhtml", "<p>Story.</p>", title="Story")]
    document = load_document(make_epub(tmp_path / "b.epub", chapters, nav_in_spine=in_spine))
    all_text = " ".join(s.text for s in document.sections)
    assert ("Contents" in all_text) is in_spine
    assert document.sections[-1].title == "Story"


def test_noterefs_do_not_break_sentences_and_notes_come_after(tmp_path: Path) -> None:
    """"the sea¹ was" reads "the sea was"; the note itself is read at the chapter's end."""
    body = (
        '<p>The sea<a epub:type="noteref" href="#n1"><sup>1</sup></a> was calm, and the '
        'boat<sup><a role="doc-noteref" href="#n2">2</a></sup> rocked gently.</p>'
        '<aside epub:type="footnote" id="n1"><p>A note about the sea.</p></aside>'
        "<p>Then night fell.</p>"
        '<aside role="doc-footnote" id="n2"><p>A note about the boat.</p></aside>'
    )
    document = load_document(make_epub(tmp_path / "b.epub", [Chapter("c.xhtml", body)],
                                       [TocItem("Voyage", "c.xhtml")]))
    assert texts(document) == [[
        "The sea was calm, and the boat rocked gently.",
        "Then night fell.",
        "Notes",
        "A note about the sea.",
        "A note about the boat.",
    ]]


def test_notes_inside_a_paragraph_or_a_note_are_set_apart_whole(tmp_path: Path) -> None:
    """A note set inside a paragraph does not cut its sentence; a note inside the notes
    is read after the note it is in; a bare "↩" back to the text is not read, a note's
    number is."""
    body = (
        '<p>The sea<span epub:type="footnote" id="n1">A note inside the sentence.</span> '
        "was calm that night.</p>"
        '<p>The boat rocked<a epub:type="noteref" href="#n2">2</a> gently.</p>'
        '<section epub:type="endnotes"><ol>'
        '<li epub:type="endnote" id="n2"><p><a epub:type="backlink" href="#r2">2.</a> '
        'The boat was old<a epub:type="noteref" href="#n3">3</a> and small.</p>'
        '<aside epub:type="footnote" id="n3"><p><a role="doc-backlink" href="#r3">↩</a> '
        "Built in the harbour.</p></aside></li>"
        "</ol></section>"
    )
    document = load_document(make_epub(tmp_path / "b.epub", [Chapter("c.xhtml", body)],
                                       [TocItem("Voyage", "c.xhtml")]))
    assert texts(document) == [[
        "The sea was calm that night.",
        "The boat rocked gently.",
        "Notes",
        "A note inside the sentence.",
        "2. The boat was old and small.",
        "Built in the harbour.",
    ]]


def test_notes_marked_by_class_as_in_epub_2(tmp_path: Path) -> None:
    """Without epub:type (EPUB 2; pandoc's and other converters' markup) the classes say
    what is a note reference and what the notes are."""
    body = (
        '<p>The sea was calm.<a href="#fn1" class="footnote-ref" id="fnref1">1</a> '
        'The keeper<sup><a href="#fn2" class="footnote">2</a></sup> watched.</p>'
        '<div class="footnotes footnotes-end-of-document"><hr/><ol>'
        '<li id="fn1"><p>Calm seas were rare.<a href="#fnref1" class="footnote-back">↩︎</a>'
        "</p></li>"
        '<li id="fn2"><p>He was old.<a href="#fnref2" class="footnote-back">↩︎</a></p></li>'
        "</ol></div>"
        "<p>After the notes, more text.</p>"
    )
    document = load_document(make_epub(tmp_path / "b.epub", [Chapter("c.xhtml", body)],
                                       [TocItem("Sea", "c.xhtml")], version=2))
    assert texts(document) == [[
        "The sea was calm.",
        "The keeper watched.",
        "After the notes, more text.",
        "Notes",
        "Calm seas were rare.",
        "He was old.",
    ]]


def test_images_read_as_their_alt_text(tmp_path: Path) -> None:
    """A picture with a description reads the description; one without is silent."""
    body = ('<p>Look: <img src="a.png" alt="a lighthouse on a cliff"/> there.</p>'
            '<p><img src="b.png"/></p>')
    document = load_document(make_epub(tmp_path / "b.epub", [Chapter("c.xhtml", body)]))
    assert texts(document) == [["Look: a lighthouse on a cliff there."]]


def test_metadata_and_language(tmp_path: Path) -> None:
    """Title, author and language from the package; sentences split by the language."""
    body = "<p>Er kam am 3. Mai nach Hause. Dann ging er.</p>"
    book = make_epub(tmp_path / "buch.epub", [Chapter("c.xhtml", body, title="Eins")],
                     title="Das Buch", author="Anna Autorin", language="de-DE")
    document = load_document(book)
    assert (document.title, document.author, document.language) == (
        "Das Buch", "Anna Autorin", "de-DE")
    assert texts(document) == [["Er kam am 3. Mai nach Hause.", "Dann ging er."]]


def test_library_lists_books_with_metadata_even_renamed(tmp_path: Path) -> None:
    """Listed under their metadata title and author, with or without the .epub suffix."""
    make_epub(tmp_path / "b1.epub", [Chapter("c.xhtml", "<p>x.</p>")], title="Moby-Dick",
              author="Herman Melville")
    make_epub(tmp_path / "renamed", [Chapter("c.xhtml", "<p>y.</p>")], title="Persuasion",
              author="Jane Austen")
    entries = discover([tmp_path], include_bundled=False)
    assert [(e.title, e.author, e.format) for e in entries] == [
        ("Moby-Dick", "Herman Melville", "epub"), ("Persuasion", "Jane Austen", "epub")]
    assert load_document(tmp_path / "renamed").title == "Persuasion"
    (tmp_path / "renamed").rename(tmp_path / "book.txt")
    assert load_document(tmp_path / "book.txt").source_format == "epub"


def test_protected_books_say_so(tmp_path: Path) -> None:
    """DRM on the content is one plain message; font obfuscation alone is fine."""
    chapters = [Chapter("c.xhtml", "<p>Secret text.</p>")]
    drm = encryption_xml("http://www.w3.org/2001/04/xmlenc#aes128-cbc", "OEBPS/c.xhtml")
    with pytest.raises(DocumentError, match=r"^locked\.epub: This book is protected \(DRM\)"):
        load_document(make_epub(tmp_path / "locked.epub", chapters, encryption=drm))
    fonts = encryption_xml("http://www.idpf.org/2008/embedding", "OEBPS/font.otf")
    document = load_document(make_epub(tmp_path / "fonts.epub", chapters, encryption=fonts))
    assert texts(document) == [["Secret text."]]


def test_a_zip_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """A part claiming to unpack to a vast size is refused before anything is unpacked."""
    bomb = tmp_path / "bomb.epub"
    make_epub(bomb, [Chapter("c.xhtml", "<p>x.</p>")],
              extra={"OEBPS/huge.xhtml": b"\0" * (64 * 1024 * 1024)})
    assert bomb.stat().st_size < 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(DocumentError, match="zip bomb"):
        load_document(bomb)
    # Not a speed assertion: a bomb that was unpacked would take far longer than this.
    assert time.perf_counter() - start < 5


def test_an_xml_entity_bomb_is_refused(tmp_path: Path) -> None:
    """Entities in the package file are never expanded."""
    book = make_epub(tmp_path / "lol.epub", [Chapter("c.xhtml", "<p>x.</p>")])
    lol = ('<?xml version="1.0"?><!DOCTYPE package [<!ENTITY a "aaaaaaaaaa">'
           + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                     for i in range(8))
           + ']><package xmlns="http://www.idpf.org/2007/opf"><metadata>&i;</metadata>'
           "</package>")
    replace_member(book, "OEBPS/content.opf", lol.encode())
    with pytest.raises(DocumentError, match="XML entities"):
        load_document(book)


def test_an_entity_bomb_in_a_chapter_is_read_as_text(tmp_path: Path) -> None:
    """Chapters go through the HTML reader, which never expands declared entities."""
    body = "<p>Hello &lol9; there.</p>"
    book = make_epub(tmp_path / "c.epub", [Chapter("c.xhtml", body)])
    chapter = ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol "lol">'
               '<!ENTITY lol9 "&lol;&lol;&lol;&lol;">]>'
               f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>')
    replace_member(book, "OEBPS/c.xhtml", chapter.encode())
    document = load_document(book)
    assert sum(len(s.text) for s in document.sections) < 200


def test_thousands_of_tiny_spine_items_are_refused(tmp_path: Path) -> None:
    """A reading order of ten thousand parts is refused plainly, without reading them."""
    chapters = [Chapter(f"c{n}.xhtml", "<p>x.</p>") for n in range(10_000)]
    book = make_epub(tmp_path / "many.epub", chapters, toc=[],
                     compression=zipfile.ZIP_STORED)
    with pytest.raises(DocumentError, match="too many parts"):
        load_document(book)


@pytest.mark.parametrize("damage", ["truncated", "no-container", "bad-xml", "no-spine"])
def test_damaged_books_are_one_plain_error(tmp_path: Path, damage: str) -> None:
    """Whatever is broken, one DocumentError naming the file."""
    book = make_epub(tmp_path / "broken.epub", [Chapter("c.xhtml", "<p>Fine text.</p>")])
    if damage == "truncated":
        book.write_bytes(book.read_bytes()[: book.stat().st_size // 2])
    elif damage == "no-container":
        replace_member(book, "META-INF/container.xml", None)
    elif damage == "bad-xml":
        replace_member(book, "OEBPS/content.opf", b"<package><unclosed>")
    else:
        replace_member(book, "OEBPS/content.opf",
                 b'<package xmlns="http://www.idpf.org/2007/opf"><spine/></package>')
    with pytest.raises(DocumentError, match=r"^broken\.epub: .*(damaged|no text)"):
        load_document(book)


def test_anchored_contents_make_the_same_sections_before_the_text_is_read(
    tmp_path: Path,
) -> None:
    """Contents that point at anchors (as pandoc and most converters write them): a file
    whose first anchor is at its top makes no extra section, text before the first anchor
    is a section of its own named by its heading, and an anchor that is not there starts
    at the top of its file. The sections are known before any chapter is read."""
    chapters = [
        Chapter("c1.xhtml", '<section id="one"><h1>One</h1><p>First text.</p></section>'),
        Chapter("c2.xhtml", "<h2>An Epigraph</h2><p>Words before the chapter.</p>"
                            '<section id="two"><h1>Two</h1><p>Second text.</p></section>'),
        Chapter("c3.xhtml", "<h1>Three</h1><p>Third text.</p>"),
    ]
    toc = [TocItem("Chapter One", "c1.xhtml#one"), TocItem("Chapter Two", "c2.xhtml#two"),
           TocItem("Chapter Three", "c3.xhtml#gone")]
    path = make_epub(tmp_path / "b.epub", chapters, toc)
    opened = open_document(path)
    assert [s.title for s in opened.sections] == [
        "Chapter One", "An Epigraph", "Chapter Two", "Chapter Three"]
    assert not any(section.loaded for section in opened.sections)
    assert texts(opened) == texts(load_document(path)) == [
        ["One", "First text."],
        ["An Epigraph", "Words before the chapter."],
        ["Two", "Second text."],
        ["Three", "Third text."],
    ]


def test_ruby_readings_stay_out_of_titles_and_text(tmp_path: Path) -> None:
    """A Japanese book's furigana is read neither in its contents' titles, nor in a
    section named from its heading, nor in the text."""
    book = make_epub(tmp_path / "ja.epub", [
        Chapter("c1.xhtml", "<h1><ruby>桃<rt>もも</rt></ruby>太郎</h1>"
                "<p><ruby>山<rp>(</rp><rt>やま</rt><rp>)</rp></ruby>へ行きました。</p>"),
        Chapter("c2.xhtml", "<h1><ruby>鬼<rt>おに</rt></ruby>ヶ島</h1><p>島へ行きました。</p>"),
    ], [TocItem("<ruby>", "c1.xhtml")], language="ja")
    replace_member(book, "OEBPS/nav.xhtml", (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>目次</title></head><body>'
        '<nav epub:type="toc"><ol><li><a href="c1.xhtml"><ruby>桃<rt>もも</rt></ruby>太郎'
        "</a></li></ol></nav></body></html>").encode())
    document = load_document(book)
    assert [s.title for s in document.sections] == ["桃太郎", "鬼ヶ島"]
    assert texts(document) == [["桃太郎", "山へ行きました。"], ["鬼ヶ島", "島へ行きました。"]]


def test_a_notes_file_says_its_heading_once(tmp_path: Path) -> None:
    """A book's endnotes file (its heading, then EPUB 3 notes) reads its heading once; the
    notes after a chapter's text are still introduced."""
    book = make_epub(tmp_path / "notes.epub", [
        Chapter("ch1.xhtml", '<h1>One</h1><p>The sea<a epub:type="noteref" href="#f1">1</a> '
                'was calm.</p><aside epub:type="footnote" id="f1"><p>In May.</p></aside>'),
        Chapter("notes.xhtml", '<section epub:type="endnotes"><h1>Endnotes</h1>'
                '<aside epub:type="endnote" id="n1"><p>1. In Normandy.</p></aside>'
                '<aside epub:type="endnote" id="n2"><p>2. At six.</p></aside></section>'),
    ], [TocItem("One", "ch1.xhtml"), TocItem("Endnotes", "notes.xhtml")])
    document = load_document(book)
    assert texts(document) == [["One", "The sea was calm.", "Notes", "In May."],
                               ["Endnotes", "1. In Normandy.", "2. At six."]]


FRONT = [
    Chapter("cover.xhtml", '<section epub:type="cover"><img src="cover.png" alt="Couverture"/>'
            "</section>", title="Couverture"),
    Chapter("titre.xhtml", "<h1>Le Voyage</h1><p>Marie Dupont</p>", title="Le Voyage"),
    Chapter("droits.xhtml", '<section epub:type="copyright-page"><p>© 2021 Éditions du Lac. '
            "Tous droits réservés.</p><p>ISBN 978-2-1234-5678-9</p></section>",
            title="Copyright"),
    Chapter("ch1.xhtml", "<h1>Chapitre 1</h1><p>Il partit de bonne heure. © est un signe. "
            "Tous droits réservés, dit-il.</p>", title="Chapitre 1"),
]


def test_a_cover_and_a_copyright_page_are_passed_over_when_reading_on(tmp_path: Path) -> None:
    """An EPUB 3 book's cover and copyright page (marked with epub:type) stay in the
    sections but out of the reading flow, and reading begins at the title page; a chapter
    that mentions rights is read."""
    document = load_document(make_epub(tmp_path / "fr.epub", FRONT, language="fr"))
    assert [(s.title, s.linear) for s in document.sections] == [
        ("Couverture", False), ("Le Voyage", True), ("Copyright", False), ("Chapitre 1", True)]
    assert document.beginning() == Position(1, 0)


def test_unmarked_covers_and_copyright_pages_are_found_too(tmp_path: Path) -> None:
    """An EPUB 2 book without semantics: the first page, only a picture, is its cover; a
    short page of "©" and "ISBN" its copyright page; the guide names a colophon."""
    chapters = [
        Chapter("c0.xhtml", '<div><svg xmlns="http://www.w3.org/2000/svg"><title>Cover</title>'
                '<image href="cover.png"/></svg></div>'),
        Chapter("c1.xhtml", "<p>Copyright © 2020 Ann Author. ISBN 0-000-00000-0</p>"),
        Chapter("c2.xhtml", "<h1>One</h1><p>Text of the book.</p>"),
        Chapter("c3.xhtml", "<p>Set in Garamond by a printer.</p>"),
    ]
    book = make_epub(tmp_path / "en.epub", chapters, version=2)
    with zipfile.ZipFile(book) as archive:
        opf = archive.read("OEBPS/content.opf").decode()
    replace_member(book, "OEBPS/content.opf", opf.replace(
        "</package>", '<guide><reference type="colophon" href="c3.xhtml" title="Colophon"/>'
        "</guide></package>").encode())
    document = load_document(book)
    assert [s.linear for s in document.sections] == [False, False, True, False]
    assert document.beginning() == Position(2, 0)


def test_landmarks_name_the_cover(tmp_path: Path) -> None:
    """The navigation document's landmarks say which file is the cover."""
    chapters = [Chapter("front.xhtml", "<p>Lighthouse Stories, a picture by Ann.</p>"),
                Chapter("ch1.xhtml", "<h1>One</h1><p>Text of the book.</p>")]
    book = make_epub(tmp_path / "marks.epub", chapters)
    with zipfile.ZipFile(book) as archive:
        nav = archive.read("OEBPS/nav.xhtml").decode()
    replace_member(book, "OEBPS/nav.xhtml", nav.replace(
        '<a href="cover.xhtml">', '<a epub:type="cover" href="front.xhtml">').encode())
    assert [s.linear for s in load_document(book).sections] == [False, True]


MEUNIER = ("<h1>Chapitre premier</h1><p>Il était une fois un vieux meunier qui vivait au bord "
           "de la rivière avec ses trois fils. Chaque matin, il se levait avant le soleil et "
           "allait voir son moulin, puis il rentrait à la maison pour manger la soupe.</p>")


@pytest.mark.parametrize(("declared", "known"), [
    ("fre", "fr"), ("fr-FR", "fr-FR"), ("und", "fr"), ("French", "fr"), ("", "fr")])
def test_a_book_s_language_is_a_standard_tag_or_told_from_its_words(
    tmp_path: Path, declared: str, known: str
) -> None:
    """A French book is French whether its package says "fre" (ISO 639-2, common in
    library books), "fr-FR", "und", a word, or nothing: the voice and the sentence rules
    follow that, not English."""
    book = make_epub(tmp_path / "meunier.epub", [Chapter("c1.xhtml", MEUNIER)],
                     language=declared)
    assert load_document(book).language == known


def test_a_chapter_s_declared_language_stands_in_for_the_package_s(tmp_path: Path) -> None:
    """A book whose package names no language, with ``xml:lang`` on its chapters, is in
    that language."""
    book = make_epub(tmp_path / "kurz.epub", [Chapter("c1.xhtml", "<p>Ja.</p>")], language="")
    replace_member(book, "OEBPS/c1.xhtml", b'<?xml version="1.0" encoding="utf-8"?>'
                   b'<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de"><head><title/>'
                   b"</head><body><p>Ja, so ist es.</p></body></html>")
    assert load_document(book).language == "de"


def test_unmarked_note_numbers_and_page_numbers_are_not_read_in_the_text(
    tmp_path: Path,
) -> None:
    """Converted books link to their notes without epub:type: a raised "1", a "[2]", a
    Gutenberg "fnanchor"; accessible books set the printed page's number in the text.
    None of them is read inside a sentence; a contents link "I" and a plain number stay."""
    book = make_epub(tmp_path / "converted.epub", [
        Chapter("a.xhtml", '<h1>One</h1><p>The sea<sup><a href="notes.xhtml#n1">1</a></sup> '
                'was calm. The wind<a href="notes.xhtml#n2"><sup>2</sup></a> rose. The '
                'rain<a href="#f3">[3]</a> fell. The sun<a class="fnanchor" href="#f4">4</a> '
                'set.</p><p>It went on<span epub:type="pagebreak" role="doc-pagebreak" '
                'id="p12" title="12">12</span> for days. See part <a href="b.xhtml#top">I</a> '
                "and <sup>2</sup> more.</p>"),
        Chapter("b.xhtml", '<h1 id="top">Two</h1><p>The end.</p>'),
    ])
    assert texts(load_document(book))[0] == [
        "One", "The sea was calm.", "The wind rose.", "The rain fell.", "The sun set.",
        "It went on for days.", "See part I and 2 more."]


def test_notes_are_introduced_in_the_book_s_language(tmp_path: Path) -> None:
    """A German book's chapter notes are introduced by "Anmerkungen", which the German
    voice says as a word of its own language (not the English "Notes")."""
    book = make_epub(tmp_path / "de.epub", [
        Chapter("k1.xhtml", '<h1>Erstes Kapitel</h1><p>Der Müller<a epub:type="noteref" '
                'href="#a1">1</a> war alt.</p><aside epub:type="footnote" id="a1"><p>Im '
                "Schwarzwald.</p></aside>")], language="de")
    assert texts(load_document(book)) == [
        ["Erstes Kapitel", "Der Müller war alt.", "Anmerkungen", "Im Schwarzwald."]]


def test_a_contents_page_in_the_reading_order_is_passed_over(tmp_path: Path) -> None:
    """The navigation document in the spine, and an EPUB 2 contents page the guide names,
    are not read before chapter one (every title, one after the other); they can still be
    opened."""
    chapters = [Chapter(f"c{n}.xhtml", f"<h1>Chapter {n}</h1><p>Text {n}.</p>",
                        title=f"Chapter {n}") for n in (1, 2)]
    nav = load_document(make_epub(tmp_path / "nav.epub", chapters, nav_in_spine=True))
    assert [(s.title, s.linear) for s in nav.sections] == [
        ("Contents", False), ("Chapter 1", True), ("Chapter 2", True)]
    assert nav.beginning() == Position(1, 0)
    contents = Chapter("toc.xhtml", '<h1>Contents</h1><p><a href="c1.xhtml">Chapter 1</a></p>'
                       '<p><a href="c2.xhtml">Chapter 2</a></p>', title="Contents")
    book = make_epub(tmp_path / "old.epub", [contents, *chapters], version=2)
    with zipfile.ZipFile(book) as archive:
        opf = archive.read("OEBPS/content.opf").decode()
    replace_member(book, "OEBPS/content.opf", opf.replace(
        "</package>", '<guide><reference type="toc" href="toc.xhtml" title="Contents"/>'
        "</guide></package>").encode())
    assert [s.linear for s in load_document(book).sections] == [False, True, True]
