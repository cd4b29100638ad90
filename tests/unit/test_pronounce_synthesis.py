"""A rule changes what the real voice says (real pyttsx3 + espeak-ng), not what is shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from alsreader.config import document_pronunciations
from alsreader.document.pronounce import Pronouncer, PronunciationRule

synthesizer_module = pytest.importorskip("alsreader.speech.synthesizer")


@pytest.fixture
def synthesizer(tmp_path: Path) -> Iterator[object]:
    try:
        synth = synthesizer_module.Synthesizer(tmp_path / "clips")
    except synthesizer_module.SpeechUnavailable as error:
        pytest.skip(f"no speech engine here: {error}")
    yield synth
    synth.close()


def frames(synthesizer: object, text: str) -> bytes:
    voice = synthesizer_module.Voice()
    clip = synthesizer.synthesize(text, voice).result(30)  # type: ignore[attr-defined]
    data: bytes = clip.frames()
    clip.delete()
    return data


def test_rule_changes_the_audio_not_the_text(synthesizer: object, content_dir: Path) -> None:
    shown = "ALS"
    plain = frames(synthesizer, shown)
    rules, _ = document_pronunciations(content_dir / "als-overview.md")
    spoken = Pronouncer(rules).speakable(shown)
    assert shown == "ALS"
    assert spoken == "A L S"
    with_rule = frames(synthesizer, spoken)
    assert with_rule != plain
    # espeak's output varies by a few samples between runs, so compare durations.
    spelled = frames(synthesizer, "A L S")
    assert abs(len(with_rule) - len(spelled)) < 0.02 * len(spelled)
    assert len(with_rule) > len(plain) * 1.1


def test_skip_rule_removes_audio(synthesizer: object) -> None:
    rule = PronunciationRule(r"\[\d+\]", None, mode="regex")
    shown = "Muscles weaken.[12]"
    skipped = frames(synthesizer, Pronouncer([rule]).speakable(shown))
    bare = frames(synthesizer, "Muscles weaken.")
    assert abs(len(skipped) - len(bare)) < 0.02 * len(bare)
    assert len(frames(synthesizer, shown)) > len(bare) * 1.2
