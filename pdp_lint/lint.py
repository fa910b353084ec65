"""Running a check: configuration, files, corpus, rules, report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pdp_lint.config import Settings
from pdp_lint.discovery import discover
from pdp_lint.document import Document
from pdp_lint.loader import READ_CODE, READ_NAME, Loaded, load_file, load_text
from pdp_lint.problem import Problem, Severity
from pdp_lint.reporters.base import Report
from pdp_lint.source import read_source


@dataclass(slots=True)
class CheckResult:
    report: Report
    unreadable: bool
    loaded: list[Loaded]


def _load(path: Path, settings: Settings, texts: dict[Path, str] | None) -> Loaded:
    if texts and path in texts:
        source = read_source(path, settings.max_file_size)
        source.text = texts[path]
        return load_text(source)
    return load_file(path, settings.max_file_size)


def load_all(
    paths: list[Path], settings: Settings, texts: dict[Path, str] | None = None
) -> tuple[list[Loaded], list[Problem]]:
    """Load every framework under ``paths``; path errors become problems.

    ``texts`` replaces the content of some files (by path) without touching the disk.
    """
    found = discover(paths)
    errors = [
        Problem(p.as_posix(), 1, 1, 1, 1, READ_CODE, READ_NAME, Severity.ERROR, msg)
        for p, msg in found.errors
    ]
    return [_load(f, settings, texts) for f in found.files], errors


def _corpus_paths(targets: list[Loaded], settings: Settings) -> list[Path]:
    """Where the rest of the project's frameworks are: configured, or beside the targets."""
    if settings.corpus:
        return list(settings.corpus)
    return sorted({item.file.parent for item in targets})


def documents(loaded: list[Loaded]) -> list[Document]:
    return [
        Document(item.framework, item.source)
        for item in loaded
        if item.framework is not None and item.source is not None
    ]


def run_check(
    paths: list[Path], settings: Settings, texts: dict[Path, str] | None = None
) -> CheckResult:
    """Check ``paths`` with ``settings``; ``texts`` overrides file contents in memory."""
    from pdp_lint.linter import lint

    loaded, errors = load_all(paths, settings, texts)
    targets = documents(loaded)
    seen = {item.file.resolve() for item in loaded}
    extra_files = [
        f for f in discover(_corpus_paths(loaded, settings)).files if f.resolve() not in seen
    ]
    corpus = targets + documents([_load(f, settings, texts) for f in extra_files])
    problems = errors + [p for item in loaded for p in item.problems]
    problems += lint(targets, corpus, settings)
    sources = {item.display: item.source for item in loaded if item.source is not None}

    def source_line(file: str, line: int) -> str:
        src = sources.get(file)
        return src.line_text(line) if src is not None else ""

    unreadable = bool(errors) or any(item.unreadable for item in loaded)
    return CheckResult(Report(problems, len(loaded), source_line), unreadable, loaded)
