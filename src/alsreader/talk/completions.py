"""Whole-message completions: what the person said before, or a saved phrase, offered as one
choice once its first words are typed.

People who talk with a keyboard say many of the same things every day ("could you turn me
over please", "I need the toilet"). Once the text typed so far is the start of something
said lately or of a saved phrase, the rest of it is offered among the predicted words, so
the whole message is one selection away (as Predictable and Grid offer it). No Textual here.

Stable API: :func:`message_completions` ``(text, earlier, limit)``: each completion is the
rest of an earlier message from the word being typed on, ready for
:func:`alsreader.talk.keyboard.press` to put in place of that word (it adds the space).
"""

from __future__ import annotations

from collections.abc import Iterable

from alsreader.talk.keyboard import current_word, words_before

MIN_TYPED_WORDS = 2
"""Whole words typed before a completion is offered: after one word ("I") too many earlier
messages match for the offer to be worth a place among the predicted words..."""
MIN_TYPED_CHARACTERS = 8
"""...unless this many characters are typed ("tomorrow" or "pleas" after one word)."""
LIMIT = 2
"""Completions offered at most (the rest of the row stays for single words)."""


def _words(text: str) -> list[str]:
    return text.casefold().replace("’", "'").split()


def message_completions(text: str, earlier: Iterable[str], limit: int = LIMIT) -> list[str]:
    """The rest of each earlier message that ``text`` (what is typed so far) begins, from
    the word being typed on, the first found first, at most ``limit``, each once.

    ``earlier``: what was said lately (the most recent first), then the saved phrases.
    A message matches when every whole word typed is its word and the word being typed
    starts its next word; at least two words must be left (one is a word prediction's
    job). Case, apostrophes and spaces do not matter. Nothing is offered before
    :data:`MIN_TYPED_WORDS` whole words (or :data:`MIN_TYPED_CHARACTERS` characters) are
    typed.
    """
    if limit <= 0:
        return []
    partial = current_word(text).casefold().replace("’", "'")
    typed = _words(words_before(text))
    if not typed or (len(typed) < MIN_TYPED_WORDS and len(text.strip()) < MIN_TYPED_CHARACTERS):
        return []
    found: list[str] = []
    for message in earlier:
        words = message.split()
        folded = _words(message)
        if len(folded) <= len(typed) or folded[: len(typed)] != typed:
            continue
        if not folded[len(typed)].startswith(partial):
            continue
        if len(folded) == len(typed) + 1:
            continue  # one word left: the word predictions offer it already
        rest = " ".join(words[len(typed):])
        if rest.casefold() not in (done.casefold() for done in found):
            found.append(rest)
        if len(found) >= limit:
            break
    return found
