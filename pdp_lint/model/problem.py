"""The one record every check produces and every reporter consumes, and the report of
a run: the problems with what is needed to show their source lines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from enum import StrEnum

import msgspec


class Severity(StrEnum):
    """How much a problem matters; errors fail the run."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Span(msgspec.Struct, frozen=True, gc=False):
    """A region of a source file; lines and columns are 1-based, the end is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int
    start_index: int = 0
    end_index: int = 0


class Edit(msgspec.Struct, frozen=True, gc=False):
    """Replace ``source[start:end]`` (character offsets) with ``text``."""

    start: int
    end: int
    text: str


class Fix(msgspec.Struct, frozen=True, gc=False):
    """The edits that repair a problem, and whether applying them is safe."""

    edits: tuple[Edit, ...]
    safe: bool = True


class Problem(msgspec.Struct, frozen=True):
    """A finding at a place in a file."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    path: str = "$"
    suggestion: str | None = None
    fix: Fix | None = None

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


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
