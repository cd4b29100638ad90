"""From the settings file's ``access`` section to what the scanner and the switch keys need.

Plain logic shared by every input driver: the scanner's timings, which keys act as which
switch in a mode, and a mode name checked against the known ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alsreader.access.scanner import ACCESS_MODES, MOVE, SELECT, AccessMode, ScanSettings

if TYPE_CHECKING:
    from alsreader.config import AccessSettings


def scan_settings(access: AccessSettings, mode: AccessMode) -> ScanSettings:
    """The scanner's timings from the settings file's ``access`` section."""
    return ScanSettings(
        mode=mode,
        scan_interval=access.scan_interval,
        first_item_pause=access.first_item_pause,
        loops=access.loops,
        hold_duration=access.hold_duration,
        ignore_repeat=access.ignore_repeat,
        selection_delay=access.selection_delay,
        dwell_time=access.dwell_time,
        select_key=access.two_switch_select,
        move_key=access.two_switch_move,
    )


def switch_keys(access: AccessSettings, mode: str) -> dict[str, str]:
    """Key name -> switch ("select" / "move") for ``mode``; empty when keys are just keys."""
    if mode == "one-switch":
        return {key: SELECT for key in access.one_switch_keys}
    if mode == "two-switch":
        # If both were set to the same key, selecting is the safer meaning.
        return {access.two_switch_move: MOVE, access.two_switch_select: SELECT}
    return {}


def checked_mode(mode: str | None) -> AccessMode:
    """``mode`` if it is an access mode, else "keys" (the settings loader reports bad values)."""
    for known in ACCESS_MODES:
        if mode == known:
            return known
    return "keys"
