"""Real words in the wrong place: what no dictionary can catch.

A spelling check accepts "Hoping on a live screen share" and "How did this workout?"
because every word exists. These phrase patterns, in the manner of proselint's and
LanguageTool's confusion rules, catch the slips seen in real frameworks. Each pattern
is narrow on purpose: a false alarm in a commit hook costs more than a missed slip.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from pdp_lint import patterns
from pdp_lint.load.document import Document
from pdp_lint.model.framework import TextField
from pdp_lint.model.problem import Fix, Severity
from pdp_lint.rules.base import Context, Finding, Rule
from pdp_lint.rules.textscan import Prose, prose


class Confusion(NamedTuple):
    """A pattern whose group ``slip`` is a real word used in place of ``fix``.

    The pattern (which ignores case) is compiled, and cached by `re`, the first time a
    text may hold it: most runs need none of them.
    """

    pattern: str
    fix: str
    why: str


_AUX = r"(?:did|does|do|will|would|can|could|should|might|must|to|didn['’]t|won['’]t)"

CONFUSIONS: tuple[Confusion, ...] = (
    Confusion(
        r"\b(?P<slip>hoping)(?= (?:on|onto|into|in) (?:a|an|the)\b)",
        "hopping",
        "to hop on a call or a screen share is to join it; hoping is wishing",
    ),
    Confusion(
        rf"\b{_AUX}(?: (?:this|it|that|things|everything))? (?P<slip>workout)\b",
        "work out",
        "the verb is two words (it worked out); a workout is exercise",
    ),
    Confusion(
        r"\b(?:could|should|would|must|might) (?P<slip>of)\b",
        "have",
        "could of is how could've sounds; write could have",
    ),
    Confusion(
        r"\b(?P<slip>loose) (?:track|sight|touch|focus|momentum|customers?)\b",
        "lose",
        "to lose is to stop having; loose is the opposite of tight",
    ),
    Confusion(
        r"\b(?P<slip>[A-Z]{2,4}['’]s)(?= (?:and|or|who|which|that|are|were|have|to)\b)",
        "",  # filled in from the match: KE’s -> KEs
        "a plural takes no apostrophe (KEs); KE’s means belonging to one KE",
    ),
)

#: In lower case, every match of the patterns above holds one of these (the last one as
#: a pattern). Ignoring case, the patterns' letters match only ASCII letters and the
#: Kelvin sign (whose lower case is k), and U+0130, U+0131 and U+017F (dotted and dotless
#: i, long s), which lower case to other letters.
_HINT_WORDS = ("hoping", "workout", "loose ", "ld of", "st of", "ht of")
_HINT_PLURAL = patterns.compile(r"['’]s (?:and|or|who|which|that|are|were|have|to)")
_OTHER_FOLDS = patterns.compile("[\u0130\u0131\u017f]")


def _suspects(found: Prose) -> list[TextField]:
    """The texts the patterns may match in."""
    if found.holds_any(_OTHER_FOLDS):
        return found.texts
    return found.either(
        found.holding(_HINT_WORDS, lowered=True), found.matching(_HINT_PLURAL, lowered=True)
    )


class ConfusedWords(Rule):
    """A real word used in place of another: "hoping on a call", "did this workout".

    ## What it does
    Looks for a short list of phrases where a correctly spelled word is the wrong word:
    "hoping on a screen share" (hopping), "did this workout" (work out), "could of"
    (could have), "loose track" (lose), and acronym plurals written with an apostrophe
    ("contacts KE’s and ...": KEs). The patterns are narrow, so what they report is
    almost always a slip.

    ## Why is this bad?
    Spelling checks cannot see these: every word is in the dictionary. Readers do, and
    a handout with "How did this workout?" reads as careless.

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
        definition: Hoping on a live screen share with a customer when a question is stuck.
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
        definition: Hopping on a live screen share with a customer when a question is stuck.
    ```

    ## Fix safety
    The replacement is offered as an unsafe fix (`--unsafe-fixes`): the phrase is almost
    always a slip, but only a person can be sure of what was meant.
    """

    code = "GR01"
    name = "wording.confused-word"
    groups = ("wording",)
    severity = Severity.WARNING
    fixable = True
    fix_safety = "unsafe"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for field in _suspects(prose(doc, ctx)):
            value = field.value
            for confusion in CONFUSIONS:
                for match in re.finditer(confusion.pattern, value, re.IGNORECASE):
                    start, end = match.span("slip")
                    slip = match.group("slip")
                    fix = confusion.fix or slip[:-2] + "s"
                    if slip[:1].isupper() and fix[:1].islower():
                        fix = fix[:1].upper() + fix[1:]
                    edit = doc.edit(field, start, end, fix)
                    yield Finding(
                        f"`{slip}` is probably a slip for `{fix}`: {confusion.why}",
                        doc.locate(field, start, end),
                        field.path,
                        suggestion=fix,
                        fix=Fix((edit,), safe=False) if edit else None,
                    )


# A word written twice in a row ("the the", "Uses uses"): letters only, separated by
# spaces or tabs (a line break inside a text counts too), compared ignoring case.
@functools.cache
def _repeated() -> re.Pattern[str]:
    # compiled when first needed: a clean check never needs it (start-up)
    return patterns.compile(
        r"(?<![\w'’-])(?P<word>[^\W\d_]+)(?:(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)(?P=word)(?![\w'’-]))+",
        re.IGNORECASE,
    )


#: in lower case, every match of _repeated() is a match of this quicker pattern; the word
#: is taken whole (possessive: a shorter one is never followed by a space), so the
#: search does not try every shorter prefix of every word again, and so are the spaces
#: after it (the word again never starts with one); a look behind and a look ahead,
#: rather than word boundaries, are what the search tests quickest
_REPEATED_HINT = patterns.compile(r"(?<!\w)(\w++)\s++\1(?!\w)")
_SPACES = patterns.compile(r"\s*")
_BLANKS = patterns.compile(r"[ \t]*")
#: doublings that are grammatical: "she had had enough", "he said that that was wrong"
GRAMMATICAL_DOUBLES = frozenset({"had", "that"})


class RepeatedWord(Rule):
    """A word written twice in a row: "the the", "about about", "Uses uses".

    ## What it does
    Finds a word followed, after spaces or a line break only, by the same word (case
    aside), and removes the second one. "had had" and "that that" are left alone: they
    are grammatical ("had had enough", "said that that was wrong"). Words separated by
    punctuation ("that, that") are not repeated words.

    ## Why is this bad?
    A doubled word is a slip made while editing; readers trip over it and a
    spelling check cannot see it, because both words are correct.

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
        definition: Knows the the product and its limits.
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
        definition: Knows the product and its limits.
    ```

    ## Fix safety
    Safe: the second word and the space before it are removed (the space after it when
    the two words are on two lines of the file), so "Uses uses" becomes "Uses" and the
    first word keeps its case. The doublings that can be meant ("had
    had", "that that") are not reported at all.
    """

    code = "GR02"
    name = "wording.repeated-word"
    groups = ("wording",)
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        found = prose(doc, ctx)
        for field in found.matching(_REPEATED_HINT, lowered=True):
            value = field.value
            for match in _repeated().finditer(value):
                word = match.group("word")
                times = len(match.group().split())
                if times == 2 and word.lower() in GRAMMATICAL_DOUBLES:
                    continue
                start, end = match.end("word"), match.end()
                edit = doc.edit(field, start, end, "")
                if edit is None and times == 2:  # the two words are on two lines
                    after = _BLANKS.match(value, end).end()  # type: ignore[union-attr]
                    if after > end:
                        edit = doc.edit(field, end - len(word), after, "")
                second = _SPACES.match(value, start).end()  # type: ignore[union-attr]
                shown = f"`{word} {value[second : second + len(word)]}`"
                how = "twice" if times == 2 else f"{times} times"
                yield Finding(
                    f"`{word}` is written {how} in a row: {shown}; "
                    f"{'remove the second one' if times == 2 else 'keep one'}.",
                    doc.locate(field, match.start("word"), second + len(word)),
                    field.path,
                    suggestion=word,
                    fix=Fix((edit,), safe=True) if edit else None,
                )


# "a" or "an" and the word after it, on one line. The article stands alone: not the
# letter of "Plan A", "a)" or "a/an".
# "a" or "an" not inside a word, a quote, a path or a compound: the letter comes before
# the look behind it, so a search skips quickly to the next "a" instead of looking
# behind every character of the text first
_ARTICLE = patterns.compile(
    r"(?P<article>[Aa](?<![\w'’./&-][Aa])n?)[^\S\n]+(?P<next>[^\W_][\w'’&+-]*)(?P<after>[./:]?\w*)"
)
#: words after which "a" or "A" is not an article ("A and B", "option a or b")
_NOT_AFTER_ARTICLE = frozenset(
    [
        "and",
        "or",
        "of",
        "is",
        "are",
        "in",
        "on",
        "at",
        "as",
        "if",
        "it",
        "its",
        "into",
        "onto",
        "upon",
        "am",
        "an",
        "a",
        "under",
        "until",
        "unless",
        "up",
        "to",
        "was",
        "were",
    ]
)
#: words spelled with a vowel but said with a consonant sound: a user, a one-off
_CONSONANT_SOUND = patterns.compile(
    r"(?:u(?:s[aeu]|ni(?:[^nmd]|di?r)|nan|til|tens|topi|rin|ran|reth|ret|ro[lp]|bi|kr|v[^\W\d_]la)"
    r"|eu|ewe|one(?![\w-]*(?:rous|ness))|once)",
    re.IGNORECASE,
)
#: words spelled with an h that is not said: an hour, an honest
_SILENT_H = patterns.compile(r"(?:hour|honest|hono(?:u)?r|heir)", re.IGNORECASE)
#: words some style guides still write with "an" although their h is said
_OLD_AN_H = patterns.compile(
    r"(?:histor|hotel|heroic|habitual|hypothes|horrific|hilarious|humble|herb)", re.IGNORECASE
)
#: capital letters whose name starts with a vowel sound: an API, an HR partner, an MBA
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
#: acronyms said as words, or said either way, that reading by letter would get wrong
_SAID_AS_WORDS = frozenset(
    [
        "SQL",
        "FAQ",
        "NASA",
        "NATO",
        "EULA",
        "LAN",
        "RAM",
        "ROM",
        "SIM",
        "PIN",
        "SAT",
        "MOOC",
        "SWOT",
        "SCRUM",
        "SMART",
        "SEO",
        "HIPAA",
    ]
)
_HEAD = patterns.compile(r"[A-Z]+")


def _letter_sound(head: str) -> bool | None:
    """Whether an acronym read letter by letter starts with a vowel sound; None when
    it may be said as a word and the two readings disagree (SWOT, NASA)."""
    if head in _SAID_AS_WORDS or head.startswith("EU"):
        return None
    if head[0] not in _VOWEL_LETTERS:
        return False  # B, C, D, ... and U ("a URL"): a consonant either way
    if head[0] in "AEIO":
        return True  # a vowel either way: an API, an OKR
    vowels = "AEIOUY"
    if len(head) > 2 and (head[1] in vowels or (len(head) > 3 and head[2] in vowels)):
        return None  # F, H, L, M, N, R, S, X said as a word: a NATO, a SWOT
    return True


def _vowel_sound(word: str, after: str) -> bool | None:
    """Whether ``word`` starts with a vowel sound (it takes "an"), or None when that
    cannot be told with confidence (then nothing is reported)."""
    if word[0].isdigit():
        digits = ""
        for ch in word:
            if ch.isdigit():
                digits += ch
            elif ch != ",":
                break
        if digits.startswith("8"):
            return True  # eight, eighty, eight hundred
        if digits[:2] in ("11", "18"):
            return True if len(digits) in (2, 5) else None  # eleven, eighteen thousand
        return False
    if not word.isascii() or not word[0].isalpha():
        return None
    single = len(word) == 1 or not word[1].isalpha()
    if word[0].isupper() and single:
        # a letter said alone: an X-ray, an A/B test
        return word[0] in _VOWEL_LETTERS if not after[:1].isalpha() else None
    capitals = _HEAD.match(word)
    if capitals and len(capitals.group()) > 1:
        return _letter_sound(capitals.group())  # KPIs, HTML-based, MSc
    first = word[0].lower()
    if single or word[0] == "U":
        return None  # a lone letter, or a name such as Uber or Unix: said either way
    if first in "aeiou":
        return not _CONSONANT_SOUND.match(word)
    if first == "h":
        if _SILENT_H.match(word):
            return True
        return None if _OLD_AN_H.match(word) else False
    if first in "xy":
        return None if word.lower().startswith(("yt", "yl", "x")) else False
    return False


@lru_cache(maxsize=65536)
def _wrong_article(article: str, word: str, after: str) -> bool | None:
    """Whether ``word`` starts with a vowel sound, when ``article`` does not fit it; None
    when it fits or cannot be told (told once per distinct match: the same words follow
    "a" again and again). "A" as a letter ("Plan A") is told apart by the caller."""
    if word.lower() in _NOT_AFTER_ARTICLE:
        return None
    vowel = _vowel_sound(word, after)
    if vowel is None or vowel == (len(article) == 2):
        return None
    return vowel


class Article(Rule):
    """ "a" before a vowel sound or "an" before a consonant sound: "a 80/20", "an user".

    ## What it does
    Reads the word after each "a" and "an" as it is said: "an hour", "a university",
    "a one-off" and "an 80/20 split" are right, and so are acronyms read letter by
    letter ("an MBA", "an HR partner", "a KPI", "a URL"). Where the sound cannot be
    told with confidence (an acronym that may be said as a word, such as SQL or FAQ,
    or "an historic", which some style guides keep), nothing is reported.

    ## Why is this bad?
    The wrong article is one of the slips readers notice at once, and no spelling
    check sees it: both words are correct.

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
        definition: Proposes a 80/20 solution to an user who is stuck.
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
        definition: Proposes an 80/20 solution to a user who is stuck.
    ```

    ## Fix safety
    Unsafe (applied with `--unsafe-fixes`): the article is replaced keeping its case,
    but how a name or an acronym is said is the author's to confirm.
    """

    code = "GR03"
    name = "wording.article"
    groups = ("wording",)
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        # the texts are searched together: no match holds a line break, so each lies
        # inside one text, as if each text were searched on its own
        found = prose(doc, ctx)
        # most files hold no article that does not fit: the distinct matches, each told
        # once per process, say so without placing any
        if all(
            _wrong_article(*m) is None
            for m in {m for _, piece in found.pieces() for m in _ARTICLE.findall(piece)}
        ):
            return
        searched: dict[int, bool] = {}
        for offset, piece in found.pieces():
            yield from self._matches(doc, found, offset, piece, searched)

    def _matches(
        self, doc: Document, found: Prose, offset: int, piece: str, searched: dict[int, bool]
    ) -> Iterator[Finding]:
        """The findings of the matches in one piece of the prose, which starts at
        ``offset`` of the whole."""
        texts, starts = found.texts, found.starts
        for match in _ARTICLE.finditer(piece):
            article, word, after = match.group("article", "next", "after")
            vowel = _wrong_article(article, word, after)
            if vowel is None:
                continue
            i = bisect_right(starts, offset + match.start()) - 1
            value = texts[i].value
            if i not in searched:
                searched[i] = " a" in value or " A" in value or value.startswith(("a", "A"))
            if not searched[i]:
                continue
            base = starts[i] - offset  # where the text starts in the piece
            if article == "A" and not _sentence_start(value, match.start() - base):
                continue  # "Plan A", "Level A": a letter, not an article
            field = texts[i]
            right = article[0] + ("n" if vowel else "")
            start, end = match.start("article") - base, match.end("article") - base
            edit = doc.edit(field, start, end, right)
            sound = "a vowel" if vowel else "a consonant"
            yield Finding(
                f"`{article} {word}`: write `{right}` before {sound} sound.",
                doc.locate(field, start, match.end("next") - base),
                field.path,
                suggestion=f"{right} {word}",
                fix=Fix((edit,), safe=False) if edit else None,
            )


def _sentence_start(value: str, at: int) -> bool:
    """Whether ``at`` begins a sentence, a text or a bracketed or quoted part."""
    before = value[:at].rstrip()
    return not before or before[-1] in ".!?:;(\"“‘'-–—•*\n"
