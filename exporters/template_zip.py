"""A Word template read as untrusted data: bounded before it is unpacked, XML without DTDs.

A template (``--template``) comes from outside, maybe from an attacker: a zip bomb (a
few megabytes unpacking to gigabytes), an entity bomb or an external entity (XXE) in its
XML, a damaged zip or malformed XML. Before python-docx sees any of it, the zip's own
directory is checked against fixed limits (number of parts, size of each part and of
all, packing ratio, compression method), then every part is unpacked in bounded chunks
(so a part that lies about its size cannot grow past it), its checksum verified, and
every XML part parsed with defusedxml with document type declarations refused: Word
never writes a DTD, so a part with one is refused rather than expanded or copied.
python-docx then opens a zip rebuilt from the checked bytes, never the original.

Every refusal is a :class:`TemplateError` whose message says what is wrong in one line.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

#: the template file itself
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_PARTS = 2000
#: one part unpacked (a large logo is a few megabytes)
MAX_PART_BYTES = 64 * 1024 * 1024
#: all parts unpacked together
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: unpacked size over packed size, checked for parts over RATIO_FROM bytes; XML packs
#: about 10 to 1 and images barely, while a zip bomb packs 1,000 to 1
MAX_RATIO = 200
RATIO_FROM = 1024 * 1024
_CHUNK = 1024 * 1024

_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CONTENT_TYPES = "[Content_Types].xml"


class TemplateError(ValueError):
    """A template refused, with the reason in one line."""


def checked_template(data: bytes) -> bytes:
    """The template ``data`` as a Word document python-docx may open safely.

    A ``.dotx`` template comes back as a ``.docx`` (only its content type differs).
    Raises :class:`TemplateError` when the template is damaged or over a limit.
    """
    if len(data) > MAX_FILE_BYTES:
        raise TemplateError(
            f"the file is {len(data):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise TemplateError(
            "it is not a Word document or template (.docx or .dotx are zip files)"
        ) from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise TemplateError(f"the zip cannot be read ({_reason(exc)})") from None
    try:
        with archive as src:
            infos = _checked_directory(src)
            parts = dict(_unpacked(src, infos))
    except zipfile.BadZipFile as exc:
        raise TemplateError(f"the zip is damaged ({_reason(exc)})") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
        raise TemplateError(f"the zip cannot be read ({_reason(exc)})") from None
    if _CONTENT_TYPES not in parts:
        raise TemplateError(f"it has no {_CONTENT_TYPES}, so it is not a Word document")
    defaults, overrides = _content_types(parts[_CONTENT_TYPES])
    for name, body in parts.items():
        if name == _CONTENT_TYPES:
            continue
        kind = overrides.get(f"/{name}") or defaults.get(PurePosixPath(name).suffix[1:].lower())
        if name.endswith(".rels") or (kind is not None and _is_xml(kind)):
            _parse(name, body)
    if _TEMPLATE_TYPE in overrides.values():
        parts[_CONTENT_TYPES] = parts[_CONTENT_TYPES].replace(
            _TEMPLATE_TYPE.encode(), _DOCUMENT_TYPE.encode()
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in infos:
            dst.writestr(info.filename, parts[info.filename])
    return out.getvalue()


def _checked_directory(src: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The zip's parts, refused before anything is unpacked when over a limit."""
    infos = [i for i in src.infolist() if not i.is_dir()]
    if len(infos) > MAX_PARTS:
        raise TemplateError(f"it has {len(infos):,} parts, over the limit of {MAX_PARTS:,}")
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        raise TemplateError(f"the part `{twice}` is in the zip twice")
    total = 0
    for info in infos:
        name = info.filename
        if info.flag_bits & 0x1:
            raise TemplateError(f"the part `{name}` is encrypted; save the template unprotected")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise TemplateError(
                f"the part `{name}` is packed with a method Word does not use "
                f"(zip method {info.compress_type})"
            )
        if info.file_size > MAX_PART_BYTES:
            raise TemplateError(
                f"the part `{name}` unpacks to {info.file_size:,} bytes, over the "
                f"{MAX_PART_BYTES:,}-byte limit for one part (a zip bomb?)"
            )
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TemplateError(
                f"the part `{name}` unpacks from {info.compress_size:,} to {info.file_size:,} "
                f"bytes, more than {MAX_RATIO} times its packed size (a zip bomb?)"
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise TemplateError(
            f"its parts unpack to {total:,} bytes, over the {MAX_TOTAL_BYTES:,}-byte limit "
            "(a zip bomb?)"
        )
    return infos


def _unpacked(src: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> Iterator[tuple[str, bytes]]:
    """Each part's bytes, unpacked a chunk at a time and never past its declared size
    (zipfile stops there and checks the CRC, raising BadZipFile on a mismatch)."""
    for info in infos:
        body = bytearray()
        with src.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                body += chunk
        if len(body) != info.file_size:
            raise TemplateError(
                f"the part `{info.filename}` holds {len(body):,} bytes, not the "
                f"{info.file_size:,} its zip entry says (the zip is damaged)"
            )
        yield info.filename, bytes(body)


def _is_xml(content_type: str) -> bool:
    """Whether python-docx parses a part of this type as XML (an SVG image is a blob)."""
    kind = content_type.split(";")[0].strip().lower()
    return (kind.endswith("+xml") or kind.endswith("/xml")) and kind != "image/svg+xml"


def _content_types(body: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """The content types by extension (Default) and by part name (Override)."""
    root = _parse(_CONTENT_TYPES, body)
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for element in root:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "Default":
            defaults[element.get("Extension", "").lower()] = element.get("ContentType", "")
        elif tag == "Override":
            overrides[element.get("PartName", "")] = element.get("ContentType", "")
    return defaults, overrides


def _parse(name: str, body: bytes) -> Any:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise TemplateError(
            f"the part `{name}` declares a document type (DTD) or entities, which Word never "
            "writes and which are refused (entity bombs, external entities)"
        ) from None
    except ParseError as exc:
        raise TemplateError(f"the part `{name}` is not well-formed XML ({exc})") from None


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
