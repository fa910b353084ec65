"""What each handout says, worked out once from the model for every output format.

Renderers (Word and HTML) only lay out these records. Everything that needs a decision
lives here: which behaviors are new at a level, which acronyms a handout uses, how
examples are labelled, which guidance applies to a hiring profile.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from exporters.dates import format_date, source_date
from exporters.text_width import text_width
from pdp_lint.model.framework import Behavior, Competency, Framework, Guidance, Role, Section

#: The interview rating scale: one point per proficiency level of the source documents.
RATING_SCALE = (1, 2, 3, 4, 5)

_AUDIENCES = {"hiring-managers": "For hiring managers", "job-seekers": "For job seekers"}
_HIRING_AUDIENCES = (None, "hiring-managers")
#: centimetres of the header line a running head may fill: the A4 text column (17 cm)
#: less room for error, measured in the header's 8.5-point type (exporters.text_width)
_HEAD_ROOM = 16.0
_HEAD_SIZE = 8.5
#: between the running head and the page title at the right of the header line
_HEAD_GAP = 1.0


@dataclass(frozen=True, slots=True)
class Meta:
    """What identifies a handout: its title, the framework it comes from, its date."""

    kind: str
    title: str
    framework_id: str
    framework_title: str
    version: str
    owner: str
    locale: str
    date: datetime
    keywords: tuple[str, ...]

    @property
    def date_text(self) -> str:
        return format_date(self.date, self.locale)

    @property
    def running_head(self) -> str:
        """The line at the top of every printed page, on one line: a title too long for
        it is shortened (see short_title); the title page keeps the full title."""
        return running_head(self.framework_title, self.version)

    @property
    def subject(self) -> str:
        return f"{self.kind}: {self.title}"

    @property
    def page_title(self) -> str:
        """The title at the top right of printed pages; empty when it would not fit
        beside the running head on one line."""
        if self.title == self.framework_title:
            return ""
        used = text_width(self.running_head, _HEAD_SIZE) + _HEAD_GAP
        return self.title if used + text_width(self.title, _HEAD_SIZE) <= _HEAD_ROOM else ""


def running_head(title: str, version: str) -> str:
    """``title · Version 1.0``, with the title shortened until the line fits the header."""
    suffix = f" · Version {version}"
    room = _HEAD_ROOM - text_width(suffix, _HEAD_SIZE)
    return short_title(title, room, _HEAD_SIZE) + suffix


def short_title(title: str, room: float, size: float) -> str:
    """``title`` as it fits in ``room`` centimetres: whole if it fits, else the part
    before its subtitle (``Main title: subtitle``), else cut after a word with ``…``."""
    if text_width(title, size) <= room:
        return title
    main = re.split(r"\s*[:–—]\s+|\s+-\s+", title, maxsplit=1)[0].strip()
    if main and main != title and text_width(main, size) <= room:
        return main
    words = main.split() or title.split()
    kept: list[str] = []
    for word in words:
        if text_width(" ".join([*kept, word]) + "…", size) > room:
            break
        kept.append(word)
    if not kept:  # one word longer than the line: cut it
        cut, used = "", text_width("…", size)
        for ch in words[0] if words else title:
            used += text_width(ch, size)
            if used > room:
                break
            cut += ch
        return cut + "…"
    return " ".join(kept).rstrip(",;:–—-") + "…"


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    expansion: str


@dataclass(frozen=True, slots=True)
class LabelledText:
    """An example with its label ("Example", "Example 2"), or a guidance item."""

    label: str
    text: str


@dataclass(frozen=True, slots=True)
class BehaviorView:
    text: str
    examples: tuple[str, ...] = ()
    #: marked only when some, not all, of a role's behaviors are new at its level
    new: bool = False


@dataclass(frozen=True, slots=True)
class SectionView:
    """One competency of one role."""

    competency_id: str
    name: str
    description: str | None
    definition: str | None
    behaviors: tuple[BehaviorView, ...]
    examples: tuple[LabelledText, ...]

    @property
    def text(self) -> str | None:
        """The section's description, or the catalog definition when it has none."""
        return self.description or self.definition

    @property
    def examples_heading(self) -> str:
        """What the section's own examples are called: they illustrate the role's behaviors
        in this competency as a whole, not one behavior (those sit under their behavior)."""
        return f"Examples of {self.name} in this role"


