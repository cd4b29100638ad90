"""Sentences: where each one starts and ends in a paragraph's text.

Sentence boundaries come from sentencex, a maintained multilingual segmenter that knows
abbreviations ("Dr.", "e.g.", "U.S."), decimals ("3.5") and initials. A "sentence" with
no punctuation for hundreds of words (a pasted transcript, a poem without stops) would
be one breathless utterance and one enormous highlight, so it is cut into speakable
pieces: at the strongest pause within reach (a semicolon, a colon or a dash late in the
piece, else a comma), never leaving a stub of a few words, otherwise between words. A
quote mark that opens the next sentence goes with it.

Every span returned here slices the original text back to the sentence exactly.
"""

from __future__ import annotations

import re

import sentencex

LANGUAGE = "en"
"""The language sentences are split by when a document does not say."""
MAX_WORDS = 50
"""A piece longer than this is cut; about 15 seconds at a slow speaking rate."""
MIN_WORDS = 12
"""Clause cuts closer than this to the start of a piece would leave a stub."""
TARGET_WORDS = 40
"""Where a cut between words falls when no clause mark is near."""
MAX_CHARS = 400
"""A piece longer than this is cut even inside a word (long links, packed data)."""

_WORD = re.compile(r"\S+")
# A list number or letter on its own ("1.", "2.1.", "IV.", "a)") is not a sentence: the
# segmenter sees its full stop as an ending, so it is joined to what follows.
_ENUMERATOR = re.compile(r"\s*(?:\d{1,3}(?:\.\d{1,3})*|[IVXLCivxlc]{1,6}|[A-Za-z])[.)]\s*")
# sentencex takes a word on its list of abbreviations for one whatever its case, so "easy
# to miss. A person ..." reads "miss." as the title "Miss." and joins two sentences (it lets
# only a few starters such as "The" or "Then" through). Written in lower case, such a word
# ("miss", "no", "art", "may", "me", "fig", "etc", "min") followed by a capitalised word is
# the end of a sentence; the abbreviation itself is written "Miss Smith", "Dr. Jones",
# "No. 5", "e.g. this", "U.S. Army" and is left alone. A dotted abbreviation ("e.g.") never
# matches: the word must not follow a full stop.
_WORD_STOP = re.compile(
    r"(?<![\w.'’-])([^\W\d_]{2,})\.[\"”’)\]]*\s+[\"“‘(\[]?"
    r"(?=([^\W\d_]+(?:['’][^\W\d_]+)?)(?!\w)(\.?))"
)
_CLOSING = "\"”’)]"
_FINAL_MARKS = frozenset(".!?… \n\t" + _CLOSING)
"""What ends a sentence: its closing marks and the spaces after it."""
_STAYS_ABBREVIATION = frozenset(
    # Lower-case abbreviations that stand before a name or a title within a sentence:
    # "Smith vs. Jones", "cf. Chapter", "et al. (2020)", "ed. Smith", "mr. Brown".
    {
        *("vs", "cf", "viz", "al", "ibid", "resp", "incl", "approx", "esp", "ca", "cca"),
        *("ed", "eds", "trans", "transl", "mr", "mrs", "ms", "messrs", "mme", "mlle"),
        *("prof", "capt", "sgt", "lt", "col", "gen", "gov", "sen", "rep", "rev", "hon"),
        *("pres", "supt", "st", "mt"),
    }
)
_CLAUSE_END = (",", ";", ":", "—", "–", ",”", ",\"", ";”")
_STRONG_ENDS = (";", ":", "—", "–", ";”", ";\"", ":”")
_DASHES = ("—", "–", "-", "--")


def segmentation_language(tag: str) -> str:
    """The language code sentencex is given for a BCP 47 tag: "fr-CA" -> "fr", "" -> "en"."""
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else LANGUAGE


