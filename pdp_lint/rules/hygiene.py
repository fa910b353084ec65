r"""Text hygiene: what a careful editor removes before a handout is printed.

Every rule here reads the prose fields of a framework (``Framework.texts()``): intros,
names, definitions, summaries, behaviors, examples, questions, guidance. Positions point
at the exact characters inside the value, whatever the YAML quoting style.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from pdp_lint import patterns
from pdp_lint.load.document import Document
from pdp_lint.model.framework import TextField
from pdp_lint.model.problem import Edit, Fix, Severity
from pdp_lint.rules.base import Context, Finding, Rule
from pdp_lint.rules.textscan import (
    LEAD_CHARACTERS,
    Prose,
    mask_mojibake,
    mojibake_runs,
    prose,
    removal,
)


def _where(text: TextField) -> str:
    """How a message names a text field: ``the intro``, ``behavior `x```."""
    node = text.node
    ident = getattr(node, "id", None)
    if text.kind == "intro":
        return "the intro"
    label = {
        "competency-name": "the name of competency",
        "definition": "the definition of competency",
        "track-name": "the name of track",
        "notice": "the notice of track",
        "role-title": "the title of",
        "role-summary": "the summary of",
        "description": "the description of section",
        "glossary": "the expansion of glossary term",
        "level-summary": "the summary of level",
        "heading": "the title of",
        "guidance-label": "the label of item",
        "probe": "a probe of question",
    }.get(text.kind, text.kind)
    if ident is None:
        ident = getattr(node, "competency", None) or getattr(node, "term", None)
        if ident is None and hasattr(node, "level"):
            ident = str(node.level)
    return f"{label} `{ident}`" if ident else label


def _fix(edit: Edit | None) -> Fix | None:
    return Fix((edit,)) if edit is not None else None


class Mojibake(Rule):
    r"""Text broken by a wrong character encoding ("teamâ€™s" instead of "team’s").

    ## What it does
    Finds runs of characters that are UTF-8 text read as Windows-1252, Windows-1250 or
    Latin-1, such as `â€™` (a curly apostrophe) or `đź”™` (an emoji), and shows the
    intended characters. Only the broken run is reported and replaced.

    ## Why is this bad?
    Readers see gibberish in the middle of a sentence, and the printed handout looks
    careless. It happens when text is copied between tools that disagree on the
    encoding.

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
        definition: "Knows the team\u00e2\u20ac\u2122s tools."
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
        definition: "Knows the team\u2019s tools."
    ```

    ## Fix safety
    Safe: the broken run is replaced by the characters it was meant to be, which is
    what the suggestion shows. No fix is offered where the run is written with escape
    sequences.

    A broken icon standing alone at the start or end of a text (a web page's back-link
    arrow) is reported once, by `TX04` as a stray icon, when that rule is on: the icon
    is to be removed, not repaired.
    """

    code = "TX01"
    name = "text.mojibake"
    groups = ("text",)
    severity = Severity.ERROR
    fixable = True
    #: a broken icon standing alone is a stray icon: TX04 names both and says remove it
    superseded_by = ("TX04",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        found = prose(doc, ctx)
        if not found.holds_any(LEAD_CHARACTERS):
            return
        for text in found.matching(LEAD_CHARACTERS):
            for start, end, repaired in mojibake_runs(text.value):
                broken = text.value[start:end]
                yield Finding(
                    f"{_where(text)} has text broken by a wrong encoding: `{broken}` "
                    f"should read `{repaired}`.",
                    doc.locate(text, start, end),
                    text.path,
                    suggestion=repaired,
                    fix=_fix(doc.edit(text, start, end, repaired)),
                )


_NBSP = {"\u00a0": "non-breaking space", "\u202f": "narrow non-breaking space"}
_NBSP["\u2007"] = "figure space"
#: compiled (and cached by `re`) the first time a text is oddly spaced, as few are
_BLANK_RUN = "[ \t\u00a0\u202f\u2007]+"


#: a blank that is never right inside a text
_ODD_BLANK = patterns.compile("[\t\u00a0\u202f\u2007]")
#: in texts joined by line breaks, what makes a text worth a closer look: a blank other
#: than a space, or a space followed by a space, a line break or the end, or preceded by
#: a line break or the start (one character class first, which the search skips to)
_ODD_SPACING = patterns.compile("[ \t\u00a0\u202f\u2007](?:(?<! )|(?![^ \n])|(?<![^\n] ))")


class Whitespace(Rule):
    """Non-breaking spaces, doubled spaces, or spaces at the start or end of a text.

    ## What it does
    Reports each non-breaking space (U+00A0, U+202F, U+2007), each run of two or more
    spaces, and spaces at the beginning or end of a value, at its exact column.

    ## Why is this bad?
    They come from copying text out of web pages and word processors. Non-breaking
    spaces stop lines from wrapping where they should and make searches and duplicate
    checks miss text that looks identical; doubled and trailing spaces show up as
    uneven gaps in the handouts.

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
        definition: Knows the  product.
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
        definition: Knows the product.
    ```

    ## Fix safety
    Safe: a non-breaking space becomes a normal space, or is removed when it is at the
    start or end of the text or next to another space; doubled spaces become one;
    leading and trailing spaces are removed. Nothing else changes.
    """

    code = "TX02"
    name = "text.whitespace"
    groups = ("text",)
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        found = prose(doc, ctx)
        # most files have nothing to report: a few quick searches of the texts run
        # together tell (a space at the start or end of a text is next to a line break,
        # or starts or ends a piece)
        if not (
            found.holds_any(_ODD_BLANK)
            or any(
                "  " in piece
                or "\n " in piece
                or " \n" in piece
                or piece[:1] == " "
                or piece[-1:] == " "
                for _, piece in found.pieces()
            )
        ):
            return
        # then one search finds the few texts that are oddly spaced
        for text in found.matching(_ODD_SPACING):
            yield from self._check_text(doc, text)

    def _check_text(self, doc: Document, text: TextField) -> Iterator[Finding]:
        value = text.value
        for match in re.finditer(_BLANK_RUN, value):
            s, e = match.span()
            run = match.group()
            nbsp = next((_NBSP[c] for c in run if c in _NBSP), None)
            what = f"a {nbsp}" if nbsp else "a tab" if "\t" in run else "a space"
            if s == 0:
                message, replacement = f"{_where(text)} starts with {what}; remove it.", ""
            elif e == len(value):
                message, replacement = f"{_where(text)} ends with {what}; remove it.", ""
            elif run == " ":
                continue
            elif nbsp:
                message = f"{_where(text)} has {what}; use a normal space."
                replacement = " "
            elif "\t" in run:
                message, replacement = f"{_where(text)} has a tab; use a normal space.", " "
            else:
                message, replacement = f"{_where(text)} has a doubled space; use one space.", " "
            fix = (
                removal(doc, text, s, e) if replacement == "" else doc.edit(text, s, e, replacement)
            )
            yield Finding(message, doc.locate(text, s, e), text.path, fix=_fix(fix))


#: what every match of _DOUBLED holds (a quicker search)
_DOUBLED_HINT = patterns.compile(r"\.[ \t]*\.|,[ \t]*,|;[ \t]*;|::|!!|\?\?")
#: compiled (and cached by `re`) the first time a text matches the hint, as few do
_DOUBLED = (
    r"(?P<abbr>\b(?P<a>[eEiI])\.\.(?P<b>[gGeE])\b\.?)"  # e..g, i..e
    r"|(?<![.\u2026])(?P<dots>\.\.)(?![.\u2026])"  # two full stops, not an ellipsis
    r"|(?<![.\s])(?P<spaced>\.[ \t]+\.)(?![ \t]*\.)"  # ". ." but not ". . ."
    r"|(?P<same>(?P<m1>[,;:!])(?P=m1)+)"  # ,, ;; :: !!
    r"|(?<!\?)(?P<qq>\?\?)(?!\?)"  # ?? (three or more is a placeholder)
    r"|(?P<spacedsame>(?P<m2>[,;])[ \t]+(?P=m2))"  # ", ,"
)


class DoubledPunctuation(Rule):
    """A punctuation mark typed twice: "e..g", ",,", "!!", "??", ". .".

    ## What it does
    Reports doubled full stops, commas, semicolons, colons, exclamation and question
    marks, and a full stop repeated after a space. An ellipsis ("..." or "…") is not
    reported. "etc.." is reported: the abbreviation's full stop also ends the sentence.

    ## Why is this bad?
    It reads as a typo, and "e..g" or "etc.." in a career framework undermines the
    care the document asks of its readers.

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
        definition: Uses the right tools (e..g chatbots),, every day!!
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
        definition: Uses the right tools (e.g. chatbots), every day...
    ```

    ## Fix safety
    Safe: the extra mark is removed; "e..g" and "i..e" become "e.g." and "i.e.".
    """

    code = "TX03"
    name = "text.doubled-punctuation"
    groups = ("text",)
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for text in prose(doc, ctx).matching(_DOUBLED_HINT, masked=True):
            value = mask_mojibake(text.value)
            for match in re.finditer(_DOUBLED, value):
                s, e = match.span()
                found = match.group()
                if match.group("abbr"):
                    fixed = f"{match.group('a')}.{match.group('b')}."
                elif match.group("spaced") or match.group("spacedsame") or match.group("same"):
                    fixed = found[0]
                else:
                    fixed = found[:-1]
                yield Finding(
                    f"{_where(text)} has doubled punctuation `{found}`; write `{fixed}`.",
                    doc.locate(text, s, e),
                    text.path,
                    suggestion=fixed,
                    fix=_fix(doc.edit(text, s, e, fixed)),
                )


# A whitespace-delimited token standing alone.
_TOKEN = patterns.compile(r"\S+")
_STRAY_SYMBOLS = set("\\^~`|_*#@\u00a7\u00a4")
_KEPT_SYMBOLS = set("\u00a9\u00ae\u2122\u00b0")
_SENTENCE_END = (".", "!", "?")
#: single-character ASCII tokens that may be strays (not "a"; "x" only between numbers)
_ASCII_SINGLES = frozenset("bcdefghijklmnopqrstuvwxyz\\^~`|_*#@")
#: a text ending with a number, as found in the fields run together
_ENDS_WITH_DIGIT = patterns.compile(r"[0-9](?=[^\S\n]*(?:\n|\Z))")


