"""``alsreader voices``, ``alsreader say TEXT`` and ``alsreader export PATH -o out.wav``.

Tools for the caregiver: see which voices exist, hear a voice and pace, and write a document
(or one section) to a single WAV file to listen to elsewhere. ``say`` and ``export`` speak as
the reader does: the voice, rate, volume, pitch, pauses and pronunciation rules of the
settings file (``--config`` names another), each of which an option can override.
"""

from __future__ import annotations

import argparse
import io
import sys
import wave
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from alsreader.atomic import atomic_write_bytes
from alsreader.commands import EXIT_BAD_INPUT, EXIT_DONE, EXIT_FAILED
from alsreader.commands.common import (
    add_config_option,
    error,
    examples,
    load_command_settings,
    safe,
    warn,
)
from alsreader.commands.documents import add_section_option, sections_to_read, speakable_for
from alsreader.speech.engine import SpeechUnavailable
from alsreader.speech.player import PLAYER_NAMES
from alsreader.speech.synthesizer import MAX_RATE, MIN_RATE, Synthesizer

if TYPE_CHECKING:
    from alsreader.config import Settings
    from alsreader.speech.synthesizer import Voice


def _whole_number(what: str, low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, else a plain message."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"choose a {what} from {low} to {high}")
        return value

    return parse


_rate = _whole_number("rate", MIN_RATE, MAX_RATE)
_pitch = _whole_number("pitch", 0, 99)


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
    if name == "voices":
        parser.epilog = examples(
            ("alsreader voices", "every installed voice: its id, name and language"),
            ("alsreader voices | grep en-", "the English ones"),
        )
        return
    if name == "say":
        parser.add_argument("text", nargs="+", metavar="WORDS", help="the words to speak")
    if name == "export":
        parser.add_argument("path", metavar="PATH", help="the document to read")
        parser.add_argument("-o", "--output", required=True, metavar="OUT.wav",
                            help="the WAV file to write (replaced whole, never half-written)")
        add_section_option(parser)
    parser.add_argument("--voice", metavar="ID",
                        help="a voice id from `alsreader voices` (default: the settings file's)")
    parser.add_argument("--rate", type=_rate, metavar="WPM",
                        help=f"words per minute, {MIN_RATE} to {MAX_RATE} "
                        "(default: the settings file's, else 175)")
    parser.add_argument("--volume", type=_volume, metavar="0-1",
                        help="loudness from 0 to 1 (default: the settings file's, else 0.9)")
    parser.add_argument("--pitch", type=_pitch, metavar="0-99",
                        help="50 is the voice's own pitch (default: the settings file's, else 50)")
    if name == "say":
        parser.add_argument("--player", choices=PLAYER_NAMES, metavar="NAME",
                            help="program that plays the sound: " + ", ".join(PLAYER_NAMES)
                            + " (default: the settings file's, else auto)")
    add_config_option(parser)
    if name == "say":
        parser.epilog = examples(
            ("alsreader say Hello there", "hear the reader's voice and pace"),
            ("alsreader say Hello --rate 220", "the same, faster"),
            ("alsreader say Hello --player silent", "synthesize only (checks speech works)"),
        )
    else:
        parser.epilog = examples(
            ("alsreader export book.md -o book.wav", "the whole document"),
            ("alsreader export book.md -o ch3.wav --section 3",
             "section 3 only (see `alsreader outline`)"),
        )


def run(name: str, args: argparse.Namespace) -> int:
    """Run subcommand ``name``; returns the exit status."""
    try:
        if name == "voices":
            return _voices()
        if name == "say":
            return _say(args)
        return _export(args)
    except SpeechUnavailable as problem:
        error(name, str(problem))
        return EXIT_FAILED


def _voices() -> int:
    with Synthesizer() as synth:
        voices = synth.voices()
        source = synth.info.source
    rows = [(safe(v.id), safe(v.name), safe(", ".join(v.languages))) for v in voices]
    header = ("ID", "NAME", "LANGUAGE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    print(f"{len(rows)} voices from {source}")
    for row in [header, *rows]:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return EXIT_DONE


def _settings_with_options(command: str, args: argparse.Namespace) -> Settings:
    """The settings file's values, with each voice option given on the command line
    taking the place of the file's."""
    settings = load_command_settings(command, args.config)
    for option in ("voice", "rate", "volume", "pitch", "player"):
        value = getattr(args, option, None)
        if value is not None:
            setattr(settings.voice, option, value)
    return settings


def _voice(settings: Settings) -> Voice:
    from alsreader.speech.narrator import voice_from_settings

    return voice_from_settings(settings)


def _say(args: argparse.Namespace) -> int:
    text = " ".join(args.text).strip()
    if not text:
        error("say", "give some words to speak")
        return EXIT_BAD_INPUT
    settings = _settings_with_options("say", args)
    speakable = speakable_for("say", settings, None)
    from concurrent.futures import wait

    from alsreader.speech.service import SpeechService, UtteranceFailed, UtteranceRefused

    # The same short-utterance path as the reader's cues and voice samples.
    with SpeechService(settings) as speech:
        reason = speech.player_reason()
        if reason:
            warn("say", safe(reason))
        heard = speech.say(speakable(text), _voice(settings))
        while not heard.done():
            wait([heard], timeout=0.1)  # short waits keep Ctrl-C responsive
        try:
            heard.result()
        except UtteranceRefused as problem:
            error("say", safe(problem))
            return EXIT_BAD_INPUT
        except UtteranceFailed as problem:
            error("say", safe(problem))
            return EXIT_FAILED
    return EXIT_DONE


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    percent = 100 * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {percent:3d}%  "
                     f"{done}/{total} sentences")
    sys.stderr.flush()


def _export(args: argparse.Namespace) -> int:
    from alsreader.speech.narrator import pauses_from_settings

    chosen = sections_to_read("export", args.path, args.section)
    if chosen is None:
        return EXIT_BAD_INPUT
    document, sections = chosen
    work = [
        (section_no, sentence)
        for section_no, section in enumerate(sections)
        for sentence in section.sentences
        if sentence.spoken
    ]
    if not work:
        error("export", "nothing to read aloud there")
        return EXIT_BAD_INPUT
    settings = _settings_with_options("export", args)
    speakable = speakable_for("export", settings, document)
    pauses = pauses_from_settings(settings)
    voice = _voice(settings)
    out = io.BytesIO()
    with Synthesizer() as synth, wave.open(out, "wb") as writer:
        # Everything is requested at once; the engine thread works through it in order.
        futures = [synth.synthesize(speakable(sentence.text), voice) for _, sentence in work]
        rate = synth.info.sample_rate
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        for i, ((section_no, sentence), future) in enumerate(zip(work, futures, strict=True)):
            try:
                clip = future.result()
            except ValueError as problem:
                sys.stderr.write("\n")
                error("export", safe(problem))
                return EXIT_BAD_INPUT
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
    except OSError as problem:
        error("export", f"could not write {safe(output)}: {safe(problem.strerror or problem)}")
        return EXIT_FAILED
    seconds = (len(out.getvalue()) - 44) / (2 * rate)
    print(f"Wrote {safe(output)} ({seconds / 60:.1f} minutes, {len(work)} sentences).")
    return EXIT_DONE
