"""The plain-text loader: titles, heading-like lines, wrapped lines and long runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from alsreader.document import Document, ParagraphKind, load_document, parse_document

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = DATA / "als-source.txt"
"""A copy of the project's seed text (shared/reference/als-source.txt): a title line, then
one paragraph per line, the first repeating the title with no punctuation between."""


def spans_slice_back(document: Document) -> None:
    for section in document.sections:
        for sentence in section.sentences:
            assert section.text[sentence.start : sentence.end] == sentence.text


def test_seed_text_title_and_paragraphs() -> None:
    """The seed: its first line is the title, each later line a paragraph."""
    document = load_document(SEED)
    spans_slice_back(document)
    assert document.title == "What is als autoimmune disease"
    assert [s.title for s in document.sections] == ["What is als autoimmune disease"]
    section = document.sections[0]
    kinds = [p.kind for p in section.paragraphs]
    assert kinds == [ParagraphKind.HEADING] + [ParagraphKind.TEXT] * 6
    assert section.paragraphs[-1].sentences[0].text.startswith("In summary, ALS is")


def test_seed_text_does_not_read_the_title_twice() -> None:
    """The title repeated at the start of paragraph 1 is dropped from that paragraph."""
    section = load_document(SEED).sections[0]
    spoken = [s.text for s in section.sentences]
    assert spoken[0] == "What is als autoimmune disease"
    assert spoken[1].startswith("Amyotrophic lateral sclerosis (ALS), often referred to as Lou")
    assert sum("What is als autoimmune disease" in s for s in spoken) == 1


def test_seed_text_sentences() -> None:
    """Every sentence of the seed is found whole (the seed has 20 sentences and a title)."""
    section = load_document(SEED).sections[0]
    assert len(section.sentences) == 21
    assert all(s.text.endswith(".") for s in section.sentences[1:])


REPORT = """\
Living with ALS: a report

Summary

This report was prepared by the care team. It is short.

1. Background

Families asked for clearer advice about equipment, e.g. ramps,
hoists and beds. Dr. Ahmed led the work with 3.5 staff.

1.1 Who took part

Forty families took part over two years in the U.S. and the
U.K. Each was visited twice.

METHODS
We spoke to every family at home and wrote down what they
needed most.
A short line.
And another paragraph starts after a short line ending a sentence.

- first point
- second point
  continued here
"""


def test_heading_like_lines_start_sections() -> None:
    """Title, set-apart lines, numbered headings and capitals make the section tree."""
    document = parse_document(REPORT, "text")
    spans_slice_back(document)
    assert document.title == "Living with ALS: a report"
    tree = [(s.level, s.title) for s in document.sections]
    assert tree == [
        (1, "Living with ALS: a report"),
        (2, "Summary"),
        (2, "1. Background"),
        (3, "1.1 Who took part"),
        (2, "METHODS"),
    ]
    top = document.tree[0]
    assert [c.title for c in top.children] == ["Summary", "1. Background", "METHODS"]
    assert [c.title for c in top.children[1].children] == ["1.1 Who took part"]


def test_wrapped_lines_are_joined_into_paragraphs() -> None:
    """Hard-wrapped lines join; a short line ending a sentence ends its paragraph."""
    document = parse_document(REPORT, "text")
    background = document.sections[2]
    assert background.text == (
        "1. Background\n\nFamilies asked for clearer advice about equipment, e.g. ramps, "
        "hoists and beds. Dr. Ahmed led the work with 3.5 staff."
    )
    assert [s.text for s in background.sentences][1:] == [
        "Families asked for clearer advice about equipment, e.g. ramps, hoists and beds.",
        "Dr. Ahmed led the work with 3.5 staff.",
    ]
    methods = document.sections[4]
    paragraphs = [methods.text[p.start : p.end] for p in methods.paragraphs]
    assert paragraphs == [
        "METHODS",
        "We spoke to every family at home and wrote down what they needed most.",
        "A short line.",
        "And another paragraph starts after a short line ending a sentence.",
        "first point",
        "second point continued here",
    ]
    assert methods.paragraphs[-1].kind is ParagraphKind.LIST_ITEM


def test_long_runs_are_grouped_into_readable_sections() -> None:
    """Thousands of words with no headings become several titled sections of 300-600 words."""
    paragraphs = [
        f"Paragraph {n} begins here and then goes on. " + "More words follow in it. " * 12
        for n in range(1, 61)
    ]
    document = parse_document("\n\n".join(paragraphs), "text", title_hint="Diary")
    spans_slice_back(document)
    assert document.title == "Diary"
    assert len(document.sections) >= 8
    for section in document.sections:
        assert section.level == (0 if section.index == 0 else 1)
        assert 250 <= section.word_count <= 650
        assert section.title.endswith("…")
        assert section.title.startswith("Paragraph ")
    all_text = "\n\n".join(s.text for s in document.sections)
    assert all_text == "\n\n".join(p.strip() for p in paragraphs)


def test_long_run_under_a_heading_becomes_parts_of_it() -> None:
    """Under a heading, the later parts of a long run sit inside that heading's section."""
    body = "\n\n".join("Some sentence about the garden today. " * 15 for _ in range(20))
    document = parse_document(f"My garden\n\n{body}\n", "text")
    top = document.tree[0]
    assert top.title == "My garden"
    assert len(top.children) >= 2
    assert all(child.level == 2 for child in top.children)


