"""The settings file ``alsreader config init`` writes: every setting, its default, a comment.

Written from :mod:`alsreader.config.declaration`, so a new setting appears here by itself.

This module never imports Textual.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from alsreader.atomic import atomic_write_text
from alsreader.config.declaration import GROUPS, PRESET_KEYS, TOP_LEVEL, Settings, Spec

_HEADER = """\
# alsreader settings.
#
# Edit with any text editor; alsreader checks this file when it starts and tells you
# plainly about anything it cannot use (and uses the default for that one setting).
# Check it yourself with:  alsreader config check
# Lines starting with # are comments. Indent with spaces, not tabs.
"""


def _render(value: object) -> str:
    """``value`` written as a one-line YAML value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, Path):
        value = str(value)
    if isinstance(value, (list, tuple)):
        value = [str(v) if isinstance(v, Path) else v for v in value]
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 20)
    dumped = dumped.strip()
    if dumped.endswith("\n..."):
        dumped = dumped[: -len("\n...")]
    return dumped.strip()


_NO_ALLOWED_LINE = ("folders", "voice", "key", "key_list", "key_map", "rules")
"""Kinds whose comment says what they take already (no "Allowed ..." sentence)."""


def _comment(spec: Spec, indent: str) -> list[str]:
    """The comment lines above a setting: its help, what it allows, its note."""
    lines = spec.help.split("\n")
    if spec.choices and all(choice.detail for choice in spec.choices):
        lines[-1] = lines[-1].rstrip(".") + ", one of:"
        lines += [f"  {choice.value}: {choice.detail}" for choice in spec.choices]
    elif spec.kind not in _NO_ALLOWED_LINE:
        allowed = spec.allowed()
        lines[-1] += f" {allowed[0].upper()}{allowed[1:]}."
    if spec.note:
        lines += spec.note.split("\n")
    return [f"{indent}# {line}" for line in lines]


def _setting(name: str, spec: Spec, value: object, indent: str, dotted: str) -> list[str]:
    if spec.init_value is not None:
        value = spec.init_value
    # What a preset decides is left commented out, so the preset is what is used.
    prefix = "# " if dotted in PRESET_KEYS else ""
    return [*_comment(spec, indent), f"{indent}{prefix}{name}: {_render(value)}"]


def default_config_text() -> str:
    """The text ``alsreader config init`` writes: every setting, its default and a comment.

    Settings outside the sections come first (the preset, which decides some of those
    below), then each section in declared order.
    """
    defaults = Settings()
    lines = [_HEADER]
    groups = {group.name: group for group in GROUPS}
    collections = ("key_map", "rules")
    for name, spec in TOP_LEVEL.items():
        if spec.kind not in collections:
            lines += [*_setting(name, spec, getattr(defaults, name), "", name), ""]
    for item in dataclasses.fields(Settings):
        group = groups.get(item.name)
        if group is not None:
            lines.append(f"{group.name}:")
            section = getattr(defaults, group.name)
            for name, spec in group.settings.items():
                lines += _setting(name, spec, getattr(section, name), "  ",
                                  f"{group.name}.{name}")
            lines.append("")
        elif TOP_LEVEL[item.name].kind in collections:
            spec = TOP_LEVEL[item.name]
            lines += [*_setting(item.name, spec, getattr(defaults, item.name), "", item.name),
                      ""]
    return "\n".join(lines)


def write_default_config(path: Path, *, force: bool = False) -> Path | None:
    """Write :func:`default_config_text` to ``path``; returns the backup made, if any.

    Refuses (FileExistsError) to replace an existing file unless ``force``; with ``force``
    the old file is kept as ``<name>.bak``.
    """
    backup: Path | None = None
    if path.exists():
        if not force:
            raise FileExistsError(path)
        backup = backup_path(path)
        atomic_write_text(backup, path.read_text(encoding="utf-8", errors="replace"))
    atomic_write_text(path, default_config_text())
    return backup


def backup_path(path: Path) -> Path:
    """Where the previous version of a settings file is kept (``config.yaml.bak``)."""
    return path.with_name(path.name + ".bak")

