"""Text normalisation and the near-duplicate join (pdp_lint.language.similarity)."""

from __future__ import annotations

import random
from itertools import accumulate
from pathlib import Path

import pytest

from pdp_lint.language.similarity import (
    Pair,
    brute_force_pairs,
    brute_force_sequences,
    close_sequences,
    jaccard,
    normalise,
    sequence,
    similar_pairs,
    word_distance,
    word_set,
    words,
)

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def seed_vocabulary() -> list[str]:
    """Every word of the source documents, most frequent first."""
    counts: dict[str, int] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for word in words(path.read_text(encoding="utf-8")):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def behavior_like(n: int, seed: int) -> tuple[list[str], list[tuple[int, int]]]:
    """``n`` sentences of 6 to 22 seed words drawn with Zipf weights; about 5% are exact
    copies of an earlier sentence and 5% copies with one word replaced. Returns the
    sentences and the planted (original, copy) pairs."""
    vocabulary = seed_vocabulary()
    rnd = random.Random(seed)
    # the cumulative weights, as random.choices adds them up from the weights on each
    # call (a pass over the vocabulary for every sentence): the same draws
    cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    out: list[str] = []
    planted: list[tuple[int, int]] = []
    for i in range(n):
        draw = rnd.random()
        if out and draw < 0.10:
            source = rnd.randrange(len(out))
            sentence = out[source].split()
            if draw >= 0.05:
                sentence[rnd.randrange(len(sentence))] = rnd.choice(vocabulary)
            out.append(" ".join(sentence))
            planted.append((source, i))
        else:
            out.append(
                " ".join(rnd.choices(vocabulary, cum_weights=cumulative, k=rnd.randint(6, 22)))
            )
    return out, planted


def test_normalise_ignores_case_spacing_punctuation_and_quote_style() -> None:
    a = "Owns the team\u2019s  knowledge\u00a0base \u2014 end to end."
    b = "owns the team's knowledge base: end-to-end"
    assert normalise(a) == normalise(b) == "owns the teams knowledge base end to end"


def test_normalise_keeps_different_words_apart() -> None:
    assert normalise("Leads the team") != normalise("Lead the team")


def test_jaccard_of_word_sets() -> None:
    assert jaccard(word_set("a b c d"), word_set("a b c e")) == pytest.approx(3 / 5)
    assert jaccard(set(), set()) == 1.0


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.6, 0.75, 0.85, 0.95, 1.0])
def test_join_finds_exactly_the_pairs_a_full_comparison_finds(threshold: float) -> None:
    # short sentences over a small vocabulary, so that many pairs are near the threshold
    rnd = random.Random(int(threshold * 100))
    vocabulary = seed_vocabulary()[:60]
    texts = [" ".join(rnd.choices(vocabulary, k=rnd.randint(1, 12))) for _ in range(300)]
    texts += [t + " " + rnd.choice(vocabulary) for t in texts[:60]]  # near copies
    texts += texts[100:130]  # exact copies
    sets = [word_set(t) for t in texts]
    expected = brute_force_pairs(sets, threshold)
    found = similar_pairs(sets, threshold)
    assert [(p.first, p.second) for p in found] == [(p.first, p.second) for p in expected]
    for got, want in zip(found, expected, strict=True):
        assert got.similarity == pytest.approx(want.similarity)
    assert len(expected) > 30  # the case is not trivially empty


@pytest.mark.parametrize("threshold", [0.8, 0.85, 0.9])
def test_join_of_a_few_records_finds_what_a_full_comparison_finds(threshold: float) -> None:
    # a small framework's behaviors (up to a dozen distinct sets) are compared every
    # two instead of filed: the same pairs as the partition scheme and a full comparison
    rnd = random.Random(int(threshold * 1000))
    vocabulary = seed_vocabulary()[:30]
    near = 0
    for _ in range(400):
        texts = [" ".join(rnd.choices(vocabulary, k=rnd.randint(1, 14)))]
        for _ in range(rnd.randint(0, 13)):
            base = rnd.choice(texts).split()
            if rnd.random() < 0.5:
                base[rnd.randrange(len(base))] = rnd.choice(vocabulary)
            else:
                base.append(rnd.choice(vocabulary))
            texts.append(" ".join(base))
        sets = [word_set(t) for t in texts]
        expected = brute_force_pairs(sets, threshold)
        found = similar_pairs(sets, threshold)
        assert [(p.first, p.second) for p in found] == [(p.first, p.second) for p in expected]
        for got, want in zip(found, expected, strict=True):
            assert got.similarity == pytest.approx(want.similarity)
        near += sum(p.similarity < 1 for p in expected)
    assert near > 50  # pairs that are near, not only identical


def test_join_finds_every_planted_duplicate_in_a_large_corpus() -> None:
    texts, planted = behavior_like(20_000, seed=3)
    sets = [word_set(t) for t in texts]
    found = {(p.first, p.second) for p in similar_pairs(sets, 0.85)}
    # a copy with one word replaced in a sentence of fewer than 13 distinct words can
    # fall below 0.85; every other planted copy must be found
    expected = {(a, b) for a, b in planted if jaccard(sets[a], sets[b]) >= 0.85}
    assert len(expected) > 1000
    assert expected <= found


def test_empty_records_are_never_paired_and_identical_ones_are() -> None:
    assert similar_pairs([set(), set(), {"a"}, {"a"}], 0.9) == [Pair(2, 3, 1.0)]


