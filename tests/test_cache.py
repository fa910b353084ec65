"""The content-hash cache: a hit gives exactly what a fresh run gives."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pdp_lint.engine.cache import CACHE_DIR
from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import load_settings
from tests.conftest import AS_FOUND, ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(AS_FOUND, tmp_path / "frameworks")
    shutil.copy2(ROOT / "vocabulary.txt", tmp_path / "vocabulary.txt")
    (tmp_path / "pdp-lint.toml").write_text('vocabulary = ["vocabulary.txt"]\n')
    return tmp_path


def check(project: Path, target: str = "frameworks", cache: bool = True):
    settings = load_settings(start=project)
    return run_check([project / target], settings, cache=cache)


def summary(result) -> list[tuple[str, int, int, str, str]]:
    return [(p.file, p.line, p.column, p.code, p.message) for p in result.report.problems]


def test_second_run_is_served_from_the_cache_with_identical_problems(project: Path):
    first = check(project)
    second = check(project)
    assert not first.from_cache and second.from_cache
    assert summary(second) == summary(first)
    assert second.files == first.files
    assert second.report.source_line(second.report.problems[0].file, 9)
    assert (project / CACHE_DIR / ".gitignore").read_text().endswith("*\n")


def test_editing_a_corpus_file_that_is_not_checked_is_a_miss(project: Path):
    target = "frameworks/cx-knowledge-managers.yaml"
    check(project, target)
    other = project / "frameworks" / "cx-knowledge-experts.yaml"
    text = other.read_text("utf-8")
    summary_line = text.index("summary: Gain and maintain")
    other.write_text(
        text[:summary_line] + "summary: A new summary." + text[text.index("\n", summary_line) :],
        encoding="utf-8",
    )
    again = check(project, target)
    assert not again.from_cache
    # the Knowledge Manager summary (line 46) no longer copies the Knowledge Expert one
    assert [p.line for p in again.report.problems if p.code == "CP01"] == [127]


def test_changing_the_vocabulary_is_a_miss(project: Path):
    check(project)
    (project / "vocabulary.txt").write_text("communcation\n")
    assert not check(project).from_cache


def test_a_damaged_entry_is_a_miss_not_an_error(project: Path):
    check(project)
    for entry in (project / CACHE_DIR).glob("*.msgpack"):
        entry.write_bytes(b"garbage")
    result = check(project)
    assert not result.from_cache and result.report.problems


def test_no_cache_flag_neither_reads_nor_writes(project: Path):
    result = subprocess.run(
        [sys.executable, "-m", "pdp_lint", "check", "--no-cache", "frameworks"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert not (project / CACHE_DIR).exists()


def test_cli_output_is_the_same_from_the_cache(project: Path):
    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pdp_lint", "check", "--no-color", "frameworks"],
            cwd=project,
            capture_output=True,
            text=True,
        )

    first, second = run(), run()
    assert (project / CACHE_DIR).is_dir()
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)
    sarif = [
        subprocess.run(
            [sys.executable, "-m", "pdp_lint", "check", "--format", "sarif", "frameworks"],
            cwd=project,
            capture_output=True,
            text=True,
        ).stdout
        for _ in range(2)
    ]
    assert sarif[0] == sarif[1]
