"""Access: switch scanning, dwell and input filters (pure logic, no Textual)."""

from __future__ import annotations
