"""Saved web pages read their article, not the site around it (issue 12).

The pages are written here, shaped like real saved pages: a menu, a cookie notice and a
sign-in box before the article, a long list of links after it, encyclopedia "[edit]" links,
documentation heading anchors, an RFC saved as one ``<pre>``, a page laid out in a table.
"""

from __future__ import annotations

from pathlib import Path

from alsreader.document import Document, ParagraphKind, load_document, parse_document
from alsreader.document.html import read_page

ARTICLE = (
    "<p>Switch users often press twice when they meant to press once, because a tremor "
    "makes the hand bounce on the button, and every doubled press moves the reader on by "
    "a sentence they then have to find again, which is tiring at the end of a long day.</p>"
    "<p>The new setting ignores a second press that comes within a short time of the "
    "first, and the caregiver can lengthen that time, in steps, from the settings screen, "
    "so that the reader waits for the listener rather than the other way round.</p>"
    "<p>Early testers said that the change, small as it looks, made an evening of "
    "listening to a novel possible again, and that they no longer dreaded the moment "
    "when a tired hand would lose their place in the middle of a chapter.</p>"
)
MENU = "".join(f'<li><a href="/section/{n}">Menu item {n}</a></li>' for n in range(80))

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Doubled presses, fixed</title></head>
<body>
<div class="topbar"><a href="#content">Jump to: navigation</a>, <a href="#search">search</a>
 <span>Loading...</span></div>
<div id="cookie-notice" class="cookie-banner">We use cookies to improve your experience.
 <a href="/privacy">Accept all cookies</a></div>
<div class="login-box"><form action="/login"><label>Sign in to your account</label>
 <input name="user"><input type="password" name="pass"></form></div>
<div class="content"><article>
<h1>Doubled presses, fixed</h1>
{ARTICLE}
<h2>What comes next</h2>
<p>The next release will let the caregiver choose the time separately for each switch,
 because a foot switch and a hand switch bounce in different ways, and the team wants
 each of them to feel right to the person using it day after day.</p>
