"""`pdp-lint import`: a workbook's edits come back into the YAML, and nothing else changes."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from exporters.importing import import_command, import_into, scalar
from exporters.spreadsheet import COLUMNS, workbook_bytes
from exporters.workbook import read_workbook
from pdp_lint.load.document import Document
from pdp_lint.load.loader import load_file
from tests.exporters.handout_helpers import CANONICAL

ROOT = Path(__file__).resolve().parents[2]

DEMO = """\
id: demo
title: Demo PDP
owner:
  team: Demo Team
locale: en-US
version: "1.0"
status: draft
competencies:
  - id: knowledge
    name: Knowledge
  - id: teamwork
    name: Teamwork
tracks:
  - id: professional
    name: Professional Path
    status: available
    roles:
      - id: expert
        title: Expert
        summary: Knows things.  # a comment that stays
        competencies:
          - competency: knowledge
            behaviors:
              - id: learns
                text: Learns the product.
                examples:
                  - id: training
                    text: 'Attends training: weekly'
              # about sharing
              - id: shares
                text: "Shares what they learn \\u2014 openly"
          - competency: teamwork
            behaviors:
              - id: helps
                text: |
                  Helps colleagues.
      - id: senior-expert
        title: Senior Expert
        builds_on: expert
        competencies:
          - competency: knowledge
            behaviors:
              - id: teaches
                text: Teaches the product.
          - competency: teamwork
            behaviors:
              - id: mentors
                text: Mentors new colleagues.
"""

BEHAVIORS = "tracks/professional/roles/{role}/competencies/{comp}/behaviors/{id}"


def key(role: str, comp: str, ident: str, field: str = "text") -> str:
    return BEHAVIORS.format(role=role, comp=comp, id=ident) + f"#{field}"


class Sheet:
    """The Items sheet of a workbook, by row id and column name."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.col = {c.value: c.column for c in ws[1]}

    def row(self, ident: str) -> int:
        for r in range(2, self.ws.max_row + 1):
            if self.ws.cell(row=r, column=self.col["Id"]).value == ident:
                return r
        raise KeyError(ident)

    def set(self, ident: str, column: str, value: Any) -> None:
        self.ws.cell(row=self.row(ident), column=self.col[column]).value = value

    def append(self, **values: str) -> int:
        r = self.ws.max_row + 1
        for column, value in values.items():
            self.ws.cell(row=r, column=self.col[column]).value = value
        return r

    def delete(self, ident: str) -> None:
        self.ws.delete_rows(self.row(ident))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "demo.yaml").write_text(DEMO, encoding="utf-8")
    return tmp_path


def export(project: Path) -> Path:
    fw = load_file(project / "frameworks" / "demo.yaml").framework
    assert fw is not None
    book = project / "demo.xlsx"
    book.write_bytes(workbook_bytes(fw))
    return book


def edit(book: Path, change: Callable[[Sheet], None]) -> Path:
    wb = load_workbook(book)
    change(Sheet(wb["Items"]))
    wb.save(book)
    return book


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(import_command, [str(a) for a in args])


def yaml(project: Path) -> str:
    return (project / "frameworks" / "demo.yaml").read_text(encoding="utf-8")


# --- round trips ---------------------------------------------------------------------


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.stem)
def test_export_then_import_without_an_edit_changes_nothing(path: Path, tmp_path: Path):
    loaded = load_file(path)
    assert loaded.framework is not None and loaded.source is not None
    book = tmp_path / "book.xlsx"
    book.write_bytes(workbook_bytes(loaded.framework))
    outcome = import_into(read_workbook(book), Document(loaded.framework, loaded.source))
    assert not outcome.changed and not outcome.conflicts
    assert outcome.new_text == path.read_text(encoding="utf-8")


def test_the_command_says_there_is_nothing_to_import(project: Path):
    before = yaml(project)
    result = run(export(project))
    assert result.exit_code == 0, result.output
    assert "nothing to import" in result.output
    assert yaml(project) == before


# --- each kind of edit --------------------------------------------------------------


