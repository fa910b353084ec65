"""Rules about behaviors and examples written twice."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence

import msgspec

from pdp_lint.language.similarity import (
    Pair,
    close_sequences,
    coded_word_sets,
    normalise,
    sequence,
    similar_pairs,
    sorted_words,
    words,
)
from pdp_lint.load.document import Document
from pdp_lint.model.framework import Behavior, Framework, Level, Role, Section, TextField
from pdp_lint.model.lineage import Lineage
from pdp_lint.model.problem import Severity
from pdp_lint.rules.base import Context, Finding, Rule


class Entry(msgspec.Struct, frozen=True, eq=False, gc=False):
    """One behavior and where it stands: a role's section or a competency's level."""

    text: TextField
    behavior: Behavior
    competency: str
    role: Role | None = None
    section: Section | None = None
    level: Level | None = None


def behavior_entries(framework: Framework, texts: Iterable[TextField] = ()) -> list[Entry]:
    """Every behavior of a framework, in file order.

    ``texts`` may be the framework's prose fields (``Framework.texts()``, as a document
    keeps them): the behaviors' own are used instead of a second field for each (they
    come in the same order; a behavior without one in ``texts`` gets its own).
    """
    fields = iter([t for t in texts if t.kind == "behavior"])

    def field(b: Behavior) -> TextField:
        given = next(fields, None)
        return (
            given
            if given is not None and given.node is b
            else TextField(b, "text", b.text, "behavior")
        )

    out: list[Entry] = []
    for comp in framework.competencies:
        for level in comp.levels:
            for b in level.behaviors:
                out.append(Entry(field(b), b, comp.id, level=level))
    for role in framework.roles():
        for section in role.sections:
            for b in section.behaviors:
                out.append(Entry(field(b), b, section.competency, role=role, section=section))
    return out


class Behaviors(msgspec.Struct, frozen=True, eq=False):
    """The behaviors of a framework (see :func:`behavior_entries`) with, for each, its
    words in order (its normalised text) and its sequence."""

    entries: list[Entry]
    #: the words of each behavior in order: equal for texts that are the same (DU01)
    keys: list[tuple[str, ...]]
    #: the words of each behavior in order, possessive endings dropped
    sequences: list[tuple[str, ...]]

    def word_set(self, i: int) -> tuple[str, ...]:
        """The distinct :func:`words` of the ``i``-th behavior, sorted (see
        :func:`sorted_words`), made when asked. DU02 holds one for every distinct
        behavior while it joins them: as frozensets they cost about 1.1 KB a behavior
        (over a gigabyte for one file of 320,000 behaviors), as sorted tuples about
        250 bytes."""
        return sorted_words(self.words_of(i))

    def words_of(self, i: int) -> Sequence[str]:
        """The :func:`words` of the ``i``-th behavior, in order."""
        value = self.entries[i].text.value
        return words(value) if _quoted(value) else self.sequences[i]


def _quoted(text: str) -> bool:
    """Whether ``text`` may hold a possessive ending (see :func:`sequence`)."""
    return "'" in text or "\u2019" in text or "`" in text


def behaviors(doc: Document, ctx: Context) -> Behaviors:
    """The :class:`Behaviors` of ``doc``, made once per run."""

    def build() -> Behaviors:
        entries = behavior_entries(doc.framework, doc.texts)
        values = [e.text.value for e in entries]
        # one string per distinct word: a framework of many behaviors uses a few thousand
        # words, and a string each time a word is used cost about 1 KB a behavior
        vocabulary: dict[str, str] = {}
        keep = vocabulary.setdefault
        # a text's words are its DU01 key (no word holds a space: the tuple compares as
        # the words joined by spaces would, without a copy of every text), and, but for
        # a possessive ending, its sequence: one tuple serves as both
        split = [tuple([keep(w, w) for w in words(v)]) for v in values]
        return Behaviors(
            entries,
            split,
            [
                tuple([keep(w, w) for w in sequence(v)]) if _quoted(v) else w
                for v, w in zip(values, split, strict=True)
            ],
        )

    result: Behaviors = ctx.document_memo(doc, "duplication.behaviors", build)
    return result


def lineage(doc: Document, ctx: Context) -> Lineage:
    """The :class:`Lineage` of ``doc``'s roles, made once per document."""
    result: Lineage = ctx.document_memo(doc, "lineage", lambda: Lineage(doc.framework))
    return result


