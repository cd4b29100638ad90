"""The parts of a saved page's article that the extractor used to lose or add (issue 12).

Each page is written here in the shape of a kind of real saved page (none is downloaded):
an article whose lead and "read more" part sit in different blocks, a how-to whose steps
alternate with pictures and captions, a list of reviews whose headings are links, release
notes that are lists of links, an encyclopedia's references, a blog's related posts, a
consent dialog, and pictures with and without captions.
"""

from __future__ import annotations

from alsreader.document import Document, ParagraphKind, parse_document
from alsreader.document.html import read_page


def spoken(document: Document) -> str:
    return " ".join(s.text for section in document.sections for s in section.sentences
                    if s.spoken)


def paragraph(topic: str) -> str:
    """A long paragraph about ``topic``, with the commas an article's prose has."""
    return (
        f"<p>{topic} was tried by switch users, caregivers and therapists, over several "
        "weeks, at home, in clinics and on the road, and the notes they kept, day by day, "
        "say what worked, what did not, and what they would change, in their own words, "
        "which the team then read, sorted, and answered, one by one, before the release.</p>"
    )


def test_a_lead_and_a_read_more_part_in_other_blocks_are_one_article() -> None:
    """The best-scoring block (the "read more" part) is only part of the article: the
    lead and the paragraphs beside it, in the block around it, are read too."""
    page = f"""<html><head><title>Angry readers</title></head><body>
<div id="site-nav"><a href="/">Home</a> <a href="/news">News</a></div>
<div id="story"><div class="story-body">
<div class="story-intro"><p><strong>A team has been visiting readers in the past few days
 to calm their worries about the new timing rules. It failed.</strong></p></div>
{paragraph("The lead")}
{paragraph("The second part")}
<div id="read-more"><div id="read-more-link"><a href="#more">Read more</a></div>
<div id="read-more-content">{paragraph("The first rule")}{paragraph("The second rule")}
{paragraph("The third rule")}</div></div>
</div></div>
<div class="share-tools"><a href="/share">Share this story</a></div>
</body></html>"""
    text = spoken(parse_document(page, "html"))
    assert "It failed." in text
    for part in ("The lead", "The second part", "The first rule", "The third rule"):
        assert f"{part} was tried" in text
    assert "Share this story" not in text
    assert "Home" not in text


def how_to_step(number: int, text: str, picture: str) -> str:
    return f"""<div class="mod step"><div class="stepContent">
<div class="content"><span class="headline2">Step {number}</span><p>{text}</p></div>
<figure class="stepThumb"><img src="step{number}.jpg" alt="{picture}"></figure>
<figcaption class="small caption">{picture} (Photo: Lucy)</figcaption>
</div></div>"""


HOW_TO_PAGE = f"""<html><head><title>Build a terrarium</title></head><body>
<header><a href="/">Crafts</a></header>
<article><h1>How to build a terrarium</h1>
<div class="mod step"><div class="stepContent"><div class="content lead">
<p>A glass terrarium keeps a bit of nature in your home, and it is simple to make.</p>
</div></div></div>
<div class="mod step"><div class="stepContent"><div class="content">
<span class="headline2">What you'll need:</span>
<ul><li>Cloche</li><li>Planter saucer</li><li>Ruler</li><li>Spoon</li><li>Moss</li></ul>
</div></div></div>
{how_to_step(1, "Measure the cloche, and cut the foam, with care, about an inch smaller, "
             "then soak it, in a bowl, until it sinks.", "Dig a hole in the foam.")}
{how_to_step(2, "Insert your plant into the hole, pressing the foam, gently, around its "
             "roots, so that it stands up straight.", "Orchid in the foam")}
{how_to_step(3, "Attach the moss, with floral pins, all around the foam, until none of "
             "it shows, and add a stone or two.", "Attach the moss.")}
{how_to_step(4, "Place the cloche, slowly, over the foam, and push the moss, where it rises, "
             "back down, with tweezers.", "Place the cloche.")}
</article>
<div class="comments"><p>Post a comment</p></div>
</body></html>"""


def test_a_how_to_keeps_its_list_and_captions_in_their_places() -> None:
    """Steps split into sibling blocks keep the list and the captions between them, in
    the page's order; each picture is said once, by its caption."""
    text = spoken(parse_document(HOW_TO_PAGE, "html"))
    for item in ("Cloche", "Ruler", "Spoon", "Moss"):
        assert item in text
    order = [text.index(part) for part in (
        "A glass terrarium", "Planter saucer", "Measure the cloche",
        "Dig a hole in the foam. (Photo: Lucy)", "Insert your plant",
        "Orchid in the foam (Photo: Lucy)", "Attach the moss, with floral pins",
        "Attach the moss. (Photo: Lucy)",
    )]
    assert order == sorted(order)
    assert text.count("Dig a hole in the foam.") == 1
    assert text.count("Orchid in the foam") == 1
    assert "Post a comment" not in text


