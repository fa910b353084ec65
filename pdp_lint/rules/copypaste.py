"""Rules about role text copied from another role."""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import msgspec

from pdp_lint import patterns
from pdp_lint.language.similarity import (
    Pair,
    normalise,
    similar_pairs,
    similar_to_earlier,
    sorted_words,
    words,
)
from pdp_lint.load.document import Document, Locator
from pdp_lint.model.framework import Profile, Role, TextField
from pdp_lint.model.lineage import OwnNames
from pdp_lint.model.problem import Severity, Span
from pdp_lint.rules.base import Context, Finding, Rule, corpus_fact
from pdp_lint.rules.duplication import lineage, shorten


class Summary(msgspec.Struct, frozen=True, eq=False):
    """A role's or a hiring profile's summary somewhere in the corpus."""

    doc: Document
    owner: Role | Profile
    text: TextField
    order: tuple[str, int]

    @property
    def label(self) -> str:
        kind = "role" if isinstance(self.owner, Role) else "profile"
        return f"{kind} `{self.owner.id}`"


def _summaries(doc: Document, ctx: Context) -> list[Summary]:
    """The summaries of ``doc``, listed once per document for the rules reading them."""

    def build() -> list[Summary]:
        place = ""
        out: list[Summary] = []
        for text in doc.texts:
            if text.kind == "role-summary" and isinstance(text.node, Role | Profile):
                place = place or _real_place(doc.path, ctx)
                out.append(Summary(doc, text.node, text, (place, text.span.start_index)))
        return out

    result: list[Summary] = ctx.document_memo(doc, "copypaste.summaries", build)
    return result


def _real_place(path: Path, ctx: Context) -> str:
    """``path.resolve()`` as text: its folder resolved once per folder and run (a run of
    many small files resolved every folder of every file's path again), its name kept
    unless the file itself is a link."""
    text = os.fspath(path)
    try:
        link = stat.S_ISLNK(os.lstat(text).st_mode)
    except OSError:
        link = True  # what resolving makes of it, then
    if link:
        return path.resolve().as_posix()
    head, name = os.path.split(text)
    folders: dict[str, str] = ctx.memo("copypaste.real-folders", dict)
    folder = folders.get(head)
    if folder is None:
        folder = folders[head] = Path(head or ".").resolve().as_posix().rstrip("/")
    return f"{folder}/{name}"


class SummaryFact(msgspec.Struct, frozen=True):
    """What CP01 needs to know of a summary anywhere in the corpus."""

    #: the file (resolved) and the offset of the summary in it: corpus order
    order: tuple[str, int]
    owner: str  # JSON path of the role or profile
    label: str
    title: str
    file_name: str
    line: int
    value: str
    #: the words of ``value``, each once, sorted (see sorted_words): what is compared
    words: tuple[str, ...]


@corpus_fact("copypaste.summaries", stored=list[SummaryFact])
def _summary_facts(doc: Document, ctx: Context) -> list[SummaryFact]:
    return [
        SummaryFact(
            s.order,
            s.owner.path,
            s.label,
            s.owner.title,
            doc.path.name,
            s.text.span.line,
            s.text.value,
            sorted_words(words(s.text.value)),
        )
        for s in _summaries(doc, ctx)
    ]


Copies = dict[tuple[str, str], tuple[float, SummaryFact]]


def _copied_summaries(ctx: Context, threshold: float) -> Copies:
    """For each summary (by file and owner) that repeats an earlier one in the corpus,
    that earlier summary and the similarity."""

    def build() -> Copies:
        items = _summary_items(ctx)
        out: Copies = {}
        normalised: dict[int, str] = {}
        for pair in similar_pairs([s.words for s in items], threshold):
            _keep(out, items, pair, normalised)
        return out

    result: Copies = ctx.memo(f"copypaste.summary:{threshold}", build)
    return result


#: up to how many files checked the copies of each file's summaries are looked for on
#: their own rather than those of the whole corpus (a one-file check: the hook)
_FEW_PLACES = 4


