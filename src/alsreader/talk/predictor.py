"""Word prediction: completions of the word being typed, and next words after a space.

Stable API:

- ``WordPredictor(*, language="en", count=8, learn=True, store=None)``: ``count`` is how
  many words to offer (setting ``talk.predictions``), ``learn`` whether what is said is
  learned (setting ``talk.learn_words``), ``store`` the learned-words file (default
  :func:`learned_words_file`, in the state folder). Both ``count`` and ``learn`` can be
  changed later as attributes.
- ``predict(text) -> list[str]``: up to ``count`` words, best first. If ``text`` ends inside
  a word, words that complete it; after a space (or on an empty text), likely next words.
  Words offered for the word being typed and passed over (the person typed another letter
  instead) are not offered again for that word, which frees their places for others; deleting
  brings them back.
- ``learn_from(text)``: what the person just said; its words and word pairs rank higher from
  now on (weighted by use and recency), and the store is rewritten atomically. Does nothing
  while learning is off.
- ``forget()``: clears every learned word (the caregiver's "clear learned words"), on disk too.
- ``notices``: plain messages for the caregiver (a damaged store set aside, a language with no
  general word list); ``last_error``: why the last save failed (saving never raises);
  ``learned_word_count``; ``warm()`` loads the general list ahead of the first prediction
  (0.4-0.9 s and about 47 MB, once per process; call it from a worker thread). Every method
  is safe to call from any thread; a prediction takes a few milliseconds once warm.

Why symspellpy and not wordfreq: wordfreq (Apache-2.0 code, CC-BY-SA-4.0 data) is a 57 MB
wheel with five dependencies, has single-word frequencies only (no word pairs, so no
next-word prediction), and its author has frozen it (last release 3.1.1 in 2023; its
SUNSET note says the data will not be updated); symspellpy (MIT, released 2026) is 2.6 MB
with no required dependency. Both wheels are pure Python (any platform). Only symspellpy's
data files are read; the package is not imported.

Ranking: each candidate's score mixes the general list (an English word list with word-pair
counts from the Google Books n-grams, shipped in the MIT-licensed ``symspellpy`` package on
PyPI: 82,765 words and 243,342 pairs, 2.6 MB wheel, pure Python) with what this person has
said: ``P(word | previous word)`` and ``P(word)``, each the general estimate blended with the
learned one, the learned share growing with how much has been learned. Learned counts decay
with a half-life of :data:`HALF_LIFE` utterances, so recent words outrank old ones of equal use.

Only English has a general list; for another language the predictor offers learned words only
(and says so in ``notices``). Learned words stay on this machine, are never logged, and a
damaged store is set aside with a notice and learning starts afresh. Odd text (emoji, control
characters, other scripts, very long words) is ignored or handled, never an error.
"""

from __future__ import annotations

import heapq
import importlib.util
import json
import math
import re
import threading
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from alsreader import locations
from alsreader.atomic import atomic_write_text, remove_leftovers, set_aside
from alsreader.talk.keyboard import current_word, is_word_character, words_before

STORE_VERSION = 1
DEFAULT_COUNT = 8
"""Words offered by default: a full row of eight (more are scanned in blocks, which costs
steps to each; see docs/talk-keyboard.md)."""
HALF_LIFE = 200.0
"""Utterances after which a learned use counts half as much as a new one."""
MAX_WORD = 40
"""Longer "words" (a pasted address, a run of letters) are neither learned nor predicted."""
MAX_LEARNED_WORDS = 20_000
MAX_LEARNED_PAIRS = 50_000
"""The store keeps the most used words and pairs up to these counts (a few MB at most)."""
NEXT_WORD_CANDIDATES = 400
"""After a space, the most frequent followers of the previous word considered (completions
look at every follower, for their pair counts)."""
START = "<s>"
"""Stands for the start of a message or sentence as the "previous word"."""

