"""Big files (issue 12): a 50 MB plain text (also read as Markdown), and a 3 MB Markdown
file of 100,000 headings.

Both are made at bench time from real prose, the project's own: the ALS source text the
tests read (tests/data/als-source.txt) and the bundled guides (src/alsreader/content),
repeated (plain text) or cut into short sections under generated headings (Markdown).
Nothing is downloaded.

For each file, in a fresh process each run: loading it (``load_document``, in a child
that reports its own peak RSS, VmHWM), and opening it in the real reader (headless 80x24,
silent player) to the first frame showing its text, with the reader's peak RSS.

Goals (issue 12): a 50 MB text under 400 MB peak and its first text shown within 5 s;
many headings cost no more than the text does (the same goals for the heading file).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOURCES = (
    ROOT / "tests" / "data" / "als-source.txt",
    ROOT / "src" / "alsreader" / "content" / "als-overview.md",
    ROOT / "src" / "alsreader" / "content" / "welcome.md",
)
TEXT_BYTES = 50 * 1024 * 1024
HEADINGS = 100_000
RUNS = 2
GOAL_MB = 400.0
GOAL_FIRST_TEXT_S = 5.0


sys.path.insert(0, str(HERE))
import bench_ui as _UI  # noqa: E402  (the reader child and its spawn, shared)

_LOAD = """
import json, sys, time
from pathlib import Path
from alsreader.document import load_document

started, cpu = time.perf_counter(), time.process_time()
document = load_document(Path(sys.argv[1]))
took, cpu = time.perf_counter() - started, time.process_time() - cpu
peak = 0
with open("/proc/self/status") as status:
    for line in status:
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
print(json.dumps({"load": took, "cpu": cpu, "rss": peak, "sections": len(document.sections),
                  "sentences": document.sentence_count, "words": document.word_count}))
"""

_OPEN = """
import json, sys, time
from pathlib import Path
from alsreader.document import open_document

started, cpu = time.perf_counter(), time.process_time()
document = open_document(Path(sys.argv[1]))
took, cpu = time.perf_counter() - started, time.process_time() - cpu
print(json.dumps({"open": took, "cpu": cpu,
                  "read": sum(section.loaded for section in document.sections)}))
"""
"""Opening as the reader does: every section known, a part's sentences read when needed."""


# The reader child of bench_ui, but waiting for the text without polling: bench_ui's child
# wakes every 2 ms to look (fine for a start-up of a fraction of a second), and over a load
# of several seconds in the reader's worker thread those wake-ups take the interpreter's
# lock from it: 6.1 s of loading in the reader instead of 4.1 s for the heading file.
# bench_ui's child starts the reader as the command does (alsreader.cli.main, its last
# line); what waits for the text is put in just before that line.
_START = "from alsreader.cli import main"
_READER = _UI._READER.replace(_START, """
import asyncio
text_shown = asyncio.Event()
_bench_ui_on_frame = on_frame

def on_frame(screen):
    _bench_ui_on_frame(screen)
    if "text" in seen:
        text_shown.set()

async def drawn(pilot):
    await text_shown.wait()
    await pilot.pause()
    report(frame=seen["text"], screen=seen["screen"], settled=time.time())
    pilot.app.exit()

""" + _START, 1)


def _prose() -> str:
    return "\n\n".join(path.read_text(encoding="utf-8").strip() for path in SOURCES)


def make_big_text(path: Path, target: int = TEXT_BYTES) -> Path:
    """About ``target`` bytes of real prose, repeated as a long plain-text file."""
    prose = _prose()
    copies = target // len(prose.encode("utf-8")) + 1
    with path.open("w", encoding="utf-8") as out:
        for number in range(copies):
            out.write(prose)
            out.write(f"\n\n\nPart {number + 2}\n\n\n")
    return path


def make_many_headings(path: Path, headings: int = HEADINGS, seed: int = 5) -> Path:
    """A Markdown file of ``headings`` headings (levels 1-3), each over a sentence or two
    of real prose, as notes exported from an outliner are."""
    rng = random.Random(seed)
    sentences = [s.split() for s in _prose().replace("\n", " ").split(". ") if s.strip()]
    with path.open("w", encoding="utf-8") as out:
        for number in range(1, headings + 1):
            level = rng.choice((1, 2, 2, 3, 3, 3))
            # A few words of a real sentence, or none: about 3 MB in all, as in issue 12.
            words = rng.choice(sentences)[: rng.randint(0, 6)]
            body = " ".join(words) + "." if words else ""
            out.write(f"{'#' * level} Note {number}\n\n{body}\n\n" if body
                      else f"{'#' * level} Note {number}\n\n")
    return path


