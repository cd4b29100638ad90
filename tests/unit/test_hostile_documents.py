"""Hostile documents against the loaders: each is read safely or refused with a clear message.

Every file is generated here, at test time, in the test's own folder (nothing big is
committed). "Safely" means: the text keeps what the author wrote (markup-looking brackets,
zero-width and right-to-left characters, emoji), loses what a terminal would act on (escape
sequences, control characters), every sentence's span really slices its section's text, and
nothing raises but :class:`DocumentError`, whose message is plain words for the reader.
"""

from __future__ import annotations

import gzip
import os
import random
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alsreader.document import Document, DocumentError, Position, load_document, parse_document
from alsreader.document.segment import MAX_CHARS

MARKUP = (
    "[bold]Not bold[/bold] and [/] and [link=https://evil.example]click[/link]. "
    "Also [@click=app.quit]quit[/] here, [red on white]colour[/] and [$accent]var[/]. "
    "Rich [b]tags[/b], [i]more[/i] and [[double]] brackets end here."
)
"""Text that Rich or Textual would read as markup (styles, links, actions, variables)."""

ESCAPES = (
    "Hello \x1b[31mred\x1b[0m and \x1b]0;retitled\x07 window. Bell\x07 and \x1b[2J\x1b[H clear. "
    "Back\x08space, \x1bPdevice\x1b\\ string, C1 \x9b31m csi and \x1b]8;;http://x\x1b\\link"
    "\x1b]8;;\x1b\\ done. Null-free del\x7f here."
)
"""Escape sequences (colour, clear screen, window title, hyperlink, DCS) and control codes."""

UNUSUAL = (
    "Zero\u200bwidth\u200djoin\ufeff here. Direction \u202eoverride\u202c and \u2067isolate"
    "\u2069 marks. שלום עולם. مرحبا بالعالم. Emoji 👍🏽 and a family 👨‍👩‍👧 and flags 🇬🇧. "
    "Combining e\u0301 and wide 漢字 text."
)
"""Zero-width characters, right-to-left text and direction controls, emoji, wide characters."""


def check_sound(document: Document) -> None:
    """What every loaded document must satisfy, however strange its file was."""
    assert document.sections, "a loaded document has something to read"
    assert document.sentence_count > 0
    for section in document.sections:
        for where, text in (("title", section.title), ("text", section.text)):
            bad = [c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"]
            assert not bad, f"control characters left in the {where}: {bad!r}"
            assert "\x1b" not in text
        for sentence in section.sentences:
            assert 0 <= sentence.start <= sentence.end <= len(section.text)
            assert section.text[sentence.start:sentence.end].strip() == sentence.text.strip()
            assert 0 <= sentence.paragraph < len(section.paragraphs)
    assert "\n" not in document.title


def read_or_refusal(load: Callable[[], Document]) -> Document | str:
    """The document, or the refusal's message (the only exception allowed is DocumentError)."""
    try:
        return load()
    except DocumentError as error:
        return str(error)


def all_text(document: Document) -> str:
    """Titles and text of every section, joined."""
    return "\n".join(f"{s.title}\n{s.text}" for s in document.sections)


@pytest.mark.parametrize(
    ("name", "wrap"),
    [
        ("markup.txt", "{}\n"),
        ("markup.md", "# Notes\n\n{}\n"),
        ("markup.html", "<html><body><h1>Notes</h1><p>{}</p></body></html>"),
    ],
)
def test_markup_looking_text_is_kept_literally(tmp_path: Path, name: str, wrap: str) -> None:
    """Brackets are the author's text: every tag survives as written, in every format."""
    path = tmp_path / name
    text = MARKUP.replace("&", "&amp;") if name.endswith(".html") else MARKUP
    path.write_text(wrap.format(text), encoding="utf-8")
    document = load_document(path)
    check_sound(document)
    joined = " ".join(s.text for section in document.sections for s in section.sentences)
    for tag in ("[bold]", "[/bold]", "[/]", "[link=https://evil.example]", "[@click=app.quit]",
                "[red on white]", "[$accent]", "[b]", "[/i]"):
        assert tag in joined, f"{tag} was lost from {name}"


def test_markup_in_headings_is_kept_literally(tmp_path: Path) -> None:
    """A heading like "[/]" (which Textual's markup would refuse to parse) is kept as is."""
    path = tmp_path / "headings.md"
    path.write_text("# [bold]Title[/]\n\nOne. Two.\n\n## [/]\n\nThree.\n\n## [@click=app.quit]\n"
                    "\nFour.\n", encoding="utf-8")
    document = load_document(path)
    check_sound(document)
    assert [s.title for s in document.sections] == ["[bold]Title[/]", "[/]", "[@click=app.quit]"]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ""])
