"""Quicker word passes find exactly what the slower ones they replace found."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from pdp_lint.rules.wording import _REPEATED_HINT
from pdp_lint.similarity import long_word_counts, word_counts
from tests.conftest import FRAMEWORKS

TEXTS = [
    "Uses uses the the tools; KE's and KEs, day-to-day work.",
    "A bc def ghij klmno 1234 12345 a1b2 x",
    "Café naïve façade ‘quoted’ İstanbul straße ÉTÉ été",
    "don't can`t won’t it's",
    "",
]


def framework_texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(FRAMEWORKS.glob("*.yaml"))]


@pytest.mark.parametrize("shortest", [1, 3, 4, 6])
def test_long_word_counts_are_word_counts_without_the_short_words(shortest: int) -> None:
    for texts in (TEXTS, framework_texts(), [t.upper() for t in TEXTS]):
        counts = word_counts(texts)
        expected = Counter({w: n for w, n in counts.items() if len(w) >= shortest})
        found = long_word_counts(texts, shortest)
        assert found == expected
        assert list(found) == list(expected)  # the same order, first use first


def test_the_repeated_word_hint_finds_what_the_backtracking_pattern_found() -> None:
    backtracking = re.compile(r"\b(\w+)\s+\1\b")
    samples = [*TEXTS, "ab b", "a a", "abc abc abcd", "x\n x", "the  the", "é é", "1 1"]
    for text in [*samples, *framework_texts()]:
        lowered = text.lower()
        assert [m.span() for m in _REPEATED_HINT.finditer(lowered)] == [
            m.span() for m in backtracking.finditer(lowered)
        ]