def test_changed_texts_are_edited_in_place_in_every_scalar_style(project: Path):
    book = edit(
        export(project),
        lambda s: (
            s.set(key("expert", "knowledge", "learns"), "Text", "Learns the whole product."),
            s.set(
                key("expert", "knowledge", "learns").replace("#text", "/examples/training#text"),
                "Text",
                "Attends training: monthly",
            ),
            s.set(key("expert", "knowledge", "shares"), "Text", "Shares what they learn — widely"),
            s.set(key("expert", "teamwork", "helps"), "Text", "Helps colleagues: daily."),
            s.set("tracks/professional/roles/expert#summary", "Text", "Knows many things."),
        ),
    )
    result = run(book)
    assert result.exit_code == 0, result.output
    assert "5 texts changed" in result.output
    want = (
        DEMO.replace("Learns the product.", "Learns the whole product.")
        .replace("'Attends training: weekly'", "'Attends training: monthly'")
        .replace("learn \\u2014 openly", "learn \\u2014 widely")
        .replace(
            "text: |\n                  Helps colleagues.",
            'text: "Helps colleagues: daily."',
        )
        .replace("summary: Knows things.  # a", "summary: Knows many things.  # a")
    )
    assert yaml(project) == want


def test_new_rows_become_behaviors_and_examples_with_ids_from_their_text(project: Path):
    def change(s: Sheet) -> None:
        s.append(
            Framework="demo",
            Role="expert",
            Competency="knowledge",
            Kind="behavior",
            Text="Writes clear release notes: every week",
        )
        s.append(
            Role="expert",
            Competency="knowledge",
            Behavior="shares",
            Kind="example",
            Text="Demo days",
        )
        s.append(Role="senior-expert", Competency="teamwork", Kind="example", Text="Buddy program")

    result = run(edit(export(project), change))
    assert result.exit_code == 0, result.output
    assert "2 examples added" in result.output and "1 behavior added" in result.output
    text = yaml(project)
    assert (
        '                text: "Shares what they learn \\u2014 openly"\n'
        "                examples:\n"
        "                  - id: demo-days\n"
        "                    text: Demo days\n"
        "              - id: writes-clear-release-notes\n"
        '                text: "Writes clear release notes: every week"\n'
    ) in text
    assert text.endswith(
        "                text: Mentors new colleagues.\n"
        "            examples:\n"
        "              - id: buddy-program\n"
        "                text: Buddy program\n"
    )
    assert "new behavior writes-clear-release-notes" in result.output


def test_new_rows_imported_again_are_not_added_a_second_time(project: Path):
    def change(s: Sheet) -> None:
        s.append(Role="expert", Competency="knowledge", Kind="behavior", Text="Writes notes.")
        s.append(Role="expert", Competency="knowledge", Kind="behavior", Text="Reads notes.")
        s.append(
            Role="expert", Competency="knowledge", Behavior="shares", Kind="example", Text="Demos"
        )
        s.append(Role="senior-expert", Competency="teamwork", Kind="example", Text="Buddies")

    book = edit(export(project), change)
    first = run(book)
    assert first.exit_code == 0, first.output
    assert "2 behaviors added" in first.output and "2 examples added" in first.output
    text = yaml(project)
    # the same workbook again: each new row is the item the first import added (it was
    # offered again, and refused as a duplicate behavior, exit 1)
    again = run(book)
    assert again.exit_code == 0, again.output
    assert "nothing to import" in again.output
    assert yaml(project) == text
    # a row typed once more, with the text of an item the export had, is still new
    edit(
        book,
        lambda s: s.append(
            Role="expert", Competency="knowledge", Kind="behavior", Text="Learns the product."
        ),
    )
    third = run(book)
    assert third.exit_code != 0 and "nothing to import" not in third.output
    assert yaml(project) == text


def test_a_deleted_row_removes_its_behavior_with_its_examples(project: Path):
    ident = key("expert", "knowledge", "learns")
    book = edit(
        export(project),
        lambda s: (s.delete(ident), s.delete(ident.replace("#text", "/examples/training#text"))),
    )
    result = run(book)
    assert result.exit_code == 0, result.output
    assert "1 behavior removed" in result.output
    start = DEMO.index("              - id: learns")
    end = DEMO.index("              # about sharing")
    assert yaml(project) == DEMO[:start] + DEMO[end:]


