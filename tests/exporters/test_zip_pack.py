"""zip_pack writes the bytes zipfile writes, and compresses a kept entry only once."""

from __future__ import annotations

import io
import os
import random
import zipfile
from datetime import UTC, datetime

import pytest

from exporters.docx_builder import _zip_time, pack_zip
from exporters.zip_pack import Entry, pack_entries

WHEN = datetime(2023, 11, 14, 22, 13, 21, tzinfo=UTC)


def _entries(seed: int) -> dict[str, bytes]:
    rng = random.Random(seed)
    names = ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "docProps/core.xml"]
    names += [f"word/media/image{n}.png" for n in range(rng.randrange(0, 4))]
    out = {}
    for name in names:
        size = rng.choice([0, 1, 100, 5000, 70000])
        if name.endswith(".png"):
            out[name] = os.urandom(size)  # does not compress
        else:
            words = [rng.choice(["<w:p>", "text", "é", "&amp;", " "]) for _ in range(size // 4)]
            out[name] = "".join(words).encode("utf-8")
    return out


@pytest.mark.parametrize("seed", range(6))
def test_the_zip_has_the_bytes_zipfile_writes(seed: int) -> None:
    entries = _entries(seed)
    ours = pack_entries({n: Entry(d) for n, d in entries.items()}, _zip_time(WHEN))
    assert ours == pack_zip(entries, WHEN)
    with zipfile.ZipFile(io.BytesIO(ours)) as z:
        assert z.testzip() is None
        assert {n: z.read(n) for n in z.namelist()} == entries
        assert z.namelist()[0] == "[Content_Types].xml"


def test_a_name_outside_ascii_is_flagged_as_utf8_as_zipfile_does() -> None:
    entries = {"[Content_Types].xml": b"<Types/>", "word/média.xml": b"<x/>"}
    ours = pack_entries({n: Entry(d) for n, d in entries.items()}, _zip_time(WHEN))
    assert ours == pack_zip(entries, WHEN)


def test_an_entry_is_compressed_once() -> None:
    entry = Entry(b"<w:styles/>" * 100)
    first = pack_entries({"word/styles.xml": entry}, _zip_time(WHEN))
    packed = entry.packed()
    second = pack_entries({"word/styles.xml": entry}, _zip_time(datetime(2024, 1, 1, tzinfo=UTC)))
    assert entry.packed() is packed
    assert first != second  # the date differs, the stream is the one kept
    assert packed[1] in first and packed[1] in second
