"""The near-duplicate join of DU02 (``close_sequences``): exactly the pairs that
comparing every two sequences finds, at a cost that grows with the sequences.

The partition of word sets it replaced is kept here as an oracle: it is exact too, so
the two must agree on every input, including the ones built to sit on the edges of the
new index (edits on the cuts between thirds, at both ends, repeated words, sequences
shorter than three words).
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from itertools import combinations
from typing import Any, TypeVar

import pytest

from benchmarks.generate import CorpusSpec, _Writer, seed_vocabulary
from pdp_lint.language import similarity
from pdp_lint.language.filing import FilingTable
from pdp_lint.language.similarity import (
    brute_force_sequences,
    close_sequences,
    sequence,
    word_distance,
)


def partition_close_sequences(
    sequences: Sequence[Sequence[str]], limit: int
) -> list[tuple[int, int, int]]:
    """The previous join: word sets split into ``2 * limit + 2`` groups by a hash of the
    word, every sequence filed under each pair of its groups' contents."""
    count = 2 * limit + 2
    pairs = tuple(combinations(range(count), 2))
    index: dict[int, list[int]] = {}
    word_sets: list[frozenset[str]] = []
    found: list[tuple[int, int, int]] = []
    for x, mine in enumerate(sequences):
        own = frozenset(mine)
        word_sets.append(own)
        if not mine:
            continue
        sums = [0] * count
        for h in map(hash, own):
            sums[h % count] += h
        candidates: set[int] = set()
        for a, b in pairs:
            filed = index.setdefault(hash((a, b, sums[a], sums[b])), [])
            candidates.update(filed)
            filed.append(x)
        for y in candidates:
            theirs = sequences[y]
            if abs(len(theirs) - len(mine)) > limit or len(own ^ word_sets[y]) > 2 * limit:
                continue
            distance = word_distance(theirs, mine, limit)
            if distance <= limit:
                found.append((y, x, distance))
    found.sort()
    return found