def test_headings_that_are_links_and_lists_of_links_stay_in_the_article() -> None:
    """A review list's headings link to what they review, and release notes list the
    fixes each with its link: both are the article, not clutter."""
    reviews = "".join(
        f'<h3><a href="https://example.org/{name}">{name} (${price})</a></h3>'
        + paragraph(f"{name}")
        for name, price in (("Rez Infinite", 30), ("Until Dawn", 20), ("Job Simulator", 30))
    )
    fixes = "".join(
        f'<li><a href="https://bugs.example.org/{n}">{who}</a> fixed '
        f'<a href="https://bugs.example.org/{n}">bug {n} in the timing page</a></li>'
        for n, who in ((101, "Ankush Dua"), (102, "Gero"), (103, "Manekenpix"))
    )
    page = f"""<html><head><title>This week</title></head><body>
<div class="menu"><a href="/">Home</a></div>
<article><h1>This week</h1>{paragraph("Virtual reality")}{reviews}
<h4>Resolved bugs</h4><ul>{fixes}</ul>{paragraph("The next release")}</article>
</body></html>"""
    document = parse_document(page, "html")
    titles = [section.title for section in document.sections]
    for name in ("Rez Infinite ($30)", "Until Dawn ($20)", "Job Simulator ($30)"):
        assert name in titles
    text = spoken(document)
    for who in ("Ankush Dua fixed bug 101", "Gero fixed bug 102", "Manekenpix fixed bug 103"):
        assert who in text


def test_references_are_kept_but_a_contents_box_is_not() -> None:
    """A block that is all one list of text with a few links (references) is the
    article's; one that is all links (contents, related stories) is not."""
    contents = "".join(f'<li><a href="#s{n}"><span>{n}</span> Part {n} of the history</a></li>'
                       for n in range(1, 13))
    references = "".join(
        f'<li id="cite-{n}"><a href="#ref-{n}">^</a> Author A ({2000 + n}). '
        f'<a href="https://example.org/book{n}">Reading with switches volume {n}</a>. '
        "Cambridge University Press. p. 652.</li>"
        for n in range(1, 6)
    )
    page = f"""<html><head><title>Switch access</title></head><body>
<div id="content"><h1>Switch access</h1><div class="mw-parser-output">
{paragraph("Switch access")}
<div id="toc" class="toc"><h2>Contents</h2><ul>{contents}</ul></div>
{paragraph("Scanning")}{paragraph("Dwell")}
<h2>References</h2><div class="reflist"><div class="mw-references-wrap">
<ol class="references">{references}</ol></div></div>
</div></div></body></html>"""
    text = spoken(parse_document(page, "html"))
    assert "Reading with switches volume 5" in text
    assert "Cambridge University Press" in text
    assert "Part 3" not in text


def test_related_posts_and_a_consent_dialog_are_not_read() -> None:
    """A blog's related-posts box (by its class) and a dialog (by its ARIA role) inside
    the post are left out, however much prose they hold."""
    related = "".join(
        f'<div class="jp-relatedposts-post"><a href="/p{n}">Older post {n}</a>'
        + paragraph(f"Older post {n}") + "</div>"
        for n in range(3)
    )
    page = f"""<html><head><title>A post</title></head><body>
<div class="entry-content">
<div role="dialog" class="consent"><p>We value your privacy, and we and our partners
 store cookies, identifiers, and other data, on your device, to measure, personalise, and
 improve, our services, and our advertising, with your consent, which you may withdraw.</p>
</div>
{paragraph("The new setting")}{paragraph("The old setting")}{paragraph("A third setting")}
<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3>{related}</div>
</div></body></html>"""
    text = spoken(parse_document(page, "html"))
    assert "The new setting was tried" in text
    assert "A third setting was tried" in text
    assert "Older post" not in text
    assert "privacy" not in text


def test_a_figure_reads_its_caption_or_else_its_alt_text() -> None:
    """A picture is said once: by its caption when it has one (inside the figure or just
    after the picture, repeating its alt text), else by its alt text; an alt text that is
    a file name says nothing."""
    page = """<html><body>
<figure><img src="a.jpg" alt="Supporters cheer on election night in a hotel ballroom">
<figcaption>Photo: the agency</figcaption></figure>
<figure><img src="b.jpg" alt="The camera under the screen"></figure>
<div class="image"><img src="c.jpg" alt="A new rule would make readers wait two seconds">
<p class="caption">A new rule would make readers wait two seconds. Source: supplied</p></div>
<p><img src="d.jpg" alt="0225-lupita-nyongo-getty-01"> Lupita at the hotel.</p>
</body></html>"""
    blocks = [(block.kind, block.text) for block in read_page(page).blocks]
    assert blocks == [
        (ParagraphKind.TEXT, "Photo: the agency"),
        (ParagraphKind.TEXT, "The camera under the screen"),
        (ParagraphKind.TEXT, "A new rule would make readers wait two seconds. Source: supplied"),
        (ParagraphKind.TEXT, "Lupita at the hotel."),
    ]