def sentence_spans(text: str, base: int = 0, language: str = LANGUAGE) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences in ``text``, offset by ``base``; sentence
    boundaries follow the rules of ``language`` (a sentencex code such as "en", "fr").

    Spans exclude surrounding whitespace, never overlap, are in order, and are never
    empty; ``text[start - base:end - base]`` is the sentence.
    """
    spans: list[tuple[int, int]] = []
    for start, end in _raw_sentences(text, language):
        # Trim whitespace so the span is exactly the visible sentence (in place: a
        # large book has hundreds of thousands of sentences).
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if (
            end - start <= MAX_CHARS
            and text.count(" ", start, end) < MAX_WORDS
            and text.find("\n", start, end) < 0
            and text.find("\t", start, end) < 0
        ):
            # Words are at most spaces + 1: short enough without counting them.
            spans.append((start + base, end + base))
            continue
        for cut_start, cut_end in split_long(text, start, end):
            spans.append((cut_start + base, cut_end + base))
    return spans


def _raw_sentences(text: str, language: str) -> list[tuple[int, int]]:
    if not text.strip():
        return []
    pieces = list(sentencex.segment(language, text))
    spans: list[tuple[int, int]] = []
    offset = 0
    for piece in pieces:
        # sentencex returns consecutive pieces of the input; if a future version
        # normalises anything, find the piece instead of trusting the running offset.
        if text.startswith(piece, offset):
            start = offset
        else:
            found = text.find(piece.strip(), offset)
            if found < 0:
                continue
            start = found
        end = start + len(piece)
        spans.append((start, end))
        offset = end
    if offset < len(text) and text[offset:].strip():
        spans.append((offset, len(text)))
    spans = _split_quotations(text, spans, language)
    spans = _join_continuations(text, spans, language)
    return split_word_stops(
        text, _join_enumerators(text, _opening_marks_forward(text, spans)), language
    )


# A quotation: an opening mark, up to a few thousand characters without its closing mark,
# and the closing mark. Straight double quotes count only where they open after a space
# (or at the start) and close before a space, a mark or the end.
_QUOTATION = re.compile(
    r"“([^“”\n]{1,3000})”|«([^«»\n]{1,3000})»|„([^„“”\n]{1,3000})[“”]|»([^»«\n]{1,3000})«"
    r"|「([^「」]{1,3000})」|『([^『』]{1,3000})』"
    r'|(?:(?<=[\s(\[])|^)"([^"\n]{1,3000})"(?=[\s.,;:!?)\]]|$)'
)
_INNER_END = re.compile(r"[.!?…][\"”’»«)\]]*\s+\S|[。！？][」』]*[^\s」』]")
"""A sentence ending inside a quotation with more after it (only then is it split)."""


def _split_quotations(
    text: str, spans: list[tuple[int, int]], language: str
) -> list[tuple[int, int]]:
    # sentencex keeps a closed quotation whole (“Stop. Now. Please.” is one piece to it),
    # but each of its sentences is one to a listener: the quotation's own text is split
    # as if it stood alone, and the span is cut there. The opening mark stays with the
    # first sentence, the closing mark with the last.
    out: list[tuple[int, int]] = []
    for start, end in spans:
        cuts: list[int] = []
        for match in _QUOTATION.finditer(text, start, end):
            # Each kind of quotation mark has one group: the one that matched is the last.
            inner_start, inner_end = match.span(match.lastindex or 0)
            if not _INNER_END.search(text, inner_start, inner_end):
                continue
            offset = inner_start
            for piece in sentencex.segment(language, text[inner_start:inner_end]):
                found = text.find(piece.strip(), offset, inner_end) if piece.strip() else -1
                if found < 0:
                    continue
                if found > inner_start:
                    cuts.append(found)
                offset = found + len(piece.strip())
        if not cuts:
            out.append((start, end))
            continue
        for cut in sorted(set(cuts)):
            if start < cut < end:
                out.append((start, cut))
                start = cut
        out.append((start, end))
    return out


_CONTINUES = re.compile(r"[\s—–-]*[^\W\d_]")
"""What starts a piece: dashes and spaces, then its first letter."""


_TITLES = {
    "fr": {"M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Mgr", "Dr", "Pr", "St", "Ste"},
    "es": {"Sr", "Sra", "Sres", "Srta", "Dr", "Dra", "Dña", "Ud", "Uds", "Lic"},
    "pt": {"Sr", "Sra", "Srta", "Dr", "Dra", "Prof", "Profa"},
    "de": {"Hr", "Hrn", "Fr", "Dr", "Prof"},
    "it": {"Sig", "Sigg", "Sig.ra", "Dott", "Dott.ssa", "Prof", "Avv", "Ing"},
    "nl": {"Dhr", "Mevr", "Dr", "Prof"},
}
"""Titles written before a name with a full stop ("M. Durand", "Le Dr. Martin"), which
sentencex takes for a sentence's end in these languages."""
_QUOTATIVE = ("と", "って")
"""What goes on after a Japanese quotation in the same sentence (「助けて！」と言いました)."""


