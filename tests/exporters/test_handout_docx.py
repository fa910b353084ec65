"""The Word handouts are real Word documents: named styles, properties, fields, templates."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from exporters.docx_builder import (
    CHARACTER_STYLES,
    PARAGRAPH_STYLES,
    REFERENCE,
    TABLE_STYLES,
    missing_styles,
)
from exporters.errors import ExportError
from exporters.handouts import FrameworkDocx, RoleDocx
from exporters.reference_docx import build
from exporters.views import running_head
from tests.exporters.handout_helpers import (
    CANONICAL,
    EPOCH,
    docx_paragraphs,
    every_handout,
    load,
    open_docx,
    rendered,
)

KE = next(p for p in CANONICAL if p.stem == "cx-knowledge-experts")
REQUIRED = ("Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet")


def test_the_reference_document_has_every_handout_style():
    doc = Document(str(REFERENCE))
    assert missing_styles(doc) == []
    names = {s.name for s in doc.styles}
    assert set(REQUIRED) <= names
    assert set(PARAGRAPH_STYLES + CHARACTER_STYLES + TABLE_STYLES) <= names


def test_the_reference_document_is_what_its_script_makes():
    """The committed file and exporters/reference_docx.py cannot drift apart."""
    with zipfile.ZipFile(REFERENCE) as committed, zipfile.ZipFile(io.BytesIO(build())) as fresh:
        assert committed.namelist() == fresh.namelist()
        for name in committed.namelist():
            assert committed.read(name) == fresh.read(name), name


def test_the_reference_page_is_a4():
    section = Document(str(REFERENCE)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


@pytest.mark.parametrize(
    ("name", "path", "key", "stem"),
    [pytest.param(*case, id=case[0]) for case in every_handout("docx")],
)
def test_every_handout_reopens_with_styles_properties_and_page_numbers(
    name: str, path: Path, key: tuple[str, str], stem: str
):
    data = rendered(path)[key][stem]
    doc = open_docx(data)
    names = {s.name for s in doc.styles}
    assert set(REQUIRED) <= names
    used = {p.style.name for p in docx_paragraphs(data)}
    assert {"Title", "Heading 1"} <= used, used
    cp = doc.core_properties
    fw = load(next(p for p in CANONICAL if p.stem == name.split("/")[0]))
    assert cp.title
    assert fw.title in cp.subject
    assert cp.author == fw.owner.team
    assert fw.title in cp.keywords
    assert cp.created == datetime.fromtimestamp(int(EPOCH), UTC)
    assert cp.modified == cp.created
    assert cp.language == fw.locale
    section = doc.sections[0]
    header = " ".join(p.text for p in section.header.paragraphs)
    footer_xml = section.footer._element.xml
    assert header.startswith(running_head(fw.title, fw.version)), header
    assert f"Version {fw.version}" in header
    assert "November 14, 2023" in section.footer.paragraphs[-1].text or "14 November 2023" in (
        section.footer.paragraphs[-1].text
    )
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml


def test_a_role_handout_is_navigable_by_its_headings():
    data = rendered(KE)[("role", "docx")]["senior-knowledge-expert"]
    paragraphs = list(docx_paragraphs(data))
    title = [p.text for p in paragraphs if p.style.name == "Title"]
    h1 = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    bullets = {p.text for p in paragraphs if p.style.name == "List Bullet"}
    assert title == ["Senior Knowledge Expert (Senior KE)"]
    assert h1 == [
        "New at this level",
        "Knowledge",
        "Communication",
        "Collaboration",
        "Proactiveness",
        "Ownership and impact",
        "Glossary",
    ]
    role = load(KE).role("senior-knowledge-expert")
    assert role is not None
    assert {b.text for s in role.sections for b in s.behaviors} <= bullets


def test_the_framework_handout_has_a_table_of_contents_field():
    data = rendered(KE)[("framework", "docx")]["cx-knowledge-experts"]
    doc = open_docx(data)
    instructions = [t.text for t in doc.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC ") for i in instructions), instructions
    toc = [p.text for p in docx_paragraphs(data) if p.style.name.startswith("toc ")]
    assert "Knowledge Expert (KE)" in toc and "Senior Knowledge Expert (Senior KE)" in toc


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.stem)
def test_opening_a_framework_handout_never_prompts(path: Path):
    """Word prompts "This document contains fields that may refer to other files" on
    every opening when the file asks it to update fields; nothing asks it."""
    data = rendered(path)[("framework", "docx")][path.stem]
    doc = open_docx(data)
    assert doc.settings.element.find(qn("w:updateFields")) is None
    dirty = [c for c in doc.element.body.iter(qn("w:fldChar")) if c.get(qn("w:dirty")) == "true"]
    assert not dirty


def test_a_template_asking_to_update_fields_does_not_make_handouts_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from docx.oxml import OxmlElement

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    doc = Document()
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)
    template = tmp_path / "prompting.docx"
    doc.save(str(template))
    for cls in (FrameworkDocx, RoleDocx):
        out = cls(cls.Options(template=template)).outputs(load(KE))[0].render()
        assert open_docx(out).settings.element.find(qn("w:updateFields")) is None


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.stem)
def test_every_contents_entry_links_to_its_heading_and_shows_no_page_number(path: Path):
    """The contents list is usable as it is: each entry is a link to a bookmark on the
    heading it names. Page numbers depend on the layout of the reader's machine, so the
    list shows none rather than wrong ones (Word adds them when the field is updated)."""
    data = rendered(path)[("framework", "docx")][path.stem]
    body = open_docx(data).element.body
    headings = {}
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or not style.get(qn("w:val")).startswith("Heading"):
            continue
        for mark in p.iter(qn("w:bookmarkStart")):
            headings[mark.get(qn("w:name"))] = "".join(t.text for t in p.iter(qn("w:t")))
    entries = [
        p
        for p in body.iter(qn("w:p"))
        if (s := p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")) is not None
        and s.get(qn("w:val")).startswith("TOC")
        and s.get(qn("w:val")) != "TOCHeading"
    ]
    assert len(entries) == len(headings) >= 3
    for entry in entries:
        links = entry.findall(qn("w:hyperlink"))
        assert len(links) == 1
        anchor = links[0].get(qn("w:anchor"))
        text = "".join(t.text for t in entry.iter(qn("w:t")))
        assert headings[anchor] == text
        assert not any(e.tag in (qn("w:tab"), qn("w:ptab")) for e in entry.iter())
        assert "PAGEREF" not in "".join(t.text for t in entry.iter(qn("w:instrText")))


def _spacing(doc: Document, style_name: str, side: str) -> float:
    """Space before or after paragraphs of ``style_name`` in points, through base styles."""
    style = doc.styles[style_name]
    while style is not None:
        value = getattr(style.paragraph_format, f"space_{side}")
        if value is not None:
            return value.pt
        style = style.base_style
    return 0.0


@pytest.mark.parametrize(
    ("kind", "stem"),
    [
        ("role", "senior-knowledge-expert"),
        ("framework", "cx-knowledge-experts"),
    ],
)
def test_the_first_prose_stands_apart_from_the_owner_and_version_line(kind: str, stem: str):
    data = rendered(KE)[(kind, "docx")][stem]
    doc = open_docx(data)
    paragraphs = list(docx_paragraphs(data))
    meta = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Owner:"))
    after = paragraphs[meta + 1]
    if after.style.name == "Meta":  # the source line
        after = paragraphs[meta + 2]
    gap = max(
        _spacing(doc, paragraphs[meta].style.name, "after"),
        _spacing(doc, after.style.name, "before"),
    )
    assert gap >= 8, (after.style.name, gap)


LONG_TITLE = (
    "Summary of Defining the Customer Experience Specialist: How CX Managers Can Clarify "
    "Roles & Hire for Growth"
)


def test_a_long_title_gets_a_running_head_that_fits_one_line(monkeypatch: pytest.MonkeyPatch):
    from exporters.text_width import text_width
    from exporters.views import _HEAD_ROOM, _HEAD_SIZE
    from tests.exporters.handout_helpers import load_yaml

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    fw = load_yaml(
        f"""\
        id: long
        title: "{LONG_TITLE}"
        owner:
          team: CX
        locale: en-US
        version: "2.1"
        status: draft
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
    )
    for cls in (FrameworkDocx, RoleDocx):
        data = cls().outputs(fw)[0].render()
        doc = open_docx(data)
        header = doc.sections[0].header.paragraphs[-1].text
        head = header.split("\t")[0]
        assert head == "Summary of Defining the Customer Experience Specialist · Version 2.1"
        assert text_width(header.replace("\t", "  "), _HEAD_SIZE) <= _HEAD_ROOM
        assert doc.core_properties.title in (LONG_TITLE, "Expert")
    title = [p.text for p in docx_paragraphs(FrameworkDocx().outputs(fw)[0].render())]
    assert LONG_TITLE in title


