"""Whatever comes in, a loader returns a Document or raises DocumentError, and every
sentence span slices its section text back to the sentence."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alsreader.document import Document, DocumentError, load_document, parse_document

FORMATS = ["markdown", "text", "html"]

# Text that looks like documents: markup, punctuation, abbreviations, controls, escapes,
# right-to-left text, emoji and zero-width characters, mixed with anything at all.
PIECES = st.sampled_from(
    [
        "# ", "## ", "\n", "\n\n", "  ", "- ", "1. ", "> ", "```", "~~~", "    ", "---\n",
        "*", "**", "_", "[", "](", ")", "![", "`", "<p>", "</p>", "<h1>", "</h1>", "<br>",
        "<script>", "</script>", "<nav>", "&amp;", "&#x1F600;", "&", "|", "|---|",
        "Dr. ", "e.g. ", "3.5 ", "U.S. ", "J. R. ", ". ", "? ", "! ", ", ", "; ", " — ",
        "word ", "Heading\n\n", "ALL CAPS\n\n", "2. Methods\n\n", "\x1b[31m", "\x00",
        "\r\n", "\t", "\u200b", "\u200f", "שלום ", "😀", "\ufeff", "\x85", "\u2028",
    ]
)
DOCUMENT_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


def check(document: Document) -> None:
    """The model's promises: spans slice back, paragraphs hold their sentences, order."""
    assert isinstance(document, Document)
    assert document.sections
    for index, section in enumerate(document.sections):
        assert section.index == index
        assert section.title
        previous_end = 0
        for sentence in section.sentences:
            assert section.text[sentence.start : sentence.end] == sentence.text
            assert sentence.text
            assert sentence.start >= previous_end
            previous_end = sentence.end
            paragraph = section.paragraphs[sentence.paragraph]
            assert paragraph.start <= sentence.start <= sentence.end <= paragraph.end
        assert not any(c in section.text for c in "\x00\x1b\r")


def parse_or_refuse(text: str, fmt: str) -> None:
    try:
        document = parse_document(text, fmt, title_hint="Hint")
    except DocumentError as error:
        message = str(error)
    else:
        check(document)
        return
    assert message.strip(), "a refusal must say why"


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=150, deadline=None)
@given(text=DOCUMENT_TEXT)
def test_random_text_gives_a_document_or_document_error(fmt: str, text: str) -> None:
    """Document-like random text never crashes a loader and never breaks a span."""
    parse_or_refuse(text, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=300))
def test_any_unicode_text(fmt: str, text: str) -> None:
    """Completely arbitrary Unicode (surrogates aside, which files cannot hold)."""
    parse_or_refuse(text, fmt)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(
        st.binary(max_size=600),
        DOCUMENT_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
        DOCUMENT_TEXT.map(lambda t: t.encode("utf-16", "surrogatepass")),
        DOCUMENT_TEXT.map(lambda t: t.encode("cp1252", "replace")),
    ),
    suffix=st.sampled_from([".md", ".txt", ".html", "", ".htm", ".markdown", ".dat"]),
)
def test_random_bytes_from_a_file(data: bytes, suffix: str) -> None:
    """Any bytes in any file: a Document or a DocumentError, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        try:
            document = load_document(path)
        except DocumentError as error:
            message = str(error)
        else:
            check(document)
            assert document.path == path
            return
    assert message.strip(), "a refusal must say why"
