"""Run the rules over documents and turn findings into problems.

The linter stamps code, name, severity and file on each finding, applies per-path
configuration and inline suppressions, and reports suppressions that suppress nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from pdp_lint.config import Settings
from pdp_lint.document import Document
from pdp_lint.problem import Problem, Severity
from pdp_lint.rules import Context, Rule, all_rules, resolve_selector
from pdp_lint.suppress import parse_suppressions

UNUSED_CODE, UNUSED_NAME = "LN01", "suppression.unused"


def _matches(selector: str, code: str) -> bool:
    return any(r.code == code for r in resolve_selector(selector))


def lint(
    targets: Iterable[Document],
    corpus: list[Document],
    settings: Settings,
    ctx: Context | None = None,
) -> list[Problem]:
    """Problems of every target document; ``corpus`` is what cross-file rules see (or
    the facts gathered in ``ctx``, when the corpus was loaded in other processes)."""
    if ctx is None:
        ctx = Context(corpus=corpus, settings=settings)
    rules: dict[str, Rule] = {}
    for code, cls in all_rules().items():
        if cls.stage == "model":
            rules[code] = cls(settings.rule_options(code))
    problems: list[Problem] = []
    for doc in targets:
        enabled = settings.enabled_codes(doc.path)
        found: list[Problem] = []
        for code in sorted(enabled):
            rule = rules.get(code)
            if rule is None:
                continue
            configured = settings.severity_for(code, doc.path)
            for f in rule.check(doc, ctx):
                severity = configured or f.severity or rule.severity
                s = f.span
                found.append(
                    Problem(
                        doc.file,
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
        problems.extend(_apply_suppressions(doc, found, enabled, settings))
        ctx.forget(doc)
        doc.release()
    return problems


def _apply_suppressions(
    doc: Document, found: list[Problem], enabled: set[str], settings: Settings
) -> list[Problem]:
    suppressions = parse_suppressions(doc.source)
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
