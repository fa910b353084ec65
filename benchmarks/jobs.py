"""Is the default ``--jobs`` worth it? Default against ``-j 1``, with the other core free
and with a CPU-bound neighbour.

    python -m benchmarks.jobs [--repeat 5] [--behaviors 100000] [--quick] [--output FILE]

A pre-commit run beside an editor, or a CI runner with neighbours, does not have every
core to itself. Each round times four cold ``pdp-lint check --no-cache CORPUS``
processes, interleaved: the default and ``-j 1``, each once with nothing else started
and once beside a neighbour (``python -c 'while 1: pass'``, started before the check and
killed after it); every other round runs them in the reverse order. The table shows the
medians of wall and CPU time (the process and its workers, ``os.wait4``), the default's
median divided by ``-j 1``'s in the same condition, and the load average at the start
and end of the run: on a shared machine other work is a neighbour too. See
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate import CorpusSpec, corpus_files, ensure_corpus
from benchmarks.report import load_averages, machine, today
from benchmarks.tools import find_tool

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = HERE / ".corpus"
DEFAULT_OUTPUT = HERE / "results-jobs.md"
NEIGHBOUR = (sys.executable, "-c", "while 1: pass")
#: the default must be at least this much faster than -j 1 with a core free (a ratio
#: of wall times: 1 / 1.6) and at most this much slower beside a neighbour
FREE_TARGET = 1 / 1.6
BUSY_TARGET = 1.03


@dataclass(frozen=True, slots=True)
class Case:
    label: str
    jobs: tuple[str, ...]  # extra arguments: () for the default, ("-j", "1")
    neighbour: bool


CASES = (
    Case("default --jobs", (), False),
    Case("-j 1", ("-j", "1"), False),
    Case("default --jobs, neighbour", (), True),
    Case("-j 1, neighbour", ("-j", "1"), True),
)


@dataclass(slots=True)
class Runs:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    output: str = ""


def run_once(
    argv: Sequence[str], cwd: Path, neighbour: bool, settle: float = 0.2
) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (the process and the workers it waited for) and what
    the check printed, with a busy neighbour process running throughout if asked (for
    ``settle`` seconds before the check starts)."""
    busy = subprocess.Popen(NEIGHBOUR) if neighbour else None
    try:
        if busy is not None:
            time.sleep(settle)  # let it take its core
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert process.stdout is not None
        output = process.stdout.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
    code = os.waitstatus_to_exitcode(status)
    process.returncode = code
    if code not in (0, 1):
        raise SystemExit(f"benchmarks.jobs: {' '.join(argv)} exited {code}")
    return wall, usage.ru_utime + usage.ru_stime, output


def measure(
    pdp_lint: str,
    corpus: Path,
    repeat: int,
    progress: Callable[[str], None],
    settle: float = 0.2,
) -> dict[Case, Runs]:
    runs = {case: Runs() for case in CASES}
    for round_ in range(repeat):
        # every other round in the reverse order, so a load that rises or falls during
        # the run weighs on both sides of each pair alike
        for case in CASES if round_ % 2 == 0 else CASES[::-1]:
            progress(f"round {round_ + 1}/{repeat}: {case.label}")
            argv = (pdp_lint, "check", "--no-cache", *case.jobs, str(corpus))
            wall, cpu, output = run_once(argv, corpus, case.neighbour, settle)
            progress(f"  {wall:.2f} s wall, {cpu:.2f} s CPU, load {os.getloadavg()[0]:.2f}")
            runs[case].wall.append(wall)
            runs[case].cpu.append(cpu)
            runs[case].output = output
    outputs = {r.output for r in runs.values()}
    if len(outputs) != 1:
        raise SystemExit("benchmarks.jobs: the default and -j 1 reported different findings")
    return runs


def table(runs: dict[Case, Runs]) -> str:
    median = statistics.median
    lines = [
        "| case | wall (median) | CPU (median) | wall vs -j 1 | CPU vs -j 1 | target | result |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for case in CASES:
        r = runs[case]
        wall, cpu = median(r.wall), median(r.cpu)
        ratio = cpu_ratio = target = result = "—"
        if not case.jobs:
            single = next(c for c in CASES if c.jobs and c.neighbour == case.neighbour)
            w = wall / median(runs[single].wall)
            ratio, cpu_ratio = f"{w:.2f}x", f"{cpu / median(runs[single].cpu):.2f}x"
            if case.neighbour:
                target, ok = f"≤ {BUSY_TARGET:.2f}x", w <= BUSY_TARGET
            else:
                target, ok = f"≤ {FREE_TARGET:.3f}x (1.6x faster)", w <= FREE_TARGET
            result = "pass" if ok else "FAIL"
        lines.append(
            f"| {case.label} | {wall:.2f} s | {cpu:.2f} s | {ratio} | {cpu_ratio} "
            f"| {target} | {result} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.jobs",
        description="Time the default --jobs against -j 1, with a core free and beside a "
        "busy neighbour.",
    )
    parser.add_argument("--repeat", type=int, default=5, help="rounds [default: 5]")
    parser.add_argument(
        "--behaviors", type=int, default=100_000, help="corpus size [default: 100000]"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a 1,000-behavior corpus, one round, no file"
    )
    parser.add_argument("--output", type=Path, default=None, help="write the results here")
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--pdp-lint", dest="pdp_lint", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    pdp_lint = str(args.pdp_lint.resolve()) if args.pdp_lint else find_tool("pdp-lint")
    if pdp_lint is None:
        print("benchmarks.jobs: pdp-lint is not installed; pip install -e .", file=sys.stderr)
        return 2
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    behaviors = 1000 if args.quick else args.behaviors
    corpus = ensure_corpus(CorpusSpec(behaviors=behaviors), args.corpus_dir)
    files = corpus_files(corpus)
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    computer = machine()
    start_load = os.getloadavg()

    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)

    # --quick: one round, and the neighbour is not given time to take its core first
    repeat, settle = (1, 0.0) if args.quick else (args.repeat, 0.2)
    runs = measure(pdp_lint, corpus, repeat, progress, settle)
    end_load = os.getloadavg()
    text = (
        f"Corpus: {behaviors:,} behaviors, {len(files)} files, {megabytes:.1f} MB; "
        f"load average (1, 5, 15 min) {load_averages(start_load)} at the start, "
        f"{load_averages(end_load)} at the end.\n\n" + table(runs)
    )
    print(text, end="")
    output = args.output or (None if args.quick else DEFAULT_OUTPUT)
    if output is not None:
        command = " ".join(["python -m benchmarks.jobs", *(argv or sys.argv[1:])])
        output.write_text(
            f"# The default --jobs against -j 1\n\n`{command}`, {today()}\n\n"
            f"Machine: {computer}\n\n" + text,
            encoding="utf-8",
        )
        print(f"written to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
