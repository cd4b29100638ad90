"""Documents: the model, the loaders, sentence segmentation and the library."""

from __future__ import annotations

from alsreader.document.loader import load_document, parse_document
from alsreader.document.model import (
    Document,
    DocumentError,
    Paragraph,
    ParagraphKind,
    Position,
    Section,
    Sentence,
)

__all__ = [
    "Document",
    "DocumentError",
    "Paragraph",
    "ParagraphKind",
    "Position",
    "Section",
    "Sentence",
    "load_document",
    "parse_document",
]
