"""Text normalisation and the near-duplicate join used by the duplication rules.

Two texts are *the same* when their normalised forms are equal: case, runs of
whitespace (including the non-breaking space), punctuation and quote style (curly or
straight) do not count. Two texts are *nearly the same* when the Jaccard similarity of
their word sets (the number of words both use divided by the number either uses)
reaches a threshold.

:func:`similar_pairs` finds every pair of texts at or above a threshold without
comparing every text with every other: it is a set-similarity self-join, in one of two
ways, both exact.

- For high thresholds (0.8 and above, as the rules use), a partition scheme in the
  manner of PartEnum: two sets similar enough differ in few words (at most two for
  sets of 15 words at 0.85), so when the words are split into a few more groups than
  that (by a hash of the word), the two sets hold exactly the same words in at least
  two of the groups. Each set is filed under each pair of its groups' contents; sets
  filed together are candidates. Filing and looking up is one dictionary operation
  per pair of groups, so the cost grows with the number of sets, however often the
  words repeat.
- Otherwise prefix filtering (the AllPairs method). Words are ordered from the rarest
  to the most common, so two sets that are similar enough must share words among the
  first few rare words of each (the prefix); only pairs that share two such words (one
  for thresholds of 0.5 or less), and whose sizes are close enough (the length
  filter), are candidates.

Candidates have their similarity computed exactly.
"""

from __future__ import annotations

import math
import sys
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Sequence
from functools import cache
from itertools import chain, combinations, pairwise
from typing import NamedTuple

from pdp_lint import patterns
from pdp_lint.language.filing import NUMBER_BITS as _NUMBER_BITS
from pdp_lint.language.filing import NUMBER_MASK as _NUMBER_MASK
from pdp_lint.language.filing import FilingTable

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
    }
)
_WORD = patterns.compile(r"[^\W_]+")
_ASCII_WORD = patterns.compile(r"[a-z0-9]+")  # _WORD in lower-case ASCII text
# guards the float product t * n against rounding just above an integer
_EPS = 1e-9
#: thresholds from which the partition scheme is used
_PARTITION_FROM = 0.8
#: the bits of a hash the joins file under: a number below 2**30 is the smallest
#: object Python makes of one (28 bytes, where a 64-bit hash takes 36), and the joins
#: keep hundreds of thousands of them; the rare keys that collide only make candidates,
#: which are compared exactly
_KEY_BITS = (1 << 30) - 1


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each of :func:`words` occurs in ``texts``.

    The ASCII texts are read a few thousand at a time, joined: lower-casing and dropping
    quotes work letter by letter, and no word spans the line breaks that join them.
    """
    counts: Counter[str] = Counter()
    for plain in _ascii_batches(texts, counts, words):
        joined = "\n".join(plain).lower().replace("`", "").replace("'", "")
        counts.update(_ASCII_WORD.findall(joined))
    return counts


#: how many ASCII texts are read in one pass: enough to make the pass cheap, few enough
#: that the list of their words stays small however large the file
_BATCH = 4096


def _ascii_batches(
    texts: Iterable[str], counts: Counter[str], split: Callable[[str], Iterable[str]]
) -> Iterator[list[str]]:
    """``texts`` that are ASCII, in batches, after the words (by ``split``) of the
    others are counted into ``counts``: the order in which words are first counted is
    the one of reading all the other texts, then all the ASCII ones."""
    plain: list[str] = []
    for text in texts:
        if text.isascii():
            plain.append(text)
        else:
            counts.update(split(text))
    for start in range(0, len(plain), _BATCH):
        yield plain[start : start + _BATCH]


def long_word_counts(texts: Iterable[str], shortest: int) -> Counter[str]:
    """How often each of :func:`words` of at least ``shortest`` letters occurs in
    ``texts``: :func:`word_counts` without the short words, which are never counted.

    A run of letters shorter than ``shortest`` is skipped by the pattern itself, and a
    match cannot start inside a longer run, whose start would have matched already.
    """
    counts: Counter[str] = Counter()
    long_word = patterns.compile(f"[a-z0-9]{{{shortest},}}")

    def split(text: str) -> list[str]:
        return [w for w in words(text) if len(w) >= shortest]

    for plain in _ascii_batches(texts, counts, split):
        joined = "\n".join(plain).lower().replace("`", "").replace("'", "")
        counts.update(long_word.findall(joined))
    return counts


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without punctuation.

    Apostrophes inside a word are dropped (``KE's`` and ``KEs`` are one word, with
    curly or straight quotes); any other punctuation separates words (``day-to-day``
    is ``day to day``).
    """
    if text.isascii():  # NFKC leaves ASCII alone, and its only quote to map is `
        return _ASCII_WORD.findall(text.lower().replace("`", "").replace("'", ""))
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _WORD.findall(text.replace("'", ""))


