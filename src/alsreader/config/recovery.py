"""Reading what can still be read of a settings file with a YAML syntax error.

One slip (a tab, a missing bracket, a line indented one space too far) makes the whole file
unreadable to YAML. For a person who operates alsreader with one switch, losing the access
mode means being unable to use the reader at all, so a broken file is not thrown away:

1. the broken lines are left out (the line where the broken construct starts, then the line
   YAML stopped at), a few at most, never a section's own first line; else
2. the broken top-level sections are left out, whole;

and the rest is read as usual. Left-out lines are blanked, not removed, so every other
setting keeps its own line and column for any message about it.

This module never imports Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.nodes import Node

MAX_LINES_LEFT_OUT = 4
"""Past this many single lines, whole sections are left out instead."""

_SECTION_START = re.compile(r"[^\s#\-.]")
"""A line starting a top-level section: text at the left edge (not a comment, list item or
document marker)."""


@dataclass(frozen=True)
class SyntaxProblem:
    """Why YAML could not read a text, and where (0-based lines; None when unknown)."""

    line: int | None
    column: int | None
    context_line: int | None
    """Where the construct YAML was reading when it failed began (a bracket, a quote)."""
    context: str
    """What that construct was, in YAML's words ("while parsing a flow sequence")."""
    what: str
    """The error in YAML's words, with its context ("expected ',' or ']' ... (while ...)")."""


def syntax_problem(error: yaml.MarkedYAMLError) -> SyntaxProblem:
    """The located description of a YAML syntax error."""
    mark = error.problem_mark or error.context_mark
    what = error.problem or error.context or "unreadable"
    context = ""
    where = error.context_mark
    if error.context and error.problem:
        if where is not None and (mark is None or where.line != mark.line):
            start = f"line {where.line + 1}, column {where.column + 1}"
            context = f" ({error.context} from {start})"
        else:
            context = f" ({error.context})"
    return SyntaxProblem(
        mark.line if mark is not None else None,
        mark.column if mark is not None else None,
        where.line if where is not None else None,
        error.context or "",
        f"{what}{context}",
    )


def try_compose(text: str) -> tuple[Node | None, SyntaxProblem | None]:
    """The node tree of ``text``, or the syntax problem that stops it being read.

    Other errors (a character YAML refuses, nesting too deep) are raised as they are.
    """
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), None
    except yaml.MarkedYAMLError as error:
        return None, syntax_problem(error)


@dataclass(frozen=True)
class Recovered:
    """What was read of a broken file, and what had to be left out to read it."""

    root: Node | None
    lines_left_out: tuple[int, ...]
    """0-based lines left out one by one (empty when whole sections were)."""
    sections_left_out: tuple[tuple[str, int, int], ...]
    """(name, first line, last line), 0-based, of each section left out whole."""

    def describe(self) -> str:
        """What was left out, in plain words ("line 4 cannot be read and was left out")."""
        if self.lines_left_out:
            numbers = [str(line + 1) for line in self.lines_left_out]
            if len(numbers) == 1:
                return f"line {numbers[0]} cannot be read and was left out"
            listed = ", ".join(numbers[:-1]) + " and " + numbers[-1]
            return f"lines {listed} cannot be read and were left out"
        parts = []
        for name, first, last in self.sections_left_out:
            lines = f"line {first + 1}" if first == last else f"lines {first + 1}-{last + 1}"
            parts.append(f"the {name} section ({lines})")
        return (" and ".join(parts) + " cannot be read and "
                + ("was" if len(parts) == 1 else "were")
                + " left out, so " + ("its" if len(parts) == 1 else "their")
                + " settings have their defaults")


def _sections(lines: list[str]) -> list[tuple[str, int, int]]:
    """(name, first line, last line) of each top-level section (0-based, inclusive)."""
    starts = [(index, line) for index, line in enumerate(lines) if _SECTION_START.match(line)]
    found = []
    for number, (index, line) in enumerate(starts):
        end = starts[number + 1][0] - 1 if number + 1 < len(starts) else len(lines) - 1
        name = line.split(":", 1)[0].strip() or line.strip()
        found.append((name[:40], index, end))
    return found


def _blanked(lines: list[str], left_out: set[int]) -> str:
    return "".join("\n" if index in left_out else line
                   for index, line in enumerate(lines))


def _suspects(problem: SyntaxProblem, lines: list[str]) -> list[int]:
    """The lines most likely broken, the likeliest first (0-based)."""
    suspects = [problem.line, problem.context_line]
    if any(word in problem.context for word in ("flow", "scalar", "simple key")):
        # An unclosed bracket or quote, a key without its colon: where it starts is the
        # trouble, and the line YAML stopped at is often fine. (A block mapping's start,
        # on the other hand, is just where the section began.)
        suspects.reverse()
    found = []
    for line in suspects:
        if line is None:
            continue
        # YAML often stops at the end of the file, or on a blank line after the trouble.
        line = min(line, len(lines) - 1)
        while line > 0 and not lines[line].strip():
            line -= 1
        if line >= 0:
            found.append(line)
    return found


def _by_lines(lines: list[str], problem: SyntaxProblem) -> Recovered | None:
    section_starts = {index for _name, index, _end in _sections(lines)}
    left_out: list[int] = []
    while len(left_out) < MAX_LINES_LEFT_OUT:
        line = next((c for c in _suspects(problem, lines)
                     if c not in section_starts and c not in left_out), None)
        if line is None:
            return None
        left_out.append(line)
        root, next_problem = try_compose(_blanked(lines, set(left_out)))
        if next_problem is None:
            return Recovered(root, tuple(sorted(left_out)), ())
        problem = next_problem
    return None


def _by_sections(lines: list[str], problem: SyntaxProblem) -> Recovered | None:
    sections = _sections(lines)
    left_out: list[tuple[str, int, int]] = []
    while len(left_out) < len(sections):
        section = next((s for c in _suspects(problem, lines) for s in sections
                        if s[1] <= c <= s[2] and s not in left_out), None)
        if section is None:
            return None
        left_out.append(section)
        blank = {index for _name, first, last in left_out for index in range(first, last + 1)}
        root, next_problem = try_compose(_blanked(lines, blank))
        if next_problem is None:
            return Recovered(root, (), tuple(sorted(left_out, key=lambda s: s[1])))
        problem = next_problem
    return None


def recover(text: str, problem: SyntaxProblem) -> Recovered | None:
    """Read ``text`` (which has ``problem``) with as little left out as possible; None when
    no part of it can be read."""
    lines = text.splitlines(keepends=True)
    try:
        return _by_lines(lines, problem) or _by_sections(lines, problem)
    except (yaml.YAMLError, RecursionError):
        return None  # what is left has another kind of error: nothing is used
