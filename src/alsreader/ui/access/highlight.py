"""Painting what switch access is doing: the scan highlight, the dwell fill and the scan panel.

The highlighted control is the main cue (thick border and inverted colours across the whole
control, the ``-scanned`` class). Rows of an option list (the outline) are not widgets, so a
highlighted row is marked by its text (inverted, with arrows) and put back as it was after.
The dwell fill is a bar in the control's bottom border. Nothing here decides anything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import OptionList

from alsreader.ui.access.panel import (
    DWELLING_CLASS,
    INSIDE_CLASS,
    SCANNED_CLASS,
    SCANNING_CLASS,
    ScanPanel,
    dwell_bar,
)
from alsreader.ui.access.targets import Target


class ScanHighlight:
    """Marks the targets under the highlight (or the pointer) on the screen shown."""

    def __init__(self) -> None:
        self.screen: Screen[Any] | None = None
        """The screen being marked."""
        self._lit: list[Widget] = []
        self._inside: list[OptionList] = []
        self._decorated: dict[tuple[int, int], tuple[OptionList, int, VisualType, Text]] = {}
        self._dwelling: Widget | None = None

    # ------------------------------------------------------------------ screens

    def enter(self, screen: Screen[Any], *, scanning: bool, panel: bool) -> None:
        """Start marking ``screen`` (the marks of the screen before are cleared)."""
        self.clear()
        self.screen = screen
        screen.set_class(scanning, SCANNING_CLASS)
        if not panel:
            return
        try:
            screen.query_one(ScanPanel)
        except NoMatches:
            screen.mount(ScanPanel())

    def panel(self) -> ScanPanel | None:
        """The scan panel of the screen being marked, if it has one."""
        screen = self.screen
        if screen is None:
            return None
        try:
            return screen.query_one(ScanPanel)
        except NoMatches:
            return None

    def clear(self) -> None:
        """Remove every mark (the mode or the screen changes)."""
        self.light((), {})
        self.show_dwell(None)
        screen = self.screen
        if screen is not None and screen.is_attached:
            screen.remove_class(SCANNING_CLASS)

    # ------------------------------------------------------------------ the scan highlight

    def light(self, members: Sequence[str], targets: Mapping[str, Target]) -> None:
        """Mark the controls (or list rows) of the highlighted entry; unmark the rest."""
        whole: list[Widget] = []
        inside: dict[OptionList, list[int]] = {}
        for member in members:
            target = targets.get(member)
            if target is None or target.widget is None:
                continue
            if isinstance(target.widget, OptionList) and target.option is not None:
                inside.setdefault(target.widget, []).append(target.option)
            elif target.widget not in whole:
                whole.append(target.widget)
        for options, indices in list(inside.items()):
            enabled = sum(1 for option in options.options if not option.disabled)
            if len(indices) > 1 and len(indices) == enabled:
                whole.append(options)  # the whole list is the highlighted group
                del inside[options]
        for old in self._lit:
            if old not in whole:
                old.remove_class(SCANNED_CLASS)
        for widget in whole:
            if not widget.has_class(SCANNED_CLASS):
                widget.add_class(SCANNED_CLASS)
                if widget is whole[0]:
                    widget.scroll_visible(animate=False)
        self._lit = whole
        self._mark_options(inside)

    def _mark_options(self, inside: dict[OptionList, list[int]]) -> None:
        """Invert the highlighted rows of a list (a row, or a block of rows) by their text."""
        wanted = {(id(options), index) for options, indices in inside.items()
                  for index in indices}
        for key, (options, index, original, decorated) in list(self._decorated.items()):
            if key in wanted and options in inside:
                continue
            del self._decorated[key]
            if index < options.option_count and \
                    options.get_option_at_index(index).prompt is decorated:
                options.replace_option_prompt_at_index(index, original)
        for options, indices in inside.items():
            for index in indices:
                key = (id(options), index)
                if key in self._decorated or index >= options.option_count:
                    continue
                original = options.get_option_at_index(index).prompt
                decorated = Text("▶▶ ", style="bold reverse")
                decorated.append_text(original.copy() if isinstance(original, Text)
                                      else Text(str(original)))
                decorated.stylize("bold reverse", 3)
                options.replace_option_prompt_at_index(index, decorated)
                self._decorated[key] = (options, index, original, decorated)
        for options in self._inside:
            if options not in inside and options not in self._lit:
                options.remove_class(INSIDE_CLASS)
        for options, indices in inside.items():
            options.add_class(INSIDE_CLASS)
            if options.highlighted not in indices:
                options.highlighted = indices[0]
        self._inside = list(inside)

    # ------------------------------------------------------------------ dwell

    def show_dwell(self, widget: Widget | None, fill: str = "") -> None:
        """Mark ``widget`` as the one the pointer rests on, with ``fill`` in its border."""
        old = self._dwelling
        if old is not None and old is not widget:
            old.remove_class(DWELLING_CLASS)
            old.border_subtitle = ""
        self._dwelling = widget
        if widget is None:
            return
        widget.add_class(DWELLING_CLASS)
        if widget.border_subtitle != fill:
            widget.border_subtitle = fill


def dwell_fill(progress: float, spent: bool) -> str:
    """The text of the dwell bar: the fill so far, or "pressed" once it fired."""
    return "pressed" if spent else dwell_bar(progress)
