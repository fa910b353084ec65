"""Work out what changed between two models of one framework.

Things are matched by id first. Roles and competencies whose id changed are matched by
their title (or name), and the places of everything inside them are translated, so a
renamed competency does not make every behavior under it look moved. Behaviors,
examples and questions left over are matched by id where the id is unique, then by
text: an item whose id changed but whose text is nearly the same (rapidfuzz's ratio of
the normalised texts at least ``SIMILAR``) is reworded or moved, not removed and added.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

import msgspec

from pdp_lint.changes.records import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    RENAMED,
    REWORDED,
    Change,
    FrameworkChanges,
    Place,
)
from pdp_lint.model.framework import Competency, Framework, Guidance, Node, Role, Track

#: how alike (0-100, rapidfuzz ``ratio`` of the normalised texts) two texts must be for
#: two items with different ids to count as one item changed
SIMILAR = 85.0
#: how alike two titles must be for a role or competency whose id changed
SIMILAR_TITLE = 90.0
#: how alike the texts of two items with the same id in different places must be to be
#: one item moved: ids are unique only within a section or level
SAME_ID = 60.0
#: what joins the parts of a place's name: "Knowledge Expert > Knowledge", with a
#: single right-pointing angle quotation mark
SEPARATOR = " \u203a "

T = TypeVar("T")
#: what is added, removed or renamed as a whole
_Whole = TypeVar("_Whole", Competency, Track, Role)


class _Item(msgspec.Struct, frozen=True):
    """A behavior, example or question, where it is."""

    subject: str
    id: str
    text: str
    place: Place
    line: int
    probes: tuple[str, ...] = ()


def compare(old: Framework, new: Framework, file: str, old_file: str) -> FrameworkChanges:
    """The changes from ``old`` to ``new`` (two versions of one framework)."""
    return _Comparison(old, new).result(file, old_file)


def added_framework(fw: Framework, file: str) -> FrameworkChanges:
    return FrameworkChanges(
        id=fw.id,
        title=fw.title,
        status=ADDED,
        file=file,
        new_version=fw.version,
        version_line=fw.span_of("version").line,
        version_column=fw.span_of("version").column,
    )


def removed_framework(fw: Framework, file: str) -> FrameworkChanges:
    return FrameworkChanges(
        id=fw.id,
        title=fw.title,
        status=REMOVED,
        file=file,
        old_file=file,
        old_version=fw.version,
        version_line=fw.span_of("version").line,
    )


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return float(fuzz.ratio(_norm(a), _norm(b)))


def _pair_by(
    olds: Sequence[T],
    news: Sequence[T],
    key: Callable[[T], object],
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pair items with equal keys, in order; return the pairs and what is left on each side."""
    waiting: dict[object, list[T]] = {}
    for item in olds:
        waiting.setdefault(key(item), []).append(item)
    pairs: list[tuple[T, T]] = []
    left_new: list[T] = []
    for item in news:
        bucket = waiting.get(key(item))
        if bucket:
            pairs.append((bucket.pop(0), item))
        else:
            left_new.append(item)
    paired = {id(o) for o, _ in pairs}
    left_old = [o for o in olds if id(o) not in paired]
    return pairs, left_old, left_new


