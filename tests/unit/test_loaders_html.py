"""The HTML loader on a real-shaped web page."""

from __future__ import annotations

from pathlib import Path

from alsreader.document import Document, ParagraphKind, load_document, parse_document

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Eye-gaze tips &amp; tricks</title>
  <style>body { color: red; }</style>
  <script>window.track = function () { return "<h1>not me</h1>"; };</script>
</head>
<body>
  <header class="site"><a href="/">Home</a> Site banner</header>
  <nav><ul><li>Menu one</li><li>Menu two</li></ul></nav>
  <main>
    <article>
      <header><h1>Using eye gaze</h1><p class="byline">By the team</p></header>
      <p>Eye gaze lets you point with your eyes.&nbsp;Calibrate it first &mdash; every day.</p>
      <p>Dr. Lee says it takes about 3.5 weeks<br>to get used to.</p>
      <h2>Getting started</h2>
      <ul><li>Sit upright<li>Keep the light behind you</ul>
      <ol><li>Open the settings.</li><li>Choose <em>dwell</em>.</li></ol>
      <blockquote><p>It changed my life.</p></blockquote>
      <img src="setup.jpg" alt="The camera under the screen">
      <h3>Timing</h3>
      <table><tr><th>Dwell</th><th>Feel</th></tr><tr><td>0.8 s</td><td>quick</td></tr></table>
      <pre><code>dwell_ms: 800
scan_ms: 1200</code></pre>
      <div>Loose text in a div.<span> And a span.</span></div>
    </article>
  </main>
  <footer>Copyright and links</footer>
