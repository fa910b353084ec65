"""The quick paths of the rules report exactly what the plain ones do.

The as-found corpus keeps every defect of the sources; its findings (every rule, the
opt-in ones too, with positions, messages, suggestions and fixes) were recorded before
the rules were made faster, in as_found_findings.json. The other tests compare each
shortcut with the straightforward computation it replaces.
"""

from __future__ import annotations

import functools
import json
import random
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from pdp_lint.language.lexicon import lexicon
from pdp_lint.language.similarity import (
    _EPS,
    _QUOTES,
    _WORD,
    brute_force_pairs,
    similar_pairs,
    words,
)
from pdp_lint.language.speller import edit_strings, edits1, slip, within_two_edits
from pdp_lint.rules import hygiene, naming, structure, textscan, wording
from pdp_lint.rules.copypaste import RoleName, _pattern, index_names
from pdp_lint.rules.naming import FEW_WORDS, _near_misses, _near_words, _none_close, near_miss
from tests.perf_rules.findings import ROOT, differences, findings
from tests.test_similarity import behavior_like

HERE = Path(__file__).parent


def test_as_found_corpus_gives_the_recorded_findings_of_every_rule() -> None:
    expected = json.loads((HERE / "as_found_findings.json").read_text(encoding="utf-8"))
    assert differences(findings(ROOT / "tests" / "fixtures" / "as-found"), expected) == []


def _pairs(found: list) -> list[tuple[int, int, float]]:  # type: ignore[type-arg]
    return [(p.first, p.second, p.similarity) for p in found]


@pytest.mark.parametrize("threshold", [0.8, 0.83, 0.85, 0.875, 0.9, 0.95, 1.0])
def test_partition_join_finds_exactly_the_pairs_a_full_comparison_finds(threshold: float) -> None:
    rnd = random.Random(int(threshold * 1000))
    for _ in range(40):
        vocabulary = [f"w{i}" for i in range(rnd.randint(3, 40))]
        records = [
            set(rnd.sample(vocabulary, rnd.randint(0, min(len(vocabulary), 25))))
            for _ in range(rnd.randint(1, 80))
        ]
        for _ in range(20):  # near copies: a word dropped and one added
            copy = set(rnd.choice(records))
            if copy:
                copy.discard(rnd.choice(sorted(copy)))
            copy.add(rnd.choice(vocabulary))
            records.append(copy)
        assert _pairs(similar_pairs(records, threshold)) == _pairs(
            brute_force_pairs(records, threshold)
        )


def test_partition_join_on_behavior_like_sentences() -> None:
    sentences, _ = behavior_like(600, seed=3)
    records = [words(s) for s in sentences]
    # every pair is compared once, at the lowest threshold: the pairs at a higher one
    # are those of them that reach it, as brute_force_pairs keeps them
    compared = brute_force_pairs(records, 0.8)
    for threshold in (0.8, 0.85, 0.9):
        expected = [p for p in compared if p.similarity >= threshold - _EPS]
        assert _pairs(similar_pairs(records, threshold)) == _pairs(expected)


def test_words_of_ascii_text_as_the_unicode_path_gives_them() -> None:
    rnd = random.Random(5)
    alphabet = [chr(c) for c in range(128)]
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        full = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
        assert words(text) == _WORD.findall(full.replace("'", ""))


def test_edit_strings_and_slips_are_those_of_edits1() -> None:
    rnd = random.Random(2)
    samples = ["", "a", "ll", "aab", "abab", "teamwork", "communcation", "don't", "café"]
    samples += [
        "".join(rnd.choice("abcdeqwasz'é-lo") for _ in range(rnd.randint(1, 10)))
        for _ in range(1000)
    ]
    for word in samples:
        full = edits1(word)
        assert list(edit_strings(word)) == list(full)
        assert {c: slip(word, c) for c in full} == full


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook way."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def test_words_within_two_edits_are_those_the_textbook_distance_gives() -> None:
    rnd = random.Random(4)
    choices = ["".join(rnd.choice("abcde'") for _ in range(rnd.randint(0, 8))) for _ in range(400)]
    distance = functools.cache(_osa)  # words and choices repeat: each pair is measured once
    for _ in range(200):
        word = "".join(rnd.choice("abcde'") for _ in range(rnd.randint(0, 8)))
        expected = [i for i, c in enumerate(choices) if distance(word, c) <= 2]
        assert within_two_edits(word, choices) == expected


