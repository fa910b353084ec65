"""Run one rule over YAML text or a set of files, as the CLI would."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import Settings, _parse
from pdp_lint.fix.edits import apply_edits
from pdp_lint.model.problem import Problem


def settings_for(root: Path, code: str | None, configs: dict[str, Any] | None) -> Settings:
    table = dict(configs or {})
    if code is not None and "select" not in table:
        table["select"] = [code]
    text = ""
    fake = root / "pdp-lint.toml"
    for key, value in (table.get("files") or {}).items():  # vocabulary files etc.
        (root / key).write_text(value, encoding="utf-8")
    table.pop("files", None)
    return _parse(table, fake, text)


def run_files(
    tmp: Path,
    files: dict[str, str | bytes],
    code: str | None,
    configs: dict[str, Any] | None = None,
    targets: list[str] | None = None,
) -> list[Problem]:
    """Write ``files`` under ``tmp`` and check ``targets`` (default: all of them)."""
    for name, text in files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    settings = settings_for(tmp, code, configs)
    paths = [tmp / t for t in (targets or list(files))]
    result = run_check(paths, settings)
    return result.report.problems


def fixed_text(tmp: Path, name: str, problems: list[Problem], code: str) -> str:
    text = (tmp / name).read_text(encoding="utf-8")
    edits = [e for p in problems if p.code == code and p.fix and p.fix.safe for e in p.fix.edits]
    return apply_edits(text, edits)[0]
