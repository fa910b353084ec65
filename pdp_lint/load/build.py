"""Build the typed model from schema-valid data and its recorded positions."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pdp_lint.load.nodes import Composed, MapLoc, SeqLoc
from pdp_lint.model.framework import (
    Address,
    Behavior,
    Competency,
    Example,
    Framework,
    GlossaryEntry,
    Guidance,
    GuidanceItem,
    Level,
    Owner,
    Profile,
    Question,
    Role,
    RoleProfiles,
    Section,
    Track,
)
from pdp_lint.model.problem import Span

T = TypeVar("T")


_IDENT_KEYS = ("id", "competency", "level", "term")


class _Builder:
    def __init__(self, doc: Composed) -> None:
        self.doc = doc

    def where(self, obj: Mapping[str, Any], path: Address, span: Span) -> dict[str, Any]:
        loc = self.doc.locs.get(id(obj))
        # the mapping's own table: the composed document is dropped once the model exists
        spans: Mapping[str, Span] = loc.values if isinstance(loc, MapLoc) else {}
        return {
            "address": path,
            "span": loc.span if loc is not None else span,
            "spans": spans,
        }

    def many(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: Address,
        make: Callable[[dict[str, Any], Address, Span], T],
    ) -> tuple[T, ...]:
        items = obj.get(key) or []
        loc = self.doc.locs.get(id(items))
        spans = loc.items if isinstance(loc, SeqLoc) else []
        fallback = self.doc.root_span
        out = []
        for i, item in enumerate(items):
            # list indices become ids in the node's key (see Node.key)
            ident = next((item[k] for k in _IDENT_KEYS if isinstance(item, dict) and k in item), i)
            out.append(make(item, (path, key, i, ident), spans[i] if i < len(spans) else fallback))
        return tuple(out)

    def example(self, d: dict[str, Any], path: Address, span: Span) -> Example:
        return Example(id=d["id"], text=d["text"], **self.where(d, path, span))

    def behavior(self, d: dict[str, Any], path: Address, span: Span) -> Behavior:
        return Behavior(
            id=d["id"],
            text=d["text"],
            examples=self.many(d, "examples", path, self.example),
            **self.where(d, path, span),
        )

    def question(self, d: dict[str, Any], path: Address, span: Span) -> Question:
        where = self.where(d, path, span)
        probes = tuple(d.get("probes") or ())
        loc = self.doc.locs.get(id(d.get("probes")))
        if isinstance(loc, SeqLoc):
            spans = where["spans"] = dict(where["spans"])
            for i, pspan in enumerate(loc.items):
                spans[f"probes[{i}]"] = pspan
        return Question(id=d["id"], text=d["text"], probes=probes, **where)

    def level(self, d: dict[str, Any], path: Address, span: Span) -> Level:
        return Level(
            level=d["level"],
            summary=d["summary"],
            behaviors=self.many(d, "behaviors", path, self.behavior),
            questions=self.many(d, "questions", path, self.question),
            **self.where(d, path, span),
        )

    def competency(self, d: dict[str, Any], path: Address, span: Span) -> Competency:
        return Competency(
            id=d["id"],
            name=d["name"],
            definition=d.get("definition"),
            levels=self.many(d, "levels", path, self.level),
            **self.where(d, path, span),
        )

    def section(self, d: dict[str, Any], path: Address, span: Span) -> Section:
        return Section(
            competency=d["competency"],
            description=d.get("description"),
            behaviors=self.many(d, "behaviors", path, self.behavior),
            examples=self.many(d, "examples", path, self.example),
            **self.where(d, path, span),
        )

    def track(self, d: dict[str, Any], path: Address, span: Span) -> Track:
        raw_roles = d.get("roles") or []
        loc = self.doc.locs.get(id(raw_roles))
        role_spans = loc.items if isinstance(loc, SeqLoc) else []
        roles = []
        for i, r in enumerate(raw_roles):
            rpath: Address = (path, "roles", i, r["id"])
            rspan = role_spans[i] if i < len(role_spans) else span
            roles.append(
                Role(
                    id=r["id"],
                    title=r["title"],
                    abbreviation=r.get("abbreviation"),
                    summary=r.get("summary"),
                    builds_on=r.get("builds_on"),
                    sections=self.many(r, "competencies", rpath, self.section),
                    level=i + 1,
                    track=d["id"],
                    **self.where(r, rpath, rspan),
                )
            )
        return Track(
            id=d["id"],
            name=d["name"],
            status=d["status"],
            notice=d.get("notice"),
            competencies=tuple(d.get("competencies") or ()),
            roles=tuple(roles),
            **self.where(d, path, span),
        )

    def guidance(self, d: dict[str, Any], path: Address, span: Span) -> Guidance:
        def item(i: dict[str, Any], ipath: Address, ispan: Span) -> GuidanceItem:
            return GuidanceItem(
                id=i["id"], label=i["label"], text=i["text"], **self.where(i, ipath, ispan)
            )

        return Guidance(
            id=d["id"],
            title=d["title"],
            text=d.get("text"),
            audience=d.get("audience"),
            applies_to=tuple(d.get("applies_to") or ()),
            items=self.many(d, "items", path, item),
            sections=self.many(d, "sections", path, self.guidance),
            **self.where(d, path, span),
        )

    def framework(self, file: Path) -> Framework:
        d = self.doc.data
        root = self.doc.root_span
        owner = d["owner"]
        rp = d.get("role_profiles")
        role_profiles = None
        if rp is not None:
            rspan = self.where(d, None, root)["spans"].get("role_profiles", root)
            at: Address = (None, "role_profiles", None, None)
            role_profiles = RoleProfiles(
                title=rp.get("title"),
                intro=rp.get("intro"),
                profiles=self.many(rp, "profiles", at, self.profile),
                guidance=self.many(rp, "guidance", at, self.guidance),
                **self.where(rp, at, rspan),
            )
        return Framework(
            file=file,
            id=d["id"],
            title=d["title"],
            owner=Owner(
                team=owner["team"],
                contact=owner.get("contact"),
                **self.where(owner, (None, "owner", None, None), root),
            ),
            locale=d["locale"],
            version=d["version"],
            status=d["status"],
            intro=d.get("intro"),
            source=d.get("source"),
            glossary=self.many(d, "glossary", None, self.glossary_entry),
            competencies=self.many(d, "competencies", None, self.competency),
            tracks=self.many(d, "tracks", None, self.track),
            role_profiles=role_profiles,
            **self.where(d, None, root),
        )

    def profile(self, d: dict[str, Any], path: Address, span: Span) -> Profile:
        return Profile(
            id=d["id"], title=d["title"], summary=d["summary"], **self.where(d, path, span)
        )

    def glossary_entry(self, d: dict[str, Any], path: Address, span: Span) -> GlossaryEntry:
        return GlossaryEntry(
            term=d["term"], expansion=d.get("expansion"), **self.where(d, path, span)
        )


def build_framework(doc: Composed, file: Path) -> Framework:
    """The model of a composed document that passed schema validation."""
    return _Builder(doc).framework(file)
