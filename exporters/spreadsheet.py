"""Spreadsheets of a framework: an Excel workbook to review and edit, and CSV for HR systems.

Every piece of prose of the framework is one row of the ``Items`` sheet: where it is
(track, role, competency, level, behavior), what kind of text it is, the text, its id
path and a hash of the text as exported. ``pdp-lint import`` reads the same rows back:
the id path says which item a row is, the hash tells an edit made in the workbook from a
change made to the YAML since the export.

The workbook also has a roles-by-competencies ``Overview``, the ``Glossary``, and a
hidden ``Export`` sheet listing every exported item, so that import can tell a deleted
row from an item added to the YAML after the export.

Text is always written as text: a behavior that starts with ``=`` is never a formula,
in the workbook (the cell's type is set to string) or in CSV (a leading ``=``, ``+``,
``-``, ``@``, tab or carriage return gets the apostrophe that spreadsheets read as
"this is text", as OWASP recommends for CSV files).
"""

from __future__ import annotations

import csv
import hashlib
import io
from abc import abstractmethod
from dataclasses import dataclass
from datetime import datetime

from exporters import xlsx_writer as xw
from exporters.base import Exporter, Output
from exporters.errors import ExportError
from pdp_lint.model.framework import Framework, TextField

#: the columns of the Items sheet and of the CSV file, in order
COLUMNS: tuple[str, ...] = (
    "Framework",
    "Track",
    "Role",
    "Competency",
    "Level",
    "Behavior",
    "Kind",
    "Text",
    "Id",
    "Hash",
)
ITEMS_SHEET = "Items"
OVERVIEW_SHEET = "Overview"
GLOSSARY_SHEET = "Glossary"
EXPORT_SHEET = "Export"
#: the version of the workbook layout; import refuses a layout it does not know
LAYOUT = 1
#: characters that make a spreadsheet read a CSV cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_hash(text: str) -> str:
    """The hash a row carries of the text it was exported with."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One row of the Items sheet: one piece of prose of the framework."""

    framework: str
    track: str
    role: str
    competency: str
    level: str
    behavior: str
    kind: str
    text: str
    id: str
    hash: str

    def values(self) -> tuple[str, ...]:
        return (
            self.framework,
            self.track,
            self.role,
            self.competency,
            self.level,
            self.behavior,
            self.kind,
            self.text,
            self.id,
            self.hash,
        )


def item_id(field: TextField) -> str:
    """The id path of a piece of prose: its node's stable key and the field's name."""
    key = field.node.key
    return f"{key}#{field.name}" if key else f"#{field.name}"


def key_parts(key: str) -> dict[str, str]:
    """``tracks/p/roles/r/competencies/c/behaviors/b`` -> {"tracks": "p", "roles": "r", ...}."""
    parts = key.split("/")
    return {parts[i]: parts[i + 1] for i in range(0, len(parts) - 1, 2)}


def item_rows(fw: Framework) -> list[ItemRow]:
    """Every piece of prose of ``fw`` as a row, in file order."""
    rows = []
    for field in fw.texts():
        where = key_parts(field.node.key)
        rows.append(
            ItemRow(
                framework=fw.id,
                track=where.get("tracks", ""),
                role=where.get("roles", ""),
                competency=where.get("competencies", ""),
                level=where.get("levels", ""),
                behavior=where.get("behaviors", ""),
                kind=field.kind,
                text=field.value,
                id=item_id(field),
                hash=text_hash(field.value),
            )
        )
    return rows


def csv_cell(value: str) -> str:
    """A CSV cell that no spreadsheet reads as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_bytes(fw: Framework) -> bytes:
    """The Items rows as CSV (UTF-8 with a byte-order mark, which Excel needs to read it)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in item_rows(fw):
        writer.writerow([csv_cell(v) for v in row.values()])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- the workbook ---------------------------------------------------------------------

#: column widths of the Items sheet, in characters
_WIDTHS = {
    "Framework": 16,
    "Track": 14,
    "Role": 24,
    "Competency": 22,
    "Level": 7,
    "Behavior": 22,
    "Kind": 14,
    "Text": 80,
    "Id": 30,
    "Hash": 18,
}
_QUIET = ("Id", "Hash")


_HEADER = xw.Style(xw.BOLD_FONT, xw.solid_fill("DDE4EE"), xw.alignment(vertical="top"))
_TOP = xw.Style(alignment=xw.alignment(vertical="top"))
_WRAP = xw.Style(alignment=xw.alignment(vertical="top", wrap=True))
_QUIET_STYLE = xw.Style(font=xw.font(color="888888", size=8), alignment=_TOP.alignment)


def _header(ws: xw.Sheet, names: tuple[str, ...] | list[str]) -> None:
    for column, name in enumerate(names, start=1):
        ws.cell(1, column, name, _HEADER)


