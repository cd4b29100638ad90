"""Every remappable binding, registered by the class that declares it, and the caregiver's keymap.

A screen or widget with ``BINDINGS`` registers itself with :func:`remappable` (a class
decorator), so the list of actions a caregiver may give another key (``keys:`` in the
settings file) is never kept by hand. :class:`Keymap` checks the caregiver's choices (single
keys only: a chord or a capital letter is refused with a reason), answers which keys do an
action now, and finds the action a control's binding id stands for, so a click, a switch and
a key all run the same action. Only Textual's public binding API is used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from textual.binding import Binding
from textual.keys import format_key

MODIFIERS = ("ctrl+", "alt+", "shift+", "meta+", "super+", "hyper+", "option+", "cmd+")
"""Key prefixes the reader must never need: every action is one key."""

KEY_NAMES = {
    "space": "Space",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "f1": "F1",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
}

_REGISTERED: list[type] = []

ClassT = TypeVar("ClassT", bound=type)


def remappable(cls: ClassT) -> ClassT:
    """Register ``cls``' BINDINGS (each with an ``id``) as actions a caregiver may remap."""
    if cls not in _REGISTERED:
        _REGISTERED.append(cls)
    return cls


def registered_classes() -> list[type]:
    """The classes whose bindings are registered, in registration order."""
    return list(_REGISTERED)


@dataclass(frozen=True)
class RegisteredBinding:
    """One binding (one key) and the class that declares it."""

    owner: type
    binding: Binding


def registered_bindings() -> list[RegisteredBinding]:
    """Every registered binding, one per key ("plus,equals_sign" gives two)."""
    found: list[RegisteredBinding] = []
    for cls in _REGISTERED:
        for binding in Binding.make_bindings(getattr(cls, "BINDINGS", [])):
            found.append(RegisteredBinding(cls, binding))
    return found


def known_actions() -> list[str]:
    """The binding ids a caregiver may remap, sorted."""
    return sorted({item.binding.id for item in registered_bindings() if item.binding.id})


def display_key(key: str) -> str:
    """How a key is written on a control or in the help: "Space", "→", "+", "b"."""
    if key[:1] == "f" and key[1:].isdigit():
        return key.upper()  # the function keys as printed on them: F2, F12
    return KEY_NAMES.get(key) or format_key(key)


def chord_problem(key: str) -> str | None:
    """Why ``key`` cannot be used as a reader's key (a chord), or None if it is fine."""
    lowered = key.lower()
    for modifier in MODIFIERS:
        if modifier in lowered:
            return f"{key!r} needs {modifier[:-1]} held down; use a single key"
    if len(key) == 1 and key.isalpha() and key.isupper():
        return f"{key!r} needs Shift; use the lower-case letter"
    return None


class Keymap:
    """The caregiver's remapped keys, checked, over the registered defaults."""

    def __init__(self, keys: Mapping[str, str] | None = None) -> None:
        self.problems: list[str] = []
        """Remapped keys that were refused (chords, unknown actions), in plain words."""
        self.mapping: dict[str, str] = {}
        """Binding id -> comma-separated keys, as given to ``App.set_keymap``."""
        self.update(keys or {})

    def update(self, keys: Mapping[str, str]) -> None:
        """Check ``keys`` (binding id -> key string) again from scratch."""
        self.problems = []
        self.mapping = {}
        known = set(known_actions())
        for binding_id, key_string in keys.items():
            if binding_id not in known:
                self.problems.append(f"keys: there is no action {binding_id!r}")
                continue
            parts = [part.strip() for part in str(key_string).split(",") if part.strip()]
            bad = [problem for part in parts if (problem := chord_problem(part))]
            if bad or not parts:
                self.problems.append(f"keys.{binding_id}: " + ("; ".join(bad) or "no key given"))
                continue
            self.mapping[binding_id] = ",".join(parts)

    def keys_for(self, binding_id: str, *, every: bool = False) -> list[str]:
        """The keys that do ``binding_id`` now (after the caregiver's keymap): the first
        declared one, which is what a control has room to show ("?" for "?" and F1), or
        ``every`` one (for the help)."""
        if binding_id in self.mapping:
            return self.mapping[binding_id].split(",")
        keys = [item.binding.key for item in registered_bindings()
                if item.binding.id == binding_id]
        return keys if every else keys[:1]

    def label(self, binding_id: str, *, first_only: bool = False) -> str:
        """The keys for a control's second line: "Space", "+ =", "? F1"."""
        keys = self.keys_for(binding_id)
        if first_only:
            keys = keys[:1]
        return " ".join(display_key(key) for key in keys)

    @staticmethod
    def action_for(binding_id: str, owners: Iterable[type]) -> tuple[type, str] | None:
        """The class among ``owners`` (most specific first) that binds ``binding_id``, and
        its action string; None when none of them does."""
        candidates = list(owners)
        for owner in candidates:
            for binding in Binding.make_bindings(getattr(owner, "BINDINGS", [])):
                if binding.id == binding_id:
                    return owner, binding.action
        return None
