"""Long use: the narrator reads thousands of sentences with real espeak-ng synthesis, and
memory, threads, open files and clip files stay flat.

The only fake is the sound device: ``InstantDevice`` reads every clip's samples (so each clip
is a real, complete WAV) and reports the end at once instead of after the clip's duration, so
10,000 sentences take minutes, not hours. Everything else (pyttsx3, espeak-ng, the narrator's
prefetch, generations and clip deletion) is the real code. Figures are written to
``docs/reliability.md`` by hand from a ``make soak`` run; ``-s`` prints them.
"""

from __future__ import annotations

import gc
import os
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from alsreader.document.model import Document, Paragraph, ParagraphKind, Section, Sentence
from alsreader.speech.events import DocumentFinished, SentenceStarted, SpeechError, SpeechState
from alsreader.speech.narrator import Narrator, Pauses
from alsreader.speech.synthesizer import Clip, Synthesizer, Voice
from fixtures_audio import EventLog

# When an earlier test made pyttsx3 fail to write a clip, its half-made wave writer is freed
# only when that engine is replaced, here; the writer's __del__ then complains harmlessly.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Exception ignored in. <function Wave_write.__del__"
    ":pytest.PytestUnraisableExceptionWarning"
)

FAST = Voice(rate=450)
NO_PAUSES = Pauses(0, 0, 0)
WORDS = ("river", "lantern", "garden", "morning", "quiet", "window", "letter", "harbour")


class InstantDevice:
    """A sound device that plays instantly: reads the clip's samples, reports the end at once.

    It calls ``on_done`` from its own short-lived thread, as the real players do.
    """

    name = "instant"

    def __init__(self) -> None:
        self.played = 0
        self.samples = 0

    def play(self, clip: Clip, on_done: Callable[[], None],
             on_error: Callable[[str], None] | None = None) -> None:
        """Read the clip whole and report it played."""
        self.samples += len(clip.frames()) // 2
        self.played += 1
        threading.Thread(target=on_done, daemon=True).start()

    def stop(self) -> None:
        """Nothing sounds, so nothing to silence."""

    def started_at(self) -> float | None:
        """Nothing is heard, so no word is either."""
        return None

    def close(self) -> None:
        """Nothing to release."""


def soak_document(sentences: int, per_section: int = 50) -> Document:
    """A document of ``sentences`` short, different sentences, ``per_section`` to a section."""
    tree: list[Section] = []
    made = 0
    while made < sentences:
        count = min(per_section, sentences - made)
        parts: list[str] = []
        spans: list[Sentence] = []
        offset = 0
        for i in range(count):
            n = made + i
            text = f"Sentence {n} of the {WORDS[n % 8]} and the {WORDS[(n // 8) % 8]}."
            if parts:
                offset += 1
            spans.append(Sentence(text, offset, offset + len(text), 0))
            parts.append(text)
            offset += len(text)
        body = " ".join(parts)
        paragraph = Paragraph(ParagraphKind.TEXT, 0, len(body), spans)
        tree.append(Section(f"Part {len(tree) + 1}", 1, body, [paragraph]))
        made += count
    return Document("Soak", tree)


@dataclass(frozen=True)
class Sample:
    """Resources in use after ``sentences`` sentences had started."""

    sentences: int
    rss_kb: int
    traced_kb: int
    threads: int
    open_files: int
    clip_files: int
    sizes: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Traced bytes by source line (for finding what grew)."""


def rss_kb() -> int:
    """Resident memory of this process (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def take_sample(sentences: int, clip_dir: Path, detail: bool) -> Sample:
    """Measure now (after a full collection, so only what is really kept counts).

    ``detail`` also records traced memory by source line; the snapshot that takes is big
    and raises the process's resident memory for good, so the long soak goes without it.
    """
    gc.collect()
    resident = rss_kb()  # before any snapshot
    sizes: dict[str, int] = {}
    traced = tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else 0
    if detail and tracemalloc.is_tracing():
        # The snapshot is traced too: leave tracemalloc's own memory out, keep only sums.
        snapshot = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, tracemalloc.__file__)]
        )
        sizes = {str(stat.traceback): stat.size for stat in snapshot.statistics("lineno")}
        traced = sum(sizes.values())
        del snapshot
    return Sample(
        sentences,
        resident,
        traced // 1024,
        threading.active_count(),
        len(os.listdir("/proc/self/fd")),
        sum(1 for _ in clip_dir.iterdir()) if clip_dir.exists() else 0,
        sizes,
    )


