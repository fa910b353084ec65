"""Paths that are not framework files: missing, looping, broken, unreadable, pipes."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import Settings
from pdp_lint.load.source import ReadError, read_source
from tests.hardening.helpers import (
    CLEAN,
    outcome_within,
    pdp_lint,
    swapped_after_the_look,
    write,
)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write(tmp_path / "fw", CLEAN)


def _io(run, path: Path, words: str) -> None:
    assert f"{path.as_posix()}:1:1: error: IO01 {words}" in run.out, run.out


def test_a_directory_with_no_frameworks(tmp_path: Path, good: Path):
    (tmp_path / "empty").mkdir()
    run = pdp_lint("check", tmp_path / "empty", good)
    assert run.status == 2
    _io(run, tmp_path / "empty", "no framework files (*.yaml, *.yml) in this directory")
    assert "(1 checked)" in run.out


def test_a_path_that_does_not_exist(tmp_path: Path, good: Path):
    run = pdp_lint("check", tmp_path / "nope.yaml", good)
    assert run.status == 2
    _io(run, tmp_path / "nope.yaml", "no such file or directory")
    assert "(1 checked)" in run.out


def test_a_directory_link_to_itself_is_not_followed(good: Path):
    (good.parent / "self").symlink_to(".")
    run = pdp_lint("check", good.parent)
    assert (run.status, run.out) == (0, "")


def test_a_file_symlink_cycle_is_named_a_loop(good: Path):
    a, b = good.parent / "a.yaml", good.parent / "b.yaml"
    a.symlink_to(b.name)
    b.symlink_to(a.name)
    run = pdp_lint("check", "--no-color", good.parent, a)
    assert run.status == 2
    for link in (a, b):
        _io(run, link, "is a symbolic link loop; point the link at a framework file")
    assert len(run.problems()) == 2, "a path reached twice is told once"
    assert "(1 checked)" in run.out


def test_a_broken_symlink(good: Path):
    link = good.parent / "gone.yaml"
    link.symlink_to("missing.yaml")
    run = pdp_lint("check", good.parent)
    assert run.status == 2
    _io(run, link, "is a broken symbolic link; point it at a framework file or remove it")


@pytest.mark.parametrize("given", ["directory", "file"])
def test_a_named_pipe_is_refused_without_blocking(good: Path, given: str):
    fifo = good.parent / "pipe.yaml"
    os.mkfifo(fifo)
    run = pdp_lint(
        "check", good.parent if given == "directory" else fifo, good, timeout=20, child=True
    )
    assert run.status == 2
    _io(run, fifo, "is not a regular file (a pipe, socket or device); pass a framework file")
    assert "(1 checked)" in run.out


def test_an_unreadable_file_in_process(good: Path, monkeypatch: pytest.MonkeyPatch):
    other = write(good.parent, CLEAN.replace("id: demo", "id: other"), "other.yaml")
    real = os.open

    def deny(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path).endswith("demo.yaml"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = run_check([good, other], Settings(root=good.parent))
    assert result.unreadable
    assert [(p.file, p.code, p.message) for p in result.report.problems] == [
        (good.as_posix(), "IO01", "permission denied; make the file readable")
    ]
    assert [item.framework is not None for item in result.loaded] == [False, True]


@pytest.mark.parametrize("becomes", ["device", "pipe"])
def test_a_path_turned_into_a_device_or_pipe_after_the_look_is_refused_unread(
    good: Path, becomes: str, monkeypatch: pytest.MonkeyPatch
):
    # the file is looked at (a regular file), then the path is swapped before it is
    # opened: a link to /dev/zero was read until memory ran out, a pipe waited for a writer
    link = good.parent / "swapped.yaml"
    if becomes == "device":
        link.symlink_to("/dev/zero")
    else:
        os.mkfifo(good.parent / "pipe")
        link.symlink_to(good.parent / "pipe")
    swapped_after_the_look(monkeypatch, link, good.stat())
    error = outcome_within(10, lambda: read_source(link, 10_000))
    assert isinstance(error, ReadError), error
    assert error.message == (
        "is not a regular file (a pipe, socket or device); pass a framework file"
    )


def test_a_file_that_grows_while_it_is_read_is_refused_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "growing.yaml"
    path.write_bytes(b"# " + b"x" * 4_998)  # 5,000 bytes, where the look found 100
    real_fstat, real_read = os.fstat, os.read
    asked: list[int] = []

    def fstat(fd: int) -> os.stat_result:
        found = real_fstat(fd)
        if found.st_size != 5_000:
            return found
        fields = list(found)
        fields[6] = 100  # st_size
        return os.stat_result(fields)

    def read(fd: int, n: int) -> bytes:
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "fstat", fstat)
    monkeypatch.setattr(os, "read", read)
    with pytest.raises(ReadError) as refused:
        read_source(path, 2_000)
    assert refused.value.message == (
        "file grew while it was read, over the 2,000-byte limit; "
        "split it or raise `max-file-size` in the configuration"
    )
    assert sum(asked) <= 2_001, asked  # no more than the limit was read


def _unprivileged() -> list[str] | None:
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return None
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def shared_folder():
    """A folder an unprivileged user can reach (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="pdp-lint-hardening-"))
    folder.chmod(0o755)
    yield folder
    for p in folder.rglob("*"):
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)
    shutil.rmtree(folder)


