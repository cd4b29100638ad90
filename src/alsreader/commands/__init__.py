"""Subcommands of the ``alsreader`` command.

Each module offers ``add_arguments(name, parser)`` and ``run(name, args) -> exit status``,
and is imported only when one of its subcommands is used. This file holds only the exit
statuses, so the command line can name them without importing anything else.
"""

from __future__ import annotations

EXIT_DONE = 0
"""The command did what was asked."""
EXIT_FAILED = 1
"""Anything else went wrong: no speech engine, a file that could not be written, a
settings file with problems (``config check``)."""
EXIT_BAD_INPUT = 2
"""Bad usage (an unknown option, a value out of range), or a document or folder that
cannot be read."""
EXIT_INTERRUPTED = 130
"""Stopped with Ctrl-C, as shells report it (128 + SIGINT)."""
