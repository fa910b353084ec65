"""Rules about names spelt differently in different places."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import msgspec

from pdp_lint.language.similarity import words
from pdp_lint.load.document import Document
from pdp_lint.model.problem import Severity, Span
from pdp_lint.rules.base import Context, Finding, Rule, corpus_fact
from pdp_lint.rules.textscan import RUNS

_KINDS = {"competency-name": "competency name", "role-title": "role title"}


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Edits (insert, delete, replace, swap two neighbours) turning ``a`` into ``b``;
    with a ``limit``, any distance beyond it is given as ``limit + 1``."""
    from rapidfuzz.distance import OSA

    return int(OSA.distance(a, b, score_cutoff=limit))


def _allowed(x: str, y: str) -> int:
    """Edits allowed between two differing words of names that are a slip apart: none in
    words of three letters or fewer, one in words of up to eight, two in longer ones."""
    if min(len(x), len(y)) < 4:
        return 0
    return 1 if max(len(x), len(y)) <= 8 else 2


def _near_words(x: str, y: str) -> bool:
    allowed = _allowed(x, y)
    return allowed > 0 and edit_distance(x, y, allowed) <= allowed


def near_miss(a: str, b: str) -> list[tuple[str, str]] | None:
    """The differing word pairs when ``b`` is ``a`` with a typo or two, else None.

    Both names must have the same number of words and differ only in words that are a
    slip of the keyboard apart: one edit in words of up to eight letters, two in longer
    ones, never in words of three letters or fewer. A different word ("Teamwork and
    collaboration" and "Collaboration") is not a near miss.
    """
    return _near_miss(tuple(words(a)), tuple(words(b)))


def _near_miss(
    wa: tuple[str, ...],
    wb: tuple[str, ...],
    near: Callable[[str, str], bool] = _near_words,
) -> list[tuple[str, str]] | None:
    """The differing word pairs of two split names, if each pair is ``near``."""
    if len(wa) != len(wb) or wa == wb:
        return None
    pairs = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if all(near(x, y) for x, y in pairs):
        return pairs
    return None


#: up to this many words, pairs are first ruled out by their letters (see _none_close)
FEW_WORDS = 64


