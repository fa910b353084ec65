"""A zip of deflated entries, each compressed once however many files carry it.

Every Word handout of a run carries the same styles, theme, numbering and settings
parts: compressing them again for each handout was a tenth of its time. An
:class:`Entry` keeps its compressed bytes and checksum, and :func:`pack_entries` writes
a zip with exactly the bytes :mod:`zipfile` writes for the same entries (the same
headers, the same deflate stream at level 6, the same central directory), so handouts
keep their bytes. ``tests/exporters/test_zip_pack.py`` compares the two.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

#: what zipfile writes for a deflated entry of a seekable file
_VERSION = 20
_DEFLATED = zipfile.ZIP_DEFLATED
_LEVEL = 6
#: from this size on zipfile writes zip64 records; no handout comes near it
_SMALL = (1 << 31) - 1
_FILE_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


class Entry:
    """The bytes of one zip entry, compressed when first packed and then kept."""

    __slots__ = ("_packed", "data")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._packed: tuple[int, bytes] | None = None

    def packed(self) -> tuple[int, bytes]:
        """The entry's CRC-32 and its raw deflate stream, as zipfile makes them."""
        if self._packed is None:
            compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
            stream = compressor.compress(self.data) + compressor.flush()
            self._packed = (zlib.crc32(self.data), stream)
        return self._packed


def pack_entries(
    entries: dict[str, Entry],
    date_time: tuple[int, int, int, int, int, int],
    *,
    mode: int = 0o644,
) -> bytes:
    """A zip of ``entries`` sorted with ``[Content_Types].xml`` first, every entry dated
    ``date_time`` with permissions ``mode``, deflated at level 6: the bytes of
    :func:`exporters.docx_builder.pack_zip` for the same entries."""
    names = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n))
    if any(len(entries[n].data) * 1.05 > _SMALL for n in names):
        # zipfile would write zip64 records; templates are bounded far below this
        raise ValueError("a handout part of 2 GB or more cannot be packed")
    year, month, day, hour, minute, second = date_time
    dosdate = (year - 1980) << 9 | month << 5 | day
    dostime = hour << 11 | minute << 5 | (second // 2)
    attributes = mode << 16
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in names:
        data = entries[name].data
        crc, stream = entries[name].packed()
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), 0x800
        header = _FILE_HEADER.pack(
            b"PK\003\004",
            _VERSION,
            0,
            flags,
            _DEFLATED,
            dostime,
            dosdate,
            crc,
            len(stream),
            len(data),
            len(encoded),
            0,
        )
        out += (header, encoded, stream)
        central.append(
            _CENTRAL.pack(
                b"PK\001\002",
                _VERSION,
                3,  # made on Unix, as zipfile says on every system but Windows
                _VERSION,
                0,
                flags,
                _DEFLATED,
                dostime,
                dosdate,
                crc,
                len(stream),
                len(data),
                len(encoded),
                0,
                0,
                0,
                0,
                attributes,
                offset,
            )
            + encoded
        )
        offset += len(header) + len(encoded) + len(stream)
    directory = b"".join(central)
    end = _END.pack(b"PK\005\006", 0, 0, len(names), len(names), len(directory), offset, 0)
    return b"".join(out) + directory + end
