"""Real words in the wrong place: what no dictionary can catch.

A spelling check accepts "Hoping on a live screen share" and "How did this workout?"
because every word exists. These phrase patterns, in the manner of proselint's and
LanguageTool's confusion rules, catch the slips seen in real frameworks. Each pattern
is narrow on purpose: a false alarm in a commit hook costs more than a missed slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from pdp_lint.document import Document
from pdp_lint.model import TextField
from pdp_lint.problem import Fix, Severity
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
_HINT_PLURAL = re.compile(r"['’]s (?:and|or|who|which|that|are|were|have|to)")
_OTHER_FOLDS = re.compile("[\u0130\u0131\u017f]")


def _suspects(found: Prose) -> list[TextField]:
    """The texts the patterns may match in."""
    if _OTHER_FOLDS.search(found.joined):
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
