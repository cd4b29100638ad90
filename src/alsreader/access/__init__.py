"""Access: switch scanning, dwell and input filters (pure logic, no Textual)."""

from __future__ import annotations

from alsreader.access.clock import Clock, FakeClock, MonotonicClock
from alsreader.access.dwell import Dwell
from alsreader.access.scanner import (
    ACCESS_MODES,
    BACK_ID,
    MOVE,
    PLAY_PAUSE,
    SELECT,
    AccessMode,
    ScanEntry,
    Scanner,
    ScanResult,
    ScanSettings,
    ScanTarget,
)
from alsreader.access.steps import READER_SCAN_TARGETS, scan_steps, scan_steps_to
from alsreader.access.switch_filter import SwitchFilter, Verdict

__all__ = [
    "ACCESS_MODES",
    "BACK_ID",
    "MOVE",
    "PLAY_PAUSE",
    "READER_SCAN_TARGETS",
    "SELECT",
    "AccessMode",
    "Clock",
    "Dwell",
    "FakeClock",
    "MonotonicClock",
    "ScanEntry",
    "ScanResult",
    "ScanSettings",
    "ScanTarget",
    "Scanner",
    "SwitchFilter",
    "Verdict",
    "scan_steps",
    "scan_steps_to",
]