def normalise(text: str) -> str:
    """The form two texts share when they differ only in case, spacing, punctuation or
    quote style."""
    return " ".join(words(text))


def word_set(text: str) -> frozenset[str]:
    """The set of words of ``text``, as compared by :func:`jaccard`."""
    return frozenset(words(text))


def sorted_words(words_: Iterable[str]) -> tuple[str, ...]:
    """The distinct words of ``words_`` in sorted order: a word set as
    :func:`similar_pairs` keeps it, in about a fifth of a frozenset's memory (a
    frozenset of twenty words holds a table of sixty-four entries)."""
    return tuple(sorted(set(words_)))


def coded_word_sets(records: Iterable[Iterable[str]]) -> list[str] | None:
    """Each of ``records`` as a string of one character per distinct word, sorted: what
    :func:`similar_pairs` compares, in a fifth to a half of the memory of sorted tuples
    of words (a character stands for a word throughout the list, so the sets'
    intersections and unions have the sizes the words' have). None when the words
    outnumber the characters.
    """
    codes = _Codes()
    code = codes.__getitem__
    try:
        return ["".join(sorted(set(map(code, record)))) for record in records]
    except ValueError:  # more than a million distinct words
        return None


class _Codes(dict[str, str]):
    """A character for each word, in the order the words come: the first 256 words
    take characters a string stores in one byte each."""

    def __missing__(self, word: str) -> str:
        n = len(self)
        code = self[word] = chr(n if n < 0xD800 else n + 0x800)  # no surrogates
        return code


def _canonical(record: Collection[str]) -> Sequence[str]:
    """``record`` as :func:`sorted_words` gives it (returned as is when it already is,
    or when it is a string of sorted characters, as :func:`coded_word_sets` makes)."""
    if type(record) in (tuple, str) and all(a < b for a, b in pairwise(record)):
        return record  # type: ignore[return-value]
    return sorted_words(record)


def jaccard(a: Collection[Hashable], b: Collection[Hashable]) -> float:
    """Size of the intersection over size of the union; two empty sets are identical."""
    sa, sb = set(a), set(b)
    union = len(sa | sb)
    return len(sa & sb) / union if union else 1.0


class Pair(NamedTuple):
    """Two records (by index, ``first < second``) and their Jaccard similarity."""

    first: int
    second: int
    similarity: float


def _min_overlap(threshold: float, size_a: int, size_b: int) -> int:
    """Fewest shared words for two sets of these sizes to reach ``threshold``."""
    return math.ceil(threshold / (1 + threshold) * (size_a + size_b) - _EPS)


def similar_pairs(records: Sequence[Collection[str]], threshold: float) -> list[Pair]:
    """Every pair of ``records`` whose Jaccard similarity is at least ``threshold``.

    ``records`` are sets of words (any collection: repeats do not count);
    ``0 < threshold <= 1``. Empty records are never paired. The result is sorted by
    ``(first, second)`` and equals what comparing every pair would give, at a cost that
    grows with the number of candidate pairs rather than with the square of the number
    of records. Each distinct record is kept as a sorted tuple (see
    :func:`sorted_words`; records given so are kept as they are), and a set is made
    only of the one being compared.
    """
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    # Identical sets are joined once and expanded at the end. Most records are unique:
    # a group is its one record's index until a second one joins it.
    groups: dict[Sequence[str], int | list[int]] = {}
    for i, record in enumerate(records):
        if record:
            key = _canonical(record)
            filed = groups.setdefault(key, i)
            if filed is not i:
                if isinstance(filed, int):
                    groups[key] = [filed, i]
                else:
                    filed.append(i)
    sets = list(groups)
    members = list(groups.values())
    del groups
    if threshold >= _PARTITION_FROM:
        found = _partition_join(sets, threshold)
    else:
        found = _prefix_join(sets, threshold)

    pairs = [
        Pair(a, b, 1.0) for group in members if isinstance(group, list) for a, b in _within(group)
    ]
    for x, y, similarity in found:
        mx, my = members[x], members[y]
        for a in [mx] if isinstance(mx, int) else mx:
            for b in [my] if isinstance(my, int) else my:
                pairs.append(Pair(min(a, b), max(a, b), similarity))
    pairs.sort(key=lambda p: (p.first, p.second))
    return pairs


