"""Word documents built from the named styles of a template.

The builder never sets a font, size or colour: every paragraph, run and table gets a
named style (``Heading 2``, ``List Bullet``, ``Example``, ``Handout Table`` ...), so an
organisation restyles every handout by editing the styles of its own template. Styles a
custom template lacks are copied from the bundled reference document, the way pandoc
treats a reference document.

Each handout's body, running head and foot and document properties are written as XML
text; python-docx opens and prepares the template once per run (see ``_Prepared``; the
bundled one ships prepared), and every part that is the same for each handout is packed
once. The bytes are those python-docx's object layer gave
(``tests/exporters/test_docx_builder.py`` compares them).

python-docx is imported only where a template is prepared, never at command-line start.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporters.errors import ExportError
from exporters.storable import storable
from exporters.text_width import fit_widths, longest_word
from exporters.views import Meta
from exporters.xml_text import element_text as _text
from exporters.zip_pack import Entry, pack_entries

if TYPE_CHECKING:
    from docx.shared import Emu

# python-docx (and lxml) are imported where a template is prepared: a run on the
# bundled template, shipped ready, does not load them at all


def qn(tag: str) -> str:
    """The Clark name of ``tag`` (``w:p``), as python-docx's qn gives it."""
    from docx.oxml.ns import qn as docx_qn

    name: str = docx_qn(tag)
    return name


#: the bundled template; ``python -m exporters.reference_docx`` regenerates it
REFERENCE = Path(__file__).with_name("assets") / "reference.docx"
#: the bundled template prepared for handouts (see _Prepared), made with it
REFERENCE_PREPARED = Path(__file__).with_name("assets") / "reference-prepared.json"

#: every style the handouts use; a template without one gets it from REFERENCE
#: (Word keeps the built-in table-of-contents styles as ``toc 1`` ... in lower case)
PARAGRAPH_STYLES = (
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "List Bullet",
    "Example",
    "Meta",
    "Lead",
    "Notice",
    "Table Text",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "toc 3",
    "Header",
    "Footer",
)
CHARACTER_STYLES = ("Strong",)
TABLE_STYLES = ("Handout Table",)


@dataclass(frozen=True, slots=True)
class _Heading:
    level: int
    text: str
    bookmark: str


class Paragraph:
    """A paragraph of the document under construction: its XML so far, without the end
    tag, so that runs can still be added to it."""

    __slots__ = ("parts",)

    def __init__(self, start: str) -> None:
        self.parts = [start]