</body>
</html>
"""


def spans_slice_back(document: Document) -> None:
    for section in document.sections:
        for sentence in section.sentences:
            assert section.text[sentence.start : sentence.end] == sentence.text


def test_headings_make_sections_and_page_furniture_is_dropped() -> None:
    """h1-h3 nest; script, style, nav, site header and footer never appear."""
    document = parse_document(PAGE, "html")
    spans_slice_back(document)
    assert document.title == "Eye-gaze tips & tricks"
    assert [(s.level, s.title) for s in document.sections] == [
        (1, "Using eye gaze"),
        (2, "Getting started"),
        (3, "Timing"),
    ]
    everything = "\n".join(s.text for s in document.sections)
    for dropped in ("track", "color", "Menu one", "Site banner", "Copyright", "not me"):
        assert dropped not in everything


def test_entities_and_block_elements() -> None:
    """Entities decode; paragraphs, line breaks and inline elements read naturally."""
    document = parse_document(PAGE, "html")
    first = document.sections[0]
    assert [s.text for s in first.sentences] == [
        "Using eye gaze",
        "By the team",
        "Eye gaze lets you point with your eyes.",
        "Calibrate it first — every day.",
        "Dr. Lee says it takes about 3.5 weeks to get used to.",
    ]


def test_lists_quotes_images_tables_and_code() -> None:
    """Each block keeps its kind; code is visible but not spoken."""
    document = parse_document(PAGE, "html")
    started = document.sections[1]
    kinds = [(p.kind, started.text[p.start : p.end]) for p in started.paragraphs]
    assert kinds == [
        (ParagraphKind.HEADING, "Getting started"),
        (ParagraphKind.LIST_ITEM, "Sit upright"),
        (ParagraphKind.LIST_ITEM, "Keep the light behind you"),
        (ParagraphKind.LIST_ITEM, "Open the settings."),
        (ParagraphKind.LIST_ITEM, "Choose dwell."),
        (ParagraphKind.QUOTE, "It changed my life."),
        (ParagraphKind.TEXT, "The camera under the screen"),
    ]
    timing = document.sections[2]
    assert [s.text for s in timing.sentences if s.spoken] == [
        "Timing",
        "Dwell: 0.8 s. Feel: quick.",  # the header row is shown, each row says its names
        "Loose text in a div.",
        "And a span.",
    ]
    code = [s for s in timing.sentences if not s.spoken]
    assert [s.text for s in code] == ["Dwell, Feel", "dwell_ms: 800\nscan_ms: 1200"]


def test_html_file_is_chosen_by_suffix_and_content(tmp_path: Path) -> None:
    """A .html file and a suffix-less page are both read as HTML."""
    for name in ("page.html", "page.htm", "page"):
        path = tmp_path / name
        path.write_text(PAGE, encoding="utf-8")
        document = load_document(path)
        assert document.source_format == "html"
        assert document.title == "Eye-gaze tips & tricks"


def test_broken_html_still_reads() -> None:
    """Unclosed tags and stray closers are forgiven."""
    document = parse_document(
        "<p>One <b>bold<p>Two</i></div><h2>Late heading<p>Three &copy; 2024", "html",
        title_hint="Broken",
    )
    spans_slice_back(document)
    assert document.title == "Broken"
    assert [s.text for sec in document.sections for s in sec.sentences] == [
        "One bold", "Two", "Late heading", "Three © 2024",
    ]


def test_a_data_tables_rows_say_their_column_names() -> None:
    """As an encyclopedia lays out a data table (caption, header row, an empty cell): each
    row is read with the names, the empty cell left out; a table with no header row reads
    its cells one after another; a header alone is read."""
    page = """<html><body><h1>Motor neurone disease</h1>
    <table class="wikitable"><caption>Types</caption>
    <tr><th>Type</th><th>Neurons affected</th><th>Share of cases</th></tr>
    <tr><td>ALS</td><td>Upper and lower</td><td>80%</td></tr>
    <tr><td>PLS</td><td>Upper</td><td></td></tr>
    </table>
    <table><caption>Costs</caption><tr><td>Ramp</td><td>250</td></tr></table>
    <table><tr><th>Name</th><th>Phone</th></tr></table>
    </body></html>"""
    section = parse_document(page, "html").sections[0]
    rows = [(p.spoken, section.text[p.start : p.end]) for p in section.paragraphs
            if p.kind is ParagraphKind.TABLE]
    assert rows == [
        (False, "Type, Neurons affected, Share of cases"),
        (True, "Type: ALS. Neurons affected: Upper and lower. Share of cases: 80%."),
        (True, "Type: PLS. Neurons affected: Upper."),
        (True, "Ramp, 250"),
        (True, "Name, Phone"),
    ]


def test_ruby_readings_are_not_read_twice(tmp_path: Path) -> None:
    """Furigana (``<rt>``, with or without ``<rp>`` brackets, closed or left open as HTML
    allows) is a reading of the kanji beside it: only the kanji are read, once."""
    page = tmp_path / "momotaro.html"
    page.write_text(
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>昔話</title></head>'
        "<body><main><h1><ruby>桃<rt>もも</rt></ruby>太郎</h1>"
        "<p>むかしむかし、ある<ruby>所<rp>(</rp><rt>ところ</rt><rp>)</rp></ruby>に、"
        "おじいさんとおばあさんが住んでいました。おじいさんは<ruby>山<rt>やま</rt></ruby>へ"
        "<ruby>芝<rt>しば<rt>か</ruby>りに行きました。</p>"
        "<p>おばあさんは<ruby>川<rt>かわ</rt></ruby>へ行きました。</p></main></body></html>",
        encoding="utf-8",
    )
    document = load_document(page)
    said = [sentence.text for sentence in document.sections[0].sentences]
    assert said == ["桃太郎", "むかしむかし、ある所に、おじいさんとおばあさんが住んでいました。",
                    "おじいさんは山へ芝りに行きました。", "おばあさんは川へ行きました。"]
    assert document.sections[0].title == "桃太郎"


def test_a_page_s_lang_is_made_a_standard_tag_and_und_is_no_language(tmp_path: Path) -> None:
    """``lang="en_US"`` is "en-US"; ``lang="und"`` says nothing, so the words tell."""
    spanish = ("<p>Hola, ¿cómo estás? Me llamo Juan y vivo en Madrid con mi familia desde "
               "hace muchos años, en una casa pequeña cerca del río.</p>")
    for lang, known in (("en_US", "en-US"), ("und", "es")):
        page = tmp_path / f"{lang}.html"
        page.write_text(f'<html lang="{lang}"><head><meta charset="utf-8"><title>x</title>'
                        f"</head><body><article><h1>Casa</h1>{spanish}</article></body></html>",
                        encoding="utf-8")
        assert load_document(page).language == known
