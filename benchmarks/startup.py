"""What starting pdp-lint costs above starting Python.

    python -m benchmarks.startup [--repeat 21] [--pdp-lint PATH] [--output FILE]

Times cold processes, interleaved: a bare ``python -c pass`` of the interpreter that
runs pdp-lint, ``pdp-lint --version`` (the click command line) and the one-file hook
``pdp-lint check --no-cache frameworks/cx-pdp.yaml``. For each it gives the median wall
time and the median less the bare start's; and from ``python -X importtime`` the own
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


def _wall(argv: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


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
    computer, start_load = machine(), os.getloadavg()
    for case_args in cases.values():  # compile and cache the bytecode first
        _imports(python, case_args)
    walls: dict[str, list[float]] = {name: [] for name in cases}
    fastest: dict[str, dict[str, int]] = {name: {} for name in cases}
    for _ in range(repeat):
        for name, case_args in cases.items():
            walls[name].append(_wall([python, *case_args]))
            for module, own in _imports(python, case_args).items():
                known = fastest[name].get(module, own)
                fastest[name][module] = min(known, own)
    end_load = os.getloadavg()
    bare_name = next(iter(cases))
    bare_wall = statistics.median(walls[bare_name])
    bare_modules = fastest[bare_name]
    lines = [
        "| case | wall (median) | above a bare start | imports above a bare start "
        "| modules | slowest of them (own ms) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in cases:
        wall = statistics.median(walls[name])
        above = {m: t for m, t in fastest[name].items() if m not in bare_modules}
        slowest = ", ".join(
            f"{m} {t / 1000:.1f}" for m, t in sorted(above.items(), key=lambda i: -i[1])[:10]
        )
        above_ms = sum(above.values()) / 1000
        if name == bare_name:
            lines.append(
                f"| {name} | {wall * 1000:.0f} ms | — | {sum(bare_modules.values()) / 1000:.1f} "
                f"ms (its own) | {len(bare_modules)} | — |"
            )
        else:
            lines.append(
                f"| {name} | {wall * 1000:.0f} ms | {(wall - bare_wall) * 1000:.0f} ms "
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
