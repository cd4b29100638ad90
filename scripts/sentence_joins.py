"""List places where two sentences may have been read as one (a check for the segmenter).

A candidate is a lower-case word, a full stop, a space and a capitalised word inside one
sentence ("easy to miss. A person"): usually a sentence end the segmenter did not see.
Headings and code are left out (they are one piece on purpose).

    .venv/bin/python scripts/sentence_joins.py src/alsreader/content/*.md tests/data/als-source.txt

Prints one line per candidate and a summary; exits 1 when there is any, 2 when a file
could not be read.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from alsreader.document.loader import load_document
from alsreader.document.model import DocumentError, ParagraphKind

CANDIDATE = re.compile(r"(?<![\w.])([a-z][\w'’-]*)\.[\"”’)\]]*\s+[\"“‘(\[]*[A-Z]")
"""A lower-case word ending in a full stop, then a capital, all inside one sentence."""
ONE_PIECE = (ParagraphKind.HEADING, ParagraphKind.CODE)


def candidates(path: Path) -> list[str]:
    """Every candidate wrong join in the document at ``path``, with some context."""
    document = load_document(path)
    found: list[str] = []
    for section in document.sections:
        for paragraph in section.paragraphs:
            if paragraph.kind in ONE_PIECE:
                continue
            for sentence in paragraph.sentences:
                for match in CANDIDATE.finditer(sentence.text):
                    context = sentence.text[max(match.start() - 40, 0) : match.end() + 30]
                    found.append(f"{path}: {match.group(1)}. :: {context!r}")
    return found


def main(arguments: list[str]) -> int:
    """List the candidates in the files named in ``arguments``."""
    words: Counter[str] = Counter()
    total = 0
    unreadable = False
    for name in arguments:
        try:
            found = candidates(Path(name))
        except DocumentError as error:
            print(f"{name}: not read: {error}")
            unreadable = True
            continue
        for line in found:
            print(line)
            words[line.split(": ", 1)[1].split(". ::", 1)[0]] += 1
        total += len(found)
    print(f"{total} candidate(s) in {len(arguments)} file(s)", dict(words.most_common(20)))
    return 2 if unreadable else int(total > 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
