"""The Talk screen's keyboard page in scan order: the keyboard's own targets with the alarm
placed second at every level, then saving the text as a phrase and going back.

The app scans exactly these and ``bench/bench_keyboard.py`` counts its steps over them, so
the figures are those of the keyboard a person really uses, alarm included. No Textual here.
"""

from __future__ import annotations

from collections.abc import Sequence

from alsreader.access.scanner import ScanTarget
from alsreader.access.steps import with_attention
from alsreader.talk.keyboard import KEYBOARD, KeyboardLayout, keyboard_targets

SAVE_PHRASE = "talk_save"
"""Saves the text typed as a phrase (a category is chosen next)."""
KEYBOARD_BACK = "talk_main"
"""Back to the Talk screen's first page (the instant phrases)."""

KEYBOARD_PAGE_END: tuple[ScanTarget, ...] = (
    ScanTarget(SAVE_PHRASE, "Save as a phrase"),
    ScanTarget(KEYBOARD_BACK, "Back to the phrases"),
)
"""After the keys: what is not needed for every message."""


def keyboard_page_targets(predictions: Sequence[str], layout: KeyboardLayout = KEYBOARD, *,
                          words_row: bool = True,
                          alarm_in_rows: bool = True) -> tuple[ScanTarget, ...]:
    """The keyboard page's scan targets: :func:`~alsreader.talk.keyboard.keyboard_targets`
    for ``predictions`` (``words_row=False``: prediction is off, no Words row), the alarm
    second at the top and (``alarm_in_rows``, the setting ``talk.alarm_in_every_row``) in
    every row, then :data:`KEYBOARD_PAGE_END`."""
    keys = with_attention(keyboard_targets(predictions, layout, words_row=words_row),
                          in_groups=alarm_in_rows)
    return (*keys, *KEYBOARD_PAGE_END)
