"""Cost of saving the reading place (done on every sentence change) and of the settings file.

The reading place is written atomically with fsync on every sentence change, so the goal is
under 5 ms per write even with many documents remembered. Loading and saving the settings
file happen once at start and once per change in the settings screen.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from alsreader.config import load_settings, save_settings_values, write_default_config
from alsreader.document.model import Position
from alsreader.state import ReadingState

GOAL_MS = 5.0


def _times(action: Callable[[int], object], runs: int) -> list[float]:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def _row(name: str, times: list[float], goal: str) -> str:
    median = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    return f"| {name} | {median:.2f} | {p95:.2f} | {times[-1]:.2f} | {goal} |"


def run() -> str:
    """Measure and return a Markdown section with the table."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for documents in (1, 100):
            for durable in (True, False):
                state = ReadingState(root / f"state-{documents}-{durable}.json", durable=durable)
                for n in range(documents):
                    state.set_position(root / f"doc{n}.md", Position(n, 0), fraction=0.5,
                                       section_title=f"Section {n}")
                    state.add_bookmark(root / f"doc{n}.md", Position(n, 1), "a bookmark")
                book = root / "doc0.md"
                times = _times(
                    lambda i, s=state, b=book: s.set_position(b, Position(1, i), fraction=0.1),
                    300,
                )
                kind = "with fsync" if durable else "no fsync"
                rows.append(_row(f"set_position, {documents} documents, {kind}", times,
                                 f"< {GOAL_MS:g} ms" if durable else "-"))
        config = root / "config.yaml"
        write_default_config(config)
        rows.append(_row("load_settings (config init file)",
                         _times(lambda _i: load_settings(config), 50), "-"))
        rows.append(_row(
            "save_settings_values (2 values)",
            _times(lambda i: save_settings_values(
                config, {"voice.rate": 150 + i % 50, "access.scan_interval": 1.5}), 50),
            "-",
        ))
    lines = [
        "## Reading state and settings file\n",
        "Milliseconds per call on the local disk (atomic write: temp file, fsync, rename, "
        "fsync of the folder).\n",
        "| Operation | median ms | p95 ms | max ms | goal |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
