"""The duplication, copied-text and naming rules on the as-found corpus and frameworks/.

The as-found files keep what the source pages got wrong: the Knowledge Manager page
copied both role summaries from the Knowledge Expert page (and so names the Knowledge
Expert roles in its Senior summary), the CX PDP page repeats every competency
description for both of its roles, and both knowledge pages misspell "Communication".
The canonical frameworks/ fix all of these and must give no finding.
"""

from __future__ import annotations

from pathlib import Path

from pdp_lint.engine.check import run_check
from tests.rules.harness import settings_for

ROOT = Path(__file__).resolve().parents[2]
AS_FOUND = ROOT / "tests" / "fixtures" / "as-found"
FRAMEWORKS = ROOT / "frameworks"
DEFAULT = ["DU01", "DU02", "DU03", "CP01", "CP02", "CP03", "NM01"]

KE, KM, PDP = "cx-knowledge-experts.yaml", "cx-knowledge-managers.yaml", "cx-pdp.yaml"

EXPECTED = sorted(
    [(KE, 42, "NM01"), (KM, 31, "NM01")]  # "Communcation"; cx-pdp.yaml spells it right
    + [(KM, 46, "CP01")]  # Knowledge Manager summary = Knowledge Expert summary
    + [(KM, 127, "CP01")]  # Senior KM summary = Senior KE summary ...
    + [(KM, 127, "CP02")]  # ... which names "Knowledge Expert (KE)" and "Senior KE"
    # the Manager repeats the Advocate's description of each of the five competencies
    + [(PDP, n, "CP03") for n in (174, 191, 215, 224, 238)]
)

# Behaviors the knowledge ladders and the CX PDP share; DU04 is opt-in for this reason.
SHARED = sorted(
    [(KE, n, "DU04") for n in (99, 101, 103, 127, 225)]
    + [(KM, n, "DU04") for n in (84, 86, 88, 90, 105, 119, 123, 169, 197)]
    + [(PDP, n, "DU04") for n in (80, 84, 115, 227)]
)


def _found(folder: Path, tmp_path: Path, select: list[str]) -> list[tuple[str, int, str]]:
    settings = settings_for(tmp_path, None, {"select": select})
    result = run_check(sorted(folder.glob("*.yaml")), settings)
    return sorted((Path(p.file).name, p.line, p.code) for p in result.report.problems)


def test_as_found_corpus_gives_exactly_the_known_copies_and_misspellings(tmp_path: Path) -> None:
    assert _found(AS_FOUND, tmp_path, DEFAULT) == EXPECTED


def test_frameworks_give_no_finding(tmp_path: Path) -> None:
    assert _found(FRAMEWORKS, tmp_path, DEFAULT) == []


def test_default_selection_includes_the_rules_but_not_the_cross_framework_one(
    tmp_path: Path,
) -> None:
    settings = settings_for(tmp_path, None, {})
    enabled = settings.enabled_codes(AS_FOUND / KE)
    assert set(DEFAULT) <= enabled
    assert "DU04" not in enabled


def test_cross_framework_rule_lists_the_shared_behaviors_when_selected(tmp_path: Path) -> None:
    assert _found(AS_FOUND, tmp_path, ["DU04"]) == SHARED


def test_copied_summary_is_reported_once_when_only_the_copy_is_checked(tmp_path: Path) -> None:
    # pre-commit passes only changed files; the other frameworks still form the corpus
    settings = settings_for(tmp_path, None, {"select": ["CP01", "NM01"]})
    problems = run_check([AS_FOUND / KM], settings).report.problems
    assert [(p.line, p.code) for p in problems] == [(31, "NM01"), (46, "CP01"), (127, "CP01")]
    assert "cx-knowledge-experts.yaml" in problems[1].message
    assert problems[0].suggestion == "Communication"
    assert (
        run_check(
            [AS_FOUND / KE], settings_for(tmp_path, None, {"select": ["CP01"]})
        ).report.problems
        == []
    )
