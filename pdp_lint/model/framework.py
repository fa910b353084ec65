"""The typed, read-only content model of a framework.

Every node knows its JSON path and the span of each of its fields in the source file,
so rules and reporters can point at ``file:line:col`` without touching YAML again.
Lists are tuples and records are frozen: the model cannot be changed by a rule.

The records of pdp-lint are msgspec Structs rather than dataclasses: a Struct class is
made in C in microseconds, where each slotted dataclass generates and compiles its
methods (about 0.7 ms; the sixty of a run were a quarter of a one-file hook), and its
instances are built several times faster. Equality compares every field, positions too.
Rule options are Structs too (the configuration reads their fields and types with
msgspec.structs.fields), so a check does not even import dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import msgspec

from pdp_lint.model.problem import Span

_NO_SPANS: Mapping[str, Span] = MappingProxyType({})

#: where a node is in its framework: its parent's address (None for the framework
#: itself), the field holding it, and for an item of a list its index and its id (the
#: item's ``id``, ``competency``, ``level`` or ``term``, else the index); None for the
#: framework. Its ``path`` and ``key`` are made from it when asked: kept as strings for
#: every node they cost about 300 bytes a node, 120 MB for one file of 320,000 behaviors.
Address = tuple[Any, str, int | None, Any] | None


def address_path(address: Address) -> str:
    """The JSON path of the node at ``address``: ``$.tracks[0].roles[2]``."""
    parts = []
    while address is not None:
        address, field, index, _ = address
        parts.append(f".{field}" if index is None else f".{field}[{index}]")
    return "$" + "".join(reversed(parts))


def address_key(address: Address) -> str:
    """The stable key of the node at ``address``: ``tracks/professional/roles/ke``."""
    parts = []
    while address is not None:
        address, field, index, ident = address
        parts.append(field if index is None else f"{field}/{ident}")
    return "/".join(reversed(parts))


class Node(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Common part of every model node: where it is."""

    #: see :data:`Address`
    address: Address = None
    span: Span = Span(1, 1, 1, 1)
    spans: Mapping[str, Span] = _NO_SPANS

    @property
    def path(self) -> str:
        """The node's JSON path (``$.tracks[0].roles[2].competencies[1]``)."""
        return address_path(self.address)

    @property
    def key(self) -> str:
        """Stable address built from ids (``roles/knowledge-expert/knowledge/behaviors/x``):
        unlike ``path`` it does not change when items are inserted or reordered."""
        return address_key(self.address)

    def span_of(self, name: str) -> Span:
        """Span of a field's value, or of the node when the field is absent."""
        return self.spans.get(name, self.span)


class Owner(Node, frozen=True, kw_only=True, gc=False):
    """The team that maintains a framework and how to reach it."""

    team: str
    contact: str | None = None


class GlossaryEntry(Node, frozen=True, kw_only=True, gc=False):
    """One acronym or abbreviation of the glossary and what it stands for."""

    term: str
    expansion: str | None = None


class Example(Node, frozen=True, kw_only=True, gc=False):
    """A concrete example of what a behavior looks like."""

    id: str
    text: str


class Behavior(Node, frozen=True, kw_only=True, gc=False):
    """An observable behavior expected at a level or in a role."""

    id: str
    text: str
    examples: tuple[Example, ...] = ()


class Question(Node, frozen=True, kw_only=True, gc=False):
    """An interview question with its probing questions."""

    id: str
    text: str
    probes: tuple[str, ...] = ()


class Level(Node, frozen=True, kw_only=True, gc=False):
    """One proficiency level of a competency."""

    level: int
    summary: str
    behaviors: tuple[Behavior, ...] = ()
    questions: tuple[Question, ...] = ()


class Competency(Node, frozen=True, kw_only=True, gc=False):
    """A competency of the catalog, with its levels."""

    id: str
    name: str
    definition: str | None = None
    levels: tuple[Level, ...] = ()


class Section(Node, frozen=True, kw_only=True, gc=False):
    """What one role is expected to do in one competency."""

    competency: str
    description: str | None = None
    behaviors: tuple[Behavior, ...] = ()
    examples: tuple[Example, ...] = ()

    def all_examples(self) -> Iterator[Example]:
        """Section-level examples, then those attached to behaviors, in file order."""
        yield from self.examples
        for behavior in self.behaviors:
            yield from behavior.examples


class Role(Node, frozen=True, kw_only=True, gc=False):
    """A role in a track, with what it is expected to do in each competency."""

    id: str
    title: str
    abbreviation: str | None = None
    summary: str | None = None
    builds_on: str | None = None
    sections: tuple[Section, ...] = ()
    level: int = 1
    track: str = ""

    def section(self, competency: str) -> Section | None:
        return next((s for s in self.sections if s.competency == competency), None)


class Track(Node, frozen=True, kw_only=True, gc=False):
    """A career track (Professional, IC or Management path) and its roles."""

    id: str
    name: str
    status: str
    notice: str | None = None
    competencies: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    @property
    def coming_soon(self) -> bool:
        return self.status == "coming-soon"


