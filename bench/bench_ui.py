"""Start-up of the reader to its first drawn frame, beside a bare Textual app, and opening a
generated 3 MB book; each run in a fresh subprocess, with peak memory (RSS).

Goals (issue 4): the reader on the bundled overview within 1.2x a bare Textual app's
start-up in the same run; a 3 MB book less than 0.5 s more than the overview.

Two clocks per child. *Frame*: when Textual hands a finished frame to the terminal driver
(``App._display``, hooked in the child for the bare app and the reader alike); for the
reader, the first frame that shows the document's text wrapped to the view's width.
*Settled*: the first moment after that frame when the process is idle (Textual's
``pilot.pause()``, which sleeps in 20 ms steps until a step used almost no CPU); it also
counts whatever the app still does right after the frame.

Bytecode: the children share a bytecode cache in the run's temporary folder
(``PYTHONPYCACHEPREFIX``), filled by a warm-up run, as an installed alsreader has (pip
compiles it). A development environment with ``PYTHONDONTWRITEBYTECODE`` set compiles every
alsreader module from source at each start instead; one row shows that case.
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
OVERVIEW = ROOT / "src" / "alsreader" / "content" / "als-overview.md"
RUNS = 7

# Each child prints one JSON line: when it drew the frames (time.time(), the parent's
# clock) and its peak RSS. The hook only notes the time; it draws nothing itself.
_HOOK = """
import json, resource, sys, time
from textual.app import App

frames = []
_display = App._display

def _noted_display(self, screen, renderable):
    _display(self, screen, renderable)
    if renderable is not None:
        frames.append((time.time(), screen))
        on_frame(screen)

App._display = _noted_display

def on_frame(screen):
    pass

def report(**times):
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork+exec, so a child of a big
    # parent (bench/run.py after the 3 MB book) would report the parent's peak.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    print(json.dumps({**times, "rss": rss}), file=sys.stderr)
"""

_BARE = _HOOK + """
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

async def drawn(pilot):
    await pilot.pause()
    report(frame=frames[0][0], settled=time.time())
    pilot.app.exit()

Bare().run(headless=True, size=(80, 24), auto_pilot=drawn)
"""

# Textual's own widgets in about the reader's number and nesting (informative only).
_WIDGETS = _HOOK + """
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static

class Widgets(App):
    def compose(self):
        with Horizontal():
            yield OptionList("One", "Two", "Three")
            with Vertical():
                yield Static("Opening")
                yield Static("Text " * 200)
        yield Static("Status")
        with Horizontal():
            for label in ("Play", "Next", "Previous", "Sections", "Slower", "Faster",
                          "Bookmark", "Help"):
                yield Button(label)

async def drawn(pilot):
    await pilot.pause()
    report(frame=frames[0][0], settled=time.time())
    pilot.app.exit()

Widgets().run(headless=True, size=(80, 24), auto_pilot=drawn)
"""

# The reader starts as the `alsreader` command does (alsreader.cli.main, which holds the
# garbage collector from its first line), so the hook must not import Textual first: it
# patches textual.app when alsreader imports it, and makes that run headless.
_READER = """
import importlib.util, json, resource, sys, time

frames = []
seen = {}

def report(**times):
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    print(json.dumps({**times, "rss": rss}), file=sys.stderr)

def on_frame(screen):
    from alsreader.ui.screens.reader import ReaderScreen

    if not isinstance(screen, ReaderScreen):
        return
    seen.setdefault("screen", time.time())
    view = screen.query_one("#text")
    # The text counts as shown once it is wrapped for the view's width, give or take the
    # 1-cell scrollbar (the view wraps at a provisional 8 columns before it has a size).
    if (view.display and view.current >= 0 and view._layout is not None
            and abs(view._layout.width - view._text_width()) <= 1):
        seen.setdefault("text", time.time())

async def drawn(pilot):
    while "text" not in seen:
        await pilot.pause(0.002)
    # Speech is set up right after the text frame: Space reads from here on.
    while getattr(pilot.app.screen, "session", None) is None:
        await pilot.pause(0.002)
    seen["speech"] = time.time()
    await pilot.pause()
    report(frame=seen["text"], screen=seen["screen"], speech=seen["speech"],
           settled=time.time())
    pilot.app.exit()

def patch(App):
    display, run = App._display, App.run

    def noted_display(self, screen, renderable):
        display(self, screen, renderable)
        if renderable is not None:
            on_frame(screen)

    def headless_run(self, *args, **kwargs):
        return run(self, headless=True, size=(80, 24), auto_pilot=drawn)

    App._display, App.run = noted_display, headless_run

