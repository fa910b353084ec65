"""The text hygiene, structure and example rules on the as-found corpus and frameworks/.

The as-found files keep every defect of the source pages: non-breaking spaces copied
from the web, the back-link icon after each intro (once broken by a wrong encoding),
"e..g", a stray " 0", and sections for which the pages give no example. The canonical
frameworks/ must give no finding at all.
"""

from __future__ import annotations

from pathlib import Path

from pdp_lint.engine.check import run_check
from tests.rules.harness import settings_for

ROOT = Path(__file__).resolve().parents[2]
AS_FOUND = ROOT / "tests" / "fixtures" / "as-found"
FRAMEWORKS = ROOT / "frameworks"
SELECT = {"select": ["TX", "ST", "EX01"]}

KE, KM, PDP = "cx-knowledge-experts.yaml", "cx-knowledge-managers.yaml", "cx-pdp.yaml"

# (file, line, code), sorted. Line 9 is the intro of each PDP page.
EXPECTED = sorted(
    [(KE, 9, "TX02"), (KE, 9, "TX04")]  # non-breaking space; trailing back-link icon
    + [(KE, n, "TX02") for n in (79, 90, 140, 151, 162, 175, 182, 190, 208, 210, 220)]
    + [(KM, 9, "TX02"), (KM, 9, "TX04")]  # the icon, wrongly encoded: one finding, TX04
    + [(KM, n, "TX02") for n in (67, 75, 86, 88, 110, 112, 114, 134, 143, 152, 160)]
    + [(KM, n, "TX02") for n in (167, 169, 171, 177, 179, 187)]
    + [(KM, 131, "TX02")] * 2  # inside and at the end of the same description
    + [(KM, 181, "TX02")] * 2  # at the start and at the end of the same example
    + [(KM, 78, "EX01"), (KM, 91, "EX01")]  # Knowledge Manager: Collaboration, Proactiveness
    + [(KM, 107, "TX04")]  # "successfully. 0"
    + [(KM, 117, "TX03")]  # "e..g"
    + [(PDP, 9, "TX04"), (PDP, 174, "TX02")]
    + [(PDP, n, "EX01") for n in (173, 214, 237)]  # Manager: Communication, Knowledge, ...
)


def _found(folder: Path, tmp_path: Path) -> list[tuple[str, int, str]]:
    settings = settings_for(tmp_path, None, SELECT)
    result = run_check(sorted(folder.glob("*.yaml")), settings)
    return sorted((Path(p.file).name, p.line, p.code) for p in result.report.problems)


def test_as_found_corpus_gives_exactly_the_known_defects(tmp_path: Path) -> None:
    assert _found(AS_FOUND, tmp_path) == EXPECTED


def test_as_found_whitespace_counts_match_the_documented_normalisation(tmp_path: Path) -> None:
    # frameworks/README.md: the normalisation touched 12 values in 000, 20 in 001, 1 in 002
    whitespace = {(f, line) for f, line, code in _found(AS_FOUND, tmp_path) if code == "TX02"}
    assert [sum(1 for f, _ in whitespace if f == name) for name in (KE, KM, PDP)] == [12, 20, 1]


def test_as_found_fixes_repair_the_mojibake_and_the_mistyped_abbreviation(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, None, {"select": ["TX01", "TX03"]})
    problems = run_check([AS_FOUND / KM], settings).report.problems
    assert [(p.code, p.suggestion) for p in problems] == [("TX01", "\U0001f519"), ("TX03", "e.g.")]
    assert all(p.fix is not None and p.fix.safe for p in problems)


def test_frameworks_are_clean(tmp_path: Path) -> None:
    assert _found(FRAMEWORKS, tmp_path) == []