@dataclass(frozen=True, slots=True)
class NewGroup:
    """What one competency adds at a level."""

    competency: str
    behaviors: tuple[str, ...]
    total: int
    new_competency: bool

    @property
    def label(self) -> str:
        return f"{self.competency} (new competency)" if self.new_competency else self.competency


@dataclass(frozen=True, slots=True)
class NewAtLevel:
    """What a role adds to the role it builds on."""

    base_title: str
    new_count: int
    total: int
    groups: tuple[NewGroup, ...]

    @property
    def all_new(self) -> bool:
        return self.new_count == self.total > 0

    @property
    def summary(self) -> str:
        """One sentence saying how much is new, shown above the details."""
        base = self.base_title
        if self.all_new:
            return (
                f"Every behavior below is new compared with {base}, whose expectations "
                "still apply at this level."
            )
        if self.new_count == 0:
            return f"No behavior is new compared with {base}: they all carry over from that role."
        return (
            f"{self.new_count} of {self.total} behaviors are new compared with {base}; the "
            "others carry over from that role. New behaviors are marked in the competencies "
            "below."
        )


@dataclass(frozen=True, slots=True)
class RoleView:
    id: str
    title: str
    abbreviation: str | None
    track_id: str
    track_name: str
    level: int
    summary: str | None
    builds_on_id: str | None
    builds_on: str | None
    sections: tuple[SectionView, ...]
    new: NewAtLevel | None

    @property
    def heading(self) -> str:
        """The title with its abbreviation: ``Senior Knowledge Expert (Senior KE)``."""
        abbr = self.abbreviation
        return f"{self.title} ({abbr})" if abbr and abbr != self.title else self.title

    @property
    def position(self) -> str:
        return f"{self.track_name}, level {self.level}"

    @property
    def behavior_count(self) -> int:
        return sum(len(s.behaviors) for s in self.sections)


@dataclass(frozen=True, slots=True)
class RoleHandout:
    meta: Meta
    role: RoleView
    glossary: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class QuestionView:
    number: int
    text: str
    probes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LevelView:
    level: int
    summary: str
    behaviors: tuple[BehaviorView, ...]
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True, slots=True)
class CompetencyView:
    id: str
    name: str
    definition: str | None
    levels: tuple[LevelView, ...]

    @property
    def questions(self) -> tuple[QuestionView, ...]:
        return tuple(q for level in self.levels for q in level.questions)


@dataclass(frozen=True, slots=True)
class InterviewGuide:
    meta: Meta
    competency: CompetencyView
    scale: tuple[int, ...]
    glossary: tuple[Term, ...]

    @property
    def scale_matches_levels(self) -> bool:
        """Whether rating N means "shows level N" (the levels are numbered like the scale)."""
        return tuple(level.level for level in self.competency.levels) == self.scale

    @property
    def instructions(self) -> str:
        low, high = self.scale[0], self.scale[-1]
        if self.scale_matches_levels:
            meaning = (
                f"Rate each answer from {low} to {high}: a rating of N means the answer shows "
                "the behaviors of level N described below."
            )
        else:
            meaning = f"Rate each answer from {low} (lowest) to {high} (highest)."
        return (
            "Ask the questions for the levels the role needs, use the probing questions to "
            "get to specific examples, and note what the candidate did and achieved. " + meaning
        )


@dataclass(frozen=True, slots=True)
class GuidanceView:
    id: str
    title: str
    text: str | None
    audience: str | None
    applies_to: tuple[str, ...]
    items: tuple[LabelledText, ...]
    sections: tuple[GuidanceView, ...]


@dataclass(frozen=True, slots=True)
class ProfileView:
    id: str
    title: str
    summary: str


@dataclass(frozen=True, slots=True)
class HiringProfile:
    meta: Meta
    profile: ProfileView
    guidance: tuple[GuidanceView, ...]
    source: str | None
    glossary: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class TrackView:
    id: str
    name: str
    coming_soon: bool
    notice: str | None
    competencies: tuple[str, ...]
    roles: tuple[RoleView, ...]


