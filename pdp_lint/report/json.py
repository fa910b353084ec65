"""Machine output: a stable JSON document (version 1)."""

from __future__ import annotations

import json

from pdp_lint.model.problem import Report


class JsonReporter:
    name = "json"

    def render(self, report: Report) -> str:
        doc = {
            "version": 1,
            "problems": [
                {
                    "file": p.file,
                    "line": p.line,
                    "column": p.column,
                    "end_line": p.end_line,
                    "end_column": p.end_column,
                    "code": p.code,
                    "name": p.name,
                    "severity": p.severity.value,
                    "message": p.message,
                    "path": p.path,
                    "suggestion": p.suggestion,
                    "fixable": p.fixable,
                }
                for p in report.problems
            ],
            "summary": {
                "files_checked": report.files_checked,
                "files_with_problems": report.files_with_problems(),
                **report.counts(),
            },
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