def _pair_unique_by(
    olds: Sequence[T],
    news: Sequence[T],
    key: Callable[[T], object],
    alike: Callable[[T, T], bool] = lambda o, n: True,
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pair items whose key is unique on both sides (and that are ``alike``)."""

    def unique(items: Sequence[T]) -> dict[object, T]:
        seen: dict[object, list[T]] = {}
        for item in items:
            seen.setdefault(key(item), []).append(item)
        return {k: v[0] for k, v in seen.items() if len(v) == 1}

    uo, un = unique(olds), unique(news)
    pairs = [(uo[k], un[k]) for k in un if k in uo and alike(uo[k], un[k])]
    po, pn = {id(o) for o, _ in pairs}, {id(n) for _, n in pairs}
    return pairs, [o for o in olds if id(o) not in po], [n for n in news if id(n) not in pn]


def _pair_similar(
    olds: Sequence[T],
    news: Sequence[T],
    text: Callable[[T], str],
    threshold: float,
    bonus: Callable[[T, T], float] = lambda o, n: 0.0,
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pair the most alike items first, each at most once, if alike enough."""
    scored = []
    for i, o in enumerate(olds):
        for j, n in enumerate(news):
            score = _similarity(text(o), text(n))
            if score >= threshold:
                scored.append((-(score + bonus(o, n)), i, j))
    scored.sort()
    used_o: set[int] = set()
    used_n: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in scored:
        if i not in used_o and j not in used_n:
            used_o.add(i)
            used_n.add(j)
            pairs.append((i, j))
    pairs.sort(key=lambda p: p[1])
    return (
        [(olds[i], news[j]) for i, j in pairs],
        [o for i, o in enumerate(olds) if i not in used_o],
        [n for j, n in enumerate(news) if j not in used_n],
    )


def _line(node: Node, field: str | None = None) -> int:
    return (node.span_of(field) if field else node.span).line


class _Comparison:
    def __init__(self, old: Framework, new: Framework) -> None:
        self.old, self.new = old, new
        self.changes: list[Change] = []
        # old id -> new id of the roles and competencies matched
        self.role_map: dict[str, str] = {}
        self.comp_map: dict[str, str] = {}
        self.track_map: dict[str, str] = {}

    # --- labels --------------------------------------------------------------------

    def where(self, place: Place, fw: Framework | None = None) -> str:
        """A place as people name it: the role, competency and level, joined by ``SEPARATOR``."""
        fw = fw or self.new
        parts: list[str] = []
        if place.track and not place.role:
            track = next((t for t in fw.tracks if t.id == place.track), None)
            parts.append(track.name if track else place.track)
        if place.role:
            role = fw.role(place.role)
            parts.append(role.title if role else place.role)
        if place.competency:
            parts.append(fw.competency_name(place.competency))
        if place.level is not None:
            parts.append(f"Level {place.level}")
        if place.profile:
            rp = fw.role_profiles
            found = next((p for p in rp.profiles if p.id == place.profile), None) if rp else None
            parts.append(found.title if found else place.profile)
        if place.guidance:
            parts.append(_guidance_title(fw, place.guidance))
        return SEPARATOR.join(parts)

    def add(self, change: Change) -> None:
        self.changes.append(change)

    def field(
        self,
        subject: str,
        ident: str,
        place: Place,
        old: str | None,
        new: str | None,
        node: Node,
        name: str,
        old_node: Node | None = None,
    ) -> None:
        """A text field of a matched thing: added, removed or changed."""
        if old == new:
            return
        kind = CHANGED if old and new else (ADDED if new else REMOVED)
        line = _line(node, name) if new else _line(old_node or node, name)
        # the thing a field belongs to is in both versions: named as it is now
        where = self.where(place)
        self.add(
            Change(
                kind=kind,
                subject=subject,
                id=ident,
                place=place,
                where=where,
                old=old,
                new=new,
                line=line,
            )
        )

    # --- the whole ---------------------------------------------------------------------

    def result(self, file: str, old_file: str) -> FrameworkChanges:
        old, new = self.old, self.new
        here = Place()
        if old.id != new.id:  # two files compared whatever their ids
            self.add(
                Change(
                    kind=RENAMED,
                    subject="framework",
                    id=new.id,
                    old_id=old.id,
                    old=old.title,
                    new=new.title,
                    line=_line(new, "id"),
                )
            )
        self.field("title", new.id, here, old.title, new.title, new, "title", old)
        self.field("intro", new.id, here, old.intro, new.intro, new, "intro", old)
        self.field("status", new.id, here, old.status, new.status, new, "status", old)
        self.field("locale", new.id, here, old.locale, new.locale, new, "locale", old)
        self.field("owner", new.id, here, old.owner.team, new.owner.team, new.owner, "team")
        self.glossary()
        self.competencies()
        self.tracks()
        self.roles()
        self.items()
        self.profiles()
        return FrameworkChanges(
            id=new.id,
            title=new.title,
            status=CHANGED,
            file=file,
            old_file=old_file,
            old_version=old.version,
            new_version=new.version,
            version_line=_line(new, "version"),
            version_column=new.span_of("version").column,
            changes=self.ordered(),
        )

    def ordered(self) -> list[Change]:
        """Changes in the order of the new framework: what is before, then the catalog,
        then each role; what is only in the old one after what follows it there."""
        rank: dict[tuple[object, ...], int] = {}

        def put(key: tuple[object, ...]) -> None:
            rank.setdefault(key, len(rank))

        put(("framework",))
        put(("glossary",))
        for fw in (self.new, self.old):
            for comp in fw.competencies:
                cid = self.comp_map.get(comp.id, comp.id) if fw is self.old else comp.id
                put(("competency", cid))
                for level in comp.levels:
                    put(("competency", cid, level.level))
        for fw in (self.new, self.old):
            for track in fw.tracks:
                put(("track", track.id))
                for role in track.roles:
                    rid = self.role_map.get(role.id, role.id) if fw is self.old else role.id
                    put(("role", rid))
                    for section in role.sections:
                        cid = section.competency
                        if fw is self.old:
                            cid = self.comp_map.get(cid, cid)
                        put(("role", rid, cid))
        put(("profiles",))

        def key(c: Change) -> tuple[int, bool, int]:
            # within a heading: in the order of the new file, what was removed last
            return rank.get(_group(c), len(rank)), c.kind == REMOVED, c.line

        indexed = sorted(enumerate(self.changes), key=lambda ic: (key(ic[1]), ic[0]))
        return [c for _, c in indexed]

    # --- glossary ----------------------------------------------------------------------

    def glossary(self) -> None:
        old = {e.term: e for e in self.old.glossary}
        new = {e.term: e for e in self.new.glossary}
        here = Place()
        for term, entry in new.items():
            before = old.get(term)
            if before is None:
                self.add(
                    Change(
                        kind=ADDED,
                        subject="glossary",
                        id=term,
                        where="Glossary",
                        new=entry.expansion or "",
                        line=_line(entry),
                    )
                )
            elif before.expansion != entry.expansion:
                self.add(
                    Change(
                        kind=CHANGED,
                        subject="glossary",
                        id=term,
                        place=here,
                        where="Glossary",
                        old=before.expansion or "",
                        new=entry.expansion or "",
                        line=_line(entry),
                    )
                )
        for term, entry in old.items():
            if term not in new:
                self.add(
                    Change(
                        kind=REMOVED,
                        subject="glossary",
                        id=term,
                        where="Glossary",
                        old=entry.expansion or "",
                        line=_line(entry),
                    )
                )

    def added_and_removed(
        self,
        subject: str,
        added: Sequence[_Whole],
        removed: Sequence[_Whole],
        place_of: Callable[[str], Place],
        label: Callable[[_Whole], str],
    ) -> None:
        """A change for each item only the new side has, then each only the old side has."""
        for n in added:
            place = place_of(n.id)
            self.add(
                Change(
                    kind=ADDED,
                    subject=subject,
                    id=n.id,
                    place=place,
                    where=self.where(place),
                    new=label(n),
                    line=_line(n),
                )
            )
        for o in removed:
            place = place_of(o.id)
            self.add(
                Change(
                    kind=REMOVED,
                    subject=subject,
                    id=o.id,
                    place=place,
                    where=self.where(place, self.old),
                    old=label(o),
                    line=_line(o),
                )
            )

    # --- the competency catalog --------------------------------------------------------

    def competencies(self) -> None:
        olds, news = list(self.old.competencies), list(self.new.competencies)
        pairs, lo, ln = _pair_by(olds, news, lambda c: c.id)
        more, lo, ln = _pair_similar(lo, ln, lambda c: c.name, SIMILAR_TITLE)
        pairs += more
        more, lo, ln = _pair_similar(lo, ln, lambda c: c.definition or "", SIMILAR)
        pairs += more
        for o, n in pairs:
            self.comp_map[o.id] = n.id
        for o, n in sorted(pairs, key=lambda p: news.index(p[1])):
            self.competency(o, n)
        self.added_and_removed(
            "competency", ln, lo, lambda i: Place(competency=i), lambda c: c.name
        )

    def competency(self, o: Competency, n: Competency) -> None:
        place = Place(competency=n.id)
        if o.id != n.id or o.name != n.name:
            self.add(
                Change(
                    kind=RENAMED,
                    subject="competency",
                    id=n.id,
                    old_id=o.id if o.id != n.id else None,
                    place=place,
                    where=self.where(place),
                    old=o.name,
                    new=n.name,
                    line=_line(n, "name"),
                )
            )
        self.field("definition", n.id, place, o.definition, n.definition, n, "definition", o)
        old_levels = {lv.level: lv for lv in o.levels}
        new_levels = {lv.level: lv for lv in n.levels}
        for number, level in new_levels.items():
            lplace = Place(competency=n.id, level=number)
            before = old_levels.get(number)
            if before is None:
                self.add(
                    Change(
                        kind=ADDED,
                        subject="level",
                        id=str(number),
                        place=lplace,
                        where=self.where(lplace),
                        new=level.summary,
                        line=_line(level),
                    )
                )
            else:
                self.field(
                    "summary", str(number), lplace, before.summary, level.summary, level, "summary"
                )
        for number, level in old_levels.items():
            if number not in new_levels:
                lplace = Place(competency=n.id, level=number)
                self.add(
                    Change(
                        kind=REMOVED,
                        subject="level",
                        id=str(number),
                        place=lplace,
                        where=self.where(lplace),
                        old=level.summary,
                        line=_line(level),
                    )
                )

    # --- tracks and roles ----------------------------------------------------------------

    def tracks(self) -> None:
        pairs, lo, ln = _pair_by(self.old.tracks, self.new.tracks, lambda t: t.id)
        more, lo, ln = _pair_similar(lo, ln, lambda t: t.name, SIMILAR_TITLE)
        pairs += more
        for o, n in pairs:
            self.track_map[o.id] = n.id
            place = Place(track=n.id)
            if o.id != n.id or o.name != n.name:
                self.add(
                    Change(
                        kind=RENAMED,
                        subject="track",
                        id=n.id,
                        old_id=o.id if o.id != n.id else None,
                        place=place,
                        where=self.where(place),
                        old=o.name,
                        new=n.name,
                        line=_line(n, "name"),
                    )
                )
            self.field("status", n.id, place, o.status, n.status, n, "status", o)
            self.field("notice", n.id, place, o.notice, n.notice, n, "notice", o)
            # the competencies a coming-soon path will cover: compared by id (a renamed
            # competency is not a change of the path), shown by name
            if tuple(self.comp_map.get(c, c) for c in o.competencies) != n.competencies:
                before = ", ".join(self.old.competency_name(c) for c in o.competencies)
                after = ", ".join(self.new.competency_name(c) for c in n.competencies)
                self.field(
                    "competencies", n.id, place, before or None, after or None, n,
                    "competencies", o,
                )  # fmt: skip
        self.added_and_removed("track", ln, lo, lambda i: Place(track=i), lambda x: x.name)

    def roles(self) -> None:
        olds, news = list(self.old.roles()), list(self.new.roles())
        pairs, lo, ln = _pair_by(olds, news, lambda r: r.id)
        more, lo, ln = _pair_similar(lo, ln, lambda r: r.title, SIMILAR_TITLE)
        pairs += more
        more, lo, ln = _pair_similar(lo, ln, lambda r: r.summary or "", SIMILAR)
        pairs += more
        for o, n in pairs:
            self.role_map[o.id] = n.id
        for o, n in sorted(pairs, key=lambda p: news.index(p[1])):
            self.role(o, n)
        self.added_and_removed("role", ln, lo, lambda i: Place(role=i), lambda x: x.title)

    def role(self, o: Role, n: Role) -> None:
        place = Place(role=n.id)
        if o.id != n.id or o.title != n.title:
            self.add(
                Change(
                    kind=RENAMED,
                    subject="role",
                    id=n.id,
                    old_id=o.id if o.id != n.id else None,
                    place=place,
                    where=self.where(place),
                    old=o.title,
                    new=n.title,
                    line=_line(n, "title"),
                )
            )
        if self.track_map.get(o.track, o.track) != n.track:
            self.add(
                Change(
                    kind=MOVED,
                    subject="role",
                    id=n.id,
                    place=Place(track=n.track, role=n.id),
                    where=self.where(Place(track=n.track)),
                    old_place=Place(track=o.track, role=n.id),
                    old_where=self.where(Place(track=o.track), self.old),
                    new=n.title,
                    line=_line(n),
                )
            )
        self.field("summary", n.id, place, o.summary, n.summary, n, "summary", o)
        self.field(
            "abbreviation", n.id, place, o.abbreviation, n.abbreviation, n, "abbreviation", o
        )
        old_builds = self.role_map.get(o.builds_on or "", o.builds_on)
        self.field("builds-on", n.id, place, old_builds, n.builds_on, n, "builds_on", o)
        pairs, lo, ln = _pair_by(
            o.sections, n.sections, lambda s: self.comp_map.get(s.competency, s.competency)
        )
        # pairs come in the new order since _pair_by walks the new side
        for os_, ns in pairs:
            splace = Place(role=n.id, competency=ns.competency)
            self.field(
                "description", ns.competency, splace, os_.description, ns.description, ns,
                "description", os_,
            )  # fmt: skip
        for ns in ln:
            splace = Place(role=n.id, competency=ns.competency)
            self.add(
                Change(
                    kind=ADDED,
                    subject="section",
                    id=ns.competency,
                    place=splace,
                    where=self.where(splace),
                    new=self.new.competency_name(ns.competency),
                    line=_line(ns),
                )
            )
        for os_ in lo:
            cid = self.comp_map.get(os_.competency, os_.competency)
            splace = Place(role=n.id, competency=cid)
            self.add(
                Change(
                    kind=REMOVED,
                    subject="section",
                    id=cid,
                    place=splace,
                    where=self.where(splace, self.old)
                    if self.new.competency(cid) is None
                    else self.where(splace),
                    old=self.old.competency_name(os_.competency),
                    line=_line(os_),
                )
            )

    # --- behaviors, examples and questions -----------------------------------------------

    def items(self) -> None:
        olds = [self.translate(i) for i in _items(self.old)]
        news = list(_items(self.new))
        behaviors = self.match_items(
            [i for i in olds if i.subject == "behavior"],
            [i for i in news if i.subject == "behavior"],
        )
        # an example goes where its behavior goes: under a behavior whose id changed, or
        # that moved, it has not moved by itself
        followed = {(o.place, o.id): n for o, n in behaviors}

        def follow(item: _Item) -> _Item:
            p = item.place
            if p.behavior is None:
                return item
            parent = followed.get((msgspec.structs.replace(p, behavior=None), p.behavior))
            if parent is None:
                return item
            place = msgspec.structs.replace(parent.place, behavior=parent.id)
            return msgspec.structs.replace(item, place=place)

        for subject in ("example", "question"):
            self.match_items(
                [follow(i) for i in olds if i.subject == subject],
                [i for i in news if i.subject == subject],
            )

    def translate(self, item: _Item) -> _Item:
        """An old item with its place named by the new ids of its role and competency."""
        p = item.place
        place = msgspec.structs.replace(
            p,
            role=self.role_map.get(p.role, p.role) if p.role else None,
            competency=self.comp_map.get(p.competency, p.competency) if p.competency else None,
        )
        return msgspec.structs.replace(item, place=place)

    def match_items(self, olds: list[_Item], news: list[_Item]) -> list[tuple[_Item, _Item]]:
        """Match items of one kind, record what changed, and return the pairs."""
        pairs, lo, ln = _pair_by(olds, news, lambda i: (i.place, i.id))
        # an id is unique only within its section or level: elsewhere, the same id is the
        # same item only if the text is still much the same
        more, lo, ln = _pair_unique_by(
            lo, ln, lambda i: i.id, lambda o, n: _similarity(o.text, n.text) >= SAME_ID
        )
        pairs += more
        more, lo, ln = _pair_similar(
            lo, ln, lambda i: i.text, SIMILAR, lambda o, n: 1.0 if o.place == n.place else 0.0
        )
        pairs += more
        for o, n in pairs:
            self.item_pair(o, n)
        for n in ln:
            self.add(
                Change(
                    kind=ADDED,
                    subject=n.subject,
                    id=n.id,
                    place=n.place,
                    where=self.where(n.place),
                    new=n.text,
                    line=n.line,
                )
            )
        for o in lo:
            self.add(
                Change(
                    kind=REMOVED,
                    subject=o.subject,
                    id=o.id,
                    place=o.place,
                    where=self.old_where(o.place),
                    old=o.text,
                    line=o.line,
                )
            )
        return pairs

    def old_where(self, place: Place) -> str:
        """An old place's name, from the new framework where it is still there."""
        role_gone = place.role is not None and self.new.role(place.role) is None
        comp_gone = place.competency is not None and self.new.competency(place.competency) is None
        return self.where(place, self.old if role_gone or comp_gone else self.new)

    def item_pair(self, o: _Item, n: _Item) -> None:
        moved = o.place != n.place
        kind = MOVED if moved else REWORDED if o.text != n.text else RENAMED
        if moved or o.text != n.text or o.id != n.id:
            self.add(
                Change(
                    kind=kind,
                    subject=n.subject,
                    id=n.id,
                    old_id=o.id if o.id != n.id else None,
                    place=n.place,
                    where=self.where(n.place),
                    old_place=o.place if moved else None,
                    old_where=self.old_where(o.place) if moved else None,
                    old=o.text,
                    new=n.text,
                    line=n.line,
                )
            )
        if o.probes != n.probes:
            self.add(
                Change(
                    kind=CHANGED,
                    subject="probes",
                    id=n.id,
                    place=n.place,
                    where=self.where(n.place),
                    old="\n".join(o.probes),
                    new="\n".join(n.probes),
                    line=n.line,
                )
            )

    # --- hiring profiles and guidance ----------------------------------------------------

    def profiles(self) -> None:
        orp, nrp = self.old.role_profiles, self.new.role_profiles
        oprof = list(orp.profiles) if orp else []
        nprof = list(nrp.profiles) if nrp else []
        pairs, lo, ln = _pair_by(oprof, nprof, lambda p: p.id)
        for o, n in pairs:
            place = Place(profile=n.id)
            if o.title != n.title:
                self.add(
                    Change(
                        kind=RENAMED,
                        subject="profile",
                        id=n.id,
                        place=place,
                        where=self.where(place),
                        old=o.title,
                        new=n.title,
                        line=_line(n, "title"),
                    )
                )
            self.field("summary", n.id, place, o.summary, n.summary, n, "summary", o)
        for n in ln:
            place = Place(profile=n.id)
            self.add(
                Change(
                    kind=ADDED, subject="profile", id=n.id, place=place,
                    where=self.where(place), new=n.title, line=_line(n),
                )
            )  # fmt: skip
        for o in lo:
            place = Place(profile=o.id)
            self.add(
                Change(
                    kind=REMOVED, subject="profile", id=o.id, place=place,
                    where=self.where(place, self.old), old=o.title, line=_line(o),
                )
            )  # fmt: skip
        og = [g for top in (orp.guidance if orp else ()) for g in top.walk()]
        ng = [g for top in (nrp.guidance if nrp else ()) for g in top.walk()]
        self.guidance(og, ng)

    def guidance(self, olds: list[Guidance], news: list[Guidance]) -> None:
        pairs, lo, ln = _pair_by(olds, news, lambda g: g.id)
        for o, n in pairs:
            place = Place(guidance=n.id)
            self.field("guidance-title", n.id, place, o.title, n.title, n, "title", o)
            self.field("guidance", n.id, place, o.text, n.text, n, "text", o)
            ipairs, ilo, iln = _pair_by(o.items, n.items, lambda i: i.id)
            for oi, ni in ipairs:
                before, after = f"{oi.label}: {oi.text}", f"{ni.label}: {ni.text}"
                self.field("guidance-item", ni.id, place, before, after, ni, "text", oi)
            for ni in iln:
                self.add(
                    Change(
                        kind=ADDED, subject="guidance-item", id=ni.id, place=place,
                        where=self.where(place), new=f"{ni.label}: {ni.text}", line=_line(ni),
                    )
                )  # fmt: skip
            for oi in ilo:
                self.add(
                    Change(
                        kind=REMOVED, subject="guidance-item", id=oi.id, place=place,
                        where=self.where(place), old=f"{oi.label}: {oi.text}", line=_line(oi),
                    )
                )  # fmt: skip
        for n in ln:
            place = Place(guidance=n.id)
            self.add(
                Change(
                    kind=ADDED, subject="guidance-section", id=n.id, place=place,
                    where=self.where(place), new=n.title, line=_line(n),
                )
            )  # fmt: skip
        for o in lo:
            place = Place(guidance=o.id)
            self.add(
                Change(
                    kind=REMOVED, subject="guidance-section", id=o.id, place=place,
                    where=self.where(place, self.old), old=o.title, line=_line(o),
                )
            )  # fmt: skip


def _guidance_title(fw: Framework, gid: str) -> str:
    rp = fw.role_profiles
    for top in rp.guidance if rp else ():
        for g in top.walk():
            if g.id == gid:
                return g.title
    return gid


def _group(c: Change) -> tuple[object, ...]:
    """The heading a change is listed under, as a key of ``_Comparison.ordered``."""
    p = c.place
    if p.profile or p.guidance:
        return ("profiles",)
    if c.subject == "glossary":
        return ("glossary",)
    if p.role:
        return ("role", p.role, p.competency) if p.competency else ("role", p.role)
    if p.track:
        return ("track", p.track)
    if p.competency:
        if p.level is not None:
            return ("competency", p.competency, p.level)
        return ("competency", p.competency)
    return ("framework",)


def _items(fw: Framework) -> Iterator[_Item]:
    """Every behavior, example and question of ``fw``, in file order, with its place."""
    for comp in fw.competencies:
        for level in comp.levels:
            place = Place(competency=comp.id, level=level.level)
            for b in level.behaviors:
                yield _Item("behavior", b.id, b.text, place, _line(b))
                bplace = msgspec.structs.replace(place, behavior=b.id)
                for ex in b.examples:
                    yield _Item("example", ex.id, ex.text, bplace, _line(ex))
            for q in level.questions:
                yield _Item("question", q.id, q.text, place, _line(q), q.probes)
    for role in fw.roles():
        for section in role.sections:
            place = Place(role=role.id, competency=section.competency)
            for b in section.behaviors:
                yield _Item("behavior", b.id, b.text, place, _line(b))
                bplace = msgspec.structs.replace(place, behavior=b.id)
                for ex in b.examples:
                    yield _Item("example", ex.id, ex.text, bplace, _line(ex))
            for ex in section.examples:
                yield _Item("example", ex.id, ex.text, place, _line(ex))