def _is_icon(token: str) -> bool:
    """An emoji or pictograph standing alone (variation selectors allowed)."""
    chars = [c for c in token if c not in "\ufe0f\ufe0e\u200d"]
    return bool(chars) and all(
        unicodedata.category(c) == "So" and c not in _KEPT_SYMBOLS for c in chars
    )


def _may_stray(value: str) -> bool:
    """Whether :meth:`StrayCharacter._strays` may find something in ``value``: an edge
    token (a run of non-space) with a character other than ASCII (an icon, broken
    text), a last token of digits, or a lone letter or symbol."""
    tokens = value.split()
    if not tokens:
        return False
    if not (tokens[0].isascii() and tokens[-1].isascii()) or tokens[-1].isdigit():
        return True
    return any(
        len(t) == 1 and ((t.isalpha() and t.islower()) or t in _STRAY_SYMBOLS) for t in tokens
    )


class StrayCharacter(Rule):
    """A stray character: a lone digit after a sentence, a lone letter, symbol or icon.

    ## What it does
    Reports characters left behind by editing or copying:

    - a lone number after the last sentence ("...successfully. 0");
    - a lone lower-case letter that is not a word ("the x team"), except "a", list
      letters such as "b)" and the "x" of "3 x 4";
    - a lone symbol such as `\\`, `^`, `~`, `|`, `*`, `#`, `@`, `$` or `%`;
    - an emoji or icon standing alone at the start or end of a text, such as the
      back-link arrow a web page puts after its intro, also when it is broken by a
      wrong encoding (`đź”™`).

    "1:1s", "A-Z", "B2B", "15%" and "Level 1" are not stray characters.

    ## Why is this bad?
    The reader stops and wonders what the character means; in a handout it looks like
    a typo. Icons copied from a page (navigation arrows) mean nothing on paper.

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
        definition: Handles customer inquiries successfully. 0
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
        definition: Handles customer inquiries successfully.
    ```
    """

    code = "TX04"
    name = "text.stray-character"
    groups = ("text",)
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for text in self._suspects(prose(doc, ctx)):
            for s, e, what in self._strays(text.value):
                yield Finding(
                    f"{_where(text)} has a stray {what}; remove it or write what was meant.",
                    doc.locate(text, s, e),
                    text.path,
                )

    @staticmethod
    def _suspects(found: Prose) -> list[TextField]:
        """The texts that may have a stray: a lone ASCII letter or symbol, an ASCII text
        ending with a number, or a text with other characters that :func:`_may_stray`
        cannot rule out."""
        texts = found.texts
        singles = not _ASCII_SINGLES.isdisjoint(found.runs)
        # a number ending a line ends a run of non-space: most files have none
        ends = _ENDS_WITH_DIGIT.search(found.runs_text) is not None
        digits = {id(t) for t in found.matching(_ENDS_WITH_DIGIT)} if ends else set()
        return [
            t
            for t in texts
            if (singles and not _ASCII_SINGLES.isdisjoint(t.value.split()))
            or id(t) in digits
            or (not t.value.isascii() and _may_stray(t.value))
        ]

    @staticmethod
    def _strays(value: str) -> Iterator[tuple[int, int, str]]:
        runs = {(s, e): r for s, e, r in mojibake_runs(value)}
        tokens = list(_TOKEN.finditer(value))
        for n, match in enumerate(tokens):
            token = match.group()
            s, e = match.span()
            before = tokens[n - 1].group() if n else ""
            after = tokens[n + 1].group() if n + 1 < len(tokens) else ""
            at_edge = n == 0 or n == len(tokens) - 1
            if token.isdigit():
                if n == len(tokens) - 1 and before.endswith(_SENTENCE_END) and n > 0:
                    yield s, e, f"number `{token}` after the last sentence"
            elif len(token) == 1 and token.islower() and token.isalpha():
                times = token == "x" and before[-1:].isdigit() and after[:1].isdigit()
                if token != "a" and not times:
                    yield s, e, f"letter `{token}`"
            elif len(token) == 1 and token in _STRAY_SYMBOLS:
                yield s, e, f"symbol `{token}`"
            elif at_edge and len(tokens) > 1 and _is_icon(token):
                yield s, e, f"icon `{token}`"
            elif at_edge and len(tokens) > 1 and runs.get((s, e)) and _is_icon(runs[(s, e)]):
                yield s, e, f"icon `{token}` (the `{runs[(s, e)]}` icon, wrongly encoded)"