def _none_close(vocabulary: list[str]) -> bool:
    """Whether, by their lengths and letter counts alone, no two of a few words can be a
    slip apart (see :func:`_allowed`).

    An insertion or a deletion changes the length by one and one letter count by one, a
    replacement two letter counts, a swap of neighbours neither: words ``k`` edits apart
    differ in length by at most ``k`` and in letter counts by at most ``2 * k``. The
    names of a project's frameworks have a few dozen words, rarely two of them this
    close, and this answers before rapidfuzz is loaded (a tenth of a hook's start-up).
    With more words, or when a pair passes, the caller compares them all with rapidfuzz.
    """
    if len(vocabulary) > FEW_WORDS:
        return False
    counted = [(w, Counter(w)) for w in vocabulary]
    for i, (x, letters) in enumerate(counted):
        for y, other in counted[i + 1 :]:
            allowed = _allowed(x, y)
            if (
                allowed
                and abs(len(x) - len(y)) <= allowed
                and (letters - other).total() + (other - letters).total() <= 2 * allowed
            ):
                return False
    return True


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` with up to ``depth`` of its letters deleted, in every way."""
    found, edge = {word}, {word}
    for _ in range(depth):
        edge = {w[:i] + w[i + 1 :] for w in edge for i in range(len(w))}
        found |= edge
    return found


def _candidates(vocabulary: list[str]) -> Iterator[tuple[str, str]]:
    """Every pair of ``vocabulary`` that may be a slip apart (see :func:`_allowed`),
    each once, and more: the caller measures them.

    Two words ``k`` edits apart (an insertion, deletion, replacement or swap of
    neighbours each) become the same string when at most ``k`` letters are deleted from
    each, so the pairs are found through an index of those deletions, in time that
    grows with the words rather than with their square. Two edits are allowed only when
    a word is longer than eight letters, and lengths differ by at most the edits, so
    words under seven letters need one deletion only.
    """
    index: dict[str, list[int]] = {}
    for n, word in enumerate(vocabulary):
        for variant in _deletions(word, 2 if len(word) >= 7 else 1):
            index.setdefault(variant, []).append(n)
    seen: set[tuple[int, int]] = set()
    for holders in index.values():
        for i, a in enumerate(holders):
            for b in holders[i + 1 :]:
                if (a, b) not in seen:
                    seen.add((a, b))
                    yield vocabulary[a], vocabulary[b]


def _near_misses(values: list[str]) -> dict[str, list[tuple[str, list[tuple[str, str]]]]]:
    """For each of the distinct names ``values``, the others that are a near miss of it,
    with the differing word pairs (its word first).

    Two names that are a near miss agree, at every position, on a word or on two words a
    slip apart. So the names to compare with one are found through a single position:
    those holding there the same word or one a slip from it (the position giving the
    fewest is taken), among the names with the same words where no other word is a
    slip from them; only those are compared word by word, so the comparisons grow with
    the near misses found rather than with the names sharing a word (numbered titles
    such as "Senior Expert 1207" are each a slip from dozens of others).
    """
    split = {v: tuple(words(v)) for v in values}
    shapes = sorted({w for w in split.values() if w})
    # every word, and the words a slip from it
    vocabulary = sorted({w for shape in shapes for w in shape if len(w) >= 4})
    close: dict[str, set[str]] = {w: {w} for shape in shapes for w in shape}
    if not _none_close(vocabulary):
        for x, y in _candidates(vocabulary):
            if _near_words(x, y):
                close[x].add(y)
                close[y].add(x)

    def known_close(x: str, y: str) -> bool:
        # the words a slip apart are known: no edit distance to compute again
        return y in close[x]

    # A word with no other word a slip from it (most words) must be the same in a near
    # miss, and a word with one must face a word a slip from it or itself, which has
    # one too: two names that are a near miss have the same words where those words
    # are alone, and words with others elsewhere. So the names are grouped by their
    # lone words (None for the others), and a name is compared only within its group,
    # through the position holding a word with others that gives the fewest names.
    def lone(shape: tuple[str, ...]) -> tuple[str | None, ...]:
        return tuple(w if len(close[w]) == 1 else None for w in shape)

    # (lone words of the name, position, word) -> the names holding that word there
    holders: dict[tuple[tuple[str | None, ...], int, str], list[tuple[str, ...]]] = {}
    keys: dict[tuple[str, ...], tuple[str | None, ...]] = {}
    for shape in shapes:
        key = keys[shape] = lone(shape)
        for at, w in enumerate(shape):
            if key[at] is None:
                holders.setdefault((key, at, w), []).append(shape)
    partners: dict[tuple[str, ...], list[tuple[tuple[str, ...], list[tuple[str, str]]]]] = {}
    for shape in shapes:
        key = keys[shape]
        open_at = [at for at, w in enumerate(key) if w is None]
        if not open_at:
            continue  # every word alone: only the same name agrees with it
        if len(open_at) == 1:
            # the others agree on every word but this one, which is a slip from it
            at = open_at[0]
            mine = shape[at]
            for w in sorted(close[mine] - {mine}):
                for other in holders.get((key, at, w), ()):
                    partners.setdefault(shape, []).append((other, [(mine, w)]))
            continue
        lists = min(
            ([holders.get((key, at, w), []) for w in sorted(close[shape[at]])] for at in open_at),
            key=lambda found: sum(map(len, found)),
        )
        for group in lists:
            for other in group:
                pairs = _near_miss(shape, other, known_close)
                if pairs is not None:
                    partners.setdefault(shape, []).append((other, pairs))
    by_shape: dict[tuple[str, ...], list[str]] = {}
    for v in sorted(set(values)):
        by_shape.setdefault(split[v], []).append(v)
    out: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {}
    for v in sorted(set(values)):
        found = [(o, pairs) for other, pairs in partners.get(split[v], []) for o in by_shape[other]]
        if found:
            found.sort(key=lambda t: t[0])  # in one order whichever position found them
            out[v] = found
    return out


class NameIndex(msgspec.Struct, eq=False):
    """Every competency name and role title of the corpus, and their near misses."""

    #: by kind: each distinct name, and the file names of the frameworks that use it
    files: dict[str, dict[str, set[str]]]
    #: by kind: each name that has near misses, and them with the differing words
    near: dict[str, dict[str, list[tuple[str, list[tuple[str, str]]]]]]
    ctx: Context

    @property
    def frequency(self) -> Counter[str]:
        """How often each word is used across the text of all the frameworks."""
        ctx = self.ctx
        result: Counter[str] = ctx.memo("naming.frequency", lambda: _long_words(ctx.merged(RUNS)))
        return result


@corpus_fact("naming.names", stored=tuple[str, list[tuple[str, str]]])
def _name_facts(doc: Document, ctx: Context) -> tuple[str, list[tuple[str, str]]]:
    """The file's name, and the names (kind, text) it uses."""
    return doc.path.name, [(t.kind, t.value) for t in doc.texts if t.kind in _KINDS]


def _long_words(runs: Counter[str]) -> Counter[str]:
    """How often each of :func:`~pdp_lint.language.similarity.words` of four letters or
    more occurs in the corpus, from its run counts (see
    :func:`~pdp_lint.rules.textscan.prose_runs`): only words of four letters or more can
    be a slip apart (see `_allowed`)."""
    counts: Counter[str] = Counter()
    for run, times in runs.items():
        for word in words(run):
            if len(word) >= 4:
                counts[word] += times
    return counts


def _index(ctx: Context) -> NameIndex:
    def build() -> NameIndex:
        files: dict[str, dict[str, set[str]]] = {kind: {} for kind in _KINDS}
        for file_name, names in ctx.facts("naming.names"):
            for kind, value in names:
                files[kind].setdefault(value, set()).add(file_name)
        near = {kind: _near_misses(list(names)) for kind, names in files.items()}
        return NameIndex(files, near, ctx)

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
    facts = ("naming.names", RUNS)
    severity = Severity.WARNING

    def collect(self, doc: Document, ctx: Context) -> tuple[str, list[tuple[str, str, Span, str]]]:
        """The file's name, and each name in it: kind, text, span and JSON path."""
        names = [(t.kind, t.value, t.span, t.path) for t in doc.texts if t.kind in _KINDS]
        return doc.path.name, names

    def finish(
        self, collected: tuple[str, list[tuple[str, str, Span, str]]], ctx: Context
    ) -> Iterator[Finding]:
        here, names = collected
        index = _index(ctx)
        for kind, value, span, path in names:
            near = index.near[kind].get(value)
            if not near:
                continue
            same = index.files[kind][value]
            # other spelling -> (frequency of its words, of ours), and the files using it
            scores: dict[str, tuple[int, int]] = {}
            files: dict[str, set[str]] = {}
            frequency = index.frequency
            for other, pairs in near:
                theirs = sum(frequency[y] for _, y in pairs)
                mine = sum(frequency[x] for x, _ in pairs)
                scores[other] = (theirs, mine)
                files[other] = index.files[kind][other]
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
            used = sorted("this file" if f == here else f for f in files[best])
            label = _KINDS[kind]
            if len(used) == 1:
                where = used[0]
            else:
                where = f"{len(used)} frameworks agreeing on it ({', '.join(used)})"
            yield Finding(
                f"{label} `{value}` differs from `{best}` in {where} by a slip of "
                f"spelling; {verdict}",
                span,
                path,
                suggestion=best,
            )
