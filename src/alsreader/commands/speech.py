"""``alsreader voices``, ``alsreader say TEXT`` and ``alsreader export PATH -o out.wav``.

Tools for the caregiver: see which voices exist, hear a voice and pace, and write a document
(or one section) to a single WAV file, or one file per section (``--per-section``), to listen
to elsewhere. ``say`` and ``export`` speak as
the reader does: the voice, rate, volume, pitch, pauses and pronunciation rules of the
settings file (``--config`` names another), each of which an option can override.
"""

from __future__ import annotations

import argparse
import io
import sys
import unicodedata
import wave
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

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
from alsreader.document.decode import one_line
from alsreader.speech.engine import SpeechUnavailable
from alsreader.speech.player import PLAYER_NAMES
from alsreader.speech.synthesizer import MAX_RATE, MIN_RATE, Synthesizer

if TYPE_CHECKING:
    from alsreader.config import Settings
    from alsreader.document.model import Document, Section
    from alsreader.speech.narrator import Pauses
    from alsreader.speech.synthesizer import Voice

PLAYLIST = "playlist.m3u"
"""The list of a per-section export's files, in reading order, with the sections' titles."""


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
                            help="the WAV file to write (replaced whole, never half-written); "
                            "with --per-section, the folder to write the files in")
        parser.add_argument("--per-section", action="store_true",
                            help="one numbered WAV file per section (a chapter each), named "
                            f"by its number and title, and {PLAYLIST} listing them in order")
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
            ("alsreader export book.epub -o book/ --per-section",
             "book/01-Title.wav, ...: a file per section, book/playlist.m3u"),
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


def _document_voice(synth: Synthesizer, voice: Voice, document: Document) -> Voice:
    """The voice an export reads ``document`` in: the one the settings file or ``--voice``
    fixed, else the installed voice of the document's language, as the reader chooses it
    (a French book is not read by the English voice)."""
    if voice.voice_id is not None or not document.language:
        return voice
    from alsreader.speech.languages import voice_for_language

    try:
        found = voice_for_language(synth.voices(), document.language)
    except Exception:  # no list of voices: the default voice reads, as in the reader
        return voice
    return voice if found is None else replace(voice, voice_id=found)


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


