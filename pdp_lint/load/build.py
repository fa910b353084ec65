"""Build the typed model from schema-valid data and its recorded positions."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pdp_lint.load.nodes import Composed, MapLoc, SeqLoc
from pdp_lint.model.framework import (
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


@functools.cache
def _step() -> re.Pattern[str]:
    # compiled when first needed: a clean check never needs it (start-up)
    return re.compile(r"\.[^.\[]+|\[\d+\]")


class _Builder:
    def __init__(self, doc: Composed) -> None:
        self.doc = doc
        self.keys: dict[str, str] = {}

    def where(self, obj: Mapping[str, Any], path: str, span: Span) -> dict[str, Any]:
        loc = self.doc.locs.get(id(obj))
        # the mapping's own table: the composed document is dropped once the model exists
        spans: Mapping[str, Span] = loc.values if isinstance(loc, MapLoc) else {}
        return {
            "path": path,
            "key": self.key(path),
            "span": loc.span if loc is not None else span,
            "spans": spans,
        }

    def key(self, path: str) -> str:
        """Stable address of the node at JSON ``path``: list indices become ids."""
        cached = self.keys.get(path)
        if cached is not None:
            return cached
        if path == "$":
            return ""
        head, _, last = path.rpartition(".")
        parent = self.key(head)
        name, _, index = last.partition("[")
        part = name
        if index:
            node: Any = self.doc.data
            for step in _step().findall(path):
                node = node[int(step[1:-1])] if step.startswith("[") else node[step[1:]]
            ident = next(
                (node[k] for k in _IDENT_KEYS if isinstance(node, dict) and k in node),
                index[:-1],
            )
            part = f"{name}/{ident}"
        key = f"{parent}/{part}" if parent else part
        self.keys[path] = key
        return key

    def many(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        make: Callable[[dict[str, Any], str, Span], T],
    ) -> tuple[T, ...]:
        items = obj.get(key) or []
        loc = self.doc.locs.get(id(items))
        spans = loc.items if isinstance(loc, SeqLoc) else []
        fallback = self.doc.root_span
        parent = self.key(path)
        prefix = f"{parent}/{key}" if parent else key
        out = []
        for i, item in enumerate(items):
            item_path = f"{path}.{key}[{i}]"
            ident = next((item[k] for k in _IDENT_KEYS if isinstance(item, dict) and k in item), i)
            self.keys[item_path] = f"{prefix}/{ident}"
            out.append(make(item, item_path, spans[i] if i < len(spans) else fallback))
        return tuple(out)

    def example(self, d: dict[str, Any], path: str, span: Span) -> Example:
        return Example(id=d["id"], text=d["text"], **self.where(d, path, span))

    def behavior(self, d: dict[str, Any], path: str, span: Span) -> Behavior:
        return Behavior(
            id=d["id"],
            text=d["text"],
            examples=self.many(d, "examples", path, self.example),
            **self.where(d, path, span),
        )

    def question(self, d: dict[str, Any], path: str, span: Span) -> Question:
        where = self.where(d, path, span)
        probes = tuple(d.get("probes") or ())
        loc = self.doc.locs.get(id(d.get("probes")))
        if isinstance(loc, SeqLoc):
            spans = where["spans"] = dict(where["spans"])
            for i, pspan in enumerate(loc.items):
                spans[f"probes[{i}]"] = pspan
        return Question(id=d["id"], text=d["text"], probes=probes, **where)

    def level(self, d: dict[str, Any], path: str, span: Span) -> Level:
        return Level(
            level=d["level"],
            summary=d["summary"],
            behaviors=self.many(d, "behaviors", path, self.behavior),
            questions=self.many(d, "questions", path, self.question),
            **self.where(d, path, span),
        )

    def competency(self, d: dict[str, Any], path: str, span: Span) -> Competency:
        return Competency(
            id=d["id"],
            name=d["name"],
            definition=d.get("definition"),
            levels=self.many(d, "levels", path, self.level),
            **self.where(d, path, span),
        )

    def section(self, d: dict[str, Any], path: str, span: Span) -> Section:
        return Section(
            competency=d["competency"],
            description=d.get("description"),
            behaviors=self.many(d, "behaviors", path, self.behavior),
            examples=self.many(d, "examples", path, self.example),
            **self.where(d, path, span),
        )

    def track(self, d: dict[str, Any], path: str, span: Span) -> Track:
        raw_roles = d.get("roles") or []
        loc = self.doc.locs.get(id(raw_roles))
        role_spans = loc.items if isinstance(loc, SeqLoc) else []
        roles = []
        for i, r in enumerate(raw_roles):
            rpath = f"{path}.roles[{i}]"
            self.keys[rpath] = f"{self.key(path)}/roles/{r['id']}"
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

    def guidance(self, d: dict[str, Any], path: str, span: Span) -> Guidance:
        def item(i: dict[str, Any], ipath: str, ispan: Span) -> GuidanceItem:
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
            rspan = self.where(d, "$", root)["spans"].get("role_profiles", root)
            role_profiles = RoleProfiles(
                title=rp.get("title"),
                intro=rp.get("intro"),
                profiles=self.many(rp, "profiles", "$.role_profiles", self.profile),
                guidance=self.many(rp, "guidance", "$.role_profiles", self.guidance),
                **self.where(rp, "$.role_profiles", rspan),
            )
        return Framework(
            file=file,
            id=d["id"],
            title=d["title"],
            owner=Owner(
                team=owner["team"],
                contact=owner.get("contact"),
                **self.where(owner, "$.owner", root),
            ),
            locale=d["locale"],
            version=d["version"],
            status=d["status"],
            intro=d.get("intro"),
            source=d.get("source"),
            glossary=self.many(d, "glossary", "$", self.glossary_entry),
            competencies=self.many(d, "competencies", "$", self.competency),
            tracks=self.many(d, "tracks", "$", self.track),
            role_profiles=role_profiles,
            **self.where(d, "$", root),
        )

    def profile(self, d: dict[str, Any], path: str, span: Span) -> Profile:
        return Profile(
            id=d["id"], title=d["title"], summary=d["summary"], **self.where(d, path, span)
        )

    def glossary_entry(self, d: dict[str, Any], path: str, span: Span) -> GlossaryEntry:
        return GlossaryEntry(
            term=d["term"], expansion=d.get("expansion"), **self.where(d, path, span)
        )


def build_framework(doc: Composed, file: Path) -> Framework:
    """The model of a composed document that passed schema validation."""
    return _Builder(doc).framework(file)
