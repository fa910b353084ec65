"""Quicker word passes find exactly what the slower ones they replace found."""

from __future__ import annotations

import json
import random
import re
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import msgspec
import pytest

from pdp_lint.language.similarity import long_word_counts, word_counts, words
from pdp_lint.load.document import Document
from pdp_lint.load.loader import load_file, load_text
from pdp_lint.load.source import SourceText
from pdp_lint.model.framework import TextField
from pdp_lint.rules import naming, spelling
from pdp_lint.rules.base import FACT_KINDS, Context
from pdp_lint.rules.textscan import RUNS, Prose, mask_mojibake, prose, prose_runs
from pdp_lint.rules.wording import _REPEATED_HINT
from tests.conftest import FRAMEWORKS

TEXTS = [
    "Uses uses the the tools; KE's and KEs, day-to-day work.",
    "A bc def ghij klmno 1234 12345 a1b2 x",
    "Café naïve façade ‘quoted’ İstanbul straße ÉTÉ été",
    "don't can`t won’t it's",
    " leading,  doubled and\u00a0odd\tblanks, trailing ",
    "broken donâ€™t, hidden zero\u200bwidth, a bell\u0007 here",
    "TODO: [insert the goal] for Lorem\nnumbers end lines 42\nand texts 7",
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
        terms = spelling._terms(ctx)
        expected = Counter(spelling._QUICK_WORDS.findall(lowered))
        assert terms.uses == expected and list(terms.uses) == list(expected)
        assert prose(doc, ctx).runs == frozenset("\n".join(t.value for t in texts).split())
        letters = frozenset(spelling._QUICK_LETTERS.findall(lowered))
        assert spelling._context(ctx) == letters
        long_words = naming._long_words(ctx.merged(RUNS))
        expected_long = long_word_counts([t.value for t in texts], 4)
        assert long_words == expected_long  # read by word only: the order does not count


def test_run_counts_add_up_in_any_folding_without_changing_a_document_s_own() -> None:
    docs = documents()
    ctx = Context(docs)
    own = [prose_runs(d, ctx) for d in docs]
    before = [Counter(c) for c in own]
    whole = Counter("\n".join(t.value for d in docs for t in d.texts).split())
    assert ctx.merged(RUNS) == whole
    _, merge = FACT_KINDS[RUNS]
    assert merge is not None
    folded = merge(own[:2])
    folded = merge([folded, *own[2:]])  # as a streaming check folds them
    assert folded == whole and list(folded) == list(whole)
    assert merge([merge(own[:1]), merge(own[1:])]) == whole  # as the processes' sums
    assert own == before


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


def test_the_joined_spacing_search_finds_every_oddly_spaced_text() -> None:
    from pdp_lint.rules.hygiene import _ODD_SPACING, Whitespace

    blanks = " \t\u00a0\u202f\u2007"

    def odd(value: str) -> bool:  # the test each text had on its own
        return bool(
            re.search("[\t\u00a0\u202f\u2007]", value)
            or "  " in value
            or value[:1] in blanks
            or value[-1:] in blanks
        )

    rule = Whitespace()
    for doc in documents():
        ctx = Context([doc])
        found = prose(doc, ctx).matching(_ODD_SPACING)
        expected = [t for t in doc.texts if odd(t.value)]
        assert {id(t) for t in expected} <= {id(t) for t in found}
        assert all(not list(rule._check_text(doc, t)) for t in found if t not in expected)
    assert expected  # the odd texts above are found


#: the patterns the rules first try on the rare characters alone (Prose.holds_any)
RARE_PATTERNS = {
    "TX01": "pdp_lint.rules.textscan:LEAD_CHARACTERS",
    "TX02": "pdp_lint.rules.hygiene:_ODD_BLANK",
    "TX05": "pdp_lint.rules.hygiene:_CONTROL",
    "TX08": "pdp_lint.rules.hygiene:_INVISIBLE_CHARACTER",
    "GR01": "pdp_lint.rules.wording:_OTHER_FOLDS",
}


def _pattern(where: str) -> re.Pattern[str]:
    import importlib

    module, name = where.split(":")
    found: re.Pattern[str] = getattr(importlib.import_module(module), name)
    return found


@pytest.mark.parametrize("code", sorted(RARE_PATTERNS))
def test_a_search_of_the_rare_characters_tells_what_a_search_of_the_text_would(code: str) -> None:
    from re import _constants, _parser  # type: ignore[attr-defined]

    pattern = _pattern(RARE_PATTERNS[code])
    # one character class, matching no printable ASCII character and no line break
    parsed = list(_parser.parse(pattern.pattern))
    assert len(parsed) == 1 and parsed[0][0] is _constants.IN
    assert not any(pattern.match(c) for c in "\n" + "".join(map(chr, range(0x20, 0x7F))))
    hits = 0
    for doc in documents():
        found = prose(doc, Context([doc]))
        holds = found.holds_any(pattern)
        assert holds == (pattern.search(found.joined) is not None)
        hits += holds
    assert hits  # the texts above hold one of each


def test_the_rare_characters_are_the_text_less_printable_ascii_and_line_breaks() -> None:
    from pdp_lint.rules.textscan import _rare

    samples = [*TEXTS, "\x00\x07\t\r\x7f\x85\u2028\ud800 x\udfff\U0001f600", "a\nb", ""]
    for text in [*samples, *framework_texts()]:
        expected = "".join(c for c in text if not (" " <= c <= "~" or c == "\n"))
        assert _rare(text) == expected


def test_what_never_holds_a_space_is_found_among_the_distinct_runs() -> None:
    from pdp_lint.rules.hygiene import _ENDS_WITH_DIGIT, _PLACEHOLDER_HINTS

    both = 0
    for doc in documents():
        found = prose(doc, Context([doc]))
        runs = found.runs_text
        assert sorted(runs.split("\n")) == sorted(found.runs)
        ends = _ENDS_WITH_DIGIT.search(runs) is not None
        assert ends == bool(found.matching(_ENDS_WITH_DIGIT))
        hinted = any(h in runs for h in _PLACEHOLDER_HINTS) or "lorem" in runs.lower()
        holding = found.holding(_PLACEHOLDER_HINTS) or found.holding(("lorem",), lowered=True)
        assert hinted == bool(holding) or len(found.lowered) != len(found.joined)
        both += ends and hinted
    assert both  # the texts above end lines with numbers and hold placeholders


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
    # a list of every word (or run) of a 90 MB file was larger than the file's text.
    # The words are counted in batches of 4,096 texts, whose words peak at some 2.2 MB:
    # 60,000 texts (3 MB) tell that from a list of every word; the runs, counted in
    # pieces of 64 KB (a peak of 0.8 MB), 30,000 texts (1.5 MB) do
    texts = [f"Shares ideas number {i % 50} with the whole team, weekly" for i in range(60_000)]
    size = sum(map(len, texts))
    assert _traced_peak(lambda: long_word_counts(texts, 4)) < size
    texts = texts[:30_000]
    size = sum(map(len, texts))
    joined = "\n".join(texts)
    fields = [TextField(None, "text", t, "behavior") for t in texts]  # type: ignore[arg-type]
    found = Prose(fields)
    assert _traced_peak(lambda: found.run_counts) < size
    assert list(found.run_counts.items()) == list(Counter(joined.split()).items())


def test_prose_is_kept_as_its_fields_not_joined() -> None:
    # curly quotes make a file's prose non-ASCII (two bytes a character): the prose is
    # searched in pieces, and no copy of it, joined, masked or lowered, is kept
    for doc in documents():
        found = prose(doc, Context(corpus=[doc]))
        values = [t.value for t in found.texts]
        assert found.masked == "\n".join(map(mask_mojibake, values))
        assert "\n".join(piece for _, piece in found.pieces()) == found.joined
        found.matching(re.compile("x"), masked=True)
        found.holding(("x",), lowered=True)
        kept = {k for k, v in msgspec.structs.asdict(found).items() if isinstance(v, str)}
        assert kept <= {"_rare", "_runs_text"}, doc.file
    assert any(not prose(d, Context(corpus=[d])).joined.isascii() for d in documents())
