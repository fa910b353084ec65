"""Word templates built to harm: zip bombs, entity bombs, XXE, damaged zips, broken XML.

Each is refused with one line naming the template, exit 2, before python-docx sees it,
and in bounded memory: the export runs under an address-space limit, and its CPU time
and peak memory are measured (not its wall-clock time, which the machine's load skews).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from exporters.docx_builder import REFERENCE
from tests.hardening.helpers import CLEAN, Measured, measured, write

#: the export runs under this address-space limit; a multi-gigabyte allocation fails
MEMORY_LIMIT = 1024**3
MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """One zip entry written by hand, so that its header may lie."""

    name: str
    raw: bytes  # the bytes stored (deflated unless ``method`` is 0)
    size: int  # the unpacked size the header declares
    crc: int
    method: int = zipfile.ZIP_DEFLATED


def _deflated(body: bytes) -> Entry:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Entry("", packer.compress(body) + packer.flush(), len(body), zlib.crc32(body))


def _zeros(megabytes: int) -> bytes:
    """A raw deflate stream of ``megabytes`` MB of zeros, built without unpacking it:
    one independently flushed block, repeated (about 1 KB per megabyte)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(b"\0" * MEGABYTE) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + packer.flush(zlib.Z_FINISH)


def _zip(entries: list[Entry]) -> bytes:
    """A zip file with exactly these headers (local, central directory, end)."""
    out, central = bytearray(), bytearray()
    for e in entries:
        name = e.name.encode()
        offset = len(out)
        fields = (20, 0, e.method, 0, 0x21, e.crc, len(e.raw), e.size, len(name), 0)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name + e.raw
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, offset)
        central += name
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    return bytes(out + central + end)


def _reference_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(REFERENCE) as src:
        return {name: src.read(name) for name in src.namelist()}


def _template(replace: dict[str, Entry | bytes] | None = None, add: list[Entry] = ()) -> bytes:
    """The bundled template, with some parts replaced or added."""
    entries = []
    for name, body in _reference_parts().items():
        given = (replace or {}).get(name, body)
        entry = given if isinstance(given, Entry) else _deflated(given)
        entries.append(Entry(name, entry.raw, entry.size, entry.crc, entry.method))
    return _zip([*entries, *add])


_BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b']>\n<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:style><w:name w:val='&lol9;'/></w:style></w:styles>"
)
_XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


def _bomb(megabytes: int, declared: int | None = None) -> Entry:
    crc = zlib.crc32(b"\0" * (declared or 0))
    size = megabytes * MEGABYTE if declared is None else declared
    return Entry("", _zeros(megabytes), size, crc)


def _bad_crc(name: str) -> Entry:
    entry = _deflated(_reference_parts()[name])
    return Entry(name, entry.raw, entry.size, entry.crc ^ 0xFFFF)


CASES: dict[str, tuple[bytes, str]] = {
    "zip_bomb_as_image": (
        _template(add=[Entry("word/media/image1.png", _zeros(3000), 3000 * MEGABYTE, 0)]),
        "the part `word/media/image1.png` unpacks to 3,145,728,000 bytes, over the "
        "67,108,864-byte limit for one part (a zip bomb?)",
    ),
    "zip_bomb_as_styles": (
        _template({"word/styles.xml": _bomb(60)}),
        "bytes, more than 200 times its packed size (a zip bomb?)",
    ),
    "zip_bomb_that_lies_about_its_size": (
        _template({"word/styles.xml": _bomb(3000, declared=MEGABYTE // 2)}),
        "the part `word/styles.xml` is not well-formed XML",
    ),
    "entity_bomb": (
        _template({"word/styles.xml": _BILLION_LAUGHS}),
        "the part `word/styles.xml` declares a document type (DTD) or entities, which Word "
        "never writes and which are refused (entity bombs, external entities)",
    ),
    "external_entity_xxe": (
        _template({"word/document.xml": _XXE}),
        "the part `word/document.xml` declares a document type (DTD) or entities",
    ),
    "damaged_zip_bad_crc": (
        _template({"word/styles.xml": _bad_crc("word/styles.xml")}),
        "the zip is damaged (Bad CRC-32 for file 'word/styles.xml')",
    ),
    "malformed_xml": (
        _template({"word/styles.xml": b"<w:styles><w:style></w:styles>"}),
        "the part `word/styles.xml` is not well-formed XML (",
    ),
    "truncated_zip": (
        REFERENCE.read_bytes()[:5000],
        "it is not a Word document or template",
    ),
    "too_many_parts": (
        _template(add=[Entry(f"x/{i}.bin", b"", 0, 0, 0) for i in range(2001)]),
        "it has 2,0",
    ),
}


def _export_measured(template: Path, framework: Path, out: Path) -> Measured:
    """`pdp-lint export --template` under a memory limit, with its CPU time and peak."""
    return measured(
        *("export", "--format", "docx", "--template", template, "--out", out, framework),
        memory=MEMORY_LIMIT,
    )


@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_template_is_one_line_in_bounded_memory(tmp_path: Path, case: str):
    data, reason = CASES[case]
    template = tmp_path / "brand.dotx"
    template.write_bytes(data)
    framework = write(tmp_path / "fw", CLEAN)
    run = _export_measured(template, framework, tmp_path / "out")
    assert "Traceback" not in run.err and "internal error" not in run.err, run.err
    assert "MemoryError" not in run.err, run.err
    assert run.status == 2, run
    (line,) = run.err.splitlines()
    assert line.startswith(f"pdp-lint: {template}: cannot use this Word template: "), line
    assert reason in line, line
    assert line.endswith("; save it again from Word or use another"), line
    assert not (tmp_path / "out").exists(), "nothing is written"
    # measured: 0.3-0.4 s of CPU and under 55 MB for every case, as for a good template
    assert run.cpu_seconds < 10, run
    assert run.peak_bytes < 200 * MEGABYTE, run


def test_a_good_template_still_exports_in_bounded_memory(tmp_path: Path):
    template = tmp_path / "brand.dotx"
    template.write_bytes(_template())
    framework = write(tmp_path / "fw", CLEAN)
    run = _export_measured(template, framework, tmp_path / "out")
    assert run.status == 0, run
    assert sorted(p.name for p in (tmp_path / "out" / "demo").iterdir()) == [
        "demo.docx",
        "expert.docx",
        "senior-expert.docx",
    ]