def _copies_for(ctx: Context, threshold: float, place: str) -> Copies:
    """:func:`_copied_summaries` for the summaries of the file ``place`` (the rest of the
    result may be missing). In a run that checks a few files of a larger corpus, each
    is compared with the earlier summaries of the corpus on its own, which costs what it
    shares with them rather than what every two summaries of the corpus share; the
    result is the same."""
    if not 0 < ctx.checked <= _FEW_PLACES:
        return _copied_summaries(ctx, threshold)
    each: dict[str, Copies] = ctx.memo(f"copypaste.summary-of:{threshold}", dict)
    if place not in each:
        items = _summary_items(ctx)
        later = [i for i, s in enumerate(items) if s.order[0] == place]
        out: Copies = {}
        normalised: dict[int, str] = {}
        for pair in similar_to_earlier([s.words for s in items], later, threshold):
            _keep(out, items, pair, normalised)
        each[place] = out
    return each[place]


def _summary_items(ctx: Context) -> list[SummaryFact]:
    """Every summary of the corpus, in corpus order."""

    def build() -> list[SummaryFact]:
        facts = [f for found in ctx.facts("copypaste.summaries") for f in found]
        return sorted(facts, key=lambda s: s.order)

    result: list[SummaryFact] = ctx.memo("copypaste.summary-items", build)
    return result


def _keep(out: Copies, items: list[SummaryFact], pair: Pair, normalised: dict[int, str]) -> None:
    """Take the ``pair`` of similar summaries into ``out``: the later one copies the
    earlier, unless they are of the same owner, and the most similar earlier one is
    kept (the first of those as similar, in the pairs' order). ``normalised``: the
    summaries' normalised texts made so far, by number."""
    earlier, later = items[pair.first], items[pair.second]
    if earlier.order[0] == later.order[0] and earlier.owner == later.owner:
        return
    for at in (pair.first, pair.second):
        if at not in normalised:
            normalised[at] = normalise(items[at].value)
    same = normalised[pair.first] == normalised[pair.second]
    similarity = 1.0 if same else pair.similarity
    key = (later.order[0], later.owner)
    kept = out.get(key)
    if kept is None or similarity > kept[0]:
        out[key] = (similarity, earlier)


class SummaryOptions(msgspec.Struct, frozen=True):
    #: Jaccard similarity of the two word sets at or above which summaries are copies
    threshold: float = 0.85

    def validate(self) -> str | None:
        if not 0 < self.threshold <= 1:
            return "threshold must be a number above 0 and at most 1"
        return None


class CopiedRoleSummary(Rule):
    """A role summary is the same as another role's summary.

    ## What it does
    Compares every role summary and hiring-profile summary with those of every other
    role in every framework of the project, and reports a summary that is identical or
    nearly identical (Jaccard similarity of the word sets at or above `threshold`) to
    another one, naming the other file and role. Of two copies, the one that comes
    later (files in path order, then position in the file) is reported, so each copy is
    reported once however many files are checked.

    ## Why is this bad?
    The summary is the first thing a reader sees about a role. Two roles with the same
    summary look identical to an employee or a hiring manager; usually one page was
    started from the other and its summary never rewritten.

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
            summary: Gains a deep understanding of the product and acts as a trusted advisor.
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 20.
          - id: knowledge-manager
            title: Knowledge Manager
            abbreviation: KM
            summary: Gains a deep understanding of the product and acts as a trusted advisor.
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 21.
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
            summary: Gains a deep understanding of the product and acts as a trusted advisor.
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 22.
          - id: knowledge-manager
            title: Knowledge Manager
            abbreviation: KM
            summary: Owns the flow of knowledge in their domains and keeps the team equipped.
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 23.
    ```

    ## Options
    - `threshold` (default `0.85`): the Jaccard similarity of the two word sets, from
      0 to 1, at or above which two summaries are reported as copies.
    """

    code = "CP01"
    name = "copy.role-summary"
    groups = ("copy",)
    scope = "project"
    facts = ("copypaste.summaries",)
    severity = Severity.ERROR
    Options = SummaryOptions

    def collect(self, doc: Document, ctx: Context) -> list[tuple[str, str, str, Span, str]]:
        """Each summary: its file, owner, label, span and JSON path."""
        summaries = _summaries(doc, ctx)
        return [(s.order[0], s.owner.path, s.label, s.text.span, s.text.path) for s in summaries]

    def finish(
        self, collected: list[tuple[str, str, str, Span, str]], ctx: Context
    ) -> Iterator[Finding]:
        if not collected:
            return
        copies = _copies_for(ctx, self.options.threshold, collected[0][0])
        for place, owner, label, span, path in collected:
            found = copies.get((place, owner))
            if found is None:
                continue
            similarity, other = found
            same = "the same as" if similarity >= 1.0 else f"{similarity:.0%} the same as"
            where = "in this file" if other.order[0] == place else f"in {other.file_name}"
            yield Finding(
                f"summary of {label} is {same} the summary of {other.label} "
                f"({other.title}) {where} (line {other.line}); "
                "write a summary of what this role does",
                span,
                path,
            )


