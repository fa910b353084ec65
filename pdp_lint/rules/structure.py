"""Structure: references resolve, ids are unique, roles cover the catalog, acronyms.

These rules read the shape of one framework: which ids refer to which, and whether a
reader of a handout would find every competency and every acronym explained.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import msgspec

from pdp_lint import patterns
from pdp_lint.load.document import Document
from pdp_lint.model.framework import Framework, Node, TextField
from pdp_lint.model.problem import Severity, Span
from pdp_lint.rules.base import Context, Finding, Rule
from pdp_lint.rules.duplication import lineage


def _did_you_mean(name: str, valid: Iterable[str]) -> str | None:
    import difflib  # only a broken reference gets here

    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return close[0] if close else None


def _listed(valid: Iterable[str]) -> str:
    names = sorted(set(valid))
    return ", ".join(f"`{v}`" for v in names) if names else "none"


def _item_spans(doc: Document, node: Node, field: str, items: tuple[str, ...]) -> list[Span]:
    """Span of each string of a list field, found in order inside the list's span."""
    whole = node.span_of(field)
    text = doc.source.text
    pos, end = whole.start_index, whole.end_index
    spans = []
    for item in items:
        match = re.compile(rf"(?<![\w-]){re.escape(item)}(?![\w-])").search(text, pos, end)
        if match is None:
            spans.append(whole)
            continue
        spans.append(doc.source.span(match.start(), match.end()))
        pos = match.end()
    return spans


class Reference(Rule):
    """A reference to a competency, role or profile that does not exist.

    ## What it does
    Checks that every role section's `competency` and every competency listed under a
    coming-soon track is in the framework's catalog, that `builds_on` names another
    role of the same framework without going round in a circle, and that a guidance
    section's `applies_to` names hiring profiles. Suggests the closest valid id.

    ## Why is this bad?
    A section that points at no competency has no name or definition in the handout;
    a broken `builds_on` loses the career step between two roles.

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
          - id: expert
            title: Expert
            competencies:
              - competency: knowlege
                behaviors:
                  - id: knows-product
                    text: Knows the product.
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
          - id: expert
            title: Expert
            competencies:
              - competency: knowledge
                behaviors:
                  - id: knows-product
                    text: Knows the product.
    ```
    """

    code = "ST01"
    name = "structure.reference"
    groups = ("structure",)
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        fw = doc.framework
        catalog = [c.id for c in fw.competencies]
        roles = [r.id for r in fw.roles()]
        known_competencies, known_roles = set(catalog), set(roles)
        chains = lineage(doc, ctx)

        def unknown(kind: str, name: str, valid: list[str], span: Span, path: str) -> Finding:
            guess = _did_you_mean(name, valid)
            hint = f"; did you mean `{guess}`?" if guess else f"; valid ids: {_listed(valid)}."
            return Finding(
                f"{kind} `{name}`, which does not exist{hint}", span, path, suggestion=guess
            )

        for track in fw.tracks:
            spans = _item_spans(doc, track, "competencies", track.competencies)
            for i, comp in enumerate(track.competencies):
                if comp not in known_competencies:
                    yield unknown(
                        f"track `{track.id}` lists competency",
                        comp,
                        catalog,
                        spans[i],
                        f"{track.path}.competencies[{i}]",
                    )
            for role in track.roles:
                for section in role.sections:
                    if section.competency not in known_competencies:
                        yield unknown(
                            f"role `{role.id}` has a section for competency",
                            section.competency,
                            catalog,
                            section.span_of("competency"),
                            f"{section.path}.competency",
                        )
                target = role.builds_on
                if target is None:
                    continue
                span, path = role.span_of("builds_on"), f"{role.path}.builds_on"
                if target == role.id:
                    yield Finding(
                        f"role `{role.id}` builds on itself; name the role before it.", span, path
                    )
                elif target not in known_roles:
                    others = [r for r in roles if r != role.id]
                    yield unknown(f"role `{role.id}` builds on role", target, others, span, path)
                elif chains.in_cycle(role.id):
                    yield Finding(
                        f"role `{role.id}` builds on `{target}`, which leads back to "
                        f"`{role.id}`; the chain of `builds_on` must end at a first role.",
                        span,
                        path,
                    )
        rp = fw.role_profiles
        if rp is not None:
            profiles = [p.id for p in rp.profiles]
            known_profiles = set(profiles)
            for top in rp.guidance:
                for g in top.walk():
                    spans = _item_spans(doc, g, "applies_to", g.applies_to)
                    for i, name in enumerate(g.applies_to):
                        if name not in known_profiles:
                            yield unknown(
                                f"guidance `{g.id}` applies to profile",
                                name,
                                profiles,
                                spans[i],
                                f"{g.path}.applies_to[{i}]",
                            )


