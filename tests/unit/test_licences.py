"""alsreader is MIT: no runtime dependency may be GPL, LGPL or AGPL (docs/licences.md).

The runtime dependencies are read from the installed metadata (alsreader's own
``Requires-Dist`` and theirs, markers evaluated, test extras left out), so a dependency that
arrives through another one is checked too. A distribution that declares no licence must be
in :data:`CHECKED_BY_HAND`, with what its files say.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LICENCES_DOC = ROOT / "docs" / "licences.md"

COPYLEFT = re.compile(r"\b(?:A|L)?GPL|General Public License|Affero", re.IGNORECASE)
"""GPL, LGPL and AGPL in any spelling (SPDX ids, classifiers, free text)."""

CHECKED_BY_HAND = {
    "espeakng-loader": "no licence declared for the loader; the library and data it ships "
                       "are espeak-ng's, GPL-3.0-or-later",
}
"""Distributions whose metadata names no licence: what their files say, read by hand."""

ACCEPTED_COPYLEFT = {
    "espeakng-loader": "espeak-ng from pip is the product's chosen voice (the brief names "
                       "pyttsx3 with espeak-ng); it is a dependency installed beside "
                       "alsreader, never copied into alsreader's wheel; see docs/licences.md",
}
"""Copyleft the project has decided to depend on, each with its reason (nothing else may be)."""


def runtime_distributions() -> dict[str, metadata.Distribution]:
    """alsreader's runtime dependencies, direct and indirect, by canonical name."""
    found: dict[str, metadata.Distribution] = {}

    def visit(requirement: Requirement, extra: str) -> None:
        environment = {**default_environment(), "extra": extra}
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            return
        name = canonicalize_name(requirement.name)
        if name in found:
            return
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            return  # not for this platform
        found[name] = distribution
        for extra_asked in ["", *sorted(requirement.extras)]:
            for line in distribution.requires or []:
                visit(Requirement(line), extra_asked)

    for line in metadata.distribution("alsreader").requires or []:
        visit(Requirement(line), "")
    return found


def declared_licence(distribution: metadata.Distribution) -> str:
    """The licence the distribution's metadata names ("" for none)."""
    meta = distribution.metadata
    classifiers = [c.split(" :: ", 1)[1] for c in meta.get_all("Classifier") or []
                   if c.startswith("License ::")]
    parts = [meta.get("License-Expression") or "", (meta.get("License") or "")[:200],
             *classifiers]
    return "; ".join(part for part in parts if part.strip())


DISTRIBUTIONS = runtime_distributions()


def test_the_runtime_dependencies_are_found() -> None:
    assert {"textual", "pyttsx3", "markdown-it-py", "lxml"} <= set(DISTRIBUTIONS)
    assert "pytest" not in DISTRIBUTIONS  # a test extra, not shipped


@pytest.mark.parametrize("name", sorted(set(DISTRIBUTIONS) - set(ACCEPTED_COPYLEFT)))
def test_no_runtime_dependency_is_copyleft(name: str) -> None:
    licence = declared_licence(DISTRIBUTIONS[name]) or CHECKED_BY_HAND.get(name, "")
    assert licence, f"{name} declares no licence: read its files and add it to CHECKED_BY_HAND"
    assert not COPYLEFT.search(licence), f"{name} is {licence}"


@pytest.mark.parametrize("name", sorted(ACCEPTED_COPYLEFT))
def test_the_accepted_copyleft_is_still_needed_and_explained(name: str) -> None:
    """An accepted exception that is no longer a dependency, or that the licence page does
    not explain, fails: the list must not outlive its reason or hide one."""
    assert name in DISTRIBUTIONS, f"{name} is gone: take it out of ACCEPTED_COPYLEFT"
    assert name in LICENCES_DOC.read_text(encoding="utf-8")


def test_chardet_is_not_a_runtime_dependency() -> None:
    """readability-lxml would bring chardet 5 (LGPL); its scoring is vendored instead."""
    assert "chardet" not in DISTRIBUTIONS
    assert "readability-lxml" not in DISTRIBUTIONS


def test_the_licence_table_lists_every_runtime_dependency() -> None:
    text = LICENCES_DOC.read_text(encoding="utf-8")
    listed = {canonicalize_name(match) for match in re.findall(r"^\| ([A-Za-z0-9_.-]+) \|", text,
                                                                re.MULTILINE)}
    missing = sorted(set(DISTRIBUTIONS) - listed)
    assert not missing, f"docs/licences.md lacks {missing}"


def test_the_copyleft_check_sees_every_spelling() -> None:
    for licence in ("LGPL", "GPL-3.0-or-later", "AGPL-3.0-only",
                    "GNU Lesser General Public License v2 or later (LGPLv2+)",
                    "GNU Affero General Public License v3"):
        assert COPYLEFT.search(licence), licence
    for licence in ("MIT", "BSD-3-Clause", "Apache-2.0", "MPL-2.0", "PSF-2.0", "0BSD"):
        assert not COPYLEFT.search(licence), licence
