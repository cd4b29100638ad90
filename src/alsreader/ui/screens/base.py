"""What every full screen of the reader shares: the services, its help title, its controls.

A control (:class:`~alsreader.ui.widgets.big_button.BigButton`) carries the id of the binding
that does the same thing. Pressing it (a click, Enter, a switch, dwell) runs that binding's
action, looked up among the screen's own bindings and then the app's, through the same
repeat guard as a key, so every way in goes through one path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.screen import Screen

from alsreader.ui.keymap import Keymap
from alsreader.ui.services import ReaderServices
from alsreader.ui.widgets.big_button import BigButton


class ReaderScreenBase(Screen[Any]):
    """A screen of the reader with services, a help title and controls that run actions."""

    HELP_TITLE: ClassVar[str] = "alsreader"
    """How the help names this screen ("Help: Reader")."""
    HELP_ALSO: ClassVar[tuple[type, ...]] = ()
    """Widgets whose keys the help lists too (the library's rows: Enter opens)."""
    HELP_APP_KEYS: ClassVar[bool] = True
    """Whether the help lists the app's keys too (q, comma, ?): not where they type."""
    TYPES_TEXT: ClassVar[bool] = False
    """Whether letters, digits and marks type themselves here (Talk): a doubled one is kept."""

    def scan_places(self) -> dict[str, str]:
        """Where each action is in a switch scan, for the help ("Go to…, 3 steps")."""
        return {}

    def __init__(self, services: ReaderServices, *, name: str | None = None,
                 id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.services = services
        """The app's services (settings, speech, saved places, keys, clock)."""

    def control_runner(self, binding_id: str) -> Callable[[], object] | None:
        """What a control with no binding of its own does (a phrase, a key of a keyboard),
        or None to look ``binding_id`` up among the bindings."""
        return None

    async def press_control(self, binding_id: str) -> None:
        """Run the action of a control (click, Enter or switch), unless it is a doubled press."""
        services = self.services
        if not services.repeat_guard.allow(f"control:{binding_id}", services.clock.now()):
            return
        runner = self.control_runner(binding_id)
        if runner is not None:
            runner()
            return
        found = Keymap.action_for(binding_id, (type(self), type(self.app)))
        if found is None:
            await self.run_action(binding_id)
        elif found[0] is type(self):
            await self.run_action(found[1])
        else:
            await self.app.run_action(found[1])

    @on(BigButton.Pressed)
    async def _control_pressed(self, message: BigButton.Pressed) -> None:
        message.stop()
        await self.press_control(message.button.action_id)