def similar_to_earlier(
    records: Sequence[Collection[str]], later: Collection[int], threshold: float
) -> list[Pair]:
    """The pairs of :func:`similar_pairs` whose second record is one of ``later``: each
    of those records against every record before it, sorted by ``(first, second)``.

    For a few records against many (one file's summaries against a project's), this
    costs what those few share with the rest: each earlier record is read once, for
    the words it shares with them, and the shared words are counted per record.
    """
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    wanted = sorted({t for t in later if records[t]})
    if not wanted:
        return []
    mine = {t: _canonical(records[t]) for t in wanted}
    postings: dict[str, list[int]] = {w: [] for t in wanted for w in mine[t]}
    sizes: dict[int, int] = {}
    for i in range(wanted[-1]):
        record = records[i]
        if not record:
            continue
        distinct = _canonical(record)
        sizes[i] = len(distinct)
        for word in distinct:
            found = postings.get(word)
            if found is not None:
                found.append(i)
    pairs: list[Pair] = []
    for t in wanted:
        words_ = mine[t]
        size = len(words_)
        shared = Counter(chain.from_iterable(postings[w] for w in words_))
        for i, overlap in shared.items():
            if i >= t:
                continue
            other = sizes[i]
            smaller, larger = (size, other) if size <= other else (other, size)
            if _may_pair(threshold, smaller, larger) and overlap >= _min_overlap(
                threshold, size, other
            ):
                pairs.append(Pair(i, t, overlap / (size + other - overlap)))
    pairs.sort(key=lambda p: (p.first, p.second))
    return pairs


def _prefix_join(sets: list[Sequence[str]], threshold: float) -> list[tuple[int, int, float]]:
    """(x, y, similarity) for the pairs of distinct ``sets`` at or above ``threshold``, by
    prefix filtering."""
    frequency = Counter(chain.from_iterable(sets))
    # Rarest first; ties broken by first appearance so the order is deterministic.
    rank = {t: r for r, t in enumerate(sorted(frequency, key=frequency.__getitem__))}
    ranked = [sorted(map(rank.__getitem__, s)) for s in sets]
    sizes = [len(s) for s in sets]
    order = sorted(range(len(sets)), key=sizes.__getitem__)
    # Two distinct sets above a threshold over 0.5 share at least two words, so their
    # prefixes (one word longer) share at least two: a much stronger filter than one.
    shared = 2 if threshold > 0.5 else 1
    index_share = 2 * threshold / (1 + threshold)
    # (token, size) -> records of that size whose index prefix holds the token; the key
    # is one integer, token * stride + size. Keeping sizes apart is the length filter.
    stride = max(sizes, default=0) + 1
    index: defaultdict[int, list[int]] = defaultdict(list)
    found: list[tuple[int, int, float]] = []
    bounds: dict[int, tuple[int, int, int, list[int]]] = {}
    for x in order:
        tokens = ranked[x]
        size = sizes[x]
        if size not in bounds:
            smallest = math.ceil(threshold * size - _EPS)
            # fewest shared words needed with a record of each size from `smallest` up
            need = [_min_overlap(threshold, size, other) for other in range(smallest, size + 1)]
            indexed = size - math.ceil(index_share * size - _EPS) + shared
            bounds[size] = (smallest, size - smallest + shared, indexed, need)
        smallest, probe, indexed, need = bounds[size]
        # the records of a close enough size whose index prefix shares a word with this
        # record's probe prefix, then those that share `shared` words
        keys = [t * stride + n for t in tokens[:probe] for n in range(smallest, size + 1)]
        buckets = [b for b in [index.get(k) for k in keys] if b]
        if buckets:
            candidates: set[int] = set().union(*buckets)
            if shared == 2:
                if len(candidates) == sum(map(len, buckets)):
                    candidates = set()  # no record is in two lists: the usual case
                else:
                    seen: set[int] = set()
                    candidates = set()
                    for bucket in buckets:
                        candidates.update(seen.intersection(bucket))
                        seen.update(bucket)
            mine = set(sets[x])
            for y in candidates:
                other = sizes[y]
                overlap = len(mine.intersection(sets[y]))
                if overlap >= need[other - smallest]:
                    found.append((x, y, overlap / (size + other - overlap)))
        # Later records are at least as long, so a shorter prefix suffices for the index.
        for token in tokens[:indexed]:
            index[token * stride + size].append(x)

    return found