class DocxBuilder:
    """One Word document under construction.

    The body is written as XML text, in the form lxml gives the elements python-docx
    would make (the bytes are the same); the rest of the package (styles, numbering,
    theme, header and footer around their running text) comes from the template as
    prepared once per run, see :class:`_Prepared`.
    """

    #: a name for the styles a subclass adds to the template (see add_styles), or None
    extra_styles: str | None = None

    def __init__(self, meta: Meta, template: Path | None = None) -> None:
        self.meta = meta
        self._base = _prepared(template)
        self._style_ids = self._base.style_ids(self.extra_styles, type(self).add_styles)
        #: width of the text column, in centimetres
        self.text_width = self._base.text_width
        self._table_text_size = self._base.table_text_size
        self._blocks: list[Paragraph | str] = []
        self._headings: list[_Heading] = []
        self._toc_at: int | None = None

    @staticmethod
    def add_styles(styles: Any) -> dict[str, str]:
        """Add the styles named ``extra_styles`` to the python-docx ``styles`` of the
        prepared template; return their ids by name. Run once per template."""
        return {}

    # --- blocks ---------------------------------------------------------------------

    def style_id(self, name: str) -> str:
        """The id of the style called ``name`` (every handout style exists, see ensure_styles)."""
        return self._style_ids[name]

    def paragraph(
        self,
        text: str = "",
        style: str = "Normal",
        *,
        keep_with_next: bool = False,
        page_break: bool = False,
    ) -> Paragraph:
        """A new paragraph in ``style`` at the end of the document."""
        p = Paragraph(self._paragraph_start(style, keep_with_next, page_break))
        if text:
            self.text(p, text)
        self._blocks.append(p)
        return p

    def _paragraph_start(self, style: str, keep_with_next: bool, page_break: bool) -> str:
        # a heading never ends a page, whatever the template's heading styles say
        keep = "<w:keepNext/>" if keep_with_next or style.startswith("Heading ") else ""
        brk = "<w:pageBreakBefore/>" if page_break else ""
        return f'<w:p><w:pPr><w:pStyle w:val="{_attr(self.style_id(style))}"/>{keep}{brk}</w:pPr>'

    def text(self, paragraph: Paragraph, text: str, style: str | None = None) -> None:
        """Add a run of ``text`` (``\n`` a line break, ``\t`` a tab) to ``paragraph``."""
        paragraph.parts.append(self._run(text, style))

    def _run(self, text: str, style: str | None = None) -> str:
        out = []
        if style is not None:
            out.append(f'<w:rPr><w:rStyle w:val="{_attr(self.style_id(style))}"/></w:rPr>')
        for n, line in enumerate(text.split("\n")):
            if n:
                out.append("<w:br/>")
            for m, piece in enumerate(line.split("\t")):
                if m:
                    out.append("<w:tab/>")
                if piece:
                    out.append(f'<w:t xml:space="preserve">{_text(storable(piece))}</w:t>')
        return f"<w:r>{''.join(out)}</w:r>" if out else "<w:r/>"

    def strong(self, paragraph: Paragraph, text: str) -> None:
        """Add ``text`` to ``paragraph`` in the Strong character style."""
        self.text(paragraph, text, "Strong")

    def labelled(
        self, label: str, text: str, style: str = "Normal", *, keep_with_next: bool = False
    ) -> Paragraph:
        """``label`` in the Strong character style, then ``text``: ``Example 2  Runs ...``."""
        p = self.paragraph(style=style, keep_with_next=keep_with_next)
        self.strong(p, label)
        if text:
            self.text(p, f"{_LABEL_GAP}{text}")
        return p

    def heading(self, text: str, level: int, *, page_break: bool = False) -> Paragraph:
        """A heading; levels 1 and 2 are bookmarked for the table of contents."""
        first = not self._blocks
        p = self.paragraph(style=f"Heading {level}", page_break=page_break and not first)
        run = self._run(text)
        if level <= 2:
            number = len(self._headings) + 1
            name = f"_Toc{number:08d}"
            run = (
                f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>{run}'
                f'<w:bookmarkEnd w:id="{number}"/>'
            )
            self._headings.append(_Heading(level, text, name))
        p.parts.append(run)
        return p

    def bullet(self, text: str, *, keep_with_next: bool = False) -> Paragraph:
        return self.paragraph(text, "List Bullet", keep_with_next=keep_with_next)

    def bullets(self, texts: Iterable[str], *, keep_together: bool = False) -> None:
        """One bullet per text; ``keep_together`` keeps them on one page with what follows."""
        for text in texts:
            self.bullet(text, keep_with_next=keep_together)

    def table(
        self,
        header: Sequence[str] | None,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        first_column: bool = False,
        strong_columns: Sequence[int] = (),
        align_centre_from: int | None = None,
        min_height: float | None = None,
        keep_with_next: bool = False,
    ) -> None:
        """A table in the Handout Table style, as wide as the text.

        ``widths`` are the relative widths the columns would like; each is widened to hold
        the longest word of its cells without breaking it, in the widest fallback font
        (see exporters.text_width), at the expense of the others. The text of
        ``strong_columns`` is in the Strong style (labels of a form). The header row
        repeats on every page and no row splits across pages; ``keep_with_next`` keeps
        the table on the page of what follows it.
        """
        all_rows = ([list(header)] if header is not None else []) + [list(r) for r in rows]
        size = self._table_text_size

        def bold(r: int, c: int) -> bool:
            return (
                (header is not None and r == 0) or c in strong_columns or (first_column and c == 0)
            )

        minimums = [
            max(longest_word(row[c], size, bold=bold(r, c)) for r, row in enumerate(all_rows))
            + _CELL_ROOM
            for c in range(len(widths))
        ]
        twips = [_twips(w) for w in fit_widths(widths, minimums, self.text_width)]
        first_row = header is not None
        bits = (0x20 if first_row else 0) | (0x80 if first_column else 0) | 0x200 | 0x400
        # what python-docx's add_table, style, alignment, autofit and widths make of it
        out = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{_attr(self.style_id("Handout Table"))}"/>'
            '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="left"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:firstColumn="{int(first_column)}" w:firstRow="{int(first_row)}" '
            'w:lastColumn="0" w:lastRow="0" w:noHBand="1" w:noVBand="1" '
            f'w:val="{bits:04X}"/></w:tblPr><w:tblGrid>',
            *(f'<w:gridCol w:w="{t}"/>' for t in twips),
            "</w:tblGrid>",
        ]
        height = (
            f'<w:trHeight w:val="{_twips(min_height)}" w:hRule="atLeast"/>'
            if min_height is not None
            else ""
        )
        keep = "<w:keepNext/>" if keep_with_next else ""
        text_style = _attr(self.style_id("Table Text"))
        cell_starts = [
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{t}"/></w:tcPr><w:p><w:pPr>'
            f'<w:pStyle w:val="{text_style}"/>{keep}'
            + (
                '<w:jc w:val="center"/>'
                if align_centre_from is not None and c >= align_centre_from
                else ""
            )
            + "</w:pPr>"
            for c, t in enumerate(twips)
        ]
        for r, values in enumerate(all_rows):
            if len(values) != len(twips):
                raise ValueError(f"row {r} has {len(values)} cells for {len(twips)} columns")
            repeat = "<w:tblHeader/>" if header is not None and r == 0 else ""
            out.append(f"<w:tr><w:trPr><w:cantSplit/>{height}{repeat}</w:trPr>")
            for c, value in enumerate(values):
                out.append(cell_starts[c])
                if value:
                    out.append(self._run(value, "Strong" if c in strong_columns else None))
                out.append("</w:p></w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self._blocks.append("".join(out))
        # Word merges adjacent tables without a paragraph between them
        self.paragraph(style="Table Text", keep_with_next=keep_with_next)

    def notes_box(self, label: str, height: float) -> None:
        """An empty box to write in, ``height`` centimetres tall, titled ``label``, kept on
        the page of what follows it (a rating row)."""
        self.labelled(label, "", "Table Text", keep_with_next=True)
        self.table(None, [[""]], [1.0], min_height=height, keep_with_next=True)

    def contents(self, title: str = "Contents") -> None:
        """Where the table of contents goes; it is filled in when the document is saved."""
        self.paragraph(title, "TOC Heading")
        self._toc_at = len(self._blocks)
        self.paragraph()

    # --- saving ---------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The document as .docx bytes, the same for the same content."""
        blocks: list[Paragraph | str] = list(self._blocks)
        if self._toc_at is not None:
            blocks[self._toc_at : self._toc_at + 1] = self._contents()
        body = "".join(
            block if isinstance(block, str) else "".join(block.parts) + "</w:p>" for block in blocks
        )
        return self._base.package(
            body,
            self._running_text(),
            self._core_values(),
            self.meta.locale,
            self.extra_styles,
            self.meta.date,
        )

    # --- internals ------------------------------------------------------------------

    def _core_values(self) -> dict[str, str]:
        m = self.meta
        # Word's document properties hold at most 255 characters each; a longer title
        # (which the schema allows) is shortened there and stays whole in the text;
        # characters Word cannot store are left out
        when = m.date.astimezone(UTC).replace(tzinfo=None, microsecond=0)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        return {
            "title": _property(storable(m.title)),
            "subject": _property(storable(f"{m.kind}, {m.framework_title} version {m.version}")),
            "author": _property(storable(m.owner)),
            "last_modified_by": _property(storable(m.owner)),
            "keywords": _property(storable(", ".join(m.keywords))),
            "category": _property(m.kind),
            "comments": _property(f"Generated by pdp-lint from the framework {m.framework_id}."),
            "language": _property(m.locale),
            "version": _property(m.version),
            "identifier": _property(m.framework_id),
            "created": stamp,
            "modified": stamp,
        }

    def _running_text(self) -> tuple[str, str]:
        """The runs of the running head and foot, added to the paragraphs the template
        got ready for them (see _prepare_head_and_foot), as python-docx's add_run makes
        them."""
        m = self.meta
        head = _plain_run(storable(m.running_head))
        if m.page_title:
            head += _plain_run("\t" + storable(m.page_title))
        foot = (
            _plain_run(f"{m.kind} · {m.date_text}\tPage ")
            + _simple_field("PAGE", "1")
            + _plain_run(" of ")
            + _simple_field("NUMPAGES", "1")
        )
        return head, foot

    def _contents(self) -> list[Paragraph | str]:
        """A TOC field whose result lists the headings, each a link to its bookmark.

        The result carries no page numbers: where a page breaks depends on the fonts of
        the machine that lays the document out, so no number computed here could be
        trusted. Nothing asks the word processor to update fields on opening either (that
        makes Word prompt every time); Word adds page numbers when the reader updates the
        field (F9, or right-click > Update Field), as for any other TOC.
        """
        entries = self._headings or [_Heading(1, "", "")]
        out: list[Paragraph | str] = []
        for n, entry in enumerate(entries):
            p = Paragraph(self._paragraph_start(f"toc {entry.level}", False, False))
            if n == 0:
                p.parts.append(_field_start(r' TOC \o "1-2" \h \z \u '))
            if entry.bookmark:
                p.parts.append(
                    f'<w:hyperlink w:anchor="{_attr(entry.bookmark)}" w:history="1">'
                    f'<w:r><w:t xml:space="preserve">{_text(storable(entry.text))}</w:t></w:r>'
                    "</w:hyperlink>"
                )
            if n == len(entries) - 1:
                p.parts.append(_FLD_END)
            out.append(p)
        return out


_LABEL_GAP = "\u2002"  # an en space between a label and its text
#: centimetres a cell needs beside its text: the Handout Table's cell margins (2 x 85
#: twips) and a little for rounding in the word processor
_CELL_ROOM = 0.4


def _font_size(doc: Any, style_name: str) -> float:
    """The font size of ``style_name`` in points, following its base styles and the
    document defaults (Word's own default is 10 points when nothing says otherwise)."""
    style: Any = next((s for s in doc.styles if s.name == style_name), None)
    while style is not None:
        if style.font.size is not None:
            return float(style.font.size.pt)
        style = style.base_style
    size = doc.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"
    )
    return int(size.get(qn("w:val"))) / 2 if size is not None else 10.0


