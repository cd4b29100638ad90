"""The Markdown loader on real-shaped documents."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from alsreader.document import Document, ParagraphKind, load_document, parse_document
from alsreader.document.markdown import _parser, full_inline_text, simple_inline_text

GUIDE = """\
---
title: Caring at home
author: A. Nurse
tags: [care, home]
---

A short note before the first heading, with *emphasis*.

# Caring at home

This guide was written by Dr. Patel with help from families in the U.S. and abroad.
See [the charity's page](https://example.org/help "Help") for more, e.g. local groups.

![A ramp leading to a front door](ramp.png)

## Equipment

- A hospital bed, **if** there is room
- A shower chair
  with a back rest

1. Measure the doorways.
2. Ask about grants.

> Take one day at a time. It gets easier.

| Item | Cost |
|------|------|
| Ramp | 250 |
| Hoist | 1,200 |

```bash
echo "not read aloud"

echo "still the same block"
```

    indented code is code too

### Small things

Keep water within reach.

## Breathing

Ask the team about a breathing machine.
<div class="note">Raw <b>HTML</b> &amp; entities are text.<script>alert(1)</script></div>

# Further reading

Plain text ~~struck~~ and `inline code` and a <span>tag</span>.
"""


def spans_slice_back(document: Document) -> None:
    """Every sentence's span in its section text is exactly the sentence."""
    for section in document.sections:
        for sentence in section.sentences:
            assert section.text[sentence.start : sentence.end] == sentence.text
            paragraph = section.paragraphs[sentence.paragraph]
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end


def texts(document: Document, title: str) -> list[str]:
    section = next(s for s in document.sections if s.title == title)
    return [sentence.text for sentence in section.sentences]


def test_headings_make_nested_sections() -> None:
    """Each heading starts a section, nested under the nearest higher heading."""
    document = parse_document(GUIDE, "markdown")
    spans_slice_back(document)
    assert document.title == "Caring at home"  # from the front matter
    outline = [(s.level, s.title, [c.title for c in s.children]) for s in document.tree]
    assert outline == [
        (0, "A short note before the first…", []),
        (1, "Caring at home", ["Equipment", "Breathing"]),
        (1, "Further reading", []),
    ]
    equipment = document.sections[2]
    assert [c.title for c in equipment.children] == ["Small things"]
    assert [s.index for s in document.sections] == list(range(len(document.sections)))


def test_front_matter_is_not_read() -> None:
    """YAML front matter never appears in the text."""
    document = parse_document(GUIDE, "markdown")
    assert all("author" not in s.text and "tags" not in s.text for s in document.sections)


def test_links_read_as_text_and_images_as_alt_text() -> None:
    """Links keep their words, images their description; addresses are dropped."""
    document = parse_document(GUIDE, "markdown")
    sentences = texts(document, "Caring at home")
    assert sentences == [
        "Caring at home",
        "This guide was written by Dr. Patel with help from families in the U.S. and abroad.",
        "See the charity's page for more, e.g. local groups.",
        "A ramp leading to a front door",
    ]


def test_lists_quotes_and_tables_read_as_text() -> None:
    """List items, quotes and table rows are paragraphs of their own kind; each row is read
    with its column names, and the header row is shown but not spoken."""
    document = parse_document(GUIDE, "markdown")
    section = next(s for s in document.sections if s.title == "Equipment")
    kinds = [(p.kind, section.text[p.start : p.end]) for p in section.paragraphs]
    assert kinds[:9] == [
        (ParagraphKind.HEADING, "Equipment"),
        (ParagraphKind.LIST_ITEM, "A hospital bed, if there is room"),
        (ParagraphKind.LIST_ITEM, "A shower chair with a back rest"),
        (ParagraphKind.LIST_ITEM, "Measure the doorways."),
        (ParagraphKind.LIST_ITEM, "Ask about grants."),
        (ParagraphKind.QUOTE, "Take one day at a time. It gets easier."),
        (ParagraphKind.TABLE, "Item, Cost"),
        (ParagraphKind.TABLE, "Item: Ramp. Cost: 250."),
        (ParagraphKind.TABLE, "Item: Hoist. Cost: 1,200."),
    ]
    header = section.paragraphs[6]
    assert not header.spoken
    assert [s.text for s in section.paragraphs[7].sentences] == ["Item: Ramp.", "Cost: 250."]


def test_code_blocks_are_shown_but_not_spoken() -> None:
    """Fenced and indented code stay visible, verbatim, as unspoken pieces."""
    document = parse_document(GUIDE, "markdown")
    section = next(s for s in document.sections if s.title == "Equipment")
    unspoken = [s for s in section.sentences if not s.spoken]
    assert unspoken[0].text == "Item, Cost"  # the table's header row: each row names them
    code = unspoken[1:]
    assert [s.text for s in code] == [
        'echo "not read aloud"\n\necho "still the same block"',
        "indented code is code too",
    ]
    assert all(section.paragraphs[s.paragraph].kind is ParagraphKind.CODE for s in code)
    assert "echo" not in " ".join(s.text for s in section.sentences if s.spoken)


def test_html_inside_markdown_and_inline_markup() -> None:
    """Raw HTML blocks read as their text (scripts dropped); inline markup is removed."""
    document = parse_document(GUIDE, "markdown")
    assert texts(document, "Breathing")[-1] == "Raw HTML & entities are text."
    assert texts(document, "Further reading") == [
        "Further reading",
        "Plain text struck and inline code and a tag.",
    ]


def test_title_falls_back_to_first_heading_then_hint() -> None:
    """Without front matter the first level-1 heading names the document, else the hint."""
    assert parse_document("# Real title\n\nText.", "markdown").title == "Real title"
    assert parse_document("Just text.", "markdown", title_hint="Notes").title == "Notes"


def test_bundled_content_loads(content_dir: Path) -> None:
    """The bundled guide and overview load with the sections they promise."""
    welcome = load_document(content_dir / "welcome.md")
    spans_slice_back(welcome)
    titles = [s.title for s in welcome.sections]
    for expected in ("Starting and pausing", "Moving by sentence", "Moving by section",
                     "Bookmarks", "Switches and scanning", "Settings for caregivers", "Quitting"):
        assert expected in titles
    overview = load_document(content_dir / "als-overview.md")
    spans_slice_back(overview)
    assert [s.title for s in overview.sections[1:]] == [
        "What ALS is",
        "The possible role of the immune system",
        "Symptoms and progression",
        "Treatment and care",
        "Research",
        "Summary",
    ]
    assert 700 <= overview.word_count <= 1000


MARKUP = st.lists(
    st.sampled_from([*list("ab c*_[]()!.,'\"-é😀“:/&;#<>~1"), "**", "__", "[a](u)", " "]),
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_simple_inline_text_agrees_with_markdown_it(source: str) -> None:
    """The fast path for plain emphasis and links gives exactly markdown-it's text."""
    simple = simple_inline_text(source)
    if simple is not None:
        expected = full_inline_text(_parser(), {}, source)
        assert " ".join(simple.split()) == " ".join(expected.split())


def test_simple_inline_text_agrees_on_many_random_lines() -> None:
    """A seeded sweep over many more lines than hypothesis tries, for the same promise."""
    rng = random.Random(5)
    alphabet = [*"ab  **__.,()!:é😀“1_*[]", "**", "__", "[a](u)"]
    checked = 0
    for _ in range(20000):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 20)))
        simple = simple_inline_text(source)
        if simple is None:
            continue
        checked += 1
        expected = full_inline_text(_parser(), {}, source)
        assert " ".join(simple.split()) == " ".join(expected.split()), source
    assert checked > 1000


