"""Web pages: how much of what alsreader speaks from a saved page is the article.

Over the saved pages of ``../shared/corpus/web-pages/`` (Mozilla Readability's test pages:
``source.html`` as saved, ``expected.html`` the article as a careful extractor keeps it):
recall is the share of the article's words that alsreader speaks from ``source.html``,
precision the share of spoken words that are the article's (multiset overlap of lower-cased
words), summed over all pages ("micro") and averaged page by page ("macro"). Measured with
our own parser alone (before issue 12) and with the main-content extractor in front of it.
Goal (issue 12): both at least 0.95.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from alsreader.document.html import parse_html
from alsreader.document.model import CJK_CHARACTER, Document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "web-pages"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/web-pages")
GOAL = 0.95
_WORD = re.compile(rf"{CJK_CHARACTER.pattern}|(?:(?!{CJK_CHARACTER.pattern})\w)+")
"""A word: a run of letters and digits, but each Han, hiragana or katakana character alone
(written without spaces, counted a character a word as the reading pace counts them)."""


class _Text(HTMLParser):
    """All text of a page, tags dropped (scripts and styles too)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def words(text: str) -> Counter[str]:
    """The multiset of lower-cased words of a text."""
    return Counter(_WORD.findall(text.lower()))


def article_words(html: str) -> Counter[str]:
    """The words of an expected article (its text, tags dropped)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return words("".join(parser.parts))


def spoken_words(document: Document) -> Counter[str]:
    """The words alsreader speaks from a document."""
    spoken = Counter[str]()
    for section in document.sections:
        for sentence in section.sentences:
            if sentence.spoken:
                spoken.update(words(sentence.text))
    return spoken


@dataclass
class Figures:
    """Recall and precision over the corpus, summed (micro) and by page (macro)."""

    recall: float
    precision: float
    page_recall: float
    page_precision: float
    seconds: float
    pages: list[tuple[str, float, float]]
    """Each page's name, recall and precision."""


def measure(article: bool) -> Figures:
    """The figures of reading every page, with or without the main-content extractor."""
    hits = expected_total = spoken_total = 0
    pages: list[tuple[str, float, float]] = []
    seconds = 0.0
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "source.html").is_file()):
        source = (folder / "source.html").read_text(encoding="utf-8", errors="replace")
        expected_html = (folder / "expected.html").read_text(encoding="utf-8", errors="replace")
        expected = article_words(expected_html)
        start = time.perf_counter()
        document = parse_html(source, article=article)
        seconds += time.perf_counter() - start
        spoken = spoken_words(document)
        overlap = sum((spoken & expected).values())
        expected_count, spoken_count = sum(expected.values()), sum(spoken.values())
        hits += overlap
        expected_total += expected_count
        spoken_total += spoken_count
        pages.append(
            (folder.name, overlap / max(1, expected_count), overlap / max(1, spoken_count))
        )
    return Figures(
        hits / max(1, expected_total), hits / max(1, spoken_total),
        sum(p[1] for p in pages) / len(pages), sum(p[2] for p in pages) / len(pages),
        seconds, pages,
    )


def run() -> str:
    """The Markdown section: recall and precision before and after the extractor."""
    if not CORPUS.is_dir():
        return "## Web pages\n\nThe corpus (../shared/corpus/web-pages) is not here.\n"
    before = measure(article=False)
    after = measure(article=True)
    count = len(after.pages)
    lines = [
        "## Web pages: the article, not the page's chrome (issue 12)\n",
        f"{count} saved pages (Mozilla Readability's test pages, ../shared/corpus/web-pages). "
        "Recall: share of the article's words (expected.html) spoken from source.html; "
        "precision: share of spoken words that are the article's (multiset of lower-cased "
        f"words). Micro sums all pages' words, macro averages the pages. Goal: both >= {GOAL}.\n",
        "| reading | recall (micro) | precision (micro) | recall (macro) | precision (macro) "
        "| time for all pages |",
        "|---|---|---|---|---|---|",
    ]
    for name, figures in (("our parser alone (no extractor)", before),
                          ("extractor, our parser as fallback", after)):
        lines.append(
            f"| {name} | {figures.recall:.3f} | {figures.precision:.3f} "
            f"| {figures.page_recall:.3f} | {figures.page_precision:.3f} "
            f"| {figures.seconds:.2f} s |"
        )
    lines.append(
        "| main before issue 12 (7a14509: `<pre>` silent, anchors and [edit] spoken) "
        "| 0.908 | 0.646 | 0.970 | 0.666 | (measured once) |"
    )
    lines.append(
        f"\nImporting the extractor (Readability's scoring from readability-lxml, vendored in "
        f"alsreader._vendor; lxml), paid once when the first web page "
        f"is opened and never at start-up: {_import_seconds() * 1000:.0f} ms. Some words count "
        "against alsreader where it reads as a listener wants: \"[edit]\" links (dropped, "
        "kept in expected.html), code in `<pre>` (shown, not spoken), an article's title "
        "and byline and images' alt text (spoken; expected.html has the title apart and "
        "counts no attribute), comments and site boxes the reference keeps. Words are runs "
        "of letters and digits, except that each Chinese or Japanese character is a word, "
        "as the reading pace counts them (counted as runs, a phrase was one word, and a "
        "line broken differently lost it whole)."
    )
    weak = [p for p in after.pages if p[1] < GOAL or p[2] < GOAL]
    if weak:
        lines.append("\nPages under the goal after (recall, precision): " + ", ".join(
            f"{name} ({recall:.2f}, {precision:.2f})" for name, recall, precision in weak) + ".")
    return "\n".join(lines) + "\n"


def _import_seconds() -> float:
    """Median time a fresh interpreter spends importing the extractor."""
    code = (
        "import time; t = time.perf_counter(); import lxml.html, alsreader._vendor.readability; "
        "print(time.perf_counter() - t)"
    )
    runs = sorted(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(5)
    )
    return runs[len(runs) // 2]