def test_a_row_moved_to_another_competency_and_role_moves_the_item(project: Path):
    learns = key("expert", "knowledge", "learns")

    def change(s: Sheet) -> None:
        s.set(learns, "Competency", "teamwork")
        s.set(learns.replace("#text", "/examples/training#text"), "Competency", "teamwork")
        s.set(key("expert", "teamwork", "helps"), "Role", "senior-expert")

    book = edit(export(project), change)
    result = run(book)
    assert result.exit_code == 0, result.output
    assert "2 behaviors moved" in result.output
    text = yaml(project)
    # the same workbook again: the moves are made (a "removed from the YAML" conflict,
    # exit 1, before)
    again = run(book)
    assert again.exit_code == 0, again.output
    assert "nothing to import" in again.output
    assert yaml(project) == text
    fw = load_file(project / "frameworks" / "demo.yaml").framework
    assert fw is not None
    expert, senior = fw.role("expert"), fw.role("senior-expert")
    assert expert is not None and senior is not None
    sections = {
        (r.id, s.competency): [b.id for b in s.behaviors]
        for r in (expert, senior)
        for s in r.sections
    }
    assert sections == {
        ("expert", "knowledge"): ["shares"],
        ("expert", "teamwork"): ["learns"],
        ("senior-expert", "knowledge"): ["teaches"],
        ("senior-expert", "teamwork"): ["helps", "mentors"],
    }
    assert [e.id for e in expert.section("teamwork").behaviors[0].examples] == ["training"]  # type: ignore[union-attr]
    assert "'Attends training: weekly'" in text, "the moved item keeps its quoting"
    assert "              # about sharing\n              - id: shares" in text
    assert "text: |\n                  Helps colleagues." in text, "block scalars move whole"


def test_a_moved_item_takes_the_comment_lines_above_it(project: Path):
    """Only its trailing comments moved: "# about sharing" stayed behind, above the item
    that came next."""
    shares = key("expert", "knowledge", "shares")
    result = run(edit(export(project), lambda s: s.set(shares, "Competency", "teamwork")))
    assert result.exit_code == 0, result.output
    text = yaml(project)
    assert text.count("# about sharing") == 1
    at = text.index("# about sharing")
    assert text[at:].split("\n")[1].strip() == "- id: shares", text[at - 200 : at + 200]
    assert text.index("- competency: teamwork") < at, "moved to teamwork with its item"


def test_a_comment_between_a_list_and_its_first_item_stays_with_the_list(project: Path):
    path = project / "frameworks" / "demo.yaml"
    first = "            behaviors:\n              - id: learns\n"
    text = path.read_text("utf-8")
    assert text.count(first) == 1
    path.write_text(
        text.replace(first, first.replace("\n  ", "\n              # agreed with HR\n  ", 1)),
        encoding="utf-8",
    )
    learns = key("expert", "knowledge", "learns")
    result = run(edit(export(project), lambda s: s.set(learns, "Competency", "teamwork")))
    assert result.exit_code == 0, result.output
    # still above the knowledge section's items, now `shares` (with its own comment)
    assert "# agreed with HR\n              # about sharing\n              - id: shares" in (
        yaml(project)
    )


def test_moving_the_only_example_away_removes_its_empty_list(project: Path):
    training = key("expert", "knowledge", "learns").replace("#text", "/examples/training#text")
    result = run(edit(export(project), lambda s: s.set(training, "Behavior", "shares")))
    assert result.exit_code == 0, result.output
    text = yaml(project)
    assert text == DEMO.replace(
        "                examples:\n"
        "                  - id: training\n"
        "                    text: 'Attends training: weekly'\n",
        "",
    ).replace(
        '                text: "Shares what they learn \\u2014 openly"\n',
        '                text: "Shares what they learn \\u2014 openly"\n'
        "                examples:\n"
        "                  - id: training\n"
        "                    text: 'Attends training: weekly'\n",
    )


def test_moving_a_sections_last_behavior_away_is_refused_and_writes_nothing(project: Path):
    book = edit(
        export(project),
        lambda s: s.set(key("senior-expert", "teamwork", "mentors"), "Role", "expert"),
    )
    result = run(book)
    assert result.exit_code == 2
    assert "would not load" in result.output and "has no `behaviors`" in result.output
    assert yaml(project) == DEMO


def test_a_text_changed_in_both_places_is_a_conflict_and_the_yaml_wins(project: Path):
    book = edit(
        export(project),
        lambda s: (
            s.set(key("expert", "knowledge", "learns"), "Text", "Learns the product well."),
            s.set(key("senior-expert", "knowledge", "teaches"), "Text", "Teaches everyone."),
        ),
    )
    path = project / "frameworks" / "demo.yaml"
    path.write_text(DEMO.replace("Learns the product.", "Learns the products."), "utf-8")
    result = run(book)
    assert result.exit_code == 1
    assert "Items!H" in result.output and "conflict" in result.output
    assert "workbook: Learns the product well." in result.output
    assert "yaml (line 25): Learns the products." in result.output
    text = yaml(project)
    assert "Learns the products." in text, "the YAML's text is kept"
    assert "Teaches everyone." in text, "the edit without a conflict is applied"


