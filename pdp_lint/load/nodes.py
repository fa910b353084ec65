"""A YAML document as plain data that remembers where every value is.

Two readers produce it: the rapidyaml fast path for clean documents (fastyaml.py) and
libyaml, which explains every problem (libyaml.py, loaded on first use).
"""

from __future__ import annotations

from typing import Any

import msgspec

from pdp_lint.load.source import SourceText
from pdp_lint.model.problem import Span

TAG = "tag:yaml.org,2002:"
MAX_DEPTH = 64


class MapLoc(msgspec.Struct, eq=False):
    """Positions inside one mapping: its own span, each key's span and each value's."""

    span: Span
    keys: dict[str, Span] = msgspec.field(default_factory=dict)
    values: dict[str, Span] = msgspec.field(default_factory=dict)
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

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


def compose(src: SourceText) -> Composed:
    """Compose ``src`` with libyaml into data with positions; raise YamlSyntaxError.

    ruamel.yaml is imported here, on first use: clean documents are read by the
    rapidyaml fast path (fastyaml.py), and a one-file check should not pay for it.
    """
    from pdp_lint.load.careful import compose_careful

    return compose_careful(src)
