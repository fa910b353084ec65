"""Output formats. Each reporter turns the same problem list into one format.

Adding a format is one module and one entry in ``REPORTERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from pdp_lint.model.problem import Report


def valid_unicode(text: str) -> str:
    """``text`` with each lone surrogate written as a backslash escape (``\\udcff``).

    File names are the only text of a report that can hold one: a name's bytes that are
    not UTF-8, as the file system gave them. Written as they are, the report was not
    valid UTF-8 (nor its JSON or XML valid), or could not be written at all."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


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