def _edited(rnd: random.Random, words: list[str], vocabulary: list[str], edits: int) -> list[str]:
    """``words`` with ``edits`` words replaced, added or removed, often on the cuts
    between thirds and at the ends, where the index splits a sequence."""
    copy = list(words)
    for _ in range(edits):
        n = len(copy)
        places = [0, n // 3, n - n // 3, max(n - 1, 0), n]
        at = rnd.choice(places) if rnd.random() < 0.6 else rnd.randint(0, n)
        edit = rnd.randrange(3)
        if edit == 0 and at < n:
            copy[at] = rnd.choice(vocabulary)
        elif edit == 1 or at >= n:
            copy.insert(at, rnd.choice(vocabulary))
        else:
            copy.pop(at)
    return copy


def _records(rnd: random.Random, limit: int) -> list[list[str]]:
    vocabulary = [f"w{i}" for i in range(rnd.randint(1, 40))]
    shape = rnd.randrange(3)
    records: list[list[str]] = []
    for _ in range(rnd.randint(1, 40)):
        if shape == 0:  # any words
            size = rnd.randint(0, 16)
            records.append([rnd.choice(vocabulary) for _ in range(size)])
        elif shape == 1:  # phrases glued together, as behaviors are written
            phrases = [[rnd.choice(vocabulary) for _ in range(rnd.randint(1, 6))] for _ in range(5)]
            records.append([w for p in rnd.sample(phrases, rnd.randint(1, 4)) for w in p])
        else:  # a word or two repeated many times
            records.append([rnd.choice(vocabulary[:2]) for _ in range(rnd.randint(0, 12))])
    for _ in range(rnd.randint(0, 60)):  # near copies, some at exactly the limit or one over
        edits = rnd.choice((1, limit, limit, limit + 1, rnd.randint(1, limit + 2)))
        records.append(_edited(rnd, rnd.choice(records), vocabulary, max(edits, 0)))
    rnd.shuffle(records)
    return records


_T = TypeVar("_T")


@pytest.fixture(scope="module")
def known() -> dict[object, Any]:
    """The inputs of this module and what the oracles (every pair compared, the
    partition join) answer for them, made once: both ways of close_sequences are given
    the same inputs (the module goes whole to one worker, see tests/conftest.py)."""
    return {}


def _once(known: dict[object, Any], key: object, make: Callable[[], _T]) -> _T:
    if key not in known:
        known[key] = make()
    found: _T = known[key]
    return found


def _random_cases(limit: int) -> list[tuple[list[list[str]], list[tuple[int, int, int]]]]:
    """The random inputs for ``limit`` and their pairs, found by comparing every pair,
    which the partition join finds too."""
    rnd = random.Random(1000 + limit)
    cases = []
    for _ in range(80 if limit <= 2 else 25 if limit <= 4 else 10):
        records = _records(rnd, limit)
        expected = brute_force_sequences(records, limit)
        assert partition_close_sequences(records, limit) == expected
        cases.append((records, expected))
    return cases


@pytest.fixture(params=["index", "compiled"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each way close_sequences has: its index, and every pair compared in rapidfuzz
    (which a process takes once it has compared enough sequences to pay for loading
    it, for files whose lengths leave few pairs to compare)."""
    if request.param == "index":
        monkeypatch.setattr(similarity, "_COMPILED_FROM", 10**12)
        monkeypatch.delitem(sys.modules, "rapidfuzz.process", raising=False)
    else:
        monkeypatch.setattr(similarity, "_COMPILED_FROM", 0)
        monkeypatch.setattr(similarity, "_PAIRS_PER_SEQUENCE", 10**12)
    return str(request.param)


@pytest.mark.parametrize("limit", [0, 1, 2, 3, 4, 5])
def test_close_sequences_agree_with_the_partition_join_and_every_pair(
    limit: int, way: str, known: dict[object, Any]
) -> None:
    for records, expected in _once(known, ("random", limit), partial(_random_cases, limit)):
        assert close_sequences(records, limit) == expected


def _edits() -> list[list[str]]:
    base = [f"w{i}" for i in range(10)]
    variants = [base]
    for i in range(11):
        variants.append([*base[:i], "new", *base[i:]])  # a word added
        if i < 10:
            variants.append(base[:i] + base[i + 1 :])  # removed
            variants.append([*base[:i], "new", *base[i + 1 :]])  # replaced
            for j in range(i + 1, 10):
                variants.append(base[:i] + base[i + 1 : j] + base[j + 1 :])
                variants.append([*base[:i], "x", *base[i + 1 : j], "y", *base[j + 1 :]])
    return variants


def test_close_sequences_find_every_pair_of_a_short_and_a_long_edit(
    way: str, known: dict[object, Any]
) -> None:
    # every single and double edit of one sequence, at every place: the index's cuts
    # move with the length, and the pair must be found wherever the edits fall
    variants = _once(known, "edits", _edits)
    for limit in (1, 2, 3):
        expected = _once(known, ("edits", limit), partial(brute_force_sequences, variants, limit))
        assert close_sequences(variants, limit) == expected


def _behaviors(count: int) -> list[list[str]]:
    """``count`` behaviors as the benchmark corpus writes them (seed phrases glued
    together), one in twenty a near copy of an earlier one, as read by DU02."""
    writer = _Writer(CorpusSpec(behaviors=count), seed_vocabulary())
    texts: list[str] = []
    for i in range(count):
        if i % 20 == 19:
            texts.append(writer.near_duplicate(texts[writer.rng.randrange(len(texts))])[0])
        else:
            texts.append(writer.sentence())
    return [sequence(t) for t in texts]


def _known_behaviors(known: dict[object, Any], count: int) -> list[list[str]]:
    """``_behaviors(count)``, made once for the module (no test changes them)."""
    return _once(known, ("behaviors", count), partial(_behaviors, count))


def test_close_sequences_of_behaviors_agree_with_the_partition_join(
    way: str, known: dict[object, Any]
) -> None:
    records = _known_behaviors(known, 3000)
    found = close_sequences(records, 2)
    assert found == _once(known, "partition", partial(partition_close_sequences, records, 2))
    assert len(found) >= 150  # the near copies, at least


def _cpu(records: list[list[str]]) -> float:
    start = time.process_time()
    close_sequences(records, 2)
    return time.process_time() - start


def test_close_sequences_cost_grows_linearly_with_the_behaviors(known: dict[object, Any]) -> None:
    # behaviors glued from a few hundred phrases share a third of their words by the
    # thousand: comparing those (the partition of word sets) cost 10x the CPU time for
    # 4x the behaviors, and a 90 MB file's join minutes
    small, large = _known_behaviors(known, 4000), _behaviors(16000)
    _cpu(small[:100])
    cost_small, cost_large = _cpu(small), _cpu(large)
    if cost_large / cost_small >= 7.0:  # measured once; again, the better of two, before failing
        cost_small, cost_large = min(cost_small, _cpu(small)), min(cost_large, _cpu(large))
    ratio = cost_large / cost_small
    assert ratio < 7.0, f"4x the behaviors cost {ratio:.1f}x the CPU time"


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_the_dicts_of_a_framework_and_the_tables_of_a_large_file_find_the_same_pairs(
    limit: int, monkeypatch: pytest.MonkeyPatch, known: dict[object, Any]
) -> None:
    # up to similarity._DICT_UP_TO sequences are filed in dicts (less CPU), more in
    # filing tables (less memory): the same keys, so the same candidates and pairs
    monkeypatch.setattr(similarity, "_COMPILED_FROM", 10**12)  # the index's two forms
    monkeypatch.delitem(sys.modules, "rapidfuzz.process", raising=False)
    rnd = random.Random(2000 + limit)
    cases = [_records(rnd, limit) for _ in range(4)]
    if limit == 2:  # DU02's limit, on behaviors as a framework writes them
        cases.append(_known_behaviors(known, 1200))
    for records in cases:
        monkeypatch.setattr(similarity, "_DICT_UP_TO", 10**9)
        in_dicts = close_sequences(records, limit)
        monkeypatch.setattr(similarity, "_DICT_UP_TO", 0)
        assert close_sequences(records, limit) == in_dicts
        if len(records) < 1000:
            assert in_dicts == brute_force_sequences(records, limit)


def test_a_framework_of_a_few_hundred_behaviors_is_filed_in_dicts(
    monkeypatch: pytest.MonkeyPatch, known: dict[object, Any]
) -> None:
    # the benchmark corpus's 240 behaviors a file: a full check 6.5% less CPU than with
    # the filing tables (eight interleaved pairs, the 100,000-behavior corpus, -j 1); a
    # large file keeps the tables' memory (tests/test_filing.py)
    made: list[int] = []

    class Counted(FilingTable):
        def __init__(self, expected: int) -> None:
            made.append(expected)
            super().__init__(expected)

    monkeypatch.setattr(similarity, "FilingTable", Counted)
    monkeypatch.setattr(similarity, "_COMPILED_FROM", 10**12)
    monkeypatch.delitem(sys.modules, "rapidfuzz.process", raising=False)
    records = _known_behaviors(known, 1200)
    close_sequences(records[:240], 2)
    assert made == []
    close_sequences(records, 2)
    assert made


def test_rapidfuzz_compares_the_pairs_only_once_a_run_has_paid_for_loading_it(
    monkeypatch: pytest.MonkeyPatch, known: dict[object, Any]
) -> None:
    # the hook's one file (a few hundred sequences) never loads rapidfuzz (some 20 ms of
    # a 90 ms start-up): the index; a run that has compared 2,000 sequences does, and a
    # file whose lengths leave many pairs (one framework of thousands of behaviors)
    # stays with the index, whose cost grows with the sequences alone
    records = _known_behaviors(known, 4000)
    few = records[:240]
    monkeypatch.delitem(sys.modules, "rapidfuzz.process", raising=False)
    monkeypatch.setattr(similarity, "_COMPILED_FROM", 2_000)
    monkeypatch.setattr(similarity, "_COMPARED", [0])
    order = sorted(range(len(few)), key=lambda i: len(few[i]))
    assert similarity._compiled_pairs(few, order, 2) is None
    monkeypatch.setattr(similarity, "_COMPARED", [similarity._COMPILED_FROM])
    compiled = similarity._compiled_pairs(few, order, 2)
    assert compiled is not None and compiled == brute_force_sequences(few, 2)
    many = sorted(range(len(records)), key=lambda i: len(records[i]))
    assert similarity._compiled_pairs(records, many, 2) is None
    before = similarity._COMPARED[0]
    close_sequences(few, 2)
    assert similarity._COMPARED[0] == before + len(few)
