"""Writing to a device or a named pipe writes to it and never replaces it.

An atomic write renames a temporary file over its target; done to ``/dev/null`` (``check
-o /dev/null``, a common way to keep only the exit status) it put a regular file in
place of the system's ``/dev/null``, and every later program that reads it broke.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pdp_lint.atomic import write_bytes_atomic, write_file_through_links, write_many_atomic

ROOT = Path(__file__).resolve().parents[2]


def _read_fifo_in_background(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    got: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader, got


@pytest.mark.parametrize("writer", ["bytes", "through_links", "many"])
def test_a_named_pipe_is_written_to_and_stays_a_pipe(tmp_path: Path, writer: str) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    reader, got = _read_fifo_in_background(fifo)
    if writer == "bytes":
        write_bytes_atomic(fifo, b"report\n")
    elif writer == "through_links":
        write_file_through_links(fifo, b"report\n")
    else:
        assert write_many_atomic([(fifo, lambda: b"report\n")]) == [fifo]
    reader.join(timeout=30)
    assert got == [b"report\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary file left


def test_check_output_to_dev_null_keeps_dev_null_a_device() -> None:
    before = Path(os.devnull).stat()
    assert stat.S_ISCHR(before.st_mode)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pdp_lint",
            "check",
            "--no-cache",
            "--format",
            "json",
            "-o",
            os.devnull,
            "frameworks/cx-pdp.yaml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    after = Path(os.devnull).stat()
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_check_output_to_a_named_pipe_streams_the_report(tmp_path: Path) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    reader, got = _read_fifo_in_background(fifo)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pdp_lint",
            "check",
            "--no-cache",
            "--format",
            "json",
            "-o",
            str(fifo),
            "frameworks/cx-pdp.yaml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert got and b'"problems": []' in got[0]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