class RoleName(msgspec.Struct, frozen=True):
    """A way a role is named in prose: its title or its abbreviation."""

    text: str
    role_key: tuple[str, str]
    title: str
    #: the framework and track of the role (none for a hiring profile)
    track_key: tuple[str, str] | None = None


@corpus_fact("copypaste.role-names", stored=list[RoleName])
def _role_name_facts(doc: Document, ctx: Context) -> list[RoleName]:
    names: list[RoleName] = []
    fw = doc.framework
    for track in fw.tracks:
        track_key = (fw.id, track.id)
        for role in track.roles:
            key = (fw.id, role.id)
            names.append(RoleName(role.title, key, role.title, track_key))
            if role.abbreviation:
                names.append(RoleName(role.abbreviation, key, role.title, track_key))
    if fw.role_profiles is not None:
        for profile in fw.role_profiles.profiles:
            names.append(RoleName(profile.title, (fw.id, profile.id), profile.title))
    return names


def _role_names(ctx: Context) -> list[RoleName]:
    def build() -> list[RoleName]:
        names = [n for found in ctx.facts("copypaste.role-names") for n in found]
        # a title of one word would match ordinary prose ("Manager", "Expert")
        return [n for n in names if len(n.text.split()) > 1 or _is_abbreviation(n.text)]

    result: list[RoleName] = ctx.memo("copypaste.role-names", build)
    return result


def _is_abbreviation(text: str) -> bool:
    return len(text) >= 2 and any(c.isupper() for c in text[1:]) and " " not in text


def _pattern(name: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(w) for w in name.split())
    # titles in any case, names holding an abbreviation in its exact case; both may be plural
    flags = 0 if any(_is_abbreviation(w) for w in name.split()) else re.I
    return re.compile(rf"(?<![\w-]){body}s?(?![\w-])", flags)


#: letters that a pattern ignoring case matches to an ASCII letter although their lower
#: case is not that letter (U+0130 and U+0131 match i, U+017F matches s)
_FOLDS_TO_ASCII = patterns.compile("[\u0130\u0131\u017f]")
_WORD_RUN = patterns.compile(r"\w+")
_LEADING_WORD = patterns.compile(r"\w+")


class NameIndex(msgspec.Struct, eq=False):
    """The role names, longest first, and where to find the few a text may hold.

    Where a name's pattern matches, each word of the name starts a run of letters and
    digits of the text, and that run is the word's leading letters and digits (its
    head), or the head and a plural s. So a text may hold only the names whose heads
    are all among the text's runs (in any case); the names to check are found through
    one chosen word of each, the one the fewest names share. A word without a head, or
    with letters other than ASCII in it, is not checked; a name with only such words is
    tried on every text.
    """

    names: list[RoleName]
    #: the lower-case heads of the words of each name (see :func:`_heads`)
    heads: list[list[str]]
    #: lower-case head of a chosen word -> positions in ``names`` of the names with it
    by_head: dict[str, list[int]]
    #: positions of the names to try on every text
    always: list[int]
    patterns: dict[str, re.Pattern[str]] = msgspec.field(default_factory=dict)

    def pattern(self, name: RoleName) -> re.Pattern[str]:
        found = self.patterns.get(name.text)
        if found is None:
            found = self.patterns[name.text] = _pattern(name.text)
        return found

    def candidates(self, value: str) -> list[RoleName]:
        """The names whose pattern may match in ``value``, in the order of ``names``."""
        if _FOLDS_TO_ASCII.search(value):
            return self.names
        runs = {run.lower() for run in _WORD_RUN.findall(value)}
        runs |= {run[:-1] for run in runs if run[-1:] == "s"}
        found = set(self.always)
        for run in runs:
            for i in self.by_head.get(run, ()):
                if runs.issuperset(self.heads[i]):
                    found.add(i)
        return [self.names[i] for i in sorted(found)]


