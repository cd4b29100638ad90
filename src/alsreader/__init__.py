"""alsreader: reads documents aloud for people who can barely move."""

from __future__ import annotations

__version__ = "0.1.0"
