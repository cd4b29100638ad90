"""Speech: how fast reading starts, stops and flows, heard through a headless PulseAudio.

Everything is measured on what actually sounded: a private PulseAudio with a null sink plays
in real time, and ``parec`` records its monitor (``alsreader.speech.nullsink``, shared with
the tests). Times are ``perf_counter`` differences between a command and the recorded sound,
so they include the player, the sound server and a few ms of capture latency.
"""

from __future__ import annotations

import array
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import wave
from pathlib import Path

import compare_players

from alsreader.document.model import Document, Paragraph, ParagraphKind, Position, Section, Sentence
from alsreader.speech.events import NarratorEvent, SentenceFinished, SentenceStarted, WordStarted
from alsreader.speech.narrator import Narrator, Pauses
from alsreader.speech.nullsink import MonitorRecorder, NullSinkServer
from alsreader.speech.player import make_player
from alsreader.speech.synthesizer import Synthesizer, Voice

TRIALS = 20
VOICE = Voice(rate=175)
SENTENCES = [
    "The library was quiet in the early afternoon, and the light fell across the tables.",
    "She opened the book at the place where she had stopped the day before.",
    "Every page seemed to remember her, as if it had been waiting all night.",
    "Outside, a bus went past and the windows trembled for a moment.",
    "Reading aloud, the voice kept a steady pace that was easy to follow.",
    "When she paused, the room was silent again, and nothing was lost.",
    "Later the chapter turned to the sea, to boats and long summer evenings.",
    "Her brother had sailed there once, and he still told the story often.",
]


def _document(paragraphs: int, per_paragraph: int) -> Document:
    text_parts: list[str] = []
    paras: list[Paragraph] = []
    offset = 0
    k = 0
    for p in range(paragraphs):
        sentences = []
        start = offset
        for _ in range(per_paragraph):
            s = SENTENCES[k % len(SENTENCES)]
            k += 1
            sentences.append(Sentence(s, offset, offset + len(s), p))
            text_parts.append(s + " ")
            offset += len(s) + 1
        paras.append(Paragraph(ParagraphKind.TEXT, start, offset, sentences))
    return Document("Bench", [Section("Bench", 1, "".join(text_parts), paras)])