class _Keyed(NamedTuple):
    """A value that must be unique among its kind, and the node holding it."""

    value: str
    node: Node
    field: str
    what: str


class DuplicateId(Rule):
    """An id (or level number, or glossary term) used twice where it must be unique.

    ## What it does
    Checks that ids are unique where they identify something: competency ids, track
    ids and role ids across the framework; a competency covered once per role;
    behavior and example ids within their section (examples attached to behaviors
    included); question ids within a level; level numbers within a competency;
    profile ids; guidance ids across all guidance; item ids within a guidance
    section; glossary terms.

    ## Why is this bad?
    Ids are how a behavior's history is followed through edits and how handouts link
    to content; two things with one id are confused, and a competency covered twice in
    a role shows two conflicting expectations.

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
      - id: knowledge
        name: Communication
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
    ```
    """

    code = "ST02"
    name = "structure.duplicate-id"
    groups = ("structure",)
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for scope, group in self._groups(doc.framework):
            first: dict[str, _Keyed] = {}
            for entry in group:
                earlier = first.get(entry.value)
                if earlier is None:
                    first[entry.value] = entry
                    continue
                line = earlier.node.span_of(earlier.field).line
                yield Finding(
                    f"{entry.what} `{entry.value}` is used twice {scope} (first on line "
                    f"{line}); give each its own.",
                    entry.node.span_of(entry.field),
                    f"{entry.node.path}.{entry.field}",
                )

    @staticmethod
    def _groups(fw: Framework) -> Iterator[tuple[str, list[_Keyed]]]:
        yield (
            "in the glossary",
            [_Keyed(g.term, g, "term", "glossary term") for g in fw.glossary],
        )
        yield (
            "in the catalog",
            [_Keyed(c.id, c, "id", "competency id") for c in fw.competencies],
        )
        for comp in fw.competencies:
            yield (
                f"in competency `{comp.id}`",
                [_Keyed(str(lv.level), lv, "level", "level") for lv in comp.levels],
            )
            for lv in comp.levels:
                where = f"in level {lv.level} of `{comp.id}`"
                yield where, [_Keyed(b.id, b, "id", "behavior id") for b in lv.behaviors]
                yield where, [_Keyed(q.id, q, "id", "question id") for q in lv.questions]
        yield "in the framework", [_Keyed(t.id, t, "id", "track id") for t in fw.tracks]
        yield "in the framework", [_Keyed(r.id, r, "id", "role id") for r in fw.roles()]
        for role in fw.roles():
            yield (
                f"in role `{role.id}`",
                [_Keyed(s.competency, s, "competency", "competency") for s in role.sections],
            )
            for s in role.sections:
                where = f"in section `{s.competency}` of role `{role.id}`"
                yield where, [_Keyed(b.id, b, "id", "behavior id") for b in s.behaviors]
                yield where, [_Keyed(e.id, e, "id", "example id") for e in s.all_examples()]
        rp = fw.role_profiles
        if rp is not None:
            yield "in the profiles", [_Keyed(p.id, p, "id", "profile id") for p in rp.profiles]
            every = [g for top in rp.guidance for g in top.walk()]
            yield "in the guidance", [_Keyed(g.id, g, "id", "guidance id") for g in every]
            for g in every:
                yield (
                    f"in guidance `{g.id}`",
                    [_Keyed(i.id, i, "id", "item id") for i in g.items],
                )