def test_a_row_deleted_after_its_item_changed_in_the_yaml_is_a_conflict(project: Path):
    book = edit(export(project), lambda s: s.delete(key("senior-expert", "teamwork", "mentors")))
    path = project / "frameworks" / "demo.yaml"
    changed = DEMO.replace("Mentors new colleagues.", "Mentors new and old colleagues.")
    path.write_text(changed, "utf-8")
    result = run(book)
    assert result.exit_code == 1
    assert "deleted in the workbook but changed in the YAML" in result.output
    assert yaml(project) == changed


def test_diff_shows_the_change_and_writes_nothing(project: Path):
    book = edit(
        export(project),
        lambda s: s.set(key("expert", "knowledge", "learns"), "Text", "Learns it all."),
    )
    result = run(book, "--diff")
    assert result.exit_code == 0, result.output
    assert "-                text: Learns the product.\n" in result.output
    assert "+                text: Learns it all.\n" in result.output
    assert yaml(project) == DEMO


def test_an_edit_that_would_give_lint_errors_writes_nothing(project: Path):
    book = edit(
        export(project),
        lambda s: s.set(key("expert", "knowledge", "shares"), "Text", "Learns the product."),
    )
    result = run(book)
    assert result.exit_code == 1
    assert "would give the framework lint errors; nothing was written" in result.output
    assert "DU01" in result.output
    assert yaml(project) == DEMO


# --- bad workbooks ---------------------------------------------------------------------


def _formula(s: Sheet) -> None:
    s.set(key("expert", "knowledge", "learns"), "Text", '=HYPERLINK("http://x")')


def _error_value(s: Sheet) -> None:
    cell = s.ws.cell(row=s.row(key("expert", "knowledge", "learns")), column=s.col["Text"])
    cell.value = "#REF!"
    cell.data_type = "e"


def _renamed(s: Sheet) -> None:
    s.ws.cell(row=1, column=s.col["Role"]).value = "Roles"


def _unknown(s: Sheet) -> None:
    s.set(key("expert", "knowledge", "learns"), "Id", "roles/nobody#text")


BAD = {
    "formula": (_formula, "Items!H", "holds a formula"),
    "error value": (_error_value, "Items!H", "holds the error value #REF!"),
    "renamed column": (
        _renamed,
        "Items!C1",
        "the column 'Role' is missing (the cell holds 'Roles')",
    ),
    "unknown id": (_unknown, "Items!I", "unknown id 'roles/nobody#text'"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_cell_is_one_line_naming_the_sheet_and_cell_and_changes_nothing(
    project: Path, case: str
):
    change, where, what = BAD[case]
    result = run(edit(export(project), change))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, lines
    assert where in lines[0] and what in lines[0]
    assert "Traceback" not in result.output
    assert yaml(project) == DEMO


def test_a_file_that_is_not_a_workbook_is_one_line(project: Path):
    fake = project / "notes.xlsx"
    fake.write_text("just text", "utf-8")
    result = run(fake)
    assert result.exit_code == 2
    assert "not an Excel workbook (.xlsx)" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_csv_export_is_refused_with_what_to_use_instead(project: Path):
    csv = project / "demo.csv"
    csv.write_text("Framework\n", "utf-8")
    result = run(csv)
    assert result.exit_code == 2
    assert "import reads the Excel workbook" in result.output


def test_a_workbook_without_its_export_sheet_is_refused(project: Path):
    book = export(project)
    wb = load_workbook(book)
    del wb["Export"]
    wb.save(book)
    result = run(book)
    assert result.exit_code == 2
    assert "no sheet named 'Export'" in result.output


MIB = 1024 * 1024


def _deflated_zeros(mebibytes: int) -> bytes:
    """The raw deflate stream of ``mebibytes`` MiB of zero bytes that zlib makes with a
    full flush after each MiB: each MiB is the same kilobyte, so one is compressed."""
    zeros = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = zeros.compress(bytes(MIB)) + zeros.flush(zlib.Z_FULL_FLUSH)
    return block * mebibytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush()


class _Compressed:
    """zipfile's compressor for a part whose deflate stream is made beforehand: zipfile
    still counts the part's data (its size and CRC) as it is written."""

    def __init__(self, stream: bytes) -> None:
        self.stream = stream

    def compress(self, data: bytes) -> bytes:
        return b""

    def flush(self) -> bytes:
        return self.stream


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    project: Path, monkeypatch: pytest.MonkeyPatch
):
    book = export(project)
    bomb = project / "bomb.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        # 200 MiB of zeros deflated to 200 KiB (compressing them took a second): the
        # stream is sound, as a smaller one of the same making shows
        assert zlib.decompress(_deflated_zeros(3), -15) == bytes(3 * MIB)
        stream = _deflated_zeros(200)
        part = zipfile.ZipInfo("xl/media/image1.png")
        part.compress_type = zipfile.ZIP_DEFLATED
        with monkeypatch.context() as patched:
            patched.setattr(zipfile, "_get_compressor", lambda *_: _Compressed(stream))
            with dst.open(part, "w") as image:
                for _ in range(200):
                    image.write(bytes(MIB))
    with zipfile.ZipFile(bomb) as made:
        unpacked = made.getinfo("xl/media/image1.png")
        assert (unpacked.file_size, unpacked.compress_size) == (200 * MIB, len(stream))
    result = run(bomb)
    assert result.exit_code == 2
    assert "zip bomb" in result.output or "more than a framework's workbook" in result.output


# --- scalars --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Plain words.",
        "yes",
        "1.0",
        "a: b",
        "# not a comment",
        "- dash",
        "two  spaces",
        "é ✓",
        "=1+1",
    ],
)
def test_a_new_text_reads_back_as_typed(text: str):
    from ruamel.yaml import YAML

    assert YAML(typ="safe").load(f"text: {scalar(text)}\n") == {"text": text}


