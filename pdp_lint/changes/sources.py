"""The two sides of a comparison: frameworks from a git revision, a file or a folder.

A revision is read with two git commands whatever the number of files (no shell, no
work tree touched): ``git ls-tree`` lists its files with their blobs, and one ``git
cat-file --batch`` reads every blob. Each file is loaded from its text through the
project's loader, so a framework reads the same from git as from disk. Anything that
stops a side from being read (a revision that does not exist, a file that does not
load) is a ``SourceError`` with one line to tell.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import msgspec

from pdp_lint.engine.discovery import SUFFIXES, discover
from pdp_lint.load.loader import Loaded, load_text
from pdp_lint.load.source import ReadError, decode, read_source
from pdp_lint.model.framework import Framework

#: how long one git command may take before the comparison gives up
GIT_TIMEOUT = 60


class SourceError(Exception):
    """A side that cannot be read; the message is one line for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Side(msgspec.Struct, kw_only=True):
    """The frameworks of one side, each with the file it came from (as shown to people)."""

    label: str
    frameworks: list[tuple[str, Framework]]
    #: a single file was given: it is compared with the other side's single file
    single: bool = False
    #: the files are on disk (not in a revision): their lines can be shown
    on_disk: bool = False


def _git(args: Sequence[str], cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise SourceError("git is not installed; compare two files or folders instead") from None
    except subprocess.TimeoutExpired:
        raise SourceError(f"git {args[0]} took over {GIT_TIMEOUT} s; try again") from None


def _in_repository(cwd: Path | None = None) -> bool:
    done = _git(["rev-parse", "--is-inside-work-tree"], cwd)
    return done.returncode == 0 and done.stdout.strip() == b"true"


def default_base() -> str:
    """The revision to compare with by default: the latest tag, else the last commit."""
    if not _in_repository():
        raise SourceError(
            "not inside a git repository, so there is no revision to compare with; "
            "pass OLD and NEW (two files or folders)"
        )
    done = _git(["describe", "--tags", "--abbrev=0", "HEAD"])
    if done.returncode == 0 and done.stdout.strip():
        return done.stdout.decode("utf-8", "replace").strip()
    if _git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).returncode != 0:
        raise SourceError("the repository has no commit yet to compare with; commit first")
    return "HEAD"


def check_revision(rev: str, cwd: Path | None = None, or_path: bool = True) -> None:
    """Refuse a revision git does not know (and anything that looks like an option).

    ``or_path``: the value could have been a file or folder too, and the message says so.
    """
    if rev.startswith("-") or not rev.strip():
        what = "a git revision, a file or a folder" if or_path else "a git revision"
        raise SourceError(f"`{rev}` is not {what}")
    if not _in_repository(cwd):
        if not or_path:
            where = cwd.as_posix() if cwd is not None else "this folder"
            raise SourceError(
                f"{where} is not in a git repository, so there is no revision `{rev}` to "
                "compare with"
            )
        raise SourceError(
            f"`{rev}` is not a file or folder, and this is not a git repository where it "
            "could be a revision; pass two files or folders"
        )
    done = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    if done.returncode != 0:
        what = "neither a file, a folder nor a git revision" if or_path else "not a git revision"
        raise SourceError(
            f"`{rev}` is {what} of this repository; "
            "see `git tag` or `git log --oneline` for revisions"
        )


def _loaded(loaded: Loaded, shown: str) -> Framework:
    if loaded.framework is not None:
        return loaded.framework
    first = loaded.problems[0] if loaded.problems else None
    where = f"{shown}:{first.line}:{first.column}" if first else shown
    what = first.message if first else "does not load"
    raise SourceError(
        f"{where}: {what}; a framework must load to be compared (see `pdp-lint check`)"
    )


