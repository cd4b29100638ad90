"""Start-up of the reader to its first drawn frame, beside a bare Textual app, and opening a
generated 3 MB book; each run in a fresh subprocess, with peak memory (RSS).

Goals (issue 4): the reader on the bundled overview within 1.2x a bare Textual app's
start-up in the same run; a 3 MB book less than 0.5 s more than the overview.

Two clocks per child. *Frame*: when Textual hands a finished frame to the terminal driver
(``App._display``, hooked in the child for the bare app and the reader alike); for the
reader, the first frame that shows the document's text wrapped to the view's width. The
reader is started as the ``alsreader`` command starts it (``alsreader.cli.main``), and its
child also notes when speech is set up (after the text frame: from then on Space reads) and
when each piece of start-up begins and ends, for the table of pieces.
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
RUNS = 11

# Each child prints one JSON line: when it drew the frames (time.time(), the parent's
# clock) and its peak RSS. The hook only notes the time; it draws nothing itself.
_REPORT = """
import json, resource, sys, time

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

_HOOK = _REPORT + """
from textual.app import App
imported = time.time()

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
"""

_BARE = _HOOK + """
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Hello")

async def drawn(pilot):
    await pilot.pause()
    report(frame=frames[0][0], settled=time.time(), textual=imported)
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
_READER = _REPORT + """
import importlib.util

seen = {}

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
           settled=time.time(), **{key: seen[key] for key in MOMENTS if key in seen})
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

def timed(name, function):
    # Notes when the wrapped function starts and ends (the document load, speech set-up).
    def noted(*args, **kwargs):
        seen.setdefault(name + " start", time.time())
        try:
            return function(*args, **kwargs)
        finally:
            seen.setdefault(name + " end", time.time())
    return noted

def wrap_loader(module):
    module.load_document = timed("load", module.load_document)

def wrap_services(module):
    cls = module.ReaderServices
    cls.open_session = timed("speech set-up", cls.open_session)

AFTER_IMPORT = {
    "textual.app": lambda module: patch(module.App),
    "alsreader.ui.app": None,
    "alsreader.ui.services": wrap_services,
    "alsreader.document.loader": wrap_loader,
    "alsreader.document.markdown": None,
}
MOMENTS = [f"{name} {moment}" for name in AFTER_IMPORT for moment in ("asked", "imported")] + [
    f"{name} {end}" for name in ("load", "speech set-up") for end in ("start", "end")]

class AfterImport:
    # Notes when a module is imported (and patches it) without importing anything first.
    def find_spec(self, name, path=None, target=None):
        if name not in AFTER_IMPORT or name + " asked" in seen:
            return None
        seen[name + " asked"] = time.time()  # and its own find_spec below passes over this
        spec = importlib.util.find_spec(name)
        exec_module = spec.loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            seen[name + " imported"] = time.time()
            if AFTER_IMPORT[name] is not None:
                AFTER_IMPORT[name](module)

        spec.loader.exec_module = exec_and_patch
        return spec

sys.meta_path.insert(0, AfterImport())
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
        f"draws \"Opening…\", then loads the document in a worker, shows it, and sets up "
        f"speech in the background). The reader starts as the `alsreader` command does "
        f"(`alsreader.cli.main`). "
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
        f"| After the text frame: speech set up, Space reads (overview / book) "
        f"| {median('overview', 'speech'):.3f} / {median('book', 'speech'):.3f} s | | |",
        "",
        *_pieces(samples["bare"], samples["overview"]),
        "",
        _WHY,
    ]
    return "\n".join(lines) + "\n"