def test_escape_sequences_and_control_characters_are_removed(tmp_path: Path, suffix: str) -> None:
    """Nothing that would move the cursor, recolour or retitle the terminal reaches the text."""
    path = tmp_path / f"escapes{suffix}"
    body = f"<p>{ESCAPES}</p>" if suffix == ".html" else ESCAPES
    path.write_text(f"Title\x1b[1m line\x07\n\n{body}\n", encoding="utf-8")
    document = load_document(path)
    check_sound(document)
    joined = all_text(document)
    for word in ("Hello", "red", "window", "clear", "space", "string", "done"):
        assert word in joined
    assert "retitled" not in joined  # the window title sequence went whole, not just its ESC
    assert "31m" not in joined
    assert "[2J" not in joined


def test_escape_sequences_in_other_encodings_are_removed(tmp_path: Path) -> None:
    """The same cleaning applies to UTF-16 and legacy (cp1252) files."""
    for encoding, data in (("utf-16", ESCAPES.encode("utf-16")),
                           ("cp1252", ESCAPES.replace("\x9b", "").encode("cp1252") + b" caf\xe9.")):
        path = tmp_path / f"escapes-{encoding}.txt"
        path.write_bytes(data)
        document = load_document(path)
        check_sound(document)
        assert "Hello" in all_text(document)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_zero_width_right_to_left_and_emoji_are_text(tmp_path: Path, suffix: str) -> None:
    """Unusual but real characters stay: they are part of what the author wrote."""
    path = tmp_path / f"unusual{suffix}"
    path.write_text(f"<p>{UNUSUAL}</p>" if suffix == ".html" else UNUSUAL, encoding="utf-8")
    document = load_document(path)
    check_sound(document)
    joined = all_text(document)
    for piece in ("שלום", "مرحبا", "👍🏽", "👨‍👩‍👧", "🇬🇧", "漢字", "e\u0301", "\u200b"):
        assert piece in joined, f"{piece!r} was lost"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_a_megabyte_line_without_punctuation_is_cut_into_sentences(
    tmp_path: Path, suffix: str
) -> None:
    """One line of 1 MB with no full stop: loaded, and cut into sentences a voice can say."""
    rng = random.Random(7)
    words = [rng.choice(("alpha", "bravo", "delta", "echo", "kilo", "lima", "oscar", "romeo"))
             for _ in range(180_000)]
    line = " ".join(words)[: 1024 * 1024]
    path = tmp_path / f"long{suffix}"
    path.write_text(f"<p>{line}</p>" if suffix == ".html" else line, encoding="utf-8")
    document = load_document(path)
    check_sound(document)
    longest = max(len(s.text) for section in document.sections for s in section.sentences)
    assert longest <= MAX_CHARS
    assert document.sentence_count > 1024 * 1024 // MAX_CHARS


def test_a_megabyte_word_without_spaces_is_cut_too(tmp_path: Path) -> None:
    """Not even a space: a single 1 MB "word" is still cut into pieces."""
    path = tmp_path / "blob.txt"
    path.write_text("x" * (1024 * 1024), encoding="utf-8")
    document = read_or_refusal(lambda: load_document(path))
    if isinstance(document, str):
        assert "blob.txt" in document
        return
    check_sound(document)
    assert max(len(s.text) for section in document.sections for s in section.sentences) <= 4096


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", b"\xef\xbb\xbf", b"\x1b[0m\x1b[2J",
                                     b"\n" * 5000])
def test_empty_files_are_refused_plainly(tmp_path: Path, content: bytes) -> None:
    """Nothing to read says so, naming the file."""
    path = tmp_path / "empty.md"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match="no text to read") as caught:
        load_document(path)
    assert "empty.md" in str(caught.value)


def _binaries() -> dict[str, bytes]:
    rng = random.Random(3)
    noise = bytes(rng.randrange(256) for _ in range(20_000))
    return {
        "noise.txt": noise,
        "picture.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise[:4000],
        "program": b"\x7fELF\x02\x01\x01\x00" + noise[:4000],
        "packed.txt": gzip.compress(b"hello there " * 2000),
        "nul.md": b"# Heading\n\nText\x00\x00\x00 more text.",
        "controls.html": bytes(range(1, 32)) * 200,
    }


@pytest.mark.parametrize("name", sorted(_binaries()))
def test_binary_files_are_refused_plainly(tmp_path: Path, name: str) -> None:
    """Pictures, programs and packed files are not read aloud as noise."""
    path = tmp_path / name
    path.write_bytes(_binaries()[name])
    with pytest.raises(DocumentError, match="does not look like text") as caught:
        load_document(path)
    assert name in str(caught.value)


