"""Positions in a buffer: pdp-lint's 1-based lines and columns (in characters) and
character offsets, to and from the protocol's 0-based positions in UTF-16 code units
(or whichever encoding the client and server agreed)."""

from __future__ import annotations

import bisect

from lsprotocol import types

#: the protocol's default position encoding (``types.PositionEncodingKind.Utf16``, a
#: string enumeration), spelled out so that importing this module reads nothing of
#: lsprotocol's types (the test suite loads them only when a test uses them)
UTF16 = "utf-16"


class Lines:
    """The lines of a buffer's text, for converting positions."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)

    def line(self, row: int) -> str:
        """The text of a 0-based line, without its line break."""
        if not 0 <= row < len(self.starts):
            return ""
        start = self.starts[row]
        end = self.text.find("\n", start)
        return self.text[start : len(self.text) if end == -1 else end].rstrip("\r")

    def _units(self, chars: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(chars)
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(chars.encode("utf-8", "surrogatepass"))
        return len(chars) + sum(1 for ch in chars if ord(ch) > 0xFFFF)

    def position(self, line: int, column: int) -> types.Position:
        """The protocol position of a 1-based line and column (in characters)."""
        row = min(max(line - 1, 0), len(self.starts) - 1)
        text = self.line(row)
        col = min(max(column - 1, 0), len(text))
        return types.Position(line=row, character=self._units(text[:col]))

    def at_offset(self, offset: int) -> types.Position:
        """The protocol position of a character offset."""
        offset = min(max(offset, 0), len(self.text))
        row = bisect.bisect_right(self.starts, offset) - 1
        return self.position(row + 1, offset - self.starts[row] + 1)

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        start = self.position(line, column)
        end = self.position(end_line, end_column)
        if (end.line, end.character) < (start.line, start.character):
            end = start
        return types.Range(start=start, end=end)

    def offset(self, position: types.Position) -> int:
        """The character offset of a protocol position (clamped to the text)."""
        if position.line >= len(self.starts):
            return len(self.text)
        text = self.line(position.line)
        units = 0
        col = 0
        for ch in text:
            if units >= position.character:
                break
            units += self._units(ch)
            col += 1
        return self.starts[position.line] + col

    def column(self, position: types.Position) -> int:
        """The 0-based character column of a protocol position."""
        return self.offset(position) - self.starts[min(position.line, len(self.starts) - 1)]

    def end(self) -> types.Position:
        return self.at_offset(len(self.text))
