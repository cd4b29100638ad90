"""Every file location alsreader uses, in one place.

Environment overrides exist so tests (and caregivers) can isolate a profile:
``ALSREADER_CONFIG`` (the settings file), ``ALSREADER_HOME`` (config, data and cache
all under one folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "alsreader"


def _home() -> Path | None:
    home = os.environ.get("ALSREADER_HOME")
    return Path(home) if home else None


def config_dir() -> Path:
    """Folder holding ``config.yaml``."""
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME))


def config_file() -> Path:
    """The settings file: ``$ALSREADER_CONFIG`` or ``config.yaml`` in the config folder."""
    override = os.environ.get("ALSREADER_CONFIG")
    return Path(override) if override else config_dir() / "config.yaml"


def phrases_file() -> Path:
    """The caregiver's phrases for the Talk screen: ``phrases.yaml`` beside the settings file."""
    return config_file().parent / "phrases.yaml"


def data_dir() -> Path:
    """Folder for reading state (positions, bookmarks)."""
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME))


def state_file() -> Path:
    """Where reading positions and bookmarks are kept."""
    return data_dir() / "state.json"


def talk_history_file() -> Path:
    """Where the last things said on the Talk screen are kept (on this computer only)."""
    return data_dir() / "talk-history.json"


def cache_dir() -> Path:
    """Folder for synthesized audio clips and other disposable files."""
    home = _home()
    return home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME))


def bundled_content_dir() -> Path:
    """The documents that ship with alsreader: the ``content`` folder inside the package.

    Found through :mod:`importlib.resources`, so a checkout, an editable install and an
    installed wheel (pip, pipx) all read the same bundled documents.
    """
    from importlib.resources import files

    # pip and pipx always unpack a wheel into a folder, so the resource is a real path;
    # str() of the Traversable is that path.
    return Path(str(files("alsreader") / "content"))
