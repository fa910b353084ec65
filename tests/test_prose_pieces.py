"""The prose searched in pieces finds what a search of the whole prose run together finds."""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from typing import Any

import pytest

from pdp_lint.language.tokens import lower
from pdp_lint.model.framework import TextField
from pdp_lint.rules import hygiene, textscan, wording
from pdp_lint.rules.textscan import Prose, mask_mojibake

#: every pattern a rule gives :meth:`Prose.matching`, with how it is searched
PATTERNS: list[tuple[re.Pattern[str], bool, bool]] = [
    (textscan.LEAD_CHARACTERS, False, False),
    (hygiene._ODD_SPACING, False, False),
    (hygiene._DOUBLED_HINT, True, False),
    (hygiene._ENDS_WITH_DIGIT, False, False),
    (hygiene._MARKS, True, False),
    (hygiene._CONTROL, False, False),
    (hygiene._INVISIBLE_CHARACTER, False, False),
    (wording._HINT_PLURAL, False, True),
    (wording._REPEATED_HINT, False, True),
]
WORDS = [
    (hygiene._PLACEHOLDER_HINTS, False),
    (("lorem",), True),
    (wording._HINT_WORDS, True),
]
#: what the random texts are made of: words that repeat, spaces of every kind, line
#: breaks inside a text, marks, mojibake's characters, letters lowering changes
PARTS = [
    "team", "Team", "a", "A", "an", "it's", "’s and", "ld of", "loose ", "lorem", "TBD",
    " ", "  ", "\t", "\u00a0", "\n", " \n", ".", ". ", "..", "::", "(", ")", "“", "\"",
    "’", "3", "x7", "\u200b", "\x07", "Ã©", "â€™", "İ", "Σ", "_", "-", "!",
]  # fmt: skip


def _whole(found: Prose, pattern: re.Pattern[str], masked: bool, lowered: bool) -> list[int]:
    values = [t.value for t in found.texts]
    joined = "\n".join(values)
    text = "\n".join(map(mask_mojibake, values)) if masked else lower(joined) if lowered else joined
    if len(text) != len(joined):
        return list(range(len(values)))
    return sorted({bisect_right(found.starts, m.start()) - 1 for m in pattern.finditer(text)})


def _holding(found: Prose, words: tuple[str, ...], lowered: bool) -> list[int]:
    joined = "\n".join(t.value for t in found.texts)
    text = lower(joined) if lowered else joined
    if len(text) != len(joined):
        return list(range(len(found.texts)))
    hits = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            hits.add(bisect_right(found.starts, at) - 1)
            at = text.find(word, at + 1)
    return sorted(hits)


@pytest.mark.parametrize("piece", [1, 5, 40, 1 << 16])
def test_pieces_find_what_the_whole_text_finds(monkeypatch: Any, piece: int) -> None:
    monkeypatch.setattr(textscan, "PIECE", piece)
    rng = random.Random(piece)
    cut = 0
    for _ in range(1500):
        values = [
            "".join(rng.choice(PARTS) for _ in range(rng.randint(0, 8)))
            for _ in range(rng.randint(1, 12))
        ]
        texts = [TextField(None, "text", v, "behavior") for v in values]  # type: ignore[arg-type]
        found = Prose(texts)
        cut += len(found.cuts) > 1
        index = {id(t): i for i, t in enumerate(texts)}
        assert "\n".join(p for _, p in found.pieces()) == "\n".join(values)
        assert found.rare == textscan._rare("\n".join(values))
        for pattern, masked, lowered in PATTERNS:
            got = [index[id(t)] for t in found.matching(pattern, masked, lowered)]
            assert got == _whole(found, pattern, masked, lowered), (values, pattern)
        for words, lowered in WORDS:
            got = [index[id(t)] for t in found.holding(words, lowered)]
            assert got == _holding(found, words, lowered), (values, words)
    assert piece > 1000 or cut > 100  # the pieces were cut often


def test_a_large_prose_is_cut_in_pieces_after_a_sentence() -> None:
    values = [f"Shares idea {i} with the team." for i in range(20_000)]
    texts = [TextField(None, "text", v, "behavior") for v in values]  # type: ignore[arg-type]
    found = Prose(texts)
    pieces = list(found.pieces())
    assert len(pieces) > 5
    assert all(len(p) < 2 * textscan.PIECE for _, p in pieces)
    assert "\n".join(p for _, p in pieces) == "\n".join(values)


def test_a_piece_ends_only_after_ascii_punctuation() -> None:
    import string

    assert set(string.punctuation) - {"_"} == textscan._CUT_AFTER
    assert not any(re.match(r"[\w\s]", c) for c in textscan._CUT_AFTER)