def test_book_with_a_top_heading_per_chapter_is_named_by_its_file() -> None:
    """With several level-1 headings, none of them names the whole document."""
    document = parse_document("# One\n\nA.\n\n# Two\n\nB.\n", "markdown", title_hint="Book")
    assert document.title == "Book"
    assert [s.title for s in document.tree] == ["One", "Two"]


def test_raw_html_blocks_keep_their_structure() -> None:
    """Headings in raw HTML make sections; <pre> stays visible but unspoken; lists are lists."""
    text = "# A\n\n<h2>Raw heading</h2>\n\n<pre>\ncode here\n</pre>\n\n<ul><li>x</li></ul>\n"
    document = parse_document(text, "markdown")
    raw = document.sections[1]
    assert (raw.level, raw.title) == (2, "Raw heading")
    assert [(s.text, s.spoken) for s in raw.sentences] == [
        ("Raw heading", True),
        ("code here", False),
        ("x", True),
    ]
    assert raw.paragraphs[2].kind is ParagraphKind.LIST_ITEM


# A chapter shaped like the Markdown books people read (a programming book with notes by
# name and by number, a note of two paragraphs, an inline note, one defined but never used).
NOTED_CHAPTER = """\
# Chapter 4: Coercion

Implicit coercion is often called a design mistake[^EichCoercion]. Brendan Eich has said
as much in talks[^1], and many style guides agree.[^guides] Yet it is used every day,
as in `if (x)`^[An inline note: `if` converts its condition to a boolean.].

## Abstract operations

ToString turns any value into a string[^1]. It is not the same as `String(x)` in every
case.

[^EichCoercion]: Brendan Eich, *JavaScript at Twenty*, a talk given in 2015.

    He called it a mistake made under time pressure.

[^1]: See the ECMAScript specification, section 7.1.

[^guides]: For example, the [Airbnb guide](https://example.org/airbnb).

[^unused]: A note nothing refers to is still read, after the others.
"""