def _join_continuations(
    text: str, spans: list[tuple[int, int]], language: str
) -> list[tuple[int, int]]:
    # "“Help!” she cried." and "--Et vous vous nommez John? demanda Phileas Fogg." are one
    # sentence each: a question or an exclamation followed by a lower-case word goes on
    # (the speaker's tag), though a segmenter cuts after the mark; so does a title before a
    # name ("M. Durand") and a Japanese quotation followed by its verb.
    titles = _TITLES.get(language.split("-")[0], set())
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _goes_on(text, joined[-1], (start, end), titles):
            joined[-1] = (joined[-1][0], end)
            continue
        joined.append((start, end))
    return joined


def _goes_on(text: str, before: tuple[int, int], after: tuple[int, int],
             titles: set[str]) -> bool:
    last = before[1]
    while last > before[0] and text[last - 1].isspace():
        last -= 1
    said = text[before[0] : last]
    ending = said.rstrip(_CLOSING + "»«」』")
    match = _CONTINUES.match(text, after[0], after[1])
    if ending.endswith(("?", "!", "¿", "¡")) and match is not None:
        return text[match.end() - 1].islower()
    if said.endswith(("」", "』")) and text.startswith(_QUOTATIVE, after[0]):
        return True
    if titles and said.endswith("."):
        words = said[:-1].split()
        return bool(words) and words[-1].lstrip("(«“\"") in titles
    return False


_OPENING = "“‘«„‚¿¡(["
"""Marks that open what follows them: never the last thing a sentence says."""