def test_lexicon_lookups_without_tables_agree_with_the_tables() -> None:
    fresh = type(lexicon()).parse(_word_list())
    reference = lexicon()
    rnd = random.Random(6)
    keys = sorted(reference.sections)
    listed = [w for k in rnd.sample(keys, 200) for w in list(reference._table(k))[:30]]
    probes = listed + [w[:-1] for w in listed] + [w.upper() for w in listed[:300]]
    probes += ["", "x", "a\tb", "ab\n", "zzzq"]
    rnd.shuffle(probes)
    for word in probes + probes:  # twice: the second time some sections have tables
        assert fresh.has(word) == (reference.entry(word) is not None), word
    pool = set(probes)
    assert fresh.known_among(pool) == {w for w in pool if reference.entry(w) is not None}


def _word_list() -> bytes:
    from pdp_lint.language.lexicon import DATA

    return DATA.read_bytes()


def _every_character() -> Iterator[str]:
    return map(chr, range(sys.maxunicode + 1))


def test_character_classes_match_what_the_rules_test_character_by_character() -> None:
    # each pattern and each test are given every character alone; the characters each
    # accepts are gathered without a Python loop, and must be the same
    control = set(filter(hygiene._CONTROL.match, _every_character()))
    assert control == set(filter(hygiene._is_control, _every_character()))
    invisible = set(filter(hygiene._INVISIBLE_CHARACTER.match, _every_character()))
    assert invisible == set(filter(hygiene._INVISIBLE.__contains__, _every_character()))


def test_lead_characters_are_those_the_code_pages_turn_into_utf8_lead_bytes() -> None:
    textscan._codecs_ready()
    for cp in range(0x80, 0x3000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        leads = [textscan._byte(ch, page) for page in textscan._CODE_PAGES]
        lead = any(b is not None and textscan._utf8_length(b) > 0 for b in leads)
        assert bool(textscan.LEAD_CHARACTERS.fullmatch(ch)) == lead, hex(cp)


def test_acronym_pattern_matches_as_with_the_check_before_the_capital() -> None:
    before = re.compile(
        r"(?<![\w.:@#-])(?P<term>[A-Z][A-Z0-9]*[A-Z0-9](?:&[A-Z]+)?)(?:s|['\u2019]s)?(?![\w@])"
    )
    rnd = random.Random(5)
    alphabet = "ABCXIVKE0123 .:@#-&'\u2019sx\n_w\u00e9"
    for _ in range(100000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        spans = [(m.group("term"), m.span("term")) for m in structure._ACRONYM.finditer(text)]
        assert spans == [(m.group("term"), m.span("term")) for m in before.finditer(text)]


def test_patterns_ignoring_case_match_ascii_letters_only_as_the_hints_assume() -> None:
    # the hints of the wording and placeholder rules, and the name index of the
    # wrong-role rule, assume no other letters than these match an ASCII one
    pattern = re.compile("[a-z0-9]", re.IGNORECASE)
    matched = set(map(ord, filter(pattern.fullmatch, map(chr, range(0x80, sys.maxunicode + 1)))))
    assert matched == {0x130, 0x131, 0x17F, 0x212A}  # the Kelvin sign's lower case is k
    others = {cp for cp in matched if not chr(cp).lower().isascii()}
    assert others == {0x130, 0x131, 0x17F}
    assert all(wording._OTHER_FOLDS.search(chr(cp)) for cp in others)


def test_near_miss_index_finds_the_pairs_comparing_every_name_finds() -> None:
    rnd = random.Random(9)
    stems = ["communication", "collaboration", "knowledge", "customer", "focus", "team"]
    names = set()
    for _ in range(300):
        name = [rnd.choice(stems) for _ in range(rnd.randint(1, 3))]
        at = rnd.randrange(len(name))
        word = list(name[at])
        for _ in range(rnd.randint(0, 2)):
            word[rnd.randrange(len(word))] = rnd.choice("aeiouxs")
        name[at] = "".join(word)
        names.add(" ".join(w.title() if rnd.random() < 0.5 else w for w in name))
    values = sorted(names)
    index = _near_misses(values)
    for v in values:
        expected = [(o, miss) for o in values if (miss := near_miss(v, o)) is not None]
        assert sorted(index.get(v, []), key=lambda t: t[0]) == expected


def test_few_words_ruled_out_by_their_letters_are_never_a_slip_apart() -> None:
    rnd = random.Random(4)
    ruled_out = 0
    for _ in range(400):
        n = rnd.randint(2, FEW_WORDS)
        vocabulary = sorted(
            {"".join(rnd.choice("aeinrst") for _ in range(rnd.randint(4, 11))) for _ in range(n)}
        )
        if _none_close(vocabulary):
            ruled_out += 1
            close = any(
                _near_words(x, y) for i, x in enumerate(vocabulary) for y in vocabulary[i + 1 :]
            )
            assert not close, vocabulary
    assert ruled_out > 20  # the check is exercised both ways
    assert _none_close(["knowledge", "knowlegde"]) is False  # a swap keeps the letters
    assert _none_close(["customer", "focus", "communication", "collaboration"]) is True
    assert _none_close(["team", "lead", "teams"]) is False  # one edit apart
    assert _none_close(["team", "lead"]) is True  # two edits: too many for four letters
    assert _none_close([f"{c}word" for c in "abcdefghijklmnopqrstuvwxyz" * 3]) is False


def test_near_misses_of_a_few_names_are_found_with_and_without_the_letter_check() -> None:
    few = ["Knowledge Expert", "Knowlegde Expert", "Customer Focus", "Team Lead"]
    assert _near_misses(few) == {
        "Knowledge Expert": [("Knowlegde Expert", [("knowledge", "knowlegde")])],
        "Knowlegde Expert": [("Knowledge Expert", [("knowlegde", "knowledge")])],
    }
    assert _near_misses(["Knowledge Expert", "Customer Focus", "Team Lead"]) == {}


def test_names_with_no_two_words_close_do_not_load_rapidfuzz() -> None:
    """rapidfuzz costs a tenth of a one-file hook's start-up."""
    import subprocess

    script = (
        "import sys\n"
        "from pdp_lint.rules.naming import _near_misses\n"
        "assert _near_misses(['Knowledge Expert', 'Customer Focus', 'Team Lead']) == {}\n"
        "assert 'rapidfuzz' not in sys.modules\n"
        "assert _near_misses(['Team Lead', 'Team Laed'])\n"
        "assert 'rapidfuzz' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_role_name_candidates_hold_every_name_found_in_a_summary() -> None:
    rnd = random.Random(12)
    titles = ["Knowledge Expert", "Senior KE", "KE", "Customer Experience Advocate"]
    titles += ["Team Lead (CX)", "Ops-Lead Manager", "Associate Knowledge Manager", "KMs"]
    names = [RoleName(t, ("fw", str(i)), t) for i, t in enumerate(titles)]
    index = index_names(names)
    pieces = ["knowledge", "Expert", "experts", "senior", "KE", "KEs", "ke", "the", "(CX)"]
    pieces += ["Customer", "experience", "advocates", "Team", "Lead", "ops-lead", "manager"]
    pieces += ["Associate", "KMs", "K\u212aE", "-", ",", "\u0130", "lead"]
    for _ in range(3000):
        value = " ".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 8)))
        candidates = {n.text for n in index.candidates(value)}
        for name in names:
            if _pattern(name.text).search(value):
                assert name.text in candidates, (name.text, value)


