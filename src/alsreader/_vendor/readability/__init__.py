"""Mozilla Readability's main-content scoring, as readability-lxml 0.9 has it (Apache-2.0).

Vendored (README.md beside this file says why and what changed): the published package
requires chardet, which is LGPL, for guessing the encoding of bytes; alsreader always hands
over an lxml tree it parsed itself, so that part is left out and nothing else changes.
"""

from alsreader._vendor.readability.readability import Document, Unparseable

__all__ = ["Document", "Unparseable"]
__version__ = "0.9"
