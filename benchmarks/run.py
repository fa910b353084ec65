"""Run the benchmarks and print the results table.

    python -m benchmarks.run [--sizes 1000,10000,100000] [--repeat N] [--quick]

Generates the corpora (cached under benchmarks/.corpus/), then times cold processes of
pdp-lint and of the tools it replaces (check-jsonschema, yamllint, codespell) on the same
files in the same run, and compares the medians with the performance targets. The table
is printed and, for a full run, written to benchmarks/results.md. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.cases import Benchmark, repo_path
from benchmarks.measure import CommandFailed
from benchmarks.report import machine, table
from benchmarks.targets import document, rows
from benchmarks.tools import MissingTool, find_tools

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = (1_000, 10_000, 100_000)
DEFAULT_CACHE = HERE / ".corpus"
DEFAULT_OUTPUT = HERE / "results.md"
SITE_ROLES, QUICK_SITE_ROLES = 100, 10


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(s.replace("_", "")) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive numbers of behaviors")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description="Time pdp-lint against check-jsonschema, yamllint and codespell.",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="corpus sizes in behaviors, comma-separated [default: 1000,10000,100000]",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per case [default: 5]")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: one run per case, a 10-role site corpus, no results file",
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed [default: 1]")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="write the results here [default: benchmarks/results.md; none with --quick]",
    )
    parser.add_argument(
        "--corpus-dir",
        type=Path,
        default=DEFAULT_CACHE,
        help="where generated corpora are cached [default: benchmarks/.corpus]",
    )
    parser.add_argument(
        "--pdp-lint",
        dest="pdp_lint",
        type=Path,
        default=None,
        help="the pdp-lint program to time [default: the one beside this Python, else on "
        "PATH]; for example a regular (not editable) install, as pre-commit makes one",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    argv_list = list(sys.argv[1:] if argv is None else argv)
    try:
        tools = find_tools(str(args.pdp_lint) if args.pdp_lint else None)
    except MissingTool as exc:
        print(f"benchmarks: {exc}", file=sys.stderr)
        return 2

    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)

    # Let the measured programs cache their bytecode, as an installed pdp-lint does; with
    # this variable set, every cold process would compile pdp-lint's modules again.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    computer = machine()
    bench = Benchmark(
        tools,
        args.sizes,
        1 if args.quick else args.repeat,
        QUICK_SITE_ROLES if args.quick else SITE_ROLES,
        args.corpus_dir,
        args.seed,
        progress,
        quick=args.quick,
    )
    try:
        results = bench.run()
    except CommandFailed as exc:
        print(f"benchmarks: {exc}", file=sys.stderr)
        return 1
    if hasattr(os, "getloadavg"):
        computer += f", {os.getloadavg()[0]:.2f} at the end"
    text = table(rows(results))
    print(text, end="")
    print(f"Machine: {computer}.")
    output = args.output or (None if args.quick else DEFAULT_OUTPUT)
    if output is not None:
        written = document(results, tools, text, argv_list, computer, quick=args.quick)
        output.write_text(written, encoding="utf-8")
        print(f"written to {repo_path(output)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
