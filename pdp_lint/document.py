"""A loaded framework together with its source: what rules look at.

Rules report positions inside a text value (a misspelt word in a behavior); this module
maps an offset in the value to the file, for every YAML scalar style, and makes text
edits only where the mapping is exact, so a fix can never land in the wrong place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pdp_lint.model import Framework, TextField
from pdp_lint.problem import Edit, Span
from pdp_lint.source import SourceText

# How far ahead (in source characters) a value character may be found; beyond that it
# is assumed to come from an escape sequence.
_LOOKAHEAD = 12


@dataclass(slots=True, eq=False, repr=False)
class Document:
    """One framework file as the rules see it."""

    framework: Framework
    source: SourceText
    _offsets: dict[tuple[int, int], list[int]] = field(default_factory=dict, repr=False)
    _texts: list[TextField] | None = field(default=None, repr=False)

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
        offsets = self.offsets(text)
        end = len(text.value) if end is None else end
        s = offsets[min(start, len(offsets) - 1)]
        e = offsets[min(end, len(offsets) - 1)] if end > start else s
        if end > start and end <= len(text.value):
            # one past the last character, not the start of whatever follows it
            e = offsets[end - 1] + 1
        return self.source.span(s, max(e, s))

    def edit(self, text: TextField, start: int, end: int, replacement: str) -> Edit | None:
        """An edit replacing ``text.value[start:end]``, or None if it cannot be exact.

        The source characters at the mapped place must be exactly the value's characters
        (no escapes, no line folding inside), and the replacement must not need quoting
        that the scalar does not have.
        """
        span = self.locate(text, start, end)
        s, e = span.start_index, span.end_index
        if self.source.text[s:e] != text.value[start:end]:
            return None
        raw = self.source.text[text.span.start_index : text.span.end_index]
        style = raw[:1]
        if style == '"' and ('"' in replacement or "\\" in replacement):
            return None
        if style == "'" and "'" in replacement:
            return None
        if style not in ('"', "'") and (": " in replacement or " #" in replacement):
            return None
        return Edit(s, e, replacement)


def align(raw: str, value: str) -> list[int]:
    """Map each character of a scalar's value to its offset in the raw source text.

    Works for every scalar style: quotes, escaped quotes, folded line breaks and block
    indentation are skipped because they do not match the next value character;
    characters that come from escape sequences map to the escape.
    """
    out: list[int] = []
    p = 0
    n = len(raw)
    for ch in value:
        q = raw.find(ch, p, p + _LOOKAHEAD) if p < n else -1
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
