"""A YAML document as plain data that remembers where every value is.

Two readers produce it: the rapidyaml fast path for clean documents (fast.py) and
libyaml, which explains every problem (careful.py, loaded on first use); compose.py
puts them side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from pdp_lint.model.problem import Span

TAG = "tag:yaml.org,2002:"
MAX_DEPTH = 64


class MapLoc(msgspec.Struct, eq=False):
    """Positions inside one mapping: its own span, each key's span and each value's."""

    span: Span
    keys: dict[str, Span] = msgspec.field(default_factory=dict)
    #: a dict, or the fast path's OffsetSpans (see pdp_lint.model.positions) when the
    #: keys' positions are left out
    values: Mapping[str, Span] = msgspec.field(default_factory=dict)
    styles: dict[str, str] = msgspec.field(default_factory=dict)


class SeqLoc(msgspec.Struct, eq=False):
    """Positions inside one sequence: its own span and each item's."""

    span: Span
    items: list[Span] = msgspec.field(default_factory=list)
    styles: list[str] = msgspec.field(default_factory=list)


Loc = MapLoc | SeqLoc


class Issue(msgspec.Struct, frozen=True):
    """A problem found while reading YAML, before the schema is consulted."""

    code: str
    name: str
    message: str
    span: Span


class Composed(msgspec.Struct, eq=False):
    """Plain data of one document plus the positions of every container."""

    data: Any
    locs: dict[int, Loc]
    issues: list[Issue]
    root_span: Span
    text: str = ""

    def loc(self, container: object) -> Loc:
        return self.locs[id(container)]


class YamlSyntaxError(Exception):
    """The text is not YAML; carries the position libyaml reported."""

    def __init__(
        self, message: str, span: Span, code: str = "SY01", name: str = "syntax.yaml"
    ) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        #: the rule that reports it: SY01, or SY06 for nesting too deep to read
        self.code = code
        self.name = name
