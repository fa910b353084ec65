"""Reading framework files: bytes to text, and offsets to line and column."""

from __future__ import annotations

import bisect
import codecs
import os
import stat
from array import array
from pathlib import Path

import msgspec

from pdp_lint.model.problem import Span

#: Files larger than this are refused unless the configuration raises the limit.
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
#: The configuration and vocabulary files larger than this are refused: read whole, a
#: file swapped for a device or one growing without end would otherwise be read until
#: memory runs out
SETTINGS_MAX_BYTES = 16 * 1024 * 1024
#: what to do about such a file
SETTINGS_TOO_LARGE = "no configuration or vocabulary file is this large; check the path"


_BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}


class ReadError(Exception):
    """A file that cannot be read as text; carries a one-line message and a position."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class NotRegularFile(ReadError):
    """The path is a folder, a pipe, a socket or a device, not a file to read."""


class SourceText(msgspec.Struct):
    """The decoded text of one file, with what is needed to write it back unchanged."""

    path: Path
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    # an array, not a list: a large corpus has about a million lines
    _line_starts: array[int] = msgspec.field(default_factory=lambda: array("q"))

    def encode(self, text: str) -> bytes:
        """``text`` as this file was stored: same encoding, byte order and BOM."""
        data = text.encode(self.encoding)
        return _BOMS[self.encoding] + data if self.bom else data

    @property
    def display(self) -> str:
        return self.path.as_posix()

    def line_starts(self) -> array[int]:
        if not self._line_starts:
            starts = array("q", [0])
            text = self.text
            pos = text.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = text.find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self.line_starts()
        row = bisect.bisect_right(starts, index) - 1
        return row + 1, index - starts[row] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        if self.text.find("\n", start, end) == -1:
            # on one line: share the line number (a large corpus holds half a million spans)
            return Span(line, column, line, column + end - start, start, end)
        end_line, end_column = self.position(end)
        return Span(line, column, end_line, end_column, start, end)

    def line_text(self, line: int) -> str:
        starts = self.line_starts()
        if not 1 <= line <= len(starts):
            return ""
        start = starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : len(self.text) if end == -1 else end].rstrip("\r")


def decode(path: Path, data: bytes) -> SourceText:
    """Decode a framework file: UTF-8 (with or without BOM) or UTF-16 with a BOM, with
    line feeds (or CRLF) between its lines."""
    source = _decode(path, data)
    text = source.text
    if "\n" not in text and "\r" in text:
        # YAML reads a lone CR as a line break, positions count line feeds: every
        # finding would be on line 1
        raise ReadError(
            "has CR line endings (classic Mac OS); save it with LF (or CRLF) line endings"
        )
    return source


def _decode(path: Path, data: bytes) -> SourceText:
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise ReadError("the file is UTF-32; save it as UTF-8")
    _refuse_binary(data)
    if data.startswith(codecs.BOM_UTF8):
        return SourceText(path, _decode_utf8(data[3:], offset=3), "utf-8", bom=True)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        try:
            return SourceText(path, data[2:].decode(encoding), encoding, bom=True)
        except UnicodeDecodeError as exc:
            raise ReadError(f"invalid UTF-16 at byte {exc.start}; save the file as UTF-8") from None
    _refuse_nul(data)
    return SourceText(path, _decode_utf8(data, offset=0))


#: the first bytes of common binary files, and what to call them
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "an ELF executable or library"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a Word or Excel file is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfe\xed\xfa\xce", "a Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", "a Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\x00asm", "a WebAssembly module"),
)


def _refuse_binary(data: bytes) -> None:
    """Refuse a file whose first bytes say it is a known binary format, by name."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"is a binary file ({kind}), not a framework; pass a YAML file")
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise ReadError("is a binary file (a WebP image), not a framework; pass a YAML file")


