"""Timing cold processes and reading their peak memory."""

from __future__ import annotations

import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


class CommandFailed(Exception):
    """A measured command exited with an unexpected status; the message is one line."""


@dataclass(frozen=True, slots=True)
class Command:
    """A program run with its arguments; ``ok`` are the exit statuses that mean it worked."""

    label: str
    argv: tuple[str, ...]
    cwd: Path
    ok: frozenset[int] = frozenset({0})
    #: called before every run (for instance to empty an output directory).
    before: Callable[[], None] | None = None
    #: the environment, when it is not this process's.
    env: Mapping[str, str] | None = None


@dataclass(slots=True)
class Timing:
    seconds: list[float] = field(default_factory=list)
    #: CPU seconds (user and system) of the process and the processes it waited for
    cpu: list[float] = field(default_factory=list)
    #: the last line the command printed on its first run (a summary such as "Found ...").
    summary: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(command: Command) -> tuple[float, str]:
    """Run ``command`` in a new process; wall-clock seconds and the last line of output."""
    elapsed, _, last = run_timed(command)
    return elapsed, last


def run_timed(command: Command) -> tuple[float, float, str]:
    """Run ``command`` in a new process; wall-clock seconds, CPU seconds (its own and its
    children's) and the last line of output."""
    if command.before is not None:
        command.before()
    with tempfile.TemporaryFile() as out:
        cpu = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(
            command.argv,
            cwd=command.cwd,
            env=command.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
        elapsed = time.perf_counter() - start
        cpu = _children_cpu() - cpu
        out.seek(0, 2)
        out.seek(max(0, out.tell() - 4096))
        tail = out.read().decode("utf-8", "replace").strip().splitlines()
    last = tail[-1].strip() if tail else ""
    if done.returncode not in command.ok:
        raise CommandFailed(f"{command.label} exited with status {done.returncode}: {last}")
    return elapsed, cpu, last


def measure(
    commands: Sequence[Command],
    repeat: int,
    progress: Callable[[str], None] = lambda _: None,
) -> list[Timing]:
    """Run each command ``repeat`` times, round-robin, so drifts of the machine hit all
    alike; each round in an order of its own (a shuffle seeded the same way in every
    run): in a fixed order a command always ran right after the same other one, which
    skewed the start-up benchmark's comparisons by 8 to 16% (benchmarks/README.md)."""
    timings = [Timing() for _ in commands]
    order = list(range(len(commands)))
    shuffle = random.Random(0).shuffle
    for round_ in range(repeat):
        if round_:  # the first round in the given order: its summaries are the first runs'
            shuffle(order)
        for i in order:
            command, timing = commands[i], timings[i]
            seconds, cpu, last = run_timed(command)
            timing.seconds.append(seconds)
            timing.cpu.append(cpu)
            if round_ == 0:
                timing.summary = last
            progress(f"{command.label}: run {round_ + 1}/{repeat}: {seconds:.2f} s")
    return timings


_MAXRSS = re.compile(r"Maximum resident set size \(kbytes\):\s*(\d+)")
_CHILD_RSS = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_memory(command: Command, gnu_time: str | None) -> int:
    """Peak resident memory of one run of ``command``, in bytes: all its processes.

    On Linux the process tree is sampled every 10 ms and the proportional set sizes
    (PSS: pages shared between processes, such as forked workers' modules, counted once
    in all) are summed; the result is never below the largest single process's exact
    peak (``ru_maxrss``, or GNU ``time -v``). Elsewhere only that single peak is known.
    """
    single = _single_peak(command, gnu_time)
    if not Path("/proc/self/smaps_rollup").exists():
        return single
    return max(single, _tree_peak(command))


def _tree_peak(command: Command) -> int:
    process = subprocess.Popen(
        command.argv, cwd=command.cwd, env=command.env, stdout=subprocess.DEVNULL
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_pss(pid) for pid in _tree(process.pid)))
        time.sleep(0.01)
    if process.returncode not in command.ok:
        raise CommandFailed(f"{command.label} exited with status {process.returncode}")
    return peak


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass  # the process ended meanwhile
    return found


def _pss(pid: int) -> int:
    """Proportional set size of a process in bytes (0 if it has ended)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = _PSS.search(text)
    return int(match.group(1)) * 1024 if match else 0


_PSS = re.compile(r"^Pss:\s+(\d+) kB", re.MULTILINE)


def _single_peak(command: Command, gnu_time: str | None) -> int:
    """Peak resident memory of the largest single process of one run, in bytes.

    GNU ``time -v`` when it is installed, else the ``ru_maxrss`` of a fresh parent that
    runs only this command (kilobytes on Linux).
    """
    if gnu_time is not None:
        done = subprocess.run(
            [gnu_time, "-v", *command.argv],
            cwd=command.cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        match = _MAXRSS.search(done.stderr)
        if done.returncode not in command.ok or match is None:
            raise CommandFailed(f"{command.label} exited with status {done.returncode}")
        return int(match.group(1)) * 1024
    done = subprocess.run(
        [sys.executable, "-c", _CHILD_RSS, *command.argv],
        cwd=command.cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    status, kilobytes = (int(v) for v in done.stdout.split())
    if status not in command.ok:
        raise CommandFailed(f"{command.label} exited with status {status}")
    return kilobytes * 1024
