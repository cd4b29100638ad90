"""``alsreader voices``, ``alsreader say TEXT`` and ``alsreader export PATH -o out.wav``.

Tools for the caregiver: see which voices exist, hear a voice and pace, and write a document
(or one section) to a single WAV file to listen to elsewhere.
"""

from __future__ import annotations

import argparse
import io
import sys
import threading
import wave
from pathlib import Path

from alsreader.atomic import atomic_write_bytes
from alsreader.speech.engine import SpeechUnavailable
from alsreader.speech.narrator import Pauses
from alsreader.speech.player import PLAYER_NAMES, make_player
from alsreader.speech.synthesizer import MAX_RATE, MIN_RATE, Synthesizer, Voice


def _rate(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not MIN_RATE <= value <= MAX_RATE:
        raise argparse.ArgumentTypeError(f"choose a rate from {MIN_RATE} to {MAX_RATE}")
    return value


def _volume(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("choose a volume from 0 to 1")
    return value


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Add the options of subcommand ``name``."""
    if name == "say":
        parser.add_argument("text", nargs="+", help="the words to speak")
    if name == "export":
        parser.add_argument("path", help="the document to read")
        parser.add_argument("-o", "--output", required=True, metavar="OUT.wav",
                            help="the WAV file to write")
        parser.add_argument("--section", type=int, metavar="N",
                            help="only section N (numbered from 1, as `alsreader outline` counts)")
    if name in ("say", "export"):
        parser.add_argument("--rate", type=_rate, default=175,
                            help=f"words per minute ({MIN_RATE}-{MAX_RATE}; default 175)")
        parser.add_argument("--voice", metavar="ID", help="a voice id from `alsreader voices`")
        parser.add_argument("--volume", type=_volume, default=1.0, help="0 to 1 (default 1)")
        parser.add_argument("--pitch", type=int, default=50, help="0 to 99 (default 50)")
    if name == "say":
        parser.add_argument("--player", default="auto", choices=PLAYER_NAMES,
                            help="program that plays the sound (default: auto)")


def run(name: str, args: argparse.Namespace) -> int:
    """Run subcommand ``name``; returns the exit status."""
    try:
        if name == "voices":
            return _voices()
        if name == "say":
            return _say(args)
        if name == "export":
            return _export(args)
    except SpeechUnavailable as error:
        print(f"alsreader {name}: {error}", file=sys.stderr)
        return 3
    print(f"alsreader: unknown speech command {name!r}", file=sys.stderr)
    return 2


def _voices() -> int:
    with Synthesizer() as synth:
        voices = synth.voices()
        source = synth.info.source
    rows = [(v.id, v.name, ", ".join(v.languages)) for v in voices]
    header = ("ID", "NAME", "LANGUAGE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    print(f"{len(rows)} voices from {source}")
    for row in [header, *rows]:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return 0


def _voice_from(args: argparse.Namespace) -> Voice:
    return Voice(args.voice, args.rate, args.volume, args.pitch).clamped()


def _say(args: argparse.Namespace) -> int:
    text = " ".join(args.text).strip()
    if not text:
        print("alsreader say: give some words to speak", file=sys.stderr)
        return 2
    player = make_player(args.player)
    reason = getattr(player, "reason", "")
    if reason:
        print(f"alsreader say: {reason}", file=sys.stderr)
    finished = threading.Event()
    failure: list[str] = []

    def failed(message: str) -> None:
        failure.append(message)
        finished.set()

    with Synthesizer() as synth:
        try:
            clip = synth.synthesize(text, _voice_from(args)).result()
        except ValueError as error:
            print(f"alsreader say: {error}", file=sys.stderr)
            return 2
        try:
            player.play(clip, finished.set, failed)
            # Short waits keep Ctrl-C responsive.
            while not finished.wait(0.1):
                pass
        finally:
            player.close()
    if failure:
        print(f"alsreader say: {failure[0]}", file=sys.stderr)
        return 1
    return 0


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    percent = 100 * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {percent:3d}%  "
                     f"{done}/{total} sentences")
    sys.stderr.flush()


def _export(args: argparse.Namespace) -> int:
    from alsreader.document import DocumentError, load_document

    try:
        document = load_document(Path(args.path))
    except DocumentError as error:
        print(f"alsreader export: {error}", file=sys.stderr)
        return 2
    sections = document.sections
    if args.section is not None:
        if not 1 <= args.section <= len(sections):
            print(f"alsreader export: there is no section {args.section}; this document has "
                  f"{len(sections)} (see `alsreader outline {args.path}`)", file=sys.stderr)
            return 2
        sections = [sections[args.section - 1]]
    pauses = Pauses()
    voice = _voice_from(args)
    work = [
        (section_no, sentence)
        for section_no, section in enumerate(sections)
        for sentence in section.sentences
        if sentence.spoken
    ]
    if not work:
        print("alsreader export: nothing to read aloud there", file=sys.stderr)
        return 2
    out = io.BytesIO()
    with Synthesizer() as synth, wave.open(out, "wb") as writer:
        # Everything is requested at once; the engine thread works through it in order.
        futures = [synth.synthesize(sentence.text, voice) for _, sentence in work]
        rate = synth.info.sample_rate
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        for i, ((section_no, sentence), future) in enumerate(zip(work, futures, strict=True)):
            try:
                clip = future.result()
            except ValueError as error:
                sys.stderr.write("\n")
                print(f"alsreader export: {error}", file=sys.stderr)
                return 2
            writer.writeframes(clip.frames())
            clip.delete()
            following = work[i + 1] if i + 1 < len(work) else None
            if following is not None:
                if following[0] != section_no:
                    gap = pauses.section_ms
                elif following[1].paragraph != sentence.paragraph:
                    gap = pauses.paragraph_ms
                else:
                    gap = pauses.sentence_ms
                writer.writeframes(b"\0\0" * (rate * gap // 1000))
            _progress(i + 1, len(work))
    sys.stderr.write("\n")
    output = Path(args.output)
    try:
        # An exported recording is for listening elsewhere: readable like any new file.
        atomic_write_bytes(output, out.getvalue(), new_file_mode=0o644)
    except OSError as error:
        print(f"alsreader export: could not write {output}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    seconds = (len(out.getvalue()) - 44) / (2 * synth.info.sample_rate)
    print(f"Wrote {output} ({seconds / 60:.1f} minutes, {len(work)} sentences).")
    return 0