class _Events:
    def __init__(self) -> None:
        self.items: list[tuple[float, NarratorEvent]] = []
        self.cond = threading.Condition()

    def __call__(self, event: NarratorEvent) -> None:
        with self.cond:
            self.items.append((time.perf_counter(), event))
            self.cond.notify_all()

    def wait(self, kind: type[NarratorEvent], count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        with self.cond:
            while sum(isinstance(e, kind) for _, e in self.items) < count:
                waited = self.cond.wait(max(deadline - time.monotonic(), 0.01))
                if not waited and time.monotonic() > deadline:
                    raise TimeoutError(kind.__name__)


def _ms(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"{statistics.median(values) * 1000:.0f} ms"


def _sizes(lags: list[float]) -> list[float]:
    """How far off each word's mark was, early or late."""
    return [abs(lag) for lag in lags]


def _spread(values: list[float]) -> str:
    if not values:
        return ""
    ordered = sorted(values)
    p90 = ordered[min(int(len(ordered) * 0.9), len(ordered) - 1)]
    return f"{min(values) * 1000:.0f} / {p90 * 1000:.0f} / {max(values) * 1000:.0f}"


def _edge_silence(clip_path: Path, threshold: int) -> tuple[float, float]:
    with wave.open(str(clip_path)) as reader:
        rate = reader.getframerate()
        data = array.array("h", reader.readframes(reader.getnframes()))
    loud = [i for i, v in enumerate(data) if abs(v) > threshold]
    if not loud:
        return 0.0, 0.0
    return loud[0] / rate, (len(data) - loud[-1] - 1) / rate


def _play_and_pause(
    recorder: MonitorRecorder, player_name: str, figures: dict[str, list[float]], prefix: str
) -> None:
    """TRIALS times: paused on a prepared sentence, play; 0.9 s later, pause."""
    events = _Events()
    document = _document(paragraphs=6, per_paragraph=5)
    narrator = Narrator(
        document, synthesizer=Synthesizer(), player=make_player(player_name), voice=VOICE,
        pauses=Pauses(0, 0, 0), listener=events,
    )
    try:
        narrator.wait_idle()
        time.sleep(0.5)
        count = len(document.sections[0].sentences)
        for trial in range(TRIALS):
            # Paused on a sentence (its clip prepared when the place moved), then "play".
            narrator.goto(Position(0, (trial * 7) % count), play=False)
            narrator.wait_idle()
            time.sleep(0.25)
            asked = time.perf_counter()
            narrator.play()
            time.sleep(0.9)
            paused = time.perf_counter()
            narrator.pause()
            time.sleep(0.5)
            recorder.wait_until(time.perf_counter())
            onset = recorder.first_sound_after(asked)
            if onset is not None:
                figures[prefix + "first"].append(onset - asked)
            quiet = recorder.silent_from(paused, min_silence_s=0.3)
            if quiet is not None:
                figures[prefix + "pause"].append(max(quiet - paused, 0.0))
        if prefix:
            return
        for trial in range(6):
            # A jump to a place nothing was prepared for: synthesis is on the clock too.
            narrator.goto(Position(0, (trial * 11 + 3) % count), play=False)
            narrator.wait_idle()
            time.sleep(0.3)
            narrator.stop()
            narrator.wait_idle()
            target = Position(0, (trial * 11 + 17) % count)
            asked = time.perf_counter()
            narrator.goto(target, play=True)
            time.sleep(0.7)
            narrator.pause()
            time.sleep(0.3)
            recorder.wait_until(time.perf_counter())
            onset = recorder.first_sound_after(asked)
            if onset is not None:
                figures["cold"].append(onset - asked)
    finally:
        narrator.close()


def _word_lags(recorder: MonitorRecorder, player_name: str) -> list[float]:
    """A section of 10 sentences read with the word highlight: for every word, when its
    event reached the listener less when its audio was heard (the clip's first sample in
    the recording plus the word's offset in a copy of the clip synthesized again)."""
    document = _document(paragraphs=2, per_paragraph=5)
    sentences = document.sections[0].sentences
    with tempfile.TemporaryDirectory() as tmp, Synthesizer(Path(tmp)) as synth:
        references = []
        for sentence in sentences:
            clip = synth.synthesize(sentence.text, VOICE).result(30)
            references.append((recorder.leading_silence(clip), [w.offset_s for w in clip.words]))
    events = _Events()
    # A pause before each sentence keeps its first sound apart from the one before.
    narrator = Narrator(
        document, synthesizer=Synthesizer(), player=make_player(player_name), voice=VOICE,
        pauses=Pauses(250, 250, 250), listener=events,
    )
    lags: list[float] = []
    try:
        narrator.wait_idle()
        time.sleep(0.5)
        narrator.play(Position(0, 0))
        events.wait(SentenceFinished, len(sentences), timeout=120)
        recorder.wait_until(time.perf_counter() + 0.2)
        started = {e.position.sentence: t for t, e in events.items
                   if isinstance(e, SentenceStarted)}
        for index, (lead, offsets) in enumerate(references):
            words = [t for t, e in events.items
                     if isinstance(e, WordStarted) and e.position.sentence == index]
            onset = recorder.first_sound_after(started[index] - 0.03)
            if onset is None or len(words) != len(offsets):
                continue
            lags += [arrived - (onset - lead + offset) for arrived, offset in zip(
                words, offsets, strict=True)]
    finally:
        narrator.close()
    return lags


def _narrator_figures(recorder: MonitorRecorder) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {
        key: [] for key in ("first", "cold", "pause", "kill", "gap", "pa_first", "pa_pause")
    }
    _play_and_pause(recorder, "pacat", figures, "")
    _play_and_pause(recorder, "paplay", figures, "pa_")
    figures["word"] = _word_lags(recorder, "pacat")
    figures["pa_word"] = _word_lags(recorder, "paplay")

    # Gaps: read 10 sentences with no configured pause; compare the silence heard at each
    # sentence boundary with the silence already inside the two clips.
    events = _Events()
    gap_doc = _document(paragraphs=1, per_paragraph=10)
    sentences = gap_doc.sections[0].sentences
    with tempfile.TemporaryDirectory() as tmp, Synthesizer(Path(tmp)) as synth:
        edges = [
            _edge_silence(synth.synthesize(s.text, VOICE).result(30).path, recorder.threshold)
            for s in sentences
        ]
    narrator = Narrator(
        gap_doc, synthesizer=Synthesizer(), player=make_player("pacat"), voice=VOICE,
        pauses=Pauses(0, 0, 0), listener=events,
    )
    try:
        narrator.wait_idle()
        time.sleep(0.5)
        narrator.play()
        events.wait(SentenceFinished, len(sentences), timeout=120)
        recorder.wait_until(time.perf_counter() + 0.2)
        finished = [t for t, e in events.items if isinstance(e, SentenceFinished)]
        for k in range(len(sentences) - 1):
            spans = recorder.sound_spans(finished[k] - 1.0, finished[k] + 1.0, min_gap_s=0.02)
            # The boundary is the silence that contains the moment the player reported done.
            before = [s for s in spans if s.start < finished[k]]
            after = [s for s in spans if s.start >= finished[k]]
            if not before or not after:
                continue
            heard_gap = after[0].start - before[-1].end
            built_in = edges[k][1] + edges[k + 1][0]
            figures["gap"].append(max(heard_gap - built_in, 0.0))
    finally:
        narrator.close()

    # The player's own stop: killing the process.
    with tempfile.TemporaryDirectory() as tmp, Synthesizer(Path(tmp)) as synth:
        clip = synth.synthesize(SENTENCES[0], VOICE).result(30)
        player = make_player("pacat")
        for _ in range(10):
            player.play(clip, lambda: None)
            time.sleep(0.2)
            began = time.perf_counter()
            player.stop()
            figures["kill"].append(time.perf_counter() - began)
        player.close()
    return figures


_BASELINE = textwrap.dedent(
    """
    import sys, threading, time
    from alsreader.speech.engine import find_engine, create_engine
    engine = create_engine(find_engine())
    text = open(sys.argv[1], encoding="utf-8").read()
    def stop_later():
        time.sleep(float(sys.argv[2]))
        print("STOP", time.perf_counter(), flush=True)
        engine.stop()
        print("STOPPED", time.perf_counter(), flush=True)
    print("SAY", time.perf_counter(), flush=True)
    threading.Thread(target=stop_later, daemon=True).start()
    engine.say(text)
    engine.runAndWait()
    print("RETURNED", time.perf_counter(), flush=True)
    time.sleep(3600)
    """
)


def _baseline(server: NullSinkServer, recorder: MonitorRecorder) -> dict[str, float | str]:
    """pyttsx3's own way: say(section) then runAndWait(), in a child process.

    pyttsx3 2.99 plays through ``os.system("aplay ...")``; aplay (ALSA) cannot reach the
    null sink here, so a stand-in ``aplay`` on PATH runs ``paplay`` on the same file.
    """
    words = 0
    parts = []
    k = 0
    while words < 2000:
        parts.append(SENTENCES[k % len(SENTENCES)])
        words += len(SENTENCES[k % len(SENTENCES)].split())
        k += 1
    result: dict[str, float | str] = {"words": float(words)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text_file = folder / "section.txt"
        text_file.write_text(" ".join(parts), encoding="utf-8")
        shim = folder / "aplay"
        paplay = shutil.which("paplay") or "paplay"
        shim.write_text(f'#!/bin/sh\nexec {paplay} "$1"\n', encoding="utf-8")
        shim.chmod(0o755)
        script = folder / "baseline.py"
        script.write_text(_BASELINE, encoding="utf-8")
        env = {**os.environ, **server.env(), "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}
        stop_after = 30.0  # seconds after "say": long after synthesis, while it plays
        process = subprocess.Popen(
            [sys.executable, str(script), str(text_file), str(stop_after)],
            env=env, stdout=subprocess.PIPE, text=True, start_new_session=True,
        )
        marks: dict[str, float] = {}
        try:
            assert process.stdout is not None
            deadline = time.monotonic() + stop_after + 20
            while "STOP" not in marks and time.monotonic() < deadline:
                line = process.stdout.readline()
                if not line:
                    break
                name, _, value = line.partition(" ")
                marks[name] = float(value)
            observe = 10.0
            time.sleep(observe)
            recorder.wait_until(time.perf_counter())
            if "SAY" in marks:
                onset = recorder.first_sound_after(marks["SAY"])
                if onset is not None:
                    result["first"] = onset - marks["SAY"]
            if "STOP" in marks:
                quiet = recorder.silent_from(marks["STOP"], min_silence_s=0.5)
                result["stop"] = (
                    max(quiet - marks["STOP"], 0.0) if quiet is not None
                    else f"still speaking {observe:.0f} s later"
                )
        finally:
            os.killpg(process.pid, 9)
            process.wait()
    return result


def run() -> str:
    """Measure and return the Markdown section."""
    server = NullSinkServer().start()
    try:
        with server.activated(), MonitorRecorder(server, keep_s=180) as recorder:
            time.sleep(0.3)
            figures = _narrator_figures(recorder)
            players = compare_players.compare(recorder)
            resolution = recorder.resolution()
            baseline = _baseline(server, recorder)
    finally:
        server.stop()

    def base(key: str) -> str:
        value = baseline.get(key)
        if isinstance(value, float):
            return f"{value * 1000:.0f} ms"
        return str(value) if value is not None else "n/a"

    rows = [
        ("Play command to first audible sample (paused on a sentence)", "<= 40 ms",
         _ms(figures["first"]), _spread(figures["first"]), len(figures["first"]), base("first")),
        ("Same, with the `paplay` player (one process per sentence)", "<= 40 ms",
         _ms(figures["pa_first"]), _spread(figures["pa_first"]), len(figures["pa_first"]), "-"),
        ("Jump to an unprepared sentence to first audible sample", "-",
         _ms(figures["cold"]), _spread(figures["cold"]), len(figures["cold"]), "-"),
        ("Pause command to silence", "<= 50 ms", _ms(figures["pause"]),
         _spread(figures["pause"]), len(figures["pause"]), base("stop")),
        ("Pause command to silence, `paplay` player", "<= 50 ms", _ms(figures["pa_pause"]),
         _spread(figures["pa_pause"]), len(figures["pa_pause"]), "-"),
        ("Silent gap between sentences beyond the configured pause (0 ms)", "<= 80 ms",
         _ms(figures["gap"]), _spread(figures["gap"]), len(figures["gap"]), "-"),
        ("Player.stop() call (kill the player process)", "< 2 ms", _ms(figures["kill"]),
         _spread(figures["kill"]), len(figures["kill"]), "-"),
        ("Word highlight lag (word event to the word heard), over a section", "<= 30 ms "
         "(max <= 60)", _ms(_sizes(figures["word"])), _spread(_sizes(figures["word"])),
         len(figures["word"]), "none: all its word events come while synthesizing"),
        ("Same, `paplay` player", "<= 30 ms (max <= 60)", _ms(_sizes(figures["pa_word"])),
         _spread(_sizes(figures["pa_word"])), len(figures["pa_word"]), "-"),
    ]
    lines = [
        "## Speech (bench_speech.py)\n",
        "Heard through a private headless PulseAudio null sink, recorded from its monitor "
        "with parec (capture latency included, a few ms). Narrator with the `pacat` player "
        f"(kept warm), espeak-ng from espeakng-loader, {VOICE.rate} words per minute. "
        f"Baseline: plain pyttsx3 `say(section)` + `runAndWait()` on a "
        f"{int(float(baseline['words']))}-word section (one run; pyttsx3 plays via `aplay`, "
        "replaced here by a stand-in that runs `paplay` on the same file; its stop is "
        "`engine.stop()` from another thread 30 s after `say`). "
        f"Timing resolution of the recording: about {resolution * 1000:.0f} ms (spread of "
        "its clock estimates; the null sink renders in blocks), so figures below that are "
        "\"too small to tell apart\", and a slightly negative one (shown as -0) is jitter. "
        "Word highlight lag: how far (early or late) each word's event reached the listener "
        "from the moment its audio was heard, for every word of a 10-sentence section; "
        f"signed median {_ms(figures['word'])}, earliest {_ms([min(figures['word'], default=0)])}"
        f", latest {_ms([max(figures['word'], default=0)])} (negative: marked before heard).\n",
        "| Measure | Goal | alsreader (median) | min / p90 / max | n | plain pyttsx3 |",
        "|---|---|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} | {e} | {f} |" for a, b, c, d, e, f in rows]
    lines += [
        "",
        "### When a clip is heard: the players compared (compare_players.py)\n",
        "The word highlight is timed from the moment a clip's first sample is heard. Neither "
        "pacat nor paplay reports its position, so `started_at()` is the moment the clip was "
        "handed over; miniaudio (a device kept running, fed the clip in its callback) is timed "
        "from the callback that took the first sample plus one period. Per player, "
        f"{compare_players.TRIALS} times one sentence: `play()` to the first sample heard, "
        "`started_at()` less that moment, and `stop()` to silence. The narrator keeps "
        "pacat (the first choice of \"auto\"): miniaudio started and stopped later than "
        "either external player in every run here, and its time is no closer.\n",
        players,
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(run())
