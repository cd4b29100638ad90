"""Switch scanning and dwell in the Textual app (the deciding logic is :mod:`alsreader.access`)."""

from __future__ import annotations

from alsreader.ui.access.controller import AccessController
from alsreader.ui.access.panel import ScanPanel
from alsreader.ui.access.targets import Scannable, Target, widget_targets

__all__ = ["AccessController", "ScanPanel", "Scannable", "Target", "widget_targets"]
