"""The What changed handout as a Word document, built from named styles.

A rewording is shown word by word in two character styles, ``Deleted Text`` (struck
through) and ``Inserted Text`` (underlined): a template that defines them restyles
them; one that does not gets them added.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporters.docx_builder import DocxBuilder
from pdp_lint.changes.records import ADDED

if TYPE_CHECKING:
    from exporters.changes import ChangesHandout

DELETED_STYLE, INSERTED_STYLE = "Deleted Text", "Inserted Text"
_PIECE_STYLES = {"delete": DELETED_STYLE, "insert": INSERTED_STYLE}


class ChangesBuilder(DocxBuilder):
    """A handout builder that also has the character styles of a rewording."""

    extra_styles = "changes"

    @staticmethod
    def add_styles(styles: Any) -> dict[str, str]:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.shared import RGBColor

        added = {}
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
            added[name] = style.style_id
        return added


def changes_docx(view: ChangesHandout, template: Path | None) -> bytes:
    b = ChangesBuilder(view.meta, template)
    m = view.meta
    b.paragraph(m.framework_title, "Title")
    b.paragraph(m.title, "Subtitle")
    b.paragraph(f"Owner: {m.owner} · {view.version_text} · {m.date_text}", "Meta")
    if view.status == "unchanged":
        b.paragraph(f"Nothing changed since {view.base}.")
    elif view.status == ADDED:
        b.paragraph(f"The framework is new since {view.base}.")
    else:
        b.paragraph(f"{view.summary}.")
    for section in view.sections:
        b.heading(section.heading, 1)
        for block in section.blocks:
            if block.heading:
                b.heading(block.heading, 2)
            for line in block.lines:
                p = b.paragraph(style="List Bullet")
                b.strong(p, f"{line.label}:")
                b.text(p, " ")
                if line.reworded:
                    for piece in line.pieces:
                        b.text(p, piece.text, _PIECE_STYLES.get(piece.op))
                else:
                    b.text(p, line.text)
                if line.note:
                    b.text(p, f" ({line.note})")
    return b.to_bytes()
