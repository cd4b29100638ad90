"""The reader's colour themes, registered with Textual, and the contrast arithmetic behind them.

The default, ``alsreader-high-contrast``, is white on black with a yellow highlight and focus:
every pair the reader must see is at least 7:1 (WCAG AAA). The light and dark themes keep the
same rule. Nothing relies on colour alone: the spoken sentence and the focused control are also
marked by reverse, bold, underline, a heavy border and a marker, which survive ``NO_COLOR``.

With ``NO_COLOR`` set the reader sends no colour at all, only bold, reverse and underline:
Textual's own handling turns each colour into a grey of the same lightness (its
``Monochrome`` filter, 256-colour greys on most terminals), which is still colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.filter import Monochrome, NoColor
from textual.theme import Theme

if TYPE_CHECKING:
    from textual.app import App

DEFAULT_THEME = "alsreader-high-contrast"

HIGH_CONTRAST = Theme(
    name="alsreader-high-contrast",
    primary="#FFFF00",
    secondary="#FFFFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF8080",
    success="#80FF80",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
)
"""White on black; yellow (with black text) marks the spoken sentence and the focused control."""

LIGHT = Theme(
    name="alsreader-light",
    primary="#00307A",
    secondary="#000000",
    accent="#00307A",
    warning="#7A3E00",
    error="#9B0000",
    success="#005A1E",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#FFFFFF",
    boost="#FFFFFF",
    dark=False,
    luminosity_spread=0.0,
    text_alpha=1.0,
)
"""Black on white; dark blue (with white text) marks the spoken sentence and focus."""

DARK = Theme(
    name="alsreader-dark",
    primary="#FFD75F",
    secondary="#E8E8E8",
    accent="#FFD75F",
    warning="#FFD75F",
    error="#FF9A9A",
    success="#9AE59A",
    foreground="#E8E8E8",
    background="#1A1A1A",
    surface="#1A1A1A",
    panel="#1A1A1A",
    boost="#1A1A1A",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
)
"""Light grey on charcoal, softer than high contrast; amber marks the sentence and focus."""

THEMES: dict[str, Theme] = {theme.name: theme for theme in (HIGH_CONTRAST, LIGHT, DARK)}
"""Every theme alsreader ships, by name."""


def register_themes(app: App[Any]) -> None:
    """Make the alsreader themes available to ``app`` (by name, like Textual's own).

    Under ``NO_COLOR`` the themes are drawn without colour (see :func:`drop_colours`).
    """
    for theme in THEMES.values():
        app.register_theme(theme)
    drop_colours(app)


def drop_colours(app: App[Any]) -> None:
    """Under ``NO_COLOR``, draw in the terminal's own colours: no colour codes are sent.

    Textual picks ``NoColor`` only for ANSI themes and ``Monochrome`` (greys) otherwise;
    its filters are an internal list, so this swaps the one it chose (once is enough).
    """
    if not app.no_color:
        return
    app._filters = [
        NoColor() if isinstance(line_filter, Monochrome) else line_filter
        for line_filter in app._filters
    ]


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#RRGGBB`` colour (0.0 black to 1.0 white)."""
    hex_digits = colour.lstrip("#")
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two ``#RRGGBB`` colours (1.0 to 21.0)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
