"""The Word handouts written as XML have the bytes python-docx's object layer gave them.

``pydocx_builder`` keeps the builder as it was (python-docx paragraphs, tables, header,
footer and properties on a copy of the template); each case renders the same handouts
with both and compares the bytes: every kind of handout of the canonical and the
as-found frameworks, What changed handouts, custom templates (without the handout
styles, with a branded header, with a long or odd title), and text that escaping, tabs,
line breaks and white space treat specially.
"""

from __future__ import annotations

import functools
import io
import json
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from exporters import changes_docx, docx_builder, docx_handouts, views
from exporters.changes import changes_view
from exporters.errors import ExportError
from pdp_lint.changes.compare import compare
from pdp_lint.model.framework import Framework
from tests.exporters import pydocx_builder
from tests.exporters.handout_helpers import CANONICAL, EPOCH, ROOT, load, load_yaml

AS_FOUND = sorted((ROOT / "tests" / "fixtures" / "as-found").glob("*.yaml"))


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def _views(fw: Framework) -> list[tuple[str, Any]]:
    return [
        *(("role", v) for v in views.role_handouts(fw)),
        ("framework", views.framework_handout(fw)),
        *(("interview", v) for v in views.interview_guides(fw)),
        *(("hiring", v) for v in views.hiring_profiles(fw)),
    ]


def _both(monkeypatch: pytest.MonkeyPatch, render: Callable[[], bytes]) -> tuple[bytes, bytes]:
    """``render()`` with this builder, then with python-docx's as it was."""
    ours = render()
    with monkeypatch.context() as patch:
        patch.setattr(docx_handouts, "DocxBuilder", pydocx_builder.DocxBuilder)
        patch.setattr(changes_docx, "ChangesBuilder", pydocx_builder.ChangesBuilder)
        theirs = render()
    return ours, theirs


def _assert_same_handouts(
    monkeypatch: pytest.MonkeyPatch, fw: Framework, template: Path | None = None
) -> int:
    count = 0
    for kind, view in _views(fw):
        render = functools.partial(docx_handouts.RENDERERS[kind], view, template)
        ours, theirs = _both(monkeypatch, render)
        assert ours == theirs, f"{kind} handout {view.meta.title!r} of {fw.file}"
        count += 1
    return count