def test_text_without_title_line() -> None:
    """A document that starts with a sentence has no made-up title line."""
    document = parse_document("It was a long day. We rested.\n\nThen we ate.\n", "text")
    assert document.sections[0].paragraphs[0].kind is ParagraphKind.TEXT
    assert document.sections[0].title == "It was a long day. We…"


def test_wrapped_first_line_is_not_a_title() -> None:
    """The first line of a hard-wrapped paragraph is not mistaken for a title."""
    text = (
        "It was a bright cold day in April and the clocks were striking\n"
        "thirteen while everyone in the village slept on in their beds\n"
        "until the sun came up.\n"
    )
    document = parse_document(text, "text", title_hint="Story")
    assert document.title == "Story"
    first = document.sections[0].sentences[0].text
    assert first.startswith("It was a bright cold day in April and")


def test_chapters_are_headings_not_a_title() -> None:
    """A book that opens with "CHAPTER I" has chapters side by side, not nested in the first."""
    text = "CHAPTER I\n\nIt was dark.\n\n* * *\n\nLater.\n\nCHAPTER II.\n\nMorning came.\n"
    document = parse_document(text, "text", title_hint="Book")
    assert document.title == "Book"
    assert [(s.level, s.title) for s in document.tree] == [(1, "CHAPTER I"), (1, "CHAPTER II.")]
    first = document.sections[0]
    assert [(s.text, s.spoken) for s in first.sentences] == [
        ("CHAPTER I", True),
        ("It was dark.", True),
        ("* * *", False),  # a scene break is shown, not read out as "asterisk"
        ("Later.", True),
    ]


def test_fixture_matches_the_shared_seed_when_present() -> None:
    """The fixture is a faithful copy of the seed (checked where shared/ exists)."""
    shared = Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "als-source.txt"
    if not shared.is_file():
        pytest.skip("no shared/ folder here (as on CI); the fixture stands in for it")
    assert SEED.read_bytes() == shared.read_bytes()


# ---------------------------------------------------------------- Project Gutenberg books