def _looks_like_utf16(sample: bytes) -> bool:
    """Text in UTF-16 without a BOM: NULs at nearly every other byte, and nowhere else.

    Latin text in UTF-16 has a NUL as the high byte of almost every character, all on
    the same side of each pair, while the other side has almost none. A binary file
    (an executable, an image) has NULs on both sides.
    """
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return False
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    high, low = max(even, odd), min(even, odd)
    return high >= half * 0.6 and low <= half * 0.02


def _refuse_nul(data: bytes) -> None:
    """Refuse NUL bytes: UTF-16 without a byte-order mark, or not a text file at all.

    NUL is valid UTF-8, so such a file would otherwise decode and fail later with an
    obscure YAML error about a control character.
    """
    first = data.find(b"\x00")
    if first == -1:
        return
    line = data.count(b"\n", 0, first) + 1
    column = first - (data.rfind(b"\n", 0, first) + 1) + 1
    if _looks_like_utf16(data[:4096]):
        raise ReadError(
            "looks like UTF-16 without a byte-order mark; save the file as UTF-8", line, column
        )
    raise ReadError(
        f"is a binary file, not text (a NUL byte at byte {first}); pass a YAML file saved "
        "as UTF-8 text",
        line,
        column,
    )


def _decode_utf8(data: bytes, offset: int) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise ReadError(
            f"not valid UTF-8 (byte 0x{bad} at byte {exc.start + offset}); save the file as UTF-8",
            line,
            column,
        ) from None


#: how a framework file is opened: without waiting (a named pipe put in its place
#: between the look and the open would wait for a writer), in binary, not inherited
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


#: what to do about a framework file over the limit
_SPLIT_IT = "split it or raise `max-file-size` in the configuration"


def _too_large(what: str, max_bytes: int, advice: str = _SPLIT_IT) -> ReadError:
    return ReadError(f"{what}, over the {max_bytes:,}-byte limit; {advice}")


def _not_regular(mode: int) -> NotRegularFile | None:
    if stat.S_ISDIR(mode):
        return NotRegularFile("is a directory, not a file")
    if not stat.S_ISREG(mode):
        # a named pipe or a device: reading it could block forever or never end
        return NotRegularFile(
            "is not a regular file (a pipe, socket or device); pass a framework file"
        )
    return None


def _read_bounded(fd: int, size: int, max_bytes: int, advice: str = _SPLIT_IT) -> bytes:
    """The bytes of the open file ``fd``, which held ``size`` bytes when looked at;
    a file that has grown past ``max_bytes`` since is refused, not read whole."""
    chunks = []
    total = 0
    want = size + 1  # one byte more than expected: the end of the file is seen at once
    while True:
        chunk = os.read(fd, min(max(want, 65536), max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise _too_large("file grew while it was read", max_bytes, advice)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_regular(path: Path, max_bytes: int, advice: str = _SPLIT_IT) -> bytes:
    """The bytes of the regular file at ``path``, read as a framework is read.

    The path is looked at first, so a device or a pipe is never opened; what is read is
    what was opened (its kind and size taken with ``fstat``), without waiting on a pipe
    put in its place, and never more than ``max_bytes`` however much the file grows.
    Raises :class:`NotRegularFile` for what is not a regular file, :class:`ReadError`
    for one too large, and
    ``OSError`` when the file cannot be read. The configuration, the vocabulary files
    and the caches' digests read their files this way too. ``advice`` ends the message
    of a file over the limit.
    """
    refused = _not_regular(path.stat().st_mode)
    if refused is not None:
        raise refused
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        refused = _not_regular(info.st_mode)
        if refused is not None:
            raise refused
        if info.st_size > max_bytes:
            raise _too_large(f"file is {info.st_size:,} bytes", max_bytes, advice)
        return _read_bounded(fd, info.st_size, max_bytes, advice)
    finally:
        os.close(fd)


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and decode a file, refusing unreadable, binary or oversized input (see
    :func:`read_regular`)."""
    try:
        data = read_regular(path, max_bytes)
    except ReadError:
        raise
    except IsADirectoryError:
        raise ReadError("is a directory, not a file") from None
    except PermissionError:
        raise ReadError("permission denied; make the file readable") from None
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from None
    return decode(path, data)
