"""Real-word slips in the as-found corpus, which no dictionary catches."""

from __future__ import annotations

import shutil
from pathlib import Path

from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import load_settings
from pdp_lint.fix.fixer import fix_paths

ROOT = Path(__file__).resolve().parents[2]
AS_FOUND = ROOT / "tests" / "fixtures" / "as-found"
FRAMEWORKS = ROOT / "frameworks"


def _findings(path: Path) -> list[tuple[str, int, str, str | None]]:
    settings = load_settings(start=ROOT)
    settings.select = ("GR01",)
    problems = run_check([path], settings).report.problems
    return sorted((Path(p.file).name, p.line, p.code, p.suggestion) for p in problems)


def test_as_found_confused_words() -> None:
    assert _findings(AS_FOUND) == [
        ("customer-experience-management.yaml", 101, "GR01", "work out"),  # How did this workout?
        ("cx-knowledge-experts.yaml", 160, "GR01", "Hopping"),  # Hoping on a live screen share
        ("cx-pdp.yaml", 234, "GR01", "KEs"),  # Contacts KE’s and explains
    ]


def test_canonical_frameworks_have_no_confused_words() -> None:
    assert _findings(FRAMEWORKS) == []


def test_unsafe_fixes_apply_the_corrections_the_canonical_files_made(tmp_path: Path) -> None:
    copy = tmp_path / "as-found"
    shutil.copytree(AS_FOUND, copy)
    settings = load_settings(start=ROOT)
    settings.select = ("GR01",)
    assert fix_paths([copy], settings).changed == []  # unsafe: not applied by default
    fix_paths([copy], settings, unsafe=True)
    assert "How did this work out?" in (copy / "customer-experience-management.yaml").read_text()
    assert "Hopping on a live screen share" in (copy / "cx-knowledge-experts.yaml").read_text()
    assert "Contacts KEs and explains" in (copy / "cx-pdp.yaml").read_text()


def test_the_sources_have_no_repeated_words_or_wrong_articles() -> None:
    # checked by hand: no "the the" and no "a" or "an" before the wrong sound in the seeds
    settings = load_settings(start=ROOT)
    settings.select = ("GR02", "GR03")
    for folder in (AS_FOUND, FRAMEWORKS):
        assert run_check([folder], settings).report.problems == []