_PAIRS = {")": "(", "]": "[", "}": "{", "\u201d": "\u201c", "\u2019": "\u2018"}
_OPENERS = set(_PAIRS.values())
_NAMES = {
    "(": "opening bracket `(`",
    ")": "closing bracket `)`",
    "[": "opening bracket `[`",
    "]": "closing bracket `]`",
    "{": "opening brace `{`",
    "}": "closing brace `}`",
    "\u201c": "opening quote `\u201c`",
    "\u201d": "closing quote `\u201d`",
    "\u2018": "opening quote `\u2018`",
    "\u2019": "closing quote `\u2019`",
    '"': 'quote `"`',
    "'": "quote `'`",
}
_LIST_MARK = patterns.compile(r"(?:^|(?<=\s))(?:[a-zA-Z]|\d{1,2})\)")
#: every quote and bracket that unbalanced_marks looks at
_MARKS = patterns.compile("[()\\[\\]{}\u201c\u201d\u2018\u2019\"']")


class Unbalanced(Rule):
    """A quote or bracket that is opened and not closed, or closed and not opened.

    ## What it does
    Checks each text for “double” and ‘single’ curly quotes, straight `"` quotes,
    and `( )`, `[ ]`, `{ }` brackets that have no partner. Apostrophes are understood:
    the `’` of "team’s", "we’re" or "customers’ needs" is not a closing quote. List
    markers such as "a)" and "1)" are not brackets.

    ## Why is this bad?
    A missing quote or bracket leaves the reader unsure where a quotation or aside
    ends; it often means part of the sentence was lost when it was copied.

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
        definition: Uses every tool (feedback form, macros, etc.
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
        definition: Uses every tool (feedback form, macros, etc.)
    ```
    """

    code = "TX05"
    name = "text.unbalanced"
    groups = ("text",)
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for text in prose(doc, ctx).matching(_MARKS, masked=True):
            for index in sorted(unbalanced_marks(mask_mojibake(text.value))):
                mark = text.value[index]
                yield Finding(
                    f"{_where(text)} has an unmatched {_NAMES[mark]}; add its partner or "
                    "remove it.",
                    doc.locate(text, index, index + 1),
                    text.path,
                )


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def unbalanced_marks(value: str) -> list[int]:
    """Indexes of the quotes and brackets of ``value`` that have no partner.

    How many of each mark are open is counted beside the stack, so that whether a mark
    has an opener to close is known at once: searching the stack for it made a text of
    thousands of brackets cost the square of its length."""
    list_marks: set[int] | None = None
    stack: list[int] = []
    bad: list[int] = []
    open_marks: dict[str, int] = {}

    def push(at: int) -> None:
        stack.append(at)
        mark = value[at]
        open_marks[mark] = open_marks.get(mark, 0) + 1

    def pop() -> int:
        at = stack.pop()
        open_marks[value[at]] -= 1
        return at

    def close(opener: str) -> None:
        """Close the innermost ``opener``; the marks opened inside it have no partner."""
        while value[stack[-1]] != opener:
            bad.append(pop())
        pop()

    for mark in _MARKS.finditer(value):
        i = mark.start()
        ch = value[i]
        prev = value[i - 1] if i else " "
        nxt = value[i + 1] if i + 1 < len(value) else " "
        if ch in ("\u2019", "'"):
            opener = "\u2018" if ch == "\u2019" else "'"
            is_open = open_marks.get(opener, 0) > 0
            if _is_letter(prev) and _is_letter(nxt):
                continue  # team’s, we’re
            if ch == "'" and not is_open and not _is_letter(prev) and _is_letter(nxt):
                push(i)  # a straight quote opening
                continue
            if not is_open:
                if _is_letter(prev) or prev in ".!?" or nxt.isdigit():
                    continue  # customers’ needs, ’90s
                bad.append(i)
                continue
            close(opener)
        elif ch == "\u2018":
            push(i)
        elif ch == '"':
            if stack and value[stack[-1]] == '"':
                pop()
            elif prev.isdigit():
                continue  # 15" (inches)
            else:
                push(i)
        elif ch in _OPENERS:
            push(i)
        elif ch in _PAIRS:
            if ch == ")":
                if list_marks is None:
                    list_marks = {m.end() - 1 for m in _LIST_MARK.finditer(value)}
                if i in list_marks or prev in ":;":
                    continue
            opener = _PAIRS[ch]
            if stack and value[stack[-1]] == opener:
                pop()
            elif open_marks.get(opener, 0) > 0:
                close(opener)
            else:
                bad.append(i)
    bad.extend(stack)
    return bad