def test_footnote_references_do_not_interrupt_the_sentence() -> None:
    """ "mistake[^EichCoercion]." reads "mistake."; the notes are not read where defined."""
    document = parse_document(NOTED_CHAPTER, "markdown")
    spans_slice_back(document)
    assert texts(document, "Chapter 4: Coercion") == [
        "Chapter 4: Coercion",
        "Implicit coercion is often called a design mistake.",
        "Brendan Eich has said as much in talks, and many style guides agree.",
        "Yet it is used every day, as in if (x).",
    ]
    assert texts(document, "Abstract operations")[1:] == [
        "ToString turns any value into a string.",
        "It is not the same as String(x) in every case.",
    ]
    spoken = " ".join(s.text for s in document.sections[0].sentences)
    assert "[^" not in spoken
    assert "specification" not in spoken


def test_footnotes_are_a_notes_section_at_the_end_in_the_order_referred_to() -> None:
    """The notes come after the text, numbered as a rendered page numbers them, and can
    be opened as a section."""
    document = parse_document(NOTED_CHAPTER, "markdown")
    notes = document.sections[-1]
    assert notes.title == "Notes"
    assert notes.level == 1
    assert notes.linear
    assert [s.text for s in notes.sentences] == [
        "Notes",
        "1. Brendan Eich, JavaScript at Twenty, a talk given in 2015.",
        "He called it a mistake made under time pressure.",
        "2. See the ECMAScript specification, section 7.1.",
        "3. For example, the Airbnb guide.",
        "4. An inline note: if converts its condition to a boolean.",
        "A note nothing refers to is still read, after the others.",
    ]
    assert [s.title for s in document.sections] == [
        "Chapter 4: Coercion", "Abstract operations", "Notes",
    ]


def test_a_document_without_notes_has_no_notes_section() -> None:
    document = parse_document(GUIDE, "markdown")
    assert "Notes" not in [s.title for s in document.sections]
    assert parse_document("A price of [^5] is odd.\n", "markdown").sections[0].sentences[0].text \
        == "A price of [^5] is odd."


