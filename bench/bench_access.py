"""Cost of switch scanning in the running app: what the ~50 ms access timer spends per tick.

The app runs headless (Pilot) on the silent player with a fake clock; each figure is the
median of many calls of ``AccessController.tick()`` on the reader screen in one-switch mode:
a tick where nothing changes (the common case, 20 times a second), a tick that moves the
highlight (with its repaint marks), and re-targeting after the outline changed, for a short
book and a 1,500-section one (whose outline is scanned in nested blocks).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

SIZES = (5, 1500)
"""Sections in the generated books."""
CALLS = 200


def _book(folder: Path, sections: int) -> Path:
    path = folder / f"book-{sections}.md"
    parts = [f"# Book of {sections}\n"]
    for number in range(1, sections + 1):
        parts.append(f"## Part {number}\n\nThe first sentence of part {number}. A second one.\n")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def _median_us(samples: list[float]) -> float:
    return statistics.median(samples) * 1e6


async def _measure(path: Path) -> tuple[float, float, float, int]:
    from alsreader.access import FakeClock
    from alsreader.config import Settings
    from alsreader.ui.app import make_app
    from alsreader.ui.screens.reader import ReaderScreen

    clock = FakeClock()
    settings = Settings()
    app = make_app(path, settings=settings, player="silent", access="one-switch", clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, ReaderScreen) and app.screen.session is not None):
            await pilot.pause(0.01)
        await pilot.pause(0.2)
        access = app.access
        access.tick()
        idle: list[float] = []
        for _ in range(CALLS):
            start = time.perf_counter()
            access.tick()
            idle.append(time.perf_counter() - start)
        moves: list[float] = []
        for _ in range(CALLS // 4):
            due = access.scanner.next_move_at or clock.now()
            clock.set(max(due, clock.now()) + 0.001)
            start = time.perf_counter()
            access.tick()
            moves.append(time.perf_counter() - start)
            await pilot.pause(0)
        retarget: list[float] = []
        for _ in range(10):
            access._signature = ()  # as if the outline had changed
            start = time.perf_counter()
            access.tick()
            retarget.append(time.perf_counter() - start)
        return _median_us(idle), _median_us(moves), _median_us(retarget), len(access.targets)


def run() -> str:
    """Measure and return the Markdown section."""
    rows = ["| Book | Scan targets | Idle tick | Tick that moves the highlight | Re-target |",
            "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as folder:
        import os

        os.environ.setdefault("ALSREADER_HOME", str(Path(folder) / "home"))
        for sections in SIZES:
            idle, move, retarget, targets = asyncio.run(_measure(_book(Path(folder), sections)))
            rows.append(f"| {sections} sections | {targets} | {idle:.0f} µs | {move:.0f} µs | "
                        f"{retarget / 1000:.2f} ms |")
    return ("## Switch access: cost per timer tick\n\n"
            "Median of AccessController.tick() on the reader in one-switch mode (the timer "
            "calls it every 50 ms).\n\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    print(run())
