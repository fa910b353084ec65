"""An Excel workbook of text cells, written as XML directly.

The workbooks pdp-lint exports hold only text cells with a handful of styles, frozen
header rows, column widths, one filter and a hidden sheet. openpyxl built them through
an object per cell and a style lookup per styled cell, and its import alone cost more
than writing a workbook; this module writes the same parts as strings, **byte for byte
what openpyxl 3.1.5 writes** for them (its application name included), so workbooks
exported before and after compare equal. ``tests/exporters/test_xlsx_writer.py`` checks
that against openpyxl itself. openpyxl still reads workbooks back (``pdp-lint import``).

Strings are written as openpyxl writes them: inline (``t="inlineStr"``), cut at 32,767
characters, in ASCII with character references, with ``xml:space="preserve"`` when
they start or end with white space. Style ids are numbered in order of first use, as
openpyxl numbers them.
"""

from __future__ import annotations

import functools
import io
import operator
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from exporters.xml_text import element_text

#: what Excel holds in one cell; openpyxl cuts a longer string there
MAX_CELL = 32767
#: the application openpyxl names in docProps/app.xml (the bytes stay as they were)
_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    'properties"><Application>Microsoft Excel Compatible / Openpyxl 3.1.5</Application>'
    "<AppVersion>3.1</AppVersion></Properties>"
)
_THEME = Path(__file__).with_name("assets") / "xlsx-theme1.xml"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# fonts, fills and alignments as openpyxl writes them; index 0 of each is the default
DEFAULT_FONT = (
    '<font><name val="Calibri"/><family val="2"/><color theme="1"/><sz val="11"/>'
    '<scheme val="minor"/></font>'
)
BOLD_FONT = '<font><b val="1"/></font>'
_EMPTY_FILL = "<fill><patternFill/></fill>"
_GRAY_FILL = '<fill><patternFill patternType="gray125"/></fill>'


def font(*, color: str | None = None, size: int | None = None) -> str:
    """A font with ``color`` (RRGGBB) and ``size`` points, as a ``<font>`` element."""
    parts = []
    if color is not None:
        parts.append(f'<color rgb="00{color}"/>')
    if size is not None:
        parts.append(f'<sz val="{size}"/>')
    return f"<font>{''.join(parts)}</font>"


def solid_fill(color: str) -> str:
    """A solid fill of ``color`` (RRGGBB), as a ``<fill>`` element."""
    return f'<fill><patternFill patternType="solid"><fgColor rgb="00{color}"/></patternFill></fill>'


def alignment(*, vertical: str | None = None, wrap: bool = False) -> str:
    """An ``<alignment>`` element (an xf's alignment)."""
    attrs = f' vertical="{vertical}"' if vertical else ""
    if wrap:
        attrs += ' wrapText="1"'
    return f"<alignment{attrs}/>"


@dataclass(frozen=True, slots=True, eq=False)
class Style:
    """What a cell looks like: a font, a fill and an alignment (None: the default).

    Styles compare by identity (a quick lookup); two equal ones still share a format.
    """

    font: str | None = None
    fill: str | None = None
    alignment: str | None = None


PLAIN = Style()


class _Indexed:
    """Values numbered in order of first use, the first given up front."""

    def __init__(self, *first: str | None) -> None:
        self.values: list[str | None] = list(first)
        self._ids = {v: n for n, v in enumerate(self.values)}

    def id(self, value: str | None) -> int:
        found = self._ids.get(value)
        if found is None:
            found = self._ids[value] = len(self.values)
            self.values.append(value)
        return found


