"""The typed, read-only content model of a framework.

Every node knows its JSON path and the span of each of its fields in the source file,
so rules and reporters can point at ``file:line:col`` without touching YAML again.
Lists are tuples and records are frozen: the model cannot be changed by a rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from pdp_lint.problem import Span

_NO_SPANS: Mapping[str, Span] = MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    """Common part of every model node: where it is."""

    path: str = "$"
    #: stable address built from ids (``roles/knowledge-expert/knowledge/behaviors/x``):
    #: unlike ``path`` it does not change when items are inserted or reordered
    key: str = ""
    span: Span = field(default=Span(1, 1, 1, 1), compare=False, repr=False)
    spans: Mapping[str, Span] = field(default_factory=lambda: _NO_SPANS, compare=False, repr=False)

    def span_of(self, name: str) -> Span:
        """Span of a field's value, or of the node when the field is absent."""
        return self.spans.get(name, self.span)


@dataclass(frozen=True, slots=True, kw_only=True)
class Owner(Node):
    """The team that maintains a framework and how to reach it."""

    team: str
    contact: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GlossaryEntry(Node):
    """One acronym or abbreviation of the glossary and what it stands for."""

    term: str
    expansion: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Example(Node):
    """A concrete example of what a behavior looks like."""

    id: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Behavior(Node):
    """An observable behavior expected at a level or in a role."""

    id: str
    text: str
    examples: tuple[Example, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Question(Node):
    """An interview question with its probing questions."""

    id: str
    text: str
    probes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Level(Node):
    """One proficiency level of a competency."""

    level: int
    summary: str
    behaviors: tuple[Behavior, ...] = ()
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Competency(Node):
    """A competency of the catalog, with its levels."""

    id: str
    name: str
    definition: str | None = None
    levels: tuple[Level, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Section(Node):
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Role(Node):
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Track(Node):
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile(Node):
    """A role profile for hiring: what the role is responsible for."""

    id: str
    title: str
    summary: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GuidanceItem(Node):
    """A labelled point of hiring guidance."""

    id: str
    label: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Guidance(Node):
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


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleProfiles(Node):
    """Role profiles for hiring, with the guidance that goes with them."""

    profiles: tuple[Profile, ...]
    title: str | None = None
    intro: str | None = None
    guidance: tuple[Guidance, ...] = ()


@dataclass(frozen=True, slots=True)
class TextField:
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Framework(Node):
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
            for name in getattr(node, "__dataclass_fields__", {}):
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
