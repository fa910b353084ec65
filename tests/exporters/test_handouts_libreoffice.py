"""The Word handouts as a machine without Calibri lays them out: LibreOffice on Linux.

Every Word handout of the canonical frameworks is converted to PDF in one headless
LibreOffice run (Debian's, installed by scripts/ensure-libreoffice when missing), with a
font configuration that refuses Calibri and its metric twin Carlito, so the handouts are
set in the fallback font (DejaVu Sans), wider than Calibri. The PDFs are read back with
pdfminer.six, which gives every line of text and every drawn rule with its position:
no word of a table may be broken across lines, no page but the last may be less than a
tenth full, and the running head stays on one line.
"""

from __future__ import annotations

import functools
import os
import re
import string
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from tests.exporters.handout_helpers import CANONICAL, ROOT, open_docx, rendered

SOFFICE = Path(os.environ.get("SOFFICE", "/usr/bin/soffice"))
#: the system's fonts, less Calibri and Carlito (fontconfig then falls back to DejaVu Sans)
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont>
    <pattern><patelt name="family"><string>Calibri</string></patelt></pattern>
    <pattern><patelt name="family"><string>Carlito</string></patelt></pattern>
  </rejectfont></selectfont>
</fontconfig>
"""
#: a page must be filled at least this far (the last page excepted)
MIN_FILL = 0.10


@dataclass(frozen=True)
class Page:
    number: int
    #: how far down the text area the content reaches, 0 to 1
    fill: float
    #: the lines of text above the text area (the running head), each as its pieces
    head_lines: list[list[str]]
    #: the fonts of the text
    fonts: set[str]


@dataclass(frozen=True)
class Rendered:
    name: str
    docx: bytes
    pdf: Path

    @functools.cached_property
    def _layout(self) -> tuple[list[Page], set[str]]:
        return _read_pdf(self.pdf, self.docx)

    def pages(self) -> list[Page]:
        return self._layout[0]

    def words(self) -> set[str]:
        """Every word of the PDF's text, as the lines of the page split it."""
        return self._layout[1]


@pytest.fixture(scope="session")
def soffice() -> Path:
    """LibreOffice, installed by scripts/ensure-libreoffice when missing."""
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "ensure-libreoffice")],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not SOFFICE.exists():
        reason = (done.stderr.strip().splitlines() or ["scripts/ensure-libreoffice failed"])[-1]
        pytest.fail(f"no LibreOffice to render the handouts: {reason}", pytrace=False)
    return SOFFICE


@dataclass(frozen=True)
class Converted:
    handouts: list[Rendered]
    #: a document made to fail the checks, converted in the same run
    control: Rendered


CONTROL = "control-document"
CONTROL_WORD = "Communication"


def _control_docx() -> bytes:
    """A table column too narrow for its heading, and a page with little more on it."""
    import io

    from docx import Document
    from docx.shared import Cm

    doc = Document()
    doc.add_paragraph("The one line of a nearly empty page.")
    doc.add_paragraph("After the break.").paragraph_format.page_break_before = True
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    widths = (Cm(1.0), Cm(15.0))
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width.twips))
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    table.rows[0].cells[0].paragraphs[0].add_run(CONTROL_WORD)
    raw = io.BytesIO()
    doc.save(raw)
    return raw.getvalue()


