"""The command line run in the test process answers as a child process does.

Most tests run ``pdp-lint`` through ``tests/clirun.py``, in their own process: these
cases run the same commands both ways and require the same exit status and the same
bytes on both streams, and the test process left as it was.
"""

from __future__ import annotations

import gc
import os
import signal
from pathlib import Path

import pytest

from tests import clirun
from tests.conftest import MINIMAL, ROOT

BROKEN = MINIMAL.replace("Knows things.", "Knows things  well, teh end.")


def _cases(tmp: Path) -> dict[str, tuple[list[str], bytes]]:
    (tmp / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp / "latin1.yaml").write_bytes(MINIMAL.replace("things", "th\xe9ngs").encode("latin-1"))
    # a file name that is not UTF-8: it reaches the output through surrogate escapes
    (
        tmp / "caf\udce9.yaml".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")
    ).write_bytes(b"id: [\n")
    return {
        "findings": (["check", "--no-cache", "broken.yaml"], b""),
        "findings_json": (["check", "--no-cache", "--format", "json", "broken.yaml"], b""),
        "unreadable": (["check", "--no-cache", "latin1.yaml"], b""),
        "undecodable_name": (["check", "--no-cache", "."], b""),
        "usage_error": (["check", "--format", "nope", "broken.yaml"], b""),
        "missing_file": (["check", "gone.yaml"], b""),
        "help": (["--help"], b""),
        "fix_diff": (["fix", "--diff", "--no-cache", "broken.yaml"], b""),
        "rules": (["rules", "SP01"], b""),
        "version": (["--version"], b""),
    }


@pytest.mark.parametrize(
    "case",
    [
        "findings",
        "findings_json",
        "unreadable",
        "undecodable_name",
        "usage_error",
        "missing_file",
        "help",
        "fix_diff",
        "rules",
        "version",
    ],
)
def test_in_process_run_matches_a_child_process(tmp_path: Path, case: str) -> None:
    args, stdin = _cases(tmp_path)[case]
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PDP_LINT_DEBUG", None)
    env.pop("COLUMNS", None)
    child = clirun.in_child(args, cwd=tmp_path, env=env, stdin=stdin)
    here = clirun.in_process(args, cwd=tmp_path, env=env, stdin=stdin)
    assert (here.returncode, here.out, here.err) == (child.returncode, child.out, child.err)
    assert child.out or child.err  # each case says something


def test_in_process_run_leaves_the_test_process_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    before = (Path.cwd(), dict(os.environ), signal.getsignal(signal.SIGINT))
    streams = (os.sys.stdout, os.sys.stderr, os.sys.stdin, os.sys.argv)  # type: ignore[attr-defined]
    done = clirun.in_process(["check", "broken.yaml"], cwd=tmp_path, env={"NO_COLOR": "1"})
    assert done.returncode == 1 and done.stdout.startswith("broken.yaml:")
    assert (Path.cwd(), dict(os.environ), signal.getsignal(signal.SIGINT)) == before
    assert (os.sys.stdout, os.sys.stderr, os.sys.stdin, os.sys.argv) == streams  # type: ignore[attr-defined]
    # the entry point's exit-time freeze of the collector did not happen here
    assert gc.freeze.__module__ == "gc" and gc.get_freeze_count() == 0


def test_a_run_that_may_fork_goes_to_a_child() -> None:
    assert clirun.needs_child(["check", "-j", "2", "x.yaml"])
    assert clirun.needs_child(["check", "--jobs=2", "x.yaml"])
    assert not clirun.needs_child(["check", "x.yaml"])
    done = clirun.run(["check", "--no-cache", "-j", "2", ROOT / "frameworks"])
    assert done.returncode == 0, done.stdout + done.stderr
