"""The reading state machine: what is read, when, and what the listener is told.

Every command only puts a message on the narrator's queue, so it never blocks its caller
(a UI thread stays responsive); one worker thread does the work and posts events. Each
start of speech gets a new *generation* number; a clip, a finished-playing callback or a
pause timer from an older generation is dropped, so a cancelled sentence can never move the
place or make a sound after the reader pressed pause or skipped.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass
from typing import Any

from alsreader.document.model import Document, ParagraphKind, Position, Section, Sentence
from alsreader.speech.engine import SpeechUnavailable
from alsreader.speech.events import (
    DocumentFinished,
    NarratorEvent,
    ReadingFaded,
    SectionFinished,
    SectionTitleStarted,
    SentenceFinished,
    SentenceStarted,
    SpeechError,
    SpeechState,
    StateChanged,
    WordStarted,
)
from alsreader.speech.fade import fade_out_clip
from alsreader.speech.player import Player, make_player
from alsreader.speech.synthesizer import Clip, Synthesizer, Voice
from alsreader.speech.timings import shown_spans

log = logging.getLogger(__name__)

PREFETCH = 2
"""How many sentences after the current one are synthesized ahead."""


def identity(text: str) -> str:
    """Text unchanged (the default ``speakable``)."""
    return text


def title_to_say(section: Section) -> str:
    """What is said as ``section`` starts when section titles are said: its title, or ""
    when its text already opens with a heading (that heading is read as its first sentence,
    so the title is not said twice) or it has no title."""
    title = section.title.strip()
    first = next((paragraph for paragraph in section.paragraphs if paragraph.spoken), None)
    if not title or (first is not None and first.kind is ParagraphKind.HEADING):
        return ""
    return title


def opens_with_heading(section: Section, sentence: Sentence) -> bool:
    """Whether ``sentence`` belongs to the heading that opens ``section`` (the title the
    pause after a title follows)."""
    first = next((index for index, paragraph in enumerate(section.paragraphs)
                  if paragraph.spoken), None)
    return (first is not None and sentence.paragraph == first
            and section.paragraphs[first].kind is ParagraphKind.HEADING)


@dataclass(frozen=True)
class Pauses:
    """Silence added after a sentence, a paragraph, a section and a section's spoken title,
    in milliseconds."""

    sentence_ms: int = 0
    paragraph_ms: int = 300
    section_ms: int = 900
    title_ms: int = 700


@dataclass
class NarratorParts:
    """What a Narrator speaks with; either part is None when it cannot be used.

    Unpacks as ``synthesizer, player = make_narrator_parts(...)``.
    """

    synthesizer: Synthesizer | None
    player: Player | None
    problem: str = ""
    """Why a part is missing, in plain words ("" when both are there)."""
    player_name: str = "auto"

    def __iter__(self) -> Iterator[Any]:
        yield self.synthesizer
        yield self.player

    def close(self) -> None:
        """Release both parts."""
        if self.player is not None:
            self.player.close()
        if self.synthesizer is not None:
            self.synthesizer.close()


def _player_name_from(settings: object) -> str:
    if settings is None:
        return "auto"
    if isinstance(settings, str):
        return settings
    for path in (("voice", "player"), ("reading", "player"), ("audio", "player"), ("player",)):
        value: object = settings
        for attr in path:
            value = getattr(value, attr, None)
            if value is None:
                break
        if isinstance(value, str) and value:
            return value
    return "auto"


def voice_from_settings(settings: object) -> Voice:
    """The Voice described by ``settings.voice`` (config's VoiceSettings), else the default."""
    section = getattr(settings, "voice", settings)
    default = Voice()
    return Voice(
        getattr(section, "voice", None) or None,
        int(getattr(section, "rate", default.rate)),
        float(getattr(section, "volume", default.volume)),
        int(getattr(section, "pitch", default.pitch)),
    ).clamped()


def pauses_from_settings(settings: object) -> Pauses:
    """The Pauses described by ``settings.reading`` (config's ReadingSettings)."""
    section = getattr(settings, "reading", settings)
    default = Pauses()
    return Pauses(
        int(getattr(section, "pause_sentence_ms", default.sentence_ms)),
        int(getattr(section, "pause_paragraph_ms", default.paragraph_ms)),
        int(getattr(section, "pause_section_ms", default.section_ms)),
        int(getattr(section, "pause_title_ms", default.title_ms)),
    )


def make_narrator_parts(
    settings: object = None,
    *,
    player_name: str | None = None,
    synthesizer: Synthesizer | None = None,
    player: Player | None = None,
) -> NarratorParts:
    """Build the synthesizer and player (from ``settings``' player name, or ``player_name``).

    Never raises: a part that cannot be built is None and ``problem`` says why. Parts passed
    in are kept (so :meth:`Narrator.retry` rebuilds only what is missing).
    """
    name = player_name or _player_name_from(settings)
    voice = getattr(settings, "voice", None)
    engine = str(getattr(voice, "engine", "auto") or "auto")
    problems = []
    if synthesizer is None:
        try:
            synthesizer = Synthesizer(engine=engine)
        except SpeechUnavailable as error:
            problems.append(str(error))
    if player is None:
        try:
            player = make_player(name)
        except SpeechUnavailable as error:
            problems.append(str(error))
    return NarratorParts(synthesizer, player, " ".join(problems), name)


@dataclass
class _Pending:
    """A clip being made (or made) for one sentence with one voice and text."""

    voice: Voice
    text: str
    future: Future[Clip]

    def discard(self) -> None:
        if self.future.cancel():
            return

        def delete(done: Future[Clip]) -> None:
            with contextlib.suppress(Exception):
                done.result().delete()

        self.future.add_done_callback(delete)


class Narrator:
    """Reads a document aloud sentence by sentence; see docs/architecture.md "Speech"."""

    def __init__(
        self,
        document: Document,
        *,
        synthesizer: Synthesizer | None,
        player: Player | None,
        voice: Voice,
        pauses: Pauses | None = None,
        continuous: bool = True,
        speakable: Callable[[str], str] = identity,
        listener: Callable[[NarratorEvent], None] | None = None,
        position: Position | None = None,
        player_name: str = "auto",
        problem: str = "",
        speak_code: bool = False,
        skipped_kinds: frozenset[ParagraphKind] = frozenset(),
        speak_titles: bool = False,
    ) -> None:
        self._document = document
        self._speak_code = speak_code
        self._skipped_kinds = skipped_kinds
        self._speak_titles = speak_titles
        self._synth = synthesizer
        self._player = player
        self._voice = voice
        self._pauses = pauses or Pauses()
        self.continuous = continuous
        self._speakable = speakable
        self._listener = listener
        self._player_name = player_name
        self._problem = problem
        self._position = document.clamp(position or Position(0, 0))
        self._state = SpeechState.STOPPED
        self._announced: Position | None = None
        self._generation = 0
        self._pending: dict[Position, _Pending] = {}
        self._playing_clip: Clip | None = None
        self._wake_at: float | None = None
        self._wake_generation = -1
        self._wake_position: Position | None = None
        self._wake_announce = True
        self._fade_next = False
        self._fade_section: int | None = None
        self._fading: Position | None = None
        self._words: list[tuple[float, WordStarted]] = []
        """The words of the clip playing still to be marked: when each is heard, in order."""
        self._queue: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self._idle = threading.Event()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="alsreader-narrator", daemon=True)
        self._thread.start()
        self._put("init")

    # --- read-only view ----------------------------------------------------------------

    @property
    def position(self) -> Position:
        """The current sentence (the one being read, or read next)."""
        return self._position

    @property
    def state(self) -> SpeechState:
        """Reading, paused, stopped, or no audio."""
        return self._state

    @property
    def voice(self) -> Voice:
        """The voice in use."""
        return self._voice

    @property
    def silent_reason(self) -> str:
        """Why reading makes no sound although it goes on (a fallback silent player), or ""."""
        return str(getattr(self._player, "reason", "") or "")

    @property
    def speak_code(self) -> bool:
        """Whether code blocks are read aloud (they are shown but skipped otherwise)."""
        return self._speak_code

    @property
    def pauses(self) -> Pauses:
        """The pauses in use."""
        return self._pauses

    @property
    def document(self) -> Document:
        """The document being read."""
        return self._document

    @property
    def problem(self) -> str:
        """Why speech is unavailable ("" when it is available)."""
        return self._problem

    # --- commands (any thread, never block) -----------------------------------------------

    def _put(self, *message: Any) -> None:
        if self._closed:
            return
        self._idle.clear()
        self._queue.put(message)

    def play(self, position: Position | None = None) -> None:
        """Read from ``position`` (default: the current sentence, from its start)."""
        self._put("play", position)

    def pause(self) -> None:
        """Silence now; resuming restarts the current sentence."""
        self._put("pause")

    def toggle(self) -> None:
        """Pause when reading, else read."""
        self._put("toggle")

    def stop(self) -> None:
        """Silence now and stop (the place is kept)."""
        self._put("stop")

    def next_sentence(self) -> None:
        """Move to the next sentence."""
        self._put("move", "next_sentence")

    def previous_sentence(self) -> None:
        """Move to the previous sentence."""
        self._put("move", "previous_sentence")

    def repeat_sentence(self) -> None:
        """Say the current sentence again from its start."""
        self._put("repeat")

    def next_paragraph(self) -> None:
        """Move to the start of the next paragraph (in the next section after the last)."""
        self._put("move", "next_paragraph")

    def previous_paragraph(self) -> None:
        """Move to the start of the paragraph before this one."""
        self._put("move", "previous_paragraph")

    def next_section(self) -> None:
        """Move to the start of the next section."""
        self._put("move", "next_section")

    def previous_section(self) -> None:
        """Move to the start of the previous section."""
        self._put("move", "previous_section")

    def goto(self, position: Position, play: bool | None = None) -> None:
        """Move to ``position``; ``play`` True reads, False stays silent, None keeps the state."""
        self._put("goto", position, play)

    def set_voice(self, voice: Voice) -> None:
        """Use ``voice`` from now on; a sentence being read restarts with it."""
        self._put("voice", voice)

    def set_pauses(self, pauses: Pauses) -> None:
        """Use these pauses from the next one on."""
        self._put("pauses", pauses)

    def set_speak_code(self, speak: bool) -> None:
        """Read code blocks aloud (True) or skip them (False) from the next sentence on."""
        self._put("speak_code", speak)

    def set_skipped_kinds(self, kinds: frozenset[ParagraphKind]) -> None:
        """Pass over paragraphs of these kinds (picture captions, when they are turned
        off) from the next sentence on; they are still shown."""
        self._put("skipped_kinds", kinds)

    def set_speak_titles(self, speak: bool) -> None:
        """Say each section's title as the section starts (True), or not (False)."""
        self._put("speak_titles", speak)

    def fade_out(self, last_section: int | None = None) -> None:
        """Finish reading gently (the sleep timer): the next sentence to begin, or with
        ``last_section`` the last sentence of that section (or of a later one reading gets
        to first), is read with its loudness falling to silence, and reading pauses at its
        end. The place stays on that sentence, so resuming reads it again in full."""
        self._put("fade", last_section)

    def cancel_fade(self) -> None:
        """Forget a :meth:`fade_out` (a sentence already fading ends, and reading goes on)."""
        self._put("cancel_fade")

    def set_speakable(self, speakable: Callable[[str], str]) -> None:
        """Use new pronunciation rules from the next sentence on."""
        self._put("speakable", speakable)

    def set_document(self, document: Document, position: Position | None = None) -> None:
        """Read another document (stops reading; the place becomes ``position``)."""
        self._put("document", document, position)

    def retry(self) -> None:
        """Try again to set up whatever part of speech is missing."""
        self._put("retry")

    def wait_idle(self, timeout_s: float = 5.0) -> bool:
        """Wait until every command given so far has been handled (for tests and the CLI)."""
        return self._idle.wait(timeout_s)

    def close(self) -> None:
        """Stop reading, end the worker and release the synthesizer's clips and the player."""
        if self._closed:
            return
        self._queue.put(("close",))
        self._closed = True
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)

    # --- the worker ----------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            timeout = None
            due = self._wake_at
            if self._words:
                due = self._words[0][0] if due is None else min(due, self._words[0][0])
            if due is not None:
                timeout = max(due - time.monotonic(), 0.0)
            try:
                message = self._queue.get(timeout=timeout)
            except queue.Empty:
                self._mark_words_heard()
                if self._wake_at is not None and self._wake_at <= time.monotonic():
                    self._on_wake()
                continue
            if message[0] == "close":
                self._shutdown()
                return
            try:
                getattr(self, f"_do_{message[0]}")(*message[1:])
            except Exception as error:  # a bug must not kill the reader's voice for good
                log.exception("narrator command %s failed", message[0])
                self._emit(SpeechError(f"Something went wrong while reading: {error}"))
            self._mark_words_heard()
            if self._queue.empty():
                self._idle.set()

    def _mark_words_heard(self) -> None:
        """Post every word whose audio has been reached."""
        now = time.monotonic()
        while self._words and self._words[0][0] <= now:
            self._emit(self._words.pop(0)[1])

    def _follow_words(self, clip: Clip, position: Position) -> None:
        """Time the clip's words from the moment the player says its first sample is heard."""
        self._words = []
        sentence = self._document.sentence_at(position)
        if sentence is None or not clip.words:
            return
        started = self._player.started_at() if self._player is not None else None
        if started is None:
            return  # a player that plays nothing aloud (a file): no word is ever heard
        for start, end, offset_s in shown_spans(sentence.text, clip.text, clip.words):
            event = WordStarted(position, sentence.start + start, sentence.start + end)
            self._words.append((started + offset_s, event))

    def _emit(self, event: NarratorEvent) -> None:
        if isinstance(event, SentenceStarted):
            self._announced = event.position
        if self._listener is None:
            return
        try:
            self._listener(event)
        except Exception:
            log.exception("narrator listener failed on %r", event)

    def _set_state(self, state: SpeechState, reason: str = "") -> None:
        if state == self._state and state != SpeechState.UNAVAILABLE:
            return
        self._state = state
        self._emit(StateChanged(state, reason))

    def _available(self) -> bool:
        return self._synth is not None and self._player is not None

    def _silence(self) -> None:
        """Cancel whatever sounds or is about to: new generation, player stopped."""
        self._generation += 1
        self._wake_at = None
        self._fading = None
        self._words = []
        if self._player is not None:
            self._player.stop()
        self._release_clip()

    # navigation over spoken sentences

    def _reads(self, section: Section, sentence: Sentence) -> bool:
        """Whether ``sentence`` is read aloud: a spoken one (unless its kind is passed
        over), or code when code is read."""
        if sentence.spoken:
            return not self._skipped_kinds or _kind(section, sentence) not in self._skipped_kinds
        return self._speak_code and _kind(section, sentence) is ParagraphKind.CODE

    def _spoken(self, position: Position) -> bool:
        sentence = self._document.sentence_at(position)
        if sentence is None:
            return False
        return self._reads(self._document.sections[position.section], sentence)

    def _first_spoken(self, section: int, step: int = 1, *,
                      linear_only: bool = False) -> Position | None:
        """First spoken sentence in ``section`` or the sections after it (before it: step -1).

        ``linear_only`` passes over parts a book marks as outside its reading order
        (EPUB ``linear="no"``: answers, pop-up notes); they are still opened from the list.
        """
        sections = self._document.sections
        while 0 <= section < len(sections):
            if linear_only and not getattr(sections[section], "linear", True):
                section += step
                continue
            for index, sentence in enumerate(sections[section].sentences):
                if self._reads(sections[section], sentence):
                    return Position(section, index)
            section += step
        return None

    def _after(self, position: Position) -> Position | None:
        sections = self._document.sections
        if not 0 <= position.section < len(sections):
            return None
        sentences = sections[position.section].sentences
        for index in range(position.sentence + 1, len(sentences)):
            if self._reads(sections[position.section], sentences[index]):
                return Position(position.section, index)
        return self._first_spoken(position.section + 1, linear_only=True)

    def _before(self, position: Position) -> Position | None:
        sections = self._document.sections
        section, index = position.section, position.sentence - 1
        while 0 <= section < len(sections):
            sentences = sections[section].sentences
            index = min(index, len(sentences) - 1)
            while index >= 0:
                if self._reads(sections[section], sentences[index]):
                    return Position(section, index)
                index -= 1
            section -= 1
            index = 1 << 30
        return None

    def _paragraph_of(self, position: Position) -> tuple[int, int]:
        sentence = self._document.sentence_at(position)
        return (position.section, sentence.paragraph if sentence is not None else -1)

    def _paragraph_start(self, position: Position) -> Position:
        """The first read sentence of the paragraph ``position`` is in."""
        paragraph = self._paragraph_of(position)
        while True:
            before = self._before(position)
            if before is None or self._paragraph_of(before) != paragraph:
                return position
            position = before

    def _next_paragraph(self, position: Position) -> Position | None:
        paragraph = self._paragraph_of(position)
        cursor = self._after(position)
        while cursor is not None and self._paragraph_of(cursor) == paragraph:
            cursor = self._after(cursor)
        return cursor

    def _previous_paragraph(self, position: Position) -> Position | None:
        # Like Previous sentence, always a step back: the paragraph before this one (use
        # Repeat to hear this one again), so two presses never land in the same place.
        before = self._before(self._paragraph_start(position))
        return None if before is None else self._paragraph_start(before)

    def _readable(self, position: Position) -> Position | None:
        """``position`` if it is spoken, else the next spoken sentence."""
        position = self._document.clamp(position)
        if self._spoken(position):
            return position
        return self._after(position)

    # synthesis ahead

    def _clip_for(self, position: Position, urgent: bool) -> _Pending | None:
        sentence = self._document.sentence_at(position)
        if sentence is None or self._synth is None:
            return None
        try:
            text = self._speakable(sentence.text)
        except Exception as error:  # a broken pronunciation rule must not stop reading
            log.warning("speakable failed: %s", error)
            text = sentence.text
        pending = self._pending.get(position)
        if pending is not None and pending.voice == self._voice and pending.text == text:
            return pending
        if pending is not None:
            pending.discard()
        future = self._synth.synthesize(text, self._voice, urgent=urgent)
        pending = _Pending(self._voice, text, future)
        self._pending[position] = pending
        return pending

    def _prefetch(self, around: Position) -> None:
        """Keep clips for ``around`` and the next PREFETCH sentences; drop the rest."""
        wanted = [around]
        cursor: Position | None = around
        for _ in range(PREFETCH):
            cursor = self._after(cursor) if cursor is not None else None
            if cursor is not None:
                wanted.append(cursor)
        for position in list(self._pending):
            if position not in wanted:
                self._pending.pop(position).discard()
        for position in wanted:
            self._clip_for(position, urgent=False)

    def _drop_all_pending(self) -> None:
        for pending in self._pending.values():
            pending.discard()
        self._pending.clear()

    # speaking

    def _start_current(self, announce: bool = True) -> None:
        """Start reading the current sentence from its beginning (new generation); with
        ``announce``, a section's title first when the sentence starts the section."""
        self._silence()
        target = self._readable(self._position)
        if target is None:
            self._finish_document()
            return
        if target != self._position:
            self._position = target
        if not self._available():
            self._try_parts()
        if not self._available():
            self._set_state(SpeechState.UNAVAILABLE, self._problem)
            self._emit(SentenceStarted(self._position))
            return
        self._set_state(SpeechState.READING)
        generation = self._generation
        position = self._position
        if announce and self._speak_titles and self._start_title(generation, position):
            return
        pending = self._clip_for(position, urgent=True)
        assert pending is not None
        pending.future.add_done_callback(
            lambda done: self._put("clip", generation, position, done)
        )

    def _do_clip(self, generation: int, position: Position, done: Future[Clip]) -> None:
        if generation != self._generation or self._state != SpeechState.READING:
            return  # cancelled: the clip stays in _pending (or was discarded) for reuse
        self._pending.pop(position, None)
        try:
            clip = done.result()
        except CancelledError:
            return
        except Exception as error:
            self._set_state(SpeechState.PAUSED)
            self._emit(SpeechError(f"The sentence could not be spoken: {error}"))
            return
        if self._fades(position):
            clip = fade_out_clip(clip)
            self._fading = position
            self._fade_next, self._fade_section = False, None
        self._play_clip(clip, generation, position, "played")
        self._emit(SentenceStarted(position))
        self._follow_words(clip, position)
        self._mark_words_heard()  # the first word is heard now: before any prefetch work
        self._prefetch(position)

    def _play_clip(self, clip: Clip, generation: int, position: Position,
                   finished: str) -> None:
        """Play ``clip``; the command ``finished`` follows once it has been heard."""
        player = self._player
        assert player is not None
        self._playing_clip = clip
        player.play(
            clip,
            lambda: self._put(finished, generation, position),
            lambda message: self._put("player_failed", generation, message),
        )

    def _release_clip(self) -> None:
        """Delete the clip that was playing (heard, or cut off)."""
        if self._playing_clip is not None:
            self._playing_clip.delete()
            self._playing_clip = None

    def _do_played(self, generation: int, position: Position) -> None:
        if generation != self._generation:
            return
        self._mark_words_heard()
        self._words = []
        self._release_clip()
        self._emit(SentenceFinished(position))
        following = self._after(position)
        if following is None or following.section != position.section:
            self._emit(SectionFinished(position.section))
        if self._fading == position:
            # The sleep timer's last sentence has faded out: stop here, the place kept on it.
            self._fading = None
            self._set_state(SpeechState.PAUSED)
            self._emit(ReadingFaded(position))
            return
        pauses = self._pauses
        if following is None or following.section != position.section:
            if following is None:
                self._finish_document()
                return
            if not self.continuous:
                self._position = following
                self._set_state(SpeechState.STOPPED)
                self._emit(SentenceStarted(following))
                self._prefetch(following)
                return
            delay = pauses.section_ms
        else:
            here = self._document.sentence_at(position)
            there = self._document.sentence_at(following)
            same_paragraph = here is not None and there is not None and (
                here.paragraph == there.paragraph
            )
            delay = pauses.sentence_ms if same_paragraph else pauses.paragraph_ms
            section = self._document.sections[position.section]
            if (not same_paragraph and self._speak_titles and here is not None
                    and opens_with_heading(section, here)):
                delay = pauses.title_ms
        self._position = following
        self._wake_after(generation, following, delay, announce=True)

    def _wake_after(self, generation: int, position: Position, delay: int, *,
                    announce: bool) -> None:
        """Start ``position`` after ``delay`` ms of silence (unless something newer came)."""
        self._wake_generation = generation
        self._wake_position = position
        self._wake_announce = announce
        self._wake_at = time.monotonic() + max(delay, 0) / 1000.0
        if delay <= 0:
            self._on_wake()

    def _on_wake(self) -> None:
        self._wake_at = None
        if self._wake_generation != self._generation or self._state != SpeechState.READING:
            return
        if self._wake_position is not None:
            self._position = self._wake_position
        self._start_current(announce=self._wake_announce)

    # section titles and the sleep timer's fade

    def _start_title(self, generation: int, position: Position) -> bool:
        """Say the title of the section ``position`` starts, if it has one to say; then
        (after the title's pause) the sentence. False when there is no title to say."""
        if self._synth is None or self._first_spoken(position.section) != position:
            return False
        title = title_to_say(self._document.sections[position.section])
        if not title:
            return False
        try:
            text = self._speakable(title)
        except Exception as error:  # a broken pronunciation rule must not stop reading
            log.warning("speakable failed: %s", error)
            text = title
        future = self._synth.synthesize(text, self._voice, urgent=True)
        future.add_done_callback(
            lambda done: self._put("title_clip", generation, position, done)
        )
        return True

    def _do_title_clip(self, generation: int, position: Position, done: Future[Clip]) -> None:
        if generation != self._generation or self._state != SpeechState.READING:
            with contextlib.suppress(Exception):
                done.result().delete()
            return
        try:
            clip = done.result()
        except Exception as error:  # the title is a courtesy: read the section without it
            log.warning("section title could not be spoken: %s", error)
            self._start_current(announce=False)
            return
        self._play_clip(clip, generation, position, "title_played")
        self._emit(SectionTitleStarted(position))
        self._prefetch(position)

    def _do_title_played(self, generation: int, position: Position) -> None:
        if generation != self._generation:
            return
        self._release_clip()
        self._wake_after(generation, position, self._pauses.title_ms, announce=False)

    def _fades(self, position: Position) -> bool:
        """Whether the sentence at ``position``, about to sound, is the sleep timer's last."""
        if self._fade_next:
            return True
        if self._fade_section is None or position.section < self._fade_section:
            return False
        following = self._after(position)
        return following is None or following.section != position.section

    def _do_fade(self, last_section: int | None) -> None:
        if last_section is None:
            self._fade_next = True
        else:
            self._fade_section = last_section

    def _do_cancel_fade(self) -> None:
        self._fade_next, self._fade_section, self._fading = False, None, None

    def _do_speak_titles(self, speak: bool) -> None:
        self._speak_titles = speak

    def _do_player_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._silence()
        self._set_state(SpeechState.PAUSED)
        self._emit(SpeechError(message))

    def _finish_document(self) -> None:
        self._silence()
        self._set_state(SpeechState.STOPPED)
        self._emit(DocumentFinished())

    # commands on the worker

    def _do_init(self) -> None:
        if not self._available():
            self._set_state(SpeechState.UNAVAILABLE, self._problem or "Speech is not set up.")
            return
        # Synthesizing the place the reader will start from makes the first press instant.
        readable = self._readable(self._position)
        if readable is not None:
            self._prefetch(readable)

    def _do_play(self, position: Position | None) -> None:
        if position is not None:
            self._position = self._document.clamp(position)
        self._start_current()

    def _do_pause(self) -> None:
        if self._state == SpeechState.READING:
            self._silence()
            self._set_state(SpeechState.PAUSED)
            if self._announced != self._position:
                # Paused in the pause between two sentences: show where resuming starts.
                self._emit(SentenceStarted(self._position))

    def _do_toggle(self) -> None:
        if self._state == SpeechState.READING:
            self._do_pause()
        else:
            self._start_current()

    def _do_stop(self) -> None:
        self._silence()
        if self._state != SpeechState.UNAVAILABLE:
            self._set_state(SpeechState.STOPPED)

    def _do_repeat(self) -> None:
        self._start_current(announce=False)

    def _do_move(self, how: str) -> None:
        here = self._position
        target: Position | None
        if how == "next_sentence":
            target = self._after(here)
        elif how == "previous_sentence":
            target = self._before(here)
        elif how == "next_paragraph":
            target = self._next_paragraph(here)
        elif how == "previous_paragraph":
            target = self._previous_paragraph(here)
        elif how == "next_section":
            target = self._first_spoken(here.section + 1)
        else:
            target = self._first_spoken(here.section - 1, step=-1)
            if target is None:
                target = self._first_spoken(0)
        if target is None:
            return  # already at the end (or start): stay, keep reading or not as before
        self._move_to(target, None)

    def _do_goto(self, position: Position, play: bool | None) -> None:
        self._move_to(self._document.clamp(position), play)

    def _move_to(self, target: Position, play: bool | None) -> None:
        reading = self._state == SpeechState.READING if play is None else play
        self._silence()
        self._position = target
        if reading:
            self._start_current()
            return
        if self._state == SpeechState.READING:
            self._set_state(SpeechState.PAUSED)
        self._emit(SentenceStarted(target))
        if self._available():
            readable = self._readable(target)
            if readable is not None:
                self._prefetch(readable)

    def _do_voice(self, voice: Voice) -> None:
        self._voice = voice
        if self._state == SpeechState.READING:
            self._start_current(announce=False)
        elif self._available():
            readable = self._readable(self._position)
            if readable is not None:
                self._prefetch(readable)

    def _do_pauses(self, pauses: Pauses) -> None:
        self._pauses = pauses

    def _do_speakable(self, speakable: Callable[[str], str]) -> None:
        self._speakable = speakable

    def _do_speak_code(self, speak: bool) -> None:
        if speak == self._speak_code:
            return
        self._speak_code = speak
        if self._state is SpeechState.READING:
            # Which sentences come next has changed: read ahead those instead.
            self._prefetch(self._position)

    def _do_skipped_kinds(self, kinds: frozenset[ParagraphKind]) -> None:
        if kinds == self._skipped_kinds:
            return
        self._skipped_kinds = kinds
        if self._state is SpeechState.READING:
            self._prefetch(self._position)

    def _do_document(self, document: Document, position: Position | None) -> None:
        self._silence()
        self._do_cancel_fade()  # a fade asked for in the last document is not this one's
        self._drop_all_pending()
        self._document = document
        self._position = document.clamp(position or Position(0, 0))
        if self._state != SpeechState.UNAVAILABLE:
            self._set_state(SpeechState.STOPPED)
        self._emit(SentenceStarted(self._position))
        self._do_init()

    def _try_parts(self) -> None:
        parts = make_narrator_parts(
            player_name=self._player_name, synthesizer=self._synth, player=self._player
        )
        self._synth, self._player, self._problem = parts.synthesizer, parts.player, parts.problem

    def _do_retry(self) -> None:
        if not self._available():
            self._try_parts()
        if self._available():
            self._problem = ""
            if self._state == SpeechState.UNAVAILABLE:
                self._set_state(SpeechState.STOPPED)
            self._do_init()
        else:
            self._set_state(SpeechState.UNAVAILABLE, self._problem)

    def _shutdown(self) -> None:
        self._silence()
        self._drop_all_pending()
        if self._player is not None:
            self._player.close()
        if self._synth is not None:
            self._synth.close()
        self._idle.set()


