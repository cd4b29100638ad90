"""Sentence boundaries: abbreviations, decimals and initials hold; long runs are cut."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from alsreader.document.loader import load_document
from alsreader.document.segment import (
    MAX_CHARS,
    MAX_WORDS,
    MIN_WORDS,
    sentence_spans,
    split_word_stops,
)


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, checking every span slices back to its sentence."""
    spans = sentence_spans(text)
    for (_start, end), (next_start, _) in itertools.pairwise(spans):
        assert end <= next_start, "spans overlap"
    result = [text[start:end] for start, end in spans]
    for sentence in result:
        assert sentence == sentence.strip()
        assert sentence
    return result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Smith went home. He was tired.", ["Dr. Smith went home.", "He was tired."]),
        (
            "Use soft foods, e.g. soup or yoghurt, when swallowing is hard. Then rest.",
            ["Use soft foods, e.g. soup or yoghurt, when swallowing is hard.", "Then rest."],
        ),
        (
            "The dose rose to 3.5 mg last week. It helped.",
            ["The dose rose to 3.5 mg last week.", "It helped."],
        ),
        (
            "She trained in the U.S. for two years. Then she came home.",
            ["She trained in the U.S. for two years.", "Then she came home."],
        ),
        (
            "J. R. R. Tolkien wrote long books. They are worth it.",
            ["J. R. R. Tolkien wrote long books.", "They are worth it."],
        ),
        (
            "Prof. A. Jones, i.e. the neurologist, called. Good news!",
            ["Prof. A. Jones, i.e. the neurologist, called.", "Good news!"],
        ),
        ("Is it time? Yes! Let's go.", ["Is it time?", "Yes!", "Let's go."]),
    ],
)
def test_pitfalls_do_not_end_a_sentence(text: str, expected: list[str]) -> None:
    """Abbreviations, decimals, countries and initials stay inside their sentence."""
    assert sentences(text) == expected


def test_spans_are_offset_by_base_and_skip_whitespace() -> None:
    """Spans count from ``base`` and leave out surrounding spaces."""
    text = "   One. Two.  "
    assert sentence_spans(text, base=100) == [(103, 107), (108, 112)]


def test_blank_text_has_no_sentences() -> None:
    """Whitespace alone is nothing to read."""
    assert sentence_spans(" \n\t ") == []


def test_unicode_text_keeps_exact_spans() -> None:
    """Emoji, right-to-left text and zero-width characters keep their places."""
    text = "Café 😀 time. שלום עולם. Zero\u200bwidth joins."
    assert sentences(text) == ["Café 😀 time.", "שלום עולם.", "Zero\u200bwidth joins."]


def test_long_run_is_cut_at_clause_marks() -> None:
    """Hundreds of words without a full stop become pieces that end at commas or semicolons."""
    clause = "we walked along the river and talked about the old days"
    text = ", ".join([clause] * 40) + "; and then we went home"
    pieces = sentences(text)
    assert len(pieces) > 5
    for piece in pieces:
        assert len(piece.split()) <= MAX_WORDS
    for piece in pieces[:-1]:
        assert piece.endswith((",", ";"))
    assert " ".join(pieces) == text


def test_long_run_without_marks_is_cut_between_words() -> None:
    """With no clause marks at all, pieces are cut between words, none a tiny stub."""
    text = " ".join(f"word{i}" for i in range(500))
    pieces = sentences(text)
    assert " ".join(pieces) == text
    assert all(10 <= len(piece.split()) <= MAX_WORDS for piece in pieces)


def test_long_run_is_cut_at_dashes() -> None:
    """A spaced dash is a natural pause too."""
    part = "the voice went on and on without any stop at all for a long time"
    text = " — ".join([part] * 20)
    pieces = sentences(text)
    assert len(pieces) > 3
    assert all(piece.endswith("—") for piece in pieces[:-1])


def test_enormous_word_is_cut_by_length() -> None:
    """A pasted link or packed data with no spaces still becomes speakable pieces."""
    text = "Look at " + "x" * 2000 + " now."
    pieces = sentences(text)
    assert all(len(piece) <= MAX_CHARS for piece in pieces)
    assert "".join(piece.replace(" ", "") for piece in pieces) == text.replace(" ", "")


OVERVIEW_SENTENCE = (
    "ALS usually begins quietly, and the first signs are easy to miss. A person may notice "
    "that some muscles feel weak."
)


def test_overview_sentence_ending_in_miss_is_two_sentences() -> None:
    """The bundled overview's "easy to miss. A person ..." is not read as the title "Miss."."""
    assert sentences(OVERVIEW_SENTENCE) == [
        "ALS usually begins quietly, and the first signs are easy to miss.",
        "A person may notice that some muscles feel weak.",
    ]


def test_bundled_overview_keeps_its_sentences_apart() -> None:
    """The overview as shipped splits at "miss." (the sentence is still in the file)."""
    from alsreader import locations

    path = locations.bundled_content_dir() / "als-overview.md"
    overview = path.read_text(encoding="utf-8")
    assert OVERVIEW_SENTENCE in " ".join(overview.split())
    document = load_document(path)
    texts = [s.text for section in document.sections for s in section.sentences]
    assert "ALS usually begins quietly, and the first signs are easy to miss." in texts


