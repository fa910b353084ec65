"""Every case of every rule, from tests/rules/cases/<CODE>.yml.

A case has an ``input`` (one file), ``raw`` (one file's bytes as ``\\xNN`` escapes)
or ``files`` (several; ``targets`` says which are checked), optional ``violations``
as ``[line, column]`` (or ``[file, line, column]``), optional ``messages`` (substrings,
in order), optional ``fix_str`` (the input after the rule's safe fixes) and optional
``configs`` (a pdp-lint configuration table).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.rules.harness import fixed_text, run_files

CASES = Path(__file__).parent / "cases"


def load_cases() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        code = data["rule"]
        for name, case in data["cases"].items():
            params.append(pytest.param(code, case, id=f"{code}-{name}"))
    return params


@pytest.mark.parametrize(("code", "case"), load_cases())
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    if "raw" in case:  # bytes, written in the case file as \xNN escapes
        files = {"case.yaml": case["raw"].encode("latin-1")}
    else:
        files = case.get("files") or {"case.yaml": case["input"]}
    problems = run_files(tmp_path, files, code, case.get("configs"), case.get("targets"))
    mine = [p for p in problems if p.code == code]
    loading = ("SC01", "SY01", "SY02", "SY03", "SY04", "SY05", "SY06", "IO01")
    others = [p for p in problems if p.code in loading and p.code != code]
    assert code in loading or not others, [f"{p.line}:{p.column} {p.message}" for p in others]
    expected = case.get("violations") or []
    single = len(files) == 1
    got = [[p.line, p.column] if single else [Path(p.file).name, p.line, p.column] for p in mine]
    want = [list(v) for v in expected]
    assert got == want, [f"{p.file}:{p.line}:{p.column} {p.message}" for p in mine]
    for problem, fragment in zip(mine, case.get("messages") or [], strict=False):
        assert fragment in problem.message
    if "fix_str" in case:
        name = next(iter(files))
        import textwrap

        assert fixed_text(tmp_path, name, mine, code) == textwrap.dedent(case["fix_str"])
