"""Switch scanning, dwell and their cues in the Textual app (core: :mod:`alsreader.access`)."""

from __future__ import annotations

from alsreader.ui.access.controller import AccessController, Target, scan_settings, switch_keys
from alsreader.ui.access.panel import ScanPanel

__all__ = ["AccessController", "ScanPanel", "Target", "scan_settings", "switch_keys"]