def workbook_bytes(fw: Framework) -> bytes:
    """The workbook of ``fw``: Items, Overview, Glossary and the hidden Export sheet.

    Written by :mod:`exporters.xlsx_writer`, with the bytes openpyxl gave it.
    """
    from exporters.dates import source_date

    try:
        return _workbook_bytes(fw, source_date(fw.file).replace(tzinfo=None))
    except xw.IllegalCharacter as exc:
        raise ExportError(
            f"{fw.file.as_posix()}: a workbook cannot hold the control character "
            f"{exc} of {exc.text[:60]!r}; remove it (see `pdp-lint check "
            f"{fw.file.as_posix()}`, TX07) and export again"
        ) from None
    except xw.TooLong as exc:
        raise ExportError(
            f"{fw.file.as_posix()}: a workbook cell holds at most {xw.MAX_CELL:,} characters, "
            f"and a text has {exc} (it starts {exc.text[:60]!r}); shorten it and export again"
        ) from None


def _workbook_bytes(fw: Framework, when: datetime) -> bytes:
    items = xw.Sheet(ITEMS_SHEET)
    _header(items, COLUMNS)
    rows = item_rows(fw)
    styles = [
        _WRAP if name == "Text" else _QUIET_STYLE if name in _QUIET else _TOP for name in COLUMNS
    ]
    for r, row in enumerate(rows, start=2):
        for c, (value, style) in enumerate(zip(row.values(), styles, strict=True), start=1):
            items.cell(r, c, value, style)
    items.widths = {c: _WIDTHS[name] for c, name in enumerate(COLUMNS, start=1)}
    items.auto_filter = f"A1:{xw.column_letter(len(COLUMNS))}{len(rows) + 1}"

    overview = _overview(fw)
    glossary = xw.Sheet(GLOSSARY_SHEET)
    _header(glossary, ["Term", "Expansion"])
    for r, entry in enumerate(fw.glossary, start=2):
        glossary.cell(r, 1, entry.term)
        glossary.cell(r, 2, entry.expansion or "", _WRAP)
    glossary.widths = {1: 14, 2: 60}

    export = xw.Sheet(EXPORT_SHEET, hidden=True)
    _header(export, ["Key", "Value", "Hash"])
    meta = [
        ("layout", str(LAYOUT), ""),
        ("framework", fw.id, ""),
        ("file", fw.file.as_posix(), ""),
        ("version", fw.version, ""),
    ]
    meta.extend(("item", row.id, row.hash) for row in rows)
    for r, values in enumerate(meta, start=2):
        for c, value in enumerate(values, start=1):
            if value:
                export.cell(r, c, value)
    # the same input gives the same bytes: the framework's date (as every handout has
    # it), and zip entries dated alike
    return xw.workbook(
        [items, overview, glossary, export],
        creator=fw.owner.team,
        title=fw.title[:255],
        when=when,
    )


def _overview(fw: Framework) -> xw.Sheet:
    """Roles across, competencies down, each cell the role's behaviors in that competency."""
    ws = xw.Sheet(OVERVIEW_SHEET)
    roles = list(fw.roles())
    _header(ws, ["Competency", *(r.title for r in roles)])
    used = [c for c in fw.competencies if any(r.section(c.id) for r in roles)]
    for r, comp in enumerate(used, start=2):
        ws.cell(r, 1, comp.name, _WRAP)
        for c, role in enumerate(roles, start=2):
            section = role.section(comp.id)
            lines = [b.text for b in section.behaviors] if section else []
            if section and section.description:
                lines.insert(0, section.description)
            ws.cell(r, c, "\n".join(f"• {line}" for line in lines), _WRAP)
    ws.widths = {1: 24, **dict.fromkeys(range(2, len(roles) + 2), 40)}
    return ws


# --- the exporters ----------------------------------------------------------------------


class SpreadsheetExporter(Exporter):
    """One spreadsheet per framework, named after its id."""

    name = "spreadsheet"
    label = "Spreadsheet of every item"

    def outputs(self, model: Framework) -> list[Output]:
        return [Output(f"{model.id}{self.suffix}", lambda: self.render(model), model.title)]

    @abstractmethod
    def render(self, model: Framework) -> bytes:
        """The bytes of the spreadsheet of ``model``."""


class XlsxSpreadsheet(SpreadsheetExporter):
    """An Excel workbook (.xlsx) to review and edit; ``pdp-lint import`` reads it back."""

    format = "xlsx"
    suffix = ".xlsx"
    format_label = "Excel (.xlsx)"

    def render(self, model: Framework) -> bytes:
        return workbook_bytes(model)


class CsvSpreadsheet(SpreadsheetExporter):
    """The Items rows as CSV, for HR systems."""

    format = "csv"
    suffix = ".csv"
    format_label = "CSV (.csv)"

    def render(self, model: Framework) -> bytes:
        return csv_bytes(model)
