"""Reading handouts back, and what the model says each one must contain.

The expectations are derived from the model here, independently of exporters.views, so a
handout that drops a behavior fails even if the view that feeds it dropped it too.
"""

from __future__ import annotations

import functools
import io
import os
import textwrap
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from exporters.registry import EXPORTERS
from pdp_lint.load.loader import load_file, load_text
from pdp_lint.load.source import decode
from pdp_lint.model.framework import Framework, Guidance

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ROOT / "frameworks"
CANONICAL = sorted(FRAMEWORKS.glob("*.yaml"))
#: 14 November 2023, 22:13:20 UTC
EPOCH = "1700000000"


def load(path: Path) -> Framework:
    loaded = load_file(path)
    assert loaded.framework is not None, [p.message for p in loaded.problems]
    return loaded.framework


def load_yaml(text: str, name: str = "demo.yaml") -> Framework:
    loaded = load_text(decode(Path(name), textwrap.dedent(text).encode("utf-8")))
    assert loaded.framework is not None, [p.message for p in loaded.problems]
    return loaded.framework


@functools.cache
def rendered(path: Path) -> dict[tuple[str, str], dict[str, bytes]]:
    """Every handout of the framework at ``path``: (kind, format) -> stem -> bytes.

    Rendered once per test run with a fixed SOURCE_DATE_EPOCH.
    """
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        fw = load(path)
        out: dict[tuple[str, str], dict[str, bytes]] = {}
        for key, cls in EXPORTERS.items():
            out[key] = {o.name.rsplit(".", 1)[0]: o.render() for o in cls().outputs(fw)}
        return out
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def every_handout(fmt: str) -> list[tuple[str, Path, tuple[str, str], str]]:
    """(id, framework, exporter key, stem) of every ``fmt`` handout of the canonical
    frameworks, named without rendering it: tests parametrized with these are collected
    by every worker, and the handouts rendered (``rendered``, once) by the one that runs
    them."""
    found = []
    for path in CANONICAL:
        fw = load(path)
        for key, cls in EXPORTERS.items():
            if key[1] == fmt:
                for output in cls().outputs(fw):
                    stem = output.name.rsplit(".", 1)[0]
                    found.append((f"{path.stem}/{stem}", path, key, stem))
    return found


def normalise(text: str) -> str:
    return " ".join(text.split())


# --- reading a .docx ---------------------------------------------------------------


def open_docx(data: bytes) -> Document:
    return Document(io.BytesIO(data))


def docx_paragraphs(data: bytes) -> Iterator[Paragraph]:
    """Every paragraph of the body, in tables too, in document order."""
    doc = open_docx(data)
    for p in doc.element.body.iter(qn("w:p")):
        yield Paragraph(p, doc)


def docx_text(data: bytes) -> str:
    """The text a reader sees: body (with tables), headers and footers."""
    doc = open_docx(data)  # opened once: the body's paragraphs as docx_paragraphs lists them
    parts = [Paragraph(p, doc).text for p in doc.element.body.iter(qn("w:p"))]
    for section in doc.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return normalise("\n".join(parts))


# --- reading HTML --------------------------------------------------------------------


