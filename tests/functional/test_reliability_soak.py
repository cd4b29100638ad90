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
from dataclasses import dataclass
from pathlib import Path

import pytest

from alsreader.document.model import Document, Paragraph, ParagraphKind, Section, Sentence
from alsreader.speech.events import DocumentFinished, SentenceStarted, SpeechError, SpeechState
from alsreader.speech.narrator import Narrator, Pauses
from alsreader.speech.synthesizer import Clip, Synthesizer, Voice
from fixtures_audio import EventLog

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


@dataclass(frozen=True, eq=False)
class Sample:
    """Resources in use after ``sentences`` sentences had started."""

    sentences: int
    rss_kb: int
    traced_kb: int
    threads: int
    open_files: int
    clip_files: int
    snapshot: tracemalloc.Snapshot | None = None


def rss_kb() -> int:
    """Resident memory of this process (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def take_sample(sentences: int, clip_dir: Path) -> Sample:
    """Measure now (after a full collection, so only what is really kept counts)."""
    gc.collect()
    snapshot = None
    traced = 0
    if tracemalloc.is_tracing():
        # The snapshots themselves are traced: leave tracemalloc's own memory out.
        snapshot = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(False, tracemalloc.__file__)]
        )
        traced = sum(stat.size for stat in snapshot.statistics("filename")) // 1024
    return Sample(
        sentences,
        rss_kb(),
        traced,
        threading.active_count(),
        len(os.listdir("/proc/self/fd")),
        sum(1 for _ in clip_dir.iterdir()) if clip_dir.exists() else 0,
        snapshot,
    )


def soak(total: int, early: int, clip_root: Path) -> tuple[Sample, Sample, float, Narrator]:
    """Read ``total`` sentences; sample after ``early`` and at the end."""
    log = EventLog()
    samples: dict[int, Sample] = {}
    reached = threading.Event()
    synthesizer = Synthesizer(clip_root)
    device = InstantDevice()
    started_count = 0

    def listener(event: object) -> None:
        nonlocal started_count
        if isinstance(event, SentenceStarted):
            started_count += 1
            if started_count == early:
                samples[early] = take_sample(early, synthesizer.clip_dir)
                reached.set()
        elif isinstance(event, SpeechError | DocumentFinished):
            log(event)  # type: ignore[arg-type]

    narrator = Narrator(soak_document(total), synthesizer=synthesizer, player=device,
                        voice=FAST, pauses=NO_PAUSES, listener=listener)
    begin = time.perf_counter()
    narrator.play()
    log.wait_for(lambda e: isinstance(e, DocumentFinished), timeout=total * 0.2 + 30)
    elapsed = time.perf_counter() - begin
    assert narrator.wait_idle(10)
    time.sleep(0.2)  # the last clip's on_done thread ends
    last = take_sample(started_count, synthesizer.clip_dir)
    assert reached.is_set()
    assert log.of(SpeechError) == []
    assert started_count == total
    assert device.played == total
    assert narrator.state is SpeechState.STOPPED
    return samples[early], last, elapsed, narrator


def check_flat(first: Sample, last: Sample, *, rss_slack_kb: int, traced_slack_kb: int) -> None:
    """The resources after many more sentences are what they were after the first ones."""
    assert last.rss_kb - first.rss_kb < rss_slack_kb, (first, last)
    if first.traced_kb:
        assert last.traced_kb - first.traced_kb < traced_slack_kb, (first, last)
    assert last.threads <= first.threads + 1, (first, last)
    assert last.open_files <= first.open_files + 1, (first, last)
    # The clip being prefetched (at most PREFETCH + 1) may still be on disk; nothing piles up.
    assert last.clip_files <= 4, (first, last)
    assert first.clip_files <= 4, (first, last)


def _report(label: str, first: Sample, last: Sample, elapsed: float) -> None:
    print(f"\n{label}: {last.sentences} sentences in {elapsed:.1f} s "
          f"({last.sentences / elapsed:.0f}/s)")
    for sample in (first, last):
        print(f"  after {sample.sentences:>6}: rss {sample.rss_kb} kB, traced "
              f"{sample.traced_kb} kB, threads {sample.threads}, fds {sample.open_files}, "
              f"clip files {sample.clip_files}")
    if first.snapshot is not None and last.snapshot is not None:
        for stat in last.snapshot.compare_to(first.snapshot, "lineno")[:5]:
            print(f"  growth: {stat}")


def test_three_hundred_sentences_leave_nothing_behind(tmp_path: Path) -> None:
    tracemalloc.start()
    try:
        first, last, elapsed, narrator = soak(300, 100, tmp_path / "clips")
    finally:
        tracemalloc.stop()
    clip_dir = narrator._synth.clip_dir if narrator._synth is not None else None
    narrator.close()
    _report("short soak", first, last, elapsed)
    check_flat(first, last, rss_slack_kb=6_000, traced_slack_kb=1_500)
    # Closing removes the session's clip folder: no temporary files outlive the reader.
    assert clip_dir is not None
    assert not clip_dir.exists()
    assert list((tmp_path / "clips").iterdir()) == []


@pytest.mark.slow
def test_ten_thousand_sentences_stay_flat(tmp_path: Path) -> None:
    tracemalloc.start()
    try:
        first, last, elapsed, narrator = soak(10_000, 1_000, tmp_path / "clips")
    finally:
        tracemalloc.stop()
    narrator.close()
    _report("long soak", first, last, elapsed)
    check_flat(first, last, rss_slack_kb=8_000, traced_slack_kb=2_000)
    assert list((tmp_path / "clips").iterdir()) == []
