"""An access mode named in the settings, checked against the modes the scanner knows.

(The scanner's timings and the switch keys of a mode come from the settings' ``access``
section itself: :meth:`alsreader.config.AccessSettings.scan_settings` and ``switch_keys``.)
"""

from __future__ import annotations

from alsreader.access.scanner import ACCESS_MODES, AccessMode


def checked_mode(mode: str | None) -> AccessMode:
    """``mode`` if it is an access mode, else "keys" (the settings loader reports bad values)."""
    for known in ACCESS_MODES:
        if mode == known:
            return known
    return "keys"
