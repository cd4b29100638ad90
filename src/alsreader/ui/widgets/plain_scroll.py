"""A scrolling column with no key bindings of its own.

Textual's ``VerticalScroll`` binds the arrows (and Ctrl chords) to scrolling; in alsreader the
arrows belong to the reader, and no chord may be needed, so lists scroll by focus and mouse.
"""

from __future__ import annotations

from textual.containers import VerticalScroll


class PlainScroll(VerticalScroll, can_focus=False, inherit_bindings=False):
    """A vertical scroll container that leaves every key to the screen."""
