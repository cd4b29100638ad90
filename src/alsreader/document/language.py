"""The language of a document that does not say it (plain text, Markdown, a page without
``lang``), so sentences are split by its rules and the voice can speak it; and the
language a document declares, made a standard tag (:func:`language_tag`).

py3langid (a maintained fork of langid.py; BSD licence, its model included) tells the
language from a few samples of the text. Its model takes about 1.5 s and 120 MB at peak to
load (and is let go after), so it is asked only when the text is not plainly English: a
sample in which the common English words ("the", "and", "of" ...) are a good share of all
words is English without it, and Chinese, Japanese or Korean is told by its script.
"""

from __future__ import annotations

import re
import threading
from typing import Any

SAMPLE_CHARS = 2000
"""The length of each of the samples the language is told from."""
SAMPLES = 3
"""Samples are taken at even places through the text (front matter, a contents list or a
licence at either end does not decide alone)."""
MIN_CONFIDENCE = 0.8
"""Below this probability the language is not known ("")."""
MIN_LETTERS = 40
"""Less text than this says too little: no language is given (a Chinese or Japanese
character says more: 10 of them do)."""
MIN_SCRIPT_LETTERS = 10
ENGLISH_SHARE = 0.18
"""Common English words make about a quarter of English prose, a few hundredths of text in
other languages that use Latin letters."""
_ENGLISH = frozenset({
    "the", "and", "of", "to", "a", "in", "is", "that", "it", "was", "for", "on", "are", "as",
    "with", "his", "they", "at", "be", "this", "from", "have", "or", "by", "had", "not",
    "but", "what", "all", "were", "when", "we", "there", "can", "an", "your", "which",
    "their", "said", "if", "will", "been", "has", "would", "who", "its", "into", "than",
    "them", "these", "so", "she", "he", "her", "him", "you", "i",
})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_SCRIPT_SHARE = 0.3
"""A sample whose letters are this much kana, Han or Hangul is in that script's language."""

_lock = threading.Lock()

_PLAIN_TAG = re.compile(r"[a-z]{2}(?:-[A-Za-z0-9]{1,8})*")
"""A tag already in the common form ("fr", "pt-BR"), taken as it is (no library needed)."""
_NO_LANGUAGE = frozenset({"und", "mul", "zxx", "mis"})
"""Codes that say no language, several, or not one in the list."""


def language_tag(declared: str) -> str:
    """A document's declared language as a standard BCP 47 tag, "" when it names none.

    Books and pages say it in many ways: "fr" and "fr-FR" are kept; ISO 639-2 codes
    ("fre", "ger", "jpn"), "en_US" and old tags are made standard ("fr", "de", "ja",
    "en-US") by langcodes (MIT); "und", a private "x-..." tag or a word ("French") is no
    language, so the text decides instead.
    """
    text = declared.strip()
    if _PLAIN_TAG.fullmatch(text):
        return text
    if not text or len(text) > 64:
        return ""
    import langcodes
    from langcodes.tag_parser import LanguageTagError

    try:
        tag = str(langcodes.standardize_tag(text))
    except (LanguageTagError, ValueError, KeyError):
        return ""
    primary = tag.split("-")[0].lower()
    if (primary in _NO_LANGUAGE or not primary.isalpha() or not 2 <= len(primary) <= 3
            or not langcodes.tag_is_valid(tag)):
        return ""
    return tag



def detect_language(text: str) -> str:
    """The language of ``text`` as a BCP 47 primary tag ("es", "zh"), "" when unsure."""
    sample = _samples(text)
    letters = sum(1 for char in sample if char.isalpha())
    by_script = _by_script(sample, letters) if letters >= MIN_SCRIPT_LETTERS else ""
    if by_script or letters < MIN_LETTERS:
        return by_script
    words = [word.casefold() for word in _WORD.findall(sample)]
    if words and sum(word in _ENGLISH for word in words) >= ENGLISH_SHARE * len(words):
        return "en"
    language, confidence = _classify(sample)
    return language if confidence >= MIN_CONFIDENCE else ""


def _samples(text: str) -> str:
    if len(text) <= SAMPLE_CHARS * SAMPLES:
        return text
    step = (len(text) - SAMPLE_CHARS) // (SAMPLES - 1)
    return "\n".join(text[at : at + SAMPLE_CHARS] for at in range(0, step * SAMPLES, step))


def _by_script(sample: str, letters: int) -> str:
    kana = len(_KANA.findall(sample))
    if kana >= _SCRIPT_SHARE * letters / 3:
        # Japanese mixes kana among Han characters; Chinese has none.
        return "ja"
    if len(_HAN.findall(sample)) >= _SCRIPT_SHARE * letters:
        return "zh"
    if len(_HANGUL.findall(sample)) >= _SCRIPT_SHARE * letters:
        return "ko"
    return ""


def _classify(sample: str) -> tuple[str, float]:
    # The model is loaded for each document that needs it and let go after: holding its
    # 60 MB for the whole session would cost more than loading it again (about a second)
    # when the next such document is opened.
    with _lock:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier: Any = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        language, confidence = identifier.classify(sample)
        del identifier
    return str(language), float(confidence)
