"""The compact tables of DU02's joins: the filing table (``FilingTable``) answers what a
dict of lists would, and word sets coded a character a word pair as the words do."""

from __future__ import annotations

import math
import random
import sys
import tracemalloc
from collections import Counter

import pytest

from pdp_lint.language import similarity
from pdp_lint.language.filing import KEY_BITS, MOST_SLOTS, FilingTable
from pdp_lint.language.similarity import (
    _Codes,
    _filings,
    _part_keys,
    _parts,
    close_sequences,
    coded_word_sets,
    similar_pairs,
)
from tests.test_close_sequences import _behaviors


def test_filing_table_answers_what_a_dict_of_lists_answers() -> None:
    rnd = random.Random(15)
    for _ in range(60):
        # few keys in many slots, many keys in few slots (long chains), keys that share
        # their low bits (one slot), the largest keys and numbers
        expected = rnd.choice((0, 1, 10, 1000))
        pool = rnd.choice(
            (
                [rnd.randrange(1 << KEY_BITS) for _ in range(rnd.randint(1, 50))],
                [rnd.randrange(8) << 20 for _ in range(20)],
                [(1 << KEY_BITS) - 1, 0, 1, 64, 128],
            )
        )
        table = FilingTable(expected)
        reference: dict[int, list[int]] = {}
        for _ in range(rnd.randint(0, 400)):
            key = rnd.choice(pool)
            if rnd.random() < 0.3:
                assert table.find(key) == reference.get(key, [])[::-1]
                continue
            number = rnd.choice((0, rnd.randrange(1000), (1 << 31) - 1))
            before = table.file(key, number)
            assert before == reference.get(key, [])[::-1]
            reference.setdefault(key, []).append(number)
        assert len(table) == sum(map(len, reference.values()))
        for key in pool:
            assert table.find(key) == reference.get(key, [])[::-1]


def test_filing_table_has_two_slots_per_expected_filing_up_to_a_bound() -> None:
    assert len(FilingTable(0).heads) == 64
    assert len(FilingTable(1000).heads) == 2048
    assert len(FilingTable(1 << 40).heads) == MOST_SLOTS


def test_a_table_is_made_as_large_as_the_keys_filed_under_it() -> None:
    # the table of each part is made once, as large as its filings: none files more keys
    # than counted (more would only make longer chains, but every slot of 4 bytes counts)
    rnd = random.Random(7)
    sequences = [
        tuple(f"w{rnd.randrange(30)}" for _ in range(rnd.randint(1, 30))) for _ in range(500)
    ]
    lengths = Counter(map(len, sequences))
    for most in (0, 1, 2):
        filed: Counter[tuple[int, int]] = Counter()
        for words in sequences:
            for where in set(_parts(len(words))):
                filed[where] += len(_part_keys(words, where, most))
        for where, count in filed.items():
            assert count <= _filings(lengths, where, most), where


@pytest.mark.parametrize("way", ["index", "compiled"])
def test_the_join_of_behaviors_holds_little_memory_per_behavior(
    way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each sequence is filed under a few dozen keys, kept for the sequences of the next
    # lengths: in dicts those cost about 80 bytes each, 800 bytes a behavior at the join's
    # peak (887 measured with dicts on 2,000 behaviors, 774 on 8,000), in filing tables
    # less than half (305 and 335): 1,600 (past similarity._DICT_UP_TO, and with 82 near
    # copies) tell them apart (1,400 with dicts, 317 in tables) in a fifth of the time.
    # Compared pair by pair in rapidfuzz (a file whose lengths leave few pairs), each
    # sequence is a string of a character a word: about 450 bytes a behavior
    from rapidfuzz import process  # loaded before the measure, as a run loads it once

    assert process
    if way == "index":
        monkeypatch.setattr(similarity, "_COMPILED_FROM", 10**12)
        monkeypatch.delitem(sys.modules, "rapidfuzz.process")
    else:
        monkeypatch.setattr(similarity, "_COMPILED_FROM", 0)
    records = _behaviors(1600)
    assert len(records) > similarity._DICT_UP_TO  # filed in tables
    close_sequences(records[:100], 2)
    tracemalloc.start()
    try:
        found = close_sequences(records, 2)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(found) >= 75
    assert peak / len(records) < 550, f"{peak / len(records):.0f} bytes a behavior"


def test_word_sets_coded_a_character_a_word_pair_as_the_words_do() -> None:
    rnd = random.Random(3)
    for _ in range(40):
        vocabulary = [f"w{i}" for i in range(rnd.choice((3, 40, 400)))]  # past 256: two bytes
        records = [
            [rnd.choice(vocabulary) for _ in range(rnd.randint(0, 20))]
            for _ in range(rnd.randint(1, 120))
        ]
        coded = coded_word_sets(records)
        assert coded is not None
        assert [len(c) for c in coded] == [len(set(r)) for r in records]
        assert all(list(c) == sorted(set(c)) for c in coded)
        for threshold in (0.5, 0.8, 0.9):
            assert similar_pairs(coded, threshold) == similar_pairs(records, threshold)


def test_word_codes_leave_out_the_surrogates_and_give_up_past_the_last_character() -> None:
    codes = _Codes()
    for n in range(0xD800 + 1):
        codes[f"w{n}"]
    assert codes["w0"] == "\x00"
    assert codes[f"w{0xD7FF}"] == "\ud7ff"
    assert codes[f"w{0xD800}"] == "\ue000"

    class Full(_Codes):
        def __len__(self) -> int:
            return 0x110000

    with pytest.raises(ValueError):
        Full()["one too many"]


def test_the_filings_of_a_part_count_every_length_that_files_there() -> None:
    # the lengths whose parts are `where` are found near 3/2 (or 3) times its length,
    # not by asking every length of the input (thousands, for a hostile file)
    lengths = Counter({n: n % 7 + 1 for n in range(1, 400)})
    for most in (0, 1, 2):
        for n in range(1, 400):
            for where in _parts(n):
                kind, length = where
                words = 2 * length if kind == 2 else length
                variants = sum(math.comb(words, k) for k in range(min(most, words) + 1))
                every = sum(c for m, c in lengths.items() if where in _parts(m))
                assert _filings(lengths, where, most) == variants * every