def shorten(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def _line(entry: Entry) -> int:
    return entry.text.span.line


def related(roles: Lineage, earlier: Entry, later: Entry) -> tuple[Entry, str] | None:
    """Whether two behaviors are in one scope; returns the one to report and how the
    other is named from it (``from section `x` (line 12) of the same role``), followed
    by advice after a semicolon where the scope calls for it."""
    if earlier.level is not None or later.level is not None:
        if earlier.level is None or later.level is None or earlier.competency != later.competency:
            return None
        if earlier.level is later.level:
            return later, f"from line {_line(earlier)} of the same level"
        where = f"level {earlier.level.level} (line {_line(earlier)})"
        return later, (
            f"from {where} of competency `{earlier.competency}`; each level should say what is "
            "new at that level"
        )
    a_role, b_role = earlier.role, later.role
    assert a_role is not None and b_role is not None
    if a_role is b_role:
        if earlier.section is later.section:
            return later, f"from line {_line(earlier)} of the same section"
        return later, (
            f"from section `{earlier.competency}` (line {_line(earlier)}) of the same role; "
            "keep it in the one competency it belongs to"
        )
    for senior, base, other in ((b_role, a_role, earlier), (a_role, b_role, later)):
        if roles.builds_on(senior, base.id):
            reported = later if other is earlier else earlier
            return reported, (
                f"from section `{other.competency}` of base role `{base.id}` "
                f"(line {_line(other)}); a senior role inherits its base role's behaviors, "
                "so write what is new at this level"
            )
    return None


def _where(entry: Entry) -> str:
    if entry.role is not None:
        return f"behavior `{entry.behavior.id}` of role `{entry.role.id}`"
    assert entry.level is not None
    return f"behavior `{entry.behavior.id}` of level {entry.level.level} of `{entry.competency}`"


def exact_duplicates(doc: Document, ctx: Context) -> list[tuple[Entry, Entry, str]]:
    """(reported, other, how) for every behavior that repeats one in its scope."""

    def build() -> list[tuple[Entry, Entry, str]]:
        mine = behaviors(doc, ctx)
        chains = lineage(doc, ctx)
        groups: dict[tuple[str, ...], list[Entry]] = {}
        for e, key in zip(mine.entries, mine.keys, strict=True):
            if key:
                groups.setdefault(key, []).append(e)
        out: list[tuple[Entry, Entry, str]] = []
        for group in groups.values():
            if len(group) > 1:
                out += _group_duplicates(chains, group)
        return sorted(out, key=lambda t: t[0].text.span.start_index)

    return list(ctx.document_memo(doc, "duplication.exact", build))


def _group_duplicates(chains: Lineage, group: list[Entry]) -> Iterator[tuple[Entry, Entry, str]]:
    """(reported, other, how) for the behaviors of one text, in file order.

    Each behavior is told with the first pair, taken later behavior by later behavior
    and then earlier by earlier, in which :func:`related` reports it: an earlier
    behavior it repeats, or else a later one in a role it builds on. The search
    alternates between scanning the group in order and following the role's chain of
    ``builds_on``, so it stops at whichever finds the answer first: thousands of roles
    repeating one text cost what they hold, not the square of it.
    """
    first_of_role: dict[int, int] = {}
    first_of_level: dict[str, int] = {}
    by_id: dict[str, list[int]] = {}
    for i, e in enumerate(group):
        if e.role is not None:
            first_of_role.setdefault(id(e.role), i)
            by_id.setdefault(e.role.id, []).append(i)
        else:
            first_of_level.setdefault(e.competency, i)
    for p, x in enumerate(group):
        if x.role is None:
            q = first_of_level[x.competency]
            if q < p:
                yield _told(chains, group[q], x, x)
            continue
        found = _role_duplicate(chains, group, p, x.role, first_of_role[id(x.role)], by_id)
        if found is not None:
            yield found


def _role_duplicate(
    chains: Lineage,
    group: list[Entry],
    p: int,
    role: Role,
    same: int,
    by_id: dict[str, list[int]],
) -> tuple[Entry, Entry, str] | None:
    """What :func:`_group_duplicates` tells of ``group[p]``, a behavior of ``role``
    (``same``: the first position of a behavior of ``role`` in the group)."""
    x = group[p]

    def repeats(i: int) -> bool:
        other = group[i].role
        return other is role or (other is not None and chains.builds_on(role, other.id))

    q = _first(
        range(p),
        repeats,
        role,
        chains,
        lambda rid: [i for i in by_id.get(rid, ())[:1] if i < p],
        same if same < p else None,
    )
    if q is not None:
        return _told(chains, group[q], x, x)

    def reports_x(i: int) -> bool:
        other = group[i].role
        return (
            other is not None
            and other is not role
            and not chains.builds_on(other, role.id)
            and chains.builds_on(role, other.id)
        )

    r = _first(
        range(p + 1, len(group)),
        reports_x,
        role,
        chains,
        lambda rid: [i for i in by_id.get(rid, ()) if i > p and reports_x(i)][:1],
        None,
    )
    return _told(chains, x, group[r], x) if r is not None else None


def _first(
    scan: range,
    hit: Callable[[int], bool],
    role: Role,
    chains: Lineage,
    of_id: Callable[[str], list[int]],
    known: int | None,
) -> int | None:
    """The smallest index of ``scan`` for which ``hit`` holds, found by scanning it in
    order, or by collecting ``of_id`` of each role of ``role``'s chain (with ``known``),
    whichever ends first."""
    found = [known] if known is not None else []
    walk = chains.chain(role)
    for i in scan:
        if hit(i):
            return i
        rid = next(walk, None)
        if rid is None:
            return min(found + [j for rid in chains.chain(role) for j in of_id(rid)], default=None)
    return None


def _told(
    chains: Lineage, earlier: Entry, later: Entry, reported: Entry
) -> tuple[Entry, Entry, str]:
    found = related(chains, earlier, later)
    assert found is not None and found[0] is reported
    other = earlier if reported is later else later
    return reported, other, found[1]


class DuplicateBehavior(Rule):
    """A behavior is written twice where one would do.

    ## What it does
    Reports a behavior whose text repeats another behavior word for word (ignoring
    case, spacing, punctuation and curly or straight quotes) in the same competency
    section, in another section of the same role, in a role it builds on (following
    the chain of `builds_on`), or at another proficiency level of the same competency.
    The later occurrence is reported and the earlier one is named with its line.

    ## Why is this bad?
    A senior role inherits every behavior of the role it builds on, and a level
    inherits what the levels below it expect. Repeating a behavior says nothing new to
    the reader, makes the path look longer than it is, and the two copies drift apart
    when one is edited and the other is not.

    ## Example
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: knowledge-expert
            title: Knowledge Expert
            abbreviation: KE
            competencies:
              - competency: knowledge
                behaviors:
                  - id: champion-change
                    text: Becomes a champion of change.
          - id: senior-knowledge-expert
            title: Senior Knowledge Expert
            abbreviation: Senior KE
            builds_on: knowledge-expert
            competencies:
              - competency: knowledge
                behaviors:
                  - id: champion-change
                    text: Becomes a champion of change.
    ```

    ## Use instead
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: knowledge-expert
            title: Knowledge Expert
            abbreviation: KE
            competencies:
              - competency: knowledge
                behaviors:
                  - id: champion-change
                    text: Becomes a champion of change.
          - id: senior-knowledge-expert
            title: Senior Knowledge Expert
            abbreviation: Senior KE
            builds_on: knowledge-expert
            competencies:
              - competency: knowledge
                behaviors:
                  - id: lead-change
                    text: Leads changes of process across the department.
    ```
    """

    code = "DU01"
    name = "duplication.behavior"
    groups = ("duplication",)
    scope = "document"
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for reported, other, how in exact_duplicates(doc, ctx):
            yield Finding(
                f"{_where(reported)} repeats `{shorten(other.text.value)}` {how}",
                reported.text.span,
                reported.text.path,
            )


class NearOptions(msgspec.Struct, frozen=True):
    #: Jaccard similarity of the two word sets at or above which texts are near-duplicates
    threshold: float = 0.85

    def validate(self) -> str | None:
        if not 0 < self.threshold <= 1:
            return "threshold must be a number above 0 and at most 1"
        return None


class NearBehaviorOptions(msgspec.Struct, frozen=True):
    #: Jaccard similarity of the two word sets at or above which texts are near-duplicates
    threshold: float = 0.85
    #: the most words replaced, added or removed, in order, for a near-duplicate
    max_changed_words: int = 2
    #: how many words must stay the same for each one changed
    unchanged_per_change: int = 3

    def validate(self) -> str | None:
        if not 0 < self.threshold <= 1:
            return "threshold must be a number above 0 and at most 1"
        if not 0 <= self.max_changed_words <= 10:
            return "max-changed-words must be a whole number from 0 to 10"
        if self.unchanged_per_change < 0:
            return "unchanged-per-change must be 0 or more"
        return None


def _changed(count: int) -> str:
    return (
        "only by a possessive"
        if count == 0
        else "by one word"
        if count == 1
        else f"by {count} words"
    )


class NearDuplicateBehavior(Rule):
    """A behavior is nearly the same as another one in its scope.

    ## What it does
    Reports a behavior that is nearly the same as another behavior in the same scopes
    as `DU01` (same section, same role, a role it builds on, another level of the same
    competency), ignoring case, punctuation, quote style and possessive endings ("the
    team's goals" reads as "the team goals"). Two behaviors are nearly the same when
    either

    - their words, read in order, differ by at most `max-changed-words` words replaced,
      added or removed (two by default), with at least `unchanged-per-change` words
      left the same for each one changed (three by default): one changed word counts
      the same in a short behavior and in a long one, while "Writes code" and
      "Reviews code" are not near-duplicates; or
    - the Jaccard index of their sets of words (the number of words both use divided
      by the number either uses) reaches `threshold`, which also finds the same words
      in another order.

    Pairs that are exact duplicates are left to `DU01`. The later occurrence is
    reported.

    Between two proficiency levels of a competency, a behavior is reported only when
    it uses the same words as the other, reordered or with small words such as "the",
    "their" or "of" changed: it says nothing new at its level. A scale is often written
    by changing a word or two a level ("offer design feedback" at one level, "offer
    design solutions" at the next; "help identify and resolve issues", then "identify
    and resolve issues"; "medium levels of risk", then "high"), and such a change is
    the level's step up, not a copy.

    ## Why is this bad?
    Two behaviors that differ by a word or two usually mean one was copied and lightly
    edited: the reader cannot tell what the difference is meant to be, and the path
    looks as if it asked for more than it does.

    ## Example
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: knowledge-expert
            title: Knowledge Expert
            abbreviation: KE
            competencies:
              - competency: knowledge
                behaviors:
                  - id: share-ideas
                    text: Shares ideas, best practices and new solutions with the whole team
                      to foster a culture of learning
                  - id: share-ideas-again
                    text: Shares ideas, good practices and new solutions with the whole team
                      to foster a culture of learning
    ```

    ## Use instead
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: knowledge-expert
            title: Knowledge Expert
            abbreviation: KE
            competencies:
              - competency: knowledge
                behaviors:
                  - id: share-ideas
                    text: Shares ideas, best practices and new solutions with the whole team
                      to foster a culture of learning
    ```

    ## Options
    - `max-changed-words` (default `2`): the most words replaced, added or removed for
      two behaviors read in order to be near-duplicates; `0` turns this comparison off.
    - `unchanged-per-change` (default `3`): how many words must stay the same for each
      changed word; lower it to report shorter behaviors.
    - `threshold` (default `0.85`): the Jaccard similarity of the two word sets, from
      0 to 1, at or above which two behaviors are reported. Lower it to find looser
      copies; `1.0` reports only behaviors using exactly the same words.
    """

    code = "DU02"
    name = "duplication.near-behavior"
    groups = ("duplication",)
    scope = "document"
    severity = Severity.WARNING
    Options = NearBehaviorOptions

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        options = self.options
        mine = behaviors(doc, ctx)
        entries, keys = mine.entries, mine.keys
        exact = {id(r.behavior) for r, _, _ in exact_duplicates(doc, ctx)}
        chains = lineage(doc, ctx)
        # per reported behavior: (rank, other, how, what), the closest pair kept; a pair a
        # few words apart in order ranks before one found by word sets
        best: dict[int, tuple[tuple[int, float], Entry, Entry, str, str]] = {}

        def consider(first: int, second: int, rank: tuple[int, float], what: str) -> None:
            if keys[first] == keys[second]:
                return  # DU01's
            found = related(chains, entries[first], entries[second])
            if found is None:
                return
            reported, how = found
            if id(reported.behavior) in exact:
                return
            mine_i, other_i = (second, first) if reported is entries[second] else (first, second)
            other = entries[other_i]
            if (
                reported.level is not None
                and reported.level is not other.level
                and _content(mine.words_of(mine_i)) != _content(mine.words_of(other_i))
            ):
                return  # a level's step up, written as a changed word
            kept = best.get(id(reported))
            if kept is None or rank < kept[0]:
                best[id(reported)] = (rank, reported, other, how, what)

        limit = options.max_changed_words
        # one text is compared once, as one record (see _TextGroups)
        groups = _TextGroups(keys)
        if limit:
            sequences = mine.sequences
            per_change = options.unchanged_per_change
            eligible = [
                sequences[f] if len(sequences[f]) >= 1 + per_change else [] for f in groups.firsts
            ]
            for gi, gj, distance in close_sequences(eligible, limit):
                longest = max(len(eligible[gi]), len(eligible[gj]))
                if longest - distance >= per_change * max(distance, 1):
                    what = f"differs {_changed(distance)}"
                    for a in groups.members(gi):
                        for b in groups.members(gj):
                            consider(min(a, b), max(a, b), (0, distance), what)
            del eligible
        for pair in _different_text_pairs(groups, mine, options.threshold):
            what = f"is {pair.similarity:.0%} the same as"
            consider(pair.first, pair.second, (1, -pair.similarity), what)
        for _, reported, other, how, what in sorted(
            best.values(), key=lambda t: t[1].text.span.start_index
        ):
            advice = "" if ";" in how else "; merge them or say what differs"
            sep = " from" if what.startswith("differs") else ""
            yield Finding(
                f"{_where(reported)} {what}{sep} `{shorten(other.text.value)}` {how}{advice}",
                reported.text.span,
                reported.text.path,
            )


#: words that say nothing of what a level asks for: a level whose behavior differs
#: from another level's only by these (or by their order) says nothing new
_SMALL_WORDS = frozenset(
    [
        "a", "an", "the", "and", "or", "nor", "of", "to", "in", "on", "at", "by", "for",
        "with", "from", "into", "onto", "as", "is", "are", "be", "been", "being", "was",
        "were", "it", "its", "their", "theirs", "your", "yours", "our", "ours", "his",
        "her", "hers", "them", "they", "we", "you", "he", "she", "this", "that", "these",
        "those",
    ]
)  # fmt: skip


def _content(words: Sequence[str]) -> frozenset[str]:
    """The words of a behavior that say what it asks for (small words aside)."""
    return frozenset(w for w in words if w not in _SMALL_WORDS)


class _TextGroups:
    """The behaviors by text (their DU01 key), in order of first appearance.

    A framework repeating one behavior in thousands of roles would otherwise make every
    two of them a pair to compare. Most texts are one behavior's: a group is kept as
    its first behavior, in an array, and only the groups of several behaviors have a
    list (a list for every group cost about 120 bytes a behavior while DU02 ran).
    """

    __slots__ = ("firsts", "more")

    def __init__(self, keys: list[tuple[str, ...]]) -> None:
        first: dict[tuple[str, ...], int] = {}
        #: the first behavior of each group
        self.firsts: array[int] = array("q")
        #: every behavior of each group of several
        self.more: dict[int, list[int]] = {}
        firsts, more = self.firsts, self.more
        for i, key in enumerate(keys):
            at = first.setdefault(key, len(firsts))
            if at == len(firsts):
                firsts.append(i)
            elif at in more:
                more[at].append(i)
            else:
                more[at] = [firsts[at], i]

    def members(self, group: int) -> list[int]:
        """The behaviors of ``group``, in order."""
        return self.more.get(group) or [self.firsts[group]]


#: from how many distinct texts a file's word sets are coded a character a word: the
#: coding took 4% of a check of 100,000 behaviors in files of 240, and saves memory
#: only where one file holds tens of thousands
_CODED_FROM = 5_000


def _different_text_pairs(groups: _TextGroups, mine: Behaviors, threshold: float) -> list[Pair]:
    """The pairs of :func:`similar_pairs` whose texts differ (equal texts are DU01's).

    Behaviors of one text are compared once, as one record (see _TextGroups).
    """
    # a character a word (see coded_word_sets): a sorted tuple of words cost about 180
    # bytes a behavior while the join ran; coding costs time, spent only where the
    # memory it saves counts (a very large file)
    records: list[str] | list[tuple[str, ...]] | None = None
    if len(groups.firsts) >= _CODED_FROM:
        records = coded_word_sets(mine.words_of(first) for first in groups.firsts)
    if records is None:
        records = [mine.word_set(first) for first in groups.firsts]
    members = groups.members
    pairs = [
        Pair(min(a, b), max(a, b), pair.similarity)
        for pair in similar_pairs(records, threshold)
        for a in members(pair.first)
        for b in members(pair.second)
    ]
    pairs.sort(key=lambda p: (p.first, p.second))
    return pairs


class DuplicateExample(Rule):
    """An example is written twice in the same role.

    ## What it does
    Reports an example whose text repeats another example of the same role word for
    word (ignoring case, spacing, punctuation and quote style), whether the examples
    belong to a section or to a behavior. The later occurrence is reported.

    ## Why is this bad?
    An example is there to make one expectation concrete; the same example under two
    expectations blurs what each one asks for, and the copies drift apart when edited.

    ## Example
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
      - id: communication
        name: Communication
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: knowledge-expert
            title: Knowledge Expert
            abbreviation: KE
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work-knowledge
                    text: Does the knowledge work.
                examples:
                  - id: run-training
                    text: Runs a training session on a new feature.
              - competency: communication
                behaviors:
                  - id: work-communication
                    text: Does the communication work.
                examples:
                  - id: run-training
                    text: Runs a training session on a new feature.
    ```

    ## Use instead
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
      - id: communication
        name: Communication
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: knowledge-expert
            title: Knowledge Expert
            abbreviation: KE
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work-knowledge
                    text: Does the knowledge work.
                examples:
                  - id: run-training
                    text: Runs a training session on a new feature.
              - competency: communication
                behaviors:
                  - id: work-communication
                    text: Does the communication work.
                examples:
                  - id: present-roadmap
                    text: Presents the quarterly roadmap to the CX team.
    ```
    """

    code = "DU03"
    name = "duplication.example"
    groups = ("duplication",)
    scope = "document"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for role in doc.framework.roles():
            seen: dict[str, tuple[TextField, str]] = {}
            fields = [
                (TextField(ex, "text", ex.text, "example"), section.competency)
                for section in role.sections
                for ex in section.all_examples()
            ]
            keys = [normalise(field.value) for field, _ in fields]
            written = [key for key in keys if key]
            if len(set(written)) == len(written):
                continue  # no example repeats another: their places are not needed
            # in the order of the file (a span made for each: only for a role with a
            # repeat, as a span's line needs the file's line starts)
            order = sorted(range(len(fields)), key=lambda i: fields[i][0].span.start_index)
            for i in order:
                field, competency = fields[i]
                key = keys[i]
                if not key:
                    continue
                first = seen.get(key)
                if first is None:
                    seen[key] = (field, competency)
                    continue
                where = (
                    "the same section"
                    if first[1] == competency
                    else f"section `{first[1]}` of the same role"
                )
                yield Finding(
                    f"example `{field.node.id}` of role `{role.id}` repeats "  # type: ignore[attr-defined]
                    f"`{shorten(first[0].value)}` from line {first[0].span.line} of {where}; "
                    "keep one and give the other expectation its own example",
                    field.span,
                    field.path,
                )


class CorpusBehavior(msgspec.Struct, frozen=True, eq=False):
    doc: Document
    entry: Entry


def _corpus_matches(
    ctx: Context, threshold: float
) -> dict[int, list[tuple[float, CorpusBehavior]]]:
    """For every behavior of the corpus (by ``id`` of its node), the behaviors of other
    frameworks that are the same or nearly the same."""

    def build() -> dict[int, list[tuple[float, CorpusBehavior]]]:
        items: list[CorpusBehavior] = []
        keys: list[tuple[str, ...]] = []
        sets: list[tuple[str, ...]] = []
        for d in ctx.corpus:
            theirs = behaviors(d, ctx)
            items.extend(CorpusBehavior(d, e) for e in theirs.entries)
            keys.extend(theirs.keys)
            sets.extend(theirs.word_set(i) for i in range(len(theirs.entries)))
        out: dict[int, list[tuple[float, CorpusBehavior]]] = {}
        for pair in similar_pairs(sets, threshold):
            a, b = items[pair.first], items[pair.second]
            if a.doc is b.doc or a.doc.path.resolve() == b.doc.path.resolve():
                continue
            similarity = 1.0 if keys[pair.first] == keys[pair.second] else pair.similarity
            out.setdefault(id(a.entry.behavior), []).append((similarity, b))
            out.setdefault(id(b.entry.behavior), []).append((similarity, a))
        return out

    result: dict[int, list[tuple[float, CorpusBehavior]]] = ctx.memo(
        f"duplication.cross:{threshold}", build
    )
    return result


class CrossFrameworkBehavior(Rule):
    """A behavior is the same as one in another framework (off by default).

    ## What it does
    Reports a behavior that is identical or nearly identical (Jaccard similarity of
    the word sets at or above `threshold`) to a behavior in another framework of the
    project, naming the other file, role and line. Every framework in the project is
    compared, including files not being checked, but only the checked file is reported.

    This rule is off by default: frameworks of one family, such as the Knowledge
    Expert and Knowledge Manager ladders, legitimately share behaviors. Turn it on with
    `--select DU04` or `extend-select = ["DU04"]` when looking for text to move into a
    shared definition.

    ## Why is this bad?
    The same expectation kept in two files is edited in one and forgotten in the
    other; a shared competency definition keeps one wording for every framework.

    ## Example
    ```yaml
    # --- file: experts.yaml
    id: experts
    title: Experts PDP
    owner:
      team: Experts
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: expert
            title: Expert
            abbreviation: EX
            competencies:
              - competency: knowledge
                behaviors:
                  - id: share-ideas
                    text: Actively shares ideas and best practices with the team
    # --- file: managers.yaml
    id: managers
    title: Managers PDP
    owner:
      team: Managers
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: manager
            title: Manager
            abbreviation: MG
            competencies:
              - competency: knowledge
                behaviors:
                  - id: share-ideas
                    text: Actively shares ideas and best practices with the team
    ```

    ## Use instead
    ```yaml
    # --- file: experts.yaml
    id: experts
    title: Experts PDP
    owner:
      team: Experts
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: expert
            title: Expert
            abbreviation: EX
            competencies:
              - competency: knowledge
                behaviors:
                  - id: share-ideas
                    text: Actively shares ideas and best practices with the team
    # --- file: managers.yaml
    id: managers
    title: Managers PDP
    owner:
      team: Managers
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: manager
            title: Manager
            abbreviation: MG
            competencies:
              - competency: knowledge
                behaviors:
                  - id: coach-experts
                    text: Coaches experts on running their own knowledge sessions
    ```

    ## Options
    - `threshold` (default `0.85`): the Jaccard similarity of the two word sets, from
      0 to 1, at or above which behaviors of two frameworks are reported.
    """

    code = "DU04"
    name = "duplication.cross-framework"
    groups = ("duplication",)
    scope = "project"
    severity = Severity.INFO
    default_enabled = False
    needs_corpus = True
    Options = NearOptions

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        matches = _corpus_matches(ctx, self.options.threshold)
        for entry in behaviors(doc, ctx).entries:
            found = matches.get(id(entry.behavior))
            if not found:
                continue
            ordered = sorted(
                found,
                key=lambda m: (-m[0], m[1].doc.file, m[1].entry.text.span.start_index),
            )
            similarity, other = ordered[0]
            if other.entry.role is not None:
                place = f"role `{other.entry.role.id}`"
            else:
                place = f"competency `{other.entry.competency}`"
            same = "the same as" if similarity >= 1.0 else f"{similarity:.0%} the same as"
            more = f" and {len(ordered) - 1} more" if len(ordered) > 1 else ""
            yield Finding(
                f"{_where(entry)} is {same} behavior `{other.entry.behavior.id}` of {place} "
                f"in {other.doc.path.name} (line {other.entry.text.span.line}){more}; "
                "consider one shared definition",
                entry.text.span,
                entry.text.path,
            )