#: compiled (and cached by `re`) the first time a text holds a hint, as few do
_PLACEHOLDER = (
    # after "a", "the", "any" or "every" the marker is named, not left in: "Fixed a TODO"
    r"(?<!\b[Aa] )(?<!\b[Tt]he )(?<!\b[Aa]ny )(?<!\b[Ee]very )\b(?:TBD|TBC|TODO|FIXME|XXX+)\b"
    r"|(?i:\blorem ipsum\b)"
    r"|(?i:\[\s*(?:insert|add|enter|placeholder|your)\b[^\]]*\])"
    r"|(?i:<\s*(?:insert|add|enter|placeholder)\b[^>]*>)"
    r"|\?{3,}"
)


#: what every match of _PLACEHOLDER holds, but for "lorem" in any case (which matches no
#: letter other than ASCII, even ignoring case)
_PLACEHOLDER_HINTS = ("[", "<", "TBD", "TBC", "TODO", "FIXME", "XXX", "???")


class Placeholder(Rule):
    """Placeholder text left in: TBD, TODO, FIXME, XXX, lorem ipsum, "[insert ...]", "???".

    ## What it does
    Reports the markers writers leave for text still to come. A marker after "a",
    "the", "any" or "every" is a word about such markers ("Fixed a TODO in the
    code"), not one left in, and is not reported.

    ## Why is this bad?
    A published framework must not promise text that was never written; a reader
    cannot act on "TBD".

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
        definition: TBD
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
    """

    code = "TX06"
    name = "text.placeholder"
    groups = ("text",)
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        found = prose(doc, ctx)
        # no hint holds a space: the distinct runs of non-space tell whether any is there
        runs = found.runs_text
        if not any(hint in runs for hint in _PLACEHOLDER_HINTS) and "lorem" not in runs.lower():
            return
        for text in found.either(
            found.holding(_PLACEHOLDER_HINTS), found.holding(("lorem",), lowered=True)
        ):
            for match in re.finditer(_PLACEHOLDER, text.value):
                yield Finding(
                    f"{_where(text)} has placeholder text `{match.group()}`; write the "
                    "real text or remove it.",
                    doc.locate(text, *match.span()),
                    text.path,
                )


