"""`pdp-lint export --format xlsx / csv`: every item, laid out for people, never a formula."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporters.spreadsheet import (
    COLUMNS,
    CsvSpreadsheet,
    XlsxSpreadsheet,
    csv_bytes,
    item_rows,
    text_hash,
    workbook_bytes,
)
from tests.exporters.handout_helpers import CANONICAL, load, load_yaml

INJECTION = "=cmd|' /C calc'!A0"
DEMO = f"""\
id: demo
title: Demo PDP
owner:
  team: Demo Team
locale: en-US
version: "1.0"
status: draft
glossary:
  - term: PDP
    expansion: professional development path
competencies:
  - id: knowledge
    name: Knowledge
    definition: Knowing the product.
tracks:
  - id: professional
    name: Professional Path
    status: available
    roles:
      - id: expert
        title: Expert
        summary: Knows things.
        competencies:
          - competency: knowledge
            behaviors:
              - id: learns
                text: Learns the product.
              - id: formula
                text: "{INJECTION}"
              - id: plus
                text: "+1 for the team, @channel and -dash"
"""


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.stem)
def test_the_items_sheet_has_a_row_for_every_text_of_the_framework(path: Path):
    fw = load(path)
    ws = _book(workbook_bytes(fw))["Items"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    texts = [t.value for t in fw.texts()]
    assert [r[COLUMNS.index("Text")] for r in rows] == texts
    assert [r[COLUMNS.index("Kind")] for r in rows] == [t.kind for t in fw.texts()]
    ids = [r[COLUMNS.index("Id")] for r in rows]
    assert len(set(ids)) == len(ids), "every row has its own id"


def test_a_row_says_where_its_item_is_and_carries_the_hash_of_its_text():
    fw = load_yaml(DEMO)
    rows = {r.id: r for r in item_rows(fw)}
    learns = rows["tracks/professional/roles/expert/competencies/knowledge/behaviors/learns#text"]
    assert (learns.framework, learns.track, learns.role, learns.competency) == (
        "demo",
        "professional",
        "expert",
        "knowledge",
    )
    assert learns.kind == "behavior" and learns.text == "Learns the product."
    assert learns.hash == text_hash("Learns the product.")
    assert rows["competencies/knowledge#definition"].kind == "definition"


def test_the_workbook_is_laid_out_for_people():
    wb = _book(workbook_bytes(load_yaml(DEMO)))
    assert wb.sheetnames == ["Items", "Overview", "Glossary", "Export"]
    items = wb["Items"]
    assert [c.value for c in items[1]] == list(COLUMNS)
    assert items.freeze_panes == "A2"
    assert items.auto_filter.ref == f"A1:J{items.max_row}"
    text = COLUMNS.index("Text") + 1
    assert items.cell(row=2, column=text).alignment.wrap_text
    assert items.column_dimensions["H"].width >= 60
    quiet = items.cell(row=2, column=COLUMNS.index("Id") + 1).font
    assert quiet.color.rgb.endswith("888888") and quiet.sz < 11
    assert wb["Export"].sheet_state == "hidden"
    overview = wb["Overview"]
    assert overview["B1"].value == "Expert"
    assert overview["A2"].value == "Knowledge" and "Learns the product." in overview["B2"].value
    assert [c.value for c in wb["Glossary"][2]] == ["PDP", "professional development path"]


def test_text_that_looks_like_a_formula_is_written_as_text():
    data = workbook_bytes(load_yaml(DEMO))
    ws = _book(data)["Items"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == INJECTION]
    assert cells and all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet, "no cell of the workbook is a formula"


def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe():
    rows = list(csv.reader(io.StringIO(csv_bytes(load_yaml(DEMO)).decode("utf-8-sig"))))
    assert rows[0] == list(COLUMNS)
    texts = [r[COLUMNS.index("Text")] for r in rows[1:]]
    assert "'" + INJECTION in texts
    assert "'+1 for the team, @channel and -dash" in texts
    assert "Learns the product." in texts


@pytest.mark.parametrize("cls", [XlsxSpreadsheet, CsvSpreadsheet])
def test_the_same_framework_gives_the_same_bytes(cls: type):
    fw = load(CANONICAL[0])
    first = cls().outputs(fw)[0]
    second = cls().outputs(fw)[0]
    assert first.name == f"{fw.id}{cls.suffix}"
    assert first.render() == second.render()


def test_the_csv_file_has_every_row_of_the_workbook():
    fw = load(CANONICAL[0])
    rows = list(csv.reader(io.StringIO(csv_bytes(fw).decode("utf-8-sig"))))
    ws = _book(workbook_bytes(fw))["Items"]
    assert len(rows) == ws.max_row
    assert rows[1:] == [
        [("'" + v if v.startswith(("=", "+", "-", "@")) else v) for v in r.values()]
        for r in item_rows(fw)
    ]


def test_export_writes_spreadsheets_from_the_command_line(tmp_path: Path):
    from click.testing import CliRunner

    from exporters.commands import export

    src = CANONICAL[0]
    result = CliRunner().invoke(
        export, [str(src), "--format", "xlsx", "--format", "csv", "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    name = load(src).id
    assert sorted(p.name for p in (tmp_path / "out" / name).iterdir()) == [
        f"{name}.csv",
        f"{name}.xlsx",
    ]
