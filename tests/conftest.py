"""Shared fixtures. Every test runs with its own alsreader home, never the user's real files."""

from __future__ import annotations

from pathlib import Path

import pytest

# Area fixtures live in their own modules beside this file (tests/ is on sys.path).
pytest_plugins = ["fixtures_audio"]

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_REFERENCE = REPO_ROOT.parent / "shared" / "reference"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point config, data and cache at a fresh folder so no test touches the user's profile."""
    home = tmp_path_factory.mktemp("alsreader-home")
    monkeypatch.setenv("ALSREADER_HOME", str(home))
    monkeypatch.delenv("ALSREADER_CONFIG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def content_dir() -> Path:
    """The bundled documents, where the installed package keeps them."""
    from alsreader.locations import bundled_content_dir

    return bundled_content_dir()
