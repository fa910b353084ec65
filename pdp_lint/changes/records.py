"""The records of a changelog: one ``Change`` per thing that changed, per framework.

The records are the one interface every output reads (text, Markdown, JSON, the site
page and the handouts): renderers lay them out and decide nothing.
"""

from __future__ import annotations

import msgspec

from pdp_lint.changes.worddiff import Segment, word_diff

#: what happened to a thing
ADDED, REMOVED, REWORDED, MOVED, RENAMED, CHANGED = (
    "added",
    "removed",
    "reworded",
    "moved",
    "renamed",
    "changed",
)
KINDS = (ADDED, REMOVED, REWORDED, MOVED, RENAMED, CHANGED)

#: the things whose removal takes an expectation away from the people on a ladder
EXPECTATIONS = frozenset({"behavior", "example", "question", "role", "competency", "section"})
#: the things that say what people are expected to do (HR's "What changed" shows these)
CONTENT = EXPECTATIONS | {"summary", "definition", "description", "probes", "level"}


class Place(msgspec.Struct, frozen=True, omit_defaults=True):
    """Where a thing is in a framework, by ids.

    A role section is ``role`` + ``competency``; a proficiency level of the catalog is
    ``competency`` + ``level``; an example under a behavior also names the ``behavior``.
    """

    track: str | None = None
    role: str | None = None
    competency: str | None = None
    level: int | None = None
    behavior: str | None = None
    profile: str | None = None
    guidance: str | None = None


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """One change: a thing added, removed, reworded, moved, renamed or changed.

    ``subject`` is what the thing is (``behavior``, ``role``, ``summary`` ...), ``id`` its
    id now (for a removal: its id before), ``old_id`` its id before when that differs.
    ``place``/``where`` say where it is now (for a removal: where it was), ``old_place``/
    ``old_where`` where it was when it moved. ``old``/``new`` are the texts (or titles)
    before and after. ``line`` is its line in the new file (for a removal: in the old).
    """

    kind: str
    subject: str
    id: str
    old_id: str | None = None
    place: Place = Place()
    where: str = ""
    old_place: Place | None = None
    old_where: str | None = None
    old: str | None = None
    new: str | None = None
    line: int = 1

    @property
    def text(self) -> str:
        """The text a person reads about the thing: the new one, or the old for a removal."""
        return (self.new if self.new is not None else self.old) or ""

    @property
    def reworded(self) -> bool:
        return self.old is not None and self.new is not None and self.old != self.new

    @property
    def diff(self) -> tuple[Segment, ...]:
        """The rewording word by word; empty when the text did not change."""
        if not self.reworded:
            return ()
        return word_diff(self.old or "", self.new or "")

    @property
    def breaking(self) -> bool:
        """Whether the change takes an expectation away: a removal of one."""
        return self.kind == REMOVED and self.subject in EXPECTATIONS

    def concerns_role(self, role: str) -> bool:
        """Whether the change is about what ``role`` is expected to do (before or after)."""
        return self.place.role == role or (
            self.old_place is not None and self.old_place.role == role
        )


class FrameworkChanges(msgspec.Struct, kw_only=True):
    """What changed in one framework, matched by its id between the two versions.

    ``status`` is ``added``, ``removed`` or ``changed``. ``file`` is the framework's file
    in the new version (the old one for a removal), ``version_line`` the line of its
    ``version`` there.
    """

    id: str
    title: str
    status: str
    file: str
    old_file: str | None = None
    old_version: str | None = None
    new_version: str | None = None
    version_line: int = 1
    version_column: int = 1
    changes: list[Change] = msgspec.field(default_factory=list)

    @property
    def content_changed(self) -> bool:
        return self.status != CHANGED or bool(self.changes)

    @property
    def breaking(self) -> bool:
        return any(c.breaking for c in self.changes)

    def counts(self) -> dict[str, int]:
        """How many changes of each kind, every kind listed."""
        counts = dict.fromkeys(KINDS, 0)
        for c in self.changes:
            counts[c.kind] += 1
        return counts

    def role_changes(self, role: str) -> list[Change]:
        """The changes to what ``role`` is expected to do."""
        return [c for c in self.changes if c.concerns_role(role)]


class Changelog(msgspec.Struct, kw_only=True):
    """Every framework that changed between ``base`` and ``head`` (labels for people)."""

    base: str
    head: str
    frameworks: list[FrameworkChanges] = msgspec.field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.frameworks
