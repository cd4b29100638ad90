"""The import contracts in pyproject.toml hold: layers and no circles (as `make lint` checks)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=os.fspath(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_a_screen_importing_the_app_breaks_a_contract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The contract is not vacuous: a copy of the package where a screen imports the app
    fails the check."""
    package = tmp_path / "alsreader"
    shutil.copytree(ROOT / "src" / "alsreader", package)
    help_screen = package / "ui" / "screens" / "help.py"
    help_screen.write_text(help_screen.read_text(encoding="utf-8")
                           + "\nfrom alsreader.ui import app as _app  # noqa\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        (ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [m for m in sys.modules if m == "alsreader" or m.startswith("alsreader.")]:
        monkeypatch.delitem(sys.modules, name)
    assert lint_imports(config_filename="pyproject.toml", no_cache=True) == 1
    report = capsys.readouterr().out
    assert "Screens and widgets never import the app BROKEN" in report
    assert "alsreader.ui.screens.help -> alsreader.ui.app" in report
