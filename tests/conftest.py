"""Shared helpers for the test suite, and how its tests share the parallel workers."""

from __future__ import annotations

import functools
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from pdp_lint.load.loader import Loaded, load_text
from pdp_lint.load.source import decode

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "frameworks"
AS_FOUND = ROOT / "tests" / "fixtures" / "as-found"


def project_of(folder: Path, root: Path) -> Path:
    """``root`` as a content project: ``folder``'s frameworks under ``frameworks/``, and
    this repository's vocabulary named in its ``pdp-lint.toml``."""
    import shutil

    shutil.copytree(folder, root / "frameworks")
    shutil.copy2(ROOT / "vocabulary.txt", root / "vocabulary.txt")
    (root / "pdp-lint.toml").write_text('vocabulary = ["vocabulary.txt"]\n')
    return root


def mixed_corpus(root: Path, behaviors: int) -> Path:
    """``root`` holding the canonical frameworks, the as-found ones and a generated
    corpus of ``behaviors`` behaviors (planted duplicates and misspellings), side by side."""
    import shutil
    import subprocess

    shutil.copytree(FRAMEWORKS, root / "canonical", ignore=shutil.ignore_patterns("*.md"))
    shutil.copytree(AS_FOUND, root / "as-found")
    generate = [sys.executable, "-m", "benchmarks.generate", str(root / "generated")]
    done = subprocess.run(
        [*generate, "--behaviors", str(behaviors)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return root


MINIMAL = """\
id: demo
title: Demo PDP
owner:
  team: Demo Team
locale: en-US
version: "1.0"
status: draft
competencies:
  - id: knowledge
    name: Knowledge
tracks:
  - id: professional
    name: Professional Path
    status: available
    roles:
      - id: expert
        title: Expert
        abbreviation: EX
        summary: Knows things.
        competencies:
          - competency: knowledge
            behaviors:
              - id: learns
                text: Learns the product.
                examples:
                  - id: training
                    text: Attends training.
      - id: senior-expert
        title: Senior Expert
        builds_on: expert
        competencies:
          - competency: knowledge
            description: Knows more things.
            behaviors:
              - id: teaches
                text: Teaches the product.
            examples:
              - id: sessions
                text: Runs sessions.
"""


def load_yaml(text: str, name: str = "demo.yaml") -> Loaded:
    """Load YAML text (dedented) as if it were the file ``name``."""
    return load_text(decode(Path(name), textwrap.dedent(text).encode("utf-8")))


@pytest.fixture
def minimal_text() -> str:
    return MINIMAL


#: 14 November 2023, 22:13:20 UTC: the date every shared handout and site is built at
SITE_EPOCH = "1700000000"


@pytest.fixture(scope="session")
def canonical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HR site of the canonical frameworks, built once and shared; do not modify it.

    The site tests read it and the browser tests open it: building it (every handout
    in Word and HTML) is one of the suite's expensive steps.
    """
    from exporters.site import publish, site_jobs
    from pdp_lint.load.loader import load_file

    frameworks = []
    for path in sorted(FRAMEWORKS.glob("*.yaml")):
        loaded = load_file(path)
        assert loaded.framework is not None, [p.message for p in loaded.problems]
        frameworks.append(loaded.framework)
    out = tmp_path_factory.mktemp("canonical-site") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", SITE_EPOCH)
        publish(site_jobs(frameworks, {}), out)
    return out


#: a fixture that outlives one test: each worker process builds its own
_SHARED_FIXTURE = re.compile(
    r"""@pytest\.fixture\(\s*scope\s*=\s*["'](session|package|module|class)["']"""
)


@functools.cache
def _defines_shared_fixture(path: Path) -> bool:
    try:
        return bool(_SHARED_FIXTURE.search(path.read_text(encoding="utf-8")))
    except OSError:
        return False


def work_unit(nodeid: str) -> str:
    """The tests that go to one worker together, named by the folder, module or test.

    A folder whose ``conftest.py`` defines a session- or module-scoped fixture (the
    browser tests' Chromium) goes whole to one worker, as does a module that defines
    one (the pre-commit environment, a generated corpus), so each is built once, as in
    a run without workers. Every other test is a unit of its own, for the best balance.
    The suite's own ``tests/conftest.py`` is left out: its shared fixtures are cheap
    enough to build once per worker.
    """
    module = nodeid.split("::", 1)[0]
    path = ROOT / module
    for folder in reversed(path.relative_to(ROOT).parents[:-2]):
        if _defines_shared_fixture(ROOT / folder / "conftest.py"):
            return folder.as_posix()
    if _defines_shared_fixture(path):
        return module
    return nodeid


#: where the run keeps each test's last duration (pytest's cache, .pytest_cache/)
DURATIONS_KEY = "pdp-lint/durations"
#: the seconds assumed of a test never timed: most tests take a few milliseconds
UNTIMED = 0.05


def longest_first(
    units: dict[str, dict[str, bool]], durations: dict[str, float]
) -> list[tuple[str, dict[str, bool]]]:
    """The work units, those that took longest in the last run first.

    Started first, the long units (the browser tests, the pre-commit environment, the
    benchmarks) end while the short ones still fill both workers, so that no worker
    waits at the end for one that started a long test late. Ties keep collection order.
    """

    def cost(unit: tuple[str, dict[str, bool]]) -> float:
        return -sum(durations.get(nodeid, UNTIMED) for nodeid in unit[1])

    return sorted(units.items(), key=cost)


class Durations:
    """Each test's duration (setup, call and teardown), kept in pytest's cache by the
    process the reports reach: the main one, which the workers report to."""

    def __init__(self) -> None:
        self.timed: dict[str, float] = {}

    def add(self, report: pytest.TestReport) -> None:
        self.timed[report.nodeid] = self.timed.get(report.nodeid, 0.0) + report.duration

    def keep(self, config: pytest.Config) -> None:
        cache = getattr(config, "cache", None)
        if cache is None or hasattr(config, "workerinput") or not self.timed:
            return
        durations = cached_durations(config)
        durations.update({nodeid: round(s, 3) for nodeid, s in self.timed.items()})
        cache.set(DURATIONS_KEY, durations)


def cached_durations(config: pytest.Config) -> dict[str, float]:
    """The durations kept by the last runs, by test id (none without pytest's cache)."""
    cache = getattr(config, "cache", None)
    durations = cache.get(DURATIONS_KEY, {}) if cache is not None else {}
    return durations if isinstance(durations, dict) else {}


#: the slow tests' durations on a quiet two-core machine, for the order of a run without
#: pytest's cache (a fresh clone, CI): ``python -m tests.durations`` writes it from the
#: last run's
KNOWN_DURATIONS = ROOT / "tests" / "durations.json"


def known_durations(path: Path = KNOWN_DURATIONS) -> dict[str, float]:
    """The durations of ``tests/durations.json`` (none if it is missing or unreadable)."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, int | float)}


def last_durations(config: pytest.Config) -> dict[str, float]:
    """Each test's duration: the last run's where pytest's cache has it, else the
    known one of ``tests/durations.json``."""
    return {**known_durations(), **cached_durations(config)}


_durations = Durations()


def pytest_configure(config: pytest.Config) -> None:
    """Compile the code once, before any worker or child process starts.

    Hundreds of tests start ``python -m pdp_lint`` (and the benchmarks, the server) in a
    child process, and each child compiles every module it imports when no bytecode is
    cached; every worker compiles what pytest's plugins import and rewrites every test
    module. The main process makes that bytecode once (``tests/bytecode.py``).
    """
    # pytest keeps each test module's rewritten bytecode only where Python may write
    # bytecode: let it, so the workers and the next run do not rewrite every module again
    sys.dont_write_bytecode = False
    if hasattr(config, "workerinput"):
        return
    from tests.bytecode import compile_once

    compile_once(config, ROOT)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _durations.add(report)


def pytest_sessionfinish(session: pytest.Session) -> None:
    _durations.keep(session.config)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than the cores this process may use.

    Many tests spend part of their time waiting rather than computing: on the language
    server's debounce, on LibreOffice, Chromium, pre-commit and git in child processes.
    With a worker per core those waits leave a core idle; one more worker fills them. On
    the 2-core development machine the suite took 2 min 10 s with two workers, 1 min 53 s
    with three and 1 min 55 s with four (quiet machine, 1,509 tests).
    ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still sets the number outright.
    """
    import os

    return len(os.sched_getaffinity(0)) + 1


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Distribute the tests by ``work_unit`` when the workers balance the load (``-n``).

    xdist's own ``--dist loadgroup`` relies on rewriting test ids, which pytest 9 no
    longer allows; its ``loadscope`` keeps each module together, expensive or not. This
    is ``loadscope`` with the units above, the longest of the last run first.
    """
    if config.getoption("dist") != "load":
        return None  # an explicit --dist loadfile, loadscope, ... is obeyed
    from xdist.scheduler import LoadScopeScheduling

    durations = last_durations(config)

    class WorkUnitScheduling(LoadScopeScheduling):
        ordered = False

        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

        def _assign_work_unit(self, node: Any) -> None:
            # the queue is complete before the first unit is handed out
            if not self.ordered:
                self.ordered = True
                units = longest_first(dict(self.workqueue), durations)
                self.workqueue.clear()
                self.workqueue.update(units)
            super()._assign_work_unit(node)

    return WorkUnitScheduling(config, log)
