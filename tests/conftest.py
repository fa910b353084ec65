"""Shared helpers for the test suite, and how its tests share the parallel workers."""

from __future__ import annotations

import functools
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from pdp_lint.load.loader import Loaded, load_text
from pdp_lint.load.source import decode

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "frameworks"
AS_FOUND = ROOT / "tests" / "fixtures" / "as-found"

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


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Distribute the tests by ``work_unit`` when the workers balance the load (``-n``).

    xdist's own ``--dist loadgroup`` relies on rewriting test ids, which pytest 9 no
    longer allows; its ``loadscope`` keeps each module together, expensive or not. This
    is ``loadscope`` with the units above (largest first).
    """
    if config.getoption("dist") != "load":
        return None  # an explicit --dist loadfile, loadscope, ... is obeyed
    from xdist.scheduler import LoadScopeScheduling

    class WorkUnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return WorkUnitScheduling(config, log)
