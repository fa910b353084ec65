"""A temporary git repository of the canonical frameworks, and scripted edits of it."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import FRAMEWORKS, ROOT

KE = "frameworks/cx-knowledge-experts.yaml"
CEM = "frameworks/customer-experience-management.yaml"

#: git with a fixed author and date, and no configuration of the machine or the user
_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        env={**os.environ, **_ENV},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


#: the repository ``make_repo`` made first in this process, by tag: later ones copy it
_MADE: dict[str | None, Path] = {}


def make_repo(root: Path, tag: str | None = "v1.0") -> Path:
    """A git repository at ``root`` with the canonical frameworks committed (and tagged).

    The first repository of a tag is made with git (init, add, commit, tag: four
    processes); the next ones are copies of it, the same commit with the same id, as
    the commit's author and date are fixed. Copied before any test edits it.
    """
    made = _MADE.get(tag)
    if made is not None and made.is_dir():
        shutil.copytree(made, root, symlinks=True, dirs_exist_ok=True)
        return root
    _make(root, tag)
    template = Path(tempfile.mkdtemp(prefix="pdp-lint-repo-"))
    atexit.register(shutil.rmtree, template, True)
    shutil.copytree(root, template / "repo", symlinks=True)
    _MADE[tag] = template / "repo"
    return root


def _make(root: Path, tag: str | None) -> None:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FRAMEWORKS, root / "frameworks")
    # the configuration and vocabulary the canonical frameworks are lint-clean with
    for name in ("pdp-lint.toml", "vocabulary.txt"):
        shutil.copy2(ROOT / name, root / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "frameworks", "pdp-lint.toml", "vocabulary.txt")
    git(root, "commit", "-q", "-m", "Frameworks 1.0")
    if tag:
        git(root, "tag", tag)


def commit(repo: Path, message: str = "Edit") -> None:
    git(repo, "commit", "-q", "-a", "-m", message)


def edit(repo: Path, file: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``file`` with ``new``."""
    path = repo / file
    text = path.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    path.write_text(text.replace(old, new), "utf-8")


def cut(repo: Path, file: str, block: str) -> None:
    edit(repo, file, block, "")


def paste_after(repo: Path, file: str, anchor: str, block: str) -> None:
    edit(repo, file, anchor, anchor + block)


def bump(repo: Path, file: str, version: str) -> None:
    edit(repo, file, "version: '1.0'", f"version: '{version}'")
