"""When each word of a clip is heard: espeak-ng's word marks, kept with the clip.

espeak-ng reports, in its synth callback's events, every word's place in the text and the
sample at which its audio begins (``EVENT_WORD``: ``text_position``, ``length``,
``sample``/``audio_position``). pyttsx3 turns those into ``started-word`` notifications
while it synthesizes, long before anything is heard, and drops the audio position; so the
engine module records the marks beside pyttsx3 (:func:`alsreader.speech.engine.recording_words`)
and the synthesizer keeps them with each clip. The narrator then marks a word when the
player reaches it: the clip's first sample heard plus the word's offset.

The text spoken is the sentence after the pronunciation rules, so a word's place is mapped
back to the sentence as shown (:func:`shown_spans`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class WordTiming:
    """One word of a clip: where it is in the spoken text and when its audio begins."""

    start: int
    """Offset of the word's first character in the text that was spoken."""
    end: int
    """Offset just after the word."""
    offset_s: float
    """Seconds from the clip's first sample to the start of the word's audio."""


def words_from_marks(marks: Iterable[tuple[int, int, int]], text: str,
                     sample_rate: int) -> tuple[WordTiming, ...]:
    """The clip's words from espeak's raw marks ``(text_position, length, sample)``.

    ``text_position`` counts characters from 1. espeak reports one mark per word it says,
    so a number ("3.5": "three point five") gives several marks inside one written word:
    only the first is kept. It also says some pairs as one word ("in the") with one mark
    for the first: so each word reaches to the next mark, and every written word is under
    exactly one mark, in order.
    """
    starts: list[tuple[int, float]] = []
    covered = 0  # the end of the last kept mark: a mark starting before it is part of it
    for position, length, sample in marks:
        start = max(position - 1, 0)
        if start >= len(text) or start < covered or (starts and start <= starts[-1][0]):
            continue
        starts.append((start, max(sample, 0) / sample_rate))
        covered = start + max(length, 1)
    words: list[WordTiming] = []
    for index, (start, offset_s) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        end = _word_end(text, start, end)  # up to the next word, less what is between
        if end > start:
            words.append(WordTiming(start, end, offset_s))
    return tuple(words)


def _word_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over the spaces and punctuation that follow a word."""
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return end


def shown_spans(shown: str, spoken: str,
                words: Sequence[WordTiming]) -> list[tuple[int, int, float]]:
    """Each word's span in ``shown`` (the sentence as displayed) with its offset in seconds.

    When pronunciation rules changed the text ("Dr." said "doctor"), the spoken text is
    aligned with the shown one; a word inside a replaced stretch marks that whole stretch
    (once: the words after it in the same stretch are not marked again).
    """
    if shown == spoken:
        return [(word.start, word.end, word.offset_s) for word in words]
    matcher = difflib.SequenceMatcher(None, shown, spoken, autojunk=False)
    blocks = matcher.get_opcodes()

    def to_shown(offset: int, *, ending: bool) -> int:
        for tag, a0, a1, b0, b1 in blocks:
            inside = b0 <= offset < b1 or (ending and b0 < offset <= b1)
            if not inside:
                continue
            if tag == "equal":
                return a0 + (offset - b0)
            return a1 if ending else a0
        return len(shown) if ending else 0

    spans: list[tuple[int, int, float]] = []
    last_end = 0
    for word in words:
        start = to_shown(word.start, ending=False)
        end = _word_end(shown, start, to_shown(word.end, ending=True))
        while start < end and shown[start].isspace():
            start += 1
        if end <= start or start < last_end:
            continue
        spans.append((start, end, word.offset_s))
        last_end = end
    return spans