HEADER = """\
The Project Gutenberg eBook of {title}

This ebook is for the use of anyone anywhere in the United States and
most other parts of the world at no cost and with almost no restrictions
whatsoever. You may copy it, give it away or re-use it under the terms
of the Project Gutenberg License included with this ebook or online
at www.gutenberg.org.

Title: {title}

Author: Ana Escritora

Release date: May 1, 2004 [eBook #12345]

Language: {language}

*** START OF THE PROJECT GUTENBERG EBOOK {title_upper} ***

Produced by Volunteers of Distributed Proofreaders



"""
LICENCE = """\

*** END OF THE PROJECT GUTENBERG EBOOK {title_upper} ***

Updated editions will replace the previous one--the old editions will
be renamed.

START: FULL LICENSE

THE FULL PROJECT GUTENBERG LICENSE
PLEASE READ THIS BEFORE YOU DISTRIBUTE OR USE THIS WORK

Section 1. General Terms of Use and Redistributing Project Gutenberg-tm
electronic works

1.A. By reading or using any part of this Project Gutenberg-tm
electronic work, you indicate that you have read, understand, agree to
and accept all the terms of this license and intellectual property
(trademark/copyright) agreement.

Section 2. Information about the Mission of Project Gutenberg-tm

Project Gutenberg-tm is synonymous with the free distribution of
electronic works in formats readable by the widest variety of computers.
"""
PROSE = {
    "en": "It was a long road and the horses were tired. Nobody spoke for an hour.\n"
    "The inn at the crossing was dark when they came to it at last.",
    "es": "Era un camino largo y los caballos estaban cansados. Nadie habló en una hora.\n"
    "La venta del cruce estaba a oscuras cuando por fin llegaron a ella.",
    "de": "Es war ein langer Weg, und die Pferde waren müde. Niemand sprach eine Stunde lang.\n"
    "Das Gasthaus an der Kreuzung war dunkel, als sie endlich dort ankamen.",
    "fr": "C'était une longue route et les chevaux étaient fatigués. Personne ne parla.\n"
    "L'auberge du carrefour était sombre quand ils y arrivèrent enfin.",
    "it": "Era una strada lunga e i cavalli erano stanchi. Nessuno parlò per un'ora.\n"
    "La locanda all'incrocio era buia quando finalmente vi giunsero.",
    "zh": "話說那一日天色將晚，眾人行了許久的路，馬也乏了，無人言語。"
    "到得渡口客店時，店中早已熄了燈火，眾人只得在門外等候天明。",
}
CHAPTERS = {
    # Headings as Gutenberg books in each language write them.
    "en": ["CHAPTER I.", "CHAPTER II. THE INN", "CHAPTER III."],
    "es": [
        "Capítulo primero. Que trata de la condición y ejercicio del famoso hidalgo don\n"
        "Quijote de la Mancha",
        "CAPÍTULO II.",
        "Capítulo III. De la graciosa manera que tuvo don Quijote en armarse caballero",
    ],
    "de": ["I.", "II.", "Drittes Kapitel"],
    "fr": ["CHAPITRE PREMIER", "Chapitre II", "XIV."],
    "it": ["CAPITOLO I.", "Capitolo II.", "Capitolo III."],
    "zh": ["第一回　甄士隱夢幻識通靈　賈雨村風塵懷閨秀", "第二回　賈夫人仙逝揚州城", "第三章"],
}
CONTENTS_HEADING = {
    "en": "CONTENTS", "es": "ÍNDICE", "de": "INHALT", "fr": "TABLE DES MATIÈRES",
    "it": "INDICE", "zh": "目錄",
}


