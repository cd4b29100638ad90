"""espeak-ng's word marks made into the clip's words, and mapped onto the text as shown.

The marks are the raw ``(text_position, length, sample)`` triples espeak-ng reported for
these texts (recorded from the synth callback at 175 and 200 words per minute); the real
engine path is covered by test_word_highlight_audio.py.
"""

from __future__ import annotations

from alsreader.document.pronounce import Pronouncer, PronunciationRule
from alsreader.speech.timings import WordTiming, shown_spans, words_from_marks

RATE = 22050


def _texts(text: str, words: tuple[WordTiming, ...]) -> list[str]:
    return [text[word.start:word.end] for word in words]


def test_each_mark_becomes_a_word_with_its_time_in_the_clip() -> None:
    text = "Hello there, this is a café naïve test."
    marks = [(1, 5, 0), (7, 5, 6771), (14, 4, 17958), (19, 2, 22204), (22, 1, 24636),
             (24, 4, 26097), (29, 5, 34280), (35, 4, 41480)]
    words = words_from_marks(marks, text, RATE)
    # Positions count characters (not UTF-8 bytes): "café" and "naïve" land right.
    assert _texts(text, words) == ["Hello", "there", "this", "is", "a", "café", "naïve", "test"]
    assert [round(word.offset_s, 3) for word in words] == [
        0.0, 0.307, 0.814, 1.007, 1.117, 1.184, 1.555, 1.881]


def test_a_number_said_as_several_words_is_marked_once() -> None:
    text = "Second one; numbers 3.5 and Dr. Smith."
    marks = [(1, 6, 0), (8, 3, 10354), (13, 7, 20923), (21, 3, 30141), (22, 3, 35025),
             (22, 3, 41645), (25, 3, 51658), (29, 2, 55884), (33, 5, 64675)]
    words = words_from_marks(marks, text, RATE)
    assert _texts(text, words) == ["Second", "one", "numbers", "3.5", "and", "Dr", "Smith"]


def test_words_espeak_says_as_one_are_marked_together() -> None:
    text = "Nothing in the little town had changed for years."
    marks = [(1, 7, 0), (9, 2, 5465), (16, 6, 11362), (23, 4, 17013), (28, 3, 22762),
             (32, 7, 27557), (40, 3, 37438), (44, 5, 41287)]
    words = words_from_marks(marks, text, RATE)
    assert _texts(text, words) == [
        "Nothing", "in the", "little", "town", "had", "changed", "for", "years"]


def test_marks_out_of_order_or_past_the_text_are_dropped() -> None:
    text = "One two."
    words = words_from_marks([(1, 3, 0), (1, 3, 50), (5, 3, 900), (40, 2, 2000)], text, RATE)
    assert _texts(text, words) == ["One", "two"]
    assert words_from_marks([], text, RATE) == ()


def test_a_word_replaced_by_a_rule_marks_what_it_replaced() -> None:
    shown = "See fig. 3 now."
    spoken = Pronouncer([PronunciationRule("fig.", "figure number")]).speakable(shown)
    assert spoken == "See figure number 3 now."
    starts = [spoken.index(word) for word in ("See", "figure", "number", "3", "now")]
    words = words_from_marks([(start + 1, 1, 100 * k) for k, start in enumerate(starts)],
                             spoken, RATE)
    spans = shown_spans(shown, spoken, words)
    assert [shown[start:end] for start, end, _ in spans] == ["See", "fig", "3", "now"]


def test_words_of_the_spoken_text_are_found_in_the_text_as_shown() -> None:
    shown = "Dr. Smith met the ALS team."
    pronouncer = Pronouncer([PronunciationRule("Dr.", "Doctor"),
                             PronunciationRule("ALS", "A L S")])
    spoken = pronouncer.speakable(shown)
    assert spoken == "Doctor Smith met the A L S team."
    # One mark per spoken word, as espeak-ng gives them.
    starts = [spoken.index(word) for word in ("Doctor", "Smith", "met", "the")]
    starts += [spoken.index("A L S"), spoken.index("L S"), spoken.index("S team"),
               spoken.index("team")]
    marks = [(start + 1, 1, 1000 * k) for k, start in enumerate(starts)]
    words = words_from_marks(marks, spoken, RATE)
    spans = shown_spans(shown, spoken, words)
    # "A L S" is spelled: the mark goes letter by letter over "ALS".
    assert [shown[start:end] for start, end, _ in spans] == [
        "Dr", "Smith", "met", "the", "A", "L", "S", "team"]
    offsets = [offset for _, _, offset in spans]
    assert offsets == sorted(offsets)


def test_unchanged_text_keeps_the_words_as_they_are() -> None:
    words = (WordTiming(0, 3, 0.0), WordTiming(4, 7, 0.25))
    assert shown_spans("One two.", "One two.", words) == [(0, 3, 0.0), (4, 7, 0.25)]