_WHY = """\
What issue 16 moved or cut: speech set-up (the pronunciation rules, espeak, the player, the
narrator) runs after the first frame with the text, in the background, and what is pressed
before it is done (Space, a move) happens when it is (tests/functional/test_startup.py); the
cycle collector is held from the command's first line until the app starts running, and what
the imports built is then frozen (alsreader.startup): up to the settled overview it now runs
31 times for about 5 ms instead of 132 times, once over every object, for 60-90 ms (on this
busy machine; the book: 40 times, 55-87 ms, instead of 142, 130-198 ms); the text view has
its place from the first frame, so the text is wrapped once; imported only when used:
Textual's TextArea (about 10 ms), the library, help, settings and confirmation screens (5-11
ms), the narrator, synthesizer, engine and players (about 7 ms), PyYAML for Markdown front
matter, `statistics` for PDFs.
Before: 2.0x (0.264 s against 0.131 s, docs of 2026-11-27; main measured 2.0-2.1x in the same
runs as this branch on 2026-12-02).

Why 1.2x stays out of reach, piece by piece (the table above):

- *Python and Textual's core*: the same as the bare app's.
- *alsreader's modules*: about 45 modules, none more than a few milliseconds: the settings
  schema (every setting declared once, as dataclasses, which Python builds at import), the
  settings reader with PyYAML (the settings file decides the theme, keys, access mode and
  highlight of the very first frame, so it is read before it), the reading state, the
  reader screen and its widgets, the switch-access controller and scanner, the themes; and
  the Textual widgets the reader uses (a plain Textual app with the reader's number of
  widgets takes 1.1x the bare app by itself, the row above).
- *The first screen*: reading the settings file and the state file, building about 25
  widgets with their stylesheets, one frame. The bare app builds one Static.
- *The document*: its text must be the parsed text (no text is shown before it is real),
  so the Markdown parser is on the path: markdown-it-py compiles its rules' regular
  expressions when imported, spread over some 60 modules with none standing out; then
  reading, decoding, parsing and splitting sentences (about 10 ms for the overview).
- *The text frame*: the outline, wrapping the section, one frame.

Threads do not help here: every piece is Python holding the interpreter lock (a worker that
imports the parser while the first frame is built was measured: no gain on the overview, a
later first frame on the book)."""


_PIECES = [
    ("Python started, Textual's core imported (`textual.app`)", "", "textual.app imported",
     "", "textual"),
    ("alsreader's modules imported, with the Textual widgets they use",
     "textual.app imported", "alsreader.ui.app imported", "", ""),
    ("Settings and reading state read, the app and its first screen built and drawn "
     "(reader: \"Opening…\")", "alsreader.ui.app imported", "screen", "textual", "frame"),
    ("First frame to the document's worker starting", "screen", "load start", "", ""),
    ("Document loaded in the worker: the parser's import below, the other loader modules, "
     "reading, decoding, parsing, sentences", "load start", "load end", "", ""),
    ("Of which: the Markdown parser imported (markdown-it, its plugins)",
     "alsreader.document.markdown asked", "alsreader.document.markdown imported", "", ""),
    ("The text shown: outline, wrapping, the frame with the text", "load end", "frame", "", ""),
]
"""Each piece of start-up: its label and, for the reader then the bare app, the moments it
runs between ("" for the spawn; a bare piece with no moments is not in the bare app)."""


def _pieces(bare: list[Sample], reader: list[Sample]) -> list[str]:
    """The table of where the reader's start-up goes, beside the bare app's."""

    def piece(samples: list[Sample], start: str, end: str) -> float:
        return statistics.median(
            sample[end] - (sample[start] if start else 0.0) for sample in samples)

    lines = [
        "Where the time goes, on the overview: the median over the runs of each piece's "
        "duration within a run (so the pieces add up only roughly to the total).\n",
        "| Piece | Reader | Bare app |",
        "| :- | -: | -: |",
    ]
    for label, start, end, bare_start, bare_end in _PIECES:
        reader_ms = piece(reader, start, end) * 1000
        bare_ms = f"{piece(bare, bare_start, bare_end) * 1000:.0f} ms" if bare_end else "-"
        lines.append(f"| {label} | {reader_ms:.0f} ms | {bare_ms} |")
    lines += [
        f"| **First frame with the text** | **{piece(reader, '', 'frame') * 1000:.0f} ms** "
        f"| **{piece(bare, '', 'frame') * 1000:.0f} ms** |",
        f"| After it, in the background: speech set up (pronunciation rules, espeak, the "
        f"narrator); what is pressed before waits for it "
        f"| {piece(reader, 'speech set-up start', 'speech set-up end') * 1000:.0f} ms | - |",
    ]
    return lines


if __name__ == "__main__":
    print(run())
