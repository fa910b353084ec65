"""What starting pdp-lint costs above starting Python.

    python -m benchmarks.startup [--repeat 21] [--pdp-lint PATH] [--compare PATH]
                                 [--output FILE]

Times cold processes, interleaved: a bare ``python -c pass`` of the interpreter that
runs pdp-lint, ``pdp-lint --version`` (the click command line), the one-file hook
``pdp-lint check --no-cache frameworks/cx-pdp.yaml`` and, as the hook's yardstick,
check-jsonschema on the same file; with ``--compare``, the same cases of another
pdp-lint (an earlier revision's regular install) in the same rounds. For each it gives
the median wall and CPU time and the wall median less the bare start's; and from
``python -X importtime`` the own time of the modules each imports that a bare start
does not, every module at its fastest of the runs (load inflates the fastest least),
with the ten slowest. The imports are measured by running the program's entry point
from ``python -c`` with ``importlib.import_module`` going through ``__import__``, which
``-X importtime`` reports (it does not see modules imported through importlib); the
bare start's imports are that runner's own. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.report import machine, today
from benchmarks.tools import find_tool
from benchmarks.vocabulary import ROOT

HOOK_FILE = "frameworks/cx-pdp.yaml"
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results-startup.md"


def _python_of(program: str) -> str:
    """The interpreter a console script runs with (its ``#!`` line)."""
    with Path(program).open("rb") as script:
        first = script.readline().decode("utf-8", "replace").strip()
    return first[2:].split()[0] if first.startswith("#!") else sys.executable


def _timed(argv: Sequence[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user and system) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


#: runs a console script's entry point as the script does, for ``-X importtime``, with
#: importlib.import_module going through __import__ so that modules imported through it
#: (an earlier revision's rule catalog) are timed too; sys.argv[1] is the script
_RUNNER = """
import importlib, os, sys
program = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(program)

def _import_module(name, package=None):
    if name.startswith("."):
        name = importlib._bootstrap._resolve_name(name[1:], package, 1)
    __import__(name)
    return sys.modules[name]

importlib.import_module = _import_module
if len(sys.argv) > 1:
    from pdp_lint.__main__ import run
    run()
"""


def _imports(python: str, args: Sequence[str]) -> dict[str, int]:
    """Each module's own import time (microseconds) in one run of ``args``."""
    done = subprocess.run(
        [python, "-X", "importtime", "-c", _RUNNER, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    found: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            own, _, name = line.removeprefix("import time:").split("|")
            found[name.strip()] = found.get(name.strip(), 0) + int(own)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.startup",
        description="Time pdp-lint's start-up and imports against a bare Python start.",
    )
    parser.add_argument("--repeat", type=int, default=21, help="runs of each [default: 21]")
    parser.add_argument("--quick", action="store_true", help="one run of each, no results file")
    parser.add_argument("--output", type=Path, default=None, help="write the results here")
    parser.add_argument("--pdp-lint", dest="pdp_lint", type=Path, default=None)
    parser.add_argument(
        "--compare",
        type=Path,
        default=None,
        help="another pdp-lint (an earlier revision's install) timed in the same rounds",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    program = str(args.pdp_lint.resolve()) if args.pdp_lint else find_tool("pdp-lint")
    if program is None:
        print("benchmarks.startup: pdp-lint is not installed; pip install -e .", file=sys.stderr)
        return 2
    programs = {"": program}
    if args.compare is not None:
        if not args.compare.is_file():
            print(f"benchmarks.startup: --compare {args.compare}: no such program", file=sys.stderr)
            return 2
        programs = {" (earlier)": str(args.compare.resolve()), " (this version)": program}
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    reference = find_tool("check-jsonschema")
    repeat = 1 if args.quick else args.repeat
    bare_name = "bare `python -c pass`"
    #: case name -> (interpreter, arguments, the pdp-lint it runs or None)
    cases: dict[str, tuple[str, list[str], str | None]] = {
        bare_name: (_python_of(program), ["-c", "pass"], None)
    }
    hooks = []
    for label, each in programs.items():
        python = _python_of(each)
        cases[f"`pdp-lint --version`{label}"] = (python, [each, "--version"], each)
        hook = f"one-file hook, `pdp-lint check --no-cache FILE`{label}"
        cases[hook] = (python, [each, "check", "--no-cache", HOOK_FILE], each)
        hooks.append(hook)
    schema_case = "check-jsonschema, the same file"
    if reference is not None:  # the hook's yardstick, as in the main benchmark
        schema = [reference, "--schemafile", "schema/framework.schema.json", HOOK_FILE]
        cases[schema_case] = (_python_of(reference), schema, None)
    computer, start_load = machine(), os.getloadavg()
    if not args.quick:  # compile and cache the bytecode first (--quick: no comparable times)
        for python, case_args, _ in cases.values():
            _imports(python, case_args)
    walls: dict[str, list[float]] = {name: [] for name in cases}
    cpus: dict[str, list[float]] = {name: [] for name in cases}
    fastest: dict[str, dict[str, int]] = {name: {} for name in cases}
    order = list(cases)
    shuffle = random.Random(0).shuffle  # the same orders in every run of the benchmark
    for _ in range(repeat):
        # each round in an order of its own: in a fixed order each case ran right after
        # the same other one every time, and one program timed as both revisions came
        # out 121 ms as the earlier and 140 ms as this version (shuffled: 103 and 103)
        shuffle(order)
        for name in order:
            python, case_args, runs = cases[name]
            wall, cpu = _timed([python, *case_args])
            walls[name].append(wall)
            cpus[name].append(cpu)
            if name == schema_case:
                continue
            # the bare start's imports are those of the runner without a program
            measured = _imports(python, case_args if runs else [])
            for module, own in measured.items():
                known = fastest[name].get(module, own)
                fastest[name][module] = min(known, own)
    end_load = os.getloadavg()
    bare_wall = statistics.median(walls[bare_name])
    bare_modules = fastest[bare_name]
    lines = [
        "| case | wall (median) | CPU (median) | above a bare start (wall) "
        "| imports above a bare start | modules | slowest of them (own ms) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in cases:
        wall = statistics.median(walls[name])
        cpu = statistics.median(cpus[name])
        if name == schema_case:
            ratios = "; ".join(
                f"the hook{hook.rpartition('`')[2]} takes "
                f"{statistics.median(walls[hook]) / wall:.2f}x its wall time, "
                f"{statistics.median(cpus[hook]) / cpu:.2f}x its CPU time"
                for hook in hooks
            )
            lines.append(
                f"| {name} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | {ratios} | — | — | — |"
            )
            continue
        above = {m: t for m, t in fastest[name].items() if m not in bare_modules}
        slowest = ", ".join(
            f"{m} {t / 1000:.1f}" for m, t in sorted(above.items(), key=lambda i: -i[1])[:10]
        )
        above_ms = sum(above.values()) / 1000
        if name == bare_name:
            lines.append(
                f"| {name} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | — "
                f"| {sum(bare_modules.values()) / 1000:.1f} ms (its own) "
                f"| {len(bare_modules)} | — |"
            )
        else:
            lines.append(
                f"| {name} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms "
                f"| {(wall - bare_wall) * 1000:.0f} ms "
                f"| {above_ms:.1f} ms | {len(above)} | {slowest} |"
            )
    load = ", ".join(f"{v:.2f}" for v in start_load), ", ".join(f"{v:.2f}" for v in end_load)
    text = (
        f"Medians of {repeat} interleaved runs; load average (1, 5, 15 min) {load[0]} at the "
        f"start, {load[1]} at the end.\n\n" + "\n".join(lines) + "\n"
    )
    print(text, end="")
    output = args.output or (None if args.quick else DEFAULT_OUTPUT)
    if output is not None:
        command = " ".join(["python -m benchmarks.startup", *(argv or sys.argv[1:])])
        output.write_text(
            f"# Start-up\n\n`{command}`, {today()}\n\nMachine: {computer}\n\n" + text,
            encoding="utf-8",
        )
        print(f"written to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
