"""Word prediction: completions, next words, learning, the learned-words store, odd text."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from alsreader.talk.predictor import HALF_LIFE, MAX_WORD, WordPredictor, learned_words_file


def predictor(folder: Path, **options: object) -> WordPredictor:
    return WordPredictor(store=folder / "learned-words.json", durable=False, **options)  # type: ignore[arg-type]


def test_completions_of_the_word_being_typed(tmp_path: Path) -> None:
    words = predictor(tmp_path).predict("my wat")
    assert "watch" in words
    assert "water" in words
    assert all(word.startswith("wat") for word in words)


def test_next_words_after_a_space_follow_the_previous_word(tmp_path: Path) -> None:
    assert predictor(tmp_path).predict("thank ")[0] == "you"
    assert "am" in predictor(tmp_path).predict("I ")


def test_an_empty_text_offers_the_commonest_first_words(tmp_path: Path) -> None:
    words = predictor(tmp_path).predict("")
    assert len(words) == 8
    assert "the" in words


def test_count_is_how_many_words_are_offered(tmp_path: Path) -> None:
    assert len(predictor(tmp_path, count=3).predict("th")) == 3
    assert predictor(tmp_path, count=0).predict("th") == []
    changed = predictor(tmp_path)
    changed.count = 2
    assert len(changed.predict("th")) == 2


def test_a_word_passed_over_is_not_offered_again_for_that_word(tmp_path: Path) -> None:
    words = predictor(tmp_path)
    first = words.predict("w")
    assert "with" in first
    assert "with" not in words.predict("wi")
    assert "with" not in words.predict("wit")
    # Deleting back (the person may have missed it) brings it back.
    assert "with" in words.predict("wi")
    # The same text asked again (a redraw) keeps its words.
    assert words.predict("wi") == words.predict("wi")


def test_learning_puts_this_persons_words_first(tmp_path: Path) -> None:
    words = predictor(tmp_path)
    assert "quinoa" not in words.predict("some q")
    words.learn_from("I would like some quinoa")
    assert words.predict("some q")[0] == "quinoa"
    assert words.predict("some ")[0] == "quinoa"
    words.learn_from("Please call my daughter Siobhan.")
    assert words.predict("call my ")[0] == "daughter"
    assert "siobhan" in words.predict("daughter s")


def test_more_use_ranks_higher_and_recent_use_outranks_old(tmp_path: Path) -> None:
    words = predictor(tmp_path)
    for _ in range(3):
        words.learn_from("quokka")
    words.learn_from("quince")
    assert words.predict("qu").index("quokka") < words.predict("qu").index("quince")
    for _ in range(int(HALF_LIFE * 3)):
        words.learn_from("yes")
    words.learn_from("quince")
    ranked = words.predict("qu")
    assert ranked.index("quince") < ranked.index("quokka")


def test_learning_off_learns_nothing(tmp_path: Path) -> None:
    words = predictor(tmp_path, learn=False)
    words.learn_from("I would like some quinoa")
    assert "quinoa" not in words.predict("some q")
    assert not (tmp_path / "learned-words.json").exists()


def test_learned_words_survive_reopening(tmp_path: Path) -> None:
    predictor(tmp_path).learn_from("Bring me the zither")
    again = predictor(tmp_path)
    assert again.predict("the z")[0] == "zither"
    assert again.learned_word_count == 4
    assert again.notices == []


def test_repeated_words_count_once_a_message_and_reopen_cleanly(tmp_path: Path) -> None:
    words = predictor(tmp_path)
    words.learn_from("no more war no more bloodshed. No no no!")
    again = predictor(tmp_path)
    assert again.notices == []
    assert again.predict("no ")[0] == "more"


def test_other_languages_in_the_store_are_kept(tmp_path: Path) -> None:
    predictor(tmp_path, language="fr").learn_from("bonjour madame")
    predictor(tmp_path).learn_from("hello")
    french = predictor(tmp_path, language="fr-FR")
    assert french.predict("bon") == ["bonjour"]
    assert any("no general word list" in notice for notice in french.notices)
    assert french.predict("") == ["bonjour", "madame"]


def test_the_store_is_in_the_state_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALSREADER_HOME", str(tmp_path))
    assert learned_words_file() == tmp_path / "data" / "learned-words.json"
    assert WordPredictor().store == learned_words_file()


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not json",
        b"[1, 2, 3]",
        b'{"version": 1, "languages": {"en": {"tick": 1, "words": {"x": "bad"}}}}',
        b'{"version": 1, "languages": {"en": {"tick": -1}}}',
        b'{"version": 1, "languages": {"en": {"words": {"two words": [1.0, 0]}}}}',
        b'{"version": 1, "languages": {"en": {"words": {"ok": [NaN, 0]}}}}',
        b'{"version": 99}',
        b'{"version": 1, "languages": {"en": {"tick": 2, "words": {"ok": [1.0, 10000000]}}}}',
        b'{"version": 1, "languages": {"en": {"tick": 2, "words": {"ok": [1e300, 1]}}}}',
        b"[" * 100_000,
    ],
    ids=["binary", "list", "bad-use", "bad-tick", "bad-word", "nan", "version", "future",
         "huge", "deep"],
)
def test_a_damaged_store_is_set_aside_with_a_message_and_learning_starts_afresh(
    tmp_path: Path, content: bytes
) -> None:
    store = tmp_path / "learned-words.json"
    store.write_bytes(content)
    words = predictor(tmp_path)
    assert len(words.notices) == 1
    assert "damaged" in words.notices[0]
    assert not store.exists()
    assert len(list(tmp_path.glob("learned-words.json.corrupt-*"))) == 1
    assert words.predict("th")
    words.learn_from("fresh start")
    assert predictor(tmp_path).predict("fresh ")[0] == "start"


def test_forget_clears_every_learned_word_on_disk_too(tmp_path: Path) -> None:
    store = tmp_path / "learned-words.json"
    (tmp_path / "learned-words.json.corrupt-20260101T000000").write_text("old", "utf-8")
    words = predictor(tmp_path)
    words.learn_from("I would like some quinoa")
    assert store.exists()
    words.forget()
    assert not store.exists()
    assert list(tmp_path.glob("learned-words.json*")) == []
    assert "quinoa" not in words.predict("some q")
    assert words.learned_word_count == 0


def test_a_store_that_cannot_be_written_is_a_message_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", "utf-8")
    words = WordPredictor(store=blocker / "learned-words.json", durable=False)
    words.learn_from("hello there")
    assert words.last_error is not None
    assert "could not be saved" in words.last_error
    assert words.predict("hello ")


@pytest.mark.parametrize(
    "text",
    [
        "😀😀😀 ",
        "I feel 😀",
        "bell\x07 and \x1b[31mred\x1b[0m ",
        "\x00\x01\x02",
        "привет мир ",
        "مرحبا بالعالم",
        "日本語のテキスト",
        "x" * 10_000,
        "don't ",
        "call 911 now",
        "end. new",
        "\u202eevil\u202c ",
        "a" * (MAX_WORD + 1) + " word",
    ],
    ids=["emoji", "emoji-end", "escapes", "control", "cyrillic", "arabic", "japanese", "long",
         "apostrophe", "digits", "sentence", "bidi", "over-long-word"],
)
def test_odd_text_never_breaks_prediction_or_learning(tmp_path: Path, text: str) -> None:
    words = predictor(tmp_path)
    assert isinstance(words.predict(text), list)
    words.learn_from(text)
    stored = json.loads((tmp_path / "learned-words.json").read_text("utf-8")) \
        if (tmp_path / "learned-words.json").exists() else {"languages": {}}
    learned = stored["languages"].get("en", {}).get("words", {})
    assert all(word.isprintable() and len(word) <= MAX_WORD for word in learned)
    assert all("\x1b" not in word and "😀" not in word for word in learned)
    assert predictor(tmp_path).notices == []


def test_learned_words_are_never_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    words = predictor(tmp_path)
    words.learn_from("my secret word is xylophonic")
    words.predict("xylo")
    words.forget()
    assert "xylophonic" not in caplog.text