@dataclass(frozen=True, slots=True)
class OverviewRow:
    role: RoleView
    #: number of behaviors per competency of the overview, None where the role has no section
    cells: tuple[int | None, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    """The roles-by-competencies table."""

    competencies: tuple[str, ...]
    rows: tuple[OverviewRow, ...]


@dataclass(frozen=True, slots=True)
class ProfilesView:
    title: str | None
    intro: str | None
    profiles: tuple[ProfileView, ...]
    guidance: tuple[GuidanceView, ...]


@dataclass(frozen=True, slots=True)
class FrameworkHandout:
    meta: Meta
    intro: str | None
    source: str | None
    catalog: tuple[CompetencyView, ...]
    tracks: tuple[TrackView, ...]
    overview: Overview | None
    profiles: ProfilesView | None
    glossary: tuple[Term, ...]

    @property
    def roles(self) -> tuple[RoleView, ...]:
        return tuple(role for track in self.tracks for role in track.roles)

    @property
    def show_catalog(self) -> bool:
        """The catalog is worth a part when it says more than the competency names."""
        return any(c.definition or c.levels for c in self.catalog)


# --- building the views ---------------------------------------------------------------


def meta(fw: Framework, kind: str, title: str, keywords: Iterable[str] = ()) -> Meta:
    words = (fw.title, kind, *keywords, "professional development path")
    return Meta(
        kind=kind,
        title=title,
        framework_id=fw.id,
        framework_title=fw.title,
        version=fw.version,
        owner=fw.owner.team,
        locale=fw.locale,
        date=source_date(fw.file),
        keywords=tuple(dict.fromkeys(w for w in words if w)),
    )


def _key(text: str) -> str:
    """How two behaviors are compared: case, spacing and final punctuation do not count."""
    return " ".join(text.casefold().split()).rstrip(".;:!")


def _labelled(texts: Iterable[str], word: str = "Example") -> tuple[LabelledText, ...]:
    items = tuple(texts)
    if len(items) == 1:
        return (LabelledText(word, items[0]),)
    return tuple(LabelledText(f"{word} {n}", text) for n, text in enumerate(items, 1))


def _behaviors(
    behaviors: Iterable[Behavior], new: set[str] | None = None
) -> tuple[BehaviorView, ...]:
    return tuple(
        BehaviorView(
            b.text, tuple(e.text for e in b.examples), new is not None and _key(b.text) in new
        )
        for b in behaviors
    )


def _new_at_level(fw: Framework, role: Role) -> NewAtLevel | None:
    base = fw.role(role.builds_on) if role.builds_on else None
    if base is None:
        return None
    known = {_key(b.text) for s in base.sections for b in s.behaviors}
    base_competencies = {s.competency for s in base.sections}
    groups = tuple(
        NewGroup(
            fw.competency_name(s.competency),
            tuple(b.text for b in s.behaviors if _key(b.text) not in known),
            len(s.behaviors),
            s.competency not in base_competencies,
        )
        for s in role.sections
    )
    return NewAtLevel(
        _heading(base),
        sum(len(g.behaviors) for g in groups),
        sum(g.total for g in groups),
        groups,
    )


def _heading(role: Role) -> str:
    abbr = role.abbreviation
    return f"{role.title} ({abbr})" if abbr and abbr != role.title else role.title


def _section(fw: Framework, section: Section, new: set[str] | None) -> SectionView:
    comp = fw.competency(section.competency)
    return SectionView(
        competency_id=section.competency,
        name=fw.competency_name(section.competency),
        description=section.description,
        definition=comp.definition if comp else None,
        behaviors=_behaviors(section.behaviors, new),
        examples=_labelled(e.text for e in section.examples),
    )


_T = TypeVar("_T")
#: how many frameworks' views are kept (a site of many frameworks works out each in turn)
_KEPT = 64


def _per_framework(build: Callable[[Framework], _T]) -> Callable[[Framework], _T]:
    """``build``, worked out once per framework model (and date setting): the Word and
    HTML handouts and the site's pages of a run lay out the same views, which nothing
    changes. The model is kept with its views, so its id cannot name another model."""
    memo: dict[tuple[int, str | None], tuple[Framework, _T]] = {}

    @functools.wraps(build)
    def views_of(fw: Framework) -> _T:
        key = (id(fw), os.environ.get("SOURCE_DATE_EPOCH"))
        found = memo.get(key)
        if found is None or found[0] is not fw:
            if len(memo) >= _KEPT:
                memo.clear()
            found = memo[key] = (fw, build(fw))
        return found[1]

    return views_of


def role_view(fw: Framework, role: Role) -> RoleView:
    track = next((t for t in fw.tracks if t.id == role.track), None)
    new = _new_at_level(fw, role)
    marked: set[str] | None = None
    if new is not None and 0 < new.new_count < new.total:
        marked = {_key(text) for g in new.groups for text in g.behaviors}
    base = fw.role(role.builds_on) if role.builds_on else None
    return RoleView(
        id=role.id,
        title=role.title,
        abbreviation=role.abbreviation,
        track_id=role.track,
        track_name=track.name if track else role.track,
        level=role.level,
        summary=role.summary,
        builds_on_id=role.builds_on,
        builds_on=_heading(base) if base else role.builds_on,
        sections=tuple(_section(fw, s, marked) for s in role.sections),
        new=new,
    )


@_per_framework
def _role_views(fw: Framework) -> dict[int, RoleView]:
    """The view of every role of ``fw``, by the id of its model (the role handouts and
    the framework handout show the same views)."""
    return {id(role): role_view(fw, role) for role in fw.roles()}


def _competency(comp: Competency, numbers: Iterator[int]) -> CompetencyView:
    return CompetencyView(
        id=comp.id,
        name=comp.name,
        definition=comp.definition,
        levels=tuple(
            LevelView(
                level.level,
                level.summary,
                _behaviors(level.behaviors),
                tuple(QuestionView(next(numbers), q.text, q.probes) for q in level.questions),
            )
            for level in comp.levels
        ),
    )


def _counter() -> Iterator[int]:
    n = 0
    while True:
        n += 1
        yield n


def _guidance(
    fw: Framework, g: Guidance, profile: str | None, audience: str | None
) -> GuidanceView:
    audience = g.audience or audience
    titles = {p.id: p.title for p in fw.role_profiles.profiles} if fw.role_profiles else {}
    return GuidanceView(
        id=g.id,
        title=g.title,
        text=g.text,
        # shown where it is set, not repeated on every section that inherits it
        audience=_AUDIENCES.get(g.audience, g.audience) if g.audience else None,
        applies_to=tuple(titles.get(p, p) for p in g.applies_to),
        items=tuple(LabelledText(i.label, i.text) for i in g.items),
        sections=tuple(
            _guidance(fw, s, profile, audience)
            for s in g.sections
            if profile is None or _applies(s, profile, audience)
        ),
    )


def _applies(g: Guidance, profile: str, inherited: str | None) -> bool:
    """Guidance for hiring managers (or for everyone) that covers ``profile``."""
    audience = g.audience or inherited
    return audience in _HIRING_AUDIENCES and (not g.applies_to or profile in g.applies_to)


# --- glossary -------------------------------------------------------------------------


def glossary(fw: Framework, texts: Iterable[str | None]) -> tuple[Term, ...]:
    """The glossary entries whose term the texts use, in glossary order.

    A term counts as a whole word, also in the plural or possessive (``KEs``, ``CX's``).
    Entries without an expansion explain nothing to a reader and are left out.
    """
    body = "\n".join(t for t in texts if t)
    entries = [(entry.term, entry.expansion) for entry in fw.glossary if entry.expansion]
    # one pass of one pattern finds the terms; a term it passed over (one that begins
    # where another term matched) is looked for on its own, and only if it occurs at all
    found = {m.group(1) for m in _terms_pattern(tuple(t for t, _ in entries)).finditer(body)}
    return tuple(
        Term(term, expansion)
        for term, expansion in entries
        if term in found or (term in body and _term_pattern(term).search(body) is not None)
    )


_TERM_BEFORE, _TERM_AFTER = r"(?<![0-9A-Za-z])", r"(?:s|['\u2019]s)?(?![0-9A-Za-z])"


def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"{_TERM_BEFORE}{re.escape(term)}{_TERM_AFTER}")


