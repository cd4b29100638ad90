"""Which row of an option list the pointer is over: the one place that leans on Textual's insides.

An ``OptionList`` draws its rows itself (they are not widgets), so ``App.mouse_over`` names
the list, not the row. Textual marks each row's segments with ``{"option": index}`` meta
(read back through the public ``Screen.get_style_at``); that key is not a documented API, so it
is read only here, and ``tests/functional/test_access_pointer.py`` fails loudly if a Textual
upgrade changes it.
"""

from __future__ import annotations

from textual.widgets import OptionList

OPTION_META_KEY = "option"
"""The style meta key an OptionList puts on each row's segments."""


def option_under_pointer(options: OptionList) -> int | None:
    """The index of the row of ``options`` under the pointer, or None."""
    try:
        app = options.app
        style = options.screen.get_style_at(*app.mouse_position)
    except Exception:  # no app, screen or region yet: nothing is under the pointer
        return None
    value = style.meta.get(OPTION_META_KEY)
    return value if isinstance(value, int) else None