LEARNED_UNIGRAM_WEIGHT = 0.8
"""At most this share of ``P(word)`` comes from the learned words..."""
LEARNED_UNIGRAM_HALF = 30.0
"""...and half that share once this many uses have been learned."""
LEARNED_PAIR_HALF = 2.0
"""The learned share of ``P(word | previous)`` is half after this many learned uses of the
previous word (the person's own phrases are the best guide to their next word)."""
PAIR_WEIGHT = 0.99
"""Share of the score from ``P(word | previous word)`` when the previous word is known: the
pair estimate decides, and ``P(word)`` ranks the words never seen after the previous one
(a back-off). Measured on the MacKenzie & Soukoreff phrases: 0.5 gives 2.65 steps per
character, 0.9 gives 2.59, 0.99 gives 2.58, 0.999 gives 2.57."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?]\s*$")


def learned_words_file() -> Path:
    """Where learned words are kept: ``learned-words.json`` in the state folder."""
    return locations.data_dir() / "learned-words.json"


def words_of(text: str) -> list[str]:
    """The words of ``text``, lower-cased, apostrophes kept inside words, at most
    :data:`MAX_WORD` letters (longer runs and everything else are dropped)."""
    return [word.replace("’", "'") for word in _WORD.findall(text.lower())
            if len(word) <= MAX_WORD]


def _primary_language(language: str) -> str:
    return re.split(r"[-_]", language.strip().lower() or "en")[0]


# ---- the general word list ---------------------------------------------------------------


@dataclass
class GeneralWords:
    """A language's general word counts and word-pair counts (read-only once built)."""

    counts: dict[str, int]
    total: int
    successors: dict[str, list[tuple[str, int]]]
    """For each word, the words that follow it with their pair counts, most frequent first."""
    successor_totals: dict[str, int]
    """For each word, the sum of its pair counts: ``P(next | word)`` is a pair's share of it.

    (The pair counts come from a larger sample than the word counts, so a word's own count
    is no denominator for them.)"""
    sorted_words: list[str]
    top_by_prefix: dict[str, list[str]]
    """The most frequent words for every one- and two-letter prefix."""
    most_common: list[str]
    """The most frequent words of all (the first words of a message)."""

    @classmethod
    def build(cls, counts: dict[str, int],
              pairs: Iterable[tuple[str, str, int]]) -> GeneralWords:
        """Index word counts and pair counts for prediction."""
        successors: dict[str, list[tuple[str, int]]] = {}
        # One string object per word (the pair file repeats each word many times).
        same = {word: word for word in counts}
        for first, second, count in pairs:
            successors.setdefault(same.get(first, first), []).append(
                (same.get(second, second), count))
        totals = {}
        for first, following in successors.items():
            totals[first] = sum(count for _next, count in following)
            following.sort(key=lambda item: -item[1])
        by_prefix: dict[str, list[str]] = {}
        by_count = sorted(counts, key=lambda w: -counts[w])
        for word in by_count:
            for length in (1, 2):
                if len(word) >= length:
                    bucket = by_prefix.setdefault(word[:length], [])
                    if len(bucket) < 60:
                        bucket.append(word)
        return cls(counts, sum(counts.values()) or 1, successors, totals, sorted(counts),
                   by_prefix, by_count[:100])

    def completions(self, prefix: str, limit: int) -> list[str]:
        """The ``limit`` most frequent words starting with ``prefix``."""
        if not prefix:
            return []
        if len(prefix) <= 2:
            return self.top_by_prefix.get(prefix, [])[:limit]
        start = bisect_left(self.sorted_words, prefix)
        matches: list[str] = []
        for word in self.sorted_words[start:]:
            if not word.startswith(prefix):
                break
            matches.append(word)
        return heapq.nlargest(limit, matches, key=lambda w: self.counts[w])


EMPTY_GENERAL = GeneralWords({}, 1, {}, {}, [], {}, [])
_general: dict[str, GeneralWords] = {}
_general_lock = threading.Lock()


