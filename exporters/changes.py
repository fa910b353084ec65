"""The "What changed" handout and site page: a framework's changes since a git revision.

For HR and the people on a ladder, not for reviewers: the changes are grouped by role
(with a line in both roles when a behavior moves between them), then the competency
catalog, the glossary and the rest, and a change of id alone, which no reader sees, is
left out. The changes come from ``pdp_lint.changes``, the engine of ``pdp-lint
changes``; the handout exists only when a revision to compare with is given
(``--changes-since``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exporters.errors import ExportError
from exporters.handouts import Document, DocxHandout, HandoutExporter, HtmlHandout
from pdp_lint.changes.records import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    RENAMED,
    Change,
    FrameworkChanges,
)
from pdp_lint.model.framework import Framework

if TYPE_CHECKING:
    from exporters.views import Meta

KIND = "What changed"
#: what a reader is told each kind of change is
_LABELS = {
    ADDED: "New",
    REMOVED: "Removed",
    "reworded": "Reworded",
    MOVED: "Moved",
    RENAMED: "Renamed",
    CHANGED: "Changed",
}
#: changes of these things are changes of an id when they are renamed: nobody reads ids
_BY_ID = frozenset({"behavior", "example", "question"})
_SEPARATOR = " \u203a "


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of a reworded text: kept (``equal``), taken out (``delete``) or put in."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """One change as a reader sees it: ``Reworded behavior: Adapt ~~fast~~ quickly ...``."""

    kind: str
    label: str
    text: str
    pieces: tuple[Piece, ...] = ()
    note: str = ""

    @property
    def reworded(self) -> bool:
        return bool(self.pieces)


@dataclass(frozen=True, slots=True)
class ChangeBlock:
    """The changes under one subheading (a competency, a level), or none (``heading`` "")."""

    heading: str
    lines: tuple[ChangeLine, ...]


@dataclass(frozen=True, slots=True)
class ChangeSection:
    """The changes of one role, one competency of the catalog, the glossary ..."""

    id: str
    heading: str
    blocks: tuple[ChangeBlock, ...]
    role: str | None = None

    @property
    def count(self) -> int:
        return sum(len(b.lines) for b in self.blocks)


@dataclass(frozen=True, slots=True)
class ChangesHandout:
    meta: Meta
    base: str
    #: ``changed``, ``added`` (new since the base) or ``unchanged``
    status: str
    old_version: str | None
    summary: str
    sections: tuple[ChangeSection, ...]

    @property
    def role_ids(self) -> frozenset[str]:
        """The roles whose expectations changed (each has a section, ``role-<id>``)."""
        return frozenset(s.role for s in self.sections if s.role)

    @property
    def version_text(self) -> str:
        if self.status == ADDED:
            return f"New since {self.base}, version {self.meta.version}"
        if self.old_version and self.old_version != self.meta.version:
            return f"Version {self.old_version} at {self.base}, now {self.meta.version}"
        return f"Version {self.meta.version}"


def _line(c: Change, moved_away: bool = False) -> ChangeLine:
    line = _plain_line(c, moved_away)
    if c.subject == "glossary":
        # the term is what the reader looks for: "TL: team leader"
        head = Piece("equal", f"{c.id}: ")
        pieces = (head, *line.pieces) if line.pieces else ()
        line = ChangeLine(line.kind, line.label, f"{c.id}: {line.text}", pieces, line.note)
    # several lines (probing questions) read as one, separated by slashes
    return ChangeLine(
        line.kind,
        line.label,
        line.text.replace("\n", " / "),
        tuple(Piece(p.op, p.text.replace("\n", " / ")) for p in line.pieces),
        line.note,
    )


def _plain_line(c: Change, moved_away: bool) -> ChangeLine:
    subject = "glossary term" if c.subject == "glossary" else c.subject.replace("-", " ")
    label = f"{_LABELS[c.kind]} {subject}"
    note = ""
    if c.kind == MOVED and moved_away:
        label = f"Moved {subject} away"
        note = f"Now in {c.where}"
    elif c.kind == MOVED:
        note = f"Moved from {c.old_where}"
    if c.kind == RENAMED and c.subject not in _BY_ID:
        return ChangeLine(c.kind, label, f"{c.old} → {c.new}", note=note)
    pieces = tuple(Piece(s.op, s.text) for s in c.diff)
    return ChangeLine(c.kind, label, c.text, pieces, note)


def _heading_parts(where: str) -> tuple[str, str]:
    head, _, rest = where.partition(_SEPARATOR)
    return head, rest


def changes_view(fw: Framework, changes: FrameworkChanges | None, base: str) -> ChangesHandout:
    """The What changed handout of ``fw`` since ``base``; ``changes`` None: nothing changed."""
    from exporters import views

    meta = views.meta(fw, KIND, f"What changed since {base}", ("changes",))
    if changes is None or changes.status == ADDED:
        status = "unchanged" if changes is None else ADDED
        return ChangesHandout(meta, base, status, None, "", ())
    sections: dict[str, tuple[str, str | None, dict[str, list[ChangeLine]]]] = {}

    def put(key: str, heading: str, role: str | None, sub: str, line: ChangeLine) -> None:
        section = sections.setdefault(key, (heading, role, {}))
        section[2].setdefault(sub, []).append(line)

    shown = 0
    for c in changes.changes:
        if c.kind == RENAMED and c.subject in _BY_ID:
            continue
        shown += 1
        head, sub = _heading_parts(c.where)
        p = c.place
        if p.role:
            put(f"role-{p.role}", head, p.role, sub, _line(c))
            old = c.old_place
            if c.kind == MOVED and old is not None and old.role and old.role != p.role:
                old_head, old_sub = _heading_parts(c.old_where or "")
                put(f"role-{old.role}", old_head, old.role, old_sub, _line(c, moved_away=True))
        elif c.subject == "glossary":
            put("glossary", "Glossary", None, "", _line(c))
        elif p.profile or p.guidance:
            put("hiring", "Hiring", None, c.where, _line(c))
        elif p.track:
            put(f"track-{p.track}", head, None, sub, _line(c))
        elif p.competency:
            put(f"competency-{p.competency}", head, None, sub, _line(c))
        else:
            put("framework", "The framework", None, "", _line(c))
    built = tuple(
        ChangeSection(
            id=key,
            heading=heading,
            role=role,
            blocks=tuple(ChangeBlock(sub, tuple(lines)) for sub, lines in blocks.items()),
        )
        for key, (heading, role, blocks) in sections.items()
    )
    summary = (
        f"{shown} change{'' if shown == 1 else 's'} since {base}"
        if shown
        else f"No change a reader would see since {base}"
    )
    return ChangesHandout(meta, base, CHANGED, changes.old_version, summary, built)


# --- the changes of a framework since a revision -------------------------------------------


@functools.lru_cache(maxsize=64)
def _base_frameworks(rev: str, folder: Path) -> dict[str, tuple[str, Framework]]:
    """The frameworks of ``folder`` (and below) at revision ``rev``, by id."""
    from pdp_lint.changes.sources import SourceError, from_revision

    try:
        side = from_revision(rev, [Path()], cwd=folder, or_path=False)
    except SourceError as exc:
        raise ExportError(f"--changes-since: {exc.message}", 2) from None
    return {fw.id: (file, fw) for file, fw in side.frameworks}


def framework_changes(fw: Framework, rev: str) -> FrameworkChanges | None:
    """What changed in ``fw`` since revision ``rev``; None when nothing did.

    The base is looked up by the framework's id in its folder at ``rev``, so a renamed
    file still finds its earlier version.
    """
    from pdp_lint.changes.compare import added_framework, compare

    folder = fw.file.parent.resolve()
    base = _base_frameworks(rev, folder).get(fw.id)
    if base is None:
        return added_framework(fw, fw.file.as_posix())
    old_file, old = base
    found = compare(old, fw, fw.file.as_posix(), f"{rev}:{old_file}")
    return found if found.changes or old.version != fw.version else None


def changes_handout(fw: Framework, rev: str) -> ChangesHandout:
    return changes_view(fw, framework_changes(fw, rev), rev)


# --- the exporters ---------------------------------------------------------------------


class ChangesHandouts(HandoutExporter):
    """One What changed handout per framework, when ``changes_since`` names a revision."""

    name = "changes"
    label = "What changed"

    @dataclass(frozen=True, slots=True)
    class Options(DocxHandout.Options):
        #: the git revision to compare with; None: no What changed handout
        changes_since: str | None = None

    def documents(self, model: Framework) -> list[Document]:
        rev = self.options.changes_since
        if rev is None:
            return []
        view = changes_handout(model, rev)
        return [Document(f"{model.id}-changes", model.title, view)]


class ChangesDocx(ChangesHandouts, DocxHandout):
    """The What changed handout as a Word document."""

    def render(self, view: Any) -> bytes:
        from exporters.changes_docx import changes_docx

        return changes_docx(view, self.options.template)


class ChangesHtml(ChangesHandouts, HtmlHandout):
    """The What changed handout as one HTML page that prints on A4."""
