"""What every reporter receives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import msgspec

from pdp_lint.model.problem import Problem, Severity


class Report(msgspec.Struct, eq=False):
    """The problems of one run, sorted, with what is needed to show source lines."""

    problems: list[Problem]
    files_checked: int
    source_line: Callable[[str, int], str] = lambda file, line: ""
    color: bool = False
    #: the whole text of a file, for formats that turn fix offsets into lines and columns
    source_text: Callable[[str], str] = lambda file: ""
    #: every file checked, including those without problems
    files: list[str] = msgspec.field(default_factory=list)
    #: baseline entries of the checked files that matched no problem
    stale_baseline: int = 0

    def __post_init__(self) -> None:
        self.problems.sort(key=Problem.sort_key)

    def counts(self) -> dict[str, int]:
        by = Counter(p.severity for p in self.problems)
        return {s.value: by.get(s, 0) for s in Severity}

    def files_with_problems(self) -> int:
        return len({p.file for p in self.problems})


def relative_to_cwd(file: str) -> str | None:
    """``file`` as a POSIX path relative to the working directory, or None when outside it."""
    path = Path(file)
    if not path.is_absolute():
        return None if ".." in path.parts else path.as_posix()
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return None


def display_relative(file: str) -> str:
    """``file`` relative to the working directory when it is inside, else as given."""
    return relative_to_cwd(file) or file


def fingerprint(problem: Problem, file: str, seen: Counter[str]) -> str:
    """A stable identity for a problem, independent of line numbers.

    Built from the rule, the file, the node's JSON path and the message; identical
    problems in one file get ``:2``, ``:3``... so each stays distinct; ``seen`` counts
    the digests handed out so far in one report. The form is ``<digest>:<n>``.
    """
    import hashlib

    identity = "\0".join((problem.code, file, problem.path, problem.message))
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]
    seen[digest] += 1
    return f"{digest}:{seen[digest]}"
