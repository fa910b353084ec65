"""The fixes of GR02 (safe) and GR03 (unsafe), applied as `pdp-lint fix` applies them."""

from __future__ import annotations

from pathlib import Path

from pdp_lint.fix.fixer import fix_paths
from tests.rules.harness import settings_for

FRAMEWORK = """id: demo
title: Demo PDP
owner:
  team: Demo Team
locale: en-US
version: "1.0"
status: draft
competencies:
  - id: knowledge
    name: Knowledge
    definition: Uses uses a 80/20 solution and explains the the limits to an user.
"""


def _fix(tmp_path: Path, unsafe: bool) -> str:
    path = tmp_path / "demo.yaml"
    path.write_text(FRAMEWORK, encoding="utf-8")
    settings = settings_for(tmp_path, None, {"select": ["GR02", "GR03"]})
    fix_paths([path], settings, unsafe=unsafe)
    return path.read_text(encoding="utf-8")


def test_repeated_words_are_fixed_safely_and_articles_only_when_asked(tmp_path: Path) -> None:
    safe = _fix(tmp_path, unsafe=False)
    assert "definition: Uses a 80/20 solution and explains the limits to an user." in safe
    both = _fix(tmp_path, unsafe=True)
    assert "definition: Uses an 80/20 solution and explains the limits to a user." in both
    assert (
        both.replace(
            "Uses an 80/20 solution and explains the limits to a user.",
            "Uses uses a 80/20 solution and explains the the limits to an user.",
        )
        == FRAMEWORK
    )  # nothing else changed
