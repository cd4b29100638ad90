"""Documents: the model, the loaders, sentence segmentation and the library.

The names below are imported on first use (PEP 562 ``__getattr__``): importing a submodule
such as ``alsreader.document.model`` runs this file first, and the loaders pull in
markdown-it and sentencex, which the reader's first frame does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alsreader.document.loader import load_document, open_document, parse_document
    from alsreader.document.model import (
        Document,
        DocumentError,
        Paragraph,
        ParagraphKind,
        Position,
        Section,
        Sentence,
    )
    from alsreader.document.registry import DocumentLoader, TextLoader, register_loader

__all__ = [
    "Document",
    "DocumentError",
    "DocumentLoader",
    "Paragraph",
    "ParagraphKind",
    "Position",
    "Section",
    "Sentence",
    "TextLoader",
    "load_document",
    "open_document",
    "parse_document",
    "register_loader",
]

_HOMES = {
    "load_document": "loader",
    "open_document": "loader",
    "parse_document": "loader",
    "Document": "model",
    "DocumentError": "model",
    "Paragraph": "model",
    "ParagraphKind": "model",
    "Position": "model",
    "Section": "model",
    "Sentence": "model",
    "DocumentLoader": "registry",
    "TextLoader": "registry",
    "register_loader": "registry",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    """The public names, as if they had been imported eagerly."""
    return sorted([*globals(), *__all__])