def test_a_title_without_a_subtitle_is_cut_after_a_word():
    from exporters.views import running_head

    head = running_head(" ".join(["Knowledge"] * 20), "1.0")
    assert head.endswith("Knowledge… · Version 1.0"), head
    assert running_head("CX PDP", "1.0") == "CX PDP · Version 1.0"


def test_the_framework_handout_has_a_roles_by_competencies_table():
    data = rendered(KE)[("framework", "docx")]["cx-knowledge-experts"]
    doc = open_docx(data)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Role")
    header = [c.text for c in table.rows[0].cells]
    assert header == [
        "Role",
        "Knowledge",
        "Communication",
        "Collaboration",
        "Proactiveness",
        "Ownership and impact",
    ]
    assert [c.text for c in table.rows[2].cells][1:] == ["4", "2", "1", "1", "2"]
    assert table.style.name == "Handout Table"
    header_row = table.rows[0]._tr
    assert header_row.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_the_docx_archive_is_sorted_and_stamped_with_the_source_date():
    data = rendered(KE)[("role", "docx")]["knowledge-expert"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert names[0] == "[Content_Types].xml"
        assert names[1:] == sorted(names[1:])
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}


# --- a template of one's own ---------------------------------------------------------------


def branded_template(tmp_path: Path, drop: tuple[str, ...] = ()) -> Path:
    """A template made like an organisation would: Word's defaults, restyled headings."""
    from docx.shared import RGBColor

    doc = Document()
    heading = doc.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
    doc.add_paragraph("sample content that must not reach a handout")
    for name in drop:
        element = doc.styles[name].element
        element.getparent().remove(element)
    path = tmp_path / "brand.docx"
    doc.save(str(path))
    return path


