"""Accuracy on career frameworks written by others (benchmarks/accuracy).

Every finding pdp-lint makes with no configuration on the corpus must have a hand
judgement, and the judged precision must meet the targets; defects injected into
copies must be found. The corpus itself must stay what it claims to be: published
frameworks of several organisations, with their licences.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from benchmarks.accuracy import inject
from benchmarks.accuracy.__main__ import insertion_recall, spelling_recall
from benchmarks.accuracy.judge import CORPUS, Precision, corpus_files, measure


@pytest.fixture(scope="module")
def precision() -> Precision:
    return measure()


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return {f.name: f.read_text(encoding="utf-8") for f in corpus_files()}


def test_every_finding_on_the_corpus_is_judged(precision: Precision) -> None:
    unjudged = [f"{f.file}:{f.line} {f.code} `{f.text}` {f.message}" for f in precision.unjudged]
    assert not unjudged, "judge these in benchmarks/accuracy/judgements.yaml"


def test_every_judgement_still_matches_a_finding(precision: Precision) -> None:
    stale = [f"{j.file}:{j.line} {j.code} `{j.text}`" for j in precision.stale]
    assert not stale, "remove or update these judgements"


def test_at_most_one_false_finding_per_1000_words(precision: Precision) -> None:
    assert precision.words >= 15_000
    assert precision.false_per_1000_words <= 1.0


def test_spelling_precision_is_at_least_80_percent(precision: Precision) -> None:
    tally = precision.by_rule.get("SP01")
    assert tally is None or (tally.precision or 0) >= 0.8


def test_injected_misspellings_are_found_with_the_right_first_suggestion(
    files: dict[str, str],
) -> None:
    mine, _, misses = spelling_recall(files, 300, 1, {})
    assert mine.injected == 300
    assert mine.found / mine.injected >= 0.97, misses
    assert (mine.right_first or 0) / mine.injected >= 0.93, misses


@pytest.mark.parametrize(("kind", "target"), [("exact", 1.0), ("near", 0.8)])
def test_injected_duplicates_are_found(files: dict[str, str], kind: str, target: float) -> None:
    copy, insertions = inject.duplicates(files, 40, random.Random(7), near=kind == "near")
    recall, misses = insertion_recall(kind, copy, insertions)
    assert recall.injected == 40
    assert recall.share >= target, misses


def test_copied_summaries_are_found_at_the_copy(files: dict[str, str]) -> None:
    copy, insertions = inject.copied_summaries(files, 8, random.Random(7))
    recall, misses = insertion_recall("summary", copy, insertions)
    assert recall.injected >= 6
    assert recall.share == 1.0, misses


def test_corpus_is_three_organisations_or_more_with_their_licences() -> None:
    files = corpus_files()
    for path in files:
        head = path.read_text(encoding="utf-8").split("\nid: ", 1)[0]
        assert re.search(r"Licensed under|licence|license", head, re.I), path.name
    organisations = {path.name.split("-")[0] for path in files}
    assert {"medium", "artsy", "sourcegraph"} <= organisations
    assert "monzo" not in organisations and "ft" not in organisations
    for name in ("Apache-2.0.txt", "CC-BY-4.0.txt"):
        assert (CORPUS / "LICENSES" / name).stat().st_size > 1000
    assert Path(CORPUS / "README.md").exists()
