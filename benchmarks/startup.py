"""What starting pdp-lint costs above starting Python.

    python -m benchmarks.startup [--repeat 21] [--pdp-lint PATH] [--output FILE]

Times cold processes, interleaved: a bare ``python -c pass`` of the interpreter that
runs pdp-lint, ``pdp-lint --version`` (the click command line), the one-file hook
``pdp-lint check --no-cache frameworks/cx-pdp.yaml`` and, as the hook's yardstick,
check-jsonschema on the same file. For each it gives the median wall and CPU time and
the wall median less the bare start's; and from ``python -X importtime`` the own
time of the modules each imports that a bare start does not, every module at its
fastest of the runs (load inflates the fastest least), with the ten slowest. See
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
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


def _imports(python: str, args: Sequence[str]) -> dict[str, int]:
    done = subprocess.run(
        [python, "-X", "importtime", *args], cwd=ROOT, capture_output=True, text=True
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
    parser.add_argument("--quick", action="store_true", help="three runs, no results file")
    parser.add_argument("--output", type=Path, default=None, help="write the results here")
    parser.add_argument("--pdp-lint", dest="pdp_lint", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    program = str(args.pdp_lint.resolve()) if args.pdp_lint else find_tool("pdp-lint")
    if program is None:
        print("benchmarks.startup: pdp-lint is not installed; pip install -e .", file=sys.stderr)
        return 2
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    python = _python_of(program)
    reference = find_tool("check-jsonschema")
    repeat = 3 if args.quick else args.repeat
    cases = {
        "bare `python -c pass`": ["-c", "pass"],
        "`pdp-lint --version`": [program, "--version"],
        "one-file hook, `pdp-lint check --no-cache FILE`": [
            program,
            "check",
            "--no-cache",
            HOOK_FILE,
        ],
    }
    schema_case = "check-jsonschema, the same file"
    if reference is not None:  # the hook's yardstick, as in the main benchmark
        schema = [reference, "--schemafile", "schema/framework.schema.json", HOOK_FILE]
        cases[schema_case] = [_python_of(reference), *schema]
    computer, start_load = machine(), os.getloadavg()
    for case_args in cases.values():  # compile and cache the bytecode first
        _imports(python, case_args)
    walls: dict[str, list[float]] = {name: [] for name in cases}
    cpus: dict[str, list[float]] = {name: [] for name in cases}
    fastest: dict[str, dict[str, int]] = {name: {} for name in cases}
    for _ in range(repeat):
        for name, case_args in cases.items():
            interpreter = case_args[0] if name == schema_case else python
            rest = case_args[1:] if name == schema_case else case_args
            wall, cpu = _timed([interpreter, *rest])
            walls[name].append(wall)
            cpus[name].append(cpu)
            if name == schema_case:
                continue
            for module, own in _imports(python, case_args).items():
                known = fastest[name].get(module, own)
                fastest[name][module] = min(known, own)
    end_load = os.getloadavg()
    bare_name = next(iter(cases))
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
            hook = next(n for n in cases if n.startswith("one-file hook"))
            lines.append(
                f"| {name} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms | the hook takes "
                f"{statistics.median(walls[hook]) / wall:.2f}x its wall time, "
                f"{statistics.median(cpus[hook]) / cpu:.2f}x its CPU time | — | — | — |"
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
