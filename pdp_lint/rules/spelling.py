"""Spelling rules: words that are not words (SP01) and mixed US/GB spellings (SP02).

Choice of word list: the Hunspell en_US (SCOWL) and en_GB (LibreOffice) dictionaries,
expanded into every accepted form, with wordfreq frequencies and breame's US/GB pairs,
precomputed by ``scripts/build_spelling_data.py`` into ``pdp_lint/data/spelling/words.txt``
(2.3 MB of plain text, 169,000 words). Measured alternatives, per process: pyspellchecker
loads in 0.15 s and symspellpy in 0.7 s, and neither knows US from GB spelling;
spylls/phunspell (Hunspell in Python) read a dictionary in 0.45 s and take 0.13 s per
suggestion; codespell only knows typos someone listed. The precomputed file opens in a
few milliseconds (see pdp_lint/language/lexicon.py) and nothing spelling-related is
imported until one of these rules runs; none of those libraries is needed at run time.

Work is done once per distinct word: a quick regular-expression pass collects the words
of each text, each distinct word is judged once per run, and only a text holding a word
to report is tokenized exactly (URLs, numbers, possessives) to place the finding.
Suggestions, and the set of words the framework files use that ranks them, are computed
only when there is something to report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import msgspec

from pdp_lint import patterns
from pdp_lint.language.tokens import is_acronym, is_product_like, lower
from pdp_lint.model.problem import Edit, Fix, Severity
from pdp_lint.rules.base import Context, Finding, Rule, corpus_fact
from pdp_lint.rules.textscan import RUNS, prose

if TYPE_CHECKING:
    from pdp_lint.language.lexicon import VariantPair
    from pdp_lint.language.speller import Speller, Verdict
    from pdp_lint.language.tokens import Token
    from pdp_lint.load.document import Document, Place
    from pdp_lint.model.framework import Framework


def _words(value: str) -> Iterator[Token]:
    from pdp_lint.language.tokens import words

    return words(value)


#: a quick pass that over-approximates the words of a text (it skips #channels and
#: @mentions, but not URLs and the like); a text is tokenized exactly only when this
#: finds something to report. The first letter comes before the look behind it (at
#: the letter and the character before it), so that a search skips to the next letter
#: instead of looking behind every character first; it matches what
#: ``(?<![#@])[^\W\d_]+(?:['’][^\W\d_]+)*`` matches
_QUICK_WORDS = patterns.compile(r"[^\W\d_](?<![#@].)[^\W\d_]*(?:['’][^\W\d_]+)*")
#: a run of non-space that spelling never reads (see pdp_lint.language.tokens)
_SKIPPED_RUN = patterns.compile(r"^[(\[\"'“‘]*#|@|://|www\.")
_QUICK_LETTERS = patterns.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def _checkable(word: str) -> bool:
    """Whether a token is prose to spell-check rather than an acronym or a name."""
    if is_acronym(word) or is_product_like(word):
        return False
    # English words use ASCII and Latin-1 letters (café); anything else is another
    # script or broken characters, which other rules report
    return word.isascii() or all(ch.isascii() or 0xC0 <= ord(ch) < 0x250 for ch in word)


def _union(sets: list[AbstractSet[str]]) -> AbstractSet[str]:
    # adds to the first set when it is the mutable result of an earlier merge, so a
    # check of many files can fold their facts as it goes (see corpus_fact)
    first = sets[0] if sets else None
    total: set[str] = first if isinstance(first, set) else set()
    for found in sets[1:] if total is first else sets:
        total.update(found)
    return total


def _context(ctx: Context) -> frozenset[str]:
    """The words of the corpus, lower-cased: words the project uses rank first among
    suggestions. Read from the corpus's run counts (letters never span a space); a
    misspelling is never a candidate correction, so no lookups are needed."""

    def build() -> frozenset[str]:
        runs: Counter[str] = ctx.merged(RUNS)
        return frozenset(_QUICK_LETTERS.findall(lower("\n".join(runs))))

    found: frozenset[str] = ctx.memo("spelling.context", build)
    return found


#: distinct runs whose answer :func:`_holds_any` keeps for the rest of a run, at most
_KEPT_RUNS = 200_000


class _RunAnswers:
    """The distinct runs :func:`_holds_any` has read for one set of words, and those of
    them that hold one of the words."""

    __slots__ = ("hits", "seen")

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.hits: set[str] = set()


def _holds_any(doc: Document, ctx: Context, words: frozenset[str], key: str) -> bool:
    """Whether the prose of ``doc`` holds one of the lower-case ``words`` as a run of
    letters, in any case.

    Letters never span a space, so each distinct run of non-space is searched alone,
    and its answer is kept for the run (under ``key``, one per set of words): the files
    of a project share most of their runs, so a run of many small files searches each
    run once instead of every file's text, and a file's runs are told apart from those
    already read by one set operation."""
    known: _RunAnswers = ctx.memo(f"spelling.holds:{key}", _RunAnswers)
    if len(known.seen) > _KEPT_RUNS:
        known.seen.clear()  # text made of ever new runs: keep memory bounded
        known.hits.clear()
    runs = prose(doc, ctx).runs
    if not known.hits.isdisjoint(runs):
        return True
    new = runs.difference(known.seen)
    if not new:
        return False
    find = _QUICK_LETTERS.findall
    found = False
    for run in new:
        if not words.isdisjoint(find(run.lower())):
            known.hits.add(run)
            found = True
    known.seen.update(new)
    return found


class Terms(NamedTuple):
    """The project's own words: how often each (lower-cased) is used, and the words of
    its names (owner teams, titles, track, role and competency names, glossary terms)."""

    uses: Counter[str]
    names: frozenset[str]


def _names(framework: Framework) -> list[str]:
    out = [framework.owner.team, framework.title]
    out += [c.name for c in framework.competencies]
    out += [entry.term for entry in framework.glossary]
    for track in framework.tracks:
        out.append(track.name)
        out += [role.title for role in track.roles]
    if framework.role_profiles is not None:
        out += [p.title for p in framework.role_profiles.profiles]
    return out


@corpus_fact("spelling.names", merge=_union, stored=frozenset[str])
def _name_words(doc: Document, ctx: Context) -> frozenset[str]:
    """The words of a document's names."""
    return frozenset(_QUICK_WORDS.findall(" ".join(_names(doc.framework))))