def soak(total: int, marks: tuple[int, ...], clip_root: Path,
         detail: bool = False) -> tuple[list[Sample], float]:
    """Read ``total`` sentences; sample after each of ``marks`` sentences and at the end."""
    log = EventLog()
    samples: list[Sample] = []
    synthesizer = Synthesizer(clip_root)
    device = InstantDevice()
    started_count = 0

    def listener(event: object) -> None:
        nonlocal started_count
        if isinstance(event, SentenceStarted):
            started_count += 1
            if started_count in marks:
                samples.append(take_sample(started_count, synthesizer.clip_dir, detail))
        elif isinstance(event, SpeechError | DocumentFinished):
            log(event)  # type: ignore[arg-type]

    narrator = Narrator(soak_document(total), synthesizer=synthesizer, player=device,
                        voice=FAST, pauses=NO_PAUSES, listener=listener)
    try:
        begin = time.perf_counter()
        narrator.play()
        log.wait_for(lambda e: isinstance(e, DocumentFinished), timeout=total * 0.2 + 30)
        elapsed = time.perf_counter() - begin
        assert narrator.wait_idle(10)
        time.sleep(0.2)  # the last clip's on_done thread ends
        samples.append(take_sample(started_count, synthesizer.clip_dir, detail))
        assert len(samples) == len(marks) + 1
        assert log.of(SpeechError) == []
        assert started_count == total
        assert device.played == total
        assert narrator.state is SpeechState.STOPPED
    finally:
        narrator.close()
    # Closing removes the session's clip folder: no temporary files outlive the reader.
    assert not synthesizer.clip_dir.exists()
    assert list(clip_root.iterdir()) == []
    return samples, elapsed


def check_flat(first: Sample, last: Sample, *, rss_slack_kb: int, traced_slack_kb: int) -> None:
    """The resources after many more sentences are what they were after the first ones."""
    assert last.rss_kb - first.rss_kb < rss_slack_kb, (first, last)
    if first.traced_kb:
        assert last.traced_kb - first.traced_kb < traced_slack_kb, (first, last)
    # A little slack: earlier tests' threads and files may still be ending. A leak would
    # show as hundreds here (one per sentence).
    assert last.threads <= first.threads + 3, (first, last)
    assert last.open_files <= first.open_files + 3, (first, last)
    # The clip being prefetched (at most PREFETCH + 1) may still be on disk; nothing piles up.
    assert last.clip_files <= 4, (first, last)
    assert first.clip_files <= 4, (first, last)


def _report(label: str, samples: list[Sample], elapsed: float) -> None:
    last = samples[-1]
    print(f"\n{label}: {last.sentences} sentences in {elapsed:.1f} s "
          f"({last.sentences / elapsed:.0f}/s)")
    for sample in samples:
        print(f"  after {sample.sentences:>6}: rss {sample.rss_kb} kB, traced "
              f"{sample.traced_kb} kB, threads {sample.threads}, fds {sample.open_files}, "
              f"clip files {sample.clip_files}")
    first = samples[0]
    grown = sorted(((size - first.sizes.get(line, 0), line) for line, size in last.sizes.items()),
                   reverse=True)[:3]
    for growth, line in grown:
        print(f"  grew {growth // 1024:+} kB at {line}")


def test_three_hundred_sentences_leave_nothing_behind(tmp_path: Path) -> None:
    tracemalloc.start()
    try:
        samples, elapsed = soak(300, (100,), tmp_path / "clips", detail=True)
    finally:
        tracemalloc.stop()
    _report("short soak", samples, elapsed)
    check_flat(samples[0], samples[-1], rss_slack_kb=6_000, traced_slack_kb=1_500)


@pytest.mark.slow
def test_ten_thousand_sentences_stay_flat(tmp_path: Path) -> None:
    tracemalloc.start()
    try:
        samples, elapsed = soak(10_000, (1_000, 5_000), tmp_path / "clips")
    finally:
        tracemalloc.stop()
    _report("long soak", samples, elapsed)
    # CPython's table of interned strings (every clip's file name passes through
    # pathlib's sys.intern) resizes once in a while: a step of up to about 2 MB, not a slope.
    check_flat(samples[0], samples[-1], rss_slack_kb=8_000, traced_slack_kb=3_000)
    check_flat(samples[1], samples[-1], rss_slack_kb=6_000, traced_slack_kb=3_000)
