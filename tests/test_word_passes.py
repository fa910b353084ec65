"""Quicker word passes find exactly what the slower ones they replace found."""

from __future__ import annotations

import itertools
import json
import random
import re
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from pdp_lint.language.similarity import long_word_counts, word_counts, words
from pdp_lint.load.document import Document
from pdp_lint.load.loader import load_file, load_text
from pdp_lint.load.source import SourceText
from pdp_lint.model.framework import TextField
from pdp_lint.rules import spelling
from pdp_lint.rules.base import Context
from pdp_lint.rules.textscan import Prose, mask_mojibake, prose
from pdp_lint.rules.wording import _REPEATED_HINT
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


def documents() -> list[Document]:
    """The canonical frameworks, and one framework holding the texts above."""
    out = []
    for path in sorted(FRAMEWORKS.glob("*.yaml")):
        loaded = load_file(path)
        assert loaded.framework is not None and loaded.source is not None
        out.append(Document(loaded.framework, loaded.source))
    odd = "\n".join(
        f"          - id: b{i}\n            text: {json.dumps(t)}" for i, t in enumerate(TEXTS) if t
    )
    text = MINIMAL_WITH_BEHAVIORS.replace("BEHAVIORS", odd)
    loaded = load_text(SourceText(Path("odd.yaml"), text))
    assert loaded.framework is not None and loaded.source is not None, loaded.problems
    out.append(Document(loaded.framework, loaded.source))
    return out


MINIMAL_WITH_BEHAVIORS = """\
id: odd
title: Odd PDP
owner:
  team: Σίσυφος #team @lead
locale: en-US
version: "1.0"
status: draft
competencies:
  - id: knowledge
    name: ΟΔΟΣ Knowledge
    levels:
      - level: 1
        summary: "ΣΟΦΟΣ σοφος tab\\there nbsp\\u00a0here #tag @mention o'neil’s"
        behaviors:
BEHAVIORS
"""


def test_words_counted_run_by_run_are_the_words_of_the_whole_text() -> None:
    for doc in documents():
        ctx = Context([doc])
        texts = prose(doc, ctx).texts
        lowered = "\n".join(t.value for t in texts).lower()
        terms = spelling._terms(doc, ctx)
        expected = Counter(spelling._QUICK_WORDS.findall(lowered))
        assert terms.uses == expected and list(terms.uses) == list(expected)
        assert prose(doc, ctx).runs == frozenset("\n".join(t.value for t in texts).split())
        letters = frozenset(spelling._QUICK_LETTERS.findall(lowered))
        assert spelling._context_words(doc, ctx) == letters


def test_the_article_pattern_matches_where_the_look_behind_first_one_did() -> None:
    from pdp_lint.rules.wording import _ARTICLE

    behind_first = re.compile(
        r"(?<![\w'’./&-])(?P<article>[Aa]n?)[^\S\n]+(?P<next>[^\W_][\w'’&+-]*)(?P<after>[./:]?\w*)"
    )
    samples = ["A a an An x.a b", "a", "'a b", "’a b", "-an x", "&a y", "/a z", "ba c"]
    samples += ["\na d", "Plan A is", "a\u00a0b", "an FAQ", "a 8-hour day", "A/B tests"]
    for text in [*samples, *TEXTS, *framework_texts()]:
        found = [(m.span(), m.groupdict()) for m in _ARTICLE.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in behind_first.finditer(text)]
        assert [m.span("article") for m in _ARTICLE.finditer(text)] == [
            m.span("article") for m in behind_first.finditer(text)
        ]


def _one_pass_counts(texts: list[str], shortest: int) -> Counter[str]:
    """Word counts as read before batches: the other texts, then every ASCII text in
    one joined pass."""
    counts: Counter[str] = Counter()
    plain = []
    for text in texts:
        if text.isascii():
            plain.append(text)
        else:
            counts.update(w for w in words(text) if len(w) >= shortest)
    joined = "\n".join(plain).lower().replace("`", "").replace("'", "")
    counts.update(w for w in re.findall(r"[a-z0-9]+", joined) if len(w) >= shortest)
    return counts


def test_word_counts_of_many_texts_read_in_batches_are_those_of_one_pass() -> None:
    # thousands of texts, the ASCII ones read a batch at a time: the same counts, and
    # words first counted in the same order (the other texts first)
    rng = random.Random(5)
    texts = [rng.choice(TEXTS) + f" w{rng.randrange(20_000)}" for _ in range(3 * 4096 + 17)]
    for shortest in (1, 4):
        expected = _one_pass_counts(texts, shortest)
        found = long_word_counts(texts, shortest) if shortest > 1 else word_counts(texts)
        assert found == expected
        assert list(found) == list(expected)


def _traced_peak(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_word_passes_over_a_large_text_keep_no_list_of_every_word() -> None:
    # a list of every word (or run) of a 90 MB file was larger than the file's text
    texts = [f"Shares ideas number {i % 50} with the whole team, weekly" for i in range(60_000)]
    size = sum(map(len, texts))
    assert _traced_peak(lambda: long_word_counts(texts, 4)) < size
    joined = "\n".join(texts)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    fields = [TextField(None, "text", t, "behavior") for t in texts]  # type: ignore[arg-type]
    found = Prose(fields, joined, joined, starts)
    assert _traced_peak(lambda: found.run_counts) < size
    assert list(found.run_counts.items()) == list(Counter(joined.split()).items())


def test_prose_without_broken_characters_is_kept_once() -> None:
    # curly quotes make a file's prose non-ASCII; with nothing to blank out, the masked
    # text is the text itself, not a copy of a large file's prose
    for doc in documents():
        found = prose(doc, Context(corpus=[doc]))
        values = [t.value for t in found.texts]
        if any(mask_mojibake(v) != v for v in values):
            assert found.masked == "\n".join(map(mask_mojibake, values))
        else:
            assert found.masked is found.joined
    assert any(not prose(d, Context(corpus=[d])).joined.isascii() for d in documents())
