"""Reading a framework's workbook back: the rows of its Items sheet, checked cell by cell.

A workbook is data. It is opened only after its zip has been measured (a zip bomb is
refused before anything is unpacked), its XML is parsed by openpyxl through defusedxml
(entities and DTDs refused), and a cell holding a formula or an error value is refused,
never evaluated. Every problem is one line naming the sheet and the cell.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exporters.spreadsheet import (
    COLUMNS,
    EXPORT_SHEET,
    ITEMS_SHEET,
    LAYOUT,
)

#: what a workbook may unpack to, in all, and how many parts it may have
MAX_UNPACKED = 64 * 1024 * 1024
MAX_PARTS = 2_000
#: how much more a part may be than its compressed size (spreadsheet XML compresses well)
MAX_RATIO = 400


class WorkbookError(Exception):
    """A workbook that cannot be imported; ``lines`` say why, one problem a line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One non-empty row of the Items sheet, by column name, and where it is."""

    number: int
    values: dict[str, str]
    #: column name -> column letter, to name cells in messages
    letters: dict[str, str]

    def cell(self, column: str) -> str:
        return f"{ITEMS_SHEET}!{self.letters[column]}{self.number}"

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(slots=True)
class WorkbookData:
    """What the import needs of a workbook."""

    path: Path
    framework: str
    #: the framework file as named at export
    file: str
    rows: list[SheetRow] = field(default_factory=list)
    #: the id and hash of every item the export wrote, in order
    exported: dict[str, str] = field(default_factory=dict)


def _check_zip(path: Path) -> None:
    """Refuse what is not a zip, or would unpack to too much, before openpyxl reads it."""
    name = path.as_posix()
    if path.suffix.lower() == ".csv":
        raise WorkbookError(
            [
                f"{name}: import reads the Excel workbook (.xlsx) written by `pdp-lint export "
                "--format xlsx`; the CSV export is for HR systems and has no record of what "
                "was exported"
            ]
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = 0
            for info in infos:
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > 1024 * 1024 and ratio > MAX_RATIO:
                    raise WorkbookError(
                        [
                            f"{name}: the part {info.filename} unpacks to {info.file_size:,} "
                            f"bytes, {ratio:.0f} times its packed size: not a workbook this "
                            "import opens (a zip bomb?)"
                        ]
                    )
            if len(infos) > MAX_PARTS or total > MAX_UNPACKED:
                raise WorkbookError(
                    [
                        f"{name}: the workbook unpacks to {total:,} bytes in {len(infos)} "
                        f"parts, more than a framework's workbook ({MAX_UNPACKED:,} bytes, "
                        f"{MAX_PARTS} parts)"
                    ]
                )
            bad = archive.testzip()
            if bad is not None:
                raise WorkbookError([f"{name}: the workbook is damaged (part {bad} is corrupt)"])
    except zipfile.BadZipFile as exc:
        raise WorkbookError(
            [
                f"{name}: not an Excel workbook (.xlsx): {exc}; export one with "
                "`pdp-lint export --format xlsx`"
            ]
        ) from None
    except OSError as exc:
        raise WorkbookError([f"{name}: cannot read the workbook: {exc.strerror or exc}"]) from None


def _open(path: Path) -> Any:
    _check_zip(path)
    # openpyxl parses with defusedxml when it is installed (a dependency of ours) unless
    # this says otherwise: make sure it does not
    os.environ["OPENPYXL_DEFUSEDXML"] = "True"
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(path, read_only=False, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise WorkbookError(
            [f"{path.as_posix()}: not a workbook this import can read: {reason}"]
        ) from None


def _cell_text(cell: Any, where: str, problems: list[str]) -> str:
    """The text of a cell; formulas, error values and other non-text values are problems."""
    value = cell.value
    kind = cell.data_type
    if value is None:
        return ""
    if kind == "f" or (isinstance(value, str) and kind != "s" and value.startswith("=")):
        shown = str(value)[:40]
        problems.append(
            f"{where}: holds a formula ({shown}); type the text itself: a formula is never "
            "imported or evaluated"
        )
        return ""
    if kind == "e":
        problems.append(f"{where}: holds the error value {value}; type the text instead")
        return ""
    if isinstance(value, bool):
        problems.append(f"{where}: holds TRUE/FALSE where text is expected; type the text")
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # as a spreadsheet shows it (at most 15 significant digits): 1E+300, not its 301
        # digits; 0.3, not the 0.30000000000000004 a sum left
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15G}"
    if isinstance(value, str):
        return value
    problems.append(f"{where}: holds a {type(value).__name__} where text is expected")
    return ""


def read_workbook(path: Path) -> WorkbookData:
    """The Items rows and the export record of the workbook at ``path``."""
    from openpyxl.utils import get_column_letter

    wb = _open(path)
    name = path.as_posix()
    missing = [s for s in (ITEMS_SHEET, EXPORT_SHEET) if s not in wb.sheetnames]
    if missing:
        raise WorkbookError(
            [
                f"{name}: no sheet named {s!r}; import needs a workbook written by "
                "`pdp-lint export --format xlsx` with its sheets kept (the Export sheet is "
                "hidden)"
                for s in missing
            ]
        )
    problems: list[str] = []
    meta: dict[str, str] = {}
    exported: dict[str, str] = {}
    for row in wb[EXPORT_SHEET].iter_rows(min_row=2):
        cells = [_cell_text(c, f"{EXPORT_SHEET}!{c.coordinate}", problems) for c in row[:3]]
        cells += [""] * (3 - len(cells))
        key, value, extra = cells
        if key == "item":
            exported[value] = extra
        elif key:
            meta[key] = value
    if meta.get("layout") != str(LAYOUT) or not meta.get("framework"):
        raise WorkbookError(
            [
                f"{name}: the Export sheet is not one this version writes (layout "
                f"{meta.get('layout', 'missing')}, expected {LAYOUT}); export the workbook again"
            ]
        )

    items = wb[ITEMS_SHEET]
    header: dict[str, int] = {}
    for cell in next(items.iter_rows(min_row=1, max_row=1), ()):
        text = _cell_text(cell, f"{ITEMS_SHEET}!{cell.coordinate}", problems).strip()
        if text:
            header.setdefault(text, cell.column)
    for i, column in enumerate(COLUMNS, start=1):
        if column not in header:
            found = _cell_text(
                items.cell(row=1, column=i), f"{ITEMS_SHEET}!{get_column_letter(i)}1", []
            )
            seen = f" (the cell holds {found!r})" if found else ""
            problems.append(
                f"{ITEMS_SHEET}!{get_column_letter(i)}1: the column {column!r} is missing"
                f"{seen}; restore its header as exported"
            )
    if problems:
        raise WorkbookError([f"{name}: {p}" for p in problems])
    letters = {c: get_column_letter(header[c]) for c in COLUMNS}

    rows: list[SheetRow] = []
    for number, row in enumerate(items.iter_rows(min_row=2), start=2):
        by_column = {cell.column: cell for cell in row if hasattr(cell, "column")}
        values: dict[str, str] = {}
        for column in COLUMNS:
            cell = by_column.get(header[column])
            if cell is None:
                values[column] = ""
                continue
            values[column] = _cell_text(cell, f"{ITEMS_SHEET}!{cell.coordinate}", problems)
        if any(v.strip() for v in values.values()):
            rows.append(SheetRow(number, values, letters))
    if problems:
        raise WorkbookError([f"{name}: {p}" for p in problems])
    return WorkbookData(path, meta["framework"], meta.get("file", ""), rows, exported)
