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
from tests.conftest import AS_FOUND, ROOT, project_of


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return project_of(AS_FOUND, tmp_path)


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


def test_the_same_bytes_split_differently_over_two_vocabulary_files_is_a_miss(
    project: Path,
):
    """The files' bytes were fed to one digest back to back: "communcation" in the first
    file, or "commun" + "cation" over two, gave the same key, and the second run was
    answered from the cache with the vocabulary of the first."""
    # SP01 alone: in a full run NM01 reports the as-found "Communcation" in its place
    (project / "pdp-lint.toml").write_text('select = ["SP01"]\nvocabulary = ["a.txt", "b.txt"]\n')
    (project / "a.txt").write_text("communcation\n", encoding="utf-8")
    (project / "b.txt").write_text("", encoding="utf-8")
    accepted = check(project)
    assert "ommuncation`" not in " ".join(p.message for p in accepted.report.problems)
    (project / "a.txt").write_text("commun", encoding="utf-8")
    (project / "b.txt").write_text("cation\n", encoding="utf-8")
    again = check(project)
    assert not again.from_cache
    assert "ommuncation`" in " ".join(p.message for p in again.report.problems)
    assert summary(again) == summary(check(project, cache=False))


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
    runs = [
        subprocess.run(
            [sys.executable, "-m", "pdp_lint", "check", "--format", "sarif", "frameworks"],
            cwd=project,
            capture_output=True,
            text=True,
        )
        for _ in range(2)
    ]
    # each run ended as a check with findings does (a run cut short, by a signal or a
    # failed write, would also leave its report cut short)
    assert [(r.returncode, r.stderr) for r in runs] == [(first.returncode, "")] * 2
    assert runs[0].stdout == runs[1].stdout


def test_the_code_is_fingerprinted_once_a_process_and_an_edit_to_it_is_a_new_key(
    tmp_path: Path,
) -> None:
    # a process's checks share one fingerprint of the code it runs (the language server
    # and the tests check many times); a changed module in a new process is a new key
    from pdp_lint.engine import cache

    cache._code_fingerprint.cache_clear()
    first = cache._code_fingerprint()
    assert cache._code_fingerprint() == first
    assert cache._code_fingerprint.cache_info().hits == 1
    copy = tmp_path / "pdp_lint"
    shutil.copytree(ROOT / "pdp_lint", copy, ignore=shutil.ignore_patterns("__pycache__"))
    script = "from pdp_lint.engine import cache; print(cache._code_fingerprint().hex())"

    def fingerprint() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=tmp_path,
            env={"PYTHONPATH": str(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"},
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    before = fingerprint()
    rule = copy / "rules" / "wording.py"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint() != before