def gutenberg_book(language: str) -> str:
    """A Project Gutenberg book in ``language``: header, START marker, a contents list (one
    entry a block, as Gutenberg sets them), an illustration list, three chapters (the second
    with a letter and its signature, the third opening on an illustration), END marker and
    licence."""
    title = f"Un libro {language}"
    chapters = CHAPTERS[language]
    contents = "\n\n".join(" ".join(heading.split()) + f"    {n * 9 + 1}"
                           for n, heading in enumerate(chapters))
    body = [
        title.upper(),
        "By Ana Escritora",
        CONTENTS_HEADING[language],
        contents,
        "LIST OF ILLUSTRATIONS",
        "THE OLD MILL    Frontispiece\n\nTHE INN AT NIGHT    14\n\nTHE FERRY    22",
    ]
    for number, heading in enumerate(chapters):
        body.append(heading)
        if number == 2:
            body.append("[Illustration: THE FERRY\n   AT DAWN]")
        body.append(PROSE[language])
        if number == 1:
            body += ["Dear Sir,", PROSE[language], "Yours truly,", "    JOHN SMITH.",
                     "London", PROSE[language]]
    return (HEADER.format(title=title, title_upper=title.upper(), language=language)
            + "\n\n".join(body) + "\n" + LICENCE.format(title_upper=title.upper()))


def spoken_words(document: Document) -> str:
    return " ".join(s.text for section in document.sections for s in section.sentences)


@pytest.mark.parametrize("language", sorted(CHAPTERS))
def test_gutenberg_book_reads_only_the_book(language: str) -> None:
    """Neither the header nor the licence is spoken; the book's title is its own."""
    document = parse_document(gutenberg_book(language), "text")
    spans_slice_back(document)
    words = spoken_words(document)
    for header_or_licence in ("Project Gutenberg", "license", "Release date", "Produced by",
                              "START OF", "END OF", "editions", "Distributed Proofreaders"):
        assert header_or_licence.casefold() not in words.casefold()
    assert document.title == f"UN LIBRO {language.upper()}"
    assert words.startswith(f"UN LIBRO {language.upper()}")


@pytest.mark.parametrize("language", sorted(CHAPTERS))
def test_gutenberg_book_sections(language: str) -> None:
    """One contents section, one illustration list, each chapter once; no signature,
    caption or contents entry is a section of its own."""
    document = parse_document(gutenberg_book(language), "text")
    titles = [section.title for section in document.sections]
    chapters = [" ".join(heading.split()) for heading in CHAPTERS[language]]
    assert titles == [
        f"UN LIBRO {language.upper()}", CONTENTS_HEADING[language], "LIST OF ILLUSTRATIONS",
        *chapters,
    ]
    contents, illustrations = document.sections[1], document.sections[2]
    assert [p.kind for p in contents.paragraphs[1:]] == [ParagraphKind.LIST_ITEM] * 3
    assert [p.kind for p in illustrations.paragraphs[1:]] == [ParagraphKind.LIST_ITEM] * 3
    letter = document.sections[4]
    spoken = [s.text for s in letter.sentences]
    assert "Yours truly," in spoken
    assert "JOHN SMITH." in spoken


def test_illustration_reads_its_caption_or_nothing() -> None:
    """"[Illustration: ...]" is spoken as its caption, as text, or not at all."""
    book = gutenberg_book("en")
    document = parse_document(book, "text")
    last = document.sections[-1]
    assert last.paragraphs[1].kind is ParagraphKind.CAPTION
    assert last.paragraphs[1].sentences[0].text == "THE FERRY AT DAWN"
    assert "Illustration" not in spoken_words(document)
    from alsreader.document.plaintext import parse_plaintext

    silent = parse_plaintext(book, illustration_captions=False)
    assert "FERRY AT DAWN" not in spoken_words(silent)
    assert [s.title for s in silent.sections] == [s.title for s in document.sections]
    bare = parse_plaintext("Chapter 1\n\n[Illustration]\n\nIt was dark. He slept.\n")
    assert spoken_words(bare) == "Chapter 1 It was dark. He slept."


