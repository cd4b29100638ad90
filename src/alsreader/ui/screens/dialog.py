"""What the reader's small dialogs share: a framed box in the middle, a bold question, a row
of large buttons (quitting, opening the settings)."""

from __future__ import annotations

from textual.screen import ModalScreen


class DialogScreen(ModalScreen[bool], inherit_bindings=False):
    """A question in a framed box over the dimmed screen; answers True or False.

    The question is a ``Static`` with the class ``dialog-question``; the buttons sit in a
    ``Grid`` of two columns.
    """

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
        background: $background 80%;
    }
    DialogScreen > Vertical {
        width: 60;
        max-width: 100%;
        height: auto;
        border: heavy $foreground;
        background: $background;
        padding: 1 1 0 1;
    }
    DialogScreen .dialog-question {
        text-style: bold;
        text-align: center;
        width: 1fr;
        margin-bottom: 1;
    }
    DialogScreen Grid {
        grid-size: 2;
        height: auto;
        grid-rows: 4;
        margin-bottom: 1;
    }
    """