def _kind(section: Section, sentence: Sentence) -> ParagraphKind | None:
    paragraphs = section.paragraphs
    if 0 <= sentence.paragraph < len(paragraphs):
        return paragraphs[sentence.paragraph].kind
    return None


def skipped_kinds_from_settings(settings: object) -> frozenset[ParagraphKind]:
    """The kinds of paragraph the settings say not to read: picture captions when
    ``reading.illustration_captions`` is off."""
    reading = getattr(settings, "reading", None)
    captions = getattr(reading, "illustration_captions", True)
    return frozenset() if captions else frozenset({ParagraphKind.CAPTION})


def make_narrator(
    document: Document,
    *,
    voice: Voice | None = None,
    pauses: Pauses | None = None,
    settings: object = None,
    player_name: str | None = None,
    listener: Callable[[NarratorEvent], None] | None = None,
    **options: Any,
) -> Narrator:
    """A Narrator with parts built by :func:`make_narrator_parts` (never raises)."""
    parts = make_narrator_parts(settings, player_name=player_name)
    return Narrator(
        document,
        synthesizer=parts.synthesizer,
        player=parts.player,
        voice=voice or Voice(),
        pauses=pauses,
        listener=listener,
        player_name=parts.player_name,
        problem=parts.problem,
        **options,
    )