class Profile(Node, frozen=True, kw_only=True, gc=False):
    """A role profile for hiring: what the role is responsible for."""

    id: str
    title: str
    summary: str


class GuidanceItem(Node, frozen=True, kw_only=True, gc=False):
    """A labelled point of hiring guidance."""

    id: str
    label: str
    text: str


class Guidance(Node, frozen=True, kw_only=True, gc=False):
    """A section of hiring guidance, possibly with labelled items and subsections."""

    id: str
    title: str
    text: str | None = None
    audience: str | None = None
    applies_to: tuple[str, ...] = ()
    items: tuple[GuidanceItem, ...] = ()
    sections: tuple[Guidance, ...] = ()

    def walk(self) -> Iterator[Guidance]:
        yield self
        for sub in self.sections:
            yield from sub.walk()


class RoleProfiles(Node, frozen=True, kw_only=True, gc=False):
    """Role profiles for hiring, with the guidance that goes with them."""

    profiles: tuple[Profile, ...]
    title: str | None = None
    intro: str | None = None
    guidance: tuple[Guidance, ...] = ()


class TextField(msgspec.Struct, frozen=True, gc=False):
    """One piece of prose in the model, with where it is and what it is."""

    node: Node
    name: str
    value: str
    kind: str

    @property
    def span(self) -> Span:
        return self.node.span_of(self.name)

    @property
    def path(self) -> str:
        name = self.name
        return f"{self.node.path}{name}" if name.startswith("[") else f"{self.node.path}.{name}"


class Framework(Node, frozen=True, kw_only=True, gc=False):
    """One framework: its competency catalog, tracks and roles, and role profiles."""

    file: Path
    id: str
    title: str
    owner: Owner
    locale: str
    version: str
    status: str
    intro: str | None = None
    source: str | None = None
    glossary: tuple[GlossaryEntry, ...] = ()
    competencies: tuple[Competency, ...] = ()
    tracks: tuple[Track, ...] = ()
    role_profiles: RoleProfiles | None = None

    def competency(self, competency_id: str) -> Competency | None:
        return next((c for c in self.competencies if c.id == competency_id), None)

    def competency_name(self, competency_id: str) -> str:
        found = self.competency(competency_id)
        return found.name if found else competency_id

    def roles(self) -> Iterator[Role]:
        for track in self.tracks:
            yield from track.roles

    def nodes(self) -> Iterator[Node]:
        """Every node of the model, parents before children."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            children: list[Node] = []
            for name in node.__struct_fields__:
                value = getattr(node, name)
                if isinstance(value, Node):
                    children.append(value)
                elif isinstance(value, tuple):
                    children.extend(v for v in value if isinstance(v, Node))
            stack.extend(reversed(children))

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles() if r.id == role_id), None)

    def texts(self) -> Iterator[TextField]:
        """Every prose field, in file order, with the kind of text it is."""
        if self.intro:
            yield TextField(self, "intro", self.intro, "intro")
        for entry in self.glossary:
            if entry.expansion:
                yield TextField(entry, "expansion", entry.expansion, "glossary")
        for comp in self.competencies:
            yield TextField(comp, "name", comp.name, "competency-name")
            if comp.definition:
                yield TextField(comp, "definition", comp.definition, "definition")
            for level in comp.levels:
                yield TextField(level, "summary", level.summary, "level-summary")
                yield from _behavior_texts(level.behaviors)
                for q in level.questions:
                    yield TextField(q, "text", q.text, "question")
                    for i, probe in enumerate(q.probes):
                        yield TextField(q, f"probes[{i}]", probe, "probe")
        for track in self.tracks:
            yield TextField(track, "name", track.name, "track-name")
            if track.notice:
                yield TextField(track, "notice", track.notice, "notice")
            for role in track.roles:
                yield TextField(role, "title", role.title, "role-title")
                if role.summary:
                    yield TextField(role, "summary", role.summary, "role-summary")
                for section in role.sections:
                    if section.description:
                        yield TextField(section, "description", section.description, "description")
                    yield from _behavior_texts(section.behaviors)
                    for ex in section.examples:
                        yield TextField(ex, "text", ex.text, "example")
        rp = self.role_profiles
        if rp is not None:
            if rp.title:
                yield TextField(rp, "title", rp.title, "heading")
            if rp.intro:
                yield TextField(rp, "intro", rp.intro, "intro")
            for profile in rp.profiles:
                yield TextField(profile, "title", profile.title, "role-title")
                yield TextField(profile, "summary", profile.summary, "role-summary")
            for top in rp.guidance:
                for g in top.walk():
                    yield TextField(g, "title", g.title, "heading")
                    if g.text:
                        yield TextField(g, "text", g.text, "guidance")
                    for item in g.items:
                        yield TextField(item, "label", item.label, "guidance-label")
                        yield TextField(item, "text", item.text, "guidance")


def _behavior_texts(behaviors: tuple[Behavior, ...]) -> Iterator[TextField]:
    for b in behaviors:
        yield TextField(b, "text", b.text, "behavior")
        for ex in b.examples:
            yield TextField(ex, "text", ex.text, "example")