#: the longest text a Word document property (title, subject, keywords...) may hold
PROPERTY_LIMIT = 255


def _property(text: str) -> str:
    """``text`` as a document property: whole if it fits, else cut at the last word
    boundary that leaves room for an ellipsis."""
    if len(text) <= PROPERTY_LIMIT:
        return text
    cut = text[: PROPERTY_LIMIT - 1]
    space = cut.rfind(" ")
    if space > PROPERTY_LIMIT // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "\u2026"


# --- opening a template and making sure it has the styles ---------------------------


def _open(template: Path | None) -> Any:
    from docx import Document

    if template is None:
        return Document(io.BytesIO(_reference_bytes()))
    try:
        data = template.read_bytes()
    except OSError as exc:
        raise ExportError(f"{template}: cannot read the template: {exc.strerror}", 2) from None
    from exporters.template_zip import TemplateError

    try:
        return Document(io.BytesIO(_checked(data)))
    except TemplateError as exc:
        raise ExportError(
            f"{template}: cannot use this Word template: {exc}; save it again from Word "
            "or use another",
            2,
        ) from None
    except Exception as exc:  # python-docx on a well-formed zip of something else
        raise ExportError(
            f"{template}: not a Word document or template (.docx or .dotx): "
            f"{str(exc) or type(exc).__name__}",
            2,
        ) from None