class Coverage(Rule):
    """A role that does not cover every competency of the catalog.

    ## What it does
    Checks that every role of an available track has a section for each competency
    of the catalog, and names the ones missing. An available track that lists its
    `competencies` (a management track with a catalog of its own) needs only those.
    A coming-soon track that lists the competencies it will cover is checked too, as
    a warning. Competencies described only by proficiency `levels` (a catalog without
    roles) are not required.

    ## Why is this bad?
    Someone reading a role's handout cannot tell whether a competency was left out on
    purpose or forgotten, and cannot compare two roles on it.

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
          - id: expert
            title: Expert
            competencies:
              - competency: knowledge
                behaviors:
                  - id: knows-product
                    text: Knows the product.
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
          - id: expert
            title: Expert
            competencies:
              - competency: knowledge
                behaviors:
                  - id: knows-product
                    text: Knows the product.
              - competency: communication
                behaviors:
                  - id: writes-clearly
                    text: Writes clearly.
    ```
    """

    code = "ST03"
    name = "structure.coverage"
    groups = ("structure",)
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        fw = doc.framework
        required = [c for c in fw.competencies if not c.levels]

        def names(ids: list[str]) -> str:
            return ", ".join(f"{fw.competency_name(i)} (`{i}`)" for i in ids)

        for track in fw.tracks:
            if track.coming_soon:
                if not track.competencies:
                    continue
                missing = [c.id for c in required if c.id not in track.competencies]
                if missing:
                    yield Finding(
                        f"coming-soon track `{track.id}` does not list {names(missing)}; "
                        "list every competency of the catalog.",
                        track.span_of("competencies"),
                        f"{track.path}.competencies",
                        severity=Severity.WARNING,
                    )
                continue
            wanted = [c for c in required if not track.competencies or c.id in track.competencies]
            for role in track.roles:
                covered = {s.competency for s in role.sections}
                missing = [c.id for c in wanted if c.id not in covered]
                if missing:
                    yield Finding(
                        f"role `{role.id}` has no section for {names(missing)}; add one per "
                        "competency of the catalog.",
                        role.span_of("id"),
                        f"{role.path}.competencies",
                    )


class TrackShape(Rule):
    """A track whose status does not match its content, or roles out of order.

    ## What it does
    Checks that a coming-soon track has its `notice` and no roles, that an available
    track has at least one role and no notice, and that no role builds on a role
    placed after it (roles are listed by level, the most junior first).

    ## Why is this bad?
    The handouts show a coming-soon track as its notice and an available one as its
    roles: a track with both, or neither, is published wrongly. Roles out of order
    make the career path read backwards.

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
      - id: management
        name: Management Path
        status: coming-soon
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
      - id: management
        name: Management Path
        status: coming-soon
        notice: The managerial roles are coming soon.
    ```
    """

    code = "ST04"
    name = "structure.track"
    groups = ("structure",)
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        fw = doc.framework
        for track in fw.tracks:
            status = track.span_of("status")
            if track.coming_soon:
                if not track.notice:
                    yield Finding(
                        f"coming-soon track `{track.id}` has no `notice`; add the sentence "
                        "readers see instead of its roles.",
                        status,
                        track.path,
                    )
                if track.roles:
                    yield Finding(
                        f"coming-soon track `{track.id}` has roles; make it `available` or "
                        "remove its roles.",
                        track.span_of("roles"),
                        f"{track.path}.roles",
                    )
                continue
            if not track.roles:
                yield Finding(
                    f"available track `{track.id}` has no roles; add its roles or make it "
                    "`coming-soon` with a notice.",
                    status,
                    track.path,
                )
            if track.notice:
                yield Finding(
                    f"available track `{track.id}` has a `notice`, which is only shown for "
                    "coming-soon tracks; remove it.",
                    track.span_of("notice"),
                    f"{track.path}.notice",
                )
            order = {r.id: r.level for r in track.roles}
            for role in track.roles:
                later = order.get(role.builds_on or "")
                if later is not None and later > role.level:
                    yield Finding(
                        f"role `{role.id}` builds on `{role.builds_on}`, which is listed after "
                        "it; list roles junior first.",
                        role.span_of("builds_on"),
                        f"{role.path}.builds_on",
                    )


