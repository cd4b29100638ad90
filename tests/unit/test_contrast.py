"""The default theme's text, highlight and focus colours meet WCAG AAA contrast (7:1)."""

from __future__ import annotations

import pytest

from alsreader.ui.themes import DEFAULT_THEME, THEMES, contrast_ratio


def test_contrast_formula_matches_known_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_text_highlight_and_focus_reach_7_to_1(name: str) -> None:
    theme = THEMES[name]
    assert theme.foreground
    assert theme.background
    assert theme.accent
    assert theme.text_alpha == 1.0  # text drawn at full strength, not blended
    pairs = {
        "text": (theme.foreground, theme.background),
        # The spoken sentence and the focused control: background-coloured text on accent.
        "highlight and focus": (theme.accent, theme.background),
        "status line": (theme.background, theme.foreground),
    }
    for what, (first, second) in pairs.items():
        ratio = contrast_ratio(first, second)
        assert ratio >= 7.0, f"{name} {what}: {ratio:.2f}:1"


def test_the_default_is_high_contrast() -> None:
    assert DEFAULT_THEME == "alsreader-high-contrast"
    theme = THEMES[DEFAULT_THEME]
    assert contrast_ratio(theme.foreground or "", theme.background or "") == pytest.approx(21.0)
