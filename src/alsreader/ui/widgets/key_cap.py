"""One key of the Talk screen's keyboard (a letter, a predicted word, Speak): a boxed label.

A smaller :class:`~alsreader.ui.widgets.big_button.BigButton` (three rows, no key shown
under the label), so a whole keyboard fits the screen; it is pressed the same ways (a click,
Enter while focused, a switch, dwell) and its ``action_id`` is its scan target's id.
"""

from __future__ import annotations

from alsreader.ui.widgets.big_button import BigButton


class KeyCap(BigButton):
    """A keyboard key: its label in a box three rows high."""

    DEFAULT_CSS = """
    KeyCap {
        width: 1fr;
        height: 3;
        min-height: 3;
        min-width: 5;
        margin: 0;
        padding: 0;
        text-style: bold;
    }
    KeyCap.-inert {
        color: $foreground 60%;
        text-style: italic;
    }
    """

    @property
    def needed_width(self) -> int:
        """Cells the label needs, plus the border."""
        return len(self.label) + 2
