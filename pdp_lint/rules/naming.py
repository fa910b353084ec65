"""Rules about names spelt differently in different places."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from pdp_lint.document import Document
from pdp_lint.model import TextField
from pdp_lint.problem import Severity
from pdp_lint.rules.base import Context, Finding, Rule
from pdp_lint.similarity import words

_KINDS = {"competency-name": "competency name", "role-title": "role title"}


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) turning ``a`` into ``b``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def near_miss(a: str, b: str) -> list[tuple[str, str]] | None:
    """The differing word pairs when ``b`` is ``a`` with a typo or two, else None.

    Both names must have the same number of words and differ only in words that are a
    slip of the keyboard apart: one edit in words of up to eight letters, two in longer
    ones, never in words of three letters or fewer. A different word ("Teamwork and
    collaboration" and "Collaboration") is not a near miss.
    """
    wa, wb = words(a), words(b)
    if len(wa) != len(wb) or wa == wb:
        return None
    pairs = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    for x, y in pairs:
        shortest = min(len(x), len(y))
        if shortest < 4:
            return None
        allowed = 1 if max(len(x), len(y)) <= 8 else 2
        if edit_distance(x, y) > allowed:
            return None
    return pairs


@dataclass(frozen=True, slots=True)
class Name:
    doc: Document
    text: TextField


@dataclass(slots=True)
class NameIndex:
    names: dict[str, list[Name]]  # by kind
    frequency: Counter[str]


def _index(ctx: Context) -> NameIndex:
    def build() -> NameIndex:
        names: dict[str, list[Name]] = {kind: [] for kind in _KINDS}
        frequency: Counter[str] = Counter()
        for doc in ctx.corpus:
            for text in doc.framework.texts():
                frequency.update(words(text.value))
                if text.kind in _KINDS:
                    names[text.kind].append(Name(doc, text))
        return NameIndex(names, frequency)

    result: NameIndex = ctx.memo("naming.index", build)
    return result


class NamingDrift(Rule):
    """A competency name or role title is spelt slightly differently elsewhere.

    ## What it does
    Compares each competency name and role title with those of every framework of the
    project (and with the other names of the same catalog) and reports one that differs
    from another only by a typo: the same words, except one or two that are a letter or
    two apart ("Communcation" and "Communication"). A genuinely different name
    ("Collaboration" and "Teamwork and collaboration") is not reported, nor is a
    difference of case only.

    Which spelling is right is decided by the words used across all the frameworks'
    text: the spelling whose words the project uses more often is kept, and the other
    one is reported with it as the suggestion. When several frameworks agree on the
    suggested spelling the message says so.

    ## Why is this bad?
    Handouts, the HR site and filters match competencies and roles by name: a misspelt
    name looks like a different competency, and a reader comparing two paths cannot tell
    that they mean the same thing.

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
      - id: communication
        name: Communcation
        definition: Clear communication with every audience.
    # --- file: managers.yaml
    id: managers
    title: Managers PDP
    owner:
      team: Managers
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: communication
        name: Communication
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
      - id: communication
        name: Communication
        definition: Clear communication with every audience.
    # --- file: managers.yaml
    id: managers
    title: Managers PDP
    owner:
      team: Managers
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: communication
        name: Communication
    ```
    """

    code = "NM01"
    name = "naming.drift"
    groups = ("naming",)
    scope = "project"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        index = _index(ctx)
        for text in doc.framework.texts():
            if text.kind not in _KINDS:
                continue
            same = {n.doc.path.name for n in index.names[text.kind] if n.text.value == text.value}
            # other spelling -> (frequency of its words, of ours), and the files using it
            scores: dict[str, tuple[int, int]] = {}
            files: dict[str, set[str]] = {}
            for other in index.names[text.kind]:
                pairs = near_miss(text.value, other.text.value)
                if pairs is None:
                    continue
                theirs = sum(index.frequency[y] for _, y in pairs)
                mine = sum(index.frequency[x] for x, _ in pairs)
                scores[other.text.value] = (theirs, mine)
                files.setdefault(other.text.value, set()).add(other.doc.path.name)
            ranked = sorted(
                (
                    ((theirs, len(files[s])), (mine, len(same)), s)
                    for s, (theirs, mine) in scores.items()
                ),
                key=lambda t: (t[0], t[2]),
                reverse=True,
            )
            if not ranked or ranked[0][0] < ranked[0][1]:
                continue
            better, ours, best = ranked[0]
            verdict = f"use `{best}`" if better > ours else "pick one spelling for both"
            here = doc.path.name
            used = sorted("this file" if f == here else f for f in files[best])
            kind = _KINDS[text.kind]
            if len(used) == 1:
                where = used[0]
            else:
                where = f"{len(used)} frameworks agreeing on it ({', '.join(used)})"
            yield Finding(
                f"{kind} `{text.value}` differs from `{best}` in {where} by a slip of "
                f"spelling; {verdict}",
                text.span,
                text.path,
                suggestion=best,
            )
