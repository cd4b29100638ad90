"""One setting as a large row: its name and value, and big − / + controls either side of nothing.

The row itself takes the focus (up / down / Tab move between rows); while it is focused the
left and right arrows, or - and +, step its value, so no chord and no fine aim is needed. The
two controls are ordinary :class:`BigButton` widgets (at least three rows high), so a click, a
dwelling pointer or a switch selecting one all step the value through the same path. How a
value steps and how it is shown are given by the screen, so one widget serves numbers (words
per minute, seconds) and choices (theme, access mode) alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Click
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from alsreader.ui.keymap import remappable
from alsreader.ui.widgets.big_button import BigButton

StepFunction = Callable[[object, int], object]
"""``step(value, direction)``: the value one step down (-1) or up (+1), already clamped."""
DescribeFunction = Callable[[object], str]
"""``describe(value)``: the value as the reader reads it ("175 words per minute")."""


@remappable
class Stepper(Widget, can_focus=True, inherit_bindings=False):
    """A setting's name and value with a large "less" and "more" control.

    | Key | Description |
    | :- | :- |
    | left / minus | One step less (or the previous choice). |
    | right / plus, equals_sign | One step more (or the next choice). |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", "step(-1)", "Less", show=False, id="setting_less"),
        Binding("right,plus,equals_sign", "step(1)", "More", show=False, id="setting_more"),
    ]

    DEFAULT_CSS = """
    Stepper {
        layout: horizontal;
        height: 5;
        width: 1fr;
    }
    Stepper > .stepper--text {
        width: 1fr;
        height: 4;
        padding: 0 1;
        border: round $foreground;
        background: $background;
        color: $foreground;
    }
    Stepper:focus > .stepper--text {
        border: heavy $accent;
        color: $accent;
        text-style: bold reverse;
    }
    Stepper > BigButton {
        width: 14;
        height: 4;
        margin: 0 0 1 1;
    }
    """

    class Changed(Message):
        """The value was stepped (key, click, or a switch selecting a control)."""

        def __init__(self, stepper: Stepper, value: object) -> None:
            super().__init__()
            self.stepper = stepper
            """The row whose value changed."""
            self.value = value
            """The new value."""

        @property
        def control(self) -> Stepper:
            """The row whose value changed."""
            return self.stepper

    def __init__(
        self,
        setting: str,
        label: str,
        value: object,
        *,
        step: StepFunction,
        describe: DescribeFunction,
        less: str = "− Less",
        more: str = "+ More",
        less_keys: str = "← or -",
        more_keys: str = "→ or +",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.setting = setting
        """The dotted setting this row changes ("voice.rate")."""
        self.label = label
        """The setting's name as the reader reads it ("Speaking rate")."""
        self._value = value
        self._step = step
        self._describe = describe
        self._text = Static(classes="stepper--text", markup=False)
        # The buttons are reached by pointer or switch; the keyboard focus stays on the row,
        # so up / down move from setting to setting instead of from button to button.
        self.less_button = BigButton(less, f"{setting}:less", key_label=less_keys)
        """The "less" (or "previous choice") control."""
        self.more_button = BigButton(more, f"{setting}:more", key_label=more_keys)
        """The "more" (or "next choice") control."""
        for button in (self.less_button, self.more_button):
            button.can_focus = False

    @property
    def value(self) -> object:
        """The value shown (and in use)."""
        return self._value

    @value.setter
    def value(self, value: object) -> None:
        self._value = value
        self.refresh_text()

    @property
    def described(self) -> str:
        """The value as the reader reads it ("175 words per minute")."""
        return self._describe(self._value)

    def compose(self) -> ComposeResult:
        """The name and value, then the two controls."""
        yield self._text
        yield self.less_button
        yield self.more_button

    def on_mount(self) -> None:
        """Show the value."""
        self.refresh_text()

    def refresh_text(self) -> None:
        """Show the value again (after it, or what it depends on, changed)."""
        text = Text(self.label, style="bold")
        text.append("\n")
        text.append(self.described)
        self._text.update(text)

    def step(self, direction: int) -> bool:
        """Move the value one step (-1 less, +1 more); returns whether it changed."""
        new = self._step(self._value, direction)
        if new == self._value:
            return False
        self.value = new
        self.post_message(self.Changed(self, new))
        return True

    def action_step(self, direction: int) -> None:
        """Step the value (a key on the focused row)."""
        self.step(direction)

    @on(BigButton.Pressed)
    def _button_pressed(self, message: BigButton.Pressed) -> None:
        message.stop()
        # A tremor's doubled click is dropped like a doubled key (the app's repeat guard).
        guard = getattr(self.app, "repeat_guard", None)
        clock = getattr(self.app, "clock", None)
        now = clock.now() if clock is not None else time.monotonic()
        if guard is not None and not guard.allow(f"control:{message.button.action_id}", now):
            return
        self.step(-1 if message.button is self.less_button else 1)

    def on_click(self, event: Click) -> None:
        # A click on the name and value focuses the row (the keys then step it).
        event.stop()
        self.focus()