@pytest.fixture(scope="session")
def converted(soffice: Path, tmp_path_factory: pytest.TempPathFactory) -> Converted:
    """Every Word handout of the canonical frameworks, and its PDF, in one soffice run."""
    work = tmp_path_factory.mktemp("libreoffice")
    docs, out = work / "docx", work / "pdf"
    docs.mkdir()
    handouts: dict[str, bytes] = {}
    for path in CANONICAL:
        for (_kind, fmt), files in rendered(path).items():
            if fmt == "docx":
                for stem, data in files.items():
                    handouts[stem] = data
                    (docs / f"{stem}.docx").write_bytes(data)
    control = _control_docx()
    (docs / f"{CONTROL}.docx").write_bytes(control)
    fonts = work / "fonts.conf"
    fonts.write_text(FONTS_CONF.format(cache=work / "font-cache"))
    # a profile of its own, so that parallel runs (and a desktop LibreOffice) never clash
    profile = (work / "profile").as_uri()
    try:
        done = subprocess.run(
            [
                str(soffice),
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *sorted(str(p) for p in docs.iterdir()),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env={**os.environ, "FONTCONFIG_FILE": str(fonts), "HOME": str(work)},
        )
    except subprocess.TimeoutExpired:
        pytest.fail("LibreOffice took over 10 minutes to convert the handouts", pytrace=False)
    made = {p.stem for p in out.glob("*.pdf")} if out.is_dir() else set()
    if done.returncode != 0 or made != {*handouts, CONTROL}:
        pytest.fail(
            f"LibreOffice converted {len(made)} of {len(handouts) + 1} documents "
            f"(exit {done.returncode}): {done.stderr.strip()[-500:]}",
            pytrace=False,
        )
    return Converted(
        [Rendered(stem, data, out / f"{stem}.pdf") for stem, data in sorted(handouts.items())],
        Rendered(CONTROL, control, out / f"{CONTROL}.pdf"),
    )


@pytest.fixture(scope="session")
def pdfs(converted: Converted) -> list[Rendered]:
    return converted.handouts


def _bare(word: str) -> str:
    return word.strip(string.punctuation + "“”‘’…—–·")


def _read_pdf(pdf: Path, docx: bytes) -> tuple[list[Page], set[str]]:
    """The pages of ``pdf`` and every word of its text (one pass of pdfminer)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

    section = open_docx(docx).sections[0]
    top_margin, bottom_margin = section.top_margin.pt, section.bottom_margin.pt
    pages = []
    words: set[str] = set()
    # boxes_flow=None: the text boxes (and their lines) are the same, only not ordered
    # into a reading order by pdfminer's pairwise grouping of boxes, a tenth of the parse;
    # nothing below depends on their order
    laparams = LAParams(boxes_flow=None)
    for number, layout in enumerate(extract_pages(pdf, laparams=laparams), 1):
        top, bottom = layout.height - top_margin, bottom_margin
        lowest = top
        head: list[tuple[float, str]] = []
        fonts: set[str] = set()
        for element in layout:
            if isinstance(element, LTTextContainer):
                for line in element:
                    if not isinstance(line, LTTextLine):
                        continue
                    fonts.update(c.fontname.split("+")[-1] for c in line if isinstance(c, LTChar))
                    text = line.get_text().strip()
                    words.update(_bare(w) for w in text.split())
                    if line.y0 >= top - 1 and text:
                        head.append((-line.y1, text))
            if element.y0 >= top - 1 or element.y1 <= bottom + 1:
                continue  # the running head and the footer
            lowest = min(lowest, element.y0)
        fill = (top - lowest) / (top - bottom)
        lines: dict[int, list[str]] = {}  # pieces on one baseline make one line
        for y, text in sorted(head):
            lines.setdefault(round(y), []).append(text)
        pages.append(Page(number, fill, list(lines.values()), fonts))
    return pages, words


def _table_words(docx: bytes) -> Iterator[str]:
    doc = open_docx(docx)
    for cell in doc.element.body.iter(qn("w:tc")):
        # a line break in a cell separates words as a space does
        text = "".join(
            (el.text or "") if el.tag == qn("w:t") else " "
            for el in cell.iter(qn("w:t"), qn("w:br"), qn("w:tab"), qn("w:p"))
        )
        for word in text.split():
            bare = _bare(word)
            if bare:
                yield bare


def test_every_word_handout_converts_without_calibri(pdfs: list[Rendered]):
    used = set().union(*(page.fonts for r in pdfs for page in r.pages()))
    assert used, "no text in the PDFs"
    assert not {f for f in used if re.search("calibri|carlito", f, re.I)}, used


def test_no_word_of_a_table_is_broken_across_lines(pdfs: list[Rendered]):
    broken = {}
    for r in pdfs:
        words = r.words()
        lost = sorted({w for w in _table_words(r.docx) if w not in words})
        if lost:
            broken[r.name] = lost
    assert not broken, f"table words broken across lines (or lost): {broken}"


def test_no_page_but_the_last_is_nearly_empty(pdfs: list[Rendered]):
    empty = {
        r.name: [(p.number, round(p.fill, 2)) for p in r.pages()[:-1] if p.fill < MIN_FILL]
        for r in pdfs
    }
    assert not {k: v for k, v in empty.items() if v}, empty


def test_the_running_head_stays_on_one_line(pdfs: list[Rendered]):
    wrapped = {r.name: p.head_lines for r in pdfs for p in r.pages() if len(p.head_lines) != 1}
    assert not wrapped, wrapped


def test_the_checks_catch_a_broken_heading_and_a_nearly_empty_page(converted: Converted):
    """The checks above can fail: the control document's column is too narrow for its
    heading, and it has a page holding one line before a page break."""
    control = converted.control
    assert CONTROL_WORD not in control.words()
    fills = [p.fill for p in control.pages()]
    assert len(fills) == 2 and fills[0] < MIN_FILL, fills