# A README's table of the kind public API lists have: a header, empty cells, a link.
API_TABLE = """\
# Animals

| API | Description | Auth | HTTPS | CORS |
|:---|:---|:---|:---|:---|
| [Cats](https://example.org/cats) | Pictures of cats from Tumblr | `apiKey` | Yes | No |
| Dogs | Based on the Stanford Dogs Dataset | | Yes | Yes |
| HTTP Cat | Cat for every HTTP Status | No | Yes | Unknown |

| | |
|---|---|
| Ramp | 250 |
"""


def test_table_rows_are_read_with_their_column_names() -> None:
    """Each cell after its column's name, one sentence each; empty cells are left out;
    without column names the cells are read one after another."""
    document = parse_document(API_TABLE, "markdown")
    spans_slice_back(document)
    section = document.sections[0]
    rows = [(p.spoken, section.text[p.start : p.end]) for p in section.paragraphs[1:]]
    assert rows == [
        (False, "API, Description, Auth, HTTPS, CORS"),
        (True, "API: Cats. Description: Pictures of cats from Tumblr. Auth: apiKey. "
               "HTTPS: Yes. CORS: No."),
        (True, "API: Dogs. Description: Based on the Stanford Dogs Dataset. HTTPS: Yes. "
               "CORS: Yes."),
        (True, "API: HTTP Cat. Description: Cat for every HTTP Status. Auth: No. HTTPS: Yes. "
               "CORS: Unknown."),
        (True, "Ramp, 250"),
    ]
    assert [s.text for s in section.paragraphs[2].sentences][:2] == [
        "API: Cats.", "Description: Pictures of cats from Tumblr.",
    ]


def test_a_table_of_only_a_header_is_read() -> None:
    document = parse_document("| Name | Phone |\n|---|---|\n\nAfter.\n", "markdown")
    assert [s.text for s in document.sections[0].sentences] == ["Name, Phone", "After."]


def _reply_chain(depth: int) -> str:
    """An e-mail thread quoted in full, each reply quoting the one before (as mail
    programs write it): the oldest message is ``depth`` quotes deep."""
    lines = []
    for level in range(depth, -1, -1):
        mark = "> " * level
        lines.append(f"{mark}On day {level}, person {level} wrote:")
        lines.append(mark.rstrip())
        lines.append(f"{mark}Message number {level} says the visit is on Friday.")
        lines.append(mark.rstrip())
    return "\n".join(lines) + "\nThe last line, after every quote.\n"


def _outline(depth: int) -> str:
    """A nested outline (notes taken as bullet lists), each level one deeper."""
    return "".join(
        f"{'  ' * level}- Point {level}, one level deeper\n" for level in range(depth)
    ) + "\nAfter the outline.\n"


def test_deep_quotes_and_lists_keep_all_their_text() -> None:
    """A reply chain 40 quotes deep and an outline 40 levels deep are read to the end:
    deep levels are read as plain paragraphs, nothing is dropped."""
    document = parse_document(_reply_chain(40) + "\n" + _outline(40), "markdown")
    spans_slice_back(document)
    sentences = [s.text for s in document.sections[0].sentences]
    for level in range(41):
        assert f"Message number {level} says the visit is on Friday." in sentences
    assert "The last line, after every quote." in sentences
    points = [text for text in sentences if text.startswith("Point")]
    assert points == [f"Point {level}, one level deeper" for level in range(40)]
    assert sentences[-1] == "After the outline."
    assert not any(">" in text for text in sentences)
    kinds = {p.kind for p in document.sections[0].paragraphs}
    assert {ParagraphKind.QUOTE, ParagraphKind.LIST_ITEM} <= kinds


def _long_book() -> str:
    """A Markdown book of some 490,000 characters (past the size parsed in pieces): 120
    chapters, each with a reference link and a footnote whose definitions are all at the
    end, a fenced code block holding a line that looks like a heading, and an HTML comment
    over a blank line."""
    chapters = []
    for number in range(1, 121):
        chapters.append(
            f"# Chapter {number}\n\n"
            + f"See [the charity][help] for chapter {number}, as noted.[^c{number}]\n\n"
            + "```text\n# not a heading, inside code\n\nstill code\n```\n\n"
            + "<!-- a comment\n\n# not a heading either -->\n\n"
            + (GUIDE.split("# Caring at home", 1)[1].split("## Equipment")[0].strip() + "\n\n")
            * 18
        )
    notes = "".join(f"[^c{n}]: The note of chapter {n}.\n" for n in range(1, 121))
    return "".join(chapters) + "[help]: https://example.org/help\n\n" + notes