class Progress:
    """Export progress on stderr: a bar redrawn in place on a terminal; otherwise (a log, a
    pipe) a plain line at every tenth, never a carriage return."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.stream = stream if stream is not None else sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self._tenths = -1

    def update(self, done: int) -> None:
        """``done`` of the sentences are written."""
        percent = 100 * done // self.total
        if self.live:
            filled = self.WIDTH * done // self.total
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] "
                              f"{percent:3d}%  {done}/{self.total} sentences")
        elif percent // 10 != self._tenths:
            self._tenths = percent // 10
            self.stream.write(f"export: {percent}% ({done}/{self.total} sentences)\n")
        self.stream.flush()

    def end(self) -> None:
        """The bar is finished with (the next line starts below it)."""
        if self.live:
            self.stream.write("\n")
            self.stream.flush()


@dataclass
class _Piece:
    """One thing the voice says in an export and the silence after it (within a section)."""

    text: str
    gap_ms: int


def _pieces(section: Section, pauses: Pauses, titles: bool) -> list[_Piece]:
    """What the reader says for ``section``, as it would read it: its title first when
    titles are said, then its spoken sentences, each with the pause that follows it."""
    from alsreader.speech.narrator import opens_with_heading, title_to_say

    pieces: list[_Piece] = []
    title = title_to_say(section) if titles else ""
    if title:
        pieces.append(_Piece(title, pauses.title_ms))
    spoken = [sentence for sentence in section.sentences if sentence.spoken]
    for sentence, following in zip(spoken, [*spoken[1:], None], strict=True):
        if following is None:
            gap = 0  # the section's end: the file ends, or the section pause follows
        elif following.paragraph == sentence.paragraph:
            gap = pauses.sentence_ms
        elif titles and opens_with_heading(section, sentence):
            gap = pauses.title_ms
        else:
            gap = pauses.paragraph_ms
        pieces.append(_Piece(sentence.text, gap))
    return pieces


def file_title(title: str, limit: int = 60) -> str:
    """A section title as part of a file name: letters and digits (any script) joined by
    "-", nothing a file system or a shell treats specially, at most ``limit`` characters."""
    text = unicodedata.normalize("NFC", one_line(title))
    words = "".join(ch if ch.isalnum() else " " for ch in text).split()
    return "-".join(words)[:limit].strip("-")


def section_file_names(numbers: list[int], titles: list[str], count: int) -> list[str]:
    """One WAV file name per section: its number in the document (as ``alsreader outline``
    shows it, zero-padded so the files sort in reading order), then its title."""
    width = max(2, len(str(count)))
    names = []
    for number, title in zip(numbers, titles, strict=True):
        words = file_title(title)
        names.append(f"{number:0{width}d}-{words}.wav" if words else f"{number:0{width}d}.wav")
    return names


def _wav(frames: list[bytes], rate: int) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        for chunk in frames:
            writer.writeframes(chunk)
    return out.getvalue()


def _write(output: Path, data: bytes) -> bool:
    try:
        # An exported recording is for listening elsewhere: readable like any new file.
        atomic_write_bytes(output, data, new_file_mode=0o644)
    except OSError as problem:
        error("export", f"could not write {safe(output)}: {safe(problem.strerror or problem)}")
        return False
    return True


def _export(args: argparse.Namespace) -> int:
    from alsreader.speech.narrator import pauses_from_settings

    chosen = sections_to_read("export", args.path, args.section)
    if chosen is None:
        return EXIT_BAD_INPUT
    document, sections = chosen
    settings = _settings_with_options("export", args)
    pauses = pauses_from_settings(settings)
    titles = settings.reading.speak_section_titles
    parts = [(section, _pieces(section, pauses, titles)) for section in sections]
    # A section with nothing spoken gets no file (nor a title said alone); a part the book
    # keeps out of its reading flow (a cover, a copyright page) only when asked for.
    parts = [(section, pieces) for section, pieces in parts
             if any(sentence.spoken for sentence in section.sentences)
             and (section.linear or args.section is not None)]
    total = sum(len(pieces) for _, pieces in parts)
    if not total:
        error("export", "nothing to read aloud there")
        return EXIT_BAD_INPUT
    output = Path(args.output)
    if args.per_section:
        if output.exists() and not output.is_dir():
            error("export", f"{safe(output)} is a file; with --per-section, -o names a folder")
            return EXIT_BAD_INPUT
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as problem:
            error("export", f"could not make {safe(output)}: "
                            f"{safe(problem.strerror or problem)}")
            return EXIT_FAILED
    speakable = speakable_for("export", settings, document)
    voice = _voice(settings)
    progress = Progress(total)
    names = section_file_names([section.index + 1 for section, _ in parts],
                               [section.title for section, _ in parts], len(document.sections))
    written: list[tuple[str, float, str]] = []
    frames: list[bytes] = []
    done = 0
    with Synthesizer() as synth:
        voice = _document_voice(synth, voice, document)
        # Everything is requested at once; the engine thread works through it in order.
        futures = [[synth.synthesize(speakable(piece.text), voice) for piece in pieces]
                   for _, pieces in parts]
        rate = synth.info.sample_rate
        for number, ((section, pieces), clips) in enumerate(zip(parts, futures, strict=True)):
            if frames and not args.per_section:
                frames.append(b"\0\0" * (rate * pauses.section_ms // 1000))
            for piece, future in zip(pieces, clips, strict=True):
                try:
                    clip = future.result()
                except ValueError as problem:
                    progress.end()
                    error("export", safe(problem))
                    return EXIT_BAD_INPUT
                frames.append(clip.frames())
                clip.delete()
                if piece.gap_ms > 0:
                    frames.append(b"\0\0" * (rate * piece.gap_ms // 1000))
                done += 1
                progress.update(done)
            if args.per_section:
                data = _wav(frames, rate)
                frames = []
                if not _write(output / names[number], data):
                    return EXIT_FAILED
                written.append((names[number], (len(data) - 44) / (2 * rate), section.title))
    progress.end()
    if args.per_section:
        # A playlist names the files as chapters, in reading order, for players that show it.
        lines = ["#EXTM3U", *(f"#EXTINF:{round(seconds)},{safe(title)}\n{name}"
                              for name, seconds, title in written)]
        if not _write(output / PLAYLIST, ("\n".join(lines) + "\n").encode("utf-8")):
            return EXIT_FAILED
        minutes = sum(seconds for _, seconds, _ in written) / 60
        files = "1 file" if len(written) == 1 else f"{len(written)} files"
        print(f"Wrote {files} to {safe(output)} ({minutes:.1f} minutes, "
              f"{total} sentences), listed in order in {PLAYLIST}.")
        return EXIT_DONE
    data = _wav(frames, rate)
    if not _write(output, data):
        return EXIT_FAILED
    seconds = (len(data) - 44) / (2 * rate)
    print(f"Wrote {safe(output)} ({seconds / 60:.1f} minutes, {total} sentences).")
    return EXIT_DONE
