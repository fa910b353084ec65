"""The default ``--jobs``: a worker starts only where a core is idle, so a run beside a
busy neighbour stays in one process, and the findings never depend on it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from pdp_lint.engine import parallel
from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import load_settings
from pdp_lint.engine.parallel import IdleWatch
from tests.conftest import mixed_corpus

STAT = """cpu  {a} 0 {b} {idle} {wait} 0 0 {steal} 0 0
cpu0 {a} 0 {b} {idle} {wait} 0 0 {steal} 0 0
cpu1 100 0 0 {idle1} 0 0 0 0 0 0
intr 1 2 3
ctxt 99
"""


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def watch_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[IdleWatch, Path, Clock]:
    stat = tmp_path / "stat"
    stat.write_text(STAT.format(a=100, b=50, idle=1000, wait=10, steal=0, idle1=500))
    monkeypatch.setattr(parallel, "_affinity", lambda: [0, 1])
    clock = Clock()
    monkeypatch.setattr("time.monotonic", clock)
    return IdleWatch(stat), stat, clock


def test_idle_cores_are_read_from_proc_stat_over_a_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    watch, stat, clock = watch_on(tmp_path, monkeypatch)
    assert watch.idle_cores() is None  # no time has passed: no window yet
    # cpu0: 10 ticks, 6 of them idle or waiting; cpu1: 10 ticks busy; "steal" is busy
    stat.write_text(STAT.format(a=102, b=51, idle=1005, wait=11, steal=1, idle1=500))
    clock.now += 0.05
    assert watch.idle_cores() is None
    clock.now += 0.06
    assert watch.idle_cores() == pytest.approx(0.6)
    # cpu1 back to idle: 10 ticks idle on each
    stat.write_text(STAT.format(a=102, b=51, idle=1015, wait=11, steal=1, idle1=510))
    clock.now += 0.2
    assert watch.idle_cores() == pytest.approx(2.0)


def test_only_the_usable_cores_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    watch, stat, clock = watch_on(tmp_path, monkeypatch)
    monkeypatch.setattr(parallel, "_affinity", lambda: [1])  # taskset -c 1
    watch = IdleWatch(stat)
    stat.write_text(STAT.format(a=100, b=50, idle=1010, wait=10, steal=0, idle1=500))
    clock.now += 1
    assert watch.idle_cores() == 0.0  # cpu0 idled, but this run may not use it


def test_without_proc_stat_every_usable_core_counts_as_idle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(parallel, "_affinity", lambda: [0, 1, 2])
    clock = Clock()
    monkeypatch.setattr("time.monotonic", clock)
    watch = IdleWatch(tmp_path / "no-such-stat")
    clock.now += 1
    assert watch.idle_cores() == 3.0


#: the thresholds of the default, a tenth of the real ones, so that a corpus a tenth of
#: the size makes the same choices (the real thresholds: parallel.MIN_BYTES and
#: parallel.MIN_BYTES_PER_JOB)
MIN_BYTES = parallel.MIN_BYTES // 10
MIN_BYTES_PER_JOB = parallel.MIN_BYTES_PER_JOB // 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Frameworks enough for the default to consider a second process (over MIN_BYTES)."""
    return mixed_corpus(tmp_path_factory.mktemp("default-jobs"), 800)


@pytest.fixture(scope="module")
def single(corpus: Path) -> Any:
    """The check of ``corpus`` in one process."""
    return run_check([corpus], load_settings(None, start=corpus), stream=True, jobs=1)


def run_default(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, marks: Path, idle: float
) -> tuple[Any, list[str]]:
    """A default check of ``corpus`` with ``idle`` cores seen idle at every look; the
    result and the workers that started (each leaves a mark)."""
    marks.mkdir()
    monkeypatch.setattr(IdleWatch, "idle_cores", lambda self: idle)
    started = parallel._worker

    def worker(*args: Any) -> None:
        (marks / str(os.getpid())).write_text("")
        started(*args)

    monkeypatch.setattr(parallel, "_worker", worker)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_BYTES", MIN_BYTES)
    monkeypatch.setattr(parallel, "MIN_BYTES_PER_JOB", MIN_BYTES_PER_JOB)
    settings = load_settings(None, start=corpus)
    result = run_check([corpus], settings, stream=True, jobs=0)
    return result, sorted(p.name for p in marks.iterdir())


def test_a_busy_machine_keeps_the_default_run_in_one_process(
    corpus: Path, single: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    busy, workers = run_default(corpus, monkeypatch, tmp_path / "busy", idle=0.3)
    assert workers == []
    assert busy.report.problems == single.report.problems and busy.files == single.files


def test_an_idle_core_gets_a_worker_and_the_findings_stay_the_same(
    corpus: Path, single: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    size = sum(p.stat().st_size for p in corpus.rglob("*.yaml"))
    assert MIN_BYTES < size < parallel.MIN_BYTES  # the real default would not split it
    idle, workers = run_default(corpus, monkeypatch, tmp_path / "idle", idle=0.9)
    assert len(workers) == 1  # two usable cores: this process and one worker
    assert idle.report.problems == single.report.problems and idle.files == single.files
    assert len(single.report.problems) > 50
