"""Help: every action of the screen it was opened from, with its key, in large text.

The list is generated from that screen's active bindings (after the caregiver's keymap), so
it is always what the keys really do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Static

from alsreader.ui.access.targets import Target, widget_targets
from alsreader.ui.keymap import Keymap, display_key, remappable
from alsreader.ui.widgets.big_button import BigButton
from alsreader.ui.widgets.plain_scroll import PlainScroll


@dataclass(frozen=True)
class HelpEntry:
    """One action and the keys that do it."""

    description: str
    keys: tuple[str, ...]
    scan: str = ""
    """Where the action is in a switch scan ("Go to…, 3 steps"); "" when not scanned."""


def help_entries(owners: Sequence[type], keymap: Keymap,
                 places: Mapping[str, str] | None = None) -> list[HelpEntry]:
    """Help rows for every binding of ``owners`` (the screen's class, then the app's), one
    per action with all its keys (after the caregiver's keymap) and its place in the scan.

    Built from the declared bindings, not from what is active at the moment, so the help is
    the same whatever has the focus (a list, a control) and always includes Quit.
    """
    entries: dict[str, HelpEntry] = {}
    for owner in owners:
        for binding in Binding.make_bindings(getattr(owner, "BINDINGS", [])):
            key = binding.id or binding.action
            if key in entries or binding.action.startswith("app.focus"):
                continue
            keys = keymap.keys_for(key, every=True) if binding.id else [binding.key]
            entries[key] = HelpEntry(binding.description or binding.action,
                                     tuple(display_key(k) for k in keys),
                                     (places or {}).get(key, ""))
    return list(entries.values())


@remappable
class HelpScreen(ModalScreen[None], inherit_bindings=False):
    """Lists every action with its key; Escape (or the Close button) closes it.

    | Key | Description |
    | :- | :- |
    | escape / question_mark / f1 | Close the help. |
    | up / down | Scroll. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1", "close", "Close the help", id="close_help"),
        Binding("down", "scroll_down", "Scroll down", id="help_down"),
        Binding("up", "scroll_up", "Scroll up", id="help_up"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        background: $background;
        align: center top;
    }
    HelpScreen > PlainScroll {
        width: 100%;
        max-width: 90;
        height: 1fr;
        border: heavy $foreground;
        border-title-style: bold;
        padding: 0 1;
    }
    HelpScreen #keys {
        width: 1fr;
    }
    HelpScreen BigButton {
        width: 20;
        dock: bottom;
        margin: 0 1 0 1;
    }
    """

    def __init__(self, entries: list[HelpEntry], title: str = "Help") -> None:
        super().__init__()
        self.entries = entries
        """What is listed."""
        self.title_text = title

    def compose(self) -> ComposeResult:
        """The table of actions and keys, and a Close button."""
        table = Table(box=None, expand=True, show_header=True, header_style="bold underline",
                      pad_edge=False, padding=(0, 2, 1, 0))
        table.add_column("Action", ratio=3)
        table.add_column("Key", ratio=2, style="bold")
        scanned = any(entry.scan for entry in self.entries)
        if scanned:
            table.add_column("By switch", ratio=2)
        for entry in self.entries:
            cells = [Text(entry.description), Text(" or ".join(entry.keys))]
            if scanned:
                cells.append(Text(entry.scan))
            table.add_row(*cells)
        scroll = PlainScroll()
        scroll.border_title = self.title_text
        scroll.border_subtitle = "↑ ↓ scroll · Esc closes"
        with scroll:
            yield Static(table, id="keys")
        yield BigButton("Close", "close_help", key_label="Esc", id="close")

    def on_mount(self) -> None:
        """Focus the Close button, so Enter closes too."""
        self.query_one("#close", BigButton).focus()

    def scan_targets(self) -> list[Target]:
        """Only the Close button."""
        return widget_targets([self.query_one("#close", BigButton)])

    def action_close(self) -> None:
        """Close the help (once: a doubled press queued behind the first does nothing)."""
        if self.is_current:
            self.dismiss(None)

    def action_scroll_down(self) -> None:
        """Scroll the list down."""
        self.query_one(PlainScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        """Scroll the list up."""
        self.query_one(PlainScroll).scroll_up(animate=False)

    @on(BigButton.Pressed)
    def _pressed(self, message: BigButton.Pressed) -> None:
        message.stop()
        self.action_close()
