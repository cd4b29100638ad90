"""Which installed voice speaks a document's language (when the caregiver fixed no voice).

Documents say their language as a BCP 47 tag ("es", "fr-CA", "zh-Hans"); espeak-ng names its
voices' languages its own way ("fr-fr", "cmn", "yue"). A voice is chosen by exact tag first,
then by the primary language (the part before the first "-"), preferring the plain voice of
that language ("es" over "es-419", "fr-fr" for "fr"). Chinese written as "zh" is read by the
Mandarin voice. English keeps the engine's default voice.
"""

from __future__ import annotations

from collections.abc import Sequence

from alsreader.speech.synthesizer import VoiceInfo

ALIASES = {"zh": "cmn", "zh-cn": "cmn", "zh-hans": "cmn", "zh-tw": "cmn", "zh-hant": "cmn",
           "zh-hk": "yue", "nb": "nb", "no": "nb"}
"""Tags whose espeak-ng language has another name."""
DEFAULT_LANGUAGE = "en"
"""The engine's default voice already speaks this."""


def voice_for_language(voices: Sequence[VoiceInfo], tag: str) -> str | None:
    """The id of the installed voice for language ``tag``; None to keep the default voice
    (English, no tag, or no voice for it)."""
    wanted = tag.strip().lower().replace("_", "-")
    if not wanted:
        return None
    wanted = ALIASES.get(wanted, ALIASES.get(wanted.split("-")[0], wanted))
    primary = wanted.split("-")[0]
    if primary == DEFAULT_LANGUAGE:
        return None
    best: tuple[int, str] | None = None
    for voice in voices:
        for language in voice.languages:
            spoken = language.lower()
            if spoken == wanted:
                rank = 0
            elif spoken in (primary, f"{primary}-{primary}"):
                rank = 1
            elif spoken.split("-")[0] == primary:
                rank = 2
            else:
                continue
            if best is None or (rank, voice.id) < best:
                best = (rank, voice.id)
    return best[1] if best is not None else None