# Acronyms: two or more capitals or digits starting with a capital; a plural or
# possessive ending is not part of the acronym (KEs, KE's, CX's). The capital comes
# before the check of the character ahead of it, so that a search skips quickly to the
# next capital.
_ACRONYM = patterns.compile(
    r"(?P<term>[A-Z](?<![\w.:@#-].)[A-Z0-9]*[A-Z0-9](?:&[A-Z]+)?)(?:s|['\u2019]s)?(?![\w@])"
)
_URL = patterns.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+|\b[\w-]+\.(?:com|org|net|io)\b")
#: what every match of _URL holds
_URL_HINTS = ("://", "www.", "@", ".com", ".org", ".net", ".io")
#: finds one of _URL_HINTS: one search of a text instead of one for each hint
_URL_HINT = patterns.compile("|".join(map(re.escape, _URL_HINTS)))
# Roman numerals made of I, V and X only: "CX" or "CV" are acronyms, "II" and "XIV" are not.
_ROMAN = patterns.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
# Quarters, halves and fiscal years: Q1, H2, FY24, Q3FY24.
_PERIOD = patterns.compile(r"(?:[QH][1-4]|FY\d{2}|FY\d{4})+")
#: Acronyms a professional reader knows without an expansion (the expansion is rarer
#: than the acronym): titles, everyday business terms and the web's basic vocabulary.
COMMON_ACRONYMS = frozenset(
    [
        "CEO",
        "CTO",
        "CFO",
        "COO",
        "CIO",
        "CPO",
        "CMO",
        "CISO",
        "VP",
        "SVP",
        "EVP",
        "HR",
        "IT",
        "PR",
        "QA",
        "OK",
        "FAQ",
        "FAQS",
        "FYI",
        "ASAP",
        "ETA",
        "KPI",
        "OKR",
        "ROI",
        "SLA",
        "B2B",
        "B2C",
        "SAAS",
        "CRM",
        "ERP",
        "NDA",
        "PTO",
        "MBA",
        "PHD",
        "CV",
        "ID",
        "PDF",
        "CSV",
        "TV",
        "PC",
        "USB",
        "GPS",
        "SMS",
        "LGBTQ",
        "LGBTQIA",
        "US",
        "USA",
        "UK",
        "EU",
        "UN",
        "NYC",
        "API",
        "SDK",
        "CLI",
        "IDE",
        "OS",
        "UI",
        "UX",
        "URL",
        "URI",
        "HTTP",
        "HTTPS",
        "HTML",
        "CSS",
        "JS",
        "JSON",
        "XML",
        "YAML",
        "SQL",
        "DNS",
        "IP",
        "TCP",
        "SSH",
        "VPN",
        "AWS",
        "CI",
        "CD",
        "AI",
        "ML",
        "SEO",
        "README",
        "AM",
        "PM",
        "GMT",
        "UTC",
    ]
)
#: placeholders, which TX06 reports
_PLACEHOLDERS = frozenset(["TODO", "TBD", "TBC", "FIXME", "XXX"])
#: two-letter words written in capitals for emphasis ("this OR that")
_CAPITAL_WORDS = frozenset(
    [
        "OR",
        "NO",
        "SO",
        "TO",
        "IN",
        "ON",
        "AT",
        "OF",
        "IF",
        "IS",
        "BE",
        "DO",
        "GO",
        "UP",
        "WE",
        "ME",
        "MY",
        "BY",
        "AN",
        "AS",
    ]
)
#: a word this common (Zipf frequency times ten) in capitals is a word, not an acronym
_WORD_BAND = 40


def _prose(doc: Document) -> Iterator[TextField]:
    """Every text a reader sees: the prose fields plus the title and role abbreviations."""
    fw = doc.framework
    yield TextField(fw, "title", fw.title, "heading")
    for text in doc.texts:
        if text.kind != "glossary":
            yield text
    for role in fw.roles():
        if role.abbreviation:
            yield TextField(role, "abbreviation", role.abbreviation, "abbreviation")


#: characters of prose searched at once for acronyms (see _joined_pieces)
_PIECE = 1 << 16


def _joined_pieces(values: list[str]) -> Iterator[tuple[int, str]]:
    """``"\n".join(values)`` in pieces of whole values, each with the number of its
    first value: searching the pieces one after another finds what a search of the
    whole finds (no match holds a line break, and the start of a piece is to the
    pattern what the line break before it is), while a large file's prose is never
    joined whole (ten megabytes for a 9 MB file)."""
    first = 0
    while first < len(values):
        last, size = first, 0
        while last < len(values) and (last == first or size + len(values[last]) < _PIECE):
            size += len(values[last]) + 1
            last += 1
        yield first, "\n".join(values[first:last])
        first = last