@cache
def _may_pair(threshold: float, smaller: int, larger: int) -> bool:
    """Whether sets of these sizes can reach ``threshold`` (the tests of the join)."""
    return smaller >= math.ceil(threshold * larger - _EPS) and (
        _min_overlap(threshold, smaller, larger) <= smaller
    )


@cache
def _groups_for(threshold: float, larger: int) -> int:
    """How many groups the words are split into to compare sets with ones of ``larger``
    words at most: two more than the most words two such sets may differ in, so that at
    least two groups hold the same words; 0 when they cannot differ at all (they are
    identical, and joined as such)."""
    differ = max(
        (
            smaller + larger - 2 * _min_overlap(threshold, smaller, larger)
            for smaller in range(1, larger + 1)
            if _may_pair(threshold, smaller, larger)
        ),
        default=0,
    )
    return differ + 2 if differ > 0 else 0


@cache
def _plan(threshold: float, size: int) -> tuple[tuple[int, tuple[tuple[int, int], ...]], ...]:
    """The splits a set of ``size`` words is filed under: one for each size of a set it
    may pair with that is at least as large (the larger set's split is the one they
    share), with the pairs of groups to file under."""
    counts = set()
    larger = size
    while _may_pair(threshold, size, larger):
        counts.add(_groups_for(threshold, larger))
        larger += 1
    counts.discard(0)
    return tuple((n, tuple(combinations(range(n), 2))) for n in sorted(counts))


@cache
def _fewest(threshold: float, largest: int) -> tuple[int, ...]:
    """The fewest groups a set of each size up to ``largest``, or any larger one up to
    it, files under (made once for every file of a run whose largest set is as large)."""
    fewest = [0] * (largest + 2)
    fewest[largest + 1] = 1 << 30
    for size in range(largest, -1, -1):
        plan = _plan(threshold, size) if size else ()
        fewest[size] = min([fewest[size + 1], *(n for n, _ in plan)])
    return tuple(fewest)


