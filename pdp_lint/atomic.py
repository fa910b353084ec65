"""Atomic writes: a temporary file beside the target, then a rename.

A target that is not a regular file -- ``/dev/null``, ``/dev/stdout``, a named pipe --
is written to directly: a rename would put a regular file in place of the device or
the pipe (``-o /dev/null`` would replace the system's ``/dev/null``).
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

#: from this many files on, write_many_atomic flushes each file system they are on once
#: (Linux's syncfs) rather than every file and folder on its own
FLUSH_WHOLE_FROM = 16


def why_unwritable(exc: OSError) -> str:
    """Why a path the user chose cannot be written, in a few words."""
    if isinstance(exc, NotADirectoryError | FileExistsError):
        # mkdir of the folders, or the write itself, met a file where a folder belongs
        return "a part of the path is a file, not a folder"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return exc.strerror or str(exc)


def current_umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def is_special(path: Path) -> bool:
    """Whether ``path`` names something other than a regular file or a folder: a device,
    a named pipe or a socket (links followed). Such a target is written to, never
    replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_special(path: Path, data: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(data)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    if is_special(path):
        _write_special(path, data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            # keep an existing file's mode; a new file gets the usual mode for the umask
            # (mkstemp creates 0600, which would make handouts private)
            Path(tmp).chmod(
                path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~current_umask()
            )
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def write_text_atomic(path: Path, text: str, encoding: str = "utf-8") -> None:
    write_bytes_atomic(path, text.encode(encoding))


def write_file_through_links(path: Path, data: bytes) -> Path:
    """Replace the content of the file ``path`` names, keeping its links; return the file.

    A symbolic link is followed: the file it names is written and the link stays. A
    file with other hard links is rewritten in place, since a rename would give this
    name a new file and leave the other names holding the old text; a copy of the old
    bytes is kept beside it while it is written (and left there, named
    ``.<name>.<random>.bak``, only if the process dies half-way). Any other file is
    replaced atomically.
    """
    target = path.resolve()
    if is_special(target):
        _write_special(target, data)
        return target
    try:
        links = target.stat().st_nlink
    except OSError:
        links = 1
    if links > 1:
        _write_in_place(target, data)
    else:
        write_bytes_atomic(target, data)
    return target


def _write_in_place(path: Path, data: bytes) -> None:
    old = path.read_bytes()
    fd, backup = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".bak", dir=path.parent)
    with os.fdopen(fd, "wb") as fh:
        fh.write(old)
        fh.flush()
        os.fsync(fh.fileno())
    try:
        with path.open("r+b") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with path.open("r+b") as fh:  # put the old bytes back; the copy stays if this fails
            fh.write(old)
            fh.truncate()
        Path(backup).unlink()
        raise
    Path(backup).unlink()


def write_many_atomic(files: Iterable[tuple[Path, Callable[[], bytes]]]) -> list[Path]:
    """Write many files so that each reader sees an old file or a new one, never half.

    Each file's bytes (made by its callable, as it comes) go to a temporary file beside
    it; once every file is written, they are flushed to disk in one pass, renamed into
    place and their folders flushed. One flush pass at the end costs far less than a
    flush per file, when the disk commits its journal for each; from FLUSH_WHOLE_FROM
    files on, where the system has syncfs (Linux), the pass is one flush of each file
    system the files are on, before the renames and again after them. If anything
    fails, the temporary files not yet renamed are removed: the targets renamed before
    the failure are new and whole, the others unchanged (none if the failure came
    before the renames).
    """
    staged: list[tuple[Path, Path]] = []
    written: list[Path] = []
    renamed = 0
    whole = False
    mask = current_umask()
    try:
        for path, render in files:
            data = render()
            if is_special(path):
                _write_special(path, data)
                written.append(path)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((Path(name), path))
            written.append(path)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        folders = list(dict.fromkeys(path.parent for _, path in staged))
        whole = len(staged) >= FLUSH_WHOLE_FROM and _flush_file_systems(folders)
        for tmp, path in staged:
            if not whole:
                _fsync_path(tmp, os.O_RDWR)  # some systems flush only what is open to write
            with contextlib.suppress(OSError):
                # keep an existing file's mode; a new file gets the usual mode for the umask
                tmp.chmod(path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~mask)
        for tmp, path in staged:
            tmp.replace(path)
            renamed += 1
    except BaseException:
        for tmp, _ in staged[renamed:]:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    if whole:
        with contextlib.suppress(OSError):  # as for the folders below: the files are whole
            _flush_file_systems(folders)
        return written
    for folder in folders:
        with contextlib.suppress(OSError):  # not every system can open a folder
            _fsync_path(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    return written


def _fsync_path(path: Path, flags: int) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_file_systems(folders: Iterable[Path]) -> bool:
    """Flush the file system of each of ``folders`` to disk, once each (syncfs waits for
    the writes, as fsync of every file on it would); False, and nothing done, where the
    system has no syncfs."""
    syncfs = _syncfs()
    if syncfs is None:
        return False
    done: set[int] = set()
    for folder in folders:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            device = os.fstat(fd).st_dev
            if device not in done and syncfs(fd) != 0:
                import ctypes

                code = ctypes.get_errno()
                raise OSError(code, os.strerror(code), str(folder))
            done.add(device)
        finally:
            os.close(fd)
    return True


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function: Any = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    found: Callable[[int], int] = function
    return found
