"""A document's language picks the voice that speaks it (from espeak-ng's own names)."""

from __future__ import annotations

from alsreader.speech.languages import voice_for_language
from alsreader.speech.synthesizer import VoiceInfo

VOICES = [
    VoiceInfo("gmw/de", "German", ("de",)),
    VoiceInfo("gmw/en-us", "English (America)", ("en-us",)),
    VoiceInfo("roa/es", "Spanish (Spain)", ("es",)),
    VoiceInfo("roa/es-419", "Spanish (Latin America)", ("es-419",)),
    VoiceInfo("roa/fr-be", "French (Belgium)", ("fr-be",)),
    VoiceInfo("roa/fr", "French (France)", ("fr-fr",)),
    VoiceInfo("sit/cmn", "Chinese (Mandarin)", ("cmn",)),
    VoiceInfo("sit/yue", "Chinese (Cantonese)", ("yue",)),
]


def test_exact_then_plain_voice_of_the_language() -> None:
    assert voice_for_language(VOICES, "es") == "roa/es"
    assert voice_for_language(VOICES, "es-419") == "roa/es-419"
    assert voice_for_language(VOICES, "es-MX") == "roa/es"
    assert voice_for_language(VOICES, "fr") == "roa/fr"
    assert voice_for_language(VOICES, "fr-BE") == "roa/fr-be"
    assert voice_for_language(VOICES, "de_DE") == "gmw/de"


def test_chinese_is_read_by_a_chinese_voice() -> None:
    assert voice_for_language(VOICES, "zh") == "sit/cmn"
    assert voice_for_language(VOICES, "zh-Hans") == "sit/cmn"
    assert voice_for_language(VOICES, "zh-HK") == "sit/yue"


def test_english_unknown_and_empty_keep_the_default_voice() -> None:
    assert voice_for_language(VOICES, "en-GB") is None
    assert voice_for_language(VOICES, "") is None
    assert voice_for_language(VOICES, "tlh") is None