NearMisses = dict[str, list[tuple[str, list[tuple[str, str]]]]]


def _near_misses_of_every_pair(values: list[str]) -> NearMisses:
    """The near misses found by comparing every two names: what the index must find.

    ``near_miss`` splits both names into words at each of the n² comparisons; the split
    of each name (a pure function of it) is remembered instead of made again."""
    out: NearMisses = {}
    names = sorted(set(values))
    with mock.patch.object(naming, "words", functools.cache(naming.words)):
        for v in names:
            found = [(o, miss) for o in names if (miss := near_miss(v, o)) is not None]
            if found:
                out[v] = found
    return out


@pytest.mark.parametrize("seed", range(6))
def test_near_miss_index_of_numbered_and_levelled_titles_finds_what_every_pair_finds(
    seed: int,
) -> None:
    """Numbered titles put a word a slip from dozens of others at one position and the
    same level word in thousands of titles at another: the index still finds exactly
    the pairs that comparing every two names finds."""
    rnd = random.Random(seed)
    levels = ["Senior", "Lead", "Staff", "Principal", "Associate", "Seniro", ""]
    stems = ["Knowledge Expert", "Knowlegde Expert", "Team Lead", "Customer Advocate"]
    values = set()
    for _ in range(400):
        number = rnd.choice([str(rnd.randint(1, 40)), str(rnd.randint(1000, 1060)), ""])
        values.add(" ".join(w for w in (rnd.choice(levels), rnd.choice(stems), number) if w))
    names = sorted(values)
    expected = _near_misses_of_every_pair(names)
    assert sum(map(len, expected.values())) > 100  # many near misses, of every kind
    assert _near_misses(names) == expected