def test_older_gutenberg_small_print_and_end_line() -> None:
    """The older forms: the book follows "*END*THE SMALL PRINT! ..." and ends at
    "End of the Project Gutenberg EBook of ..."."""
    text = (
        "The Project Gutenberg EBook of Old Tales\n\n"
        "**Welcome To The World of Free Plain Vanilla Electronic Texts**\n\n"
        "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*\n\n\n"
        "OLD TALES\n\nCHAPTER I.\n\nOnce there was a miller. He was poor.\n\n"
        "End of the Project Gutenberg EBook of Old Tales\n\n"
        "*** END OF THIS PROJECT GUTENBERG EBOOK OLD TALES ***\n\n"
        "This file should be named oldtl10.txt or oldtl10.zip\n"
    )
    document = parse_document(text, "text")
    assert [s.title for s in document.sections] == ["OLD TALES", "CHAPTER I."]
    assert spoken_words(document) == "OLD TALES CHAPTER I. Once there was a miller. He was poor."


def test_text_mentioning_gutenberg_is_not_cut() -> None:
    """Without a START marker nothing is taken away."""
    text = "Notes\n\nI read it on Project Gutenberg. End of project Gutenberg talk.\n"
    assert "End of project Gutenberg talk." in spoken_words(parse_document(text, "text"))


def test_unclosed_illustration_is_kept_as_text() -> None:
    """A "[Illustration:" never closed is text, not a caption swallowing the book."""
    text = "Chapter 1\n\nThe [Illustration: broken mark stays. He slept.\n\nChapter 2\n\nEnd.\n"
    document = parse_document(text, "text")
    assert [s.title for s in document.sections] == ["Chapter 1", "Chapter 2"]
    assert "broken mark stays." in spoken_words(document)


def test_contents_in_one_block_and_chapter_titles_under_their_number() -> None:
    """A contents list set as one indented block is one section of entries (a wrapped
    entry stays one entry); "CHAPTER I." then "THE START" is one heading."""
    text = (
        "BOOK\n\nCONTENTS\n\n"
        "   CHAPTER I.  The start ........ 1\n"
        "   CHAPTER II. The end of the journey and what\n"
        "               followed it ........ 9\n\n"
        "CHAPTER I.\n\nTHE START\n\n"
        "It was a long road and the horses were tired. Nobody spoke for an hour and\n"
        "nobody wanted to speak either, for the night was cold.\n\n"
        "CHAPTER II.\n\nMore text here. And it goes on for a while longer than a line would.\n"
    )
    document = parse_document(text, "text")
    assert [s.title for s in document.sections] == [
        "BOOK", "CONTENTS", "CHAPTER I. THE START", "CHAPTER II."]
    entries = document.sections[1].paragraphs[1:]
    assert [p.kind for p in entries] == [ParagraphKind.LIST_ITEM] * 2
    assert document.sections[1].sentences[-1].text.endswith("followed it ........ 9")


def test_title_page_lines_are_read_not_sections() -> None:
    """A title page ("PAR" / "JULES VERNE", "Novelle" / "von" / "Theodor Storm") before the
    first chapter is part of the title's section, not a section per line."""
    french = (
        "LE TOUR DU MONDE\n\nPAR\n\nJULES VERNE\n\n\nI\n\nLE DÉPART\n\n"
        "En l'année 1872, la maison portant le numéro 7 était habitée par un homme.\n\n"
        "II\n\nL'ARRIVÉE\n\nIl arriva au club à onze heures et demie, comme chaque jour.\n"
    )
    document = parse_document(french, "text")
    assert [s.title for s in document.sections] == [
        "LE TOUR DU MONDE", "I. LE DÉPART", "II. L'ARRIVÉE"]
    assert [s.text for s in document.sections[0].sentences] == [
        "LE TOUR DU MONDE", "PAR", "JULES VERNE"]
    german = (
        "Der Schimmelreiter\n\nNovelle\n\nvon\n\nTheodor Storm\n\n"
        "Erstes Kapitel\n\nWas ich zu berichten beabsichtige, ist mir kundgeworden.\n\n"
        "Zweites Kapitel\n\nEs war im dritten Jahrzehnt unseres Jahrhunderts.\n"
    )
    document = parse_document(german, "text")
    assert [s.title for s in document.sections] == [
        "Der Schimmelreiter", "Erstes Kapitel", "Zweites Kapitel"]