@pytest.mark.parametrize(
    ("ending", "word"),
    [
        ("Nobody saw it, so it was easy to miss.", "A"),
        ("She asked for more and I said no.", "I"),
        ("We spent the afternoon looking at art.", "Closed"),
        ("Then she ate a ripe fig.", "The"),
        ("They met on a sunny afternoon in may.", "A"),
        ("The tools were apples, pears, etc.", "Developers"),
        ("The shop shuts early on sat.", "A"),
        ("He could not stop worrying about me.", "I've"),
        ("Rest for ten min.", "After"),
        ("The parcel went to Elm dr.", "A"),
        ("(See Fig. 1 above.)", "In"),
    ],
)
def test_lower_case_word_that_is_an_abbreviation_can_end_a_sentence(
    ending: str, word: str
) -> None:
    """A lower-case "miss.", "no.", "art.", "etc." ... before a capital ends the sentence."""
    following = f"{word} new sentence begins here."
    assert sentences(f"{ending} {following}") == [ending, following]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("“Stop. Now. Please.” She left.", "en",
         ["“Stop.", "Now.", "Please.”", "She left."]),
        ('"Stop. Now. Please." She left.', "en", ['"Stop.', "Now.", 'Please."', "She left."]),
        ("«Vous êtes Français? demanda Phileas Fogg. Oui. Bien.» Il se leva.", "fr",
         ["«Vous êtes Français? demanda Phileas Fogg.", "Oui.", "Bien.»", "Il se leva."]),
        ("„Komm. Jetzt.“ Er ging.", "de", ["„Komm.", "Jetzt.“", "Er ging."]),
        ("»Wohin? Sag es mir.« Dann ging er.", "de", ["»Wohin?", "Sag es mir.«", "Dann ging er."]),
        ("「你好嗎？我很好。」他問道。", "zh", ["「你好嗎？", "我很好。」", "他問道。"]),
        ("“Where are you going?” he asked. “Home.”", "en",
         ["“Where are you going?” he asked.", "“Home.”"]),
    ],
)
def test_every_sentence_of_a_quotation_is_its_own(
    text: str, language: str, expected: list[str]
) -> None:
    """A closed quotation of several sentences is read sentence by sentence, in every
    language's quotation marks; a one-sentence quotation stays with its speaker's tag."""
    assert [text[a:b] for a, b in sentence_spans(text, language=language)] == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("--Et vous vous nommez John? demanda Phileas Fogg. --Jean.", "fr",
         ["--Et vous vous nommez John? demanda Phileas Fogg.", "--Jean."]),
        ("—¿Quién es? —preguntó ella. —Yo.", "es", ["—¿Quién es? —preguntó ella.", "—Yo."]),
        ("Help! she cried. Then silence.", "en", ["Help! she cried.", "Then silence."]),
        ("Is it time? Yes! Let's go.", "en", ["Is it time?", "Yes!", "Let's go."]),
    ],
)
def test_a_question_or_cry_followed_by_a_lower_case_word_goes_on(
    text: str, language: str, expected: list[str]
) -> None:
    """The speaker's tag after "?" or "!" ("demanda", "preguntó", "she cried") belongs to
    the sentence; a capital after the mark starts a new one."""
    assert [text[a:b] for a, b in sentence_spans(text, language=language)] == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("M. Durand est arrivé. Il a vu M. et Mme Martin.", "fr",
         ["M. Durand est arrivé.", "Il a vu M. et Mme Martin."]),
        ("Le Dr. Martin est là. Il part.", "fr", ["Le Dr. Martin est là.", "Il part."]),
        ("「助けて！」と言いました。彼は走った。", "ja",
         ["「助けて！」と言いました。", "彼は走った。"]),
        ("「本当？」って聞いた。", "ja", ["「本当？」って聞いた。"]),
        ("Il est arrivé. Puis il est parti.", "fr", ["Il est arrivé.", "Puis il est parti."]),
    ],
)
def test_a_title_before_a_name_and_a_quotation_before_its_verb_go_on(
    text: str, language: str, expected: list[str]
) -> None:
    """"M. Durand" is a title and a name, not a sentence's end; 「…！」と言いました is one
    sentence (the quotation is what was said)."""
    assert [text[a:b] for a, b in sentence_spans(text, language=language)] == expected


def test_lower_case_abbreviations_are_cut_only_in_english() -> None:
    """German "vgl. Kapitel" is an abbreviation before a noun, not a sentence end."""
    text = "Das steht vgl. Kapitel drei im Buch."
    assert [text[a:b] for a, b in sentence_spans(text, language="de")] == [text]


