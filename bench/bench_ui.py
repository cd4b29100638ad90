"""Start-up of the reader to its first drawn frame, beside a bare Textual app, and opening a
generated 3 MB book; each run in a fresh subprocess, with peak memory (RSS).

Goals (issue 4): the reader on the bundled overview within 1.2x a bare Textual app's
start-up in the same run; a 3 MB book less than 0.5 s more than the overview.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OVERVIEW = ROOT / "content" / "als-overview.md"
RUNS = 7

# Each child prints one JSON line: when it drew its first frame (seconds since the
# interpreter started, from the parent's clock) and its peak RSS.
_BARE = """
import json, resource, sys, time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

async def drawn(pilot):
    await pilot.pause()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"drawn": time.time(), "rss": rss}), file=sys.stderr)
    pilot.app.exit()

Bare().run(headless=True, size=(80, 24), auto_pilot=drawn)
"""

_READER = """
import json, resource, sys, time
from pathlib import Path
from alsreader.ui.app import make_app

app = make_app(Path(sys.argv[1]), player="silent")

async def drawn(pilot):
    from alsreader.ui.screens.reader import ReaderScreen
    while not isinstance(app.screen, ReaderScreen):
        await pilot.pause(0.002)
    await pilot.pause()
    first = time.time()
    while True:
        screen = app.screen
        if isinstance(screen, ReaderScreen) and screen.session is not None:
            if screen.query_one("#text").current >= 0:
                break
        await pilot.pause(0.002)
    await pilot.pause()
    print(json.dumps({"drawn": time.time(), "first": first,
                      "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), file=sys.stderr)
    app.exit()

app.run(headless=True, size=(80, 24), auto_pilot=drawn)
"""


def _child(code: str, *args: str, home: Path) -> tuple[float, float, float]:
    """Run one child; return seconds from spawn to the document drawn and to the screen's
    first frame (the same for the bare app), and peak RSS in MB."""
    env = {**os.environ, "ALSREADER_HOME": str(home)}
    env.pop("NO_COLOR", None)
    started = time.time()
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                            text=True, env=env, timeout=120, check=False)
    line = next((line for line in result.stderr.splitlines() if line.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"child failed: {result.stderr[-2000:]}")
    report = json.loads(line)
    drawn = report["drawn"] - started
    return drawn, report.get("first", report["drawn"]) - started, report["rss"] / 1024


def _book(folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location("bench_documents", HERE / "bench_documents.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = folder / "book.md"
    path.write_text(module.make_book(), encoding="utf-8")
    return path


def run() -> str:
    """Measure and return the Markdown section for docs/benchmarks.md."""
    with tempfile.TemporaryDirectory(prefix="alsreader-bench-ui-") as tmp:
        folder = Path(tmp)
        book = _book(folder)
        samples: dict[str, list[tuple[float, float, float]]] = {
            "bare": [], "overview": [], "book": []
        }
        _child(_BARE, home=folder / "warm")  # warm the file cache for everyone
        for number in range(RUNS):  # interleaved, so drift hits all three alike
            samples["bare"].append(_child(_BARE, home=folder / f"bare{number}"))
            samples["overview"].append(_child(_READER, str(OVERVIEW), home=folder / f"o{number}"))
            samples["book"].append(_child(_READER, str(book), home=folder / f"b{number}"))
        size_mb = book.stat().st_size / 1e6

    def median(name: str, which: int = 0) -> float:
        return statistics.median(sample[which] for sample in samples[name])

    def peak(name: str) -> float:
        return max(sample[2] for sample in samples[name])

    bare, overview, big = median("bare"), median("overview"), median("book")
    screen_first = median("overview", 1)
    first_ratio = screen_first / bare
    ratio = overview / bare
    extra = big - overview
    lines = [
        "## Reader start-up (bench_ui)\n",
        f"Wall time from spawning `python` to a drawn frame (headless, 80x24, silent player), "
        f"median of {RUNS} interleaved runs each; peak RSS is the largest of the runs. The "
        f"reader draws its screen first (\"Opening…\") and loads the document and builds the "
        f"narrator in a worker; both moments are shown. Book: {size_mb:.1f} MB of generated "
        f"Markdown.\n",
        "| Measure | Result | Goal | |",
        "| :- | -: | :- | :- |",
        f"| Bare Textual app, first frame | {bare:.3f} s | (reference) | |",
        f"| Reader screen's first frame (overview still loading) | {screen_first:.3f} s "
        f"| ≤ 1.2x bare | {first_ratio:.2f}x, {'met' if first_ratio <= 1.2 else 'MISSED'} |",
        f"| Reader on the bundled overview, document drawn | {overview:.3f} s "
        f"| ≤ 1.2x bare | {ratio:.2f}x, {'met' if ratio <= 1.2 else 'MISSED'} |",
        f"| Reader on a {size_mb:.1f} MB book, document drawn | {big:.3f} s "
        f"| < overview + 0.5 s | +{extra:.3f} s, {'met' if extra < 0.5 else 'MISSED'} |",
        f"| Peak RSS, bare / overview / book | {peak('bare'):.0f} / {peak('overview'):.0f} / "
        f"{peak('book'):.0f} MB | | |",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