@pytest.mark.parametrize(
    ("number", "text"),
    [(2024, "2024"), (2024.0, "2024"), (1.5, "1.5"), (0.1 + 0.2, "0.3"), (1e300, "1E+300")],
)
def test_a_number_in_a_cell_reads_as_a_spreadsheet_shows_it(number: float, text: str):
    """A cell of 1E+300 was imported as its 301 digits, a sum's 0.30000000000000004 as
    such."""
    from types import SimpleNamespace

    from exporters.workbook import _cell_text

    problems: list[str] = []
    cell = SimpleNamespace(value=number, data_type="n")
    assert (_cell_text(cell, "Items!H3", problems), problems) == (text, [])


# --- a workbook saved by LibreOffice ---------------------------------------------------


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice, installed by scripts/ensure-libreoffice when it is missing."""
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "ensure-libreoffice")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = shutil.which("soffice") or "/usr/bin/soffice"
    return found


def _convert(soffice: str, src: Path, fmt: str, out: Path, profile: Path) -> Path:
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "HOME": str(profile)},
    )
    made = out / f"{src.stem}.{fmt.split(':')[0]}"
    assert done.returncode == 0 and made.exists(), done.stdout + done.stderr
    return made


def _edit_cell_text(book: Path, old: str, new: str) -> None:
    """Change the one cell of ``book`` whose text is ``old`` to ``new``, in the part that
    holds it; every other part keeps its bytes."""
    with zipfile.ZipFile(book) as src:
        parts = [(info, src.read(info)) for info in src.infolist()]
    cell = f"<t>{old}</t>".encode()
    assert sum(data.count(cell) for _, data in parts) == 1
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in parts:
            dst.writestr(info, data.replace(cell, f"<t>{new}</t>".encode()))


def test_a_workbook_edited_in_libreoffice_comes_back_as_the_expected_yaml(
    project: Path, soffice: str
):
    """The exported workbook, with a cell edited, opened and saved as .xlsx by
    LibreOffice Calc (one start of soffice): what import reads is LibreOffice's own
    workbook, as after a person's edit there."""
    book = export(project)
    profile = project / "lo-profile"
    _edit_cell_text(book, "Learns the product.", "Learns the product in depth.")
    again = _convert(soffice, book, "xlsx:Calc MS Excel 2007 XML", project / "again", profile)
    with zipfile.ZipFile(again) as saved:
        assert b"<Application>LibreOffice" in saved.read("docProps/app.xml")
    result = run(again)
    assert result.exit_code == 0, result.output
    assert "1 text changed" in result.output
    assert yaml(project) == DEMO.replace("Learns the product.", "Learns the product in depth.")


def test_the_items_columns_are_the_exported_ones():
    wb = load_workbook(io.BytesIO(workbook_bytes(load_file(CANONICAL[0]).framework)))  # type: ignore[arg-type]
    assert [c.value for c in wb["Items"][1]] == list(COLUMNS)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ],
    ids=["external entity", "entity expansion"],
)
def test_a_workbook_with_entities_is_refused_in_one_line(project: Path, doctype: str):
    book = export(project)
    hostile = project / "hostile.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(hostile, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, _, rest = data.decode().partition("?>")
                data = (head + "?>" + doctype + rest).encode()
            dst.writestr(info, data)
    result = run(hostile)
    assert result.exit_code == 2
    assert "not a workbook this import can read" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "root:" not in result.output
    assert yaml(project) == DEMO
