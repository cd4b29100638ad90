"""Documents that do not say their language (text, Markdown, pages without ``lang``): it is
told from the text, sentences are split by it, and words are counted as it writes them.

The passages are the openings of public-domain books in each language (Don Quijote,
Grimm's Rotkäppchen, Les Misérables, Romance of the Three Kingdoms, I Am a Cat), written
as a file of each kind at test time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alsreader.document import load_document, parse_document
from alsreader.document.language import detect_language
from alsreader.document.model import Position, count_words

QUIJOTE = """\
En un lugar de la Mancha, de cuyo nombre no quiero acordarme, no ha mucho tiempo que vivía \
un hidalgo de los de lanza en astillero, adarga antigua, rocín flaco y galgo corredor. Una \
olla de algo más vaca que carnero, salpicón las más noches, duelos y quebrantos los sábados, \
lantejas los viernes, algún palomino de añadidura los domingos, consumían las tres partes de \
su hacienda.

El resto della concluían sayo de velarte, calzas de velludo para las fiestas, con sus \
pantuflos de lo mesmo, y los días de entresemana se honraba con su vellorí de lo más fino. \
Tenía en su casa una ama que pasaba de los cuarenta, y una sobrina que no llegaba a los \
veinte, y un mozo de campo y plaza, que así ensillaba el rocín como tomaba la podadera.
"""

ROTKAEPPCHEN = """\
Es war einmal eine kleine süße Dirne, die hatte jedermann lieb, der sie nur ansah, am \
allerliebsten aber ihre Großmutter, die wusste gar nicht, was sie alles dem Kinde geben \
sollte. Einmal schenkte sie ihm ein Käppchen von rotem Samt, und weil ihm das so wohl stand \
und es nichts anders mehr tragen wollte, hieß es nur das Rotkäppchen.

Die Großmutter kam am 3. Oktober an. Eines Tages sprach seine Mutter zu ihm: Komm, \
Rotkäppchen, da hast du ein Stück Kuchen und eine Flasche Wein, bring das der Großmutter \
hinaus; sie ist krank und schwach und wird sich daran laben.
"""

MISERABLES = """\
En 1815, M. Charles-François-Bienvenu Myriel était évêque de Digne. C'était un vieillard \
d'environ soixante-quinze ans; il occupait le siège de Digne depuis 1806. Quoique ce détail \
ne touche en aucune manière au fond même de ce que nous avons à raconter, il n'est peut-être \
pas inutile, ne fût-ce que pour être exact en tout, d'indiquer ici les bruits et les propos \
qui avaient couru sur son compte au moment où il était arrivé dans le diocèse.
"""

SANGUO = """\
话说天下大势，分久必合，合久必分。周末七国分争，并入于秦。及秦灭之后，楚、汉分争，又并入于汉。\
汉朝自高祖斩白蛇而起义，一统天下，后来光武中兴，传至献帝，遂分为三国。

推其致乱之由，殆始于桓、灵二帝。桓帝禁锢善类，崇信宦官。及桓帝崩，灵帝即位，大将军窦武、\
太傅陈蕃共相辅佐。时有宦官曹节等弄权，窦武、陈蕃谋诛之，机事不密，反为所害，中涓自此愈横。
"""

NEKO = """\
吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所で\
ニャーニャー泣いていた事だけは記憶している。吾輩はここで始めて人間というものを見た。

しかもあとで聞くとそれは書生という人間中で一番獰悪な種族であったそうだ。この書生というのは\
時々我々を捕えて煮て食うという話である。
"""


@pytest.mark.parametrize(
    ("passage", "language"),
    [(QUIJOTE, "es"), (ROTKAEPPCHEN, "de"), (MISERABLES, "fr"), (SANGUO, "zh"),
     (NEKO, "ja")],
    ids=["spanish", "german", "french", "chinese", "japanese"],
)
def test_a_text_file_is_read_in_its_own_language(
    tmp_path: Path, passage: str, language: str
) -> None:
    """A .txt and a .md file with no metadata get the language of their words."""
    for name in ("book.txt", "book.md"):
        path = tmp_path / name
        path.write_text(f"{passage}\n{passage}", encoding="utf-8")
        assert load_document(path).language == language, name


def test_a_page_without_lang_gets_the_language_of_its_article() -> None:
    paragraphs = "".join(f"<p>{part}</p>" for part in QUIJOTE.split("\n\n"))
    page = f"<html><head><title>Capítulo primero</title></head><body>{paragraphs}</body></html>"
    assert parse_document(page, "html").language == "es"
    # A page's own lang attribute wins.
    said = page.replace("<html>", '<html lang="es-MX">')
    assert parse_document(said, "html").language == "es-MX"


def test_english_and_too_little_text() -> None:
    """English text is told without the model; a few words are not enough to tell."""
    data = Path(__file__).resolve().parents[1] / "data" / "als-source.txt"
    assert load_document(data).language == "en"
    assert detect_language("Ciao bella") == ""
    assert detect_language("") == ""


def test_sentences_are_split_by_the_told_language(tmp_path: Path) -> None:
    """German keeps "am 3. Oktober" in one sentence, which English rules would cut (the
    date is added to the tale for this)."""
    path = tmp_path / "maerchen.txt"
    path.write_text(ROTKAEPPCHEN, encoding="utf-8")
    document = load_document(path)
    sentences = [s.text for section in document.sections for s in section.sentences]
    assert "Die Großmutter kam am 3. Oktober an." in sentences
    assert not any(s.endswith("am 3.") for s in sentences)


def test_words_without_spaces_are_counted_by_character(tmp_path: Path) -> None:
    """Chinese and Japanese count a word for each character (the time left follows); a
    word in Latin letters among them counts once; English is counted by spaces."""
    path = tmp_path / "sanguo.txt"
    path.write_text(SANGUO, encoding="utf-8")
    document = load_document(path)
    characters = sum(1 for char in SANGUO if "\u4e00" <= char <= "\u9fff")
    assert document.word_count == characters
    assert document.words_from(Position(0, 0)) == characters
    assert count_words("吾輩は猫である。") == 7
    assert count_words("用 iPhone 读《三国演义》") == 7
    assert count_words("Take one day at a time.") == 6
    assert count_words("  Take one\nday  ") == 3
    assert parse_document("One two three.\n", "text").word_count == 3
