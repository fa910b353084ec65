"""Run the rules over documents and turn findings into problems.

The linter stamps code, name, severity and file on each finding, applies per-path
configuration and inline suppressions, and reports suppressions that suppress nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import Any

import msgspec

from pdp_lint.engine.config import Settings
from pdp_lint.engine.suppress import Suppression, parse_suppressions
from pdp_lint.load.document import Document
from pdp_lint.model.problem import Problem, Severity
from pdp_lint.rules import Context, Rule, all_rules, resolve_selector
from pdp_lint.rules.base import Finding

UNUSED_CODE, UNUSED_NAME = "LN01", "suppression.unused"


def _matches(selector: str, code: str) -> bool:
    return any(r.code == code for r in resolve_selector(selector))


class Pending(msgspec.Struct):
    """A document between the two steps of a check: what its rules found without the
    corpus, and what the rules that read corpus facts took of it (all picklable)."""

    file: str
    path: Path
    #: the codes enabled on the file, loader stage included
    enabled: list[str]
    found: dict[str, list[Problem]]
    collected: dict[str, Any]
    suppressions: list[Suppression]


class Linter:
    """The rules of one run, applied to documents in two steps.

    :meth:`begin` runs every rule that needs nothing but the document and lets the
    rules that compare it with the rest of the corpus take what they need of it, so the
    document can be dropped; :meth:`end` finishes those rules once the corpus facts are
    known and applies configuration and suppressions.
    """

    def __init__(self, settings: Settings, ctx: Context) -> None:
        self.settings = settings
        self.ctx = ctx
        self.rules: dict[str, Rule] = {
            code: cls(settings.rule_options(code))
            for code, cls in all_rules().items()
            if cls.stage == "model"
        }
        #: each set of enabled codes, sorted, shared by the files it applies to
        self._enabled: dict[frozenset[str], list[str]] = {}

    def _enabled_on(self, path: Path) -> list[str]:
        codes = frozenset(self.settings.enabled_codes(path))
        listed = self._enabled.get(codes)
        if listed is None:
            listed = self._enabled[codes] = sorted(codes)
        return listed

    def begin(self, doc: Document) -> Pending:
        path, file, ctx = doc.path, doc.file, self.ctx
        enabled = self._enabled_on(path)
        found: dict[str, list[Problem]] = {}
        collected: dict[str, Any] = {}
        rules = self.rules
        for code in enabled:
            rule = rules.get(code)
            if rule is None:
                continue  # applied by the loader
            if rule.facts:
                collected[code] = rule.collect(doc, ctx)
            else:
                problems = self._problems(file, path, rule, rule.check(doc, ctx))
                if problems:  # a run of many files keeps no empty list per rule and file
                    found[code] = problems
        suppressions = parse_suppressions(doc.source)
        return Pending(file, path, enabled, found, collected, suppressions)

    def end(self, pending: Pending) -> list[Problem]:
        problems: list[Problem] = []
        for code in pending.enabled:
            if code in pending.collected:
                rule = self.rules[code]
                findings = rule.finish(pending.collected[code], self.ctx)
                problems += self._problems(pending.file, pending.path, rule, findings)
            elif code in pending.found:
                problems += pending.found[code]
        return _apply_suppressions(
            pending, self._most_specific(problems), set(pending.enabled), self.settings
        )

    def _most_specific(self, problems: list[Problem]) -> list[Problem]:
        """``problems`` without those a more specific rule reports on the same characters
        (see :attr:`Rule.superseded_by`)."""
        rules = self.rules
        yielding = {p.code for p in problems if p.code in rules and rules[p.code].superseded_by}
        if not yielding:
            return problems
        covers: dict[str, _Covers] = {}
        for p in problems:
            covers.setdefault(p.code, _Covers()).add(p)

        def covered(p: Problem) -> bool:
            start, end = (p.line, p.column), (p.end_line, p.end_column)
            return any(
                (q.line, q.column) <= start and end <= (q.end_line, q.end_column)
                for code in rules[p.code].superseded_by
                if code in covers
                for q in covers[code].around(p.line)
            )

        return [p for p in problems if p.code not in yielding or not covered(p)]

    def _problems(
        self, file: str, path: Path, rule: Rule, findings: Iterable[Finding]
    ) -> list[Problem]:
        out: list[Problem] = []
        configured: Severity | None = None
        for n, f in enumerate(findings):
            if not n:
                configured = self.settings.severity_for(rule.code, path)
            severity = configured or f.severity or rule.severity
            s = f.span
            out.append(
                Problem(
                    file,
                    s.line,
                    s.column,
                    s.end_line,
                    s.end_column,
                    rule.code,
                    rule.name,
                    severity,
                    f.message,
                    f.path,
                    f.suggestion,
                    f.fix,
                )
            )
        return out


class _Covers:
    """The problems of one rule by the lines they span, so that the problems that may
    cover a place are found without reading every problem of the file (a file of
    thousands of findings of each rule compared every two)."""

    #: a problem spanning more lines than this is kept aside and tried everywhere
    WIDE = 64

    def __init__(self) -> None:
        self.by_line: dict[int, list[Problem]] = {}
        self.wide: list[Problem] = []

    def add(self, problem: Problem) -> None:
        if problem.end_line - problem.line > self.WIDE:
            self.wide.append(problem)
            return
        for line in range(problem.line, problem.end_line + 1):
            self.by_line.setdefault(line, []).append(problem)

    def around(self, line: int) -> Iterable[Problem]:
        """The problems spanning ``line``, and the wide ones: every one that may cover
        a place starting on it."""
        return chain(self.by_line.get(line, ()), self.wide)


def lint(
    targets: Iterable[Document],
    corpus: list[Document],
    settings: Settings,
    ctx: Context | None = None,
) -> list[Problem]:
    """Problems of every target document; ``corpus`` is what cross-file rules see."""
    if ctx is None:
        ctx = Context(corpus=corpus, settings=settings)
    linter = Linter(settings, ctx)
    problems: list[Problem] = []
    for doc in targets:
        problems.extend(linter.end(linter.begin(doc)))
        ctx.forget(doc)
        doc.release()
    return problems


def _apply_suppressions(
    doc: Pending, found: list[Problem], enabled: set[str], settings: Settings
) -> list[Problem]:
    suppressions = doc.suppressions
    if not suppressions:
        return found
    kept: list[Problem] = []
    for problem in found:
        hit = False
        for sup in suppressions:
            if sup.covers(problem.line):
                for sel in sup.selectors:
                    if _matches(sel, problem.code):
                        sup.used.add(sel)
                        hit = True
        if not hit:
            kept.append(problem)
    if UNUSED_CODE in enabled:
        severity = settings.severity_for(UNUSED_CODE, doc.path) or Severity.WARNING
        for sup in suppressions:
            for sel in sup.selectors:
                if sel in sup.used:
                    continue
                if not resolve_selector(sel):
                    message = f"`{sel}` in this suppression is not a rule code, name or group"
                elif not any(_matches(sel, code) for code in enabled):
                    continue  # the rule is off here, so there is nothing to suppress
                else:
                    message = f"suppression of `{sel}` no longer suppresses anything; remove it"
                kept.append(
                    Problem(
                        doc.file,
                        sup.line,
                        sup.column,
                        sup.line,
                        sup.end_column,
                        UNUSED_CODE,
                        UNUSED_NAME,
                        severity,
                        message,
                        "$",
                    )
                )
    return kept