def _partition_join(sets: list[Sequence[str]], threshold: float) -> list[tuple[int, int, float]]:
    """(x, y, similarity) for the pairs of distinct ``sets`` at or above ``threshold``, by
    partitioning (see the module's documentation).

    A group's content is summarised by the sum of its words' hashes, and a filing key
    by a hash; keys that collide only add candidates, which are checked exactly. The
    index of each number of groups is a :class:`FilingTable` (arrays, about 20 bytes a
    key, where a dict took about 80 and a list for each key filed more than once).

    Sets are taken from the smallest, with an index for each number of groups. Two
    sets meet under the split of the larger, which the smaller files under too, so
    once the sets taken are so large that no split of theirs or of any larger set has
    fewer than ``n`` groups, the index of ``n`` groups is dropped: only the indexes of
    the sizes at hand are kept (about half of what one index of every set cost, a few
    hundred bytes a behavior).
    """
    found: list[tuple[int, int, float]] = []
    if len(sets) <= _FEW:  # a small framework: fewer comparisons than keys to make
        for x, mine in enumerate(sets):
            size = len(mine)
            words_of = set(mine)
            for y in range(x + 1, len(sets)):
                theirs = sets[y]
                other = len(theirs)
                smaller, larger = (size, other) if size <= other else (other, size)
                if not _may_pair(threshold, smaller, larger):
                    continue
                overlap = len(words_of.intersection(theirs))
                if overlap >= _min_overlap(threshold, size, other):
                    found.append((x, y, overlap / (size + other - overlap)))
        return found
    fewest = _fewest(threshold, max(map(len, sets)))
    # the filings of each number of groups, to make each index as large as its keys
    expected: Counter[int] = Counter()
    for size, count in Counter(map(len, sets)).items():
        for n, pairs in _plan(threshold, size) if size else ():
            expected[n] += count * len(pairs)
    indexes: dict[int, FilingTable] = {}
    order = array("i", sorted(range(len(sets)), key=lambda i: len(sets[i])))  # 4 bytes a set
    current = -1
    for x in order:
        mine = sets[x]
        size = len(mine)
        plan = _plan(threshold, size)
        if not plan:
            continue
        if size != current:
            current = size
            for n in [n for n in indexes if n < fewest[size]]:
                del indexes[n]
        hashes = list(map(hash, mine))
        candidates: set[int] = set()
        add = candidates.add
        for n, pairs in plan:
            sums = [0] * n
            for h in hashes:
                sums[h % n] += h
            index = indexes.get(n)
            if index is None:
                index = indexes[n] = FilingTable(expected[n])
            heads, entries, links, slots = index.heads, index.entries, index.links, index.mask
            link, enter = links.append, entries.append
            count = len(links)
            for a, b in pairs:  # look up and file in one (see FilingTable)
                key = hash((n, a, b, sums[a], sums[b])) & _KEY_BITS
                slot = key & slots
                at = newest = heads[slot]
                while at:
                    entry = entries[at]
                    if entry >> _NUMBER_BITS == key:
                        add(entry & _NUMBER_MASK)
                    at = links[at]
                link(newest)
                enter(key << _NUMBER_BITS | x)
                heads[slot] = count
                count += 1
        candidates.discard(x)  # two of its own keys may collide
        own: set[str] | None = None
        for y in candidates:
            theirs = sets[y]
            other = len(theirs)
            smaller, larger = (size, other) if size <= other else (other, size)
            if not _may_pair(threshold, smaller, larger):
                continue
            if own is None:
                own = set(mine)
            overlap = len(own.intersection(theirs))
            if overlap >= _min_overlap(threshold, size, other):
                found.append((min(x, y), max(x, y), overlap / (size + other - overlap)))
    return found


def _within(group: list[int]) -> Iterator[tuple[int, int]]:
    for n, a in enumerate(group):
        for b in group[n + 1 :]:
            yield a, b


def brute_force_pairs(records: Sequence[Collection[Hashable]], threshold: float) -> list[Pair]:
    """The same result as :func:`similar_pairs` by comparing every pair (for tests)."""
    sets = [frozenset(r) for r in records]
    out = []
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            if sets[i] and sets[j]:
                similarity = jaccard(sets[i], sets[j])
                if similarity >= threshold - _EPS:
                    out.append(Pair(i, j, similarity))
    return out


# A possessive ending: the team's, the KE’s, the teams' (the plural keeps its s).
_POSSESSIVE = patterns.compile(r"(?<=\w)['’`]s\b|(?<=[sS])['’`](?!\w)")


def sequence(text: str) -> list[str]:
    """The words of ``text`` in order, as :func:`words` gives them, with possessive
    endings dropped ("the team's goals" reads as "the team goals")."""
    if "'" in text or "’" in text or "`" in text:
        text = _POSSESSIVE.sub("", text)
    return words(text)


def word_distance(a: Sequence[str], b: Sequence[str], limit: int) -> int:
    """The number of words to replace, add or remove to turn ``a`` into ``b`` (the
    Levenshtein distance over words), or ``limit + 1`` when it is more than ``limit``."""
    over = limit + 1
    if abs(len(a) - len(b)) > limit:
        return over
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    a, b = a[start:end_a], b[start:end_b]
    if not a or not b:
        return len(a) + len(b) if len(a) + len(b) <= limit else over
    previous = list(range(len(b) + 1))
    for i, word in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        if min(current) > limit:
            return over
        previous = current
    return previous[-1] if previous[-1] <= limit else over


