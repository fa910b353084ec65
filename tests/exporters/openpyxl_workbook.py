"""The workbook as openpyxl 3.1.5 built it, kept to check exporters.xlsx_writer against.

This is the code the exporter used before it wrote the workbook's XML itself; the
tests compare the two writers' bytes on real and made-up frameworks.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from exporters.spreadsheet import (
    _QUIET,
    _WIDTHS,
    COLUMNS,
    EXPORT_SHEET,
    GLOSSARY_SHEET,
    ITEMS_SHEET,
    LAYOUT,
    OVERVIEW_SHEET,
    item_rows,
)
from pdp_lint.model.framework import Framework

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


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


def workbook_bytes(fw: Framework, when: datetime) -> bytes:
    """The workbook of ``fw`` as openpyxl writes it, dated ``when`` (naive UTC)."""
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
