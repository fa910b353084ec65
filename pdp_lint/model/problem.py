"""The one record every check produces and every reporter consumes."""

from __future__ import annotations

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
