"""From the settings file's ``access`` section to what the scanner and the switch keys need.

Plain logic shared by every input driver: the scanner's timings, which keys act as which
switch in a mode, and a mode name checked against the known ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from alsreader.access.scanner import ACCESS_MODES, MOVE, SELECT, AccessMode, ScanSettings


class AccessSettings(Protocol):
    """What this module reads of the settings file's ``access`` section
    (:class:`alsreader.config.AccessSettings`; config builds on the scanner, not this way)."""

    @property
    def scan_interval(self) -> float: ...
    @property
    def first_item_pause(self) -> float: ...
    @property
    def loops(self) -> int: ...
    @property
    def hold_duration(self) -> float: ...
    @property
    def ignore_repeat(self) -> float: ...
    @property
    def selection_delay(self) -> float: ...
    @property
    def dwell_time(self) -> float: ...
    @property
    def one_switch_keys(self) -> Sequence[str]: ...
    @property
    def two_switch_move(self) -> str: ...
    @property
    def two_switch_select(self) -> str: ...


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
