"""Which files a command works on."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Collection, Iterable
from pathlib import Path

import msgspec

SUFFIXES = (".yaml", ".yml")


def default_paths(paths: Iterable[Path]) -> list[Path]:
    """The paths to work on: those given, else ``frameworks/`` if present, else here."""
    given = list(paths)
    if given:
        return given
    folder = Path("frameworks")
    return [folder] if folder.is_dir() else [Path()]


class Discovered(msgspec.Struct, eq=False):
    """The framework files found, and the paths that could not be read as such."""

    files: list[Path] = msgspec.field(default_factory=list)
    errors: list[tuple[Path, str]] = msgspec.field(default_factory=list)


def discover(paths: Iterable[Path], leave_out: Collection[Path] = ()) -> Discovered:
    """Expand files and directories into framework files, sorted, without duplicates.

    Directories are searched recursively for ``*.yaml`` and ``*.yml``, skipping hidden
    directories; symbolic links to directories are not followed, so a link loop is
    harmless. A path that does not exist, a symbolic link loop, a broken link, a folder
    that cannot be listed and anything that is not a regular file (a named pipe would
    block the reader forever) are reported, not raised. Files found in a directory
    under a path in ``leave_out`` (files found already) are left out without being
    looked at again.
    """
    out = Discovered()
    seen: set[Path] = set()
    reported: set[Path] = set()

    def report(p: Path, problem: str) -> None:
        # the same path reached twice (a folder and a file in it) is told once
        key = Path(os.path.realpath(p.parent)) / p.name
        if key not in reported:
            reported.add(key)
            out.errors.append((p, problem))

    folders: dict[Path, str] = {}

    def real(p: Path) -> Path:
        """Where ``p`` is, links followed: its folder's place (found once per folder)
        and its name, unless the file itself is a link."""
        try:
            if stat.S_ISLNK(os.lstat(p).st_mode):
                return Path(os.path.realpath(p))
        except OSError:
            return Path(os.path.realpath(p))
        folder = folders.get(p.parent)
        if folder is None:
            folder = folders[p.parent] = os.path.realpath(p.parent)
        return Path(folder, p.name)

    def add(p: Path) -> None:
        problem = _not_a_file(p)
        if problem is not None:
            report(p, problem)
            return
        key = real(p)
        if key not in seen:
            seen.add(key)
            out.files.append(p)

    for path in paths:
        if is_dir(path):
            found: list[Path] = []
            unlisted: list[Path] = []

            def failed(exc: OSError, unlisted: list[Path] = unlisted, top: Path = path) -> None:
                unlisted.append(Path(exc.filename) if exc.filename else top)

            for root, dirs, names in os.walk(path, onerror=failed):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / n for n in names if n.endswith(SUFFIXES))
            for folder in unlisted:
                report(folder, "cannot list this directory; make it readable")
            if not found and not unlisted:
                report(path, "no framework files (*.yaml, *.yml) in this directory")
            for p in sorted(found):
                if p not in leave_out:
                    add(p)
        else:
            add(path)
    return out


def is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder; False when it cannot even be looked at."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):  # Path.is_dir lets "permission denied" through (and NUL)
        return False


def _is_symlink(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a framework file, or None if it can."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a symbolic link loop; point the link at a framework file"
        if exc.errno == errno.EACCES:
            return "permission denied; make the file and its folder readable"
        if _is_symlink(path):
            return "is a broken symbolic link; point it at a framework file or remove it"
        return "no such file or directory"
    if stat.S_ISREG(mode):
        return None
    return "is not a regular file (a pipe, socket or device); pass a framework file"