def _terms(ctx: Context) -> Terms:
    """How often the corpus uses each word, and the words of its names.

    No word spans a space, and lower-casing a run reads nothing beyond it: each
    distinct run of the corpus is searched once and its words counted as often as it
    occurs.
    """

    def build() -> Terms:
        uses: Counter[str] = Counter()
        find = _QUICK_WORDS.findall
        runs: Counter[str] = ctx.merged(RUNS)
        for run, times in runs.items():
            for word in find(run.lower()):
                uses[word] += times
        return Terms(uses, frozenset(ctx.merged("spelling.names")))

    found: Terms = ctx.memo("spelling.terms", build)
    return found


#: a word used this many times in the project's frameworks is one of its terms (unless
#: it is a slip of a word the project uses more)
PROJECT_TERM_USES = 3


def _speller(ctx: Context) -> Speller:
    """One speller per run: the word list, the vocabulary and the corpus's own words."""

    def build() -> Speller:
        from pdp_lint.language.lexicon import lexicon
        from pdp_lint.language.speller import Speller, Vocabulary, read_vocabulary
        from pdp_lint.load.source import SETTINGS_MAX_BYTES, SETTINGS_TOO_LARGE, read_regular

        vocabulary = Vocabulary()
        settings = ctx.settings
        for path in getattr(settings, "vocabulary", ()) or ():
            # read as the configuration checked it (pdp_lint.engine.config)
            data = read_regular(path, SETTINGS_MAX_BYTES, SETTINGS_TOO_LARGE)
            text = data.decode("utf-8")
            read_vocabulary(text, vocabulary)

        return Speller(lexicon(), vocabulary, lambda: _context(ctx))

    speller: Speller = ctx.memo("spelling.speller", build)
    return speller


def _glossary(framework: Framework) -> set[str]:
    terms = {entry.term for entry in framework.glossary}
    return terms | {t + "s" for t in terms}


def _fix(edit: Edit | None, safe: bool) -> Fix | None:
    return Fix((edit,), safe=safe) if edit is not None else None


