"""The reader's menu: what is not needed every minute, in a dialog of large controls.

Library, help, quit, settings, the sleep timer and Talk (whose own control does not fit a
narrow screen) live here so the reading actions stay near the start of a switch scan, and so
a stray selection cannot leave the book; so do the paragraph and section steps, which have
no control on the reader's full bar, for a pointer or dwell. The menu only says what was
chosen (it dismisses with the binding id); the reader runs it as if its key were pressed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen

from alsreader.ui.access.targets import Target, widget_targets
from alsreader.ui.keymap import remappable
from alsreader.ui.services import ReaderServices
from alsreader.ui.widgets.big_button import BigButton

MENU_ENTRIES: list[tuple[str, str]] = [
    ("library", "Library"),
    ("help", "Help"),
    ("quit", "Quit"),
    ("sleep_timer", "Sleep timer"),
    ("settings", "Settings"),
    ("talk", "Talk"),
    # The paragraph and section steps have no control of their own on the reader (its bar
    # is full), so a pointer or dwell user reaches them here; switches also reach them in
    # Go to. Added last, so no earlier entry moved in the scan.
    ("next_paragraph", "Next paragraph"),
    ("previous_paragraph", "Previous paragraph"),
    ("next_section", "Next section"),
    ("previous_section", "Previous section"),
    ("close_menu", "Back to reading"),
]
"""The menu's controls in scan order: binding id and label."""


@remappable
class MenuScreen(ModalScreen[str | None], inherit_bindings=False):
    """Library, Help, Quit, Settings, Sleep timer, Talk, the paragraph and section steps;
    dismisses with the chosen binding id (None: close).

    | Key | Description |
    | :- | :- |
    | l | Leave the document for the library. |
    | question_mark / f1 | Help. |
    | q | Quit (asks first). |
    | comma | Settings. |
    | z | Sleep timer (each choice: the next length). |
    | t | Talk (speak for me). |
    | pagedown | Next paragraph. |
    | pageup | Previous paragraph. |
    | down | Next section. |
    | up | Previous section. |
    | escape / m | Back to reading. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "choose('library')", "Library", id="menu_library"),
        Binding("question_mark,f1", "choose('help')", "Help", id="menu_help"),
        Binding("q", "choose('quit')", "Quit", id="menu_quit"),
        Binding("comma", "choose('settings')", "Settings", id="menu_settings"),
        Binding("z", "choose('sleep_timer')", "Sleep timer", id="menu_sleep_timer"),
        Binding("t", "choose('talk')", "Talk", id="menu_talk"),
        Binding("pagedown", "choose('next_paragraph')", "Next paragraph",
                id="menu_next_paragraph"),
        Binding("pageup", "choose('previous_paragraph')", "Previous paragraph",
                id="menu_previous_paragraph"),
        Binding("down", "choose('next_section')", "Next section", id="menu_next_section"),
        Binding("up", "choose('previous_section')", "Previous section",
                id="menu_previous_section"),
        Binding("escape,m", "choose('close_menu')", "Back to reading", id="close_menu"),
    ]

    HELP_TITLE = "Menu"

    DEFAULT_CSS = """
    MenuScreen {
        align: center middle;
        background: $background 80%;
    }
    MenuScreen > Vertical {
        width: 80;
        max-width: 100%;
        height: auto;
        border: heavy $foreground;
        background: $background;
        padding: 0 1;
        border-title-align: center;
        border-title-style: bold;
    }
    MenuScreen Grid {
        grid-size: 3;
        height: auto;
        grid-rows: 4;
    }
    """

    def __init__(self, services: ReaderServices) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        """One large control per entry, the title in the frame (a row of its own would make
        the four rows of controls too tall for a 20-line terminal)."""
        keys = self.services.keymap
        with Vertical() as frame:
            frame.border_title = "Menu"
            with Grid():
                for binding_id, label in MENU_ENTRIES:
                    key = "Esc" if binding_id == "close_menu" else keys.label(binding_id)
                    yield BigButton(label, binding_id, key_label=key, id=f"menu-{binding_id}")

    def on_mount(self) -> None:
        """Library is first: the most likely reason to open the menu."""
        self.query_one("#menu-library", BigButton).focus()

    def scan_targets(self) -> list[Target]:
        """The entries in order; Back to reading last."""
        return widget_targets(self.query(BigButton))

    def action_choose(self, binding_id: str) -> None:
        """Close the menu with ``binding_id`` chosen ("close_menu": nothing)."""
        if not self.is_current:
            return  # a doubled press queued behind the first
        self.dismiss(None if binding_id == "close_menu" else binding_id)

    @on(BigButton.Pressed)
    def _pressed(self, message: BigButton.Pressed) -> None:
        message.stop()
        services = self.services
        # Its own guard key: the reader runs the chosen action through its "control:" guard
        # at the same moment, which would take the one press for a doubled one and drop it.
        if services.repeat_guard.allow(f"menu:{message.button.action_id}",
                                       services.clock.now()):
            self.action_choose(message.button.action_id)
