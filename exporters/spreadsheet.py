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
import zipfile
from abc import abstractmethod
from dataclasses import dataclass
from typing import Any

from exporters.base import Exporter, Output
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
#: every zip entry gets this date, so the same framework gives the same bytes
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


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


def _text_cell(ws: Any, row: int, column: int, value: str) -> Any:
    """Write ``value`` as a string cell, never as a formula, whatever it starts with."""
    from openpyxl.cell.cell import Cell

    # what ``ws.cell(row, column).value = value`` does for a new cell and a string,
    # without working out a type that is set to string right after
    cell = Cell(ws, row=row, column=column)
    ws._add_cell(cell)
    cell._value = cell.check_string(value)
    cell.data_type = "s"
    return cell


def _header(ws: Any, names: tuple[str, ...] | list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE4EE")
    for column, name in enumerate(names, start=1):
        cell = _text_cell(ws, 1, column, name)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="top")
    ws.freeze_panes = "A2"


def workbook_bytes(fw: Framework) -> bytes:
    """The workbook of ``fw``: Items, Overview, Glossary and the hidden Export sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.styles.cell_style import StyleArray
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    items = wb.active
    items.title = ITEMS_SHEET
    _header(items, COLUMNS)
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    quiet = Font(color="888888", size=8)
    rows = item_rows(fw)
    # Setting a style on a cell makes openpyxl hash the style object and look it up in
    # the workbook's list of styles; a column's cells all look alike, so its first cell
    # is styled that way and the others get a copy of its style indices (the same ids
    # the lookup would give, hence the same file).
    styles: list[Any] = []
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row.values(), start=1):
            cell = _text_cell(items, r, c, value)
            if r > 2:
                cell._style = StyleArray(styles[c - 1])
                continue
            name = COLUMNS[c - 1]
            cell.alignment = wrap if name == "Text" else top
            if name in _QUIET:
                cell.font = quiet
            styles.append(cell._style)
    for c, name in enumerate(COLUMNS, start=1):
        items.column_dimensions[get_column_letter(c)].width = _WIDTHS[name]
    items.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"

    _overview(wb.create_sheet(OVERVIEW_SHEET), fw, wrap)
    glossary = wb.create_sheet(GLOSSARY_SHEET)
    _header(glossary, ["Term", "Expansion"])
    for r, entry in enumerate(fw.glossary, start=2):
        _text_cell(glossary, r, 1, entry.term)
        _text_cell(glossary, r, 2, entry.expansion or "").alignment = wrap
    glossary.column_dimensions["A"].width = 14
    glossary.column_dimensions["B"].width = 60

    export = wb.create_sheet(EXPORT_SHEET)
    export.sheet_state = "hidden"
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
                _text_cell(export, r, c, value)

    # the same input gives the same bytes: the framework's date (as every handout has
    # it), and zip entries dated alike; openpyxl's save() would stamp the time of saving
    from openpyxl.writer.excel import ExcelWriter

    from exporters.dates import source_date

    when = source_date(fw.file).replace(tzinfo=None)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = fw.owner.team
    wb.properties.title = fw.title[:255]
    raw = io.BytesIO()
    # stored, not compressed: _stable_zip compresses every entry once, as it is written
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(wb, archive).save()
    return _stable_zip(raw.getvalue())


def _overview(ws: Any, fw: Framework, wrap: Any) -> None:
    """Roles across, competencies down, each cell the role's behaviors in that competency."""
    from openpyxl.utils import get_column_letter

    roles = list(fw.roles())
    _header(ws, ["Competency", *(r.title for r in roles)])
    used = [c for c in fw.competencies if any(r.section(c.id) for r in roles)]
    for r, comp in enumerate(used, start=2):
        _text_cell(ws, r, 1, comp.name).alignment = wrap
        for c, role in enumerate(roles, start=2):
            section = role.section(comp.id)
            lines = [b.text for b in section.behaviors] if section else []
            if section and section.description:
                lines.insert(0, section.description)
            _text_cell(ws, r, c, "\n".join(f"• {line}" for line in lines)).alignment = wrap
    ws.column_dimensions["A"].width = 24
    for c in range(2, len(roles) + 2):
        ws.column_dimensions[get_column_letter(c)].width = 40


def _stable_zip(data: bytes) -> bytes:
    """``data`` (a zip) again with every entry dated alike, so equal content is equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, _ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info))
    return out.getvalue()


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
