"""Speech: engine setup, synthesis to clips, players that stop at once, the Narrator."""

from __future__ import annotations