def test_a_file_that_disappears_is_a_plain_error(tmp_path: Path) -> None:
    """Opened once, then deleted (a USB stick pulled, a sync removed it): a clear message."""
    path = tmp_path / "vanishing.md"
    path.write_text("# Here\n\nFor now.\n", encoding="utf-8")
    assert load_document(path).sentence_count > 0
    path.unlink()
    with pytest.raises(DocumentError, match="There is no file at"):
        load_document(path)


def test_a_dangling_link_is_a_plain_error(tmp_path: Path) -> None:
    """A link to nothing reads as missing."""
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(DocumentError, match="There is no file at"):
        load_document(link)


def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A FIFO named like a document would block a read forever; it is refused at once."""
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with pytest.raises(DocumentError, match="not a document file"):
        load_document(pipe)


def test_a_file_that_changes_while_open_keeps_a_valid_place(tmp_path: Path) -> None:
    """The file is rewritten shorter (or refused) after a place was saved in the longer one."""
    path = tmp_path / "changing.md"
    path.write_text("".join(f"# Part {i}\n\nOne. Two. Three.\n\n" for i in range(10)),
                    encoding="utf-8")
    before = load_document(path)
    place = Position(9, 2)
    assert before.sentence_at(place) is not None
    path.write_text("# Only part\n\nJust one sentence now.\n", encoding="utf-8")
    after = load_document(path)
    check_sound(after)
    clamped = after.clamp(place)
    assert after.sentence_at(clamped) is not None
    assert clamped.section == 0
    path.write_bytes(os.urandom(4096) + b"\x00")
    with pytest.raises(DocumentError):
        load_document(path)
    # The copy already in memory is untouched: reading can go on from it.
    assert before.sentence_at(place) is not None


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("markdown", ">" * 5000 + " deep"),
        ("markdown", "- " * 3000 + "deep"),
        ("markdown", "[" * 20000 + "x" + "](y)" * 20000),
        ("markdown", "*" * 50000 + "x"),
        ("html", "<div>" * 20000 + "deep" + "</div>" * 20000),
        ("html", "<b><i>" * 10000 + "deep"),
        ("html", "<p>" + "&amp;" * 50000 + "</p>"),
        ("text", "1.1.1.1 " * 20000),
    ],
    ids=["quotes", "lists", "links", "emphasis", "divs", "inline-tags", "entities", "numbers"],
)
def test_deep_nesting_is_read_or_refused(fmt: str, text: str) -> None:
    """Pathological nesting never raises anything but DocumentError."""
    document = read_or_refusal(lambda: parse_document(text, fmt, title_hint="Deep"))
    if isinstance(document, str):
        assert document.strip()
        return
    check_sound(document)


_HOSTILE_ALPHABET = st.sampled_from(
    [*"abc xyz.!?,;:-\n\t#>*_`[]/=@$()<>&;\"'|\\",
     "\x1b", "\x1b[", "\x07", "\x00", "\x08", "\x9b", "\u200b", "\u202e", "\ufeff", "👍", "漢",
     "\r", "\u2028", "<p>", "</p>", "<h1>", "<script>", "```", "# ", "[/]", "[bold]", "&amp;",
     "\ud800"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_HOSTILE_ALPHABET, max_size=300).map("".join),
       st.sampled_from(["markdown", "text", "html"]))
def test_any_text_is_read_soundly_or_refused(text: str, fmt: str) -> None:
    """Property: whatever the text, the result is a sound Document or one DocumentError."""
    document = read_or_refusal(lambda: parse_document(text, fmt, title_hint="Any"))
    if isinstance(document, str):
        assert document.strip()
        return
    check_sound(document)


@pytest.mark.parametrize("content", [None, b"", b"\x00" * 64], ids=["missing", "empty", "binary"])
def test_refusals_quote_hostile_names_without_their_escapes(
    tmp_path: Path, content: bytes | None
) -> None:
    """A refusal names the file, but never carries the name's escape sequences along."""
    folder = tmp_path / "\x1b[31mred\x1b[0m"
    folder.mkdir()
    path = folder / "\x1b]2;PWNED\x07\x1b[2Jbook\x08.txt"
    if content is not None:
        path.write_bytes(content)
    message = read_or_refusal(lambda: load_document(path))
    assert isinstance(message, str)
    assert "book" in message
    assert not [c for c in message if unicodedata.category(c) == "Cc"], repr(message)
    assert "PWNED" not in message
