"""Decide whether a word is spelled right and rank corrections for one that is not.

Corrections are the known words one edit away (a letter deleted, inserted, replaced, or
two neighbours swapped), or failing that two edits away among words sharing the first
two letters. They are ranked by a score in the manner of a noisy-channel model: the
word's Zipf frequency (how common it is in English, a base-10 logarithm from about 1 to
7), plus the logarithm of how likely the slip is, plus 1 when the framework files already
use the word elsewhere; the other locale's spellings are never offered. Dropping a letter
and swapping two are the commonest slips (score 0); an extra or wrong letter is likely
when it doubles a neighbour or (a wrong letter) sits next to the intended key (-0.3), a
little less when an extra letter sits next to its neighbour's key (-0.6), and otherwise
is one of 25 letters that could have been hit (-1.4); a slip on the first letter is
rarer still (-0.5 more).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import NamedTuple

import msgspec

from pdp_lint.language.lexicon import GB, US, Lexicon
from pdp_lint.language.tokens import match_case, strip_possessive

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: score a vocabulary term gets when the word list has no frequency for it
_VOCABULARY_FREQUENCY = 3.0
_CONTEXT_BONUS = 1.0
_FIRST_LETTER_PENALTY = 0.5
_UNLIKELY_SLIP = -1.4  # log10(1/25): one letter of the 25 others
_NEIGHBOUR_SLIP = -0.3
#: an extra letter beside the key next to it, rather than a doubled one
_EXTRA_KEY_SLIP = -0.6
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
#: a correction is confident when it beats the next one by this much (30x as likely)
_CONFIDENT_MARGIN = 1.5
#: ... and is at least this common (Zipf), or used elsewhere in the framework files
_CONFIDENT_FREQUENCY = 3.0


#: a word no dictionary has is taken for a slip of a dictionary word one edit away
#: when that word is this much more common (Zipf, times ten: 15 is 30 times as common);
#: measured on codespell's list of common misspellings and on the accuracy corpus
#: (benchmarks/accuracy): backend (2.9) is not backed (4.3), recieve (2.8) is receive (4.9)
SLIP_GAP = 15
#: prefixes and endings that make new words of dictionary words (timebox, runbooks,
#: offboarding, siloing, mergeable); a word made so is a coinage, not a slip
_PREFIXES = (
    "anti",
    "auto",
    "co",
    "counter",
    "cross",
    "de",
    "inter",
    "micro",
    "mid",
    "multi",
    "non",
    "off",
    "on",
    "out",
    "over",
    "post",
    "pre",
    "re",
    "self",
    "sub",
    "super",
    "un",
    "under",
    "up",
)
_ENDINGS = ("s", "es", "ed", "ing", "able", "er", "ers", "ness", "ly")


#: a coinage (siloing) may be one edit from a word rarer than this (soloing, Zipf 2.3);
#: devtoes is a slip of devotes (2.8)
_COMMON_BAND = 25


#: a word found in English text is not taken for a slip of a word rarer than this
#: (Zipf 3, once in a million words): bazel is not a slip of bezel
_RARE_BAND = 30


class Slip(NamedTuple):
    """The dictionary word an unknown word is taken to be a slip of."""

    word: str
    #: its frequency band (Zipf times ten)
    band: int
    #: by how much it is more common than the slip needs
    margin: int


class Candidate(NamedTuple):
    """A correction of an unknown word: its edit distance and its score."""

    word: str
    distance: int
    score: float


#: words up to this length are always given suggestions without asking how long the
#: longest entry is (English words stop at about 45 letters)
_LONG_WORD = 30


class Verdict(NamedTuple):
    """Corrections for an unknown word, best first; ``confident`` if the first is sure."""

    candidates: tuple[Candidate, ...]
    confident: bool

    @property
    def best(self) -> str | None:
        return self.candidates[0].word if self.candidates else None

    @property
    def clear(self) -> bool:
        """Whether one correction one edit away stands out: the only one, or at least
        30 times as likely as the next."""
        ranked = self.candidates
        if not ranked or ranked[0].distance > 1:
            return False
        return len(ranked) == 1 or ranked[0].score - ranked[1].score >= _CONFIDENT_MARGIN


class Vocabulary(msgspec.Struct, eq=False):
    """Accepted terms: a lower-case term matches any case, one with capitals only itself."""

    exact: set[str] = msgspec.field(default_factory=set)
    folded: set[str] = msgspec.field(default_factory=set)

    def add(self, term: str) -> None:
        term = term.replace("’", "'")
        if term == term.lower():
            self.folded.add(term)
        else:
            self.exact.add(term)

    def __contains__(self, word: str) -> bool:
        return word in self.exact or word.lower() in self.folded


def read_vocabulary(text: str, into: Vocabulary) -> None:
    """Add the terms of a vocabulary file: one a line, ``#`` starts a comment; a
    byte-order mark (some Windows editors write one) is not part of the first term."""
    for line in text.removeprefix("\ufeff").splitlines():
        term = line.split("#", 1)[0].strip()
        if term:
            into.add(term)


class Speller(msgspec.Struct, eq=False):
    """Spelling checks and corrections over the word list and a vocabulary."""

    lexicon: Lexicon
    vocabulary: Vocabulary
    #: gives the lower-case words the framework files use, favoured as corrections;
    #: called the first time a correction is needed
    context_source: Callable[[], AbstractSet[str]] | None = None
    _context: AbstractSet[str] | None = None
    _known: dict[str, bool] = msgspec.field(default_factory=dict)
    _foreign_forms: dict[str, frozenset[str]] = msgspec.field(default_factory=dict)
    _verdicts: dict[tuple[str, str], Verdict] = msgspec.field(default_factory=dict)
    _by_prefix: dict[str, tuple[list[str], list[str]]] = msgspec.field(default_factory=dict)
    _slips: dict[tuple[str, bool], Slip | None] = msgspec.field(default_factory=dict)
    _common: dict[tuple[str, bool], bool] = msgspec.field(default_factory=dict)
    _near: dict[tuple[str, bool], tuple[set[str], dict[str, str], frozenset[str]]] = msgspec.field(
        default_factory=dict
    )

    @property
    def context(self) -> AbstractSet[str]:
        if self._context is None:
            source = self.context_source
            self._context = source() if source is not None else frozenset()
        return self._context

    def _longest_term(self) -> int:
        vocabulary = self.vocabulary.exact | self.vocabulary.folded
        return max(self.lexicon.longest(), max(map(len, vocabulary), default=0))

    def known(self, word: str) -> bool:
        """True when ``word`` is an English word in either locale or an accepted term."""
        cached = self._known.get(word)
        if cached is None:
            cached = self._lookup(word)
            if not cached:
                base = strip_possessive(word)
                cached = base != word and self._lookup(base)
            self._known[word] = cached
        return cached

    def _lookup(self, word: str) -> bool:
        word = word.replace("’", "'")
        if word in self.vocabulary:
            return True
        lower = word.lower()
        if self.lexicon.has(lower):
            return True
        return word != lower and self.lexicon.has(word)

    def slip_of(self, word: str) -> Slip | None:
        """The dictionary word one edit from ``word`` that ``word`` is most clearly a slip
        of: one more common than ``word`` by at least :func:`slip_gap`. None when no word
        one edit away is that much more common."""
        lower = word.replace("’", "'").lower()
        if len(lower) > _LONG_WORD:
            return None  # no English word is that long: nothing it could be a slip of
        capital = word[:1].isupper()
        key = (lower, capital)
        if key in self._slips:
            return self._slips[key]
        own = self.lexicon.frequency(lower)
        hits, titled, _ = self._one_edit(lower, capital)
        best: Slip | None = None
        for hit in hits:
            entry = self.lexicon.entry(hit)
            if entry is None:
                continue
            gap = slip_gap(lower, titled.get(hit, hit))
            if own and entry.band < _RARE_BAND:
                continue  # a word found in English text is no slip of a rare one (bazel)
            margin = entry.band - own - gap
            if margin >= 0 and (best is None or margin > best.margin):
                best = Slip(entry.word, entry.band, margin)
        self._slips[key] = best
        return best

    def _one_edit(
        self, lower: str, capital: bool
    ) -> tuple[set[str], dict[str, str], frozenset[str]]:
        """The entries one edit from ``lower`` (as :meth:`Lexicon.known_among` gives
        them, in its order), the lower-case edit of each of these and of the vocabulary
        terms that is one capitalised, and the vocabulary's terms one edit away.

        A lower-case word is rarely a slip of a name (bazel is no Basel): names are
        looked among only for a capitalised word. Worked out once per word, for both
        :meth:`slip_of` and :meth:`suggest`: the edits of a word are hundreds of strings.
        """
        key = (lower, capital)
        cached = self._near.get(key)
        if cached is None:
            edits = edit_strings(lower)
            titled = {c[:1].upper() + c[1:]: c for c in edits} if capital else {}
            pool = edits.keys() | titled.keys()
            hits = self.lexicon.known_among(pool)
            terms = frozenset(pool & (self.vocabulary.exact | self.vocabulary.folded))
            found = {h: titled[h] for h in (*hits, *terms) if h in titled}
            cached = self._near[key] = (hits, found, terms)
        return cached

    def likely_slip(self, word: str) -> bool:
        """Whether ``word`` (not in the dictionary) is one edit from a much more common
        dictionary word than itself: a misspelling rather than a term of its own."""
        return self.slip_of(word) is not None

    def common(self, word: str) -> bool:
        """Whether an unknown ``word`` is a word all the same: common in English text
        (wordfreq) and not a slip of a much more common word, a plural of such a word, a
        name written in lower case (a service called zelda), or made of dictionary words
        (timebox, runbooks, offboarding, siloing) and not a slip of a common word."""
        lower = word.replace("’", "'").lower()
        if not lower.isalpha() or len(lower) > _LONG_WORD:
            return False
        key = (lower, word[:1].isupper())
        cached = self._common.get(key)
        if cached is None:
            cached = self._common[key] = self._is_common(word, lower)
        return cached

    def _is_common(self, word: str, lower: str) -> bool:
        if len(lower) > 4 and lower[-1] == "s" and lower[-2] not in "su'":
            stem = lower[:-1]
            if self.lexicon.has(stem) or self.common(stem):
                # a plural the dictionary lacks (onboards, offsites, protos), unless it is
                # a slip of a word much more common than its stem (metings, meetings)
                slip = self.slip_of(word)
                stem_band = self.lexicon.frequency(stem)
                if slip is None or slip.word.lower() == stem or slip.band <= stem_band + 20:
                    return True
        if word == lower and self.lexicon.has(lower[:1].upper() + lower[1:]):
            return True  # a name written in lower case, as brands and services often are
        frequent = self.lexicon.frequency(lower) > 0
        coined = self._coined(lower)
        if not frequent and not coined:
            return False  # nothing speaks for it: no need to look for what it is a slip of
        slip = self.slip_of(word)
        if slip is not None:
            # a coinage may sit one edit from a rare word (siloing, soloing)
            return slip.band < _COMMON_BAND and coined
        return True

    def _coined(self, lower: str) -> bool:
        """Whether ``lower`` is two dictionary words of three letters or more joined, or a
        dictionary word with a common prefix or ending added (and, when the ending
        follows a final e or a doubled consonant, those restored)."""
        has = self.lexicon.has
        for prefix in _PREFIXES:
            rest = lower[len(prefix) :]
            if lower.startswith(prefix) and len(rest) >= 3 and has(rest):
                return True
        for ending in _ENDINGS:
            stem = lower[: -len(ending)]
            if lower.endswith(ending) and len(stem) >= 3:
                if has(stem) or has(stem + "e") or (stem[-1] == stem[-2:-1] and has(stem[:-1])):
                    return True
                if ending in ("s", "es") and self._coined(stem):
                    return True
        return any(has(lower[:i]) and has(lower[i:]) for i in range(3, len(lower) - 2))

    def suggest(self, word: str, locale: str = "en-US") -> Verdict:
        """Corrections for the unknown ``word``, in its capitalisation (worked out once
        per word and locale)."""
        cached = self._verdicts.get((word, locale))
        if cached is not None:
            return cached
        if len(word) > _LONG_WORD and len(word) > self._longest_term() + 2:
            # no entry is within two edits of it (and building every edit of a very
            # long token would take minutes): nothing to suggest
            self._verdicts[(word, locale)] = verdict = Verdict((), False)
            return verdict
        lower = word.replace("’", "'").lower()
        prefer = GB if locale == "en-GB" else US
        found: dict[str, Candidate] = {}
        capital = word[:1].isupper()

        def consider(spelling: str, distance: int, slip: float) -> None:
            score = self._score(spelling, prefer, capital)
            if score is None:
                return
            shown, value = score
            value += slip
            old = found.get(shown)
            if old is None or (distance, -value) < (old.distance, -old.score):
                found[shown] = Candidate(shown, distance, value)

        consider(lower[:1].upper() + lower[1:], 1, 0.0)  # london -> London
        # the order does not count: a spelling keeps the best of its scores
        entries, titled, terms = self._one_edit(lower, capital)
        for candidate in entries | terms if terms else entries:
            consider(candidate, 1, slip(lower, titled.get(candidate, candidate)))
        if not found and len(lower) >= 5:
            spellings, lowered = self._starting(lower[:2])
            for index in within_two_edits(lower, lowered):
                consider(spellings[index], 2, 2 * _UNLIKELY_SLIP)
        ranked = sorted(found.values(), key=lambda c: (c.distance, -c.score, c.word))
        ranked = [Candidate(match_case(word, c.word), c.distance, c.score) for c in ranked]
        verdict = Verdict(tuple(ranked), self._confident(lower, ranked))
        self._verdicts[(word, locale)] = verdict
        return verdict

    def _starting(self, prefix: str) -> tuple[list[str], list[str]]:
        """The words starting with ``prefix`` (lower case), and their lower-case forms."""
        cached = self._by_prefix.get(prefix)
        if cached is None:
            spellings = self.lexicon.spellings_starting(prefix)
            cached = self._by_prefix[prefix] = (spellings, [w.lower() for w in spellings])
        return cached

    def _score(self, spelling: str, prefer: str, capital: bool) -> tuple[str, float] | None:
        """(word as it should be written, score) if ``spelling`` is a known word."""
        entry = self.lexicon.entry(spelling)
        titled = spelling[:1].upper() + spelling[1:]
        if entry is None and capital and spelling == spelling.lower():
            entry = self.lexicon.entry(titled)
        low = spelling.lower()
        context = _CONTEXT_BONUS if low in self.context else 0.0
        if entry is None:
            for form in (spelling, titled):
                if form in self.vocabulary:
                    return form, _VOCABULARY_FREQUENCY + context
            return None
        if (entry.locale and entry.locale != prefer) or low in self._foreign(prefer):
            return None  # never suggest the other locale's spelling (Strategise in en-US)
        return entry.word, entry.band / 10 + context

    def _foreign(self, prefer: str) -> frozenset[str]:
        """Spellings of variant pairs that are wrong in the locale ``prefer``."""
        cached = self._foreign_forms.get(prefer)
        if cached is None:
            pairs = self.lexicon.pairs
            if prefer == GB:
                cached = frozenset(p.us for p in pairs if p.us_wrong_in_gb)
            else:
                cached = frozenset(p.gb for p in pairs if p.gb_wrong_in_us)
            self._foreign_forms[prefer] = cached
        return cached

    def _confident(self, typo: str, ranked: list[Candidate]) -> bool:
        if not ranked or ranked[0].distance > 1:
            return False
        top = ranked[0]
        low = top.word.lower()
        if low == typo or typo == low + "s":
            # a change of capitals only (monday -> Monday) may undo a brand's spelling,
            # and a word plus "s" is more often a plural the dictionary lacks (webinars)
            return False
        common = top.word.lower() in self.context or top.score >= _CONFIDENT_FREQUENCY
        if len(ranked) == 1:
            return common
        return common and top.score - ranked[1].score >= _CONFIDENT_MARGIN


def _keyboard_pairs() -> frozenset[tuple[str, str]]:
    """Pairs of keys next to each other (or diagonally) on a QWERTY keyboard."""
    pairs = set()
    for r, row in enumerate(_KEYBOARD):
        for i, a in enumerate(row):
            for rr in (r - 1, r, r + 1):
                if 0 <= rr < len(_KEYBOARD):
                    for j in (i - 1, i, i + 1):
                        if 0 <= j < len(_KEYBOARD[rr]) and (rr, j) != (r, i):
                            pairs.add((a, _KEYBOARD[rr][j]))
    return frozenset(pairs)


_NEIGHBOURS = _keyboard_pairs()


def _neighbours(a: str, b: str) -> bool:
    return (a, b) in _NEIGHBOURS


_VOWELS = frozenset("aeiouy")


def slip_gap(word: str, candidate: str) -> int:
    """How much more common (Zipf times ten) ``candidate`` must be than ``word``, one edit
    from it, for ``word`` to be taken for its misspelling: :data:`SLIP_GAP` for the
    likely slips (a letter dropped or doubled, two swapped, a vowel for a vowel, a key
    next to the right one), 10 more for an unlikely letter, 10 more at the first letter,
    where writers rarely slip (Jira is not Ira, Pingdom is not kingdom)."""
    gap = SLIP_GAP
    low = candidate.lower()
    n = min(len(word), len(low))
    first = next((i for i in range(n) if word[i] != low[i]), n)
    if first == 0:
        gap += 10
    if len(low) == len(word) and first < n and word[first + 1 :] == low[first + 1 :]:
        a, b = word[first], low[first]
        if not ({a, b} <= _VOWELS or _neighbours(a, b)):
            gap += 10
    elif len(low) + 1 == len(word):  # an extra letter: likely beside its double or key
        i = first
        near = {word[i - 1] if i else "", word[i + 1] if i + 1 < len(word) else ""}
        if not any(word[i] == x or (x and _neighbours(word[i], x)) for x in near):
            gap += 10
    return gap


def edit_strings(word: str) -> dict[str, None]:
    """The strings of :func:`edits1`, in its order, without working out the slips."""
    n = len(word)
    inserted = [word[:i] + c + word[i:] for i in range(n + 1) for c in _LETTERS]
    swapped = [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(n - 1)]
    changed = [
        edit
        for i in range(n)
        for edit in [word[:i] + word[i + 1 :]]
        + [word[:i] + c + word[i + 1 :] for c in _LETTERS if c != word[i]]
    ]
    out = dict.fromkeys(inserted)
    out.update(dict.fromkeys(swapped))
    out.update(dict.fromkeys(changed))
    out.pop(word, None)
    return out


def slip(word: str, candidate: str) -> float:
    """The log-likelihood :func:`edits1` gives ``candidate``, one slip from ``word``: the
    likeliest of the slips that turn it into ``word``."""
    n = len(word)
    best = -99.0

    def take(value: float, at: int) -> None:
        nonlocal best
        if at == 0:
            value -= _FIRST_LETTER_PENALTY
        best = max(best, value)

    if len(candidate) == n + 1:  # the writer dropped a letter
        for i in range(n + 1):
            if candidate[i] in _LETTERS and candidate[:i] + candidate[i + 1 :] == word:
                take(0.0, i)
    elif len(candidate) == n:
        differ = [i for i in range(n) if word[i] != candidate[i]]
        if len(differ) == 2 and differ[1] == differ[0] + 1:  # the writer swapped two
            i = differ[0]
            if word[i] == candidate[i + 1] and word[i + 1] == candidate[i]:
                take(0.0, i)
        if len(differ) == 1 and candidate[differ[0]] in _LETTERS:  # hit the wrong key
            i = differ[0]
            take(_NEIGHBOUR_SLIP if _neighbours(word[i], candidate[i]) else _UNLIKELY_SLIP, i)
    elif len(candidate) == n - 1:  # the writer typed an extra letter
        for i in range(n):
            if word[:i] + word[i + 1 :] == candidate:
                typed = word[i]
                near = {word[i - 1] if i else "", word[i + 1] if i + 1 < n else ""}
                doubled = typed in near
                extra = doubled or any(x and _neighbours(typed, x) for x in near)
                take(
                    _NEIGHBOUR_SLIP if doubled else _EXTRA_KEY_SLIP if extra else _UNLIKELY_SLIP, i
                )
    return best


def edits1(word: str) -> dict[str, float]:
    """Every string one slip away from ``word``, with the log-likelihood of the slip.

    The slips are those that turn the returned string into ``word``: a dropped letter
    (the string has one more), swapped neighbours, a wrong letter, an extra letter.
    """
    out: dict[str, float] = {}

    def add(candidate: str, slip: float, at: int) -> None:
        if at == 0:
            slip -= _FIRST_LETTER_PENALTY
        if candidate != word and out.get(candidate, -99.0) < slip:
            out[candidate] = slip

    n = len(word)
    for i in range(n + 1):
        for c in _LETTERS:  # the writer dropped ``c``
            add(word[:i] + c + word[i:], 0.0, i)
    for i in range(n - 1):  # the writer swapped two letters
        add(word[:i] + word[i + 1] + word[i] + word[i + 2 :], 0.0, i)
    for i in range(n):
        typed = word[i]
        near = {word[i - 1] if i else "", word[i + 1] if i + 1 < n else ""}
        # the writer typed an extra letter: likely when it doubles or neighbours another
        doubled = typed in near
        extra = doubled or any(x and _neighbours(typed, x) for x in near)
        add(
            word[:i] + word[i + 1 :],
            _NEIGHBOUR_SLIP if doubled else _EXTRA_KEY_SLIP if extra else _UNLIKELY_SLIP,
            i,
        )
        for c in _LETTERS:  # the writer hit ``typed`` instead of ``c``
            if c != typed:
                slip = _NEIGHBOUR_SLIP if _neighbours(typed, c) else _UNLIKELY_SLIP
                add(word[:i] + c + word[i + 1 :], slip, i)
    return out


def within_two_edits(word: str, choices: list[str]) -> list[int]:
    """Indexes of the ``choices`` at most two edits from ``word``, in order.

    The distance is the optimal string alignment distance: a letter inserted, deleted or
    replaced, or two neighbours swapped, each count as one edit.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    hits = process.extract(word, choices, scorer=OSA.distance, score_cutoff=2, limit=None)
    return sorted(index for _, _, index in hits)