@functools.lru_cache(maxsize=64)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``terms`` as a whole word (see glossary); the term matched is group 1."""
    if not terms:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"{_TERM_BEFORE}({alternatives}){_TERM_AFTER}")


def _role_texts(role: RoleView) -> Iterator[str | None]:
    yield from (role.title, role.abbreviation, role.summary, role.builds_on, role.track_name)
    for s in role.sections:
        yield from (s.name, s.text)
        for b in s.behaviors:
            yield b.text
            yield from b.examples
        yield from (e.text for e in s.examples)


def _guidance_texts(items: Iterable[GuidanceView]) -> Iterator[str | None]:
    for g in items:
        yield from (g.title, g.text, *g.applies_to)
        for item in g.items:
            yield from (item.label, item.text)
        yield from _guidance_texts(g.sections)


def _competency_texts(comp: CompetencyView) -> Iterator[str | None]:
    yield from (comp.name, comp.definition)
    for level in comp.levels:
        yield level.summary
        for b in level.behaviors:
            yield b.text
            yield from b.examples
        for q in level.questions:
            yield from (q.text, *q.probes)


# --- the four handouts ----------------------------------------------------------------


@_per_framework
def role_handouts(fw: Framework) -> list[RoleHandout]:
    """One handout per role, in framework order."""
    out = []
    views = _role_views(fw)
    for role in fw.roles():
        view = views[id(role)]
        keywords = (role.title, role.abbreviation or "", *(s.name for s in view.sections))
        out.append(
            RoleHandout(
                meta(fw, "Role handout", view.heading, keywords),
                view,
                glossary(fw, (fw.title, *_role_texts(view))),
            )
        )
    return out


@_per_framework
def interview_guides(fw: Framework) -> list[InterviewGuide]:
    """One guide per competency that has interview questions in its proficiency levels."""
    out = []
    for comp in fw.competencies:
        if not any(level.questions for level in comp.levels):
            continue
        view = _competency(comp, _counter())
        out.append(
            InterviewGuide(
                meta(fw, "Interview guide", comp.name, (comp.name, "interview")),
                view,
                RATING_SCALE,
                glossary(fw, (fw.title, *_competency_texts(view))),
            )
        )
    return out


@_per_framework
def hiring_profiles(fw: Framework) -> list[HiringProfile]:
    """One hiring profile per role profile, with the guidance that applies to it."""
    rp = fw.role_profiles
    if rp is None:
        return []
    out = []
    for p in rp.profiles:
        guidance = tuple(
            _guidance(fw, g, p.id, None) for g in rp.guidance if _applies(g, p.id, None)
        )
        profile = ProfileView(p.id, p.title, p.summary)
        out.append(
            HiringProfile(
                meta(fw, "Hiring profile", p.title, (p.title, "hiring")),
                profile,
                guidance,
                fw.source,
                glossary(fw, (fw.title, p.title, p.summary, *_guidance_texts(guidance))),
            )
        )
    return out


@_per_framework
def framework_handout(fw: Framework) -> FrameworkHandout:
    """The whole framework in one document."""
    numbers = _counter()
    catalog = tuple(_competency(c, numbers) for c in fw.competencies)
    views = _role_views(fw)
    tracks = tuple(
        TrackView(
            id=t.id,
            name=t.name,
            coming_soon=t.coming_soon,
            notice=t.notice,
            competencies=tuple(fw.competency_name(c) for c in t.competencies),
            roles=tuple(views[id(r)] for r in t.roles),
        )
        for t in fw.tracks
    )
    roles = [r for t in tracks for r in t.roles]
    overview = None
    if roles:
        ids = list(dict.fromkeys(s.competency_id for r in roles for s in r.sections))
        ordered = [c.id for c in fw.competencies if c.id in ids] + [
            i for i in ids if fw.competency(i) is None
        ]
        overview = Overview(
            tuple(fw.competency_name(i) for i in ordered),
            tuple(
                OverviewRow(
                    r,
                    tuple(
                        next((len(s.behaviors) for s in r.sections if s.competency_id == i), None)
                        for i in ordered
                    ),
                )
                for r in roles
            ),
        )
    profiles = None
    rp = fw.role_profiles
    if rp is not None:
        profiles = ProfilesView(
            rp.title,
            rp.intro,
            tuple(ProfileView(p.id, p.title, p.summary) for p in rp.profiles),
            tuple(_guidance(fw, g, None, None) for g in rp.guidance),
        )
    return FrameworkHandout(
        meta=meta(fw, "Framework handout", fw.title, ()),
        intro=fw.intro,
        source=fw.source,
        catalog=catalog,
        tracks=tracks,
        overview=overview,
        profiles=profiles,
        # the whole framework: every explained term, used in the prose or not
        glossary=tuple(Term(e.term, e.expansion) for e in fw.glossary if e.expansion),
    )
