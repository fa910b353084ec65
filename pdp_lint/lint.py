"""Running a check over files: load each, collect problems, build the report."""

from __future__ import annotations

from pathlib import Path

from pdp_lint.discovery import discover
from pdp_lint.loader import READ_CODE, READ_NAME, Loaded, load_file
from pdp_lint.problem import Problem, Severity
from pdp_lint.reporters.base import Report


def load_all(paths: list[Path]) -> tuple[list[Loaded], list[Problem]]:
    """Load every framework under ``paths``; path errors become problems."""
    found = discover(paths)
    errors = [
        Problem(p.as_posix(), 1, 1, 1, 1, READ_CODE, READ_NAME, Severity.ERROR, msg)
        for p, msg in found.errors
    ]
    return [load_file(f) for f in found.files], errors


def run_check(paths: list[Path]) -> tuple[Report, bool]:
    """Check ``paths``; return the report and whether any input could not be read."""
    loaded, errors = load_all(paths)
    problems = errors + [p for item in loaded for p in item.problems]
    sources = {item.display: item.source for item in loaded if item.source is not None}

    def source_line(file: str, line: int) -> str:
        src = sources.get(file)
        return src.line_text(line) if src is not None else ""

    unreadable = bool(errors) or any(item.unreadable for item in loaded)
    return Report(problems, len(loaded), source_line), unreadable