class Misspelled(Rule):
    """A word is not in the English dictionary.

    ## What it does
    Checks every word of the prose (names, definitions, summaries, behaviors, examples,
    questions, guidance; never ids or keys) against English dictionaries of both US and
    GB spelling, the framework's glossary and the project's vocabulary files, and
    suggests the most likely correction: "`Communcation` is not a word; did you mean
    `Communication`?".

    Not checked: words shorter than `min-length` letters, words in capitals (acronyms
    such as CX, and their plurals such as KEs, are checked by the acronym rules), words
    with a capital inside (product names such as mosAIc or LinkedIn), anything holding
    a digit (B2B, 1:1s), web addresses, e-mail addresses, #channels and dotted names
    such as monday.com. Hyphenated words are checked part by part (day-to-day),
    possessives (team’s, customers’) and contractions (we’re) with either apostrophe.

    A word no dictionary has is still accepted when it is a word all the same:

    - it is common in English text (wordfreq's list: backend, config, microservices,
      tradeoffs, Jira), unless a dictionary word one edit away is much more common
      (recieve is a slip of receive, seperate of separate, teh of the);
    - it is a plural of such a word (onboards, offsites), a name written in lower case
      (a service called zelda), or made of dictionary words (timebox, runbooks,
      offboarding, siloing) and not a slip of a common word;
    - it is one of the project's own names: a word of an owner team, a framework
      title, a track, role or competency name, or a glossary term (Sourcegraph);
    - it is used three times or more in the project's frameworks, with no more
      frequent spelling one edit away;
    - it is capitalised inside a sentence (Pingdom, Buggle): that marks a name, and a
      name is reported only as a slip of a known name (Micrsoft).

    A misspelt competency name or role title that is spelt right elsewhere is reported
    once, by `NM01` (`naming.drift`), which names the other spelling.

    Severity follows confidence: a likely misspelling (one edit from a much more
    common word, rare in the project) is an error; an unknown term with no such
    candidate, a slip of a name, or a term the project uses often is a warning that
    says how to add it to the vocabulary (`pdp-lint vocabulary --add TERM`;
    `pdp-lint vocabulary --list` lists every unknown term with its places).
    Suggestions follow the framework's `locale`: Strategise is never offered in an
    en-US framework.

    A British spelling in an en-US framework, or an American one in an en-GB
    framework, is a real word: it is not reported here but by SP02
    (`spelling.variant`). Genuine terms of the trade that no dictionary has go into a
    vocabulary file named in the configuration (`vocabulary = ["vocabulary.txt"]`):
    one term a line, `#` starts a comment. A term written in lower case is accepted in
    any capitalisation (`chatbot` accepts Chatbot); a term with capitals is accepted
    only exactly as written (`Zendesk` does not accept zendesk).

    ## Why is this bad?
    A misspelt word in a career framework undermines its authority with the people it
    assesses, and a misspelt competency name is repeated on every handout and page
    that shows it.

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
      - id: communication
        name: Communcation
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
      - id: communication
        name: Communication
    ```

    ## Options
    - `min-length` (default `4`): words shorter than this many letters are not checked.
      Short lower-case tokens are mostly abbreviations (etc, faq, ops), and a one-letter
      slip in a three-letter word usually makes another real word, so checking them
      brings noise rather than catches.
    - `ignore-words` (default `[]`): words accepted in this configuration only, matched
      without regard to capitalisation. Prefer the vocabulary file for genuine terms.

    ## Fix safety
    Only a likely misspelling gets a fix, and never a word of a name field (a
    competency or role name, a title, a team), a capitalised name, a glossary term,
    a word the project uses three times or more, or a change of capitals only
    (monday is not rewritten Monday). The correction is applied as a safe fix only
    when it is certain: it is one letter away (a letter missing, added, changed, or two
    letters swapped), it is a common English word or one the frameworks already use,
    and it is at least 30 times as likely as any other correction one letter away.
    Capitalisation is kept (Resolvs becomes Resolves). Otherwise, when one correction
    one letter away still stands out (the only one, or 30 times as likely as the
    next), it is offered as an unsafe fix to review before applying; with no clear
    correction there is no fix, only the suggestion.
    """

    code = "SP01"
    name = "spelling.misspelled"
    groups = ("spelling",)
    #: a name spelt differently elsewhere says more than "not a word": one finding
    superseded_by = ("NM01",)
    facts = (RUNS, "spelling.names")
    severity = Severity.ERROR
    fixable = True
    fix_safety = "safe/unsafe"

    class Options(msgspec.Struct, frozen=True):
        """Which words are checked: those of at least ``min_length`` letters, bar some."""

        min_length: int = 4
        ignore_words: tuple[str, ...] = ()

        def validate(self) -> str | None:
            if self.min_length < 1:
                return "`min-length` must be at least 1"
            return None

    def collect(self, doc: Document, ctx: Context) -> list[_Misspelling]:
        """Each misspelt word: which words are misspelt does not depend on the corpus,
        only the ranking of the corrections does."""
        from pdp_lint.language.tokens import strip_possessive, words_among

        speller = _speller(ctx)
        framework = doc.framework
        glossary = _glossary(framework)
        ignored = {w.lower() for w in self.options.ignore_words}
        locale = framework.locale
        min_length = self.options.min_length
        # words accepted or rejected whatever the document (its glossary comes after), and
        # the runs of non-space (`clean`) whose every word is accepted: the text is split
        # at spaces (no word spans one), and only runs not seen clean before are searched
        accepted, rejected, clean = ctx.memo(
            f"spelling.words:{min_length}:{sorted(ignored)}", lambda: (set(), set(), set())
        )

        def accepts(word: str) -> bool:
            base = strip_possessive(word)
            if len(base) < min_length or not _checkable(base) or base.lower() in ignored:
                return True
            return speller.known(word) or speller.common(base)

        def misspelt(words: set[str]) -> set[str]:
            return {
                w
                for w in words & rejected
                if w not in glossary and strip_possessive(w) not in glossary
            }

        found = prose(doc, ctx)
        chunks = found.runs - clean
        # runs the exact tokenizer skips whole (#channels, @mentions, e-mail and web
        # addresses) hold no word to judge
        skipped = {c for c in chunks if _SKIPPED_RUN.search(c)}
        clean |= skipped
        chunks -= skipped
        if not chunks:
            return []
        new = set(_QUICK_WORDS.findall(" ".join(chunks))) - accepted
        for word in new - rejected:
            (accepted if accepts(word) else rejected).add(word)
        if new.isdisjoint(rejected):
            clean |= chunks
            return []
        suspects = []
        for chunk in chunks:
            held = set(_QUICK_WORDS.findall(chunk))
            if accepted.issuperset(held):
                clean.add(chunk)
            elif misspelt(held):
                suspects.append(chunk)
        # the texts holding a run with a misspelt word (and maybe a few more)
        out: list[_Misspelling] = []
        for text in found.holding(tuple(sorted(suspects))):
            wrong = misspelt(set(_QUICK_WORDS.findall(text.value)))
            if not wrong:
                continue
            for token in words_among(text.value, wrong):
                base = strip_possessive(token.text)
                end = token.start + len(base)
                # a capital says nothing of a name at the start of a sentence, in a
                # title-case heading (the word right before has one too, with no comma
                # between, and does not open the sentence) or in a name field
                before = text.value[: token.start].rstrip()
                parts = before.rsplit(None, 1)
                previous = parts[-1] if parts else ""
                earlier = parts[0].rstrip() if len(parts) == 2 else ""
                opening = (
                    _opens(before)
                    or (previous[:1].isupper() and previous[-1:].isalpha() and not _opens(earlier))
                    or text.path.endswith(_NAME_FIELDS)
                )
                place = doc.place(text, token.start, end)
                out.append(_Misspelling(base, locale, place, text.path, opening))
        return out

    def finish(self, collected: list[_Misspelling], ctx: Context) -> Iterator[Finding]:
        from pdp_lint.language.tokens import match_case

        if not collected:
            return
        speller = _speller(ctx)
        terms = _terms(ctx)
        verdicts: dict[tuple[str, str], Verdict] = {}
        for wrong in collected:
            word = wrong.word
            low = word.lower()
            uses = terms.uses[low]
            slip = speller.slip_of(word)
            if slip is None and (word in terms.names or uses >= PROJECT_TERM_USES):
                continue  # one of the project's own names or terms: Sourcegraph, Worknet
            # a capital inside a sentence marks a name (Pingdom, Buggle, Jira): reported
            # only as a slip of a known name (Micrsoft) or of a word the project uses
            inside = word[:1].isupper() and not wrong.opening
            name = inside
            if name and (slip is None or not slip.word[:1].isupper()):
                project = _project_slip(low, uses, terms)
                if project is None:
                    continue
                if slip is None or slip.word.lower() != project:
                    yield Finding(
                        f"`{word}` is not in the dictionary: did you mean `{project}`? If it "
                        "is a genuine name, add it to the vocabulary file "
                        f"(`pdp-lint vocabulary --add {word}`)",
                        wrong.place.span,
                        wrong.path,
                        suggestion=match_case(word, project),
                        severity=Severity.WARNING,
                    )
                    continue
                name = False  # a slip of a word the project uses: Communcation, Meium
            repeated = (
                slip is not None and uses >= PROJECT_TERM_USES > terms.uses[slip.word.lower()]
            )
            likely = slip is not None and not name and not repeated
            key = (word, wrong.locale)
            verdict = verdicts.get(key)
            if verdict is None:
                verdict = verdicts[key] = speller.suggest(word, wrong.locale)
            best = verdict.best
            span = wrong.place.span
            adopt = f"add it to the vocabulary file (`pdp-lint vocabulary --add {word}`)"
            if likely and best is not None:
                message = f"`{word}` is not a word; did you mean `{best}`?"
            elif best is not None:
                message = (
                    f"`{word}` is not in the dictionary: did you mean `{best}`? "
                    f"If it is a genuine term, {adopt}"
                )
            else:
                message = f"`{word}` is not in the dictionary; if it is a genuine term, {adopt}"
            severity = None if likely else Severity.WARNING
            fix = None
            protected = (
                inside
                or (word[:1].isupper() and wrong.path.endswith(_NAME_FIELDS))
                or uses >= PROJECT_TERM_USES
                or (best is not None and best.lower() == low)
            )
            if best is not None and likely and not protected and verdict.clear:
                fix = _fix(wrong.place.edit(best), verdict.confident)
            yield Finding(message, span, wrong.path, suggestion=best, fix=fix, severity=severity)


