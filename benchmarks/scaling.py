"""How a check's cost grows with the shape of a project, not only with its size.

    python -m benchmarks.scaling [--repeat 3] [--quick] [--output FILE]

The same behaviors cost about the same whether they sit in 417 files, in 50,000 small
files, in one framework of many roles, or in one very large file: each shape is
generated at two sizes and checked by a cold ``pdp-lint check --no-cache`` process, and
the table shows the CPU time (user and system, of the process and its workers), the wall
time, and the peak memory, with the ratios that show growth. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import re
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
DEFAULT_OUTPUT = HERE / "results-scaling.md"
#: the largest file any case has, so no file is refused by the size limit
MAX_FILE_SIZE = 200_000_000
#: targets: the many-files shape within this multiple of the reference's CPU time per
#: behavior, and every check under this much memory
FILES_TARGET = 2.0
#: and time linear in the behaviors: the larger size's CPU time over the smaller's,
#: divided by the ratio of their behaviors, at most this (1.00 is exactly linear)
GROWTH_TARGET = 1.25
MEMORY_TARGET = 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Shape:
    """A way of laying out behaviors over files, at a given size."""

    name: str
    size: str
    spec: CorpusSpec


def reference(behaviors: int) -> Shape:
    """The benchmark corpus: 240 behaviors and 8 roles a file."""
    return Shape(
        "reference: 240 behaviors a file", f"{behaviors:,} behaviors", CorpusSpec(behaviors)
    )


def many_files(files: int) -> Shape:
    """One small framework a file: one role, two competencies, a behavior in each."""
    spec = CorpusSpec(
        behaviors=2 * files, behaviors_per_file=2, roles_per_file=1, competencies_per_file=2
    )
    return Shape("many small files", f"{files:,} files", spec)


def many_lean_files(files: int) -> Shape:
    """As :func:`many_files`, each file holding only what the schema requires besides
    its two behaviors and their examples: about the reference's text per behavior, and
    a file's fixed cost."""
    spec = CorpusSpec(
        behaviors=2 * files,
        behaviors_per_file=2,
        roles_per_file=1,
        competencies_per_file=2,
        lean=True,
    )
    return Shape("many small files, behaviors only", f"{files:,} files", spec)


def many_roles(roles: int) -> Shape:
    """One framework of ``roles`` roles in two tracks, each role building on the one
    before it, with one competency and one behavior a role."""
    spec = CorpusSpec(
        behaviors=roles,
        roles=roles,
        behaviors_per_file=roles,
        roles_per_file=roles,
        competencies_per_file=1,
        behavior_examples=0,
        section_examples=0,
    )
    return Shape("one framework, many roles", f"{roles:,} roles", spec)


def large_file(behaviors: int) -> Shape:
    """One framework of eight roles holding ``behaviors`` behaviors."""
    spec = CorpusSpec(behaviors=behaviors, behaviors_per_file=behaviors)
    return Shape("one large file", f"{behaviors:,} behaviors", spec)


#: (smaller, larger) of each shape; the larger is what a large organisation (or a
#: mistake) may hold: 50,000 files, 25 MB of roles, a 100 MB file
FULL: tuple[tuple[Shape, Shape], ...] = (
    (reference(10_000), reference(100_000)),
    (many_files(5_000), many_files(50_000)),
    (many_lean_files(5_000), many_lean_files(50_000)),
    (many_roles(2_750), many_roles(27_500)),
    (large_file(32_000), large_file(320_000)),
)
#: small sizes that still show every shape and a growth (what the tests run): their
#: times are mostly a process's start, so they show the table, not the scaling
QUICK: tuple[tuple[Shape, Shape], ...] = (
    (reference(250), reference(500)),
    (many_files(25), many_files(50)),
    (many_lean_files(25), many_lean_files(50)),
    (many_roles(25), many_roles(50)),
    (large_file(250), large_file(500)),
)


@dataclass(slots=True)
class Measured:
    shape: Shape
    files: int
    megabytes: float
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    #: peak resident memory: the largest process, and the sum over the process tree
    peak: int = 0
    summary: str = ""

    @property
    def behaviors(self) -> int:
        return self.shape.spec.behaviors


def run_once(argv: Sequence[str], cwd: Path) -> tuple[float, float, int, int, str]:
    """CPU seconds (the process and the workers it waited for), wall seconds, the largest
    process's peak RSS, the process tree's peak PSS (sampled) and the last line printed."""
    start = time.perf_counter()
    with Path(os.devnull).open("wb") as null, _Capture() as out:
        process = subprocess.Popen(argv, cwd=cwd, stdout=out.file, stderr=null)
        tree_peak = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            tree_peak = max(tree_peak, _tree_pss(process.pid))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        last = out.last_line()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"benchmarks.scaling: {' '.join(argv[:3])} ... exited {code}: {last}")
    process.returncode = code
    cpu = usage.ru_utime + usage.ru_stime
    return cpu, wall, usage.ru_maxrss * 1024, tree_peak, last


class _Capture:
    def __enter__(self) -> _Capture:
        import tempfile

        self.file = tempfile.TemporaryFile()
        return self

    def last_line(self) -> str:
        self.file.seek(0, 2)
        self.file.seek(max(0, self.file.tell() - 4096))
        lines = self.file.read().decode("utf-8", "replace").strip().splitlines()
        return lines[-1].strip() if lines else ""

    def __exit__(self, *exc: object) -> None:
        self.file.close()


_PSS = re.compile(r"^Pss:\s+(\d+) kB", re.MULTILINE)


