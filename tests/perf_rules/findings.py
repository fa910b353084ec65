"""Record every rule's findings on a folder of frameworks, to prove that a faster rule
reports exactly what it did before.

Every rule runs, the opt-in ones too, with the project's configuration; each finding is
kept with its position, message, suggestion and fix. On a generated benchmark corpus:

    python -m tests.perf_rules.findings CORPUS --write before.json
    ... change the rules ...
    python -m tests.perf_rules.findings CORPUS --compare before.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import load_settings

ROOT = Path(__file__).resolve().parents[2]


def findings(folder: Path) -> list[dict[str, Any]]:
    """Every finding of every rule on the frameworks in ``folder``, in report order."""
    settings = replace(load_settings(start=ROOT), select=("ALL",), extend_select=())
    result = run_check(sorted(folder.glob("*.yaml")), settings)
    out = []
    for p in result.report.problems:
        fix = None
        if p.fix is not None:
            fix = {"safe": p.fix.safe, "edits": [[e.start, e.end, e.text] for e in p.fix.edits]}
        out.append(
            {
                "file": Path(p.file).name,
                "line": p.line,
                "column": p.column,
                "end_line": p.end_line,
                "end_column": p.end_column,
                "code": p.code,
                "severity": str(p.severity),
                "message": p.message,
                "path": p.path,
                "suggestion": p.suggestion,
                "fix": fix,
            }
        )
    return out


def differences(found: list[dict[str, Any]], expected: list[dict[str, Any]]) -> list[str]:
    """Lines describing how ``found`` differs from ``expected`` (none when identical)."""
    if found == expected:
        return []
    lines = [f"{len(expected)} findings expected, {len(found)} found"]
    missing = [e for e in expected if e not in found]
    extra = [f for f in found if f not in expected]
    lines += [f"missing: {json.dumps(e, ensure_ascii=False)}" for e in missing[:10]]
    lines += [f"extra: {json.dumps(f, ensure_ascii=False)}" for f in extra[:10]]
    if not missing and not extra:
        lines.append("same findings in another order")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, help="record the findings in this file")
    action.add_argument("--compare", type=Path, help="compare with the findings in this file")
    args = parser.parse_args(argv)
    found = findings(args.folder)
    if args.write is not None:
        text = json.dumps(found, ensure_ascii=False, indent=1)
        args.write.write_text(text + "\n", encoding="utf-8")
        print(f"{len(found)} findings recorded in {args.write}")
        return 0
    expected = json.loads(args.compare.read_text(encoding="utf-8"))
    diff = differences(found, expected)
    print("\n".join(diff) if diff else f"{len(found)} findings, identical")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