def test_a_custom_template_styles_the_handout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    template = branded_template(tmp_path)
    out = RoleDocx(RoleDocx.Options(template=template)).outputs(load(KE))[0].render()
    doc = open_docx(out)
    assert doc.styles["Heading 1"].font.name == "Georgia"
    assert str(doc.styles["Heading 1"].font.color.rgb) == "8B0000"
    text = " ".join(p.text for p in docx_paragraphs(out))
    assert "sample content" not in text
    assert "Handout Table" in {s.name for s in doc.styles}  # copied from the reference


def test_the_header_of_a_template_stays_and_gets_the_running_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "ACME Corporation, internal"
    template = tmp_path / "acme.docx"
    doc.save(str(template))
    out = RoleDocx(RoleDocx.Options(template=template)).outputs(load(KE))[0].render()
    header = [p.text for p in open_docx(out).sections[0].header.paragraphs]
    assert header[0] == "ACME Corporation, internal"
    assert header[1].startswith("CX Knowledge PDP · Version 1.0")


def test_styles_a_template_lacks_are_copied_with_their_bullets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    template = branded_template(tmp_path, drop=("List Bullet", "Heading 4", "Title"))
    assert {"List Bullet", "Heading 4", "Title"} <= set(missing_styles(Document(str(template))))
    out = FrameworkDocx(FrameworkDocx.Options(template=template)).outputs(load(KE))[0].render()
    doc = open_docx(out)
    assert missing_styles(doc) == []
    bullet = doc.styles["List Bullet"].element
    num_id = bullet.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
    numbering = doc.part.numbering_part.element
    num = [n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id]
    assert len(num) == 1
    abstract_id = num[0].find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = [
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    ]
    fmt = abstract[0].find(f"{qn('w:lvl')}/{qn('w:numFmt')}").get(qn("w:val"))
    assert fmt == "bullet"