@pytest.mark.parametrize("threshold", [0, -0.1, 1.5])
def test_threshold_outside_the_unit_interval_is_refused(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        similar_pairs([{"a"}], threshold)


def test_word_counts_count_the_words_of_each_text():
    from collections import Counter

    from pdp_lint.language.similarity import word_counts, words

    texts = [
        "KE's day-to-day `work`",
        "Café – naïve ‘quotes’ and KE’s",
        "two\nlines, Work",
        "",
        "ÉCOLE école",
    ]
    expected: Counter[str] = Counter()
    for text in texts:
        expected.update(words(text))
    assert word_counts(texts) == expected
    assert expected["kes"] == 2 and expected["work"] == 2


def test_sequence_drops_possessive_endings_only() -> None:
    assert sequence("The team's goals and the teams’ KPIs") == [
        "the",
        "team",
        "goals",
        "and",
        "the",
        "teams",
        "kpis",
    ]
    assert sequence("It's what KE’s do") == ["it", "what", "ke", "do"]


def test_word_distance_counts_words_replaced_added_or_removed() -> None:
    short = sequence("Writes clear release notes")
    assert word_distance(short, sequence("Writes clear release summaries"), 2) == 1
    long = sequence("Reviews pull requests from the team within one working day, kindly")
    assert (
        word_distance(
            long, sequence("Reviews merge requests from the team within one day, kindly"), 2
        )
        == 2
    )
    assert word_distance(long, sequence("Reviews code"), 2) == 3  # more than the limit


@pytest.mark.parametrize("limit", [0, 1, 2, 3])
def test_close_sequences_finds_exactly_the_pairs_a_full_comparison_finds(limit: int) -> None:
    rnd = random.Random(limit)
    for _ in range(30):
        vocabulary = [f"w{i}" for i in range(rnd.randint(2, 30))]
        records = [[rnd.choice(vocabulary) for _ in range(rnd.randint(0, 14))] for _ in range(50)]
        for _ in range(25):  # near copies: words replaced, added or removed
            copy = list(rnd.choice(records))
            for _ in range(rnd.randint(1, 3)):
                edit = rnd.randrange(3)
                if edit == 0 and copy:
                    copy[rnd.randrange(len(copy))] = rnd.choice(vocabulary)
                elif edit == 1:
                    copy.insert(rnd.randint(0, len(copy)), rnd.choice(vocabulary))
                elif copy:
                    copy.pop(rnd.randrange(len(copy)))
            records.append(copy)
        assert close_sequences(records, limit) == brute_force_sequences(records, limit)


def test_similar_to_earlier_is_similar_pairs_with_those_records_second() -> None:
    # random records of a small vocabulary make many close pairs, identical sets and
    # empty records; every threshold the joins handle differently (prefix < 0.8 <=
    # partition) and the few-records path of each
    from pdp_lint.language.similarity import similar_to_earlier, sorted_words

    rng = random.Random(11)
    vocabulary = [f"w{n}" for n in range(14)]
    for round_ in range(300):
        count = rng.choice([0, 1, 5, 12, 13, 40, 120])
        records: list = []
        for _ in range(count):
            words_ = rng.sample(vocabulary, rng.choice([0, 1, 2, 3, 5, 8, 10]))
            if words_ and rng.random() < 0.3 and records:
                records.append(records[rng.randrange(len(records))])  # a copy
                continue
            kind = rng.choice(["set", "frozenset", "sorted", "list"])
            records.append(
                set(words_)
                if kind == "set"
                else frozenset(words_)
                if kind == "frozenset"
                else sorted_words(words_)
                if kind == "sorted"
                else words_ + words_[:1]  # a repeat counts once
            )
        later = {i for i in range(count) if rng.random() < 0.2}
        for threshold in (0.3, 0.5, 0.79, 0.8, 0.85, 1.0):
            expected = [p for p in similar_pairs(records, threshold) if p.second in later]
            assert similar_to_earlier(records, later, threshold) == expected, (
                round_,
                threshold,
            )


def test_similar_to_earlier_on_real_summaries(tmp_path: Path) -> None:
    # the summaries of the canonical, as-found (with a copied summary) and accuracy
    # frameworks, and of a generated corpus
    from benchmarks.generate import CorpusSpec, ensure_corpus
    from pdp_lint.language.similarity import similar_to_earlier, sorted_words
    from pdp_lint.load.loader import load_file
    from tests.conftest import AS_FOUND, FRAMEWORKS, ROOT

    generated = ensure_corpus(CorpusSpec(behaviors=3000, seed=5), tmp_path)
    folders = [FRAMEWORKS, AS_FOUND, ROOT / "benchmarks" / "accuracy" / "corpus", generated]
    summaries = []
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            framework = load_file(path).framework
            if framework is not None:
                summaries += [role.summary for role in framework.roles() if role.summary]
    records = [sorted_words(words(text)) for text in summaries]
    assert len(records) > 100
    found = 0
    for threshold in (0.3, 0.5, 0.85):
        pairs = similar_pairs(records, threshold)  # the same for each choice of records
        for later in ({len(records) - 1}, set(range(10, 40)), set(range(0, len(records), 7))):
            expected = [p for p in pairs if p.second in later]
            assert similar_to_earlier(records, later, threshold) == expected
            found += len(expected)
    assert found > 10
