"""Make ``exporters/assets/reference.docx``, the template every Word handout is built on.

Run ``python -m exporters.reference_docx`` after changing a style here and commit both
this file and the generated document. The result starts from python-docx's default
template, turns it into an A4 page, and gives the named styles the handouts use their
look. The body shows one sample paragraph per style, so an organisation can open the file
in Word, restyle it and pass it to ``pdp-lint export --template`` (the sample content is
never copied into a handout).
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

#: the date stamped into the reference document; it changes only with its content
STAMP = datetime(2024, 1, 1, tzinfo=UTC)

BODY_FONT = "Calibri"
INK = "1A1A1A"
NAVY = "1F3864"
BLUE = "2F5496"
GREY = "404040"
RULE = "A6A6A6"
HEADER_FILL = "D9E2F3"
NOTICE_FILL = "FFF2CC"
NOTICE_RULE = "BF8F00"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def build() -> bytes:
    """The reference document as .docx bytes (identical on every run)."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml
    from docx.shared import Cm, Pt, RGBColor

    from exporters.docx_builder import normalise_zip

    doc: Any = Document()
    _drop_parts(doc)
    _drop_table_styles(doc)

    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)

    styles = doc.styles

    def paragraph_style(
        name: str,
        *,
        size: float | None = None,
        bold: bool | None = None,
        italic: bool | None = None,
        color: str | None = None,
        before: float | None = None,
        after: float | None = None,
        keep: bool | None = None,
        base: str | None = None,
    ) -> Any:
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.quick_style = True
        if base is not None:
            style.base_style = styles[base]
        font = style.font
        font.name = BODY_FONT
        if size is not None:
            font.size = Pt(size)
        if bold is not None:
            font.bold = bold
        if italic is not None:
            font.italic = italic
        if color is not None:
            font.color.rgb = RGBColor.from_string(color)
        fmt = style.paragraph_format
        if before is not None:
            fmt.space_before = Pt(before)
        if after is not None:
            fmt.space_after = Pt(after)
        if keep is not None:
            fmt.keep_with_next = keep
        return style

    normal = paragraph_style("Normal", size=10.5, color=INK, before=0, after=6)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.widow_control = True

    title = paragraph_style("Title", size=24, bold=True, color=NAVY, after=4)
    _set_bottom_border(title, NAVY, 8)
    paragraph_style("Subtitle", size=12.5, italic=False, color=GREY, after=10)
    _theme_free(styles["Subtitle"])
    paragraph_style("Heading 1", size=15, bold=True, color=NAVY, before=18, after=6, keep=True)
    paragraph_style("Heading 2", size=12.5, bold=True, color=BLUE, before=12, after=4, keep=True)
    paragraph_style("Heading 3", size=11, bold=True, color=NAVY, before=10, after=3, keep=True)
    paragraph_style(
        "Heading 4", size=10.5, bold=True, italic=False, color=GREY, before=8, after=2, keep=True
    )
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        _theme_free(styles[name])
    paragraph_style("List Bullet", after=3)
    example = paragraph_style("Example", base="Normal", size=10, color=GREY, after=3)
    example.paragraph_format.left_indent = Cm(0.635)
    paragraph_style("Meta", base="Normal", size=9.5, color=GREY, after=2)
    # the first prose under a title block or a role's heading: set off from the meta line
    paragraph_style("Lead", base="Normal", before=10, after=8)
    notice = paragraph_style("Notice", base="Normal", before=4, after=8)
    notice.paragraph_format.left_indent = Cm(0.3)
    notice.paragraph_format.right_indent = Cm(0.3)
    _set_notice_box(notice)
    table_text = paragraph_style("Table Text", base="Normal", size=10, before=0, after=0)
    table_text.paragraph_format.line_spacing = 1.0
    toc_heading = paragraph_style("TOC Heading", color=NAVY, before=12, after=6)
    toc_heading.hidden = False
    toc_heading.unhide_when_used = False
    paragraph_style("Header", size=8.5, color=GREY, after=0)
    paragraph_style("Footer", size=8.5, color=GREY, after=0)

    element = styles.element
    for level, indent in ((1, 0), (2, 284), (3, 567)):
        element.append(
            parse_xml(
                f'<w:style xmlns:w="{_W}" w:type="paragraph" w:styleId="TOC{level}">'
                f'<w:name w:val="toc {level}"/><w:basedOn w:val="Normal"/>'
                '<w:next w:val="Normal"/><w:uiPriority w:val="39"/><w:unhideWhenUsed/>'
                f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9628"/></w:tabs>'
                f'<w:spacing w:before="{60 if level == 1 else 0}" w:after="40"/>'
                f'<w:ind w:left="{indent}"/></w:pPr>'
                f"<w:rPr>{'<w:b/>' if level == 1 else ''}</w:rPr></w:style>"
            )
        )
    element.append(
        parse_xml(
            f'<w:style xmlns:w="{_W}" w:type="table" w:customStyle="1" w:styleId="HandoutTable">'
            '<w:name w:val="Handout Table"/><w:basedOn w:val="TableNormal"/>'
            '<w:uiPriority w:val="59"/><w:qFormat/>'
            '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            "<w:tblPr><w:tblBorders>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders><w:tblCellMar>"
            '<w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/>'
            f'<w:color w:val="{NAVY}"/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr>'
            f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>'
            "</w:tblStylePr>"
            '<w:tblStylePr w:type="firstCol"><w:rPr><w:b/></w:rPr></w:tblStylePr>'
            "</w:style>"
        )
    )

    cp = doc.core_properties
    cp.title = "Handout template"
    cp.subject = "Styles of the pdp-lint handouts"
    cp.author = "pdp-lint"
    cp.last_modified_by = "pdp-lint"
    cp.keywords = "pdp-lint, reference document, styles"
    cp.comments = "Restyle the named styles, keep their names, and pass the file to --template."
    cp.category = "Template"
    cp.revision = 1
    cp.created = cp.modified = STAMP.replace(tzinfo=None)

    _samples(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return normalise_zip(raw.getvalue(), STAMP)


def _drop_parts(doc: Any) -> None:
    """Leave out parts of the default template that would be stale or misleading.

    ``stylesWithEffects.xml`` is a Word 2010 copy of the styles that would not follow our
    changes; the thumbnail shows an empty page of another document.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    package = part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)


def _drop_table_styles(doc: Any) -> None:
    """Keep only the plain table styles; Word brings its gallery of built-in table styles
    with it, and ~150 copies of them would make every handout slower to build and open."""
    from docx.oxml.ns import qn

    keep = {"TableNormal", "TableGrid"}
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in keep:
            styles.remove(style)


def _theme_free(style: Any) -> None:
    """Drop theme font and colour references so the explicit font and colour apply."""
    from docx.oxml.ns import qn

    rpr = style.element.rPr
    if rpr is None:
        return
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
    color = rpr.find(qn("w:color"))
    if color is not None:
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attr), None)


def _set_bottom_border(style: Any, color: str, size: int) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    ppr = style.element.get_or_add_pPr()
    old = ppr.find(qn("w:pBdr"))
    if old is not None:
        ppr.remove(old)
    border = parse_xml(
        f'<w:pBdr xmlns:w="{_W}"><w:bottom w:val="single" w:sz="{size}" w:space="4" '
        f'w:color="{color}"/></w:pBdr>'
    )
    _insert_ppr(ppr, border)


def _set_notice_box(style: Any) -> None:
    from docx.oxml import parse_xml

    ppr = style.element.get_or_add_pPr()
    _insert_ppr(
        ppr,
        parse_xml(
            f'<w:pBdr xmlns:w="{_W}"><w:left w:val="single" w:sz="24" w:space="6" '
            f'w:color="{NOTICE_RULE}"/></w:pBdr>'
        ),
    )
    _insert_ppr(
        ppr,
        parse_xml(f'<w:shd xmlns:w="{_W}" w:val="clear" w:color="auto" w:fill="{NOTICE_FILL}"/>'),
    )


# w:pPr children in schema order, as far as the styles here use them
_PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
)


def _insert_ppr(ppr: Any, element: Any) -> None:
    """Insert ``element`` into ``ppr`` at its schema position."""
    name = element.tag.rsplit("}", 1)[1]
    rank = _PPR_ORDER.index(name)
    for child in ppr:
        child_name = child.tag.rsplit("}", 1)[1]
        if child_name in _PPR_ORDER and _PPR_ORDER.index(child_name) > rank:
            child.addprevious(element)
            return
    ppr.append(element)


def _samples(doc: Any) -> None:
    doc.add_paragraph("Title", style="Title")
    doc.add_paragraph("Subtitle: the path, level and framework", style="Subtitle")
    doc.add_paragraph("Meta: owner, version and date", style="Meta")
    doc.add_paragraph("Lead: a role's summary or a framework's introduction", style="Lead")
    doc.add_paragraph("Contents", style="TOC Heading")
    for level in (1, 2, 3):
        doc.add_paragraph(f"toc {level}: a contents entry", style=f"toc {level}")
    doc.add_paragraph("Heading 1: a competency or a part", style="Heading 1")
    doc.add_paragraph("Normal: body text, such as the description of a competency.", style="Normal")
    doc.add_paragraph("Heading 2: Behaviors", style="Heading 2")
    doc.add_paragraph("List Bullet: one behavior", style="List Bullet")
    example = doc.add_paragraph(style="Example")
    example.add_run("Example", style="Strong")
    example.add_run("\u2002Example: an example of the behavior above")
    doc.add_paragraph("Heading 3: a role in the framework handout", style="Heading 3")
    doc.add_paragraph("Heading 4: a label inside a role", style="Heading 4")
    doc.add_paragraph("Notice: a path that is coming soon", style="Notice")
    table = doc.add_table(rows=2, cols=2)
    table.style = "Handout Table"
    rows = (("Handout Table", "header row"), ("Table Text", "a cell"))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.paragraphs[0].style = "Table Text"
            cell.paragraphs[0].add_run(value)


def prepared_json() -> str:
    """The bundled reference document prepared for handouts, as REFERENCE_PREPARED holds it
    (for every builder that adds styles of its own)."""
    import json

    from exporters.changes_docx import ChangesBuilder
    from exporters.docx_builder import DocxBuilder, _prepare_cached, reference_prepared_data

    _prepare_cached.cache_clear()
    data = reference_prepared_data([DocxBuilder, ChangesBuilder])
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the reference document (to the bundled path, or to the one path given) and,
    for the bundled one, the same prepared for handouts (REFERENCE_PREPARED)."""
    from exporters.docx_builder import REFERENCE, REFERENCE_PREPARED, _reference_bytes

    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else REFERENCE
    from pdp_lint.atomic import write_bytes_atomic, write_text_atomic

    write_bytes_atomic(target, build())
    print(f"wrote {target}")
    if not args:
        _reference_bytes.cache_clear()
        write_text_atomic(REFERENCE_PREPARED, prepared_json())
        print(f"wrote {REFERENCE_PREPARED}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