def close_sequences(sequences: Sequence[Sequence[str]], limit: int) -> list[tuple[int, int, int]]:
    """(first, second, distance) for every pair of ``sequences`` at most ``limit`` words
    apart (:func:`word_distance`), ``first < second``, sorted; empty sequences are never
    paired.

    An exact index that costs about the same for each sequence however few words
    the texts are made of. Cut the shorter sequence ``a`` of a pair into three parts: a
    third at each end and the rest between. The cheapest alignment with the other,
    ``b``, passes each cut somewhere, the parts' distances add up to at most ``limit``,
    and so two of the parts hold at most ``h = 2 * limit // 3`` of them: the beginning
    and the middle, the middle and the end, or both ends. Two texts at most ``h`` words
    apart have a common subsequence lacking at most ``h`` words of either, and so do the
    beginnings of ``a`` and ``b`` cut to the same length (and their ends): those two
    parts of ``a`` and as long a beginning and end of ``b`` are the same words once each
    leaves out the same few words, at most ``h`` in all.

    Each sequence is therefore filed under its three pairs of parts with every choice of
    at most ``h`` words left out (a deletion neighbourhood, as symmetric-delete spelling
    correction files words), and looks up the beginning and end of itself as long as
    those of each sequence short enough to pair with it. Sequences filed together share
    two thirds of their words in order, but for ``h``; one whose words differ from the
    other's in more than ``2 * limit`` words, told by a mask of a bit per word, is
    passed over, and the distance of the others is computed. Sequences are taken from
    the shortest, and the files of those that are too short to pair with the next are
    dropped, which bounds the memory. Keys whose hashes collide only make candidates.
    The work grows with the number of sequences and with the pairs that share two
    thirds of their words (a partition of word sets, as :func:`similar_pairs` uses,
    would compare every two sequences sharing a third of their words, which texts made
    of common phrases do by the million).

    Where the lengths leave few pairs to compare (the 30 to 40 a sequence of a file of a
    few hundred behaviors) and the process has compared enough sequences to pay for
    loading rapidfuzz, every such pair is compared in rapidfuzz's compiled Levenshtein
    distance instead (:func:`_compiled_pairs`): the same pairs, at a fifth of the CPU.
    """
    if limit < 0:
        raise ValueError("limit must be 0 or more")
    by_length = sorted((i for i, s in enumerate(sequences) if s), key=lambda i: len(sequences[i]))
    if len(by_length) <= _FEW:  # a small framework: fewer comparisons than keys to make
        return _every_pair(sequences, sorted(by_length), limit)
    _COMPARED[0] += len(by_length)
    found_by_pairs = _compiled_pairs(sequences, by_length, limit)
    if found_by_pairs is not None:
        return found_by_pairs
    order = array("i", by_length)  # 4 bytes a sequence, not 36
    del by_length
    most = 2 * limit // 3
    differ = 2 * limit
    # a bit per word (its hash's lowest bits), in 32 bytes a sequence where a list of
    # 256-bit numbers took 68; read back only for the candidates
    masks = bytearray(_MASK_BYTES * len(sequences))
    # how many sequences of each length: a table is made as large as its filings
    lengths = Counter(len(sequences[x]) for x in order)
    # (which parts, their length) -> the sequences filed under each key: a dict of
    # lists for up to _DICT_UP_TO sequences (less CPU), else a FilingTable (arrays,
    # about 20 bytes a key where a dict took 80)
    small = len(order) <= _DICT_UP_TO
    tables: dict[tuple[int, int], FilingTable | dict[int, list[int]]] = {}
    found: list[tuple[int, int, int]] = []
    length = 0
    plan: list[tuple[tuple[int, int], bool]] = []
    for x in order:
        mine = tuple(sequences[x])
        size = len(mine)
        if size != length:
            length = size
            shortest = max(1, size - limit)
            own = set(_parts(size))
            wanted = {p for n in range(shortest, size + 1) for p in _parts(n)}
            plan = [(p, p in own) for p in sorted(wanted)]
            # the parts' lengths grow with the sequence's: no sequence from here on looks
            # up shorter ones than `shortest` has
            low = _parts(shortest)
            for old in [p for p in tables if p[1] < low[p[0]][1]]:
                del tables[old]
            for where in own - tables.keys():
                tables[where] = {} if small else FilingTable(_filings(lengths, where, most))
        mask = 0
        for word in mine:
            mask |= 1 << (hash(word) & _MASK_BITS)
        at = x * _MASK_BYTES
        masks[at : at + _MASK_BYTES] = mask.to_bytes(_MASK_BYTES)
        candidates: set[int] = set()
        add = candidates.add
        for where, filing in plan:
            table = tables.get(where)
            if table is None:
                continue  # no sequence of a length that files there
            if isinstance(table, dict):
                keys = _part_keys(mine, where, most)
                _look_up_and_file(table, keys, x if filing else None, candidates)
                continue
            heads, entries, links, slots = table.heads, table.entries, table.links, table.mask
            if not filing:
                for key in _part_keys(mine, where, most):
                    at = heads[key & slots]
                    while at:  # most keys: an empty slot
                        entry = entries[at]
                        if entry >> _NUMBER_BITS == key:
                            add(entry & _NUMBER_MASK)
                        at = links[at]
                continue
            link, enter = links.append, entries.append
            count = len(links)
            for key in _part_keys(mine, where, most):  # look up and file in one
                slot = key & slots
                at = newest = heads[slot]
                while at:
                    entry = entries[at]
                    if entry >> _NUMBER_BITS == key:
                        add(entry & _NUMBER_MASK)
                    at = links[at]
                link(newest)
                enter(key << _NUMBER_BITS | x)
                heads[slot] = count
                count += 1
        candidates.discard(x)
        for y in candidates:
            at = y * _MASK_BYTES
            if (int.from_bytes(masks[at : at + _MASK_BYTES]) ^ mask).bit_count() > differ:
                continue  # more words than the edits can change
            theirs = sequences[y]
            if size - len(theirs) > limit:
                continue  # a shorter one, with a part as long as one that may pair
            distance = word_distance(theirs, mine, limit)
            if distance <= limit:
                found.append((y, x, distance) if y < x else (x, y, distance))
    found.sort()
    return found


