"""A loaded framework together with its source: what rules look at.

Rules report positions inside a text value (a misspelt word in a behavior); this module
maps an offset in the value to the file, for every YAML scalar style, and makes text
edits only where the mapping is exact, so a fix can never land in the wrong place.
"""

from __future__ import annotations

import bisect
from pathlib import Path

import msgspec

from pdp_lint.load.source import SourceText
from pdp_lint.model.framework import Framework, TextField
from pdp_lint.model.problem import Edit, Span

# How far ahead (in source characters) a value character may be found; beyond that it
# is assumed to come from an escape sequence.
_LOOKAHEAD = 12


class Document(msgspec.Struct, eq=False):
    """One framework file as the rules see it."""

    framework: Framework
    source: SourceText
    _offsets: dict[tuple[int, int], list[int]] = msgspec.field(default_factory=dict)
    _texts: list[TextField] | None = None

    def release(self) -> None:
        """Drop what was computed for the rules (prose list, offset maps) to save memory."""
        self._texts = None
        self._offsets.clear()

    @property
    def texts(self) -> list[TextField]:
        """Every prose field of the framework (``Framework.texts()``), listed once."""
        if self._texts is None:
            self._texts = list(self.framework.texts())
        return self._texts

    @property
    def file(self) -> str:
        return self.source.display

    @property
    def path(self) -> Path:
        return self.source.path

    def offsets(self, text: TextField) -> list[int]:
        """Source offset of each character of ``text.value``, plus one past the end."""
        span = text.span
        key = (span.start_index, span.end_index)
        cached = self._offsets.get(key)
        if cached is None:
            raw = self.source.text[span.start_index : span.end_index]
            cached = [span.start_index + i for i in align(raw, text.value)]
            self._offsets[key] = cached
        return cached

    def locate(self, text: TextField, start: int = 0, end: int | None = None) -> Span:
        """Span in the file of ``text.value[start:end]``."""
        s, e = _bounds(self.offsets(text), len(text.value), start, end)
        return self.source.span(s, e)

    def edit(self, text: TextField, start: int, end: int, replacement: str) -> Edit | None:
        """An edit replacing ``text.value[start:end]``, or None if it cannot be exact.

        The source characters at the mapped place must be exactly the value's characters
        (no escapes, no line folding inside), and the replacement must not need quoting
        that the scalar does not have.
        """
        return self.place(text, start, end).edit(replacement)

    def place(self, text: TextField, start: int, end: int) -> Place:
        """Where ``text.value[start:end]`` is, kept to make an edit later (picklable)."""
        span = self.locate(text, start, end)
        s, e = span.start_index, span.end_index
        source = self.source.text
        exact = source[s:e] == text.value[start:end]
        style = source[text.span.start_index : text.span.start_index + 1]
        return Place(span, exact, style, source[s - 1 : s] if s else "", source[e : e + 1])

    def locator(self, text: TextField) -> Locator:
        """What :meth:`locate` needs for ``text``, without the document (picklable)."""
        span = text.span
        starts = self.source.line_starts()[span.line - 1 : span.end_line]
        raw = self.source.text[span.start_index : span.end_index]
        return Locator(text.value, raw, span.start_index, span.line, tuple(starts))


class Place(msgspec.Struct, frozen=True):
    """A part of a text value in the file, and how it is written there."""

    span: Span
    #: the source characters are exactly the value's (no escapes or folding inside)
    exact: bool
    #: the first character of the scalar: a quote, or anything for a plain scalar
    style: str
    #: the source characters just before and just after the place ("" at an end)
    before: str = ""
    after: str = ""

    def edit(self, replacement: str) -> Edit | None:
        """An edit putting ``replacement`` here, or None if it cannot be exact."""
        if not self.exact:
            return None
        style = self.style
        if style == '"' and ('"' in replacement or "\\" in replacement):
            return None
        if style == "'" and "'" in replacement:
            return None
        # in a plain scalar, ": " starts a mapping and " #" a comment, also where the
        # replacement meets the characters beside it ("Knows:" + " " + "things")
        around = self.before + replacement + self.after
        if style not in ('"', "'") and (": " in around or " #" in around):
            return None
        return Edit(self.span.start_index, self.span.end_index, replacement)


class Locator(msgspec.Struct, frozen=True):
    """:meth:`Document.locate` for one text, carried without its document."""

    value: str
    #: the scalar as written in the file, and where it starts
    raw: str
    start_index: int
    first_line: int
    #: where each line of the scalar starts, from ``first_line`` on
    line_starts: tuple[int, ...]

    def locate(self, start: int = 0, end: int | None = None) -> Span:
        offsets = [self.start_index + i for i in align(self.raw, self.value)]
        s, e = _bounds(offsets, len(self.value), start, end)
        line, column = self._position(s)
        end_line, end_column = self._position(e)
        return Span(line, column, end_line, end_column, s, e)

    def _position(self, index: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.line_starts, index) - 1
        return self.first_line + row, index - self.line_starts[row] + 1


def _bounds(offsets: list[int], length: int, start: int, end: int | None) -> tuple[int, int]:
    """Source offsets of ``value[start:end]``, given each value character's offset."""
    end = length if end is None else end
    s = offsets[min(start, len(offsets) - 1)]
    e = offsets[min(end, len(offsets) - 1)] if end > start else s
    if end > start and end <= length:
        # one past the last character, not the start of whatever follows it
        e = offsets[end - 1] + 1
    return s, max(e, s)


def align(raw: str, value: str) -> list[int]:
    """Map each character of a scalar's value to its offset in the raw source text.

    Works for every scalar style: quotes, escaped quotes, folded line breaks and block
    indentation are skipped because they do not match the next value character;
    characters that come from escape sequences map to the escape.
    """
    out: list[int] = []
    p = 0
    n = len(raw)
    if raw[:1] in ("|", ">"):
        # a block scalar: its value starts on the line after the header (`|`, `>-`, ...)
        header = raw.find("\n")
        p = header + 1 if header >= 0 else 0
    for ch in value:
        q = raw.find(ch, p, p + _LOOKAHEAD) if p < n else -1
        if q == -1 and ch not in " \t\n" and p < n and raw[p] in " \t\r\n":
            # a line's indentation, however deep: the character is after it
            after = p
            while after < n and raw[after] in " \t\r\n":
                after += 1
            q = raw.find(ch, after, after + _LOOKAHEAD)
        if q == -1 and ch in " \n":
            # a folded line break: the value's space or newline stands for raw whitespace
            q = p
            while q < n and raw[q] in "\r\n \t":
                q += 1
            out.append(p)
            p = q
            continue
        if q == -1:
            out.append(min(p, n))
            # skip an escape sequence in double-quoted text
            if p < n and raw[p] == "\\":
                kind = raw[p + 1 : p + 2]
                p += 2 + {"x": 2, "u": 4, "U": 8}.get(kind, 0)
            else:
                p += 1
            continue
        out.append(q)
        p = q + 1
    out.append(min(p, n))
    return out
