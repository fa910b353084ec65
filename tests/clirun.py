"""Running the ``pdp-lint`` command line inside the test process, as a child would.

A child process costs some 0.2 s of processor time before it reads a byte (Python,
click, the rules, the word list); hundreds of tests run the command line, so most run
it here instead, through the same entry point (``pdp_lint.cli.commands.main``) with the same
arguments, working directory, environment and standard streams as a child would have:
its exit status, its output as bytes decoded as a parent would decode them, and its
last line of defence (one line and exit 2 for an unexpected failure) all alike. Only
what the process itself owns stays out: what is already imported, the garbage
collector's state (``main`` freezes it for a faster exit, which would keep every later
test's objects forever here) and the interrupt handler (put back afterwards).

Tests about the process itself (signals, memory limits, start-up imports, the real
hook, ``-j`` forking workers) run a child: ``in_child`` or their own ``subprocess``.
``tests/test_clirun.py`` checks that both ways give the same result.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import locale
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Completed:
    """What ``subprocess.run(..., capture_output=True, text=True)`` would give."""

    args: list[str]
    returncode: int
    out: bytes
    err: bytes

    @property
    def stdout(self) -> str:
        return _text(self.out)

    @property
    def stderr(self) -> str:
        return _text(self.err)


#: options that fork worker processes: the forks would copy this test process
_FORKING = ("-j", "--jobs")


def needs_child(args: Sequence[str]) -> bool:
    """Whether ``args`` must run in a child process (they may fork workers)."""
    return any(a in _FORKING or a.startswith(("--jobs=", "-j")) for a in args)


@functools.cache
def _stream_errors() -> tuple[str, str, str]:
    """The encoding and error handlers of a child's piped stdout and stderr here."""
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; print(sys.stdout.encoding, sys.stdout.errors, sys.stderr.errors)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    encoding, out_errors, err_errors = probe.stdout.split()
    return encoding, out_errors, err_errors


@contextlib.contextmanager
def _as_a_child(
    args: Sequence[str], cwd: Path, env: Mapping[str, str], stdin: bytes
) -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    """The process-wide state a child would start with, restored afterwards."""
    encoding, out_errors, err_errors = _stream_errors()
    out, err = io.BytesIO(), io.BytesIO()
    streams = {
        "stdin": io.TextIOWrapper(io.BytesIO(stdin), encoding=encoding, errors=out_errors),
        "stdout": io.TextIOWrapper(out, encoding=encoding, errors=out_errors, write_through=True),
        "stderr": io.TextIOWrapper(err, encoding=encoding, errors=err_errors, write_through=True),
    }
    saved_streams = {
        name: getattr(sys, name) for name in (*streams, "__stdout__", "__stderr__", "argv")
    }
    saved_env = dict(os.environ)
    saved_cwd = Path.cwd()
    saved_sigint = signal.getsignal(signal.SIGINT)
    freeze = gc.freeze
    try:
        for name, stream in streams.items():
            setattr(sys, name, stream)
        # the terminal's size is asked of these: a child's are pipes
        sys.__stdout__, sys.__stderr__ = streams["stdout"], streams["stderr"]  # type: ignore[misc]
        sys.argv = ["pdp-lint", *args]
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)
        gc.freeze = lambda: None
        yield out, err
    finally:
        gc.freeze = freeze
        for stream in streams.values():
            # detached, so that the wrapper's end does not close the bytes read below
            with contextlib.suppress(ValueError):
                stream.flush()
                stream.detach()
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        for name, value in saved_streams.items():
            setattr(sys, name, value)
        signal.signal(signal.SIGINT, saved_sigint)


def _text(data: bytes) -> str:
    """``data`` read as ``subprocess.run(text=True)`` reads it (universal newlines)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding=locale.getpreferredencoding(False)).read()


def in_process(
    args: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    stdin: bytes = b"",
) -> Completed:
    """Run ``pdp-lint ARGS`` through its entry point in this process.

    ``env`` is the whole environment of the run (default: this process's).
    """
    from pdp_lint.cli.commands import main

    argv = [str(a) for a in args]
    status: int | str | None = 0
    with _as_a_child(argv, cwd or ROOT, os.environ if env is None else env, stdin) as (out, err):
        try:
            main()
        except SystemExit as stop:
            status = stop.code
    if status is None:
        code = 0
    elif isinstance(status, int):
        code = status
    else:  # sys.exit("message"): printed to stderr, exit 1, as Python does
        err.write(f"{status}\n".encode())
        code = 1
    return Completed(["pdp-lint", *argv], code, out.getvalue(), err.getvalue())


def in_child(
    args: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    stdin: bytes = b"",
    timeout: float = 120,
) -> Completed:
    """Run ``python -m pdp_lint ARGS`` in a child process."""
    argv = [str(a) for a in args]
    done = subprocess.run(
        [sys.executable, "-m", "pdp_lint", *argv],
        cwd=cwd or ROOT,
        env=dict(os.environ if env is None else env),
        input=stdin,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    return Completed(["pdp-lint", *argv], done.returncode, done.stdout, done.stderr)


def run(
    args: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    stdin: bytes = b"",
    child: bool = False,
    timeout: float = 120,
) -> Completed:
    """``pdp-lint ARGS``: here, or in a child when asked or when the run may fork."""
    if child or needs_child([str(a) for a in args]):
        return in_child(args, cwd=cwd, env=env, stdin=stdin, timeout=timeout)
    return in_process(args, cwd=cwd, env=env, stdin=stdin)