def _as_nobody(*args: str | Path) -> subprocess.CompletedProcess[str]:
    import sys

    from tests.conftest import ROOT

    command = _unprivileged()
    assert command is not None
    done = subprocess.run(
        [*command, sys.executable, "-m", "pdp_lint", *map(str, args)],
        capture_output=True,
        text=True,
        cwd="/",
        env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": "/", "NO_COLOR": "1"},
        check=False,
    )
    if "No module named" in done.stderr or "can't open file" in done.stderr:
        pytest.skip("pdp-lint is not readable by an unprivileged user here")
    return done


nobody = pytest.mark.skipif(
    _unprivileged() is None, reason="needs root and setpriv to drop privileges"
)


@nobody
def test_an_unreadable_file_and_folder_as_an_unprivileged_user(shared_folder: Path):
    top = shared_folder / "fw"
    good = write(top, CLEAN)
    secret = write(top, CLEAN.replace("id: demo", "id: secret"), "secret.yaml")
    closed = top / "closed"
    write(closed, CLEAN, "inside.yaml")
    top.chmod(0o755)
    good.chmod(0o644)
    secret.chmod(0o000)
    closed.chmod(0o000)
    done = _as_nobody("check", top)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"{secret.as_posix()}:1:1: error: IO01 permission denied; make the file readable" in (
        done.stdout
    )
    assert f"{closed.as_posix()}:1:1: error: IO01 cannot list this directory; make it readable" in (
        done.stdout
    )
    assert "(2 checked)" in done.stdout


@nobody
def test_a_path_inside_a_folder_that_cannot_be_searched(shared_folder: Path):
    good = write(shared_folder / "open", CLEAN)
    good.parent.chmod(0o755)
    good.chmod(0o644)
    hidden = write(shared_folder / "private", CLEAN)
    hidden.parent.chmod(0o700)
    done = _as_nobody("check", hidden, good)
    assert "internal error" not in done.stderr, done.stderr
    assert done.returncode == 2
    assert f"{hidden.as_posix()}:1:1: error: IO01 permission denied" in done.stdout
    assert "(1 checked)" in done.stdout


@pytest.mark.parametrize("command", ["export", "site"])
@pytest.mark.parametrize(
    ("out", "reason"),
    [
        ("plain/sub", "a part of the path is a file, not a folder"),
        ("/proc/no-such-folder", "No such file or directory"),
    ],
)
def test_an_out_folder_that_cannot_be_made_is_one_line(
    tmp_path: Path, good: Path, command: str, out: str, reason: str
):
    """A file where a folder of --out belongs, or a place where no folder can be made,
    ended in `internal error: NotADirectoryError` (or FileNotFoundError)."""
    (tmp_path / "plain").write_text("a file\n")
    folder = tmp_path / out if not out.startswith("/") else Path(out)
    args = ("--force",) if command == "export" else ()
    run = pdp_lint(command, good, "--out", folder, *args, cwd=tmp_path)
    what = "the handouts" if command == "export" else "the site"
    shown = folder if command == "export" else folder.absolute()
    assert (run.status, run.out) == (2, ""), run
    assert run.err == (
        f"pdp-lint: cannot write {what} to {shown}: {reason}; choose another --out folder\n"
    )


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "gitlab", "junit", "github"])
def test_a_file_name_that_is_not_utf8_keeps_every_report_valid(tmp_path: Path, fmt: str):
    """A name's byte that is not UTF-8 reached the reports as the file system gave it:
    SARIF and GitLab ended in `internal error: UnicodeEncodeError`, so did any format
    with -o, and the others wrote a byte that made them invalid UTF-8 (JSON, XML)."""
    import json
    import xml.etree.ElementTree as ElementTree

    folder = tmp_path / "fw"
    folder.mkdir()
    name = os.fsdecode(b"bad\xff.yaml")
    (folder / name).write_text(CLEAN.replace("summary: Knows things.", "summary: Knows thigns."))
    for output in (None, tmp_path / f"report.{fmt}"):
        extra = ("-o", output) if output else ()
        # text to a child's standard output: in this process, the stream's error
        # handler let the raw byte through where a child's wrote it
        child = fmt == "text" and output is None
        run = pdp_lint("check", "--no-cache", "--format", fmt, *extra, folder, child=child)
        assert run.status == 1, run
        assert run.err == "", run.err
        data = output.read_bytes() if output else run.out.encode("utf-8", "surrogateescape")
        text = data.decode("utf-8")  # valid UTF-8
        # named with the byte escaped (a URI percent-encodes it)
        assert "bad\\udcff.yaml" in text or (fmt == "sarif" and "bad%FF.yaml" in text), text
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(text)
        elif fmt == "junit":
            ElementTree.fromstring(data)


def test_control_characters_of_a_file_name_are_escaped_in_the_text_report(tmp_path: Path):
    """A name holding a line break split each finding's line in two; one holding ESC
    sent an escape sequence to the terminal."""
    folder = tmp_path / "fw"
    folder.mkdir()
    (folder / "new\nline\x1b.yaml").write_text(
        CLEAN.replace("summary: Knows things.", "summary: Knows thigns.")
    )
    run = pdp_lint("check", "--no-cache", "--no-color", folder)
    assert run.status == 1, run
    first = run.out.splitlines()[0]
    assert first.startswith(f"{folder.as_posix()}/new\\nline\\x1b.yaml:"), first
    assert "\x1b" not in run.out
