"""The one speech service: the synthesizer, the players, the narrator and short utterances.

``make_app`` builds one :class:`SpeechService` and hands it to whatever needs a voice: the
reader (a :class:`~alsreader.speech.narrator.Narrator` for a document at a position), the
switch cues and the settings screen's voice sample (:meth:`SpeechService.say`), and next the
phrase board. Every :class:`~alsreader.speech.synthesizer.Voice` built from the settings is
built here, so the reading voice, the cue voice and the sample can never disagree about the
rate bounds or the caregiver's choice.

There is only one espeak engine in a process, so the narrator and utterances share one
:class:`~alsreader.speech.synthesizer.Synthesizer` (utterances are made ``urgent``, ahead of the
narrator's prefetch). Utterances play on a player of their own, so a cue can never be
mistaken for the book, and they never talk over it:

* ``say`` pauses the book when it is being read, and a new utterance cuts off the one before
  (its future is cancelled);
* when the book starts reading, any utterance stops at once.

Building the parts can take a moment (espeak starts, the player is probed), so it happens on
first use from a worker thread, never on the UI thread: ``say`` returns at once and does its
work on the service's own thread. No Textual here.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError, ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from alsreader.document.model import Document, Position
from alsreader.speech.events import NarratorEvent, SpeechState, StateChanged

# The narrator, the synthesizer, the engine and the players are imported when first used,
# never at start-up: the reader's first frame needs none of them (about 7 ms).
if TYPE_CHECKING:
    from alsreader.config import Settings
    from alsreader.speech.narrator import Narrator, NarratorParts, Pauses
    from alsreader.speech.player import Player
    from alsreader.speech.synthesizer import Clip, Voice, VoiceInfo

log = logging.getLogger(__name__)

UTTERANCE_TIMEOUT_S = 20.0
"""Longest wait for a short utterance to be synthesized before saying it could not be made."""


class UtteranceFailed(Exception):
    """A short utterance could not be spoken; the message says why, in plain words."""


class UtteranceRefused(UtteranceFailed):
    """The engine refused the text or the voice (an unknown voice id, say)."""


class SpeechService:
    """Owns the synthesizer and the players; offers a narrator and ``say`` to every caller.

    ``settings`` is the live settings object (the settings screen changes it in place and
    then calls :meth:`apply_settings` with the names that changed). ``player_name``
    overrides ``voice.player`` (the command line's ``--player``). ``listener`` receives every
    narrator event, on the narrator's thread.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        player_name: str | None = None,
        listener: Callable[[NarratorEvent], None] | None = None,
    ) -> None:
        self.settings = settings
        """The settings voices, pauses and pronunciations come from."""
        self.player_name = player_name or settings.voice.player
        """The audio player asked for ("auto", "silent", "paplay", ...)."""
        self.listener = listener
        """Where narrator events go (set by the app before the first document opens)."""
        self._lock = threading.Lock()
        self._parts: NarratorParts | None = None
        self._narrator: Narrator | None = None
        self._utterance_player: Player | None = None
        self._utterance_failed = ""
        self._utterance: Future[None] | None = None
        self._generation = 0
        self._cache: dict[tuple[str, Voice], Clip] = {}
        self._installed: list[VoiceInfo] | None = None
        self._language_voice: str | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alsreader-say")
        self._closed = False

    # ------------------------------------------------------------------ voices

    def reading_voice(self) -> Voice:
        """The voice a document is read with, from ``voice.*`` in the settings; when the
        caregiver fixed no voice, the installed voice of the open document's language."""
        from alsreader.speech.narrator import voice_from_settings

        voice = voice_from_settings(self.settings)
        if voice.voice_id is None and self._language_voice is not None:
            voice = replace(voice, voice_id=self._language_voice)
        return voice

    def talking_voice(self) -> Voice:
        """The voice the Talk screen speaks for the person with, from ``talk.*``: its own
        rate and loudness, and its own voice unless ``talk.voice`` is null (then the reading
        voice's, with the reading voice's pitch either way)."""
        reading = self.reading_voice()
        talk = self.settings.talk
        return replace(reading, voice_id=talk.voice or reading.voice_id, rate=talk.rate,
                       volume=talk.volume)

    def _choose_language_voice(self, document: Document) -> None:
        """Find the voice for ``document``'s language (on a worker: lists the voices once)."""
        self._language_voice = None
        language = getattr(document, "language", "") or ""
        if not language or self.settings.voice.voice is not None:
            return
        if language.lower().split("-")[0] == "en":
            return  # the default voice speaks English: no need to list the voices
        parts = self.parts()
        if parts.synthesizer is None:
            return
        if self._installed is None:
            try:
                self._installed = parts.synthesizer.voices()
            except Exception:  # no list of voices: the default voice reads, as before
                self._installed = []
        from alsreader.speech.languages import voice_for_language

        self._language_voice = voice_for_language(self._installed, language)

    def pauses(self) -> Pauses:
        """The pauses after a sentence, a paragraph and a section, from the settings."""
        from alsreader.speech.narrator import pauses_from_settings

        return pauses_from_settings(self.settings)

    # ------------------------------------------------------------------ parts

    def parts(self) -> NarratorParts:
        """The synthesizer and the narrator's player, built now if nothing needed them yet.

        Blocks while espeak starts: call it from a worker thread, never the UI thread.
        """
        with self._lock:
            if self._parts is None:
                from alsreader.speech.narrator import make_narrator_parts

                self._parts = make_narrator_parts(self.settings, player_name=self.player_name)
            return self._parts

    @property
    def built_parts(self) -> NarratorParts | None:
        """The parts if they were built already (None: nothing has spoken yet)."""
        return self._parts

    def voices(self) -> list[VoiceInfo]:
        """The installed voices (blocks; call from a worker). Raises UtteranceFailed."""
        parts = self.parts()
        if parts.synthesizer is None:
            raise UtteranceFailed(parts.problem or "there is no speech engine")
        try:
            return parts.synthesizer.voices()
        except Exception as error:  # the engine thread's failure, told plainly
            raise UtteranceFailed(str(error) or type(error).__name__) from error

    def word_timings_problem(self) -> str:
        """Why the word being heard cannot be marked with this voice ("" when it can):
        pyttsx3's sapi5 and nsss drivers say nothing of when each word is heard."""
        parts = self._parts
        if parts is not None and parts.synthesizer is not None:
            info = parts.synthesizer.info
            driver, timed = info.driver, info.word_timings
        else:  # nothing has spoken yet: the engine asked for (auto finds espeak-ng first)
            driver = str(self.settings.voice.engine or "auto")
            timed = driver not in ("sapi5", "nsss")
        if timed:
            return ""
        return (f"the {driver} voice does not tell when each word is heard, "
                "so the sentence is marked")

    # ------------------------------------------------------------------ the narrator

    @property
    def narrator(self) -> Narrator | None:
        """The narrator, once a document has been opened."""
        return self._narrator

    def narrator_for(self, document: Document, position: Position) -> Narrator:
        """The narrator, set to read ``document`` from ``position`` (built on first use).

        Blocks the first time while the parts are built: call it from a worker thread. The
        same narrator reads every document, so there is only ever one reading voice.
        """
        speakable = self._speakable_for(document)
        parts = self.parts()
        self._choose_language_voice(document)
        with self._lock:
            narrator = self._narrator
            if narrator is None:
                reading = self.settings.reading
                from alsreader.speech.narrator import Narrator, skipped_kinds_from_settings

                narrator = self._narrator = Narrator(
                    document,
                    synthesizer=parts.synthesizer,
                    player=parts.player,
                    voice=self.reading_voice(),
                    pauses=self.pauses(),
                    continuous=reading.continuous,
                    speak_code=reading.speak_code,
                    skipped_kinds=skipped_kinds_from_settings(self.settings),
                    speak_titles=reading.speak_section_titles,
                    speakable=speakable,
                    listener=self._narrator_event,
                    position=position,
                    player_name=parts.player_name,
                    problem=parts.problem,
                )
                return narrator
        narrator.set_speakable(speakable)
        narrator.set_voice(self.reading_voice())
        narrator.set_document(document, position)
        return narrator

    def _speakable_for(self, document: Document) -> Callable[[str], str]:
        # The caregiver's rules first, then the document's own sidecar rules.
        from alsreader.config import make_pronouncer

        pronouncer, _problems = make_pronouncer(self.settings, document.path)
        return pronouncer.speakable

    def _narrator_event(self, event: NarratorEvent) -> None:
        # On the narrator's thread. The book starting to read silences any utterance.
        if isinstance(event, StateChanged) and event.state is SpeechState.READING:
            self.silence()
        listener = self.listener
        if listener is not None:
            listener(event)

    def apply_settings(self, names: frozenset[str]) -> None:
        """Use changed settings (dotted names such as "voice.rate") from now on."""
        narrator = self._narrator
        if narrator is None:
            return
        if any(name.startswith("voice.") for name in names):
            narrator.set_voice(self.reading_voice())
        if any(name.startswith("reading.pause_") for name in names):
            narrator.set_pauses(self.pauses())
        if "reading.continuous" in names:
            narrator.continuous = self.settings.reading.continuous
        if "reading.speak_code" in names:
            narrator.set_speak_code(self.settings.reading.speak_code)
        if "reading.illustration_captions" in names:
            from alsreader.speech.narrator import skipped_kinds_from_settings

            narrator.set_skipped_kinds(skipped_kinds_from_settings(self.settings))
        if "reading.speak_section_titles" in names:
            narrator.set_speak_titles(self.settings.reading.speak_section_titles)

    # ------------------------------------------------------------------ short utterances

    def say(self, text: str, voice: Voice | None = None, *, keep: bool = False,
            loud: bool = False, before: Clip | None = None) -> Future[None]:
        """Speak a short ``text`` now (default voice: the reading voice); never blocks.

        Pauses the book if it is being read, and cuts off the utterance before this one
        (whose future is cancelled). The returned future is done when the text has been
        heard, raises :class:`UtteranceFailed` when it could not be spoken, and is cancelled
        when something newer cut it off. ``keep`` keeps the clip for the next time the same
        text is said with the same voice (scan cues: a few short names said again and again).
        ``loud`` raises the clip to full scale ("say it louder"); ``before`` is a sound
        played first, on the same player (the Talk screen's alarm tone).
        """
        done: Future[None] = Future()
        with self._lock:
            if self._closed:
                done.set_exception(UtteranceFailed("speech has been shut down"))
                return done
            self._generation += 1
            generation = self._generation
            previous, self._utterance = self._utterance, done
        if previous is not None:
            previous.cancel()
        self._stop_utterance_player()
        narrator = self._narrator
        if narrator is not None and narrator.state is SpeechState.READING:
            narrator.pause()
        chosen = (voice or self.reading_voice()).clamped()
        try:
            self._worker.submit(self._say_now, generation, text, chosen, keep, done, loud,
                                before)
        except RuntimeError:  # shut down between the check and here
            _settle(done, UtteranceFailed("speech has been shut down"))
        return done

    def play_sound(self, clip: Clip) -> bool:
        """Play a prepared sound (a click) on the utterance player, cutting off an utterance.

        Returns False when there is no player to play it on (the caller may ring the bell).
        """
        with self._lock:
            self._generation += 1
            previous, self._utterance = self._utterance, None
        if previous is not None:
            previous.cancel()
        player = self._player_for_utterances()
        if player is None:
            return False
        player.play(clip, lambda: None)
        return True

    def silence(self) -> None:
        """Stop any utterance now and drop one still being made (the book is being read)."""
        with self._lock:
            self._generation += 1
            previous, self._utterance = self._utterance, None
        if previous is not None:
            previous.cancel()
        self._stop_utterance_player()

    @property
    def speaking(self) -> bool:
        """Whether an utterance is being made or heard."""
        current = self._utterance
        return current is not None and not current.done()

    def _current(self, generation: int) -> bool:
        return generation == self._generation and not self._closed

    def _say_now(self, generation: int, text: str, voice: Voice, keep: bool,
                 done: Future[None], loud: bool = False, before: Clip | None = None) -> None:
        """On the service's thread: make the clip (or take it from the cache) and play it."""
        try:
            if not self._current(generation):
                return
            clip = self._cache.get((text, voice)) if keep else None
            if clip is None:
                parts = self.parts()
                if parts.synthesizer is None:
                    raise UtteranceFailed(parts.problem or "there is no speech engine")
                clip = parts.synthesizer.synthesize(text, voice, urgent=True).result(
                    UTTERANCE_TIMEOUT_S)
                if keep:
                    self._cache[(text, voice)] = clip
            kept = clip if keep else None
            if loud:
                from alsreader.speech.sounds import louder_copy

                plain, clip = clip, louder_copy(clip)
                if clip is not plain and kept is None:
                    plain.delete()
            if not self._current(generation):
                if clip is not kept:
                    clip.delete()
                return
            player = self._player_for_utterances()
            if player is None:
                raise UtteranceFailed(self._utterance_failed or "no sound player could be started")
        except UtteranceFailed as error:
            _settle(done, error)
            return
        except ValueError as error:  # the engine refused the voice or the text
            _settle(done, UtteranceRefused(str(error) or type(error).__name__))
            return
        except Exception as error:  # whatever went wrong is said, never raised into a caller
            _settle(done, UtteranceFailed(str(error) or type(error).__name__))
            return
        made = clip
        owned = made is not kept  # a kept clip stays for next time; a louder copy never does

        def finished() -> None:
            if owned:
                made.delete()
            _settle(done, None)

        def failed(reason: str) -> None:
            if owned:
                made.delete()
            _settle(done, UtteranceFailed(reason))

        if before is None:
            player.play(made, finished, failed)
            return

        def then_the_words() -> None:
            if self._current(generation):
                player.play(made, finished, failed)
            elif owned:
                made.delete()

        player.play(before, then_the_words, failed)

    def player_reason(self) -> str:
        """Why utterances will not be heard although they play ("" when they will be):
        the reason of a silent fallback player, or why no player could be started."""
        player = self._player_for_utterances()
        if player is None:
            return self._utterance_failed
        return str(getattr(player, "reason", "") or "")

    def _player_for_utterances(self) -> Player | None:
        with self._lock:
            if self._utterance_player is None and not self._utterance_failed:
                from alsreader.speech.engine import SpeechUnavailable
                from alsreader.speech.player import make_player

                try:
                    self._utterance_player = make_player(self.player_name)
                except SpeechUnavailable as error:
                    self._utterance_failed = str(error)
            return self._utterance_player

    def _stop_utterance_player(self) -> None:
        player = self._utterance_player
        if player is not None:
            player.stop()

    # ------------------------------------------------------------------ closing

    def close(self) -> None:
        """Silence everything, end the threads and delete every clip. Safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            previous, self._utterance = self._utterance, None
            narrator, self._narrator = self._narrator, None
            player, self._utterance_player = self._utterance_player, None
        if previous is not None:
            previous.cancel()
        self._worker.shutdown(wait=False, cancel_futures=True)
        if player is not None:
            player.close()
        if narrator is not None:
            narrator.close()
        if self._parts is not None:
            self._parts.close()
        for clip in self._cache.values():
            clip.delete()
        self._cache.clear()

    def __enter__(self) -> SpeechService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _settle(done: Future[None], outcome: BaseException | None) -> None:
    """Finish ``done`` unless it was cancelled (cut off) or finished already."""
    with contextlib.suppress(InvalidStateError):
        if outcome is None:
            done.set_result(None)
        else:
            done.set_exception(outcome)

