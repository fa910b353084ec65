"""A streaming check, in one process or several, finds exactly what a check keeping
every model finds."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pdp_lint.engine.check import CheckResult, run_check
from pdp_lint.engine.config import Settings, load_settings
from pdp_lint.engine.parallel import MIN_BYTES, WorkerFailed, plan_jobs
from pdp_lint.load.document import Document
from pdp_lint.load.loader import load_file
from pdp_lint.rules import all_rules
from pdp_lint.rules.base import Context, Finding, Rule
from tests.conftest import AS_FOUND, mixed_corpus


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The canonical frameworks, the as-found ones and a generated 1,000-behavior corpus
    with planted duplicates and misspellings, side by side."""
    return mixed_corpus(tmp_path_factory.mktemp("parallel"), 1000)


def settings_for(root: Path, *select: str, ignore: tuple[str, ...] = ()) -> Settings:
    settings = load_settings(None, start=root)
    settings.select = select or None
    settings.ignore = ignore
    return settings


@pytest.fixture(scope="module")
def in_one_process(project: Path) -> CheckResult:
    """The streaming check of ``project`` with the default rules in this process alone:
    what the runs split over processes below must find. Checked once: every test that
    compares with it checks the same files with the same settings."""
    return run_check([project], settings_for(project), stream=True, jobs=1)


def test_every_rule_but_the_corpus_models_one_finds_the_same_streaming(project: Path):
    settings = settings_for(project, "ALL", ignore=("DU04",))
    kept = run_check([project], settings)
    streamed = run_check([project], settings, stream=True, jobs=1)
    split = run_check([project], settings, stream=True, jobs=2)
    assert kept.loaded and not streamed.loaded and not split.loaded
    assert len(kept.report.problems) > 100
    assert {p.code for p in kept.report.problems} >= {"CP01", "CP02", "NM01", "SP01", "DU02"}
    assert any(p.fix is not None for p in kept.report.problems if p.code == "SP01")
    for other in (streamed, split):
        assert other.report.problems == kept.report.problems
        assert other.files == kept.files
        assert other.unreadable == kept.unreadable


def test_checking_some_files_still_compares_them_with_the_rest(project: Path):
    """pre-commit passes the changed files; the others are the corpus they meet."""
    settings = settings_for(project)
    targets = sorted((project / "as-found").glob("*.yaml"))[:3]
    single = run_check(targets, settings)
    split = run_check(targets, settings, stream=True, jobs=3)
    assert split.report.problems == single.report.problems
    assert {p.file for p in split.report.problems} <= {t.as_posix() for t in targets}


def test_a_rule_reading_whole_models_across_files_keeps_the_run_in_one_process(project: Path):
    settings = settings_for(project, "ALL")  # DU04 compares behaviors across frameworks
    result = run_check([project], settings, stream=True, jobs=2)
    assert result.loaded  # models in this process: the run was not split
    assert "DU04" in {p.code for p in result.report.problems}


def test_a_failing_worker_fails_the_run_with_its_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch
):
    def broken(self: object, doc: Document, ctx: Context) -> Iterator[Finding]:
        raise ValueError("rule exploded")

    monkeypatch.setattr(all_rules()["TX01"], "check", broken)
    # this process reads files too, so the first failure may be its own
    with pytest.raises((WorkerFailed, ValueError), match="rule exploded"):
        run_check([project], settings_for(project), stream=True, jobs=2)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_rule_reading_the_corpus_without_declaring_it_fails_a_streaming_check(
    project: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
):
    def nosy(self: object, doc: Document, ctx: Context) -> Iterator[Finding]:
        yield from (Finding(d.file, doc.framework.span) for d in ctx.corpus)

    monkeypatch.setattr(all_rules()["TX01"], "check", nosy)
    with pytest.raises((WorkerFailed, RuntimeError), match="declare the corpus facts"):
        run_check([project], settings_for(project), stream=True, jobs=jobs)