#: the words an expansion may hold that its acronym leaves out ("Department for Work and
#: Pensions" is DWP)
_EXPANSION_SMALL_WORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"]
)
_EXPANSION_WORD = patterns.compile(r"[A-Za-z]+")
#: how far from the acronym an expansion is looked for (characters)
_EXPANSION_REACH = 120


def _initials(letters: str, words: list[str]) -> bool:
    """Whether ``words`` spell ``letters`` by their initials, in order and all used;
    small words (of, and, the, ...) may stand between them unspelt."""
    i = 0
    for word in words:
        if i < len(letters) and word[0].lower() == letters[i]:
            i += 1
        elif word.lower() not in _EXPANSION_SMALL_WORDS:
            return False
    return i == len(letters)


def _expanded_where_used(term: str, value: str, start: int, end: int) -> bool:
    """Whether the text spells ``term`` out where it uses it: "minimum viable product
    (MVP)" or "MVP (minimum viable product)", a plural such as "(MVPs)" too."""
    letters = "".join(c for c in term.lower() if c.isalpha())
    if len(letters) < 2:
        return False
    after = end + (value[end : end + 1] == "s")
    if value[start - 1 : start] == "(" and value[after : after + 1] == ")":
        before = _EXPANSION_WORD.findall(value[max(0, start - 1 - _EXPANSION_REACH) : start - 1])
        # the words just before the parenthesis, as few as spell the acronym
        for count in range(len(letters), min(len(before), 2 * len(letters)) + 1):
            words = before[-count:]
            if words[0][0].lower() == letters[0] and _initials(letters, words):
                return True
        return False
    if value[after : after + 2] == " (":
        close = value.find(")", after + 2, after + 2 + _EXPANSION_REACH)
        return close > 0 and _initials(letters, _EXPANSION_WORD.findall(value[after + 2 : close]))
    return False


class _Acronyms(NamedTuple):
    """The acronyms a framework uses, and the texts of its prose to look terms up in."""

    #: each acronym with where it stands (text, start, end), in file order
    uses: list[tuple[str, TextField, int, int]]
    #: the texts of :func:`_prose`; joined by spaces when a term is looked up (a copy of
    #: the prose kept for every document weighed as much as the prose)
    texts: list[TextField]


def _acronyms(doc: Document, ctx: Context) -> _Acronyms:
    """The :class:`_Acronyms` of ``doc``, found once per run.

    The texts are searched together, joined by line breaks: neither a web address nor
    an acronym holds one, and a line break ends both as the end of a text does.
    """

    def build() -> _Acronyms:
        texts = list(_prose(doc))
        values = [t.value for t in texts]
        starts = array("q")  # 8 bytes a text, not 36
        at = 0
        for value in values:
            starts.append(at)
            at += len(value) + 1
        # web addresses are blanked out in the few texts that may hold one
        for i, value in enumerate(values):
            if _URL_HINT.search(value):
                values[i] = _URL.sub(lambda m: " " * len(m.group()), value)
        uses: list[tuple[str, TextField, int, int]] = []
        # one string per distinct term: a large framework uses a few acronyms many
        # thousands of times, and a string for each use is kept with the uses
        terms: dict[str, str] = {}
        # the terms of the last use while a slash may join one more to it: a pair
        # written with a slash (SM/CR) is one term, made once the chain ends (made
        # term by term, "AB/AB/AB/..." cost the square of its length)
        chain: list[str] = []

        def settle() -> None:
            if len(chain) > 1:
                pair = "/".join(chain)
                _, field, ps, pe = uses[-1]
                uses[-1] = (terms.setdefault(pair, pair), field, ps, pe)
            chain.clear()

        last_end = -2
        for first, masked in _joined_pieces(values):
            base = starts[first]
            for match in _ACRONYM.finditer(masked):
                term = match.group("term")
                term = terms.setdefault(term, term)
                if _ROMAN.fullmatch(term):
                    continue
                s, e = match.span("term")
                s, e = s + base, e + base
                i = bisect_right(starts, s) - 1
                if (
                    uses
                    and s == last_end + 1
                    and last_end >= base
                    and masked[last_end - base] == "/"
                    and uses[-1][1] is texts[i]
                ):
                    prev, field, ps, _ = uses[-1]
                    uses[-1] = (prev, field, ps, e - starts[i])
                    chain.append(term)
                else:
                    settle()
                    uses.append((term, texts[i], s - starts[i], e - starts[i]))
                    chain.append(term)
                last_end = match.end() + base
        settle()
        return _Acronyms(uses, texts)

    result: _Acronyms = ctx.document_memo(doc, "structure.acronyms", build)
    return result


