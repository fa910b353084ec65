"""What every reporter receives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from pdp_lint.problem import Problem, Severity


@dataclass(slots=True)
class Report:
    """The problems of one run, sorted, with what is needed to show source lines."""

    problems: list[Problem]
    files_checked: int
    source_line: Callable[[str, int], str] = field(default=lambda file, line: "")
    color: bool = False

    def __post_init__(self) -> None:
        self.problems.sort(key=Problem.sort_key)

    def counts(self) -> dict[str, int]:
        by = Counter(p.severity for p in self.problems)
        return {s.value: by.get(s, 0) for s in Severity}

    def files_with_problems(self) -> int:
        return len({p.file for p in self.problems})
