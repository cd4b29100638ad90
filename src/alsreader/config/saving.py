"""Saving changed settings into the caregiver's file, in place, checked, atomically.

This module never imports Textual.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from alsreader.atomic import atomic_write_text
from alsreader.config.declaration import Spec, spec_of
from alsreader.config.loading import (
    _T,
    SettingsSaveError,
    _Bad,
    _compose,
    _Reader,
    _value,
    parse_settings,
)
from alsreader.config.template import _render, backup_path, default_config_text


def _spec_for(dotted: str) -> Spec:
    spec = spec_of(dotted)
    whole_map = spec is not None and spec.kind == "key_map" and "." not in dotted
    if spec is None or spec.kind == "rules" or whole_map:
        raise SettingsSaveError(f"{dotted} is not a setting alsreader can save")
    return spec


def _checked(dotted: str, value: object) -> tuple[str, object]:
    """The YAML text for ``value`` and the value as loading will see it; or SettingsSaveError."""
    spec = _spec_for(dotted)
    text = _render(value)
    if spec.nullable and value is None:
        return text, None
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    try:
        if node is None:
            raise _Bad("is empty")
        return text, _value(spec, node, None, None)
    except _Bad as bad:
        raise SettingsSaveError(f"{dotted}: {bad.message}") from None


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end == -1 else end


def _last_leaf(node: Node) -> Node:
    while isinstance(node, (MappingNode, SequenceNode)) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node


def _replace_node(text: str, key_node: Node, value_node: Node, rendered: str) -> str:
    start = value_node.start_mark.index
    end = _last_leaf(value_node).end_mark.index
    if start == end:  # "rate:" with nothing after it
        colon = text.find(":", key_node.end_mark.index)
        return text[: colon + 1] + " " + rendered + text[colon + 1 :]
    return text[:start] + rendered + text[end:]


def _find(mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
    found = None
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and str(key_node.value) == key:
            found = (key_node, value_node)  # the last one is the one that counts
    return found


def _append(text: str, root: MappingNode | None, lines: str) -> str:
    """``lines`` added after the file's last setting (before a ``...`` end marker, if any)."""
    if root is None or not root.value:
        return text + lines.lstrip("\n") + "\n"
    at = _line_end(text, _last_leaf(root).end_mark.index)
    return text[:at] + "\n" + lines + text[at:]


def _set_one(text: str, dotted: str, rendered: str) -> str:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None or (isinstance(root, ScalarNode) and root.tag == f"{_T}null"):
        root = None
    elif not isinstance(root, MappingNode):
        raise SettingsSaveError("the settings file does not hold sections; fix or remove it")
    if text and not text.endswith("\n"):
        text += "\n"
    if "." not in dotted:
        pair = _find(root, dotted) if root is not None else None
        if pair is not None:
            return _replace_node(text, pair[0], pair[1], rendered)
        return _append(text, root, f"{dotted}: {rendered}")
    section, key = dotted.split(".", 1)
    pair = _find(root, section) if root is not None else None
    if pair is None:
        return _append(text, root, f"\n{section}:\n  {key}: {rendered}")
    section_key, section_node = pair
    # Lines that belong to the section: up to the next line starting at the left edge.
    first = _line_end(text, section_key.end_mark.index) + 1
    last = first
    while last < len(text):
        line_end = _line_end(text, last)
        line = text[last:line_end]
        if line and not line[0].isspace() and not line.startswith("#"):
            break
        last = line_end + 1
    if isinstance(section_node, MappingNode):
        existing = _find(section_node, key)
        if existing is not None:
            return _replace_node(text, existing[0], existing[1], rendered)
        if section_node.flow_style:
            close = section_node.end_mark.index - 1
            sep = ", " if section_node.value else ""
            return text[:close] + f"{sep}{key}: {rendered}" + text[close:]
        indent = " " * section_node.value[0][0].start_mark.column
    elif isinstance(section_node, ScalarNode) and section_node.value == "":
        indent = "  "
    else:
        raise SettingsSaveError(f"{section} in the settings file is not a group of settings")
    # A commented-out "# key: value" in the section (as config init writes) becomes the value.
    commented = re.compile(rf"^[ \t]*#[ \t]?{re.escape(key)}:.*$", re.MULTILINE)
    hit = commented.search(text, first, last)
    if hit is not None:
        return text[: hit.start()] + f"{indent}{key}: {rendered}" + text[hit.end() :]
    if isinstance(section_node, MappingNode):
        at = _line_end(text, _last_leaf(section_node).end_mark.index)
    else:
        at = _line_end(text, section_key.end_mark.index)
    return text[:at] + f"\n{indent}{key}: {rendered}" + text[at:]


def save_settings_values(path: Path, changes: Mapping[str, object]) -> Path | None:
    """Change some settings in the file at ``path``, keeping everything else as written.

    ``changes`` maps dotted names (``"voice.rate"``, ``"access.scan_interval"``,
    ``"keys.bookmark"``, ``"preset"``) to new values. Values are replaced in place, so
    comments, order and settings this function does not manage stay as they are; a missing
    setting is added to its section (or replaces its commented-out line), a missing section
    is added at the end. The result is re-read and must give exactly the requested values
    and leave every other setting unchanged; the previous file is kept as
    ``config.yaml.bak``; the write is atomic. Returns the backup path (None for a new file).
    Raises :class:`SettingsSaveError` (and writes nothing) when that cannot be done.
    """
    path = Path(path)
    try:
        original: str | None = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        original = None
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsSaveError(f"{path} cannot be read: {error}") from None
    text = original if original is not None else default_config_text()
    if not _compose(text, _Reader(path, None, None))[1]:
        raise SettingsSaveError(
            f"{path} has a syntax error; fix it (alsreader config check) before saving"
        )
    expected = dict(parse_settings(text, source=path).explicit)
    try:
        for dotted, value in changes.items():
            rendered, normalised = _checked(dotted, value)
            text = _set_one(text, dotted, rendered)
            expected[dotted] = normalised
    except yaml.YAMLError as error:
        raise SettingsSaveError(f"the settings file could not be edited: {error}") from None
    after = parse_settings(text, source=path)
    if after.explicit != expected:
        differing = sorted(k for k in set(expected) | set(after.explicit)
                           if expected.get(k, "?") != after.explicit.get(k, "?"))
        raise SettingsSaveError(
            "saving would not give the intended settings (" + ", ".join(differing) + "); "
            "nothing was written"
        )
    backup = None
    if original is not None:
        backup = backup_path(path)
        atomic_write_text(backup, original)
    atomic_write_text(path, text)
    return backup