def _is_control(ch: str) -> bool:
    cp = ord(ch)
    return (
        (cp < 0x20 and ch not in "\t\n\r")
        or 0x7F <= cp <= 0x9F
        or cp in (0xFFFE, 0xFFFF)
        or 0xD800 <= cp <= 0xDFFF
    )


_CONTROL = patterns.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _runs(value: str, test: object) -> Iterator[tuple[int, int]]:
    """Maximal runs of characters for which ``test`` holds."""
    assert callable(test)
    i = 0
    while i < len(value):
        if test(value, i):
            j = i + 1
            while j < len(value) and test(value, j):
                j += 1
            yield i, j
            i = j
        else:
            i += 1


def _describe(chars: str) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in chars)


class ControlCharacter(Rule):
    r"""A control character that Word cannot store in a document.

    ## What it does
    Reports control characters other than tab and line breaks (U+0000 to U+001F,
    U+007F to U+009F), the non-characters U+FFFE and U+FFFF, and lone surrogates. In
    YAML they can only be written as escapes such as `"\x07"` in double quotes; one
    written raw (pasted from a terminal, say) is not allowed in YAML at all, and is
    reported and removed here all the same, wherever it is in the file.

    ## Why is this bad?
    They are invisible, and Word refuses to save a document that contains them, so the
    handout cannot be built.

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
        name: "Know\x08ledge"
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
    ```

    ## Fix safety
    Safe: the characters (their escape sequences) are removed.
    """

    code = "TX07"
    name = "text.control-character"
    groups = ("text",)
    severity = Severity.ERROR
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        from pdp_lint.model.framework import TextField

        fw = doc.framework
        # the framework's title and team are printed on every handout, though no prose
        # rule reads them: a control character there breaks the export as well
        heads = [TextField(fw, "title", fw.title, "the framework's title")]
        heads.append(TextField(fw.owner, "team", fw.owner.team, "the owner team"))
        found = prose(doc, ctx)
        texts = found.matching(_CONTROL) if found.holds_any(_CONTROL) else []
        texts += [t for t in heads if _CONTROL.search(t.value)]
        for text in texts:
            value = text.value
            for s, e in _runs(value, lambda v, i: _is_control(v[i])):
                yield Finding(
                    f"{_where(text)} has a control character ({_describe(value[s:e])}) "
                    "that Word cannot store; remove it.",
                    doc.locate(text, s, e),
                    text.path,
                    fix=_fix(removal(doc, text, s, e)),
                )


_INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
    "\u00ad": "soft hyphen",
    "\u061c": "Arabic letter mark",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
}


_INVISIBLE_CHARACTER = patterns.compile(f"[{''.join(_INVISIBLE)}]")


def _is_invisible(value: str, i: int) -> bool:
    ch = value[i]
    if ch not in _INVISIBLE:
        return False
    prev = value[i - 1] if i else ""
    nxt = value[i + 1] if i + 1 < len(value) else ""
    if ch == "\u200d" and prev and nxt and not prev.isascii() and not nxt.isascii():
        return False  # joins an emoji sequence or letters of a joining script
    return not (ch == "\u200c" and prev.isalpha() and nxt.isalpha() and not prev.isascii())


class InvisibleCharacter(Rule):
    r"""An invisible character: zero-width space, soft hyphen, direction mark.

    ## What it does
    Reports zero-width spaces, joiners and non-joiners, word joiners, byte-order marks
    inside text, soft hyphens, and the marks that change the direction of text
    (left-to-right and right-to-left marks, embeddings, overrides and isolates). A
    zero-width joiner inside an emoji sequence is not reported.

    ## Why is this bad?
    Nobody can see them, yet they break searches, spell checks and duplicate checks,
    and direction marks can make text display differently from what it says.

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
        name: "Know\u200bledge"
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
    ```

    ## Fix safety
    Safe: the invisible characters are removed; the visible text does not change.
    """

    code = "TX08"
    name = "text.invisible-character"
    groups = ("text", "security")
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        found = prose(doc, ctx)
        if not found.holds_any(_INVISIBLE_CHARACTER):
            return
        for text in found.matching(_INVISIBLE_CHARACTER):
            value = text.value
            for s, e in _runs(value, _is_invisible):
                names = sorted({_INVISIBLE[c] for c in value[s:e]})
                yield Finding(
                    f"{_where(text)} has an invisible {' and '.join(names)} "
                    f"({_describe(value[s:e])}); remove it.",
                    doc.locate(text, s, e),
                    text.path,
                    fix=_fix(removal(doc, text, s, e)),
                )