class _Styles:
    """The workbook's style sheet, built as cells are written."""

    def __init__(self) -> None:
        self.fonts = _Indexed(DEFAULT_FONT)
        self.fills = _Indexed(_EMPTY_FILL, _GRAY_FILL)
        self.alignments = _Indexed(None)
        #: (font id, fill id, alignment id) of each cell format
        self.xfs: list[tuple[int, int, int]] = [(0, 0, 0)]
        self._xf_ids = {(0, 0, 0): 0}
        self._by_style: dict[Style, int] = {}

    def xf(self, style: Style) -> int:
        """The cell format id of ``style`` (0, the default, for an unstyled cell)."""
        found = self._by_style.get(style)
        if found is not None:
            return found
        key = (
            0 if style.font is None else self.fonts.id(style.font),
            0 if style.fill is None else self.fills.id(style.fill),
            self.alignments.id(style.alignment),
        )
        found = self._xf_ids.get(key)
        if found is None:
            found = self._xf_ids[key] = len(self.xfs)
            self.xfs.append(key)
        self._by_style[style] = found
        return found

    def xml(self) -> str:
        fonts = "".join(f for f in self.fonts.values if f is not None)
        fills = "".join(f for f in self.fills.values if f is not None)
        xfs = []
        for font_id, fill_id, align_id in self.xfs:
            head = f'<xf numFmtId="0" fontId="{font_id}" fillId="{fill_id}" borderId="0"'
            tail = ' pivotButton="0" quotePrefix="0" xfId="0"'
            if align_id:
                xfs.append(
                    f'{head} applyAlignment="1"{tail}>{self.alignments.values[align_id]}</xf>'
                )
            else:
                xfs.append(f"{head}{tail}/>")
        return (
            f'<styleSheet xmlns="{_MAIN}"><numFmts count="0"/>'
            f'<fonts count="{len(self.fonts.values)}">{fonts}</fonts>'
            f'<fills count="{len(self.fills.values)}">{fills}</fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            f'borderId="0"/></cellStyleXfs><cellXfs count="{len(self.xfs)}">{"".join(xfs)}'
            '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" '
            'hidden="0"/></cellStyles><tableStyles count="0" '
            'defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
            f"<colors><indexedColors>{_INDEXED_COLORS}</indexedColors></colors></styleSheet>"
        )


#: the 64 colours of the legacy palette, as openpyxl writes them into every workbook
_PALETTE = (
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 "
    "0000FF FFFF00 FF00FF 00FFFF 800000 008000 000080 808000 800080 008080 C0C0C0 808080 "
    "9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF 000080 FF00FF FFFF00 00FFFF "
    "800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 "
    "3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 "
    "993300 993366 333399 333333"
)
_INDEXED_COLORS = "".join(f'<rgbColor rgb="00{c}"/>' for c in _PALETTE.split(" "))


class IllegalCharacter(ValueError):
    """A cell text with a control character no workbook can hold."""

    def __init__(self, text: str, char: str) -> None:
        super().__init__(f"U+{ord(char):04X}")
        self.text = text
        self.char = char


class TooLong(ValueError):
    """A cell text longer than a worksheet cell holds (:data:`MAX_CELL` characters):
    cut, it would come back from the workbook as an edit of the text."""

    def __init__(self, text: str) -> None:
        super().__init__(f"{len(text):,} characters")
        self.text = text


#: the control characters a worksheet cannot hold (openpyxl refuses the same)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ILLEGAL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])


def _check(text: str) -> None:
    found = _ILLEGAL.search(text)
    if found is not None:
        raise IllegalCharacter(text, found.group())


