"""Word handouts as python-docx's object layer built them, kept to check the builder.

This is exporters/docx_builder.py as it was before the builder wrote the body's XML
itself: a deep copy of the prepared template per handout, paragraphs, tables, header,
footer and properties through python-docx, and every part serialised by it. The tests
(test_docx_builder.py) render handouts with both and compare the bytes.
"""

from __future__ import annotations

import copy
import functools
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Cm, Emu, Twips

#: the bundled template; ``python -m exporters.reference_docx`` regenerates it
from exporters.docx_builder import REFERENCE
from exporters.errors import ExportError
from exporters.storable import storable
from exporters.text_width import fit_widths, longest_word
from exporters.views import Meta

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


class DocxBuilder:
    """One Word document under construction."""

    def __init__(self, meta: Meta, template: Path | None = None) -> None:
        self.meta = meta
        base = _prepared(template)
        # a copy of the template as prepared once per run: opening it, dropping its
        # sample content, adding the styles it lacks and readying its header and footer
        # is the same work for every handout
        self.doc: Any = copy.deepcopy(base.doc)
        self._body = self.doc.element.body
        #: new blocks go before the body's final section properties
        self._end = self._body.find(qn("w:sectPr"))
        self._style_ids = base.style_ids
        self._block_width = base.block_width
        #: width of the text column, in centimetres
        self.text_width = base.text_width
        self._table_text_size = base.table_text_size
        self._headings: list[_Heading] = []
        self._toc_marker: Any = None
        self._set_language(meta.locale)
        self._set_properties()
        self._running_head_and_foot()

    # --- blocks ---------------------------------------------------------------------
    #
    # Paragraphs and runs are built as XML and appended directly: python-docx's generic
    # insertion looks for the right place among all of the body's children each time,
    # which makes a long framework handout quadratic. Blocks return their w:p element.

    def style_id(self, name: str) -> str:
        """The id of the style called ``name`` (every handout style exists, see ensure_styles)."""
        return str(self._style_ids[name])

    def paragraph(
        self,
        text: str = "",
        style: str = "Normal",
        *,
        keep_with_next: bool = False,
        page_break: bool = False,
    ) -> Any:
        """A new paragraph in ``style`` at the end of the document."""
        p = _new("w:p")
        ppr = _new("w:pPr")
        _add(ppr, "w:pStyle", self.style_id(style))
        # a heading never ends a page, whatever the template's heading styles say
        if keep_with_next or style.startswith("Heading "):
            _add(ppr, "w:keepNext")
        if page_break:
            _add(ppr, "w:pageBreakBefore")
        p.append(ppr)
        if text:
            self.text(p, text)
        if self._end is not None:
            self._end.addprevious(p)
        else:
            self._body.append(p)
        return p

    def text(self, paragraph: Any, text: str, style: str | None = None) -> Any:
        """Add a run of ``text`` (``\n`` a line break, ``\t`` a tab) to ``paragraph``."""
        r = _new("w:r")
        if style is not None:
            rpr = _new("w:rPr")
            _add(rpr, "w:rStyle", self.style_id(style))
            r.append(rpr)
        for n, line in enumerate(text.split("\n")):
            if n:
                r.append(_new("w:br"))
            for m, piece in enumerate(line.split("\t")):
                if m:
                    r.append(_new("w:tab"))
                if piece:
                    t = _new("w:t")
                    t.text = storable(piece)
                    t.set(_XML_SPACE, "preserve")
                    r.append(t)
        paragraph.append(r)
        return r

    def strong(self, paragraph: Any, text: str) -> Any:
        """Add ``text`` to ``paragraph`` in the Strong character style."""
        return self.text(paragraph, text, "Strong")

    def labelled(
        self, label: str, text: str, style: str = "Normal", *, keep_with_next: bool = False
    ) -> Any:
        """``label`` in the Strong character style, then ``text``: ``Example 2  Runs ...``."""
        p = self.paragraph(style=style, keep_with_next=keep_with_next)
        self.strong(p, label)
        if text:
            self.text(p, f"{_LABEL_GAP}{text}")
        return p

    def heading(self, text: str, level: int, *, page_break: bool = False) -> Any:
        """A heading; levels 1 and 2 are bookmarked for the table of contents."""
        first = len(self._body) == (0 if self._end is None else 1)
        p = self.paragraph(style=f"Heading {level}", page_break=page_break and not first)
        run = self.text(p, text)
        if level <= 2:
            number = len(self._headings) + 1
            name = f"_Toc{number:08d}"
            _bookmark(run, number, name)
            self._headings.append(_Heading(level, text, name))
        return p

    def bullet(self, text: str, *, keep_with_next: bool = False) -> Any:
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
    ) -> Any:
        """A table in the Handout Table style, as wide as the text.

        ``widths`` are the relative widths the columns would like; each is widened to hold
        the longest word of its cells without breaking it, in the widest fallback font
        (see exporters.text_width), at the expense of the others. The text of
        ``strong_columns`` is in the Strong style (labels of a form). The header row
        repeats on every page and no row splits across pages; ``keep_with_next`` keeps
        the table on the page of what follows it.
        """

        all_rows = ([list(header)] if header is not None else []) + [list(r) for r in rows]
        # as Document.add_table does, with the text width worked out once
        table = self.doc._body.add_table(len(all_rows), len(widths), self._block_width)
        table.style = None
        table._tbl.tblStyle_val = self.style_id("Handout Table")
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _table_look(table, first_row=header is not None, first_column=first_column)
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
        _column_widths(table, fit_widths(widths, minimums, self.text_width))
        # the XML elements directly, as python-docx's row, cell and paragraph objects
        # would set them: finding a cell through them walks the whole row every time
        text_style = self.style_id("Table Text")
        for r, (tr, values) in enumerate(zip(table._tbl.tr_lst, all_rows, strict=True)):
            _cant_split(tr)
            if header is not None and r == 0:
                _repeat_header(tr)
            if min_height is not None:
                tr.trHeight_val = Cm(min_height)
                tr.trHeight_hRule = WD_ROW_HEIGHT_RULE.AT_LEAST
            for c, (tc, value) in enumerate(zip(tr.tc_lst, values, strict=True)):
                # the cell's empty paragraph gets the properties python-docx would give
                # it, in the schema's order: style, keep with next, centred
                p = tc.p_lst[0]
                ppr = _new("w:pPr")
                _add(ppr, "w:pStyle", text_style)
                if keep_with_next:
                    _add(ppr, "w:keepNext")
                if align_centre_from is not None and c >= align_centre_from:
                    _add(ppr, "w:jc", "center")
                p.insert(0, ppr)
                if value:
                    self.text(p, value, "Strong" if c in strong_columns else None)
        # Word merges adjacent tables without a paragraph between them
        self.paragraph(style="Table Text", keep_with_next=keep_with_next)
        return table

    def notes_box(self, label: str, height: float) -> None:
        """An empty box to write in, ``height`` centimetres tall, titled ``label``, kept on
        the page of what follows it (a rating row)."""
        self.labelled(label, "", "Table Text", keep_with_next=True)
        self.table(None, [[""]], [1.0], min_height=height, keep_with_next=True)

    def contents(self, title: str = "Contents") -> None:
        """Where the table of contents goes; it is filled in when the document is saved."""
        self.paragraph(title, "TOC Heading")
        self._toc_marker = self.paragraph()

    # --- saving ---------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The document as .docx bytes, the same for the same content."""
        if self._toc_marker is not None:
            self._fill_contents()
        return pack_zip(package_entries(self.doc), self.meta.date)

    # --- internals ------------------------------------------------------------------

    def _set_language(self, locale: str) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = _new("w:docDefaults")
            styles.insert(0, defaults)
        rpr_default = _child(defaults, "w:rPrDefault", first=True)
        rpr = _child(rpr_default, "w:rPr")
        lang = _child(rpr, "w:lang")
        lang.set(qn("w:val"), locale)

    def _set_properties(self) -> None:
        m = self.meta
        cp = self.doc.core_properties
        # Word's document properties hold at most 255 characters each; a longer title
        # (which the schema allows) is shortened there and stays whole in the text;
        # characters Word cannot store are left out
        cp.title = _property(storable(m.title))
        cp.subject = _property(storable(f"{m.kind}, {m.framework_title} version {m.version}"))
        cp.author = _property(storable(m.owner))
        cp.last_modified_by = _property(storable(m.owner))
        cp.keywords = _property(storable(", ".join(m.keywords)))
        cp.category = _property(m.kind)
        cp.comments = _property(f"Generated by pdp-lint from the framework {m.framework_id}.")
        cp.language = _property(m.locale)
        cp.version = _property(m.version)
        cp.identifier = _property(m.framework_id)
        cp.revision = 1
        when = m.date.astimezone(UTC).replace(tzinfo=None, microsecond=0)
        cp.created = when
        cp.modified = when

    def _running_head_and_foot(self) -> None:
        """The handout's running head and foot, in the paragraphs the template got ready
        for them (see _prepare_head_and_foot)."""
        m = self.meta
        for section in self.doc.sections:
            head = section.header.paragraphs[-1]
            head.add_run(storable(m.running_head))
            if m.page_title:
                head.add_run("\t" + storable(m.page_title))
            foot = section.footer.paragraphs[-1]
            foot.add_run(f"{m.kind} · {m.date_text}\tPage ")
            _field(foot, "PAGE", "1")
            foot.add_run(" of ")
            _field(foot, "NUMPAGES", "1")

    def _fill_contents(self) -> None:
        """A TOC field whose result lists the headings, each a link to its bookmark.

        The result carries no page numbers: where a page breaks depends on the fonts of
        the machine that lays the document out, so no number computed here could be
        trusted. Nothing asks the word processor to update fields on opening either (that
        makes Word prompt every time); Word adds page numbers when the reader updates the
        field (F9, or right-click > Update Field), as for any other TOC.
        """
        marker = self._toc_marker
        entries = self._headings or [_Heading(1, "", "")]
        for n, entry in enumerate(entries):
            p = self.paragraph(style=f"toc {entry.level}")
            if n == 0:
                _field_start(p, r' TOC \o "1-2" \h \z \u ')
            if entry.bookmark:
                link = _new("w:hyperlink")
                link.set(qn("w:anchor"), entry.bookmark)
                link.set(qn("w:history"), "1")
                link.append(_run(entry.text))
                p.append(link)
            if n == len(entries) - 1:
                p.append(_fld_char("end"))
            marker.addprevious(p)
        marker.getparent().remove(marker)


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


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A template made ready for handouts: what every handout built on it shares."""

    #: the document, never handed out itself: each handout gets a deep copy
    doc: Any
    style_ids: dict[str, str]
    #: the width python-docx gives a new table (Document._block_width)
    block_width: Emu
    text_width: float
    table_text_size: float


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


def _prepare(template: Path | None) -> _Prepared:
    """Open ``template``, drop its sample content, give it every handout style and get
    its header and footer paragraphs ready for the running head and foot."""
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
    # python-docx looks a style name up by scanning every style; do it once
    style_ids = {s.name: s.style_id for s in doc.styles}
    section = doc.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    text_width = float(Emu(width).cm)
    block_width = doc._block_width
    table_text_size = _font_size(doc, "Table Text")
    _prepare_head_and_foot(doc)
    return _Prepared(doc, style_ids, block_width, text_width, table_text_size)


def _prepare_head_and_foot(doc: Any) -> None:
    """Give every section's header and footer a last paragraph in the Header (Footer)
    style with one right tab stop at the margin; each handout adds its text to them."""
    for section in doc.sections:
        width = section.page_width - section.left_margin - section.right_margin
        _right_tab(_free_paragraph(section.header, "Header"), width)
        _right_tab(_free_paragraph(section.footer, "Footer"), width)


def check_template(template: Path) -> None:
    """Fail now, with one line, when ``template`` cannot be used; not at the tenth file."""
    _open(template)


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
    dst.append(
        parse_xml(
            f'<w:num xmlns:w="{_W}" w:numId="{new_id}">'
            f'<w:abstractNumId w:val="{new_abstract_id}"/></w:num>'
        )
    )
    return new_id


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- small XML helpers ------------------------------------------------------------------


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@functools.cache
def _tag(nsptag: str) -> tuple[str, dict[str, str]]:
    name = NamespacePrefixedTag(nsptag)
    return name.clark_name, name.nsmap


def _new(nsptag: str) -> Any:
    """A new ``nsptag`` element (``w:p``), as python-docx's OxmlElement makes it, without
    working out the tag's namespace again for every element."""
    clark, nsmap = _tag(nsptag)
    return oxml_parser.makeelement(clark, nsmap=nsmap)