def _tree_pss(pid: int) -> int:
    """Summed proportional set size of ``pid`` and its descendants, in bytes (Linux)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            text = Path(f"/proc/{current}/smaps_rollup").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        match = _PSS.search(text)
        total += int(match.group(1)) * 1024 if match else 0
    return total


def measure(
    pairs: Sequence[tuple[Shape, Shape]],
    pdp_lint: str,
    repeat: int,
    cache: Path,
    progress: Callable[[str], None],
) -> list[Measured]:
    config = cache / "scaling.toml"
    cache.mkdir(parents=True, exist_ok=True)
    config.write_text(f"max-file-size = {MAX_FILE_SIZE}\n", encoding="utf-8")
    results: list[Measured] = []
    for pair in pairs:
        for shape in pair:
            progress(f"{shape.name}, {shape.size}: generating")
            folder = ensure_corpus(shape.spec, cache)
            files = corpus_files(folder)
            size = sum(f.stat().st_size for f in files)
            found = Measured(shape, len(files), size / 1e6)
            argv = [pdp_lint, "check", "--no-cache", "--config", str(config), str(folder)]
            for i in range(repeat):
                cpu, wall, single, tree, last = run_once(argv, HERE.parent)
                found.cpu.append(cpu)
                found.wall.append(wall)
                found.peak = max(found.peak, single, tree)
                found.summary = last
                progress(
                    f"{shape.name}, {shape.size}: run {i + 1}/{repeat}: {cpu:.1f} s CPU, "
                    f"{wall:.1f} s, {max(single, tree) / 2**20:.0f} MB"
                )
            results.append(found)
    return results


COLUMNS = (
    "shape",
    "size",
    "files",
    "MB",
    "behaviors",
    "CPU (median)",
    "wall (median)",
    "CPU per 10k behaviors",
    "CPU per MB",
    "growth",
    "peak memory",
    "target",
    "result",
)


def table(results: Sequence[Measured]) -> str:
    """The results as a Markdown table: per shape, the larger size's growth over the
    smaller (CPU time ratio divided by the ratio of behaviors: 1.00 is linear)."""
    ref = next((r for r in reversed(results) if r.shape.name.startswith("reference")), None)
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(" --- " for _ in COLUMNS) + "|"]
    for i, r in enumerate(results):
        cpu = statistics.median(r.cpu)
        per = cpu / r.behaviors * 10_000
        growth = "—"
        if i % 2 == 1:
            before = results[i - 1]
            scale = r.behaviors / before.behaviors
            growth = f"{cpu / statistics.median(before.cpu) / scale:.2f}"
        targets, ok = [f"memory ≤ {MEMORY_TARGET // 2**20:,} MB"], r.peak <= MEMORY_TARGET
        if r.shape.name.startswith("many small files") and ref is not None:
            ref_cpu = statistics.median(ref.cpu)
            ref_per = ref_cpu / ref.behaviors * 10_000
            targets.append(
                f"CPU per behavior ≤ {FILES_TARGET:g}x reference ({per / ref_per:.2f}x; "
                f"per MB {cpu / r.megabytes / (ref_cpu / ref.megabytes):.2f}x)"
            )
            ok = ok and per <= FILES_TARGET * ref_per
        if i % 2 == 1 and not r.shape.name.startswith("reference"):
            targets.append(f"growth ≤ {GROWTH_TARGET:g}")
            ok = ok and float(growth) <= GROWTH_TARGET
        cells = (
            r.shape.name,
            r.shape.size,
            f"{r.files:,}",
            f"{r.megabytes:.1f}",
            f"{r.behaviors:,}",
            f"{cpu:.2f} s",
            f"{statistics.median(r.wall):.2f} s",
            f"{per:.3f} s",
            f"{cpu / r.megabytes:.3f} s",
            growth,
            f"{r.peak / 2**20:,.0f} MB",
            "; ".join(targets),
            "pass" if ok else "FAIL",
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.scaling",
        description="Check how pdp-lint's cost grows with many files, many roles, one large file.",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per size [default: 3]")
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, one run each, no results file"
    )
    parser.add_argument("--output", type=Path, default=None, help="write the results here")
    parser.add_argument(
        "--only",
        default=None,
        help="measure only the shapes whose name holds this text (the reference as well)",
    )
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--pdp-lint", dest="pdp_lint", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    pdp_lint = str(args.pdp_lint) if args.pdp_lint else find_tool("pdp-lint")
    if pdp_lint is None:
        print("benchmarks.scaling: pdp-lint is not installed; pip install -e .", file=sys.stderr)
        return 2
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    computer = machine()
    start_load = os.getloadavg()

    def progress(message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)

    pairs = QUICK if args.quick else FULL
    if args.only:
        pairs = tuple(
            pair
            for pair in pairs
            if args.only in pair[0].name or pair[0].name.startswith("reference")
        )
    results = measure(pairs, pdp_lint, 1 if args.quick else args.repeat, args.corpus_dir, progress)
    end_load = os.getloadavg()
    text = table(results)
    print(text, end="")
    output = args.output or (None if args.quick else DEFAULT_OUTPUT)
    if output is not None:
        command = " ".join(["python -m benchmarks.scaling", *(argv or sys.argv[1:])])
        output.write_text(
            "# Scaling results\n\n"
            f"`{command}`, {today()}\n\n"
            f"Machine: {computer}\n\n"
            f"Load average (1, 5, 15 min): {load_averages(start_load)} at the start, "
            f"{load_averages(end_load)} at the end\n\n" + text,
            encoding="utf-8",
        )
        print(f"written to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