def _project_slip(low: str, uses: int, terms: Terms) -> str | None:
    """The word one edit from ``low`` that the project uses most, if it uses it more."""
    from pdp_lint.language.speller import edit_strings

    if len(low) > 45:
        return None
    counts = terms.uses
    best = max(edit_strings(low), key=lambda w: counts.get(w, 0))
    return best if counts.get(best, 0) > max(uses, 1) else None


def _opens(before: str) -> bool:
    """Whether a word after the text ``before`` opens a sentence."""
    return not before or before[-1] in '.!?:;"“(•-–—*'


#: JSON paths of the fields that hold names: a fix never rewrites a word of a name
_NAME_FIELDS = (".name", ".title", ".team", ".term", ".label", ".abbreviation")


class _Misspelling(msgspec.Struct, frozen=True):
    """A misspelt word found by SP01, waiting for the corpus's words to rank corrections."""

    word: str
    locale: str
    place: Place
    path: str
    #: the word opens its text or a sentence (so a capital says nothing of a name)
    opening: bool = True


class _Use(NamedTuple):
    """One word of a framework that has a US and a GB spelling."""

    text_index: int
    token: Token
    pair: VariantPair
    british: bool


@lru_cache(maxsize=1)
def _pair_index() -> tuple[dict[str, VariantPair], dict[str, VariantPair], frozenset[str]]:
    """The pairs by US spelling, by GB spelling, and every spelling of them."""
    from pdp_lint.language.lexicon import lexicon

    pairs = lexicon().pairs
    us_index, gb_index = {p.us: p for p in pairs}, {p.gb: p for p in pairs}
    return us_index, gb_index, frozenset(us_index.keys() | gb_index.keys())


