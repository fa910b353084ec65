"""The hooks, run by the real pre-commit in a temporary content repository.

The hook repository is a snapshot of this checkout (tracked and untracked files, as they
are in the working tree), committed in a git repository of its own, so the test runs the
code under test, not the last commit. The snapshot and pre-commit's environment for it
are kept in pytest's cache folder for the next run of the same files (see ``store``).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Content Owner",
    "GIT_AUTHOR_EMAIL": "owner@example.com",
    "GIT_COMMITTER_NAME": "Content Owner",
    "GIT_COMMITTER_EMAIL": "owner@example.com",
}


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=True
    )
    return result.stdout.strip()


#: the snapshot's commit is dated, so that the same files give the same commit
DATED = {"GIT_AUTHOR_DATE": "2023-11-14T22:13:20Z", "GIT_COMMITTER_DATE": "2023-11-14T22:13:20Z"}


def _snapshot_files() -> list[str]:
    files = git(ROOT, "ls-files", "-co", "--exclude-standard", "-z").split("\0")
    return sorted(name for name in files if name and (ROOT / name).is_file())


def _content_key(files: list[str]) -> str:
    digest = hashlib.sha256()
    for name in files:
        data = (ROOT / name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:16]


@pytest.fixture(scope="module")
def store(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder for the hook repository's snapshot and pre-commit's environments, kept
    from run to run (in pytest's cache folder) for the same files of this checkout.

    pre-commit installs pdp-lint in a new virtual environment for each hook repository
    it has not seen (a package build and its dependencies: most of this module's time).
    The snapshot of an unchanged checkout is the same commit in the same place, so a
    later run finds that environment installed; any change of a file gives a new key,
    a new snapshot and a fresh install, and the folders of other keys are removed.
    """
    cache = getattr(pytestconfig, "cache", None)
    base = (
        Path(cache.mkdir("pre-commit-hooks"))
        if cache is not None
        else tmp_path_factory.mktemp("pre-commit-hooks")
    )
    files = _snapshot_files()
    key = _content_key(files)
    with (base / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another run of this checkout waits here
        for other in base.iterdir():
            if other.is_dir() and other.name != key:
                shutil.rmtree(other, ignore_errors=True)
        folder = base / key
        if not (folder / "snapshot-complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            _snapshot(files, folder / "repo")
            (folder / "snapshot-complete").touch()
        yield folder


def _snapshot(files: list[str], snapshot: Path) -> None:
    """The files of this checkout, as they are in the working tree, in one commit."""
    for name in files:
        dest = snapshot / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest)
    env = {**os.environ, **GIT_ENV, **DATED}
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    git(snapshot, "init", "-q", "-b", "main", env=env)
    # pre-commit clones the snapshot (git fetch): its objects are stored and sent
    # uncompressed, which spares zlib 12 MB of files twice and changes no file
    git(snapshot, "config", "core.compression", "0", env=env)
    git(snapshot, "add", "-A", env=env)
    git(snapshot, "commit", "-q", "--no-gpg-sign", "-m", "snapshot", env=env)


@pytest.fixture(scope="module")
def env(store: Path) -> dict[str, str]:
    out = dict(os.environ)
    out.update(GIT_ENV)
    out["PRE_COMMIT_HOME"] = str(store / "home")
    out.pop("GIT_DIR", None)
    out.pop("GIT_INDEX_FILE", None)
    # pre-commit installs pdp-lint and its dependencies without compiling every module
    # (pip reads its `--no-compile` switch from the environment inverted: 0 turns
    # compiling off); the hooks' first run compiles what they import and keeps it
    out["PIP_NO_COMPILE"] = "0"
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    # the hook environment is a virtualenv seeded with pip alone: setuptools is neither
    # the build backend (hatchling, in pip's isolated build environment) nor a
    # dependency; and virtualenv does not start its background download of newer seed
    # wheels (a pip run per seed package, on a machine whose cache of them is new)
    out["VIRTUALENV_NO_SETUPTOOLS"] = "1"
    out["VIRTUALENV_NO_PERIODIC_UPDATE"] = "1"
    # the hook scripts run `python -m pre_commit`-installed hooks with this interpreter
    out["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{out.get('PATH', '')}"
    return out


@pytest.fixture(scope="module")
def hook_repo(store: Path, env: dict[str, str]) -> tuple[str, str]:
    snapshot = store / "repo"
    return str(snapshot), git(snapshot, "rev-parse", "HEAD", env=env)


@pytest.fixture
def content_repo(tmp_path: Path, env: dict[str, str], hook_repo: tuple[str, str]) -> Iterator[Path]:
    repo = tmp_path / "content"
    (repo / "frameworks").mkdir(parents=True)
    for path in sorted((ROOT / "frameworks").glob("*.yaml")):
        shutil.copy2(path, repo / "frameworks" / path.name)
    # a content repository keeps its own configuration and domain vocabulary
    for name in ("pdp-lint.toml", "vocabulary.txt"):
        shutil.copy2(ROOT / name, repo / name)
    url, rev = hook_repo
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {url}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: pdp-lint\n"
        "      - id: pdp-lint-fix\n",
        encoding="utf-8",
    )
    git(repo, "init", "-q", "-b", "main", env=env)
    subprocess.run([*PRE_COMMIT, "install"], cwd=repo, env=env, check=True, capture_output=True)
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-q", "--no-verify", "-m", "initial content", env=env)
    yield repo


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    git(repo, "add", "-A", env=env)
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=repo, env=env, capture_output=True, text=True
    )


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` with ``new``; return the 1-based line of the change."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_commit_adding_a_misspelling_is_rejected_with_its_position(content_repo, env):
    target = content_repo / "frameworks" / "cx-pdp.yaml"
    line = edit(target, "Articulates ideas effectively", "Articulates ideas in Communcation")
    result = commit(content_repo, env, "typo")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    # each hook reports it in its own section of pre-commit's output: the check hook
    # alone must reject the commit, whatever the fix hook says after it
    for hook in ("pdp-lint", "pdp-lint-fix"):
        section = hook_output(output, hook)
        assert f"frameworks/cx-pdp.yaml:{line}:" in section, output
        assert "SP01" in section and "Communcation" in section, output


def hook_output(output: str, hook: str) -> str:
    """What pre-commit printed for the hook ``hook``: from its `- hook id:` line to the
    next hook's status line (the one ending in Passed, Failed or Skipped)."""
    marker = f"- hook id: {hook}\n"
    assert marker in output, output
    section = output.split(marker, 1)[1]
    lines = section.splitlines()
    end = next(
        (
            i
            for i, text in enumerate(lines)
            if text.endswith(("Passed", "Failed", "Skipped")) and "...." in text
        ),
        len(lines),
    )
    return "\n".join(lines[:end])


def test_clean_commit_passes(content_repo, env):
    target = content_repo / "frameworks" / "cx-pdp.yaml"
    edit(target, "Articulates ideas effectively", "Articulates ideas clearly")
    result = commit(content_repo, env, "wording")
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_file_commit_still_gets_a_cross_file_finding(content_repo, env):
    experts = (content_repo / "frameworks" / "cx-knowledge-experts.yaml").read_text("utf-8")
    summary = next(
        line.split("summary: ", 1)[1]
        for line in experts.splitlines()
        if line.strip().startswith("summary: Gain and maintain")
    )
    managers = content_repo / "frameworks" / "cx-knowledge-managers.yaml"
    text = managers.read_text("utf-8")
    start = text.index("summary: Masters the knowledge")
    end = text.index("\n", start)
    managers.write_text(text[:start] + "summary: " + summary + text[end:], encoding="utf-8")
    result = commit(content_repo, env, "copy a summary")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "frameworks/cx-knowledge-managers.yaml" in output
    assert "CP01" in output
    assert "cx-knowledge-experts.yaml" in output


def test_fix_hook_repairs_a_doubled_space_and_the_second_commit_passes(content_repo, env):
    target = content_repo / "frameworks" / "cx-pdp.yaml"
    edit(target, "Articulates ideas effectively", "Articulates ideas  clearly")
    first = commit(content_repo, env, "wording, with a doubled space")
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert "Articulates ideas clearly" in target.read_text("utf-8")
    second = commit(content_repo, env, "doubled space, fixed")
    assert second.returncode == 0, second.stdout + second.stderr


def test_the_kept_hook_environment_is_keyed_by_every_files_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tests.hooks.test_precommit as module

    monkeypatch.setattr(module, "ROOT", tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "module.py").write_text("print(1)\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# pdp-lint\n", encoding="utf-8")
    files = ["README.md", "pkg/module.py"]
    key = _content_key(files)
    assert _content_key(files) == key
    (tmp_path / "pkg" / "module.py").write_text("print(2)\n", encoding="utf-8")
    assert _content_key(files) != key
    (tmp_path / "pkg" / "module.py").write_text("print(1)\n", encoding="utf-8")
    assert _content_key(files) == key
    (tmp_path / "new.py").write_text("", encoding="utf-8")  # a new, untracked file
    assert _content_key([*files, "new.py"]) != key
