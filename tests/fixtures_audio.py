"""Audio fixtures (headless PulseAudio null sink); filled in by the speech layer."""

from __future__ import annotations