def test_sentences_inside_a_quotation_are_apart() -> None:
    """sentencex keeps a closed quotation whole; each of its sentences is read on its own."""
    text = "“He plays mind games with them. The prison also has a rule. It helps.” She nodded."
    assert sentences(text) == [
        "“He plays mind games with them.",
        "The prison also has a rule.",
        "It helps.”",
        "She nodded.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Miss Smith came to tea with the others.",
        "Dr. Jones will see you on Monday morning.",
        "It was No. 5 on the list of the week.",
        "Use soft foods, e.g. soup, when it is hard.",
        "The U.S. Army sent a nurse to the village.",
        "The match was Smith vs. Jones in the final.",
        "This was shown before, cf. Chapter two of the guide.",
        "See page 4, no. A. Smith signed it.",
        "The parcel came from mr. Brown at the shop.",
        "It was treaty art. IV that mattered most.",
    ],
)
def test_real_abbreviations_stay_inside_their_sentence(text: str) -> None:
    """Titles, numbers, dotted abbreviations and numerals after an abbreviation go on."""
    assert sentences(text) == [text]


def test_other_languages_are_left_to_the_segmenter() -> None:
    """A lower-case abbreviation before a capital is ordinary German ("vgl. Kapitel")."""
    text = "Siehe vgl. Kapitel drei."
    spans = [(0, len(text))]
    assert split_word_stops(text, spans, language="de") == spans
    assert split_word_stops("Es ist so. Das war es.", [(0, 22)], language="de") == [(0, 22)]


def test_shipped_and_test_documents_have_no_joined_sentences() -> None:
    """The candidate finder (scripts/sentence_joins.py) finds nothing in our own documents."""
    root = Path(__file__).parents[2]
    files = [
        *sorted((root / "src" / "alsreader" / "content").glob("*.md")),
        root / "tests" / "data" / "als-source.txt",
        *sorted((root / "tests" / "functional" / "ui_documents").iterdir()),
    ]
    result = subprocess.run(
        [sys.executable, str(root / "scripts" / "sentence_joins.py"), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith(f"0 candidate(s) in {len(files)} file(s)")


def test_candidate_finder_sees_a_joined_sentence(tmp_path: Path) -> None:
    """The finder is not blind: "vs. Jones" (rightly kept whole) is listed as a candidate."""
    document = tmp_path / "joined.txt"
    document.write_text("The final was Smith vs. Jones at noon.\n", encoding="utf-8")
    root = Path(__file__).parents[2]
    result = subprocess.run(
        [sys.executable, str(root / "scripts" / "sentence_joins.py"), str(document)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "vs. :: 'The final was Smith vs. Jones at noon.'" in result.stdout
    assert "1 candidate(s) in 1 file(s)" in result.stdout


MOBY_DICK = (
    "Whenever I find myself growing grim about the mouth; whenever it is a damp, drizzly "
    "November in my soul; whenever I find myself involuntarily pausing before coffin "
    "warehouses, and bringing up the rear of every funeral I meet; and especially whenever "
    "my hypos get such an upper hand of me, that it requires a strong moral principle to "
    "prevent me from deliberately stepping into the street, and methodically knocking "
    "people’s hats off—then, I account it high time to get to sea as soon as I can."
)
TWO_CITIES = (
    "It was the best of times, it was the worst of times, it was the age of wisdom, it was "
    "the age of foolishness, it was the epoch of belief, it was the epoch of incredulity, it "
    "was the season of Light, it was the season of Darkness, it was the spring of hope, it "
    "was the winter of despair, we had everything before us, we had nothing before us, we "
    "were all going direct to Heaven, we were all going direct the other way—in short, the "
    "period was so far like the present period, that some of its noisiest authorities "
    "insisted on its being received, for good or for evil, in the superlative degree of "
    "comparison only."
)


def _pieces(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_a_long_sentence_is_cut_at_its_strongest_late_pause() -> None:
    """Moby-Dick's opening sentence (90 words) is cut at a semicolon, not at the comma
    closest to 50 words."""
    pieces = _pieces(MOBY_DICK)
    assert len(pieces) == 2
    assert pieces[0].endswith("every funeral I meet;")
    assert pieces[1].startswith("and especially whenever my hypos")


def test_long_sentence_pieces_end_at_commas_and_leave_no_stub() -> None:
    """A Tale of Two Cities' opening (119 words, commas only): every piece ends at a
    comma, none is longer than 50 words or shorter than 12."""
    pieces = _pieces(TWO_CITIES)
    assert "".join(p + " " for p in pieces).strip() == TWO_CITIES
    assert all(p.endswith(",") for p in pieces[:-1])
    assert all(MIN_WORDS <= len(p.split()) <= MAX_WORDS for p in pieces)
    tail = " ".join(["word"] * 45) + ", loader code, etc."
    assert all(len(p.split()) >= MIN_WORDS for p in _pieces(tail))


def test_an_opening_quote_goes_with_the_sentence_it_opens() -> None:
    """sentencex leaves 'she said. “' then 'Most of us ...'; the quote moves on."""
    text = ("“[Eloise] just never really understood how dangerous the tablets that she took "
            "were,” she said. “Most of us don’t believe that a slimming tablet could possibly "
            "kill us.”")
    assert _pieces(text) == [
        "“[Eloise] just never really understood how dangerous the tablets that she took "
        "were,” she said.",
        "“Most of us don’t believe that a slimming tablet could possibly kill us.”",
    ]
