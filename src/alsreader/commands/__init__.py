"""Subcommands of the ``alsreader`` command; each module offers ``add_arguments`` and ``run``."""

from __future__ import annotations