def _symspell_folder() -> Path | None:
    # Found without importing symspellpy (we only read its data files).
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _read_english() -> GeneralWords:
    folder = _symspell_folder()
    if folder is None:
        return EMPTY_GENERAL
    counts: dict[str, int] = {}
    with open(folder / "frequency_dictionary_en_82_765.txt", encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                counts[parts[0]] = int(parts[1])

    def pairs() -> Iterable[tuple[str, str, int]]:
        with open(folder / "frequency_bigramdictionary_en_243_342.txt",
                  encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) == 3 and parts[2].isdigit():
                    yield parts[0], parts[1], int(parts[2])

    return GeneralWords.build(counts, pairs())


def general_words(language: str = "en") -> GeneralWords:
    """The general word list for ``language`` (loaded once, shared); empty if there is none."""
    primary = _primary_language(language)
    with _general_lock:
        if primary not in _general:
            _general[primary] = _read_english() if primary == "en" else EMPTY_GENERAL
        return _general[primary]


# ---- what this person has said -----------------------------------------------------------


@dataclass
class _Use:
    value: float
    """Uses, each weighted by recency, as of ``at``."""
    at: int
    """The utterance count when ``value`` was last brought up to date."""

    def now(self, tick: int) -> float:
        return self.value * math.pow(0.5, (tick - self.at) / HALF_LIFE)

    def add(self, tick: int) -> None:
        self.value = self.now(tick) + 1.0
        self.at = tick


class LearnedWords:
    """Words and word pairs one person has said, for one language, weighted by recency."""

    def __init__(self) -> None:
        self.tick = 0
        self.words: dict[str, _Use] = {}
        self.pairs: dict[str, dict[str, _Use]] = {}

    def learn(self, words: list[str], starts: set[int]) -> None:
        """Count one utterance's ``words``; ``starts`` are the indexes starting a sentence.

        A word (or pair) counts once per utterance however often it is repeated in it: a
        use is a message that needed it.
        """
        self.tick += 1
        previous = START
        seen: set[tuple[str, str]] = set()
        for index, word in enumerate(words):
            if index in starts:
                previous = START
            if ("", word) not in seen:
                seen.add(("", word))
                self.words.setdefault(word, _Use(0.0, self.tick)).add(self.tick)
            if (previous, word) not in seen:
                seen.add((previous, word))
                following = self.pairs.setdefault(previous, {})
                following.setdefault(word, _Use(0.0, self.tick)).add(self.tick)
            previous = word
        self._prune()

    def weight(self, word: str) -> float:
        use = self.words.get(word)
        return use.now(self.tick) if use else 0.0

    def total(self) -> float:
        return sum(use.now(self.tick) for use in self.words.values())

    def following(self, previous: str) -> dict[str, float]:
        return {word: use.now(self.tick) for word, use in self.pairs.get(previous, {}).items()}

    def _prune(self) -> None:
        if len(self.words) > MAX_LEARNED_WORDS:
            keep = heapq.nlargest(MAX_LEARNED_WORDS, self.words.items(),
                                  key=lambda item: item[1].now(self.tick))
            self.words = dict(keep)
        pair_count = sum(len(following) for following in self.pairs.values())
        if pair_count > MAX_LEARNED_PAIRS:
            flat = [(use.now(self.tick), first, second)
                    for first, following in self.pairs.items()
                    for second, use in following.items()]
            kept: dict[str, dict[str, _Use]] = {}
            for _value, first, second in heapq.nlargest(MAX_LEARNED_PAIRS, flat):
                kept.setdefault(first, {})[second] = self.pairs[first][second]
            self.pairs = kept

    def to_json(self) -> dict[str, Any]:
        return {
            "tick": self.tick,
            "words": {word: [round(use.value, 4), use.at] for word, use in self.words.items()},
            "pairs": {first: {second: [round(use.value, 4), use.at]
                              for second, use in following.items()}
                      for first, following in self.pairs.items()},
        }

    @classmethod
    def from_json(cls, data: Any) -> LearnedWords:
        """Raises ValueError if ``data`` is not a learned-words section."""
        if not isinstance(data, dict):
            raise ValueError("not an object")
        learned = cls()
        tick = data.get("tick", 0)
        if not isinstance(tick, int) or tick < 0:
            raise ValueError("bad tick")
        learned.tick = tick
        words = data.get("words", {})
        pairs = data.get("pairs", {})
        if not isinstance(words, dict) or not isinstance(pairs, dict):
            raise ValueError("bad words")
        learned.words = {_checked_word(word): _use(raw, tick) for word, raw in words.items()}
        for first, following in pairs.items():
            if not isinstance(following, dict):
                raise ValueError("bad pairs")
            if first != START:
                _checked_word(first)
            learned.pairs[first] = {_checked_word(second): _use(raw, tick)
                                    for second, raw in following.items()}
        return learned


def _checked_word(word: Any) -> str:
    if not isinstance(word, str) or words_of(word) != [word]:
        raise ValueError("bad word")
    return word


def _use(raw: Any, tick: int) -> _Use:
    # A use is at most one a message, dated no later than the last message learned.
    if (not isinstance(raw, list) or len(raw) != 2
            or not isinstance(raw[0], (int, float)) or not isinstance(raw[1], int)
            or isinstance(raw[0], bool) or isinstance(raw[1], bool)
            or not 0 <= raw[0] <= max(tick, 1) or not 0 <= raw[1] <= tick):
        raise ValueError("bad use")
    return _Use(float(raw[0]), raw[1])


# ---- the predictor -----------------------------------------------------------------------


class WordPredictor:
    """Predicted words for the keyboard's Words row, learning from what is said."""

    def __init__(self, *, language: str = "en", count: int = DEFAULT_COUNT, learn: bool = True,
                 store: Path | None = None, durable: bool = True) -> None:
        """A predictor for ``language``; learned words are read from ``store`` at once.

        ``durable=False`` skips fsync when saving (still atomic); for tests and benchmarks.
        """
        self.language = _primary_language(language)
        self.count = count
        self.learn = learn
        self.store = Path(store) if store is not None else learned_words_file()
        self.notices: list[str] = []
        """Plain messages for the caregiver (never containing learned words)."""
        self.last_error: str | None = None
        """Why the last save failed, or None (saving never raises)."""
        self._durable = durable
        self._lock = threading.RLock()
        self._learned = LearnedWords()
        self._other_languages: dict[str, Any] = {}
        self._last_offer: tuple[str, list[str]] = ("", [])
        self._passed: set[str] = set()
        self._load()
        if self.language != "en":
            self.notices.append(
                f"There is no general word list for the language {self.language!r}; "
                "words are predicted only from what has been said.")

    # ---- predicting ----

    def warm(self) -> None:
        """Load the general word list now (it is otherwise loaded on the first prediction)."""
        general_words(self.language)

    def predict(self, text: str) -> list[str]:
        """Up to :attr:`count` words: completions of the word being typed at the end of
        ``text``, or the likely next words when ``text`` ends with a space (or is empty)."""
        limit = max(0, int(self.count))
        if limit == 0:
            return []
        prefix = current_word(text).lower().replace("’", "'")
        if len(prefix) > MAX_WORD:
            return []
        before = words_before(text)
        if before and not before[-1].isspace() and not _SENTENCE_END.search(before):
            # Right after a digit or a mark (not a sentence end): nothing sensible to offer.
            return []
        previous = self._previous_word(before)
        general = general_words(self.language)
        with self._lock:
            passed = self._passed_over(text)
            offered = self._rank(prefix, previous, general, limit, passed)
            self._last_offer = (text, offered)
            return offered

    def _passed_over(self, text: str) -> set[str]:
        """Words offered for this word already and not chosen: the person typed another
        letter instead, so they are not the word (freeing their places for others)."""
        last_text, last_offered = self._last_offer
        grown = text[len(last_text):]
        if text.startswith(last_text) and grown and all(map(is_word_character, grown)):
            self._passed |= set(last_offered)
        elif text != last_text:
            self._passed = set()
        return self._passed

    def _previous_word(self, before: str) -> str:
        if not before.strip() or _SENTENCE_END.search(before):
            return START
        words = words_of(before.rsplit(None, 1)[-1]) if before.split() else []
        return words[-1] if words else START

    def _rank(self, prefix: str, previous: str, general: GeneralWords,
              limit: int, passed: set[str]) -> list[str]:
        learned = self._learned
        candidates: set[str] = set()
        wide = max(limit * 4, 20)
        candidates.update(general.completions(prefix, wide) if prefix
                          else general.most_common[:wide])
        general_next = general.successors.get(previous, [])
        candidates.update(word for word, _count in general_next[:NEXT_WORD_CANDIDATES]
                          if word.startswith(prefix))
        learned_next = learned.following(previous)
        candidates.update(word for word in learned_next if word.startswith(prefix))
        candidates.update(word for word in learned.words if word.startswith(prefix))
        candidates.discard("")
        candidates -= passed
        if not candidates:
            return []
        learned_total = learned.total()
        unigram_share = (LEARNED_UNIGRAM_WEIGHT * learned_total
                         / (learned_total + LEARNED_UNIGRAM_HALF))
        next_total = sum(learned_next.values())
        pair_share = next_total / (next_total + LEARNED_PAIR_HALF)
        previous_count = general.successor_totals.get(previous, 0)
        general_pairs = dict(general_next)

        def score(word: str) -> float:
            general_p = general.counts.get(word, 0) / general.total
            learned_p = learned.weight(word) / learned_total if learned_total else 0.0
            unigram = (1 - unigram_share) * general_p + unigram_share * learned_p
            if previous == START and not learned_next:
                return unigram
            general_pair = (general_pairs.get(word, 0) / previous_count
                            if previous_count else 0.0)
            learned_pair = learned_next.get(word, 0.0) / next_total if next_total else 0.0
            pair = (1 - pair_share) * general_pair + pair_share * learned_pair
            return PAIR_WEIGHT * pair + (1 - PAIR_WEIGHT) * unigram

        ranked = sorted(candidates, key=lambda word: (-score(word), word))
        return ranked[:limit]

    # ---- learning ----

    def learn_from(self, text: str) -> None:
        """Learn the words of something the person said (nothing while learning is off)."""
        if not self.learn:
            return
        words: list[str] = []
        starts: set[int] = set()
        for sentence in re.split(r"[.!?]+", text):
            found = words_of(sentence)
            if found:
                starts.add(len(words))
                words += found
        if not words:
            return
        with self._lock:
            self._learned.learn(words, starts)
            self._save()

    def forget(self) -> None:
        """Clear every learned word, in every language, and remove the store (and any damaged
        copies set aside) from the disk."""
        with self._lock:
            self._learned = LearnedWords()
            self._other_languages = {}
            for path in [self.store, *self._set_aside_copies()]:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass
                except OSError as error:
                    self.last_error = f"Learned words could not be removed ({error.strerror})."

    @property
    def learned_word_count(self) -> int:
        """How many different words have been learned (for the caregiver's settings)."""
        with self._lock:
            return len(self._learned.words)

    # ---- the store ----

    def _set_aside_copies(self) -> list[Path]:
        try:
            return sorted(self.store.parent.glob(f"{self.store.name}.corrupt-*"))
        except OSError:
            return []

    def _load(self) -> None:
        remove_leftovers(self.store)
        try:
            raw = self.store.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            self.notices.append(f"Learned words could not be read ({error.strerror}); "
                                "predicting without them for now.")
            return
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or data.get("version") != STORE_VERSION:
                raise ValueError("not a learned-words file")
            languages = data.get("languages", {})
            if not isinstance(languages, dict):
                raise ValueError("bad languages")
            mine = languages.get(self.language)
            if mine is not None:
                self._learned = LearnedWords.from_json(mine)
            self._other_languages = {name: section for name, section in languages.items()
                                     if name != self.language}
        except (ValueError, UnicodeDecodeError, RecursionError):
            self._learned = LearnedWords()
            self._other_languages = {}
            self._set_aside()

    def _set_aside(self) -> None:
        kept = set_aside(self.store, datetime.now(timezone.utc))
        self.notices.append(f"The learned words file was damaged; {kept}; "
                            "learning starts afresh.")

    def _save(self) -> None:
        data = {"version": STORE_VERSION,
                "languages": {**self._other_languages,
                              self.language: self._learned.to_json()}}
        try:
            atomic_write_text(self.store, json.dumps(data, ensure_ascii=False,
                                                     separators=(",", ":")),
                              durable=self._durable)
            self.last_error = None
        except OSError as error:
            self.last_error = f"Learned words could not be saved ({error.strerror})."