def test_small_runs_stay_in_one_process_and_large_ones_use_the_cores(tmp_path: Path):
    small = [tmp_path / f"{i}.yaml" for i in range(4)]
    for path in small:
        path.write_text("x" * 1000)
    assert plan_jobs(small, None) == 1
    assert plan_jobs(small, 3) == 3
    assert plan_jobs(small[:2], 8) == 2
    large = [tmp_path / f"large{i}.yaml" for i in range(8)]
    for path in large:
        path.write_bytes(b"x" * (MIN_BYTES // 4))
    assert 1 <= plan_jobs(large, None) <= 8


def test_a_slow_worker_takes_fewer_files_and_the_findings_stay_the_same(
    project: Path, in_one_process: CheckResult, monkeypatch: pytest.MonkeyPatch
):
    """Files are taken from one queue: a process slowed down (a busy core) takes fewer,
    and this process, which takes files too, is not kept waiting for a fixed share."""
    import os
    import time

    from pdp_lint.engine import parallel

    settings = settings_for(project)
    expected = in_one_process
    parent = os.getpid()
    taken: list[int] = []
    original = parallel._Stream.read

    def spy(self: parallel._Stream, files: object, n_targets: int) -> object:
        def paced() -> Iterator[tuple[int, Path]]:
            for index, path in files:  # type: ignore[attr-defined]
                if os.getpid() != parent:
                    time.sleep(0.25)  # the worker shares its core with a busy neighbour
                yield index, path

        outcomes, facts, sums = original(self, paced(), n_targets)
        taken.append(len(outcomes))  # seen in this process only
        return outcomes, facts, sums

    monkeypatch.setattr(parallel._Stream, "read", spy)
    result = run_check([project], settings, stream=True, jobs=2)
    assert result.report.problems == expected.report.problems
    assert result.files == expected.files
    # this process read more than its half: the worker slept before every file
    assert len(result.files) > 4 and taken[0] > len(result.files) // 2 + 1


def test_the_command_reports_the_same_text_with_source_lines_either_way(project: Path):
    def run(jobs: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pdp_lint", "check", "--no-cache", "-j", jobs, "as-found"],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )

    single, split = run("1"), run("2")
    assert single.returncode == split.returncode == 1
    assert split.stdout == single.stdout
    assert "^" in split.stdout  # source lines and carets, read back from disk


def test_rules_reading_corpus_facts_split_their_check_in_two():
    split = [code for code, rule in all_rules().items() if rule.facts]
    assert set(split) == {"CP01", "CP02", "NM01", "SP01"}
    for code in split:
        rule = all_rules()[code]
        assert rule.collect is not Rule.collect and rule.finish is not Rule.finish, code


@pytest.mark.parametrize("path", sorted(AS_FOUND.glob("*.yaml")), ids=lambda p: p.name)
def test_a_locator_places_text_as_its_document_does(path: Path):
    loaded = load_file(path)
    assert loaded.framework is not None and loaded.source is not None
    doc = Document(loaded.framework, loaded.source)
    checked = 0
    for text in doc.texts:
        locator = doc.locator(text)
        n = len(text.value)
        for start, end in {(0, n), (0, 0), (n // 3, n // 2), (n // 2, n), (n, n), (1, None)}:
            assert locator.locate(start, end) == doc.locate(text, start, end), text.path
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("threshold", [0, 10_000])
def test_a_run_of_many_files_is_finished_in_one_process_with_the_same_findings(
    project: Path, in_one_process: CheckResult, monkeypatch: pytest.MonkeyPatch, threshold: int
):
    """Over FINISH_IN_ONE_PROCESS files the workers hand their begun files over and this
    process finishes them all (one copy of the cross-file indexes in memory, not one per
    process); under it each process finishes its own. The findings are the same."""
    from pdp_lint.engine import parallel

    settings = settings_for(project)
    expected = in_one_process
    monkeypatch.setattr(parallel, "FINISH_IN_ONE_PROCESS", threshold)
    received: list[Any] = []
    receive = parallel._receive

    def spy(conn: Any) -> Any:
        received.append(receive(conn))
        return received[-1]

    monkeypatch.setattr(parallel, "_receive", spy)
    result = run_check([project], settings, stream=True, jobs=2)
    assert result.report.problems == expected.report.problems
    assert result.files == expected.files
    # the worker's second answer: its begun files, pickled, or its findings
    assert len(received) == 2
    handed = [isinstance(item[1], bytes) for item in received[1]]
    assert handed and all(handed) == (threshold == 0) and any(handed) == (threshold == 0)