def _escaped(text: str) -> str:
    """``text`` as libxml2 writes element text in ASCII: ``& < >`` and carriage returns
    escaped, every other non-ASCII character as a decimal character reference."""
    text = element_text(text)
    if text.isascii():
        return text
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def column_letter(column: int) -> str:
    """``1`` -> ``A``, ``27`` -> ``AA``."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@functools.lru_cache(maxsize=256)
def _letter(column: int) -> str:
    return column_letter(column)


@dataclass(slots=True)
class Sheet:
    """A worksheet of text cells; row 1 is a frozen header."""

    title: str
    hidden: bool = False
    #: column number -> width in characters
    widths: dict[int, int] = field(default_factory=dict)
    #: the area of the filter on the header row (``A1:J102``), if any
    auto_filter: str | None = None
    #: row number -> [(column, text, style)], rows and columns added in order
    rows: dict[int, list[tuple[int, str, Style]]] = field(default_factory=dict)

    def cell(self, row: int, column: int, value: str, style: Style = PLAIN) -> None:
        """A text cell (never a formula, whatever the text starts with); a text longer
        than a cell holds is refused, never cut (:class:`TooLong`)."""
        if len(value) > MAX_CELL:
            raise TooLong(value)
        self.rows.setdefault(row, []).append((column, value, style))

    def _columns(self) -> int:
        return max((c for cells in self.rows.values() for c, _, _ in cells), default=0)

    def dimension(self) -> str:
        if not self.rows:
            return "A1:A1"
        columns = [c for cells in self.rows.values() for c, _, _ in cells]
        return f"{_letter(min(columns))}{min(self.rows)}:{_letter(max(columns))}{max(self.rows)}"

    def xml(self, styles: _Styles) -> bytes:
        out = [
            f'<worksheet xmlns="{_MAIN}"><sheetPr><outlinePr summaryBelow="1" '
            f'summaryRight="1"/><pageSetUpPr/></sheetPr><dimension ref="{self.dimension()}"/>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" '
            'activeCell="A1" sqref="A1"/></sheetView></sheetViews><sheetFormatPr '
            'baseColWidth="8" defaultRowHeight="15"/>'
        ]
        if self.widths:
            out.append("<cols>")
            out.extend(
                f'<col width="{width}" customWidth="1" min="{c}" max="{c}"/>'
                for c, width in sorted(self.widths.items())
            )
            out.append("</cols>")
        out.append("<sheetData>")
        letters = [""] + [column_letter(c) for c in range(1, self._columns() + 1)]
        # ' s="n"' for each style, numbered as the cells are written
        attributes: dict[int, str] = {}
        first = operator.itemgetter(0)
        for r in sorted(self.rows):
            out.append(f'<row r="{r}">')
            for c, value, style in sorted(self.rows[r], key=first):
                s = attributes.get(id(style))
                if s is None:
                    xf = styles.xf(style)
                    s = attributes[id(style)] = f' s="{xf}"' if xf else ""
                if not value:
                    out.append(f'<c r="{letters[c]}{r}"{s} t="inlineStr"></c>')
                elif value != value.strip():
                    out.append(
                        f'<c r="{letters[c]}{r}"{s} t="inlineStr"><is><t xml:space="preserve">'
                        f"{_escaped(value)}</t></is></c>"
                    )
                else:
                    out.append(
                        f'<c r="{letters[c]}{r}"{s} t="inlineStr"><is><t>{_escaped(value)}'
                        "</t></is></c>"
                    )
            out.append("</row>")
        out.append("</sheetData>")
        if self.auto_filter is not None:
            out.append(f'<autoFilter ref="{self.auto_filter}"/>')
        out.append(
            '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" '
            'footer="0.5"/></worksheet>'
        )
        data = "".join(out).encode("ascii")
        # the sheet is ASCII: one pass over its bytes tells whether a control character
        # is in it, and only then which cell has it
        if len(data.translate(None, _ILLEGAL_BYTES)) != len(data):
            for cells in self.rows.values():
                for _, value, _ in cells:
                    _check(value)
        return data


def _core(creator: str | None, title: str | None, when: datetime) -> str:
    dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    terms = (
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF"'
    )
    stamp = when.isoformat(timespec="seconds") + "Z"
    out = [
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">'
    ]
    for tag, value in (("creator", creator), ("title", title)):
        if value is None:
            continue
        _check(value)
        out.append(
            f"<dc:{tag} {dc}>{element_text(value)}</dc:{tag}>" if value else f"<dc:{tag} {dc}/>"
        )
    out.append(f"<dcterms:created {terms}>{stamp}</dcterms:created>")
    out.append(f"<dcterms:modified {terms}>{stamp}</dcterms:modified>")
    out.append("</cp:coreProperties>")
    return "".join(out)


def _workbook(sheets: Sequence[Sheet]) -> str:
    entries = "".join(
        f'<sheet xmlns:r="{_R}" name="{s.title}" sheetId="{n}" '
        f'state="{"hidden" if s.hidden else "visible"}" r:id="rId{n}"/>'
        for n, s in enumerate(sheets, 1)
    )
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"'{s.title}'!{_absolute(s.auto_filter)}</definedName>"
        for n, s in enumerate(sheets)
        if s.auto_filter is not None
    )
    return (
        f'<workbook xmlns="{_MAIN}"><workbookPr/><workbookProtection/><bookViews>'
        '<workbookView visibility="visible" minimized="0" showHorizontalScroll="1" '
        'showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" '
        'activeTab="0" autoFilterDateGrouping="1"/></bookViews>'
        f"<sheets>{entries}</sheets>"
        + (f"<definedNames>{names}</definedNames>" if names else "")
        + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _absolute(area: str) -> str:
    """``A1:J102`` -> ``$A$1:$J$102``."""
    corners = []
    for corner in area.split(":"):
        digits = len(corner) - len(corner.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        corners.append(f"${corner[:digits]}${corner[digits:]}")
    return ":".join(corners)


def _workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Type="{_DOC_REL}/worksheet" Target="/xl/worksheets/sheet{n}.xml" '
        f'Id="rId{n}"/>'
        for n in range(1, count + 1)
    )
    return (
        f'<Relationships xmlns="{_REL}">{sheets}'
        f'<Relationship Type="{_DOC_REL}/styles" Target="styles.xml" Id="rId{count + 1}"/>'
        f'<Relationship Type="{_DOC_REL}/theme" Target="theme/theme1.xml" '
        f'Id="rId{count + 2}"/></Relationships>'
    )


_ROOT_RELS = (
    f'<Relationships xmlns="{_REL}"><Relationship Type="{_DOC_REL}/officeDocument" '
    'Target="xl/workbook.xml" Id="rId1"/><Relationship '
    f'Type="{_REL}/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/>'
    f'<Relationship Type="{_DOC_REL}/extended-properties" Target="docProps/app.xml" '
    'Id="rId3"/></Relationships>'
)


def _content_types(count: int) -> str:
    office = "application/vnd.openxmlformats-officedocument"
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
        f'ContentType="{office}.spreadsheetml.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{office}.spreadsheetml.styles+xml"/>'
        f'<Override PartName="/xl/theme/theme1.xml" ContentType="{office}.theme+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.'
        'openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" '
        f'ContentType="{office}.extended-properties+xml"/>{sheets}'
        f'<Override PartName="/xl/workbook.xml" ContentType="{office}.spreadsheetml.sheet.'
        'main+xml"/></Types>'
    )


@functools.cache
def _theme() -> bytes:
    return _THEME.read_bytes()


#: every zip entry gets this date, so the same workbook gives the same bytes
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def workbook(
    sheets: Sequence[Sheet], *, creator: str | None, title: str | None, when: datetime
) -> bytes:
    """The .xlsx bytes of ``sheets``, with these document properties (``when`` naive UTC)."""
    styles = _Styles()
    # sheets are written first: cell formats are numbered as the cells are written
    sheet_parts = [
        (f"xl/worksheets/sheet{n}.xml", sheet.xml(styles)) for n, sheet in enumerate(sheets, 1)
    ]
    parts: list[tuple[str, bytes]] = [
        ("docProps/app.xml", _APP.encode("ascii")),
        # openpyxl writes the properties in UTF-8, the sheets in ASCII
        ("docProps/core.xml", _core(creator, title, when).encode("utf-8")),
        ("xl/theme/theme1.xml", _theme()),
        *sheet_parts,
        ("xl/styles.xml", styles.xml().encode("ascii")),
        ("_rels/.rels", _ROOT_RELS.encode("ascii")),
        ("xl/workbook.xml", _workbook(sheets).encode("ascii")),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)).encode("ascii")),
        ("[Content_Types].xml", _content_types(len(sheets)).encode("ascii")),
    ]
    return _zip(parts)


def _zip(parts: Iterable[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:
            entry = zipfile.ZipInfo(name, _ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    return out.getvalue()