def test_a_dotx_template_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    source = branded_template(tmp_path)
    dotx = tmp_path / "brand.dotx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(dotx, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"document.main+xml", b"template.main+xml")
            dst.writestr(info, body)
    out = RoleDocx(RoleDocx.Options(template=dotx)).outputs(load(KE))[0].render()
    assert open_docx(out).styles["Heading 1"].font.name == "Georgia"


def test_a_file_that_is_not_a_word_document_is_refused_as_a_template(tmp_path: Path):
    bad = tmp_path / "notes.docx"
    bad.write_text("not a zip")
    with pytest.raises(ExportError, match="not a Word document") as caught:
        RoleDocx(RoleDocx.Options(template=bad)).outputs(load(KE))[0].render()
    assert caught.value.status == 2


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.stem)
def test_table_columns_are_wide_enough_for_their_longest_word(path: Path):
    """Sized from the content, in the widest fallback font: no word of a table heading
    (or of any cell) is broken because its column is too narrow."""
    from exporters.text_width import longest_word

    for (_kind, fmt), docs in rendered(path).items():
        if fmt != "docx":
            continue
        for stem, data in docs.items():
            doc = open_docx(data)
            size = doc.styles["Table Text"].font.size.pt
            for table in doc.tables:
                grid = [
                    int(c.get(qn("w:w"))) / 567 for c in table._tbl.tblGrid.iter(qn("w:gridCol"))
                ]
                for row in table.rows:
                    for width, cell in zip(grid, row.cells, strict=True):
                        bold = any(
                            r.bold or r.style.name == "Strong" for r in cell.paragraphs[0].runs
                        )
                        bold = bold or (
                            row._tr.trPr is not None
                            and row._tr.trPr.find(qn("w:tblHeader")) is not None
                        )
                        need = longest_word(cell.text, size, bold=bold)
                        assert width >= need + 0.3, (stem, cell.text, width, need)


def test_every_heading_is_kept_with_what_follows():
    for kind, stem in (
        ("interview", "customer-experience-management-interview-guide"),
        ("framework", "customer-experience-management"),
    ):
        path = next(p for p in CANONICAL if p.stem == "customer-experience-management")
        data = rendered(path)[(kind, "docx")][stem]
        headings = [p for p in docx_paragraphs(data) if p.style.name.startswith("Heading")]
        assert headings
        assert all(p.paragraph_format.keep_with_next for p in headings), stem


def test_the_interview_guide_has_no_forced_page_break_to_leave_a_page_nearly_empty():
    """A level's last behavior running over a page, then a forced break, gave a page with
    one line on it; each question is kept whole with its notes box and rating instead."""
    path = next(p for p in CANONICAL if p.stem == "customer-experience-management")
    data = rendered(path)[("interview", "docx")]["customer-experience-management-interview-guide"]
    body = open_docx(data).element.body
    assert not list(body.iter(qn("w:pageBreakBefore")))
    notes = [p for p in docx_paragraphs(data) if p.text == "Notes" and p.style.name == "Table Text"]
    assert notes
    for label in notes:
        table = label._p.getnext()
        assert table.tag == qn("w:tbl")
        cell_paragraphs = list(table.iter(qn("w:p")))
        assert all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in cell_paragraphs)
