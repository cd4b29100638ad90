"""Running the real ``alsreader`` command, as a caregiver would, in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys


def alsreader(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """``python -m alsreader ARGS`` with the test's environment (its ALSREADER_HOME) plus
    ``env``; output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "alsreader", *args],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})},
        check=False,
    )
