"""The spelling rules on the as-found corpus: every genuine finding, and no noise."""

from __future__ import annotations

from pathlib import Path

from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import load_settings

ROOT = Path(__file__).resolve().parents[2]
AS_FOUND = ROOT / "tests" / "fixtures" / "as-found"
FRAMEWORKS = ROOT / "frameworks"


def _findings(path: Path) -> list[tuple[str, int, str]]:
    settings = load_settings(start=ROOT)
    settings.select = ("SP01", "SP02")
    problems = run_check([path], settings).report.problems
    return sorted((Path(p.file).name, p.line, p.code) for p in problems)


def test_as_found_spelling_findings() -> None:
    assert _findings(AS_FOUND) == [
        # "Communcation": the competency name in the catalog
        ("cx-knowledge-experts.yaml", 42, "SP01"),
        ("cx-knowledge-managers.yaml", 31, "SP01"),
        # American -ize spellings in the en-GB CX PDP: Utilizes and maximizing in two
        # role descriptions, Utilizes, Recognizes, maximize, rationalize
        ("cx-pdp.yaml", 57, "SP02"),
        ("cx-pdp.yaml", 57, "SP02"),
        ("cx-pdp.yaml", 129, "SP02"),
        ("cx-pdp.yaml", 174, "SP02"),
        ("cx-pdp.yaml", 174, "SP02"),
        ("cx-pdp.yaml", 218, "SP02"),
        ("cx-pdp.yaml", 249, "SP02"),
        ("cx-pdp.yaml", 251, "SP02"),
    ]


def test_as_found_suggestions() -> None:
    settings = load_settings(start=ROOT)
    settings.select = ("SP01", "SP02")
    problems = run_check([AS_FOUND], settings).report.problems
    assert sorted({(p.code, p.suggestion) for p in problems}) == [
        ("SP01", "Communication"),
        ("SP02", "Recognises"),
        ("SP02", "Utilises"),
        ("SP02", "maximise"),
        ("SP02", "maximising"),
        ("SP02", "rationalise"),
    ]


def test_canonical_frameworks_have_no_spelling_findings() -> None:
    assert _findings(FRAMEWORKS) == []