def _add(parent: Any, tag: str, value: str | None = None) -> Any:
    """Append a ``tag`` element, with ``w:val`` set to ``value`` when given."""
    element = _new(tag)
    if value is not None:
        element.set(qn("w:val"), value)
    parent.append(element)
    return element


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = _new(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def _run(text: str) -> Any:
    r = _new("w:r")
    t = _new("w:t")
    t.text = storable(text)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def _fld_char(kind: str) -> Any:
    r = _new("w:r")
    c = _new("w:fldChar")
    c.set(qn("w:fldCharType"), kind)
    r.append(c)
    return r


def _field_start(p: Any, instruction: str) -> None:
    p.append(_fld_char("begin"))
    r = _new("w:r")
    instr = _new("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = instruction
    r.append(instr)
    p.append(r)
    p.append(_fld_char("separate"))


def _field(paragraph: Any, code: str, shown: str) -> None:
    """A simple field (PAGE, NUMPAGES) with ``shown`` as its cached result."""
    p = paragraph._p
    _field_start(p, f" {code} ")
    p.append(_run(shown))
    p.append(_fld_char("end"))


def _bookmark(run: Any, number: int, name: str) -> None:
    start = _new("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = _new("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    run.addprevious(start)
    run.addnext(end)


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


def _table_look(table: Any, *, first_row: bool, first_column: bool) -> None:
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = _new("w:tblLook")
        table._tbl.tblPr.append(look)
    values = {
        "w:firstRow": first_row,
        "w:firstColumn": first_column,
        "w:lastRow": False,
        "w:lastColumn": False,
        "w:noHBand": True,
        "w:noVBand": True,
    }
    for key, on in values.items():
        look.set(qn(key), "1" if on else "0")
    bits = (0x20 if first_row else 0) | (0x80 if first_column else 0) | 0x200 | 0x400
    look.set(qn("w:val"), f"{bits:04X}")


def _column_widths(table: Any, widths: Sequence[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    lengths = [Cm(width) for width in widths]
    for tr in grid.getparent().tr_lst:
        for tc, length in zip(tr.tc_lst, lengths, strict=True):
            tc.width = length


def _cant_split(tr: Any) -> None:
    tr.get_or_add_trPr().append(_new("w:cantSplit"))


def _repeat_header(tr: Any) -> None:
    tr.get_or_add_trPr().append(_new("w:tblHeader"))


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


class ChangesBuilder(DocxBuilder):
    """The What changed builder as it was: its two character styles added per handout."""

    def __init__(self, meta: Meta, template: Path | None = None) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import RGBColor

        from exporters.changes_docx import DELETED_STYLE, INSERTED_STYLE

        super().__init__(meta, template)
        styles = self.doc.styles
        have = {s.name for s in styles}
        for name, colour in (
            (DELETED_STYLE, RGBColor(0x9C, 0x00, 0x06)),
            (INSERTED_STYLE, RGBColor(0x00, 0x61, 0x00)),
        ):
            if name in have:
                continue
            style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
            style.font.color.rgb = colour
            if name == DELETED_STYLE:
                style.font.strike = True
            else:
                style.font.underline = True
            self._style_ids[name] = style.style_id
