"""Loading the files of a check: one file, or every framework under some paths."""

from __future__ import annotations

from pathlib import Path

from pdp_lint.engine.config import Settings
from pdp_lint.engine.discovery import Discovered, discover
from pdp_lint.load.loader import READ_CODE, READ_NAME, Loaded, load_file, load_text
from pdp_lint.load.source import read_source
from pdp_lint.model.problem import Problem, Severity


def load_one(path: Path, settings: Settings) -> Loaded:
    """Load one framework file as a check does."""
    return _load(path, settings, None)


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
    return [_load(f, settings, texts) for f in found.files], _path_errors(found)


def _path_errors(found: Discovered) -> list[Problem]:
    return [
        Problem(p.as_posix(), 1, 1, 1, 1, READ_CODE, READ_NAME, Severity.ERROR, msg)
        for p, msg in found.errors
    ]
