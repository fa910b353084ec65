"""`pdp-lint export` and `pdp-lint site`: refusal, selection, determinism."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from exporters.commands import PROGRESS_FROM, _progress, export, site
from exporters.registry import FORMATS, KINDS
from tests.exporters.handout_helpers import EPOCH, FRAMEWORKS

DEMO = """\
id: demo
title: Demo PDP  # pdp-lint: disable=TX02 nothing to suppress here
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
"""
#: DEMO without its stale suppression: clean under any configuration of these tests
CLEAN = DEMO.replace("id: demo", "id: clean").replace(
    "  # pdp-lint: disable=TX02 nothing to suppress here", ""
)
#: the stale suppression above is an error under this configuration, and nothing else runs
STRICT = 'select = ["LN01", "TX02"]\nseverity = { LN01 = "error" }\n'


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)

    def invoke(command: click.Command, *args: str | Path):
        return CliRunner().invoke(command, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A framework with one lint error, in the working folder with its configuration."""
    (tmp_path / "demo.yaml").write_text(DEMO, encoding="utf-8")
    (tmp_path / "pdp-lint.toml").write_text(STRICT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return Path("demo.yaml")


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_framework_with_a_lint_error_is_refused_with_one_clear_line(run, broken, tmp_path):
    out = tmp_path / "out"
    result = run(export, broken, "--out", out)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert f"{broken.as_posix()} has 1 lint error" in lines[0]
    assert "--force" in lines[0]
    assert not out.exists()


def test_the_site_refuses_it_too(run, broken, tmp_path):
    result = run(site, broken, "--out", tmp_path / "site")
    assert result.exit_code == 1
    assert "has 1 lint error" in result.stderr
    assert not (tmp_path / "site").exists()


def test_force_exports_a_framework_with_errors_and_says_so(run, broken, tmp_path):
    out = tmp_path / "out"
    result = run(export, broken, "--out", out, "--force")
    assert result.exit_code == 0, result.output
    assert "despite 1 lint error" in result.stderr
    assert sorted(files(out)) == [
        "demo/demo.csv",
        "demo/demo.docx",
        "demo/demo.html",
        "demo/demo.xlsx",
        "demo/expert.docx",
        "demo/expert.html",
    ]


def test_a_framework_that_does_not_load_cannot_be_forced(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(DEMO.replace("status: draft", "status: maybe"), encoding="utf-8")
    result = run(export, bad, "--out", tmp_path / "out", "--force")
    assert result.exit_code == 1
    assert "cannot be exported" in result.stderr and "stop it from loading" in result.stderr


def test_kind_and_format_choose_what_is_written(run, tmp_path):
    out = tmp_path / "out"
    result = run(
        export, FRAMEWORKS / "cx-pdp.yaml", "--out", out, "--kind", "role", "--format", "docx"
    )
    assert result.exit_code == 0, result.output
    assert sorted(files(out)) == [
        "cx-pdp/customer-experience-advocate.docx",
        "cx-pdp/customer-experience-manager.docx",
    ]
    assert "Wrote 2 files" in result.stdout


def test_the_choices_come_from_the_registry():
    params = {p.name: p for p in export.params}
    assert list(params["kinds"].type.choices) == [*KINDS, "all"]  # type: ignore[attr-defined]
    assert list(params["formats"].type.choices) == [*FORMATS, "all"]  # type: ignore[attr-defined]


def test_a_template_that_is_not_a_word_document_is_a_usage_error(run, tmp_path):
    bad = tmp_path / "brand.docx"
    bad.write_text("plain text")
    result = run(export, FRAMEWORKS / "cx-pdp.yaml", "--out", tmp_path / "o", "--template", bad)
    assert result.exit_code == 2
    assert "not a Word document" in result.stderr
    assert not (tmp_path / "o").exists()


def test_two_frameworks_with_the_same_id_are_refused(run, tmp_path, monkeypatch):
    clean = DEMO.replace("  # pdp-lint: disable=TX02 nothing to suppress here", "")
    for name in ("one.yaml", "two.yaml"):
        (tmp_path / name).write_text(clean, encoding="utf-8")
    (tmp_path / "pdp-lint.toml").write_text('select = ["TX02"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(export, "one.yaml", "two.yaml", "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert "would both be written to demo/demo.docx" in result.stderr


def test_the_same_input_gives_byte_identical_handouts(run, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run(export, FRAMEWORKS, "--out", first).exit_code == 0
    assert run(export, FRAMEWORKS, "--out", second).exit_code == 0
    a, b = files(first), files(second)
    assert len(a) >= 30
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert not different


def test_the_same_input_gives_a_byte_identical_site(run, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run(site, FRAMEWORKS, "--out", first).exit_code == 0
    assert run(site, FRAMEWORKS, "--out", second).exit_code == 0
    a, b = files(first), files(second)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []


def test_new_handouts_are_readable_like_any_file(run, tmp_path):
    out = tmp_path / "out"
    assert (
        run(export, FRAMEWORKS / "cx-pdp.yaml", "--out", out, "--kind", "framework").exit_code == 0
    )
    mode = (out / "cx-pdp" / "cx-pdp.html").stat().st_mode & 0o777
    assert mode & 0o044 == 0o044, oct(mode)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_many_files_show_a_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    items = [f"file-{n}.docx" for n in range(PROGRESS_FROM)]
    assert list(_progress(items, "Exporting", lambda item: item or "")) == items
    assert "Exporting" in terminal.getvalue()


def test_no_progress_bar_when_standard_error_is_not_a_terminal(monkeypatch):
    quiet = io.StringIO()
    monkeypatch.setattr(sys, "stderr", quiet)
    items = [f"file-{n}.docx" for n in range(PROGRESS_FROM * 2)]
    assert list(_progress(items, "Exporting", lambda item: item or "")) == items
    assert quiet.getvalue() == ""


def test_export_writes_the_clean_frameworks_and_refuses_the_others_one_line_each(
    run, broken, tmp_path
):
    clean = Path("clean.yaml")
    clean.write_text(CLEAN, encoding="utf-8")
    out = tmp_path / "out"
    result = run(export, broken, clean, "--out", out, "--format", "html")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{broken.as_posix()} has 1 lint error" in lines[0]
    assert sorted(files(out)) == ["clean/clean.html", "clean/expert.html"]
    assert "Wrote 2 files" in result.stdout


def test_the_site_is_published_whole_or_not_at_all(run, broken, tmp_path):
    clean = Path("clean.yaml")
    clean.write_text(CLEAN, encoding="utf-8")
    result = run(site, broken, clean, "--out", tmp_path / "site")
    assert result.exit_code == 1
    assert result.stderr.count("lint error") == 1
    assert not (tmp_path / "site").exists()
