"""Caregiver settings: each declared once, read and checked from ``config.yaml``, saved back.

* :mod:`.declaration` -- every setting (type, default, range or choices, help, screen row).
* :mod:`.loading` -- reading a file: every value checked, problems located, nothing fatal.
* :mod:`.template` -- the file ``alsreader config init`` writes.
* :mod:`.saving` -- changing values in the caregiver's file in place.

This package never imports Textual.
"""

from __future__ import annotations

from alsreader.config.declaration import (
    GROUPS,
    PRESET_KEYS,
    PRESETS,
    SCHEMA,
    SECTIONS,
    TOP_LEVEL,
    AccessSettings,
    Choice,
    DisplaySettings,
    Group,
    LibrarySettings,
    Preset,
    ReadingSettings,
    Settings,
    Spec,
    TalkSettings,
    VoiceSettings,
    get_setting,
    preset_values,
    screen_rows,
    set_setting,
    spec_of,
)
from alsreader.config.loading import (
    MAX_FILE_BYTES,
    LoadedSettings,
    Problem,
    SettingsSaveError,
    Voices,
    document_pronunciations,
    load_settings,
    make_pronouncer,
    parse_settings,
    pronunciations_file,
)
from alsreader.config.saving import save_settings_values
from alsreader.config.template import backup_path, default_config_text, write_default_config

__all__ = [
    "GROUPS",
    "MAX_FILE_BYTES",
    "PRESETS",
    "PRESET_KEYS",
    "SCHEMA",
    "SECTIONS",
    "TOP_LEVEL",
    "AccessSettings",
    "Choice",
    "DisplaySettings",
    "Group",
    "LibrarySettings",
    "LoadedSettings",
    "Preset",
    "Problem",
    "ReadingSettings",
    "Settings",
    "SettingsSaveError",
    "Spec",
    "TalkSettings",
    "VoiceSettings",
    "Voices",
    "backup_path",
    "default_config_text",
    "document_pronunciations",
    "get_setting",
    "load_settings",
    "make_pronouncer",
    "parse_settings",
    "preset_values",
    "pronunciations_file",
    "save_settings_values",
    "screen_rows",
    "set_setting",
    "spec_of",
    "write_default_config",
]
