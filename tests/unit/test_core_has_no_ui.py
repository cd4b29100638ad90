"""The core (documents, speech, access, config, state) must never import Textual."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "alsreader.document",
    "alsreader.document.model",
    "alsreader.locations",
    "alsreader.speech.events",
    "alsreader.talk.keyboard",
    "alsreader.talk.predictor",
]


def test_core_imports_without_textual() -> None:
    """Importing every core module in a fresh interpreter leaves Textual unloaded."""
    import pkgutil

    import alsreader

    names = set(CORE_MODULES)
    for info in pkgutil.walk_packages(alsreader.__path__, "alsreader."):
        if not any(part in info.name for part in (".ui", ".commands", ".cli", "__main__")):
            names.add(info.name)
    code = (
        "import importlib, sys\n"
        f"for name in {sorted(names)!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print(','.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, f"core imported Textual: {result.stdout} {result.stderr}"