class _Text(HTMLParser):
    BLOCKS = frozenset(
        {
            *("p", "li", "td", "th", "tr", "ul", "ol", "div", "caption"),
            *("h1", "h2", "h3", "h4", "h5", "h6"),
            *("section", "article", "header", "nav"),
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(data: bytes) -> str:
    """The text of a page as html.parser sees it, without style and script."""
    parser = _Text()
    parser.feed(data.decode("utf-8"))
    parser.close()
    return normalise("".join(parser.parts))


def xlsx_text(data: bytes) -> str:
    """Every cell of every sheet, one after another."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    cells = (str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    return normalise(" ".join(cells))


def csv_text(data: bytes) -> str:
    import csv

    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    # a cell a spreadsheet would run as a formula was written with an apostrophe before it
    guarded = ("'=", "'+", "'-", "'@")
    cells = (c[1:] if c.startswith(guarded) else c for row in rows for c in row)
    return normalise(" ".join(cells))


def text_of(fmt: str, data: bytes) -> str:
    readers = {"docx": docx_text, "html": html_text, "xlsx": xlsx_text, "csv": csv_text}
    return readers[fmt](data)


# --- what each handout must contain ------------------------------------------------------


def role_texts(fw: Framework, role_id: str) -> list[str]:
    role = fw.role(role_id)
    assert role is not None
    out = [role.title]
    if role.summary:
        out.append(role.summary)
    if role.builds_on:
        base = fw.role(role.builds_on)
        assert base is not None
        out.append(base.title)
    for s in role.sections:
        comp = fw.competency(s.competency)
        assert comp is not None
        out.append(comp.name)
        text = s.description or comp.definition
        if text:
            out.append(text)
        for b in s.behaviors:
            out.append(b.text)
            out.extend(e.text for e in b.examples)
        out.extend(e.text for e in s.examples)
    return out


def framework_texts(fw: Framework) -> list[str]:
    """Every piece of prose in the framework, and every explained glossary term."""
    out = [t.value for t in fw.texts()]
    out.extend(e.term for e in fw.glossary if e.expansion)
    out.extend(r.abbreviation for r in fw.roles() if r.abbreviation)
    return out


def interview_texts(fw: Framework, competency_id: str) -> list[str]:
    comp = fw.competency(competency_id)
    assert comp is not None
    out = [comp.name]
    if comp.definition:
        out.append(comp.definition)
    for level in comp.levels:
        out.append(level.summary)
        for b in level.behaviors:
            out.append(b.text)
            out.extend(e.text for e in b.examples)
        for q in level.questions:
            out.append(q.text)
            out.extend(q.probes)
    return out


def hiring_guidance(fw: Framework, profile_id: str) -> tuple[list[Guidance], list[Guidance]]:
    """(guidance for hiring managers that covers the profile, every other guidance)."""
    assert fw.role_profiles is not None
    kept: list[Guidance] = []
    left: list[Guidance] = []

    def walk(g: Guidance, audience: str | None, parent_kept: bool) -> None:
        audience = g.audience or audience
        keep = (
            parent_kept
            and audience in (None, "hiring-managers")
            and (not g.applies_to or profile_id in g.applies_to)
        )
        (kept if keep else left).append(g)
        for sub in g.sections:
            walk(sub, audience, keep)

    for top in fw.role_profiles.guidance:
        walk(top, None, True)
    return kept, left


def hiring_texts(fw: Framework, profile_id: str) -> list[str]:
    assert fw.role_profiles is not None
    profile = next(p for p in fw.role_profiles.profiles if p.id == profile_id)
    out = [profile.title, profile.summary]
    for g in hiring_guidance(fw, profile_id)[0]:
        out.append(g.title)
        if g.text:
            out.append(g.text)
        for item in g.items:
            out.append(f"{item.label}: {item.text}")
    return out


def expected_documents(fw: Framework, kind: str) -> dict[str, list[str]]:
    """stem -> texts, for every handout of ``kind`` the framework should give."""
    if kind == "role":
        return {r.id: role_texts(fw, r.id) for r in fw.roles()}
    if kind == "framework":
        return {fw.id: framework_texts(fw)}
    if kind == "interview":
        return {
            f"{c.id}-interview-guide": interview_texts(fw, c.id)
            for c in fw.competencies
            if any(level.questions for level in c.levels)
        }
    if kind == "spreadsheet":
        return {fw.id: [t.value for t in fw.texts()]}
    if kind == "hiring":
        profiles = fw.role_profiles.profiles if fw.role_profiles else ()
        return {f"{p.id}-hiring-profile": hiring_texts(fw, p.id) for p in profiles}
    if kind == "changes":
        # made only against a revision (--changes-since): tests/changes covers them
        return {}
    raise AssertionError(kind)


def missing(texts: list[str], document: str) -> list[str]:
    """The ``texts`` not in ``document``, as a handout holds them (see storable)."""
    from exporters.storable import storable

    return [t for t in texts if normalise(storable(t)) not in document]
