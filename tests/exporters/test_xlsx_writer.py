"""The workbook written as XML has the bytes openpyxl gave it, and reads back the same.

``openpyxl_workbook`` keeps the openpyxl code the exporter used before; every case
compares the two byte for byte: the canonical frameworks, frameworks of the benchmark
corpus, and made-up ones with the text that escaping, white space and length rules
treat specially.
"""

from __future__ import annotations

import io
import json
import textwrap
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exporters import xlsx_writer as xw
from exporters.errors import ExportError
from exporters.spreadsheet import _workbook_bytes, workbook_bytes
from pdp_lint.model.framework import Framework
from tests.exporters.handout_helpers import CANONICAL, load, load_yaml
from tests.exporters.openpyxl_workbook import workbook_bytes as openpyxl_bytes

WHEN = datetime(2023, 11, 14, 22, 13, 20)


def _same(fw: Framework) -> bytes:
    ours = _workbook_bytes(fw, WHEN)
    assert ours == openpyxl_bytes(fw, WHEN)
    return ours


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.stem)
def test_a_canonical_workbook_has_openpyxls_bytes(path: Path) -> None:
    _same(load(path))


def _framework(
    *,
    title: str = "Demo PDP",
    team: str = "Demo Team",
    texts: list[str] | None = None,
    glossary: str = "",
    roles: int = 1,
) -> Framework:
    behaviors = "".join(
        f"""
              - id: b{n}
                text: {json.dumps(text, ensure_ascii=False)}"""
        for n, text in enumerate(texts or ["Learns the product."])
    )
    role_list = "".join(
        f"""
      - id: role-{n}
        title: Role {n}
        summary: Knows things.
        competencies:
          - competency: knowledge
            behaviors:{behaviors}"""
        for n in range(roles)
    )
    return load_yaml(
        textwrap.dedent(
            f"""\
            id: demo
            title: {json.dumps(title, ensure_ascii=False)}
            owner:
              team: {json.dumps(team, ensure_ascii=False)}
            locale: en-US
            version: "1.0"
            status: draft
            """
        )
        + glossary
        + f"""competencies:
  - id: knowledge
    name: Knowledge
tracks:
  - id: professional
    name: Professional Path
    status: available
    roles:{role_list}
"""
    )


TRICKY = [
    "Tom & Jerry <b>bold</b> > less \"quoted\" 'single'",
    "  leading spaces",
    "trailing tab\t",
    "a line\nand another\r\nand a carriage\rreturn",
    "naïve café — “quotes” • bullets € ✓",
    "astral \U0001f642 and \U0001d518\U0001d52b\U0001d526",
    "\u00a0no-break space around\u00a0",
    "=SUM(A1:A2)",
    "x" * 30_000,  # nearly as long as a cell holds (32,767)
]


def test_text_that_escapes_and_keeps_white_space_has_openpyxls_bytes() -> None:
    data = _same(_framework(texts=TRICKY, title="R&D <PDP> “2024”", team="R&D — ünits"))
    book = load_workbook(io.BytesIO(data))
    texts = [row[7] for row in book["Items"].iter_rows(min_row=2, values_only=True)]
    for text in TRICKY:
        expected = text.replace("\r\n", "\n").replace("\r", "\n")
        assert any(
            (t or "").replace("\r\n", "\n").replace("\r", "\n") == expected for t in texts
        ), text[:40]


def test_a_text_longer_than_a_cell_holds_is_refused_not_cut() -> None:
    """Cut at 32,767 characters (as openpyxl cuts), the text came back from an unedited
    workbook as an edit: `import` then shortened the framework's YAML."""
    fw = _framework(texts=["Writes clear notes for the team. " * 1_300])
    with pytest.raises(ExportError) as refused:
        workbook_bytes(fw)
    assert refused.value.message == (
        f"{fw.file.as_posix()}: a workbook cell holds at most 32,767 characters, and a text "
        "has 42,900 characters (it starts 'Writes clear notes for the team. Writes clear "
        "notes for the '); shorten it and export again"
    )


def test_many_roles_need_columns_past_z() -> None:
    fw = _framework(roles=30)
    data = _same(fw)
    assert load_workbook(io.BytesIO(data))["Overview"].max_column == 31


def test_a_glossary_and_empty_expansions_have_openpyxls_bytes() -> None:
    glossary = """glossary:
  - term: PDP
    expansion: professional development path
  - term: KE
"""
    _same(_framework(glossary=glossary))


def test_column_letters() -> None:
    assert [xw.column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_a_control_character_is_one_clear_error() -> None:
    fw = _framework(texts=["rings\x07 a bell"])
    with pytest.raises(ExportError) as caught:
        workbook_bytes(fw)
    assert "U+0007" in caught.value.message
    assert "TX07" in caught.value.message


def test_writing_a_workbook_does_not_load_openpyxl() -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys\n"
        "from exporters.spreadsheet import workbook_bytes\n"
        "from tests.exporters.handout_helpers import CANONICAL, load\n"
        "workbook_bytes(load(CANONICAL[0]))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