def _heads(text: str) -> list[str]:
    """The lower-case heads of the words of a name that may be chosen to find it."""
    heads = []
    for word in text.split():
        head = _LEADING_WORD.match(word)
        if head is not None and head.group() and head.group().isascii():
            heads.append(head.group().lower())
    return heads


def index_names(names: list[RoleName]) -> NameIndex:
    """The :class:`NameIndex` of ``names``."""
    names = sorted(names, key=lambda n: -len(n.text))
    heads = [_heads(n.text) for n in names]
    shared = Counter(h for found in heads for h in set(found))
    by_head: dict[str, list[int]] = {}
    always: list[int] = []
    for i, found in enumerate(heads):
        if found:
            by_head.setdefault(min(found, key=lambda h: (shared[h], h)), []).append(i)
        else:
            always.append(i)
    return NameIndex(names, heads, by_head, always)


def _name_index(ctx: Context) -> NameIndex:
    result: NameIndex = ctx.memo("copypaste.role-name-index", lambda: index_names(_role_names(ctx)))
    return result


class WrongRoleInSummary(Rule):
    """A role summary names a different role than its own.

    ## What it does
    Looks in each role and hiring-profile summary for the title or abbreviation of a
    role of any framework in the project (as a whole word or phrase, the longest name
    first, so `Senior Knowledge Manager` is not also read as `Knowledge Manager`), and
    reports a name that is neither the role's own, nor that of a role it builds on, nor
    that of another role of its own track. Titles are matched in any case,
    abbreviations in their exact case; one-word titles are not looked for, because
    they are ordinary words.

    The roles of one track are the levels of one ladder, and a summary speaks of them
    in its own right: "They support and lead other business architects", "supports the
    more senior business architect roles", "delivers the vision set by the chief data
    architect". A role of another track or framework is what a copied summary names.

    ## Why is this bad?
    A summary that names a role of another track or framework was usually copied from
    that role's page and not fully rewritten: readers are told the wrong
    responsibilities.

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
      - id: experts
        name: Experts
        status: available
        roles:
          - id: knowledge-expert
            title: Knowledge Expert
            abbreviation: KE
            summary: Knows the product in depth.
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 24.
      - id: managers
        name: Managers
        status: available
        roles:
          - id: knowledge-manager
            title: Knowledge Manager
            abbreviation: KM
            summary: Owns knowledge flow.
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 25.
          - id: senior-knowledge-manager
            title: Senior Knowledge Manager
            abbreviation: Senior KM
            builds_on: knowledge-manager
            summary: In addition to core Knowledge Expert (KE) responsibilities, advanced skills.
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 26.
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
      - id: experts
        name: Experts
        status: available
        roles:
          - id: knowledge-expert
            title: Knowledge Expert
            abbreviation: KE
            summary: Knows the product in depth.
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 27.
      - id: managers
        name: Managers
        status: available
        roles:
          - id: knowledge-manager
            title: Knowledge Manager
            abbreviation: KM
            summary: Owns knowledge flow.
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 28.
          - id: senior-knowledge-manager
            title: Senior Knowledge Manager
            abbreviation: Senior KM
            builds_on: knowledge-manager
            summary: In addition to core Knowledge Manager (KM) responsibilities, advanced skills.
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 29.
    ```
    """

    code = "CP02"
    name = "copy.wrong-role"
    groups = ("copy",)
    scope = "project"
    facts = ("copypaste.role-names",)
    severity = Severity.ERROR

    def collect(self, doc: Document, ctx: Context) -> list[_SummaryText]:
        chains = lineage(doc, ctx)
        fw = doc.framework
        tracks = {id(role): (fw.id, track.id) for track in fw.tracks for role in track.roles}
        return [
            _SummaryText(
                summary.label,
                summary.owner.title,
                summary.text.value,
                chains.names(summary.owner),
                summary.text.path,
                doc.locator(summary.text),
                tracks.get(id(summary.owner)),
            )
            for summary in _summaries(doc, ctx)
        ]

    def finish(self, collected: list[_SummaryText], ctx: Context) -> Iterator[Finding]:
        index = _name_index(ctx)
        for summary in collected:
            own = summary.own
            value = summary.value
            taken: list[tuple[int, int]] = []
            wrong: list[tuple[int, int, str]] = []
            for name in index.candidates(value):
                for match in index.pattern(name).finditer(value):
                    s, e = match.span()
                    if any(s < b and a < e for a, b in taken):
                        continue
                    taken.append((s, e))
                    if name.text.casefold() in own:
                        continue
                    if name.track_key is not None and name.track_key == summary.track:
                        continue  # a role of its own ladder: the one it leads, or reports to
                    wrong.append((s, e, match.group()))
            if not wrong:
                continue
            wrong.sort()
            shown: list[str] = []
            for _, _, text in wrong:
                if text not in shown:
                    shown.append(text)
            s, e, _ = wrong[0]
            quoted = [f"`{t}`" for t in shown]
            listed = ", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else quoted[0]
            which = "which are not" if len(quoted) > 1 else "which is not"
            yield Finding(
                f"summary of {summary.label} ({summary.title}) names {listed}, "
                f"{which} this role or a role it builds on; it was probably copied from "
                "another role's summary: name this role instead",
                summary.locator.locate(s, e),
                summary.path,
            )


