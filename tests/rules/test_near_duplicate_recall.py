"""Seeded recall of DU02: near-duplicates with one or two words changed, short and long.

The behaviors of the canonical frameworks are written into one role section, each
followed, for a seeded share of them, by a copy with one or two words replaced by words
the behavior does not use. DU02 must report the copies, whatever their length, and
nothing else.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from pdp_lint.engine.loading import load_all

from pdp_lint.engine.check import documents
from pdp_lint.engine.config import load_settings
from pdp_lint.language.similarity import normalise, sequence
from pdp_lint.rules.duplication import behavior_entries
from tests.rules.harness import run_files

ROOT = Path(__file__).resolve().parents[2]
#: words put in place of a behavior's own; none of them is a word the copy keeps
REPLACEMENTS = [
    "quarterly",
    "carefully",
    "vendors",
    "dashboards",
    "partners",
    "thoroughly",
    "incidents",
    "regional",
    "contracts",
    "promptly",
    "budgets",
    "weekly",
    "audits",
]
HEAD = """id: demo
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
        competencies:
          - competency: knowledge
            behaviors:
"""


def canonical_behaviors() -> list[str]:
    """The distinct behaviors of frameworks/, one of each normalised text."""
    settings = load_settings(start=ROOT)
    loaded, _ = load_all([ROOT / "frameworks"], settings)
    seen: dict[str, str] = {}
    for doc in documents(loaded):
        for entry in behavior_entries(doc.framework):
            seen.setdefault(normalise(entry.text.value), entry.text.value)
    return list(seen.values())


def changed(text: str, count: int, rnd: random.Random) -> str:
    """``text`` with ``count`` of its words (not the first) replaced."""
    tokens = text.split(" ")
    own = set(sequence(text))
    places = [i for i in range(1, len(tokens)) if tokens[i].strip(".,;:").isalpha()]
    for i in rnd.sample(places, count):
        word = rnd.choice([w for w in REPLACEMENTS if w not in own])
        tail = tokens[i][len(tokens[i].rstrip(".,;:")) :]
        tokens[i] = word + tail
    return " ".join(tokens)


def section(texts: list[str]) -> str:
    """A framework whose one role section has ``texts`` as behaviors, two lines each."""
    lines = [
        f"              - id: b{n}\n                text: {json.dumps(t)}"
        for n, t in enumerate(texts)
    ]
    return HEAD + "\n".join(lines) + "\n"


def test_near_duplicates_of_any_length_are_found(tmp_path: Path) -> None:
    rnd = random.Random(14)
    behaviors = canonical_behaviors()
    # behaviors of different frameworks that are near-duplicates of each other are not
    # in one scope in their files; here they would be, so they are left out
    first = HEAD.count("\n") + 2
    alike = {
        p.line for p in run_files(tmp_path / "plain", {"near.yaml": section(behaviors)}, "DU02")
    }
    behaviors = [t for n, t in enumerate(behaviors) if first + 2 * n not in alike]
    assert len(behaviors) > 100
    texts: list[str] = []
    injected: dict[int, tuple[int, int]] = {}  # line -> (words changed, length)
    for text in behaviors:
        texts.append(text)
        length = len(sequence(text))
        if rnd.random() < 0.3 and length >= 4:
            count = rnd.choice((1, 2))
            texts.append(changed(text, count, rnd))
            injected[first + 2 * (len(texts) - 1)] = (count, length)
    source = section(texts)
    problems = run_files(tmp_path, {"near.yaml": source}, "DU02")
    found = {p.line for p in problems}
    assert found <= set(injected), "a behavior that was not injected is reported"

    def recall(keep: object) -> float:
        chosen = [line for line, (count, length) in injected.items() if keep(count, length)]  # type: ignore[operator]
        return sum(1 for line in chosen if line in found) / len(chosen)

    # one changed word counts the same in a short and a long behavior
    assert recall(lambda c, n: c == 1 and n < 12) == 1.0
    assert recall(lambda c, n: c == 1 and n >= 12) == 1.0
    # two changed words: every behavior long enough to keep three words per change
    assert recall(lambda c, n: c == 2 and n >= 8) == 1.0
    assert recall(lambda c, n: True) >= 0.9
    # word sets alone (the comparison before words were read in order) miss most of them
    jaccard_only = run_files(
        tmp_path / "sets",
        {"near.yaml": source},
        "DU02",
        {"rules": {"DU02": {"max-changed-words": 0}}},
    )
    assert len(jaccard_only) < 0.6 * len(found)
