"""The exporter interface and registry, and what "new at this level" means."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from exporters.base import Exporter
from exporters.handouts import DocxHandout, RoleDocx, RoleHtml
from exporters.registry import EXPORTERS, FORMATS, KINDS, select
from tests.exporters.handout_helpers import EPOCH, docx_paragraphs, html_text, load_yaml

PARTLY_NEW = """\
id: demo
title: Demo PDP
owner:
  team: Demo Team
locale: en-GB
version: "2.1"
status: draft
competencies:
  - id: knowledge
    name: Knowledge
  - id: coaching
    name: Coaching
tracks:
  - id: professional
    name: Professional Path
    status: available
    roles:
      - id: expert
        title: Expert
        competencies:
          - competency: knowledge
            behaviors:
              - id: learns
                text: Learns the product.
      - id: senior-expert
        title: Senior Expert
        builds_on: expert
        competencies:
          - competency: knowledge
            behaviors:
              - id: learns
                text: learns the product
              - id: teaches
                text: Teaches the product.
          - competency: coaching
            behaviors:
              - id: coaches
                text: Coaches new starters.
"""


def test_every_exporter_is_registered_once_with_a_complete_interface():
    # the handouts come in every document format; the spreadsheet in its own two
    documents = {k for k, f in EXPORTERS if f in ("docx", "html")}
    assert {(k, f) for k in documents for f in ("docx", "html")} <= set(EXPORTERS)
    assert {(k, f) for k, f in EXPORTERS if k == "spreadsheet"} == {
        ("spreadsheet", "xlsx"),
        ("spreadsheet", "csv"),
    }
    assert set(KINDS) == documents | {"spreadsheet"}
    assert set(FORMATS) == {"docx", "html", "xlsx", "csv"}
    for (kind, fmt), cls in EXPORTERS.items():
        assert (cls.name, cls.format) == (kind, fmt)
        assert cls.suffix == f".{fmt}"
        assert cls.label and cls.format_label and cls.__doc__
        assert dataclasses.is_dataclass(cls.Options)
        cls.Options()  # every option has a documented default
    assert select(("role",), ("html",)) == [RoleHtml]


def test_settings_reach_only_the_exporters_that_know_them():
    word = RoleDocx.with_settings({"template": Path("brand.docx"), "unknown": 1})
    page = RoleHtml.with_settings({"template": Path("brand.docx")})
    assert word.options == DocxHandout.Options(template=Path("brand.docx"))
    assert page.options == Exporter.Options()


def test_export_writes_the_files_it_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    fw = load_yaml(PARTLY_NEW)
    written = RoleHtml().export(fw, tmp_path / "demo")
    assert [p.name for p in written] == ["expert.html", "senior-expert.html"]
    assert all(p.is_file() for p in written)


@pytest.fixture
def partly_new(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return load_yaml(PARTLY_NEW)


def test_only_behaviors_the_base_role_lacks_are_new(partly_new):
    page = RoleHtml().outputs(partly_new)[1].render()
    text = html_text(page)
    assert "2 of 3 behaviors are new compared with Expert" in text
    assert "Coaching (new competency)" in text
    assert page.count(b'class="badge"') == 2  # Teaches, Coaches; not the repeated one


def test_the_word_handout_marks_the_same_behaviors(partly_new):
    data = RoleDocx().outputs(partly_new)[1].render()
    bullets = [p.text for p in docx_paragraphs(data) if p.style.name == "List Bullet"]
    marked = [b for b in bullets if b.endswith("(new at this level)")]
    assert marked == [
        "Teaches the product.\u2002(new at this level)",
        "Coaches new starters.\u2002(new at this level)",
    ]
