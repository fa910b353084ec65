"""Positions kept as character offsets, made into spans when a rule asks for one.

A model node keeps the span of each of its fields (``Node.spans``). Kept as Span
records, with a table per mapping, those cost about 550 bytes a mapping, over a
gigabyte for one file of 320,000 behaviors, and most are never read: a rule asks
for the span of the few fields it reports. :class:`OffsetSpans` keeps a mapping's
field names (one tuple shared by every mapping of the same keys) and the start and
end offsets of their values in one array for the whole file, and computes a field's
line and column from the file's line starts when it is asked for.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterator, Mapping
from typing import Protocol

from pdp_lint.model.problem import Span


class LineStarts(Protocol):
    """What a span is computed from: the offset of each line's first character."""

    def line_starts(self) -> array[int]: ...


class OffsetSpans(Mapping[str, Span]):
    """The spans of a mapping's values, read from ``table[at : at + 2 * len(names)]``
    (the start and end character offset of each value, in the order of ``names``)."""

    __slots__ = ("_at", "_lines", "_names", "_table")

    def __init__(self, names: tuple[str, ...], table: array[int], at: int, lines: LineStarts):
        self._names = names
        self._table = table
        self._at = at
        self._lines = lines

    def _span(self, i: int) -> Span:
        at = self._at + 2 * i
        start, end = self._table[at], self._table[at + 1]
        starts = self._lines.line_starts()
        row = bisect.bisect_right(starts, start) - 1
        line, column = row + 1, start - starts[row] + 1
        end_row = bisect.bisect_right(starts, end, row) - 1
        if end_row == row:
            return Span(line, column, line, column + end - start, start, end)
        return Span(line, column, end_row + 1, end - starts[end_row] + 1, start, end)

    def __getitem__(self, name: str) -> Span:
        try:
            i = self._names.index(name)
        except ValueError:
            raise KeyError(name) from None
        return self._span(i)

    def get(self, name: str, default: Span | None = None) -> Span | None:  # type: ignore[override]
        names = self._names
        return self._span(names.index(name)) if name in names else default

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"OffsetSpans({dict(self)!r})"