#: the separators Unicode has for a new line and a new paragraph inside text
_SEPARATORS = {"\u2028": "line separator", "\u2029": "paragraph separator"}
_SEPARATOR = patterns.compile("[\u2028\u2029]")


def _is_separator(value: str, i: int) -> bool:
    return value[i] in _SEPARATORS


class LineSeparator(Rule):
    r"""A line or paragraph separator (U+2028, U+2029) inside a text.

    ## What it does
    Reports the Unicode line separator (U+2028) and paragraph separator (U+2029) in
    any text. They come with text pasted from word processors, web pages and chat tools,
    where they end a line without ending the paragraph.

    ## Why is this bad?
    Programs disagree on them: a browser shows a space, Word and some editors a new
    line, YAML 1.1 tools read a line break and a terminal may show nothing at all. The
    same behavior reads differently in the site, the handouts and the editor, and a
    separator between two letters splits the word for the spelling checks.

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
        definition: "Knows the product.\u2028Explains it."
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
        definition: "Knows the product. Explains it."
    ```

    ## Fix safety
    Safe: each run of separators becomes one space, or goes where a space or the end
    of the text is next to it. None is offered where the space would follow a colon in
    an unquoted text (`Scope: teams` would start a mapping): quote the text, or remove
    the character by hand. Where a new line is meant, write two texts instead.
    """

    code = "TX09"
    name = "text.line-separator"
    groups = ("text",)
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        found = prose(doc, ctx)
        if not found.holds_any(_SEPARATOR):
            return
        for text in found.matching(_SEPARATOR):
            value = text.value
            for s, e in _runs(value, _is_separator):
                names = sorted({_SEPARATORS[c] for c in value[s:e]})
                # a space where the separator stood between two words; nothing where a
                # space or an end of the text is already next to it
                spaced = s > 0 and e < len(value)
                spaced = spaced and not value[s - 1].isspace() and not value[e].isspace()
                place = doc.place(text, s, e)
                if place.exact:  # none where a space would make ": " or " #" in plain text
                    edit = place.edit(" " if spaced else "")
                else:  # written as escapes ("\u2028"): their source replaced
                    gone = removal(doc, text, s, e)
                    edit = Edit(gone.start, gone.end, " ") if gone and spaced else gone
                yield Finding(
                    f"{_where(text)} has a {' and a '.join(names)} ({_describe(value[s:e])}), "
                    "which some programs show as a new line and others as a space; "
                    f"{'replace it with a space' if spaced else 'remove it'}.",
                    doc.locate(text, s, e),
                    text.path,
                    fix=_fix(edit),
                )
