"""What a switch or a resting pointer can reach on a screen: its scan targets, in scan order.

Each screen owns its targets: it implements :class:`Scannable` and returns
:class:`Target` objects (the scanner's :class:`~alsreader.access.ScanTarget` with its group,
and the widget, list row or action it stands for). :func:`widget_targets` turns plain controls
and lists into targets the usual way, so most screens need one line; the reader adds its own
grouping (Go to, Pace) and actions that have a key but no control. :class:`TargetCollector`
asks the screen shown, drops what is hidden, and tells when anything changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from rich.text import Text
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

from alsreader.access import ScanTarget
from alsreader.ui.widgets.list_row import ListRow

SETTINGS_ACTION = "settings"
"""The binding id of the settings screen (kept out of reach of switches unless allowed)."""
LIST_GROUP = "List"
"""The group of a list's rows when the screen does not name it."""


@dataclass(frozen=True)
class Target:
    """A scan target of the current screen and what activating it does."""

    scan: ScanTarget
    widget: Widget | None
    """The control, row or list (None: an action with a key but no control of its own)."""
    option: int | None = None
    """For a row of an ``OptionList`` (the outline): the row's index in it."""
    run: Callable[[], object] | None = None
    """For an action with no control: what activating it runs."""


@runtime_checkable
class Scannable(Protocol):
    """A screen that says what switches can reach on it, in scan order."""

    def scan_targets(self) -> Sequence[Target]:
        """The targets, in scan order (the most used first)."""
        ...


def widget_targets(widgets: Iterable[Widget], *, list_group: str = LIST_GROUP,
                   skip: Iterable[str] = ()) -> list[Target]:
    """Targets for controls, list rows and option lists, in the order given.

    A lone list row is one step on its own; two or more rows are one group (scanned in
    blocks, then rows), as are the rows of an option list. A control's id is its
    ``action_id``; ids in ``skip`` (placed already by the screen) are left out.
    """
    found = list(widgets)
    used = set(skip)
    rows = [widget for widget in found if isinstance(widget, ListRow)]
    row_group = list_group if len(rows) > 1 else None
    targets: list[Target] = []
    for number, widget in enumerate(found):
        if isinstance(widget, OptionList):
            targets.extend(option_targets(widget, f"option:{number}", list_group))
        elif isinstance(widget, ListRow):
            index = rows.index(widget)
            label = widget.title.strip() or f"Item {index + 1}"
            targets.append(Target(ScanTarget(f"row:{index}", label, row_group), widget))
        else:
            action = getattr(widget, "action_id", None)
            target_id = action if isinstance(action, str) else f"widget:{number}"
            if target_id in used:
                if isinstance(action, str) and action in skip:
                    continue  # placed already by the screen's own order
                target_id = f"{target_id}:{number}"
            used.add(target_id)
            label = str(getattr(widget, "label", "") or target_id)
            targets.append(Target(ScanTarget(target_id, label), widget))
    return targets


def option_targets(options: OptionList, prefix: str, group: str) -> list[Target]:
    """One target per enabled row of an option list, all in ``group``.

    A row with an id is named by it, not by its place: when a list shows other rows in the
    same places (the outline's window moved), its targets are new ones, so the scan starts
    afresh on them instead of naming them as the rows that were there before.
    """
    found: list[Target] = []
    for index, option in enumerate(options.options):
        if option.disabled:
            continue
        prompt = option.prompt
        text = prompt.plain if isinstance(prompt, Text) else str(prompt)
        label = text.strip().lstrip("▶★↑↓ ").strip() or f"Item {index + 1}"
        name = option.id if option.id is not None else index
        found.append(Target(ScanTarget(f"{prefix}:{name}", label, group), options, index))
    return found


class TargetCollector:
    """Asks the screen shown for its targets and tells whether they changed since last time."""

    def __init__(self, settings_reachable: Callable[[], bool]) -> None:
        self._settings_reachable = settings_reachable
        self.signature: tuple[object, ...] = ()
        """What the last collected targets were (screen, widgets, list lengths)."""

    def collect(self, screen: Screen[Any]) -> list[Target] | None:
        """The screen's reachable targets, or None when nothing changed since the last call."""
        try:
            if isinstance(screen, Scannable):
                found = list(screen.scan_targets())
            else:
                found = widget_targets(w for w in screen.query("BigButton, ListRow, OptionList")
                                       if w.focusable)
        except NoMatches:
            found = []
        settings_ok = self._settings_reachable()
        targets = [
            target for target in found
            if (target.widget is None or (target.widget.is_attached and target.widget.display))
            and (settings_ok or target.scan.id != SETTINGS_ACTION)
        ]
        widgets: list[Widget] = []
        for target in targets:
            if target.widget is not None and target.widget not in widgets:
                widgets.append(target.widget)
        # Ids, not labels: Play turning into Pause must not restart the scan.
        signature = (id(screen), *(target.scan.id for target in targets),
                     *(id(widget) for widget in widgets),
                     *(len(w.options) for w in widgets if isinstance(w, OptionList)))
        if signature == self.signature:
            return None
        self.signature = signature
        return targets

    def reset(self) -> None:
        """Collect afresh next time (the mode changed)."""
        self.signature = ()
