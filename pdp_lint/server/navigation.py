"""What is under the cursor: references to competencies and roles, and the outline.

References are read from the line being edited, not from the model, so they are found
even while the buffer is half-typed; what they refer to comes from the last model of
the buffer that loaded, then from the other frameworks of the workspace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from pdp_lint.load.document import Document
from pdp_lint.model.framework import Competency, Node, Role
from pdp_lint.model.problem import Span

#: what a competency or role id can hold
_ID_CHARS = re.compile(r"[A-Za-z0-9_.\-]+")
_KEYED = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>competency|builds_on)\s*:\s*")
_FLOW = re.compile(r"^(?P<indent>\s*)(?:-\s+)?competencies\s*:\s*\[")
_ITEM = re.compile(r"^(?P<indent>\s*)-\s+")
_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[A-Za-z_][\w-]*)\s*:")


class Reference(msgspec.Struct, frozen=True):
    """An id at the cursor that refers to a competency or a role."""

    kind: str  # "competency" or "role"
    id: str
    #: 0-based column range of the id on its line (characters)
    start: int
    end: int


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def reference_context(lines: list[str], row: int, column: int) -> str | None:
    """What kind of id may be written at ``column`` of line ``row``: "competency" (a
    section's `competency:` or an item of a track's `competencies:`), "role"
    (`builds_on:`), or None."""
    line = lines[row] if 0 <= row < len(lines) else ""
    before = line[:column]
    keyed = _KEYED.match(before)
    if keyed is not None:
        return "competency" if keyed["key"] == "competency" else "role"
    flow = _FLOW.match(before)
    if flow is not None and _indent(line) > 0 and "]" not in before[flow.end() :]:
        return "competency"
    item = _ITEM.match(before)
    if item is None or ":" in before[item.end() :]:
        return None
    # an item of a list: whose list is it?
    own = len(item["indent"])
    for above in range(row - 1, -1, -1):
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if _indent(text) < own or (_indent(text) == own and not text.lstrip().startswith("-")):
            key = _KEY_LINE.match(text)
            # the track's list, not the catalog at the top (whose items are mappings)
            if key is not None and key["key"] == "competencies" and _indent(text) > 0:
                return "competency"
            return None
    return None


def reference_at(lines: list[str], row: int, column: int) -> Reference | None:
    """The competency or role id under the cursor, if the cursor is on one."""
    line = lines[row] if 0 <= row < len(lines) else ""
    for match in _ID_CHARS.finditer(line):
        if match.start() <= column <= match.end():
            kind = reference_context(lines, row, match.start())
            if kind is None:
                return None
            return Reference(kind, match.group(), match.start(), match.end())
    return None


def find_competency(docs: list[Document], ident: str) -> tuple[Document, Competency] | None:
    for doc in docs:
        found = doc.framework.competency(ident)
        if found is not None:
            return doc, found
    return None


def find_role(docs: list[Document], ident: str) -> tuple[Document, Role] | None:
    for doc in docs:
        found = doc.framework.role(ident)
        if found is not None:
            return doc, found
    return None


def describe(ref: Reference, docs: list[Document]) -> tuple[str, Document, Node] | None:
    """Markdown about what ``ref`` refers to, and where that is defined."""
    if ref.kind == "competency":
        hit = find_competency(docs, ref.id)
        if hit is None:
            return None
        doc, comp = hit
        text = f"**{comp.name}** (competency `{comp.id}`)"
        if comp.definition:
            text += f"\n\n{comp.definition}"
        return text, doc, comp
    role_hit = find_role(docs, ref.id)
    if role_hit is None:
        return None
    doc, role = role_hit
    text = f"**{role.title}** (role `{role.id}`, track `{role.track}`)"
    if role.summary:
        text += f"\n\n{role.summary}"
    return text, doc, role


def id_span(node: Node) -> Span:
    """Where a competency or role is defined: its `id` value."""
    return node.span_of("id")


def candidates(kind: str, docs: list[Document]) -> Iterator[tuple[str, str, str]]:
    """(id, label, documentation) of every competency or role the workspace defines,
    the buffer's own first, each id once."""
    seen: set[str] = set()
    for doc in docs:
        if kind == "competency":
            for comp in doc.framework.competencies:
                if comp.id not in seen:
                    seen.add(comp.id)
                    yield comp.id, comp.name, comp.definition or ""
        else:
            for role in doc.framework.roles():
                if role.id not in seen:
                    seen.add(role.id)
                    yield role.id, role.title, role.summary or ""


class Symbol(msgspec.Struct):
    """An entry of the outline."""

    name: str
    detail: str
    kind: str  # "track", "role", "section", "competency", "profiles", "guidance"
    span: Span
    selection: Span
    children: list[Symbol] = msgspec.field(default_factory=list)


def outline(doc: Document) -> list[Symbol]:
    """The outline of a framework: its competency catalog, tracks with their roles and
    each role's sections, and the role profiles."""
    fw = doc.framework
    out: list[Symbol] = []
    if fw.competencies:
        where = fw.span_of("competencies")
        catalog = Symbol("competencies", "", "namespace", where, where)
        for comp in fw.competencies:
            catalog.children.append(
                Symbol(comp.name, comp.id, "competency", comp.span, id_span(comp))
            )
        out.append(catalog)
    for track in fw.tracks:
        tsym = Symbol(track.name, track.id, "track", track.span, id_span(track))
        for role in track.roles:
            rsym = Symbol(role.title, role.id, "role", role.span, id_span(role))
            for section in role.sections:
                rsym.children.append(
                    Symbol(
                        fw.competency_name(section.competency),
                        section.competency,
                        "section",
                        section.span,
                        section.span_of("competency"),
                    )
                )
            tsym.children.append(rsym)
        out.append(tsym)
    rp = fw.role_profiles
    if rp is not None:
        psym = Symbol(rp.title or "role profiles", "", "profiles", rp.span, rp.span)
        for profile in rp.profiles:
            psym.children.append(
                Symbol(profile.title, profile.id, "role", profile.span, id_span(profile))
            )
        for guidance in rp.guidance:
            psym.children.append(
                Symbol(guidance.title, guidance.id, "guidance", guidance.span, id_span(guidance))
            )
        out.append(psym)
    return out
