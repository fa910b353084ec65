"""Reading a side of a comparison from a git revision."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from pdp_lint.changes import sources
from pdp_lint.changes.sources import SourceError, from_revision
from pdp_lint.load.loader import load_text
from pdp_lint.load.source import decode
from tests.changes.gitrepo import commit, git, make_repo


def _counting_git(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every command ``sources`` starts, in order."""
    started: list[list[str]] = []
    real = subprocess.run

    def run(args: list[str], *rest: Any, **options: Any) -> Any:
        started.append(list(args))
        return real(args, *rest, **options)

    monkeypatch.setattr(sources.subprocess, "run", run)
    return started


def test_a_revision_is_read_with_the_same_few_git_commands_whatever_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a repository of 40 frameworks: one git command a file would be 40 processes, which
    # a content repository of a large organisation pays on every pull request
    root = make_repo(tmp_path / "repo")
    canonical = sorted((root / "frameworks").glob("*.yaml"))
    for n in range(35):
        source = canonical[n % len(canonical)]
        text = source.read_text("utf-8").replace("id: ", f"id: c{n}-", 1)
        (root / "frameworks" / f"copy-{n:02}.yaml").write_text(text, "utf-8")
    git(root, "add", "frameworks")
    commit(root, "Forty frameworks")
    started = _counting_git(monkeypatch)
    side = from_revision("HEAD", [Path("frameworks")], cwd=root)
    assert len(side.frameworks) == 40
    assert len(started) <= 4, [" ".join(a[:3]) for a in started]
    names = [name for name, _ in side.frameworks]
    assert names == sorted(names)
    # each framework read as it is in the revision, byte for byte
    for name, framework in side.frameworks:
        on_disk = load_text(decode(Path(name), (root / name).read_bytes())).framework
        assert framework == on_disk, name


def test_a_committed_symbolic_link_is_read_where_it_leads(tmp_path: Path) -> None:
    """Its blob holds only the path it names: read as YAML, it was 'a framework must be
    a mapping', and `changes` refused every revision holding the link."""
    root = make_repo(tmp_path / "repo", tag=None)
    (root / "other").mkdir()
    target = root / "other" / "v2.yaml"
    source = sorted((root / "frameworks").glob("*.yaml"))[0]
    target.write_text(source.read_text("utf-8").replace("id: ", "id: v2-", 1), "utf-8")
    (root / "frameworks" / "current.yaml").symlink_to("../other/v2.yaml")
    (root / "frameworks" / "gone.yaml").symlink_to("../other/nowhere.yaml")
    git(root, "add", "-A")
    commit(root, "Links")
    with pytest.raises(SourceError) as refused:
        from_revision("HEAD", [Path("frameworks")], cwd=root)
    assert refused.value.args[0] == (
        "HEAD:frameworks/gone.yaml: a symbolic link git cannot follow inside the revision "
        "(it dangles, loops or leads outside the repository); point it at a framework"
    )
    git(root, "rm", "-q", "frameworks/gone.yaml")
    commit(root, "No dangling link")
    side = dict(from_revision("HEAD", [Path("frameworks")], cwd=root).frameworks)
    linked = side["frameworks/current.yaml"]
    assert linked.id.startswith("v2-")
    on_disk = load_text(decode(target, target.read_bytes())).framework
    assert on_disk is not None and (linked.id, linked.title) == (on_disk.id, on_disk.title)


def test_blobs_come_back_byte_for_byte_whatever_they_hold(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", tag=None)
    contents = {
        "a.yaml": b"",
        "b.yaml": b"no newline at the end",
        "c.yaml": b"\n\n" + bytes(range(256)) + b"\n123 blob 4\n",
        "d.yaml": b"x" * 70_000,
    }
    for name, data in contents.items():
        (root / name).write_bytes(data)
    git(root, "add", *contents)
    commit(root, "Odd files")
    listed = git(root, "ls-tree", "HEAD", "--", *contents).splitlines()
    blobs = [line.split()[2] for line in listed]
    assert sources._read_blobs([*blobs, "0" * 40], root) == [*contents.values(), None]
    assert sources._read_blobs([], root) == []


def test_a_file_that_does_not_load_in_the_revision_is_one_line(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo", tag=None)
    (root / "frameworks" / "broken.yaml").write_text("id: [unclosed\n", "utf-8")
    git(root, "add", "frameworks")
    commit(root, "Broken")
    with pytest.raises(SourceError) as raised:
        from_revision("HEAD", [Path("frameworks")], cwd=root)
    message = raised.value.message
    assert message.startswith("HEAD:frameworks/broken.yaml:")
    assert "\n" not in message