def _load_child(path: Path, code: str = _LOAD) -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                            text=True, timeout=300, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"load failed: {result.stderr[-2000:]}")
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def _measure(path: Path, folder: Path) -> dict[str, float]:
    loads = [_load_child(path) for _ in range(RUNS)]
    opens = [_load_child(path, _OPEN) for _ in range(RUNS)]
    readers = []
    for number in range(RUNS):
        home = folder / f"{path.stem}-{number}"
        readers.append(_UI._child(_READER, str(path), home=home, pycache=folder / "pyc"))
    return {
        "size": path.stat().st_size / 2**20,
        "sections": loads[0]["sections"],
        "sentences": loads[0]["sentences"],
        "words": loads[0]["words"],
        "load": statistics.median(load["load"] for load in loads),
        "load_best": min(load["load"] for load in loads),
        "load_cpu": min(load["cpu"] for load in loads),
        "load_rss": max(load["rss"] for load in loads),
        "open": statistics.median(one["open"] for one in opens),
        "open_best": min(one["open"] for one in opens),
        "open_cpu": min(one["cpu"] for one in opens),
        "open_read": opens[0]["read"],
        "frame": statistics.median(reader["frame"] for reader in readers),
        "frame_best": min(reader["frame"] for reader in readers),
        "reader_rss": max(reader["rss"] for reader in readers),
    }


def run() -> str:
    """Make both files, measure, and return the Markdown section."""
    with tempfile.TemporaryDirectory(prefix="alsreader-bench-big-") as tmp:
        folder = Path(tmp)
        made = time.perf_counter()
        files = {
            "Plain text, 50 MB (real prose repeated)": make_big_text(folder / "long.txt"),
            "The same 50 MB read as Markdown": make_big_text(folder / "long.md"),
            f"Markdown, {HEADINGS:,} headings": make_many_headings(folder / "notes.md"),
        }
        made = time.perf_counter() - made
        # Warm the bytecode cache the reader children share (as an installed alsreader).
        _UI._child(_READER, str(_UI.OVERVIEW), home=folder / "warm", pycache=folder / "pyc")
        figures = {name: _measure(path, folder) for name, path in files.items()}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0

    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    lines = [
        "## Big files: 50 MB of text, 100,000 headings (bench_big_files)\n",
        "Made at bench time from the project's own prose (tests/data/als-source.txt and the "
        f"bundled guides), in {made:.1f} s (not timed). Each run in a fresh process: "
        "*load* is `load_document` alone with that process's peak RSS and its CPU time "
        "(what it would take on an idle machine, less disk); *open* is `open_document`, "
        "as the reader opens a file (a long text's sections found first, each part's "
        "sentences when first needed, the rest in the background); *first text* is "
        "spawning the reader (headless 80x24, silent player; waited for without polling, "
        "which would slow the loading thread) to its first frame showing "
        f"the document's text, with the reader's peak RSS. Median of {RUNS} runs (best in "
        f"brackets); peak RSS is the largest. Load average when done: {load:.1f} on "
        f"{os.cpu_count()} CPUs (other work on the machine slows the times).\n",
        "| File | Measure | Result | Goal | |",
        "|---|---|---|---|---|",
    ]
    for name, f in figures.items():
        lines += [
            f"| {name} ({f['size']:.1f} MB, {f['sections']:,.0f} sections, "
            f"{f['sentences']:,.0f} sentences, {f['words']:,.0f} words) | Load alone | "
            f"{f['load']:.2f} s ({f['load_best']:.2f}); CPU time {f['load_cpu']:.2f} s | | |",
            f"| | Peak RSS of the loading process | {f['load_rss']:.0f} MB | < {GOAL_MB:.0f} MB "
            f"| {verdict(f['load_rss'] < GOAL_MB)} |",
            f"| | Open as the reader does (`open_document`: every section known, "
            f"{f['open_read']:,.0f} read) | {f['open']:.2f} s ({f['open_best']:.2f}); "
            f"CPU time {f['open_cpu']:.2f} s | | |",
            f"| | Spawn to the first frame with the text | {f['frame']:.2f} s "
            f"({f['frame_best']:.2f}) | < {GOAL_FIRST_TEXT_S:.0f} s "
            f"| {verdict(f['frame'] < GOAL_FIRST_TEXT_S)} |",
            f"| | Peak RSS of the reader | {f['reader_rss']:.0f} MB | < {GOAL_MB:.0f} MB "
            f"| {verdict(f['reader_rss'] < GOAL_MB)} |",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