class WhenTextualLoads:
    def find_spec(self, name, path=None, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        exec_module = spec.loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            patch(module.App)

        spec.loader.exec_module = exec_and_patch
        return spec

sys.meta_path.insert(0, WhenTextualLoads())
from alsreader.cli import main
main([sys.argv[1], "--player", "silent"])
"""

Sample = dict[str, float]


def _child(code: str, *args: str, home: Path, pycache: Path | None) -> Sample:
    """Run one child; return seconds from spawn to each of its moments, and RSS in MB."""
    env = {**os.environ, "ALSREADER_HOME": str(home)}
    env.pop("NO_COLOR", None)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.pop("PYTHONPYCACHEPREFIX", None)
    started = time.time()
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                            text=True, env=env, timeout=60, check=False)
    line = next((line for line in result.stderr.splitlines() if line.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"child failed: {result.stderr[-2000:]}")
    report = json.loads(line)
    sample = {key: value - started for key, value in report.items() if key != "rss"}
    sample["rss"] = report["rss"] / 1024
    return sample


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
        pycache = folder / "pycache"
        kinds: dict[str, tuple[str, tuple[str, ...], Path | None]] = {
            "bare": (_BARE, (), pycache),
            "widgets": (_WIDGETS, (), pycache),
            "overview": (_READER, (str(OVERVIEW),), pycache),
            "uncached": (_READER, (str(OVERVIEW),), None),
            "book": (_READER, (str(book),), pycache),
        }
        for name, (code, args, cache) in kinds.items():  # fill the caches, file and bytecode
            _child(code, *args, home=folder / f"warm-{name}", pycache=cache)
        samples: dict[str, list[Sample]] = {name: [] for name in kinds}
        for number in range(RUNS):  # interleaved, so drift hits every kind alike
            for name, (code, args, cache) in kinds.items():
                samples[name].append(
                    _child(code, *args, home=folder / f"{name}{number}", pycache=cache)
                )
        size_mb = book.stat().st_size / 1e6

    def median(name: str, moment: str = "frame") -> float:
        return statistics.median(sample[moment] for sample in samples[name])

    def spread(name: str, moment: str = "frame") -> str:
        values = [sample[moment] for sample in samples[name]]
        return f"{min(values):.3f}–{max(values):.3f}"

    def peak(name: str) -> float:
        return max(sample["rss"] for sample in samples[name])

    def verdict(ratio: float) -> str:
        return f"{ratio:.2f}x, {'met' if ratio <= 1.2 else 'MISSED'}"

    bare, overview, big = median("bare"), median("overview"), median("book")
    settled_bare, settled_overview = median("bare", "settled"), median("overview", "settled")
    extra = big - overview
    lines = [
        "## Reader start-up (bench_ui)\n",
        f"Wall time from spawning `python` to a drawn frame (headless, 80x24, silent player), "
        f"median of {RUNS} interleaved runs each (range in brackets); peak RSS is the largest "
        f"of the runs. *Frame*: when Textual hands the frame to the terminal driver; for the "
        f"reader, the first frame showing the document's text at the view's width (it first "
        f"draws \"Opening…\", then loads the document and builds the narrator in a worker). "
        f"*Settled*: the first idle moment after that frame (Textual's `pilot.pause()`, 20 ms "
        f"steps). Bytecode is cached, as in an installed alsreader, except in the row that "
        f"says otherwise. Book: {size_mb:.1f} MB of generated Markdown.\n",
        "| Measure | Result | Goal | |",
        "| :- | -: | :- | :- |",
        f"| Bare Textual app (one Static), first frame | {bare:.3f} s ({spread('bare')}) "
        f"| (reference) | |",
        f"| Textual app with the reader's number of widgets (informative), first frame "
        f"| {median('widgets'):.3f} s ({spread('widgets')}) | | "
        f"{median('widgets') / bare:.2f}x bare |",
        f"| Reader's first frame (\"Opening…\", overview loading) "
        f"| {median('overview', 'screen'):.3f} s ({spread('overview', 'screen')}) | | "
        f"{median('overview', 'screen') / bare:.2f}x bare |",
        f"| **Reader on the bundled overview, first frame with the text** "
        f"| {overview:.3f} s ({spread('overview')}) | ≤ 1.2x bare "
        f"| {verdict(overview / bare)} |",
        f"| Same, alsreader's modules compiled from source at each start "
        f"(`PYTHONDONTWRITEBYTECODE`, as in this development checkout) "
        f"| {median('uncached'):.3f} s ({spread('uncached')}) | | "
        f"{median('uncached') / bare:.2f}x bare |",
        f"| Settled: bare / reader on the overview | {settled_bare:.3f} / "
        f"{settled_overview:.3f} s | | {settled_overview / settled_bare:.2f}x |",
        f"| Reader on a {size_mb:.1f} MB book, first frame with the text | {big:.3f} s "
        f"({spread('book')}) | < overview + 0.5 s | +{extra:.3f} s, "
        f"{'met' if extra < 0.5 else 'MISSED'} |",
        f"| Peak RSS, bare / overview / book | {peak('bare'):.0f} / {peak('overview'):.0f} / "
        f"{peak('book'):.0f} MB | | |",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
