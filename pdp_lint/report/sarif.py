"""SARIF 2.1.0: the format code-scanning services (GitHub, Azure DevOps, IDE viewers) read.

One run with the tool, the metadata of every rule that has a result (taken from the
rule documentation), and one result per problem with its place, a fingerprint that does
not depend on line numbers, and the fix when the problem has one.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from pathlib import Path
from typing import Any

from pdp_lint import __version__
from pdp_lint.model.problem import Edit, Problem, Report, Severity
from pdp_lint.report.base import fingerprint, relative_to_cwd

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: the project URL labels, in order of preference, that can stand for the tool's home page
HOME_PAGE_LABELS = ("homepage", "home", "repository", "source", "documentation")
SRCROOT = "%SRCROOT%"
FINGERPRINT = "pdpLint/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def home_page() -> str | None:
    """The project's home page from the installed package's metadata (``[project.urls]``).

    None when pdp-lint runs from a source tree that is not installed: SARIF's
    ``informationUri`` is optional, and a guessed address would be worse than none.
    """
    from importlib import metadata

    try:
        meta = metadata.metadata("pdp-lint")
    except metadata.PackageNotFoundError:
        return None
    urls: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        # labels are compared as the packaging specification normalizes them
        key = "".join(c for c in label.lower() if c.isalnum())
        urls.setdefault(key, url.strip())
    for label in HOME_PAGE_LABELS:
        if urls.get(label, "").startswith(("https://", "http://")):
            return urls[label]
    # the older single field, for a package built without [project.urls]
    home = str((meta.get_all("Home-page") or [""])[0])
    return home if home.startswith(("https://", "http://")) else None


def _artifact(file: str) -> dict[str, Any]:
    relative = relative_to_cwd(file)
    if relative is not None:
        return {"uri": relative, "uriBaseId": SRCROOT}
    return {"uri": Path(file).resolve().as_uri()}


def _rule_descriptor(code: str, name: str) -> dict[str, Any]:
    from pdp_lint.report.ruledocs import doc_sections
    from pdp_lint.rules import all_rules

    rule = all_rules().get(code)
    if rule is None:
        return {"id": code, "name": name}
    sections = doc_sections(rule)
    what = sections.get("What it does", "")
    why = sections.get("Why is this bad?", "")
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
    }
    if what:
        descriptor["fullDescription"] = {"text": what}
    if what or why:
        parts = [(h, t) for h, t in (("What it does", what), ("Why is this bad?", why)) if t]
        descriptor["help"] = {
            "text": "\n\n".join(t for _, t in parts),
            "markdown": "\n\n".join(f"## {h}\n{t}" for h, t in parts),
        }
    descriptor["defaultConfiguration"] = {"level": _LEVELS[rule.severity]}
    descriptor["properties"] = {"tags": list(rule.groups)}
    return descriptor


class _Positions:
    """Character offsets of a text to 1-based lines and columns."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def __call__(self, index: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, index) - 1
        return row + 1, index - self.starts[row] + 1


def _replacement(edit: Edit, positions: _Positions | None) -> dict[str, Any]:
    region: dict[str, Any] = {"charOffset": edit.start, "charLength": edit.end - edit.start}
    if positions is not None:
        (line, column), (end_line, end_column) = positions(edit.start), positions(edit.end)
        region = {
            "startLine": line,
            "startColumn": column,
            "endLine": end_line,
            "endColumn": end_column,
            **region,
        }
    return {"deletedRegion": region, "insertedContent": {"text": edit.text}}


class SarifReporter:
    name = "sarif"

    def render(self, report: Report) -> str:
        codes = sorted({(p.code, p.name) for p in report.problems})
        index = {code: i for i, (code, _) in enumerate(codes)}
        positions: dict[str, _Positions | None] = {}
        seen: Counter[str] = Counter()
        results = []
        for p in report.problems:
            if p.file not in positions:
                text = report.source_text(p.file)
                positions[p.file] = _Positions(text) if text else None
            results.append(self._result(p, index[p.code], positions[p.file], seen))
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "pdp-lint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    **({"informationUri": uri} if (uri := home_page()) else {}),
                    "rules": [_rule_descriptor(code, name) for code, name in codes],
                }
            },
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

    def _result(
        self, p: Problem, rule_index: int, positions: _Positions | None, seen: Counter[str]
    ) -> dict[str, Any]:
        artifact = _artifact(p.file)
        identity = fingerprint(p, artifact["uri"], seen)
        result: dict[str, Any] = {
            "ruleId": p.code,
            "ruleIndex": rule_index,
            "level": _LEVELS[p.severity],
            "message": {"text": p.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {
                            "startLine": p.line,
                            "startColumn": p.column,
                            "endLine": p.end_line,
                            "endColumn": p.end_column,
                        },
                    },
                    "logicalLocations": [{"fullyQualifiedName": p.path, "kind": "member"}],
                }
            ],
            "partialFingerprints": {FINGERPRINT: identity},
        }
        if p.fix is not None and p.fix.edits:
            result["fixes"] = [
                {
                    "description": {
                        "text": f"Replace with {p.suggestion}" if p.suggestion else p.message
                    },
                    "artifactChanges": [
                        {
                            "artifactLocation": artifact,
                            "replacements": [_replacement(e, positions) for e in p.fix.edits],
                        }
                    ],
                    "properties": {"safe": p.fix.safe},
                }
            ]
        properties: dict[str, Any] = {"name": p.name}
        if p.suggestion:
            properties["suggestion"] = p.suggestion
        result["properties"] = properties
        return result