def test_a_preface_before_the_first_chapter_stays_a_section() -> None:
    """Only short lines make a title page: prose before the first chapter keeps its
    heading."""
    text = (
        "MY BOOK\n\nPreface\n\nThis book was written over many years. It is for my family.\n\n"
        "Chapter 1\n\nIt began on a Monday, as most things do.\n"
    )
    document = parse_document(text, "text")
    assert [s.title for s in document.sections] == ["MY BOOK", "Preface", "Chapter 1"]


def test_a_numeral_alone_takes_its_title_in_capitals_even_when_wrapped() -> None:
    """"I" then a chapter title in capitals over two lines is one heading, "I. TITLE"."""
    text = (
        "BOOK\n\nI\n\nDANS LEQUEL PHILEAS FOGG ET PASSEPARTOUT S'ACCEPTENT RÉCIPROQUEMENT,\n"
        "L'UN COMME MAÎTRE, L'AUTRE COMME DOMESTIQUE\n\n"
        "En l'année 1872, la maison était habitée par Phileas Fogg, esq.\n\n"
        "II\n\nOÙ PASSEPARTOUT EST CONVAINCU\n\nIl faut dire ici que les bonshommes sont de cire.\n"
    )
    document = parse_document(text, "text")
    assert [s.title for s in document.sections] == [
        "BOOK",
        "I. DANS LEQUEL PHILEAS FOGG ET PASSEPARTOUT S'ACCEPTENT RÉCIPROQUEMENT, L'UN COMME "
        "MAÎTRE, L'AUTRE COMME DOMESTIQUE",
        "II. OÙ PASSEPARTOUT EST CONVAINCU",
    ]
    assert document.sections[1].sentences[1].text.startswith("En l'année 1872")


def test_title_page_ends_at_the_contents_and_other_languages_mark_illustrations() -> None:
    """A Spanish book: "(NIVOLA)" / "POR" / the author are the title page, the contents
    list is one section, and "[Ilustración: ...]" reads its caption."""
    text = (
        "NIEBLA\n\n(NIVOLA)\n\nPOR\n\nMIGUEL DE UNAMUNO\n\nÍNDICE\n\n"
        "  Prólogo ........ 5\n  Capítulo I ........ 9\n\n"
        "PRÓLOGO\n\nInsiste don Miguel de Unamuno en que ponga yo un prólogo a su libro.\n\n"
        "CAPÍTULO I\n\nAl aparecer Augusto a la puerta de su casa extendió el brazo.\n\n"
        "[Ilustración: Augusto en la puerta]\n\nY se fue.\n"
    )
    document = parse_document(text, "text")
    assert [s.title for s in document.sections] == ["NIEBLA", "ÍNDICE", "PRÓLOGO", "CAPÍTULO I"]
    assert "Augusto en la puerta" in [s.text for s in document.sections[3].sentences]
    assert "Ilustración" not in document.sections[3].text


def test_a_contents_list_first_is_not_the_title() -> None:
    """A Chinese novel opening on its contents (目录): the list is one section and each
    chapter (第…回) one section after it, none of them the document's title."""
    text = (
        "目录\n\n第一回　甄士隱夢幻識通靈\n第二回　賈夫人仙逝揚州城\n\n"
        "第一回　甄士隱夢幻識通靈\n\n此開卷第一回也。作者自云：因曾歷過一番夢幻之後。\n\n"
        "第二回　賈夫人仙逝揚州城\n\n詩云：一局輸贏料不真，香銷茶盡尚逡巡。\n"
    )
    document = parse_document(text, "text", title_hint="hongloumeng")
    assert [s.title for s in document.sections] == [
        "目录", "第一回 甄士隱夢幻識通靈", "第二回 賈夫人仙逝揚州城"]
    assert document.title == "hongloumeng"