@lru_cache(maxsize=2)
def _suspects(british_locale: bool) -> frozenset[str]:
    """Spellings that may be reported in a framework of this locale.

    The other locale's spellings, and both spellings of pairs where both are standard
    in this locale (reported only when mixed).
    """
    from pdp_lint.language.lexicon import lexicon

    return lexicon().variant_spellings(british_locale)


class SpellingVariant(Rule):
    """A word is spelled the American way in a British framework, or the other way round.

    ## What it does
    Finds the words that have an American and a British spelling (behavior/behaviour,
    organization/organisation, utilize/utilise, analyze/analyse, center/centre,
    fulfill/fulfil, ...) and reports each one written in the spelling of the other
    locale than the framework's `locale`, with the spelling to use. The message says
    how many words of each kind the framework has, so a framework whose `locale` is
    the wrong one is easy to spot.

    An en-GB framework uses -ise endings (organise, utilise, recognise). For pairs
    whose two spellings are both standard in the framework's locale (judgment and
    judgement in British English, dialogue and dialog in American English), only
    mixing them is reported: the less used spelling in the framework, or the other
    locale's one when both are used equally. Words whose two spellings mean different
    things (practice/practise, program/programme, license/licence, check/cheque) are
    not checked.

    ## Why is this bad?
    Mixed spellings read as careless, and the handouts of one framework should follow
    one style. The locale also decides how the exported handouts are proofread.

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
        definition: Utilizes tools and recognises patterns to organise the work.
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
        definition: Utilises tools and recognises patterns to organise the work.
    ```

    ## Fix safety
    Respelling a word changes the wording a reviewer approved, so the fix is unsafe:
    apply it with `--unsafe-fixes` after checking that the framework's `locale` is the
    right one. A word in a name field (a title, a competency's name, a label) is
    reported but never respelled: no fix changes a name.
    """

    code = "SP02"
    name = "spelling.variant"
    groups = ("spelling",)
    severity = Severity.WARNING
    fixable = True
    fix_safety = "unsafe"

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        from pdp_lint.language.tokens import match_case, strip_possessive

        framework = doc.framework
        texts = doc.texts
        uses: list[_Use] = []
        british_locale = framework.locale == "en-GB"
        suspects = _suspects(british_locale)
        if not _holds_any(doc, ctx, suspects, f"variants:{british_locale}"):
            return  # only spellings of the framework's locale: nothing to count
        us_index, gb_index, keys = _pair_index()
        for i, text in enumerate(texts):
            if keys.isdisjoint(_QUICK_LETTERS.findall(text.value.lower())):
                continue
            for token in _words(text.value):
                word = strip_possessive(token.text)
                if not _checkable(word):
                    continue
                low = word.lower()
                if low in us_index:
                    uses.append(_Use(i, token, us_index[low], british=False))
                elif low in gb_index:
                    uses.append(_Use(i, token, gb_index[low], british=True))
        if not uses:
            return
        # only a spelling the other locale rejects tells which locale a writer follows
        totals = Counter(
            u.british
            for u in uses
            if (u.pair.us_wrong_in_gb if not u.british else u.pair.gb_wrong_in_us)
        )
        forms = Counter((u.pair, u.british) for u in uses)
        for use in uses:
            pair = use.pair
            word = strip_possessive(use.token.text)
            if pair.us_wrong_in_gb if british_locale else pair.gb_wrong_in_us:
                if use.british == british_locale:
                    continue
                want_british = british_locale
                message = ""
            else:  # both spellings are standard in the locale: only mixing them is wrong
                british, american = forms[(pair, True)], forms[(pair, False)]
                if not british or not american:
                    continue
                want_british = british > american or (british == american and british_locale)
                if use.british == want_british:
                    continue
                message = (
                    f"`{word}` and `{pair.us if use.british else pair.gb}` are both used in "
                    f"this framework ({max(british, american)} to {min(british, american)}); "
                    "keep to one spelling"
                )
            want = match_case(word, pair.gb if want_british else pair.us)
            if not message:
                message = _variant_message(
                    word, want, framework.locale, totals[True], totals[False]
                )
            text = texts[use.text_index]
            end = use.token.start + len(word)
            # a name field (a title, a competency's name, a label) is reported, never
            # respelled: a fix does not change a name, safe or unsafe (as for SP01)
            named = text.path.endswith(_NAME_FIELDS)
            yield Finding(
                message,
                doc.locate(text, use.token.start, end),
                text.path,
                suggestion=want,
                fix=None if named else _fix(doc.edit(text, use.token.start, end, want), safe=False),
            )


def _variant_message(word: str, want: str, locale: str, british: int, american: int) -> str:
    kind = "British" if locale == "en-US" else "American"
    mine, theirs = (british, american) if locale == "en-GB" else (american, british)
    own = "British" if locale == "en-GB" else "American"
    counts = f"{mine} {own} and {theirs} {kind} spellings"
    if theirs > mine:
        return (
            f"`{word}` is the {kind} spelling in an {locale} framework, which has {counts}; "
            f"write `{want}`, or change `locale` if the framework is meant to be {kind}"
        )
    return f"`{word}` is the {kind} spelling in an {locale} framework ({counts}); write `{want}`"
