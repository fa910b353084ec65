"""Shared helpers for the test suite."""

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
