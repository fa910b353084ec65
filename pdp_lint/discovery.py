"""Which files a command works on."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

SUFFIXES = (".yaml", ".yml")


def default_paths(paths: Iterable[Path]) -> list[Path]:
    """The paths to work on: those given, else ``frameworks/`` if present, else here."""
    given = list(paths)
    if given:
        return given
    folder = Path("frameworks")
    return [folder] if folder.is_dir() else [Path()]


@dataclass(slots=True)
class Discovered:
    files: list[Path] = field(default_factory=list)
    errors: list[tuple[Path, str]] = field(default_factory=list)


def discover(paths: Iterable[Path]) -> Discovered:
    """Expand files and directories into framework files, sorted, without duplicates.

    Directories are searched recursively for ``*.yaml`` and ``*.yml``, skipping hidden
    directories; symbolic links to directories are not followed, so a link loop is
    harmless. A path that does not exist is reported, not raised.
    """
    out = Discovered()
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.files.append(p)

    for path in paths:
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / n for n in names if n.endswith(SUFFIXES))
            if not found:
                out.errors.append((path, "no framework files (*.yaml, *.yml) in this directory"))
            for p in sorted(found):
                add(p)
        elif path.exists():
            add(path)
        elif path.is_symlink():
            out.errors.append((path, "is a broken symbolic link"))
        else:
            out.errors.append((path, "no such file or directory"))
    return out