def _opening_marks_forward(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    # sentencex sometimes leaves the quote that opens the next sentence at the end of this
    # one ('she said. “' then 'Most of us ...'): it goes to the sentence it opens.
    moved = list(spans)
    for index in range(len(moved) - 1):
        start, end = moved[index]
        last = end
        while last > start and text[last - 1].isspace():
            last -= 1
        cut = last
        while cut > start and text[cut - 1] in _OPENING:
            cut -= 1
        if cut in (last, start) or not text[cut - 1].isspace():
            continue
        moved[index] = (start, cut)
        moved[index + 1] = (cut, moved[index + 1][1])
    return moved


def _join_enumerators(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    pending = -1
    for start, end in spans:
        if pending >= 0:
            start = pending
            pending = -1
        if _ENUMERATOR.fullmatch(text, start, end):
            pending = start
            continue
        joined.append((start, end))
    if pending >= 0:
        joined.append((pending, len(text)))
    return joined


def split_word_stops(
    text: str, spans: list[tuple[int, int]], language: str = LANGUAGE
) -> list[tuple[int, int]]:
    """Cut ``spans`` where a lower-case word that is also an abbreviation ends a sentence.

    "It is easy to miss. A person may notice" is two sentences, though sentencex joins
    them; "Miss Smith", "No. 5" and "e.g. This" stay whole. Only English text is cut:
    elsewhere a lower-case abbreviation before a capital is ordinary ("vgl. Kapitel").
    """
    if not language.startswith("en"):
        return spans
    cut: list[tuple[int, int]] = []
    for start, end in spans:
        # Most sentences have no full stop but the closing one: nothing to look for.
        last = end
        while last > start and text[last - 1] in _FINAL_MARKS:
            last -= 1
        if text.find(".", start, last) < 0:
            cut.append((start, end))
            continue
        for match in _WORD_STOP.finditer(text, start, end):
            word, following, initial = match.group(1, 2, 3)
            if not word.islower() or word in _STAYS_ABBREVIATION or not _capitalised(following):
                continue
            if initial and len(following) == 1:
                continue  # "no. A. Smith": an initial goes on with a name
            stop = match.end(1) + 1
            while text[stop] in _CLOSING:
                stop += 1
            cut.append((start, stop))
            start = stop
        cut.append((start, end))
    return cut


def _capitalised(word: str) -> bool:
    # "A", "I", "I've", "Then", "Élise": not "USA", "IV" (a name or a numeral goes on).
    return word[0].isupper() and not any(letter.isupper() for letter in word[1:])


def split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into speakable pieces at clause marks or between words.

    Returns ``[(start, end)]`` when the sentence is short enough. Linear in its length.
    """
    if end - start <= MAX_CHARS and len(text[start:end].split()) <= MAX_WORDS:
        return [(start, end)]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    if len(words) <= MAX_WORDS:
        return _split_chars(text, start, end)
    pieces: list[tuple[int, int]] = []
    first = 0
    while first < len(words):
        remaining = len(words) - first
        if remaining <= MAX_WORDS:
            last = len(words) - 1
        else:
            last = _clause_cut(text, words, first)
            if last < 0:
                # Keep the last piece from being a stub: share the words evenly.
                last = first + min(TARGET_WORDS, remaining // 2) - 1
        pieces.extend(_split_chars(text, words[first][0], words[last][1]))
        first = last + 1
    return pieces


def _clause_cut(text: str, words: list[tuple[int, int]], first: int) -> int:
    """The last word of the piece that starts at word ``first``, or -1 (no clause mark).

    The best pause within reach: a semicolon, a colon or a dash late in the piece, else
    the latest of the strongest marks (a comma at worst); never so late that fewer than
    :data:`MIN_WORDS` are left for the next piece (a stub such as "etc." alone)."""
    latest = min(first + MAX_WORDS - 1, len(words) - 1 - MIN_WORDS)
    earliest = first + MIN_WORDS - 1
    best, best_strength = -1, 0
    for index in range(latest, earliest - 1, -1):
        cut, strength = _pause_after(text, words, index, first)
        if strength == _STRONG and index >= first + MAX_WORDS // 2:
            return cut
        if strength > best_strength:
            best, best_strength = cut, strength
    return best


_STRONG = 2
_WEAK = 1


def _pause_after(
    text: str, words: list[tuple[int, int]], index: int, first: int
) -> tuple[int, int]:
    """Where a piece ending at word ``index`` would end, and how strong a pause it is
    there: a semicolon, colon or dash is strong, a comma weak, a plain space none."""
    word = text[words[index][0] : words[index][1]]
    if word.endswith(_STRONG_ENDS):
        return index, _STRONG
    following = text[words[index + 1][0] : words[index + 1][1]]
    if following in _DASHES:
        # Cut after the dash so the pause falls where the dash is.
        return (index + 1 if index + 1 - first < MAX_WORDS else index), _STRONG
    if word.endswith(_CLAUSE_END):
        return index, _WEAK
    return index, 0


def _split_chars(text: str, start: int, end: int) -> list[tuple[int, int]]:
    # A piece made of a few enormous "words" is cut by length, at spaces when possible.
    if end - start <= MAX_CHARS:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_CHARS:
        cut = text.rfind(" ", start + MAX_CHARS // 2, start + MAX_CHARS)
        if cut <= start:
            cut = start + MAX_CHARS
            next_start = cut
        else:
            next_start = cut
            while next_start < end and text[next_start].isspace():
                next_start += 1
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            pieces.append((start, piece_end))
        start = next_start
    if start < end:
        pieces.append((start, end))
    return pieces