#: which bit of a sequence's word mask a word sets: its hash's lowest bits
_MASK_BITS = 255
_MASK_BYTES = (_MASK_BITS + 1) // 8
#: up to how many sequences comparing every two costs less than indexing them
_FEW = 12
#: up to how many sequences the keys are filed in dicts of lists: less CPU than the
#: filing tables, at about 900 bytes a sequence where the tables take 300 (under 1 MB
#: here; a 90 MB file holds 320,000 behaviors)
_DICT_UP_TO = 1_000


#: how many sequences this process has compared with :func:`close_sequences`: from
#: _COMPILED_FROM on, the run is large enough to pay for loading rapidfuzz (some 20 ms,
#: a fifth of a one-file hook's start-up)
_COMPARED = [0]
_COMPILED_FROM = 2_000
#: up to how many pairs a sequence for :func:`_compiled_pairs` (the work per sequence
#: stays bounded, as the index's): a pair costs rapidfuzz about 0.08 microseconds,
#: filing and looking up a sequence 30 to 40 (the generated corpora's files have 30 to
#: 40 pairs a sequence: a fifth of the index's CPU; one framework of 2,750 roles about
#: 390: four fifths)
_PAIRS_PER_SEQUENCE = 300


def _compiled_pairs(
    sequences: Sequence[Sequence[str]], by_length: list[int], limit: int
) -> list[tuple[int, int, int]] | None:
    """:func:`close_sequences` by comparing every two sequences whose lengths are at most
    ``limit`` apart, in rapidfuzz's compiled Levenshtein distance of the sequences
    written a character a word. None where the index is cheaper: too many such pairs
    (a file of many behaviors of similar lengths), or a run too small to pay for
    loading rapidfuzz (the hook's one file)."""
    if "rapidfuzz.process" not in sys.modules and _COMPARED[0] < _COMPILED_FROM:
        return None
    lengths = [len(sequences[x]) for x in by_length]
    ends = [bisect_right(lengths, size + limit) for size in lengths]
    pairs = sum(end - at - 1 for at, end in enumerate(ends))
    if pairs > _PAIRS_PER_SEQUENCE * len(by_length):
        return None
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    # a character a word (the same word, the same character), so that rapidfuzz
    # compares strings, as fast as it compares anything, and exactly
    code = _Codes().__getitem__
    try:
        coded = ["".join(map(code, sequences[x])) for x in by_length]
    except ValueError:  # more than a million distinct words
        return None
    distance, found = Levenshtein.distance, []
    for at, end in enumerate(ends):
        if end <= at + 1:
            continue
        x = by_length[at]
        for _choice, apart, offset in process.extract_iter(
            coded[at], coded[at + 1 : end], scorer=distance, score_cutoff=limit
        ):
            y = by_length[at + 1 + offset]
            found.append((x, y, int(apart)) if x < y else (y, x, int(apart)))
    found.sort()
    return found