class Acronym(Rule):
    """An acronym used in the text but missing from the framework's glossary.

    ## What it does
    Finds acronyms (two or more capitals or digits starting with a capital, such as
    KE, VOC or B2B; a plural "KEs" counts as KE) in the title, the prose and the
    roles' abbreviations, and reports each one that the `glossary` does not list, once,
    at its first use, saying how many other times it occurs. Role abbreviations count:
    the glossary is where handouts explain them.

    Not reported: an acronym the text spells out where it uses it ("minimum viable
    product (MVP)", "MVP (minimum viable product)"), Roman numerals, ranges such as
    "A-Z", web addresses, quarters, halves and fiscal years (Q1, H2, FY24), common
    acronyms every professional reader
    knows (CEO, HR, API, HTML, URL, KPI, OKR, OK, README, ...), common words written
    in capitals ("this OR that", "GROW"), and a role's title when it is a level code
    (a role titled L5). A pair written with a slash, such as "SM/CR", is one term:
    the glossary may list the pair, or each of its parts. A placeholder such as TODO
    or TBD is never reported here: left in, it is `TX06`'s; named ("fixed a TODO in
    the code"), every reader knows it.

    A framework without any glossary gets one finding, at its first acronym, naming
    every acronym it uses unexplained (see `when-no-glossary`).

    ## Why is this bad?
    New joiners, candidates and HR read these documents; an unexplained acronym
    shuts them out. The glossary is printed with every handout.

    ## Example
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: draft
    glossary:
      - term: PDP
        expansion: professional development path
    competencies:
      - id: knowledge
        name: Knowledge
        definition: Shares the VOC with the team.
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
    glossary:
      - term: PDP
        expansion: professional development path
      - term: VOC
        expansion: voice of the customer
    competencies:
      - id: knowledge
        name: Knowledge
        definition: Shares the VOC with the team.
    ```

    ## Options
    - `common` (default `true`): the common acronyms need no glossary entry; set it
      to `false` to have every acronym explained.
    - `known` (default `[]`): more acronyms that need no entry, for instance the
      organisation's own name.
    - `when-no-glossary` (default `"file"`): for a framework without a glossary,
      `"file"` gives one finding naming all its unexplained acronyms, `"each"` one
      finding per acronym as when there is a glossary.
    """

    code = "ST05"
    name = "structure.acronym"
    groups = ("structure", "glossary")
    severity = Severity.WARNING
    #: TODO, TBD and the like are placeholders (TX06), not acronyms to explain
    superseded_by = ("TX06",)

    class Options(msgspec.Struct, frozen=True):
        """Which acronyms need no glossary entry."""

        #: whether the common acronyms (CEO, API, HTML, KPI, OK, ...) need none
        common: bool = True
        #: more acronyms that need none, for instance the organisation's own
        known: tuple[str, ...] = ()
        #: "file" or "each": see the rule's documentation
        when_no_glossary: str = "file"

        def validate(self) -> str | None:
            if any(not k.strip() for k in self.known):
                return "known acronyms must not be empty"
            if self.when_no_glossary not in ("file", "each"):
                return "when-no-glossary must be 'file' or 'each'"
            return None

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        fw = doc.framework
        known = {g.term for g in fw.glossary} | set(self.options.known)
        # a role named by its level code (a role titled L5 or IC3) explains itself
        known.update(r.title for r in fw.roles())
        uses = [u for u in _acronyms(doc, ctx).uses if not self._known(u[0], known)]
        # an acronym the text spells out where it uses it is explained, as by the glossary
        expanded = {
            term
            for term, text, s, e in uses
            if "/" not in term and _expanded_where_used(term, text.value, s, e)
        }
        if expanded:
            uses = [u for u in uses if u[0] not in expanded]
        counts = Counter(term for term, *_ in uses)
        if not fw.glossary and self.options.when_no_glossary == "file":
            yield from self._summary(doc, uses, counts)
            return
        reported: set[str] = set()
        for term, text, s, e in uses:
            if term in reported:
                continue
            reported.add(term)
            more = counts[term] - 1
            also = f" (used {more} more time{'s' if more != 1 else ''})" if more else ""
            yield Finding(
                f"acronym `{term}` is not in the glossary{also}; add it with its expansion.",
                doc.locate(text, s, e),
                text.path,
                suggestion=term,
            )

    @staticmethod
    def _summary(
        doc: Document, uses: list[tuple[str, TextField, int, int]], counts: Counter[str]
    ) -> Iterator[Finding]:
        """One finding for a framework without a glossary, at its first acronym, naming
        them all (placeholders such as TODO are left to TX06)."""
        firsts: dict[str, tuple[str, TextField, int, int]] = {}
        for use in uses:
            if use[0] not in _PLACEHOLDERS:
                firsts.setdefault(use[0], use)
        if not firsts:
            return
        named = [f"{t} ({counts[t]} times)" if counts[t] > 1 else t for t in firsts]
        listed = ", ".join(named[:12]) + (f" and {len(named) - 12} more" if len(named) > 12 else "")
        _, text, s, e = next(iter(firsts.values()))
        yield Finding(
            f"the framework has no glossary and uses {len(named)} "
            f"acronym{'s' if len(named) != 1 else ''} without an expansion: {listed}; add a "
            "`glossary`, or list those every reader knows under `known` in `[rules.ST05]`.",
            doc.locate(text, s, e),
            text.path,
        )

    def _known(self, term: str, known: set[str]) -> bool:
        """Whether ``term`` needs no glossary entry: listed, common, a quarter, a word
        written in capitals, or a pair (SM/CR) listed as such or made of known terms."""
        if term in known or term in _PLACEHOLDERS:
            return True  # a TODO left in is TX06's; one named ("fixed a TODO") is known
        if "/" in term:
            return all(self._known(part, known) for part in term.split("/"))
        if _PERIOD.fullmatch(term):
            return True
        if not self.options.common:
            return False
        if term in COMMON_ACRONYMS or term in _CAPITAL_WORDS:
            return True
        if len(term) > 2 and term.isalpha():
            from pdp_lint.language.lexicon import lexicon

            entry = lexicon().entry(term.lower())
            return entry is not None and entry.band >= _WORD_BAND
        return False


