"""The Textual user interface: a thin layer over the core."""

from __future__ import annotations
