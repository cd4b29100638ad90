"""Parse time and memory for a generated 3 MB Markdown book.

The book is made from a seeded random generator (the same book every run): chapters,
sections, paragraphs with emphasis and links, lists, quotes and code blocks. Goals: a
parse under 0.5 s and under 100 MB of memory on a 2-core machine.
"""

from __future__ import annotations

import random
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from alsreader.document import load_document, parse_document

TARGET_BYTES = 3 * 1024 * 1024
RUNS = 5
GOAL_SECONDS = 0.5
GOAL_MB = 100.0

_VOCABULARY = (
    "the a of and to in is that it was for on are as with his they at be this from have or "
    "by one had not but what all were when we there can an your which their said if do will "
    "each about how up out them then she many some so these would other into has more her two "
    "like him see time could no make than first been its who now people my made over did down "
    "only way find use may water long little very after words called just where most know "
    "muscle nerve voice switch reading section sentence doctor research breathing caregiver "
    "neuron spinal cord immune therapy progression symptom speech pointer gaze"
)
_WORDS = _VOCABULARY.split()


def make_book(target_bytes: int = TARGET_BYTES, seed: int = 7) -> str:
    """A deterministic Markdown book of about ``target_bytes`` characters."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    chapter = 0
    while size < target_bytes:
        chapter += 1
        chunk = [f"# Chapter {chapter}: {_phrase(rng, 4).title()}\n"]
        for section in range(1, rng.randint(4, 8)):
            chunk.append(f"## {chapter}.{section} {_phrase(rng, 5).capitalize()}\n")
            for _ in range(rng.randint(3, 8)):
                chunk.append(_paragraph(rng) + "\n")
            roll = rng.random()
            if roll < 0.3:
                chunk.extend(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 6)))
                chunk.append("")
            elif roll < 0.45:
                chunk.append(f"> {_paragraph(rng)}\n")
            elif roll < 0.55:
                chunk.append("```python\nfor step in range(10):\n    print(step)\n```\n")
        text = "\n".join(chunk) + "\n"
        parts.append(text)
        size += len(text)
    return "".join(parts)


def _phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words))


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 28))]
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] = f"*{rng.choice(_WORDS)}*"
    if rng.random() < 0.1:
        link = f"https://example.org/{rng.randint(1, 99)}"
        words[rng.randrange(len(words))] = f"[{rng.choice(_WORDS)}]({link})"
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words)), rng.choice(["Dr.", "e.g.", "3.5", "U.S."]))
    if rng.random() < 0.3:
        words[rng.randrange(len(words) - 1)] += ","
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"])


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 7)))


def _other_formats(book: str) -> list[tuple[str, float, float]]:
    """Parse times for the same book as HTML (rendered by markdown-it) and as plain text."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(book)
    text = re.sub(r"[*`#>\[\]]|\(https?://[^)]*\)", "", book)
    results = []
    for fmt, source in (("HTML", html), ("plain text", text)):
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            parsed = parse_document(source, "html" if fmt == "HTML" else "text")
            times.append(time.perf_counter() - start)
            del parsed
        results.append((fmt, statistics.median(times), min(times)))
    return results


def _rss_mb() -> float:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / (1024 * 1024)


def run() -> str:
    """Measure and return the Markdown section for docs/benchmarks.md."""
    book = make_book()
    size_mb = len(book.encode("utf-8")) / (1024 * 1024)
    rss_before = _rss_mb()
    document = parse_document(book, "markdown")
    rss_delta = _rss_mb() - rss_before
    sections = len(document.sections)
    sentences = document.sentence_count
    del document

    parse_times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        parsed = parse_document(book, "markdown")
        parse_times.append(time.perf_counter() - start)
        del parsed  # freeing the previous book is not part of parsing the next

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.md"
        path.write_text(book, encoding="utf-8")
        load_times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            loaded = load_document(path)
            load_times.append(time.perf_counter() - start)
            del loaded

    tracemalloc.start()
    parse_document(book, "markdown")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / (1024 * 1024)

    parse_median = statistics.median(parse_times)
    load_median = statistics.median(load_times)
    other_formats = _other_formats(book)

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    rows = [
        ("Parse (in memory), median of 5",
         f"{parse_median:.3f} s (best {min(parse_times):.3f} s)", f"< {GOAL_SECONDS} s",
         verdict(parse_median < GOAL_SECONDS)),
        ("Load from file (read, decode, parse), median of 5",
         f"{load_median:.3f} s (best {min(load_times):.3f} s)",
         f"< {GOAL_SECONDS} s", verdict(load_median < GOAL_SECONDS)),
        ("Peak memory while parsing (tracemalloc)", f"{peak_mb:.1f} MB", f"< {GOAL_MB:.0f} MB",
         verdict(peak_mb < GOAL_MB)),
        ("Process RSS growth, first parse", f"{rss_delta:.1f} MB", f"< {GOAL_MB:.0f} MB",
         verdict(rss_delta < GOAL_MB)),
    ]
    for fmt, seconds, best in other_formats:
        rows.append((f"Same book as {fmt}, parse, median of 5",
                     f"{seconds:.3f} s (best {best:.3f} s)",
                     f"< {GOAL_SECONDS} s", verdict(seconds < GOAL_SECONDS)))
    lines = [
        "## Documents: a generated Markdown book\n",
        f"Book: {size_mb:.2f} MB of Markdown (seeded), {sections} sections, "
        f"{sentences} sentences. Times vary with other load on the machine; the best of "
        "5 shows the cost without it.\n",
        "| Measure | Result | Goal | |",
        "|---|---|---|---|",
    ]
    lines.extend(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