def _look_up_and_file(
    table: dict[int, list[int]], keys: Collection[int], number: int | None, candidates: set[int]
) -> None:
    """:func:`close_sequences`' look-up in a dict of lists: every sequence filed under
    ``keys`` joins ``candidates``, then ``number`` (unless None) is filed under them."""
    get, update = table.get, candidates.update
    if number is None:
        for key in keys:
            found = get(key)
            if found:
                update(found)
        return
    for key in keys:
        found = get(key)
        if found is None:
            table[key] = [number]
        else:
            update(found)
            found.append(number)


def _every_pair(
    sequences: Sequence[Sequence[str]], numbers: list[int], limit: int
) -> list[tuple[int, int, int]]:
    """:func:`close_sequences` of the ``numbers`` of ``sequences`` (ascending), by
    comparing every two."""
    found = []
    for at, x in enumerate(numbers):
        mine = sequences[x]
        for y in numbers[at + 1 :]:
            distance = word_distance(mine, sequences[y], limit)
            if distance <= limit:
                found.append((x, y, distance))
    return found


def _parts(size: int) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """The pairs of parts of a sequence of ``size`` words, as (kind, length): the
    beginning and the middle (0), the middle and the end (1), both ends (2, the length
    of each)."""
    third = size // 3
    return (0, size - third), (1, size - third), (2, third)


def _filings(lengths: Counter[int], where: tuple[int, int], most: int) -> int:
    """How many keys the sequences of ``lengths`` (a count per length) file under the
    parts ``where`` at most: each part's words with every choice of at most ``most``
    left out."""
    kind, length = where
    words_ = 2 * length if kind == 2 else length
    variants = sum(math.comb(words_, left) for left in range(min(most, words_) + 1))
    # the lengths whose parts these are: n // 3 == length for both ends, else
    # n - n // 3 == length (n is 3 * length // 2, or one less)
    near = 3 * length if kind == 2 else 3 * length // 2 - 1
    filing = [n for n in range(max(near - 2, 1), near + 4) if where in _parts(n)]
    return variants * sum(lengths[n] for n in filing)


def _part_keys(words: tuple[str, ...], where: tuple[int, int], most: int) -> Collection[int]:
    """The filing keys of ``words``' parts ``where`` (see :func:`_parts`): their hashes
    with every choice of at most ``most`` words left out. Hashes that collide only make
    candidates, which are compared exactly."""
    kind, length = where
    if most == 1 and kind != 2:  # the usual case, made quickly: one part, one word out
        part = words[:length] if kind == 0 else words[len(words) - length :]
        # every choice of all words but one, each once (a repeated word gives equal
        # variants, filed twice: harmless), by itertools rather than slicing
        return [h & _KEY_BITS for h in map(hash, combinations(part, length - 1))] + [
            hash(part) & _KEY_BITS
        ]
    head: tuple[str, ...]
    tail: tuple[str, ...]
    if kind == 0:
        head, tail = words[:length], ()
    elif kind == 1:
        head, tail = (), words[len(words) - length :]
    else:
        head, tail = words[:length], words[len(words) - length :] if length else ()
    if most == 1:  # both ends: a word out of the one or the other
        if not length:
            return [hash((head, tail)) & _KEY_BITS]
        return [
            hash((head, tail)) & _KEY_BITS,
            *[hash((h, tail)) & _KEY_BITS for h in combinations(head, length - 1)],
            *[hash((head, t)) & _KEY_BITS for t in combinations(tail, length - 1)],
        ]
    keys = {hash((head, tail)) & _KEY_BITS}
    level = {(head, tail)}
    for _ in range(most):
        level = {
            variant
            for h, t in level
            for variant in chain(
                ((h[:i] + h[i + 1 :], t) for i in range(len(h))),
                ((h, t[:i] + t[i + 1 :]) for i in range(len(t))),
            )
        }
        keys.update(hash(variant) & _KEY_BITS for variant in level)
    return keys


def brute_force_sequences(
    sequences: Sequence[Sequence[str]], limit: int
) -> list[tuple[int, int, int]]:
    """The same result as :func:`close_sequences` by comparing every pair (for tests)."""
    out = []
    for i in range(len(sequences)):
        for j in range(i + 1, len(sequences)):
            if sequences[i] and sequences[j]:
                distance = word_distance(sequences[i], sequences[j], limit)
                if distance <= limit:
                    out.append((i, j, distance))
    return out
