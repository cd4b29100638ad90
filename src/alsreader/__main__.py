"""Allow ``python -m alsreader``."""

from __future__ import annotations

from alsreader.cli import main

raise SystemExit(main())