class _SummaryText(msgspec.Struct, frozen=True):
    """What CP02 keeps of a summary until the role names of the corpus are known."""

    label: str
    title: str
    value: str
    own: OwnNames
    path: str
    locator: Locator
    #: the framework and track of the role (none for a hiring profile)
    track: tuple[str, str] | None = None


class RepeatedDescription(Rule):
    """A competency description is repeated word for word in several roles.

    ## What it does
    Reports a competency section `description` that is the same (ignoring case,
    spacing, punctuation and quote style) as the description of a section in another
    role of the same track. The later occurrence is reported and the first is named.

    ## Why is this bad?
    A description that does not change from role to role describes the competency,
    not the role: it belongs once in the catalog competency's `definition`. Kept in
    every role, the copies drift apart when one is edited, and readers look for a
    difference between roles that is not there.

    ## Example
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-GB
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
          - id: advocate
            title: Customer Experience Advocate
            abbreviation: CXA
            competencies:
              - competency: knowledge
                description: Cultivates an extensive level of product knowledge.
                behaviors:
                  - id: work
                    text: Does the work of step 1.
          - id: manager
            title: Customer Experience Manager
            abbreviation: CXM
            builds_on: advocate
            competencies:
              - competency: knowledge
                description: Cultivates an extensive level of product knowledge.
                behaviors:
                  - id: work
                    text: Does the work of step 2.
    ```

    ## Use instead
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-GB
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
        definition: Cultivates an extensive level of product knowledge.
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: advocate
            title: Customer Experience Advocate
            abbreviation: CXA
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 3.
          - id: manager
            title: Customer Experience Manager
            abbreviation: CXM
            builds_on: advocate
            competencies:
              - competency: knowledge
                behaviors:
                  - id: work
                    text: Does the work of step 4.
    ```
    """

    code = "CP03"
    name = "copy.description"
    groups = ("copy",)
    scope = "document"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for track in doc.framework.tracks:
            first: dict[str, tuple[Role, str, TextField]] = {}
            for role in track.roles:
                for section in role.sections:
                    if not section.description:
                        continue
                    text = TextField(section, "description", section.description, "description")
                    key = normalise(section.description)
                    if not key:
                        continue
                    seen = first.get(key)
                    if seen is None:
                        first[key] = (role, section.competency, text)
                        continue
                    if seen[0] is role:
                        continue
                    other_role, competency, other = seen
                    target = (
                        f"competency `{competency}`"
                        if competency == section.competency
                        else f"competencies `{competency}` and `{section.competency}`"
                    )
                    yield Finding(
                        f"description of `{section.competency}` in role `{role.id}` repeats "
                        f"`{shorten(other.value)}` from role `{other_role.id}` "
                        f"(line {other.span.line}); move it to the `definition` of "
                        f"{target} in the catalog and remove it from the sections",
                        text.span,
                        text.path,
                    )
