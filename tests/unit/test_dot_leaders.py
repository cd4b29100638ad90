"""Contents lines with dot leaders ("1. Introduction ........ 3"): one piece a line, and
neither the dots nor the page number is spoken; runs of one mark are not spelt out."""

from __future__ import annotations

from pathlib import Path

import pytest

from alsreader.cli import main
from alsreader.document import load_document
from alsreader.document.pronounce import Pronouncer, quiet_marks

# The start of an RFC as the RFC Editor's site serves it: one <pre> with a contents list.
RFC_PAGE = """\
<!DOCTYPE html>
<html><head><title>RFC 9110: HTTP Semantics</title></head><body>
<pre>
Internet Engineering Task Force (IETF)                  R. Fielding, Ed.
Request for Comments: 9110                                         Adobe
Category: Standards Track                                      June 2022

                             HTTP Semantics

Abstract

   The Hypertext Transfer Protocol (HTTP) is a stateless application-level
   protocol for distributed, collaborative, hypertext information systems.
   This document describes the overall architecture of HTTP, establishes
   common terminology, and defines aspects of the protocol that are shared
   by all versions.

Table of Contents

   1.  Introduction . . . . . . . . . . . . . . . . . . . . . . . .  10
     1.1.  Purpose  . . . . . . . . . . . . . . . . . . . . . . . . .  10
     1.2.  History and Evolution  . . . . . . . . . . . . . . . . . .  11
   2.  Conformance  . . . . . . . . . . . . . . . . . . . . . . . . .  14
   3.  Terminology and Core Concepts  . . . . . . . . . . . . . . . .  16
</pre>
</body></html>
"""

# A plain-text book's contents, as scanned books and many e-texts set it.
BOOK = """\
THE SECRET GARDEN

CONTENTS

I.    There Is No One Left ................................ 1
II.   Mistress Mary Quite Contrary ........................ 9
III.  Across the Moor ..................................... 17

I. THERE IS NO ONE LEFT

When Mary Lennox was sent to Misselthwaite Manor to live with her uncle everybody said she
was the most disagreeable-looking child ever seen. It was true, too.

=====================================================================

She had a little thin face and a little thin body.
"""


def _pieces(path: Path) -> list[str]:
    return [s.text for section in load_document(path).sections for s in section.sentences]


def test_an_rfc_contents_list_is_one_piece_a_line(tmp_path: Path) -> None:
    path = tmp_path / "rfc9110.html"
    path.write_text(RFC_PAGE, encoding="utf-8")
    pieces = _pieces(path)
    contents = [piece for piece in pieces if ". . . ." in piece]
    assert [quiet_marks(piece) for piece in contents] == [
        "1. Introduction",
        "1.1. Purpose",
        "1.2. History and Evolution",
        "2. Conformance",
        "3. Terminology and Core Concepts",
    ]


def test_a_books_contents_entries_are_one_piece_each(tmp_path: Path) -> None:
    path = tmp_path / "garden.txt"
    path.write_text(BOOK, encoding="utf-8")
    pieces = _pieces(path)
    assert "I. There Is No One Left ................................ 1" in pieces
    assert "II. Mistress Mary Quite Contrary ........................ 9" in pieces


def test_the_text_command_prints_what_is_spoken_without_leaders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`alsreader text` (exactly what the narrator says) has neither dots nor rules."""
    path = tmp_path / "garden.txt"
    path.write_text(BOOK, encoding="utf-8")
    assert main(["text", str(path)]) == 0
    printed = capsys.readouterr().out
    assert "...." not in printed
    assert "=====" not in printed
    assert "I. There Is No One Left\n" in printed
    assert "It was true, too.\n" in printed


def test_quiet_marks_keeps_what_is_read() -> None:
    """An ellipsis, a dash, Chinese "……" and a leader between words stay readable."""
    speak = Pronouncer().speakable
    assert speak("Wait... what?") == "Wait... what?"
    assert speak("A -- dash") == "A -- dash"
    assert speak("话说……天下") == "话说……天下"
    assert speak("Name .... John Smith") == "Name, John Smith"
    assert speak("Really!!! Why???") == "Really! Why?"
    assert speak("Appendix A. . . . . . . . xii") == "Appendix A"