def from_revision(
    rev: str, paths: Sequence[Path], cwd: Path | None = None, or_path: bool = True
) -> Side:
    """The frameworks under ``paths`` as they are in revision ``rev``.

    ``paths`` and the files' names are relative to ``cwd`` (default: the working folder);
    ``or_path`` as for ``check_revision``.
    """
    check_revision(rev, cwd, or_path)
    listed = _git(
        ["ls-tree", "-r", "-z", f"{rev}^{{commit}}", "--", *map(str, paths)],
        cwd,
    )
    if listed.returncode != 0:
        message = listed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(f"git ls-tree {rev}: {message[-1] if message else 'failed'}")
    wanted: list[tuple[str, str]] = []  # (name, what git cat-file is asked for)
    for entry in listed.stdout.decode("utf-8", "surrogateescape").split("\0"):
        meta, tab, name = entry.partition("\t")
        parts = meta.split()
        if not tab or len(parts) != 3 or parts[1] != "blob":
            continue  # a submodule (commit) has nothing to read
        pure = PurePosixPath(name)
        if pure.suffix not in SUFFIXES or any(part.startswith(".") for part in pure.parts[:-1]):
            continue
        # a symbolic link (mode 120000) is read where it leads inside the revision, as
        # `check` reads it on disk: its blob holds only the path it names
        wanted.append((name, f"{rev}^{{commit}}:{name}" if parts[0] == "120000" else parts[2]))
    wanted.sort()
    label = revision_label(rev)
    blobs = _read_blobs([blob for _, blob in wanted], cwd)
    frameworks = []
    for (name, asked), data in zip(wanted, blobs, strict=True):
        shown = f"{label}:{name}"
        if data is None and ":" in asked:
            raise SourceError(
                f"{shown}: a symbolic link git cannot follow inside the revision (it "
                "dangles, loops or leads outside the repository); point it at a framework"
            )
        if data is None:
            raise SourceError(f"{shown}: git cannot read it")
        try:
            source = decode(Path(name), data)
        except ReadError as exc:
            raise SourceError(f"{shown}:{exc.line}:{exc.column}: {exc.message}") from None
        frameworks.append((name, _loaded(load_text(source), shown)))
    return Side(label=revision_label(rev), frameworks=frameworks)


#: what git cat-file --follow-symlinks answers for a link it cannot follow to a blob
_UNFOLLOWED = (b"dangling", b"loop", b"notdir", b"symlink")


def _read_blobs(blobs: Sequence[str], cwd: Path | None) -> list[bytes | None]:
    """The bytes of each blob, in order, read by one ``git cat-file --batch``; ``None``
    for a blob git reports missing."""
    if not blobs:
        return []
    ask = "".join(f"{blob}\n" for blob in blobs).encode("utf-8", "surrogateescape")
    try:
        done = subprocess.run(
            # --follow-symlinks: `<rev>:<link>` names the blob the link leads to
            ["git", "cat-file", "--batch", "--follow-symlinks"],
            cwd=cwd,
            input=ask,
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise SourceError("git is not installed; compare two files or folders instead") from None
    except subprocess.TimeoutExpired:
        raise SourceError(f"git cat-file took over {GIT_TIMEOUT} s; try again") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(f"git cat-file: {message[-1] if message else 'failed'}")
    out = done.stdout
    read: list[bytes | None] = []
    at = 0
    for _ in blobs:
        # "<id> blob <size>\n<bytes>\n", or "<id> missing\n"; for a link that cannot
        # be followed, "dangling|loop|notdir|symlink <size>\n<path>\n"
        end = out.find(b"\n", at)
        if end < 0:
            raise SourceError("git cat-file: its answer ended early")
        header = out[at:end].split()
        at = end + 1
        if len(header) == 2 and header[0] in _UNFOLLOWED and header[1].isdigit():
            at += int(header[1]) + 1
            read.append(None)
            continue
        if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
            read.append(None)
            continue
        size = int(header[2])
        read.append(out[at : at + size])
        at += size + 1
    return read


def revision_label(rev: str) -> str:
    """How a revision is shown: a full commit id is shortened as git shortens it."""
    if len(rev) == 40 and all(ch in "0123456789abcdef" for ch in rev):
        return rev[:12]
    return rev


def from_paths(paths: Sequence[Path], label: str) -> Side:
    """The frameworks in the files and folders ``paths`` as they are on disk."""
    found = discover(paths)
    if found.errors:
        path, problem = found.errors[0]
        raise SourceError(f"{path.as_posix()}: {problem}")
    frameworks = []
    for file in found.files:
        shown = file.as_posix()
        try:
            source = read_source(file)
        except ReadError as exc:
            raise SourceError(f"{shown}:{exc.line}:{exc.column}: {exc.message}") from None
        frameworks.append((shown, _loaded(load_text(source), shown)))
    single = len(paths) == 1 and paths[0].is_file()
    return Side(label=label, frameworks=frameworks, single=single, on_disk=True)