@pytest.mark.parametrize("path", CANONICAL + AS_FOUND, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_handout_has_the_bytes_python_docx_gave(
    monkeypatch: pytest.MonkeyPatch, path: Path
) -> None:
    assert _assert_same_handouts(monkeypatch, load(path)) >= 2


@pytest.mark.parametrize("stem", ["cx-knowledge-experts", "cx-pdp"])
def test_a_what_changed_handout_has_the_bytes_python_docx_gave(
    monkeypatch: pytest.MonkeyPatch, stem: str
) -> None:
    old = load(ROOT / "tests" / "fixtures" / "as-found" / f"{stem}.yaml")
    new = load(ROOT / "frameworks" / f"{stem}.yaml")
    view = changes_view(new, compare(old, new, str(new.file), "v1:" + str(old.file)), "v1")
    assert view.sections
    ours, theirs = _both(monkeypatch, lambda: changes_docx.changes_docx(view, None))
    assert ours == theirs
    styles = {s.name for s in Document(io.BytesIO(ours)).styles}
    assert {changes_docx.DELETED_STYLE, changes_docx.INSERTED_STYLE} <= styles


TRICKY = {
    # the text of a property's placeholder in another property stays text
    "title": "  R&D <Support> “PDP” \ue000subject\ue000\tfor\u00a0all " + "long " * 60,
    "team": "R&D > Ops & Co",
    "competency": "Know <how> & why",
    "definition": "Line one\nline two\ttabbed\r\ncarriage",
    "role": " Expert & <Lead> ",
    "summary": "Knows\tthings\nwell ",
    "behavior": 'Learns the R&D product <fast> "quoted" \U0001f642',
    "example": "  Attends training\n\nand more  ",
}


def _tricky() -> Framework:
    q = {key: json.dumps(value, ensure_ascii=False) for key, value in TRICKY.items()}
    return load_yaml(
        textwrap.dedent(
            f"""\
            id: demo
            title: {q["title"]}
            owner:
              team: {q["team"]}
            locale: en-GB
            version: "1.0"
            status: draft
            glossary:
              - term: R&D
                expansion: research & development
            competencies:
              - id: knowledge
                name: {q["competency"]}
                definition: {q["definition"]}
            tracks:
              - id: professional
                name: Professional Path
                status: available
                roles:
                  - id: expert
                    title: {q["role"]}
                    summary: {q["summary"]}
                    competencies:
                      - competency: knowledge
                        behaviors:
                          - id: learns
                            text: {q["behavior"]}
                            examples:
                              - id: training
                                text: {q["example"]}
            """
        )
    )


def test_text_that_escapes_and_keeps_white_space_has_the_bytes_python_docx_gave(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _assert_same_handouts(monkeypatch, _tricky()) >= 2


def _template(path: Path, build: Callable[[Any], None]) -> Path:
    doc = Document()
    build(doc)
    doc.save(str(path))
    return path


def test_a_template_without_the_handout_styles_gives_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    template = _template(tmp_path / "plain.docx", lambda doc: None)
    fw = load(ROOT / "frameworks" / "cx-knowledge-experts.yaml")
    assert _assert_same_handouts(monkeypatch, fw, template) >= 2


def test_a_branded_template_gives_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def brand(doc: Any) -> None:
        doc.styles["Heading 1"].font.name = "Georgia"
        section = doc.sections[0]
        section.header.paragraphs[0].text = "ACME Corp"
        section.footer.add_paragraph("Confidential")
        doc.add_paragraph("Sample content that is dropped")
        doc.add_table(2, 2)

    template = _template(tmp_path / "brand.docx", brand)
    fw = load(ROOT / "frameworks" / "cx-pdp.yaml")
    assert _assert_same_handouts(monkeypatch, fw, template) >= 2
    ours = docx_handouts.RENDERERS["role"](views.role_handouts(fw)[0], template)
    header = Document(io.BytesIO(ours)).sections[0].header.paragraphs
    assert header[0].text == "ACME Corp"


def test_a_template_writing_word_xml_under_another_prefix_is_one_clear_error(
    tmp_path: Path,
) -> None:
    import zipfile

    source = tmp_path / "plain.docx"
    _template(source, lambda doc: None)
    odd = tmp_path / "odd.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(odd, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:", b"<x:").replace(b"</w:", b"</x:")
                data = data.replace(b" w:", b" x:").replace(b"xmlns:w=", b"xmlns:x=")
            dst.writestr(info, data)
    fw = load(ROOT / "frameworks" / "cx-pdp.yaml")
    docx_builder._prepare_cached.cache_clear()
    with pytest.raises(ExportError) as caught:
        docx_handouts.RENDERERS["role"](views.role_handouts(fw)[0], odd)
    assert "prefix" in caught.value.message
    assert caught.value.status == 2


def test_static_parts_are_compressed_once_per_run() -> None:
    fw = load(ROOT / "frameworks" / "cx-knowledge-experts.yaml")
    docx_builder._prepare_cached.cache_clear()
    first, second = views.role_handouts(fw)[:2]
    docx_handouts.role_docx(first, None)
    prepared = docx_builder._prepared(None)
    packed = {name: entry.packed() for name, entry in prepared._static.items()}
    docx_handouts.role_docx(second, None)
    assert all(prepared._static[name].packed() is packed[name] for name in packed)
    assert "word/theme/theme1.xml" in packed


# --- the bundled template, shipped ready ------------------------------------------------


def test_the_shipped_preparation_is_the_reference_document_prepared_now() -> None:
    from exporters.reference_docx import prepared_json

    shipped = docx_builder.REFERENCE_PREPARED.read_text(encoding="utf-8")
    assert shipped == prepared_json(), (
        "exporters/assets/reference-prepared.json is stale: run python -m exporters.reference_docx"
    )


def test_without_the_shipped_preparation_handouts_have_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fw = load(ROOT / "frameworks" / "cx-knowledge-experts.yaml")
    old = load(ROOT / "tests" / "fixtures" / "as-found" / "cx-knowledge-experts.yaml")
    changes = changes_view(fw, compare(old, fw, str(fw.file), "v1:" + str(old.file)), "v1")

    def render_all() -> list[bytes]:
        docx_builder._prepare_cached.cache_clear()
        out = [docx_handouts.RENDERERS[kind](view, None) for kind, view in _views(fw)]
        return [*out, changes_docx.changes_docx(changes, None)]

    shipped = render_all()
    assert docx_builder._prepared(None)._styles_source is None  # came from the file
    monkeypatch.setattr(docx_builder, "_reference_sha256", lambda: "another reference")
    prepared = render_all()
    assert docx_builder._prepared(None)._styles_source is not None
    assert shipped == prepared
    docx_builder._prepare_cached.cache_clear()


def test_a_builder_adding_styles_not_shipped_prepares_the_template_for_them() -> None:
    class Marked(docx_builder.DocxBuilder):
        extra_styles = "marked"

        @staticmethod
        def add_styles(styles: Any) -> dict[str, str]:
            from docx.enum.style import WD_STYLE_TYPE

            return {"Marked": styles.add_style("Marked", WD_STYLE_TYPE.CHARACTER).style_id}

    fw = load(ROOT / "frameworks" / "cx-knowledge-experts.yaml")
    docx_builder._prepare_cached.cache_clear()
    builder = Marked(views.role_handouts(fw)[0].meta)
    p = builder.paragraph("plain ")
    builder.text(p, "marked", "Marked")
    data = builder.to_bytes()
    assert "Marked" in {s.name for s in Document(io.BytesIO(data)).styles}
    assert b'<w:rStyle w:val="Marked"/>' in zipfile_read(data, "word/document.xml")
    docx_builder._prepare_cached.cache_clear()


def zipfile_read(data: bytes, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


def test_handouts_on_the_bundled_template_do_not_load_python_docx() -> None:
    import subprocess
    import sys

    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from exporters.site import site_jobs\n"
        "from pdp_lint.load.loader import load_file\n"
        "fws = [load_file(p).framework for p in sorted(Path('frameworks').glob('*.yaml'))]\n"
        "for job in site_jobs(fws, {'template': None}):\n"
        "    job.render()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'docx', 'lxml', 'openpyxl'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert done.stdout.strip() == "[]"
