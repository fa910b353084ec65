"""Output formats. Each reporter turns the same problem list into one format.

Adding a format is one module and one entry in ``REPORTERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from pdp_lint.model.problem import Report


class Reporter(Protocol):
    name: str

    def render(self, report: Report) -> str: ...


def _text() -> Reporter:
    from pdp_lint.report.text import TextReporter

    return TextReporter()


def _json() -> Reporter:
    from pdp_lint.report.json import JsonReporter

    return JsonReporter()


def _sarif() -> Reporter:
    from pdp_lint.report.sarif import SarifReporter

    return SarifReporter()


def _github() -> Reporter:
    from pdp_lint.report.github import GithubReporter

    return GithubReporter()


def _junit() -> Reporter:
    from pdp_lint.report.junit import JunitReporter

    return JunitReporter()


def _gitlab() -> Reporter:
    from pdp_lint.report.gitlab import GitlabReporter

    return GitlabReporter()


#: format name -> factory; factories import lazily to keep start-up fast
REPORTERS: dict[str, Callable[[], Reporter]] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "junit": _junit,
    "gitlab": _gitlab,
}