class UnusedGlossary(Rule):
    """A glossary term that no text of the framework uses.

    ## What it does
    Reports glossary terms that appear nowhere in the title, the prose or the roles'
    abbreviations (a plural such as "KEs" counts as a use of KE).

    ## Why is this bad?
    The glossary is printed with every handout; terms nobody uses make it longer and
    suggest text was removed without its acronym.

    ## Example
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: draft
    glossary:
      - term: PDP
        expansion: professional development path
      - term: SLA
        expansion: service-level agreement
    competencies:
      - id: knowledge
        name: Knowledge
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
    glossary:
      - term: PDP
        expansion: professional development path
    competencies:
      - id: knowledge
        name: Knowledge
    ```
    """

    code = "ST06"
    name = "structure.unused-glossary"
    groups = ("structure", "glossary")
    severity = Severity.INFO

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        fw = doc.framework
        found = _acronyms(doc, ctx)
        used = {part for term, *_ in found.uses for part in (term, *term.split("/"))}
        words: str | None = None
        for entry in fw.glossary:
            if entry.term in used:
                continue
            if words is None:
                words = " ".join(t.value for t in found.texts)
            # terms that are not acronyms (lower case, "R&D") are looked up as words
            pattern = rf"(?<![\w-]){re.escape(entry.term)}(?:s|['\u2019]s)?(?![\w-])"
            if re.search(pattern, words):
                continue
            yield Finding(
                f"glossary term `{entry.term}` is not used anywhere in the framework; "
                "remove it or use it.",
                entry.span_of("term"),
                f"{entry.path}.term",
            )