#: comments marking, in the prepared template's parts, where each handout's text goes
_BODY_MARK = "pdp-lint body 7f3a"
_RUNNING_MARK = "pdp-lint running text 7f3a"
#: the date python-docx is given for the created and modified properties, whose text is
#: then a placeholder like the others'
_DATE_MARK = datetime(1901, 2, 3, 4, 5, 6)
#: the document properties each handout sets, in the order they were always set (a
#: property a template lacks is added after those it has, in this order)
_PROPERTIES = (
    "title",
    "subject",
    "author",
    "last_modified_by",
    "keywords",
    "category",
    "comments",
    "language",
    "version",
    "identifier",
)
#: what lxml refuses to write in XML text
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _placeholder(name: str) -> str:
    """Where the prepared document properties leave the text of property ``name`` open
    (a private-use character either side)."""
    return f"\ue000{name}\ue000"


_PLACEHOLDERS = re.compile("\ue000([a-z_]+)\ue000")


_LOCALE = _placeholder("locale")


class _Prepared:
    """A template made ready for handouts: what every handout built on it shares.

    Opening the template, dropping its sample content, adding the styles it lacks and
    readying its header and footer is done once (see :func:`_prepare`); what comes of it
    is kept as bytes: the parts that are the same for every handout (packed once, see
    zip_pack), and the text before and after the place each handout fills in for the
    others (the body, the running head and foot, the properties, the styles' language).
    The bundled template's are shipped ready (see :func:`_shipped_reference`), so a run
    on it does not load python-docx at all.
    """

    def __init__(
        self,
        *,
        text_width: float,
        table_text_size: float,
        static: dict[str, bytes],
        document: tuple[str, tuple[bytes, bytes]],
        running: list[tuple[str, str, tuple[bytes, bytes]]],
        core: tuple[str, str],
        styles_name: str,
        variants: dict[str | None, tuple[bytes, dict[str, str]]],
        styles_source: Any = None,
    ) -> None:
        self.text_width = text_width
        self.table_text_size = table_text_size
        self._static = {name: Entry(data) for name, data in static.items()}
        self._doc_name, self._document = document
        self._running = running
        self._core_name, self._core = core
        self._styles_name = styles_name
        #: variant -> (styles.xml with the language left open, style ids by name)
        self._variants = dict(variants)
        #: the python-docx styles element new variants are made from, if at hand
        self._styles_source = styles_source
        self._styles: dict[tuple[str | None, str], Entry] = {}

    @classmethod
    def from_doc(cls, doc: Any, text_width: float, table_text_size: float) -> _Prepared:
        """The prepared python-docx document ``doc`` (see _prepare), kept as bytes."""
        from lxml import etree  # type: ignore[import-untyped]

        for element in _w_roots(doc):
            if element.nsmap.get("w") != _W:
                raise ExportError(
                    "this Word template writes WordprocessingML under a prefix other than "
                    "`w`, which handouts cannot be built on; save it again from Word",
                    2,
                )
        styles_source = doc.styles.element
        ids = {s.name: s.style_id for s in doc.styles}
        styles_name = doc.part._styles_part.partname.membername
        body = doc.element.body
        mark = etree.Comment(_BODY_MARK)
        end = body.find(qn("w:sectPr"))
        if end is not None:
            end.addprevious(mark)
        else:
            body.append(mark)
        running: list[tuple[str, str]] = []
        for section in doc.sections:
            for part, which in ((section.header, "head"), (section.footer, "foot")):
                part.paragraphs[-1]._p.append(etree.Comment(_RUNNING_MARK))
                running.append((part.part.partname.membername, which))
        cp = doc.core_properties
        for name in _PROPERTIES:
            setattr(cp, name, _placeholder(name))
        cp.revision = 1
        cp.created = _DATE_MARK
        cp.modified = _DATE_MARK
        for name in ("created", "modified"):  # the element (and its xsi:type) is made
            cp._element.find(qn(f"dcterms:{name}")).text = _placeholder(name)
        core_name = doc.part.package._core_properties_part.partname.membername
        entries = package_entries(doc)
        doc_name = doc.part.partname.membername
        varying = {doc_name, core_name, styles_name, *(n for n, _ in running)}
        return cls(
            text_width=text_width,
            table_text_size=table_text_size,
            static={name: data for name, data in entries.items() if name not in varying},
            document=(doc_name, _split(entries[doc_name], _BODY_MARK, doc_name)),
            running=[
                (name, which, _split(entries[name], _RUNNING_MARK, name)) for name, which in running
            ],
            core=(core_name, entries[core_name].decode("utf-8")),
            styles_name=styles_name,
            variants={None: (_open_language(styles_source), ids)},
            styles_source=styles_source,
        )

    def style_ids(self, variant: str | None, add: Any) -> dict[str, str]:
        """The style ids by name of the template, with the styles ``variant`` adds
        (``add`` adds them to python-docx's styles and gives their ids)."""
        found = self._variants.get(variant)
        if found is None:
            if self._styles_source is None:
                # shipped ready without this variant: prepare the template with python-docx
                fresh = _prepare(None, shipped=False)
                self._styles_source = fresh._styles_source
            from docx.styles.styles import Styles

            element = copy.deepcopy(self._styles_source)
            ids = dict(self._variants[None][1])
            ids.update(add(Styles(element)))
            found = self._variants[variant] = (_open_language(element), ids)
        return found[1]

    def _styles_entry(self, variant: str | None, locale: str) -> Entry:
        key = (variant, locale)
        found = self._styles.get(key)
        if found is None:
            styles = self._variants[variant][0]
            found = self._styles[key] = Entry(
                styles.replace(_LOCALE.encode("utf-8"), _attr(locale).encode("utf-8"))
            )
        return found

    def package(
        self,
        body: str,
        running: tuple[str, str],
        properties: dict[str, str],
        locale: str,
        variant: str | None,
        when: datetime,
    ) -> bytes:
        """The .docx of one handout: its body, running head and foot, and properties."""
        entries = dict(self._static)
        before, after = self._document
        entries[self._doc_name] = Entry(before + body.encode("utf-8") + after)
        head, foot = running
        for name, which, (before, after) in self._running:
            text = head if which == "head" else foot
            entries[name] = Entry(before + text.encode("utf-8") + after)
        for value in properties.values():
            if _NOT_XML.search(value):
                raise ValueError(
                    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or "
                    "control characters"
                )
        # one pass: a value that happens to hold a placeholder's text stays as it is
        core = _PLACEHOLDERS.sub(lambda m: _text(properties.get(m.group(1), m.group())), self._core)
        entries[self._core_name] = Entry(core.encode("utf-8"))
        entries[self._styles_name] = self._styles_entry(variant, locale)
        return pack_entries(entries, _zip_time(when))

    # --- shipped ready ----------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """What this prepared template is, as JSON data (every part is UTF-8 XML)."""
        return {
            "text_width": self.text_width,
            "table_text_size": self.table_text_size,
            "static": {name: e.data.decode("utf-8") for name, e in sorted(self._static.items())},
            "document": [self._doc_name, *(p.decode("utf-8") for p in self._document)],
            "running": [
                [name, which, *(p.decode("utf-8") for p in pieces)]
                for name, which, pieces in self._running
            ],
            "core": [self._core_name, self._core],
            "styles_name": self._styles_name,
            "variants": {
                variant or "": {"styles": styles.decode("utf-8"), "ids": ids}
                for variant, (styles, ids) in sorted(
                    self._variants.items(), key=lambda item: item[0] or ""
                )
            },
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> _Prepared:
        """The prepared template ``to_data`` described."""
        doc_name, before, after = data["document"]
        return cls(
            text_width=float(data["text_width"]),
            table_text_size=float(data["table_text_size"]),
            static={name: text.encode("utf-8") for name, text in data["static"].items()},
            document=(doc_name, (before.encode("utf-8"), after.encode("utf-8"))),
            running=[
                (name, which, (before.encode("utf-8"), after.encode("utf-8")))
                for name, which, before, after in data["running"]
            ],
            core=(data["core"][0], data["core"][1]),
            styles_name=data["styles_name"],
            variants={
                variant or None: (v["styles"].encode("utf-8"), dict(v["ids"]))
                for variant, v in data["variants"].items()
            },
        )


def _open_language(styles: Any) -> bytes:
    """``styles`` serialised with the language of its run defaults left open (_LOCALE)."""
    from lxml import etree

    element = copy.deepcopy(styles)
    _set_language(element, _LOCALE)
    data: bytes = etree.tostring(element, encoding="UTF-8", standalone=True)
    return data


def _w_roots(doc: Any) -> Iterator[Any]:
    """The root elements handout text is written into: the document, headers, footers."""
    yield doc.element
    for section in doc.sections:
        yield section.header._element
        yield section.footer._element


def _split(data: bytes, mark: str, name: str) -> tuple[bytes, bytes]:
    pieces = data.split(f"<!--{mark}-->".encode())
    if len(pieces) != 2:
        raise ExportError(f"the Word template's part {name} cannot be prepared for handouts", 2)
    return pieces[0], pieces[1]


def _set_language(styles: Any, locale: str) -> None:
    """Set the document's default language (in the styles' run defaults) to ``locale``."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = _new("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = _child(defaults, "w:rPrDefault", first=True)
    rpr = _child(rpr_default, "w:rPr")
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), locale)


def _prepared(template: Path | None) -> _Prepared:
    """The prepared ``template``, made once per run (and again if the file changes)."""
    if template is None:
        return _prepare_cached(None)
    try:
        info = template.stat()
    except OSError:
        return _prepare(template)  # _open says what is wrong with it, in one line
    return _prepare_cached((template.absolute(), info.st_mtime_ns, info.st_size))


@functools.lru_cache(maxsize=4)
def _prepare_cached(key: tuple[Path, int, int] | None) -> _Prepared:
    return _prepare(None if key is None else key[0])


def _prepare(template: Path | None, *, shipped: bool = True) -> _Prepared:
    """Open ``template``, drop its sample content, give it every handout style and get
    its header and footer paragraphs ready for the running head and foot. The bundled
    template comes ready from REFERENCE_PREPARED (unless ``shipped`` is false)."""
    if template is None and shipped:
        ready = _shipped_reference()
        if ready is not None:
            return ready
    from docx.shared import Emu

    doc = _open(template)
    body = doc.element.body
    # keep the template's page setup (the last sectPr), drop its sample content
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    # a template asking Word to update fields on opening would make it prompt each time
    for update in doc.settings.element.findall(qn("w:updateFields")):
        update.getparent().remove(update)
    ensure_styles(doc)
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    text_width = float(Emu(width).cm)
    table_text_size = _font_size(doc, "Table Text")
    _prepare_head_and_foot(doc)
    return _Prepared.from_doc(doc, text_width, table_text_size)


def _reference_sha256() -> str:
    import hashlib

    return hashlib.sha256(_reference_bytes()).hexdigest()


def _shipped_reference() -> _Prepared | None:
    """The bundled template as prepared when it was made, if REFERENCE_PREPARED was made
    from the reference document there is now; None otherwise (it is then prepared)."""
    import json

    try:
        data = json.loads(REFERENCE_PREPARED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("reference_sha256") != _reference_sha256():
        return None
    return _Prepared.from_data(data)


def reference_prepared_data(builders: Sequence[type[DocxBuilder]]) -> dict[str, Any]:
    """REFERENCE_PREPARED's content: the bundled template prepared with python-docx, with
    the styles each of ``builders`` adds, and the digest of the reference document."""
    prepared = _prepare(None, shipped=False)
    for builder in builders:
        prepared.style_ids(builder.extra_styles, builder.add_styles)
    return {"reference_sha256": _reference_sha256(), **prepared.to_data()}


def _prepare_head_and_foot(doc: Any) -> None:
    """Give every section's header and footer a last paragraph in the Header (Footer)
    style with one right tab stop at the margin; each handout adds its text to them."""
    for section in doc.sections:
        width = section.page_width - section.left_margin - section.right_margin
        _right_tab(_free_paragraph(section.header, "Header"), width)
        _right_tab(_free_paragraph(section.footer, "Footer"), width)


def check_template(template: Path) -> None:
    """Fail now, with one line, when ``template`` cannot be used; not at the tenth file.

    The template is prepared, once: the handouts of the run use what this prepared."""
    _prepared(template)


@functools.cache
def _reference_bytes() -> bytes:
    return REFERENCE.read_bytes()


@functools.lru_cache(maxsize=4)
def _checked(data: bytes) -> bytes:
    """The template bounded and checked (see :mod:`exporters.template_zip`), once per run."""
    from exporters.template_zip import checked_template

    return checked_template(data)


@functools.cache
def _reference_document() -> Any:
    from docx import Document

    return Document(io.BytesIO(_reference_bytes()))


def missing_styles(doc: Any) -> list[str]:
    """The handout styles ``doc`` does not define."""
    have = {s.name for s in doc.styles}
    return [n for n in (*PARAGRAPH_STYLES, *CHARACTER_STYLES, *TABLE_STYLES) if n not in have]


def ensure_styles(doc: Any) -> None:
    """Copy every handout style ``doc`` lacks from the reference document.

    A copied style brings the styles it is based on or linked to (when missing too) and
    its list numbering, so ``List Bullet`` still shows bullets in a template that never
    used it.
    """
    missing = missing_styles(doc)
    if not missing:
        return
    ref = _reference_document()
    by_name = {s.name: s.element for s in ref.styles}
    by_id = {s.style_id: s.element for s in ref.styles}
    target = doc.styles.element
    have_ids = {s.style_id for s in doc.styles}
    have_names = {s.name for s in doc.styles}
    numbering: dict[str, str] = {}
    copied: list[Any] = []

    def copy_style(element: Any) -> None:
        style_id = element.get(qn("w:styleId"))
        name_el = element.find(qn("w:name"))
        name = name_el.get(qn("w:val")) if name_el is not None else style_id
        if style_id in have_ids or _display_name(name) in have_names:
            return
        have_ids.add(style_id)
        have_names.add(_display_name(name))
        clone = copy.deepcopy(element)
        for tag in ("w:basedOn", "w:link"):
            ref_el = clone.find(qn(tag))
            if ref_el is not None and ref_el.get(qn("w:val")) in by_id:
                copy_style(by_id[ref_el.get(qn("w:val"))])
        num_id = clone.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            old = num_id.get(qn("w:val"))
            if old not in numbering:
                numbering[old] = _copy_numbering(ref, doc, old)
            num_id.set(qn("w:val"), numbering[old])
        target.append(clone)
        copied.append(clone)

    for name in missing:
        if name in by_name:
            copy_style(by_name[name])
    for clone in copied:  # a reference to a style the document does not have is dropped
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref_el = clone.find(qn(tag))
            if ref_el is not None and ref_el.get(qn("w:val")) not in have_ids:
                clone.remove(ref_el)


def _display_name(name: str) -> str:
    """Word stores built-in names in lower case (``heading 1``); python-docx shows them titled."""
    from docx.styles import BabelFish

    return str(BabelFish.internal2ui(name))


def _copy_numbering(ref: Any, doc: Any, num_id: str) -> str:
    """Copy list definition ``num_id`` of the reference into ``doc``; return its new id."""
    src = ref.part.numbering_part.element
    dst = doc.part.numbering_part.element
    num = next(n for n in src.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a for a in src.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id
    )
    used_abstract = [int(a.get(qn("w:abstractNumId"))) for a in dst.findall(qn("w:abstractNum"))]
    used_num = [int(n.get(qn("w:numId"))) for n in dst.findall(qn("w:num"))]
    new_abstract = copy.deepcopy(abstract)
    new_abstract_id = str(max(used_abstract, default=-1) + 1)
    new_abstract.set(qn("w:abstractNumId"), new_abstract_id)
    for pstyle in new_abstract.iter(qn("w:pStyle")):
        pstyle.getparent().remove(pstyle)  # a list does not own a style in the new document
    first_num = dst.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(new_abstract)
    else:
        dst.append(new_abstract)
    new_id = str(max(used_num, default=0) + 1)
    from docx.oxml import parse_xml

    dst.append(
        parse_xml(
            f'<w:num xmlns:w="{_W}" w:numId="{new_id}">'
            f'<w:abstractNumId w:val="{new_abstract_id}"/></w:num>'
        )
    )
    return new_id


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- small XML helpers ------------------------------------------------------------------


@functools.cache
def _tag(nsptag: str) -> tuple[str, dict[str, str]]:
    from docx.oxml.ns import NamespacePrefixedTag

    name = NamespacePrefixedTag(nsptag)
    return name.clark_name, name.nsmap


def _new(nsptag: str) -> Any:
    """A new ``nsptag`` element (``w:p``), as python-docx's OxmlElement makes it, without
    working out the tag's namespace again for every element."""
    from docx.oxml.parser import oxml_parser

    clark, nsmap = _tag(nsptag)
    return oxml_parser.makeelement(clark, nsmap=nsmap)


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = _new(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def _free_paragraph(part: Any, style: str) -> Any:
    """The header's (or footer's) empty last paragraph, or a new one after its content.

    What a branded template already puts there (a logo, a line of text) stays.
    """
    part.is_linked_to_previous = False
    paragraphs = part.paragraphs
    last = paragraphs[-1] if paragraphs else None
    if last is not None and not last.text.strip() and not last._p.xpath(".//w:drawing"):
        last.style = style
        return last
    return part.add_paragraph(style=style)


def _right_tab(paragraph: Any, width: Emu) -> None:
    """One right-aligned tab stop at the margin, replacing the style's own stops."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Emu, Twips

    stops = paragraph.paragraph_format.tab_stops
    style: Any = paragraph.style
    seen = set()
    while style is not None:
        for tab in style.element.xpath("./w:pPr/w:tabs/w:tab"):
            pos = int(tab.get(qn("w:pos")))
            if pos not in seen:
                seen.add(pos)
                stops.add_tab_stop(Twips(pos), WD_TAB_ALIGNMENT.CLEAR)
        style = style.base_style
    stops.add_tab_stop(Emu(width), WD_TAB_ALIGNMENT.RIGHT)


def _attr(value: str) -> str:
    """``value`` as lxml writes an attribute's value."""
    value = _text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


def _plain_run(text: str) -> str:
    """A run of ``text`` as python-docx's add_run makes it: a tab is ``w:tab``, a line
    break ``w:br``, and white space is kept (``xml:space``) only where it would be lost."""
    if not text:
        return "<w:r/>"
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            piece = "".join(pending)
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            out.append(f"<w:t{space}>{_text(piece)}</w:t>")
            pending.clear()

    for char in text:
        if char == "\t":
            flush()
            out.append("<w:tab/>")
        elif char in "\r\n":
            flush()
            out.append("<w:br/>")
        else:
            pending.append(char)
    flush()
    return f"<w:r>{''.join(out)}</w:r>"


def _field_start(instruction: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        f'{_text(instruction)}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
        "</w:r>"
    )


_FLD_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def _simple_field(code: str, shown: str) -> str:
    """A simple field (PAGE, NUMPAGES) with ``shown`` as its cached result."""
    return (
        f"{_field_start(f' {code} ')}"
        f'<w:r><w:t xml:space="preserve">{_text(storable(shown))}</w:t></w:r>{_FLD_END}'
    )


def _twips(cm: float) -> int:
    """``cm`` centimetres in twips, rounded as python-docx's Cm(...).twips rounds them."""
    return round(int(cm * 360000) / 635.0)


# --- deterministic packaging -------------------------------------------------------------


def normalise_zip(data: bytes, when: datetime) -> bytes:
    """Re-pack a .docx with sorted entries and one fixed timestamp.

    ``[Content_Types].xml`` stays first, as Office writes it; every entry gets the same
    date, permissions and compression, so equal content gives equal bytes.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return pack_zip({name: src.read(name) for name in src.namelist()}, when)


def package_entries(doc: Any) -> dict[str, bytes]:
    """The entries ``doc.save`` would write to its zip, by name, without the zip.

    Handouts are packed once, by pack_zip; saving with python-docx and packing its zip
    again compressed every entry twice and decompressed it once.
    """
    from docx.opc.packuri import PACKAGE_URI
    from docx.opc.pkgwriter import PackageWriter

    class Collect:
        """Takes what python-docx's zip writer would get."""

        def __init__(self) -> None:
            self.entries: dict[str, bytes] = {}

        def write(self, pack_uri: Any, blob: bytes) -> None:
            self.entries[pack_uri.membername] = blob

    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    out = Collect()
    PackageWriter._write_content_types_stream(out, parts)  # type: ignore[no-untyped-call]
    out.write(PACKAGE_URI.rels_uri, package.rels.xml)
    PackageWriter._write_parts(out, parts)  # type: ignore[arg-type]
    return out.entries


def pack_zip(entries: dict[str, bytes], when: datetime) -> bytes:
    """A zip of ``entries``, sorted with ``[Content_Types].xml`` first, all dated ``when``."""
    stamp = _zip_time(when)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(entries, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()


def _zip_time(when: datetime) -> tuple[int, int, int, int, int, int]:
    """Zip stores local-less DOS times from 1980 to 2107, to the even second."""
    t = when.astimezone(UTC)
    t = max(t, datetime(1980, 1, 1, tzinfo=UTC))
    t = min(t, datetime(2107, 12, 31, 23, 59, 58, tzinfo=UTC))
    return (t.year, t.month, t.day, t.hour, t.minute, t.second - t.second % 2)
