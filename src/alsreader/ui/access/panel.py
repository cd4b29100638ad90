"""What the switch scanner is doing, in words: the mode, the level, and every stop of it.

The highlighted control on screen is the main cue (thick border and inverted colours, the
``-scanned`` class); this panel adds what a control cannot show: the name of a group being
offered, actions with no control of their own (Next section, Previous section), and the
**Back** entry at the end of every group. The highlighted stop is marked with arrows and
inverted, so it never depends on colour.

The panel's stylesheet is global on purpose (``SCOPED_CSS = False``): while a screen is being
scanned it also turns off the focus style of controls, which looks exactly like the scan
highlight and would otherwise leave two controls looking "chosen".
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

SCANNING_CLASS = "-access-scanning"
"""Set on a screen while a switch scanner drives it."""
SCANNED_CLASS = "-scanned"
"""Set on every control under the scan highlight (all members of a highlighted group)."""
INSIDE_CLASS = "-scan-inside"
"""Set on a list while some of its rows are highlighted (the rows are marked by their text)."""
DWELLING_CLASS = "-dwelling"
"""Set on the control the pointer is resting on in dwell mode."""


class ScanPanel(Static):
    """A line docked at the bottom of a screen: the access mode and the stops of this level."""

    SCOPED_CSS = False

    DEFAULT_CSS = """
    ScanPanel {
        dock: bottom;
        height: auto;
        max-height: 4;
        width: 1fr;
        padding: 0 1;
        border-top: heavy $foreground;
        background: $background;
        color: $foreground;
    }
    .-access-scanning BigButton:focus, .-access-scanning ListRow:focus {
        border: round $foreground;
        color: $foreground;
        background: $background;
        text-style: bold;
    }
    .-access-scanning BigButton.-scanned, .-access-scanning ListRow.-scanned {
        border: heavy $foreground;
        color: $background;
        background: $accent;
        text-style: bold;
    }
    .-access-scanning OptionList:focus {
        border: round $foreground;
    }
    .-access-scanning OptionList:focus > .option-list--option-highlighted {
        color: $foreground;
        background: $background;
        text-style: none;
    }
    .-access-scanning OptionList.-scanned {
        border: heavy $accent;
        text-style: bold reverse;
    }
    .-access-scanning OptionList.-scan-inside {
        border: heavy $accent;
    }
    BigButton.-dwelling, ListRow.-dwelling, OptionList.-dwelling {
        border: heavy $accent;
        border-subtitle-style: bold reverse;
        border-subtitle-align: center;
    }
    """

    def __init__(self, *, id: str | None = "access-panel") -> None:
        super().__init__("", id=id, markup=False)

    def show_level(
        self, mode: str, where: str, stops: Sequence[str], current: int | None, note: str = ""
    ) -> None:
        """Show ``stops`` (labels of this level) with ``current`` (an index) marked."""
        self.update(render_level(mode, where, stops, current, note))

    def show_message(self, mode: str, message: str) -> None:
        """Show the mode and one sentence (resting, reading, dwell instructions)."""
        text = Text(f"{mode}: ", style="bold")
        text.append(message)
        self.update(text)


def render_level(
    mode: str, where: str, stops: Sequence[str], current: int | None, note: str = ""
) -> Text:
    """The panel's text: "one-switch · Go to: ▶ Next sentence ◀  Previous sentence  Back"."""
    text = Text(f"{mode}", style="bold")
    text.append(f" · {where}: ", style="bold")
    for index, label in enumerate(stops):
        if index:
            text.append("   ")
        if index == current:
            text.append(f"▶ {label} ◀", style="bold reverse")
        else:
            text.append(label)
    if note:
        text.append(f"   ({note})")
    return text


def dwell_bar(progress: float, width: int = 8) -> str:
    """A dwell fill as text, e.g. "▰▰▰▱▱▱▱▱" for 3/8 of the dwell time."""
    filled = max(0, min(width, int(progress * width + 1e-9)))
    return "▰" * filled + "▱" * (width - filled)
