"""Pronunciation rules: turn the text that is shown into the text that is spoken.

A rule matches a whole word, text anywhere, or a regular expression, with or without
regard to case, and says it as something else or skips it. Rules apply in the order
given, each to the result of the ones before, and only to what is spoken: the text on
screen never changes. Patterns are compiled once, when the :class:`Pronouncer` is made.

This module never imports Textual.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

MatchMode = Literal["word", "anywhere", "regex"]
MATCH_MODES: tuple[MatchMode, ...] = ("word", "anywhere", "regex")


class RuleError(ValueError):
    """A rule cannot be used (for example its regular expression is invalid); the message
    says why in words a caregiver can act on."""


@dataclass(frozen=True)
class PronunciationRule:
    """One fix for the voice: say ``match`` as ``say``, or skip it when ``say`` is None."""

    match: str
    say: str | None
    mode: MatchMode = "word"
    case_sensitive: bool = False

    def compile(self) -> re.Pattern[str]:
        """The pattern this rule looks for; raises :class:`RuleError` if it is unusable."""
        if not self.match:
            raise RuleError("the text to match is empty")
        flags = 0 if self.case_sensitive else re.IGNORECASE
        if self.mode == "regex":
            try:
                pattern = re.compile(self.match, flags)
            except re.error as error:
                raise RuleError(
                    f"{self.match!r} is not a valid regular expression: {error}"
                ) from None
            if pattern.fullmatch("") is not None:
                raise RuleError(f"{self.match!r} matches empty text, so it would match everywhere")
            if self.say is not None:
                try:
                    # Checks group references such as \1 in the replacement now, not mid-reading.
                    pattern.sub(self.say, "")
                except (re.error, IndexError) as error:
                    raise RuleError(f"the replacement {self.say!r} is not valid: {error}") from None
            return pattern
        escaped = re.escape(self.match)
        if self.mode == "word":
            # \w-based edges rather than \b so matches that start or end with punctuation
            # (".NET", "C++") still count as whole words.
            escaped = rf"(?<!\w){escaped}(?!\w)"
        elif self.mode != "anywhere":
            raise RuleError(f"unknown match mode {self.mode!r}; use word, anywhere or regex")
        return re.compile(escaped, flags)


@dataclass(frozen=True)
class _CompiledRule:
    pattern: re.Pattern[str]
    replacement: str
    expand: bool


def _literal(replacement: str) -> Callable[[re.Match[str]], str]:
    # A function keeps backslashes in a plain replacement literal.
    def replace(_match: re.Match[str]) -> str:
        return replacement

    return replace


DOT_LEADER = re.compile(r"[ \t]*(?:\.[ \t]*){4,}")
"""Dots leading a contents entry to its page ("Chapter 1 ........ 5"): four or more, since
three are an ellipsis."""
_LEADER_TO_PAGE = re.compile(DOT_LEADER.pattern + r"(?:\d{1,4}|[ivxlcdm]{1,7})?[ \t]*$",
                             re.IGNORECASE)
_MARK_RUN = re.compile(r"([-=_*~#+|/\\<>^.:;!?])\1{2,}")
"""Three or more of one mark ("=====", "-----", "*****"): a rule or a flourish, which a
voice would read out mark by mark ("..." stays an ellipsis)."""


def quiet_marks(text: str) -> str:
    """``text`` without what a voice would read out mark by mark: a dot leader and the
    page number after it ("Chapter 1 ........ 5" says "Chapter 1"; a leader elsewhere is a
    pause), and runs of one mark ("=====")."""
    if "...." in text or ". . . ." in text:
        text = _LEADER_TO_PAGE.sub("", text)
        text = DOT_LEADER.sub(", ", text)
    if _MARK_RUN.search(text):
        text = _MARK_RUN.sub(_one_mark, text)
    return text


def _one_mark(run: re.Match[str]) -> str:
    # "!!!" and "???" keep their tone as one mark, "...." stays an ellipsis; a rule goes.
    mark = run.group(1)
    if mark == ".":
        return "..."
    return mark if mark in "!?:;" else " "


class Pronouncer:
    """Applies pronunciation rules to text about to be spoken.

    Rules that cannot be compiled are left out and listed in ``errors`` (the config loader
    reports them as problems before this point, so normally there are none).
    """

    def __init__(self, rules: Iterable[PronunciationRule] = ()) -> None:
        self.rules: tuple[PronunciationRule, ...] = tuple(rules)
        self.errors: list[tuple[PronunciationRule, str]] = []
        self._compiled: list[_CompiledRule] = []
        for rule in self.rules:
            try:
                pattern = rule.compile()
            except RuleError as error:
                self.errors.append((rule, str(error)))
                continue
            self._compiled.append(
                _CompiledRule(pattern, rule.say or "", expand=rule.mode == "regex")
            )

    def speakable(self, text: str) -> str:
        """``text`` as it should be spoken, after every rule, without the marks a voice
        should not read (see :func:`quiet_marks`)."""
        for rule in self._compiled:
            if rule.expand:
                text = rule.pattern.sub(rule.replacement, text)
            else:
                text = rule.pattern.sub(_literal(rule.replacement), text)
        return quiet_marks(text)

    __call__ = speakable

    def __bool__(self) -> bool:
        return bool(self._compiled)
