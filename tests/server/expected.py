"""What ``pdp-lint check`` says about a text, in the shape of LSP diagnostics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from lsprotocol import types

from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import load_settings

SEVERITY = {"error": 1, "warning": 2, "info": 3}

Key = tuple[str, int, str, int, int, int, int]


def utf16(line: str, column: int) -> int:
    """UTF-16 units before a 1-based character column of a line."""
    head = line[: column - 1]
    return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)


def key_of(problem: dict[str, Any], text: str) -> Key:
    lines = text.split("\n")

    def line(n: int) -> str:
        return lines[n - 1] if 0 < n <= len(lines) else ""

    return (
        problem["code"],
        SEVERITY[problem["severity"]],
        problem["message"],
        problem["line"] - 1,
        utf16(line(problem["line"]), problem["column"]),
        problem["end_line"] - 1,
        utf16(line(problem["end_line"]), problem["end_column"]),
    )


def keys(diagnostics: list[types.Diagnostic]) -> list[Key]:
    return sorted(
        (
            str(d.code),
            int(d.severity or 0),
            d.message,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diagnostics
    )


def cli_check(path: Path, cwd: Path) -> list[Key]:
    """Run the real command line on the file as saved."""
    done = subprocess.run(
        [sys.executable, "-m", "pdp_lint", "check", "--no-cache", "--format", "json", str(path)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    text = path.read_text("utf-8")
    return sorted(key_of(p, text) for p in json.loads(done.stdout)["problems"])


def in_process_check(path: Path, text: str) -> list[Key]:
    """``run_check`` of the text in place of the file, as ``check`` would see it."""
    settings = load_settings(start=path.parent)
    result = run_check([path], settings, texts={path: text})
    return sorted(
        key_of(
            {
                "code": p.code,
                "severity": p.severity.value,
                "message": p.message,
                "line": p.line,
                "column": p.column,
                "end_line": p.end_line,
                "end_column": p.end_column,
            },
            text,
        )
        for p in result.report.problems
        if p.file == path.as_posix()
    )
