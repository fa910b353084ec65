"""Shared helpers for the test suite, and how its tests share the parallel workers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pdp_lint.loader import Loaded, load_text
from pdp_lint.source import decode

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


#: fixture scopes that are built once per worker process under pytest-xdist
_SHARED_SCOPES = ("session", "package", "module", "class")


def _xdist_group(item: pytest.Item) -> str | None:
    """The group of tests that must share a worker: those using one expensive fixture.

    Under ``--dist loadgroup`` each worker builds the session and module fixtures its
    tests use. The tests of a fixture built by this suite (a Chromium, the HR site, a
    pre-commit environment, a generated corpus) are kept on one worker, so it is built
    once, as in a run without workers; pytest's own fixtures (``tmp_path_factory``)
    cost nothing and group nothing.
    """
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return None
    widest: tuple[int, str] | None = None
    for name in item.fixturenames:
        defs = info.name2fixturedefs.get(name)
        if not defs:
            continue
        fixture = defs[-1]
        if fixture.scope not in _SHARED_SCOPES or not fixture.func.__module__.startswith("tests"):
            continue
        rank = _SHARED_SCOPES.index(fixture.scope)
        key = f"{fixture.func.__module__}.{name}"
        if widest is None or (rank, key) < widest:
            widest = (rank, key)
    return widest[1] if widest else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        group = _xdist_group(item)
        if group is not None and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(group))
