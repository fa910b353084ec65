"""Running pdp-lint as a user does, on input written to a temporary folder."""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests import clirun
from tests.conftest import MINIMAL, ROOT

#: a framework with nothing to report: the shared minimal one, with its acronyms explained
CLEAN = MINIMAL.replace(
    "status: draft\n",
    "status: draft\nglossary:\n  - term: PDP\n    expansion: professional development path\n"
    "  - term: EX\n    expansion: expert\n",
)
#: 1-based line of the expert's summary in CLEAN
SUMMARY_LINE = CLEAN.splitlines().index("        summary: Knows things.") + 1


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str
    seconds: float
    #: CPU time of the command: unlike ``seconds``, not stretched by other work on the
    #: machine (a parallel test worker, another build), so limits are set on this one
    cpu_seconds: float = 0.0

    def problems(self) -> list[str]:
        """The problem lines of a text report: ``file:line:col: severity: CODE message``."""
        return [line for line in self.out.splitlines() if _PROBLEM.match(line)]

    def codes(self) -> list[str]:
        return [_PROBLEM.match(line).group("code") for line in self.problems()]  # type: ignore[union-attr]


_PROBLEM = re.compile(
    r"^(?P<file>\S.*?):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<severity>error|warning|info): (?P<code>[A-Z]{2}\d{2}) "
)


def _cpu() -> float:
    """CPU seconds of this process and its finished children (one test at a time)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + usage.ru_utime + usage.ru_stime


def pdp_lint(
    *args: str | Path, cwd: Path | None = None, timeout: float = 60, child: bool = False
) -> Run:
    """Run ``pdp-lint ARGS`` as a user does; never a traceback.

    It runs through the command line's entry point in this process (``tests/clirun.py``:
    the same streams, environment and exit status as a child's), or in a child process
    with ``child=True`` or when the run may fork workers (``-j``).
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("PDP_LINT_DEBUG", None)
    env.pop("GITHUB_ACTIONS", None)
    start = time.perf_counter()
    used = _cpu()
    done = clirun.run(args, cwd=cwd or ROOT, env=env, timeout=timeout, child=child)
    seconds = time.perf_counter() - start
    run = Run(done.returncode, done.stdout, done.stderr, seconds, _cpu() - used)
    assert "Traceback" not in run.err, run.err
    assert "internal error" not in run.err, run.err
    return run


def write(folder: Path, data: bytes | str, name: str = "demo.yaml") -> Path:
    """Write one framework file alone in ``folder`` (cross-file rules then see only it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def check(folder: Path, data: bytes | str, *args: str, child: bool = False) -> tuple[Run, Path]:
    """``pdp-lint check`` of ``data`` written as a file of its own."""
    path = write(folder, data)
    return pdp_lint("check", "--no-color", *args, path, cwd=folder, child=child), path


@dataclass(frozen=True)
class Measured:
    """A run measured as the kernel accounts it: CPU time and peak memory of the child,
    which the machine's load does not inflate as it does elapsed time."""

    status: int
    out: str
    err: str
    cpu_seconds: float
    peak_bytes: int


#: sets the limits, runs ``python -m pdp_lint ARGS`` and writes its status and usage.
#: The measured process is a child of this small one, not of the test process: a child
#: started from a large process (fork or vfork) counts that process's resident memory
#: in its own peak, and a test process that has run the command line in process holds
#: the word list and models
_LIMITED = (
    "import os, resource, subprocess, sys\n"
    "memory, cpu, report = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]\n"
    "resource.setrlimit(resource.RLIMIT_AS, (memory, memory))\n"
    "resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))\n"
    "child = subprocess.Popen([sys.executable, '-m', 'pdp_lint', *sys.argv[4:]])\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "with open(report, 'w') as out:\n"
    "    print(os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime,\n"
    "          usage.ru_maxrss, file=out)\n"
)


def measured(
    *args: str | Path,
    cwd: Path | None = None,
    memory: int = 2 * 1024**3,
    cpu_seconds: int = 60,
) -> Measured:
    """``python -m pdp_lint ARGS`` under an address-space limit of ``memory`` bytes and a
    CPU-time limit (the kernel stops the child past it: no wall clock involved)."""
    import tempfile

    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("PDP_LINT_DEBUG", None)
    with (
        tempfile.TemporaryDirectory() as folder,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        report = Path(folder) / "usage"
        subprocess.run(
            [sys.executable, "-c", _LIMITED, str(memory), str(cpu_seconds), report]
            + [str(a) for a in args],
            stdout=out,
            stderr=err,
            cwd=cwd or ROOT,
            env=env,
            check=True,
        )
        status, cpu, peak_kb = report.read_text(encoding="utf-8").split()
        out.seek(0)
        err.seek(0)
        texts = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    return Measured(int(status), *texts, float(cpu), int(peak_kb) * 1024)


def swapped_after_the_look(monkeypatch: Any, path: Path, looked: os.stat_result) -> None:
    """Make every look at ``path`` (``Path.stat``) find ``looked``: the path as it was
    before something else was put in its place, which opening it finds."""
    real = Path.stat

    def stat(self: Path, **kwargs: Any) -> os.stat_result:
        return looked if self == path else real(self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)


def outcome_within(seconds: float, call: Callable[[], object]) -> object:
    """What ``call`` returned or raised, run in a thread of its own; the test fails if
    it is still running after ``seconds`` (a read waiting on a pipe for ever)."""
    import threading

    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # handed to the test, in its thread
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s"
    return outcome[0]