</article></div>
<div class="related"><ul>{MENU}</ul></div>
</body></html>
"""


def spoken(document: Document) -> str:
    return " ".join(s.text for section in document.sections for s in section.sentences
                    if s.spoken)


def test_a_news_page_reads_its_article_without_menus_cookies_or_sign_in() -> None:
    """The article and its headings are read; the chrome around it is not."""
    document = parse_document(NEWS_PAGE, "html")
    text = spoken(document)
    assert "Switch users often press twice" in text
    assert "made an evening of listening to a novel possible again" in text
    assert "each of them to feel right" in text
    for chrome in ("Jump to", "Loading", "cookies", "Sign in", "Menu item"):
        assert chrome not in text
    assert [section.title for section in document.sections if section.title] == [
        "Doubled presses, fixed", "What comes next",
    ]


def test_without_the_extractor_the_whole_page_is_read() -> None:
    """Our own parser alone (as for a book's chapter) keeps everything but scripts and nav."""
    text = " ".join(block.text for block in read_page(NEWS_PAGE).blocks)
    assert "Accept all cookies" in text
    assert "Menu item 79" in text


def test_a_page_the_extractor_finds_nothing_in_is_still_read() -> None:
    """A short page with no article-like block falls back to our parser: nothing is lost."""
    document = parse_document("<html><body><p>Back at five.</p></body></html>", "html")
    assert spoken(document) == "Back at five."


ENCYCLOPEDIA_PAGE = f"""<html><head><title>Switch access - Encyclopedia</title></head><body>
<div id="mw-navigation"><ul>{MENU}</ul></div>
<div id="content"><h1 id="firstHeading">Switch access</h1>
<div id="bodyContent">{ARTICLE}
<h2><span class="mw-headline" id="History">History</span><span class="mw-editsection">
<span class="mw-editsection-bracket">[</span><a href="/w/index.php?action=edit&amp;section=1"
 title="Edit section: History">edit</a><span class="mw-editsection-bracket">]</span></span></h2>
{ARTICLE}
<h2>Use with eye gaze [edit]</h2>
{ARTICLE}
</div></div></body></html>
"""


def test_encyclopedia_headings_lose_their_edit_links() -> None:
    """"[edit]" is neither in a section's title nor spoken, by class or as plain text."""
    document = parse_document(ENCYCLOPEDIA_PAGE, "html")
    headings = [section.title for section in document.sections if section.paragraphs
                and section.paragraphs[0].kind is ParagraphKind.HEADING]
    assert headings[-2:] == ["History", "Use with eye gaze"]
    assert "edit" not in spoken(document)
    assert "Menu item" not in spoken(document)


DOCUMENTATION_PAGE = f"""<html><head><title>Settings — alsreader docs</title></head><body>
<div class="related" role="navigation"><h3>Navigation</h3><ul><li><a href="genindex.html">index</a>
</li><li><a href="py-modindex.html">modules</a> |</li></ul></div>
<div class="body" role="main">
<section id="settings"><h1>Settings<a class="headerlink" href="#settings"
 title="Permalink to this heading">¶</a></h1>
{ARTICLE}
<section id="timing"><h2>Timing <a href="#timing" aria-hidden="true">#</a></h2>
{ARTICLE}
</section>
<section id="c-sharp"><h2>Scripting in C#<a class="headerlink" href="#c-sharp">¶</a></h2>
{ARTICLE}
</section></section></div></body></html>
"""


def test_documentation_heading_anchors_are_not_spoken() -> None:
    """"¶" and "#" anchors leave the headings; a "#" that is part of a word stays."""
    document = parse_document(DOCUMENTATION_PAGE, "html")
    titles = [section.title for section in document.sections if section.title]
    assert titles == ["Settings", "Timing", "Scripting in C#"]
    text = spoken(document)
    assert "¶" not in text
    assert "modules" not in text


RFC_PAGE = """<html><head><title>RFC 9999: Switch Timing</title></head><body><pre>
Network Working Group                                          A. Author
Request for Comments: 9999                                   Example Org

                     Switch Timing for Assistive Readers

Abstract

   This document describes how a reader that is driven by one or two
   switches should treat presses that arrive close together, so that a
   tremor does not move the listener on by more than one sentence.

1.  Introduction

   A press that follows another within the debounce time is ignored.
   The debounce time is a setting that the caregiver may lengthen.
</pre></body></html>
"""


def test_a_page_that_is_one_pre_of_prose_is_read() -> None:
    """An RFC saved as HTML is spoken, paragraph by paragraph, its lines joined."""
    document = parse_document(RFC_PAGE, "html")
    text = spoken(document)
    assert "so that a tremor does not move the listener on by more than one sentence." in text
    assert "The debounce time is a setting that the caregiver may lengthen." in text
    paragraphs = [p for s in document.sections for p in s.paragraphs]
    assert all(p.kind is not ParagraphKind.CODE for p in paragraphs)
    assert len(paragraphs) >= 5


def test_code_in_pre_is_still_shown_and_not_spoken() -> None:
    """``pre`` holding code (a <code>, or many code signs) stays visible and silent."""
    page = (
        "<html><body><article>" + ARTICLE
        + "<pre>def debounce(presses):\n    return [p for p in presses if p.gap > 0.3]</pre>"
        + "</article></body></html>"
    )
    document = parse_document(page, "html")
    code = [s for section in document.sections for s in section.sentences if not s.spoken]
    assert [s.text for s in code] == [
        "def debounce(presses):\n    return [p for p in presses if p.gap > 0.3]"
    ]


LAYOUT_PAGE = f"""<html><head><title>Club news</title></head><body>
<table width="100%" cellpadding="4"><tr>
<td valign="top"><h2>Meeting in May</h2>{ARTICLE}</td>
<td valign="top"><h2>New switches</h2><p>Two new switches arrived.</p><p>Ask at the desk.</p>
</td></tr></table></body></html>
"""


def test_a_table_laying_out_a_page_keeps_its_headings_and_paragraphs() -> None:
    """Headings in cells stay headings and each cell's paragraphs stay apart."""
    blocks = read_page(LAYOUT_PAGE).blocks
    assert [b.text for b in blocks if b.kind is ParagraphKind.HEADING] == [
        "Meeting in May", "New switches",
    ]
    assert [b.text for b in blocks][-2:] == ["Two new switches arrived.", "Ask at the desk."]
    document = parse_document(LAYOUT_PAGE, "html")
    titles = [section.title for section in document.sections]
    assert "Meeting in May" in titles
    assert "New switches" in titles


def test_a_data_table_keeps_its_rows_in_an_article() -> None:
    """A short table of data in the article is not dropped as clutter; each row is read
    with the column names of its header row (shown, not spoken)."""
    page = (
        "<html><body><article><h1>Timings</h1>" + ARTICLE
        + "<table><tr><th>Switch</th><th>Debounce</th></tr>"
        + "<tr><td>Hand</td><td>0.3 s</td></tr></table></article></body></html>"
    )
    document = parse_document(page, "html")
    rows = [section.text[p.start : p.end] for section in document.sections
            for p in section.paragraphs if p.kind is ParagraphKind.TABLE]
    assert rows == ["Switch, Debounce", "Switch: Hand. Debounce: 0.3 s."]


def test_entities_declared_in_a_page_are_not_expanded_nor_files_read(tmp_path: Path) -> None:
    """A page declaring entities (a "billion laughs", a local file) reads as plain text."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    page = f"""<!DOCTYPE html [
<!ENTITY lol "lollollollollollollollollollol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY file SYSTEM "file://{secret}">
]>
<html><body><article>{ARTICLE}<p>Laugh: &lol2; File: &file;</p></article></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    text = spoken(load_document(path))
    assert "Switch users often press twice" in text
    assert "TOP SECRET" not in text
    assert "lollol" not in text
