"""GitLab Code Quality report (a subset of the Code Climate issue format)."""

from __future__ import annotations

import json
from collections import Counter

from pdp_lint.model.problem import Report, Severity
from pdp_lint.report.base import display_relative, fingerprint

_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class GitlabReporter:
    name = "gitlab"

    def render(self, report: Report) -> str:
        seen: Counter[str] = Counter()
        issues = []
        for p in report.problems:
            path = display_relative(p.file)
            issues.append(
                {
                    "type": "issue",
                    "check_name": f"{p.code} {p.name}",
                    "description": p.message
                    + (f" (suggestion: {p.suggestion})" if p.suggestion else ""),
                    "categories": ["Style"],
                    "severity": _SEVERITIES[p.severity],
                    "fingerprint": fingerprint(p, path, seen),
                    "location": {
                        "path": path,
                        "positions": {
                            "begin": {"line": p.line, "column": p.column},
                            "end": {"line": p.end_line, "column": p.end_column},
                        },
                    },
                }
            )
        return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