def test_a_long_file_is_read_in_pieces_as_if_whole() -> None:
    """Pieces are cut only before a heading, never inside code or a comment; references
    and notes defined at the end are known in every piece."""
    from alsreader.document.markdown import CHUNK_CHARS, markdown_chunks

    book = _long_book()
    assert len(book) > 2 * CHUNK_CHARS
    pieces = list(markdown_chunks(book))
    assert len(pieces) > 1
    assert "".join(pieces) == book
    assert all(piece.startswith("# Chapter ") for piece in pieces[1:])
    document = parse_document(book, "markdown")
    spans_slice_back(document)
    chapters = [s for s in document.sections if s.title.startswith("Chapter ")]
    assert [s.title for s in chapters] == [f"Chapter {n}" for n in range(1, 121)]
    for number, chapter in enumerate(chapters, start=1):
        spoken = [s.text for s in chapter.sentences if s.spoken]
        assert spoken[1] == f"See the charity for chapter {number}, as noted."
        code = [s.text for s in chapter.sentences if not s.spoken]
        assert code == ["# not a heading, inside code\n\nstill code"]
    notes = document.sections[-1]
    assert notes.title == "Notes"
    assert [s.text for s in notes.sentences][1:] == [
        f"{n}. The note of chapter {n}." for n in range(1, 121)
    ]


README = """# Fancytool [![Build](https://ci.example/b.svg)](https://ci.example) ![Logo](l.png)

[![PyPI](https://img.example.com/p.svg)](https://pypi.org/p/x) [![Docs](https://d.svg)](https://d)

> **Note**
> This project is in beta. Expect changes :warning:

> [!WARNING]
> Hot surface.

> Note that the time is 10:30:45 here.

## Usage

- [x] Install it
- [ ] Run `fancytool go` and enjoy :tada:.
- [link](https://example.com) [![Screenshot of the tool](s.png)](s.png)
"""


def test_a_readme_reads_its_words_not_its_badges_and_marks() -> None:
    """Badges beside the title or in a row of their own are left out; emoji shortcodes are
    not spelled out; GitHub notes say "Note:"; a task says whether it is ticked. A linked
    picture among words keeps its description."""
    document = parse_document(README, "markdown")
    spans_slice_back(document)
    assert [s.title for s in document.sections] == ["Fancytool", "Usage"]
    assert texts(document, "Fancytool") == [
        "Fancytool",
        "Note: This project is in beta.",
        "Expect changes",
        "Warning: Hot surface.",
        "Note that the time is 10:30:45 here.",
    ]
    assert texts(document, "Usage") == [
        "Usage",
        "Ticked: Install it",
        "Not ticked: Run fancytool go and enjoy.",
        "link Screenshot of the tool",
    ]


def test_the_notes_are_headed_in_the_document_s_language() -> None:
    """A German text's footnotes are "Anmerkungen", read by the German voice."""
    text = (
        "# Der Schimmelreiter\n\nWas ich zu berichten beabsichtige, ist mir vor reichlich "
        "einem halben Jahrhundert im Hause meiner Urgroßmutter kundgeworden.[^1] Es war im "
        "dritten Jahrzehnt unseres Jahrhunderts, an einem Oktobernachmittag.\n\n"
        "[^1]: Die alte Frau Senator Feddersen wohnte an der Küste.\n"
    )
    document = parse_document(text, "markdown")
    assert document.language.startswith("de")
    assert [s.title for s in document.sections] == ["Der Schimmelreiter", "Anmerkungen"]
