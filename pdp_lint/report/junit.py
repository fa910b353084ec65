"""JUnit XML, as CI servers (GitLab, Jenkins) read test reports.

One test suite per file; each problem is a failing test case, and a file without
problems is one passing test case, so a clean run still shows what was checked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pdp_lint.model.problem import Problem, Report
from pdp_lint.report.base import display_relative

# characters XML 1.0 cannot carry at all
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


class JunitReporter:
    name = "junit"

    def render(self, report: Report) -> str:
        by_file: dict[str, list[Problem]] = {}
        for file in report.files:
            by_file.setdefault(file, [])
        for p in report.problems:
            by_file.setdefault(p.file, []).append(p)
        failures = len(report.problems)
        tests = sum(max(1, len(found)) for found in by_file.values())
        root = ET.Element(
            "testsuites",
            name="pdp-lint",
            tests=str(tests),
            failures=str(failures),
            errors="0",
        )
        for file in sorted(by_file):
            found = by_file[file]
            shown = _clean(display_relative(file))
            suite = ET.SubElement(
                root,
                "testsuite",
                name=shown,
                tests=str(max(1, len(found))),
                failures=str(len(found)),
                errors="0",
                skipped="0",
            )
            if not found:
                ET.SubElement(suite, "testcase", name="pdp-lint", classname=shown, file=shown)
            for p in found:
                case = ET.SubElement(
                    suite,
                    "testcase",
                    name=_clean(f"{p.code} {p.name} at {p.line}:{p.column}"),
                    classname=shown,
                    file=shown,
                    line=str(p.line),
                )
                failure = ET.SubElement(case, "failure", type=p.code, message=_clean(p.message))
                detail = f"{shown}:{p.line}:{p.column}: {p.code} [{p.severity.value}] {p.message}"
                if p.suggestion:
                    detail += f"\nsuggestion: {p.suggestion}"
                failure.text = _clean(detail)
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
