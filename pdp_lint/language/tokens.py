"""Split prose into the words a spelling check looks at.

Skipped whole: anything holding a digit (B2B, 1:1s, Q3), URLs, e-mail addresses,
#channels and @mentions, and dotted names such as monday.com. Inside what is left, a
word is a run of letters with inner apostrophes (straight or curly): hyphens and slashes
separate words, so each part of "up-to-date" is a word of its own. A possessive ending
(team's, team’s, customers’) is not part of the word.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import NamedTuple

from pdp_lint import patterns


# One pass over the text: a chunk (run of non-space) holding a digit, "://", "@", "www."
# or a dotted name is consumed whole as a skip, as is a #channel; otherwise words match.
# The skip alternative is tried first at the start of each chunk, so it sees the whole.
@functools.cache
def _tokens() -> re.Pattern[str]:
    # compiled when first needed: a clean one-file check never needs it (start-up)
    return patterns.compile(
        r"(?<!\S)(?:\S*?(?:\d|://|@|www\.|[^\W\d_]\.[^\W\d_]{2})\S*|[(\[\"'“‘]*#\S*)"
        r"|([^\W\d_]+(?:['’][^\W\d_]+)*)"
    )


_POSSESSIVE = patterns.compile(r"['’][sS]$")


class Token(NamedTuple):
    """A word and where it is in the text (``start``/``end`` offsets into the value)."""

    text: str
    start: int
    end: int


def words(text: str) -> Iterator[Token]:
    """Every word of ``text`` worth a spelling check, possessive endings removed."""
    for m in _tokens().finditer(text):
        word = m.group(1)
        if word is not None:
            yield Token(word, m.start(1), m.end(1))


def words_among(text: str, wanted: set[str]) -> Iterator[Token]:
    """The words of ``text`` (as :func:`words` gives them) that are in ``wanted``."""
    for m in _tokens().finditer(text):
        word = m.group(1)
        if word is not None and word in wanted:
            yield Token(word, m.start(1), m.end(1))


def strip_possessive(word: str) -> str:
    """``team’s`` -> ``team``; other words unchanged."""
    return _POSSESSIVE.sub("", word)


def is_acronym(word: str) -> bool:
    """All capitals (two letters or more), with an optional plural ``s``: CX, KEs, SLAs."""
    core = word[:-1] if len(word) > 2 and word[-1] == "s" else word
    return len(core) >= 2 and core.isupper() and core.isalpha()


def is_product_like(word: str) -> bool:
    """Mixed case with a capital after a small letter: iPhone, mosAIc, LinkedIn."""
    if word.islower() or word[1:].islower():
        return False  # most words: no capital, or only the first (the C code says so)
    return any(a.islower() and b.isupper() for a, b in pairwise(word))


def match_case(model: str, word: str) -> str:
    """``word`` written in the capitalisation of ``model``: Communcation -> Communication."""
    if word != word.lower():
        return word  # a proper noun keeps its own capitals
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


#: characters of text lower-cased at once by :func:`lower`
_LOWER_CHUNK = 1 << 16


def lower(text: str) -> str:
    """``text.lower()``, in pieces for a large text that is not ASCII.

    Python lower-cases a text that is not ASCII through a buffer of twelve bytes a
    character (three UCS-4 characters each, for the letters that lower to several):
    sixty megabytes for the prose of a 9 MB file, a peak that a whole check otherwise
    never reaches. Cut after a line break, pieces lower to the same characters: a line
    break is neither a cased letter nor one that case ignores, so it ends the context of
    a final sigma as the end of the text does.
    """
    if len(text) <= _LOWER_CHUNK or text.isascii():
        return text.lower()
    parts = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + _LOWER_CHUNK)
        end = len(text) if end < 0 else end + 1
        parts.append(text[start:end].lower())
        start = end
    return "".join(parts)
