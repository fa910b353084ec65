"""GitHub Actions workflow commands: each problem becomes an annotation on the pull request."""

from __future__ import annotations

from pdp_lint.model.problem import Problem, Report, Severity
from pdp_lint.report.base import display_relative
from pdp_lint.report.text import visible

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape the message of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    name = "github"

    def render(self, report: Report) -> str:
        return "".join(self._annotation(p) + "\n" for p in report.problems)

    def _annotation(self, p: Problem) -> str:
        properties = {
            "file": display_relative(p.file),
            "line": str(p.line),
            "col": str(p.column),
            "endLine": str(p.end_line),
            "endColumn": str(p.end_column),
            "title": f"{p.code} {p.name}",
        }
        props = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
        message = p.message + (f" (suggestion: {p.suggestion})" if p.suggestion else "")
        # what a log viewer would act on (an escape sequence quoted from a framework's
        # text) shown as the text report shows it; a line break stays one
        message = "\n".join(visible(line) for line in message.split("\n"))
        return f"::{_COMMANDS[p.severity]} {props}::{escape_data(message)}"
