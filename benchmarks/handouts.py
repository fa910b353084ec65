"""Time the handouts and the site against an earlier version, and prove the bytes equal.

    python -m benchmarks.handouts [--baseline REV] [--repeat N] [--roles 100] [--quick]

Two cases run, each as a new process, round-robin with the same command of the version
``--baseline`` names (a git revision, unpacked with ``git archive`` into a temporary
folder and run with the same Python): ``pdp-lint site`` of a generated corpus of
``--roles`` roles, and ``pdp-lint export`` of ``frameworks/`` in every format. The time
that counts is the CPU time of the process and its children (the machine is shared, so
wall time is noisy); both are shown, as medians, with the ratio of this version to the
baseline and the load average beside them.

The first run of each case is also a check: every file the two versions write must have
the same bytes (``SOURCE_DATE_EPOCH`` is fixed, so dates cannot differ). A difference
ends the run with status 1, naming the first file that differs. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.cases import BEHAVIORS_PER_ROLE
from benchmarks.generate import CorpusSpec, ensure_corpus
from benchmarks.vocabulary import ROOT

DEFAULT_CORPORA = Path(__file__).resolve().parent / ".corpus"
#: every run builds with this date, so that two versions can be compared byte for byte
SOURCE_DATE_EPOCH = "1700000000"


class Failed(Exception):
    """The run cannot go on; the message is one line."""


@dataclass(frozen=True, slots=True)
class Case:
    label: str
    size: str
    #: the command's arguments after ``python -m pdp_lint``; {out} is the output folder
    args: tuple[str, ...]


@dataclass(slots=True)
class Runs:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def unpack(revision: str, into: Path) -> Path:
    """The tree of ``revision`` of this repository, unpacked under ``into``."""
    git = shutil.which("git")
    if git is None:
        raise Failed("--baseline needs git, which is not installed")
    done = subprocess.run(
        [git, "archive", "--format=tar", revision],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Failed(f"--baseline {revision}: {message[-1] if message else 'git archive failed'}")
    tree = into / "baseline"
    tree.mkdir()
    subprocess.run(["tar", "-x", "-C", str(tree)], input=done.stdout, check=True)
    return tree


def run(tree: Path, case: Case, out: Path) -> tuple[float, float]:
    """One run of ``case`` with the code of ``tree``: CPU seconds (with children), wall."""
    shutil.rmtree(out, ignore_errors=True)
    argv = [sys.executable, "-m", "pdp_lint", *(a.format(out=out) for a in case.args)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    env.pop("PYTHONPATH", None)  # the tree's own packages come first: it is the cwd
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode is cached
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=tree, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Failed(
            f"{case.label} ({tree}) exited {done.returncode}: {lines[-1] if lines else ''}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def same_files(new: Path, old: Path) -> int:
    """The number of files under ``new``; raises Failed when ``old`` differs in any."""

    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    a, b = files(new), files(old)
    if a.keys() != b.keys():
        extra = sorted(a.keys() - b.keys())[:3]
        missing = sorted(b.keys() - a.keys())[:3]
        raise Failed(
            f"the files differ: only in this version {extra}, only in the baseline {missing}"
        )
    for name in sorted(a):
        if a[name].read_bytes() != b[name].read_bytes():
            raise Failed(f"{name} differs from the baseline's")
    return len(a)


def cases(corpus: Path, roles: int) -> list[Case]:
    frameworks = str(ROOT / "frameworks")
    return [
        Case(
            f"pdp-lint site ({roles} roles)",
            f"{roles} roles",
            ("site", "--out", "{out}", "--force", str(corpus)),
        ),
        Case(
            "pdp-lint export, every format",
            "frameworks/",
            ("export", "--out", "{out}", frameworks),
        ),
    ]


def _seconds(value: float) -> str:
    return f"{value:.2f} s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.handouts",
        description="Time the site and the handouts against a baseline revision.",
    )
    parser.add_argument(
        "--baseline",
        default=None,
        help="git revision to compare with (for example main); without it only this "
        "version is timed and no bytes are compared",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per case [default: 5]")
    parser.add_argument("--roles", type=int, default=100, help="roles of the site corpus")
    parser.add_argument("--quick", action="store_true", help="one run, a 10-role site")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed [default: 1]")
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--output", type=Path, default=None, help="also write the table here")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.roles < 1:
        parser.error("--repeat and --roles must be at least 1")
    repeat, roles = (1, 10) if args.quick else (args.repeat, args.roles)
    spec = CorpusSpec(
        behaviors=roles * BEHAVIORS_PER_ROLE,
        roles=roles,
        seed=args.seed,
        duplicates=0,
        near_duplicates=0,
        misspellings=0,
    )
    corpus = ensure_corpus(spec, args.corpus_dir)
    started, load_before = datetime.now(UTC), _load()
    try:
        with tempfile.TemporaryDirectory(prefix="pdp-lint-handouts-") as tmp_name:
            tmp = Path(tmp_name)
            trees = {"this version": ROOT}
            if args.baseline:
                trees[f"baseline {args.baseline}"] = unpack(args.baseline, tmp)
            lines = _measure(cases(corpus, roles), trees, repeat, tmp, warm_up=not args.quick)
    except Failed as exc:
        print(f"benchmarks: {exc}", file=sys.stderr)
        return 1
    header = (
        f"{started:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, load average {load_before} at the start and "
        f"{_load()} at the end; medians of {repeat}"
    )
    text = "\n".join([header, "", *lines]) + "\n"
    print(text, end="")
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    return 0


def _measure(
    todo: Sequence[Case], trees: dict[str, Path], repeat: int, tmp: Path, *, warm_up: bool = True
) -> list[str]:
    """The table's rows. ``warm_up``: an untimed first run of each version before the
    timed ones; without it (``--quick``, one run) the first run is the timed run."""
    rows = [
        "| case | size | version | CPU median | wall median | CPU vs baseline "
        "| wall vs baseline | same bytes |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for case in todo:
        outs = {name: tmp / f"out-{n}" for n, name in enumerate(trees)}
        names = list(trees)
        runs = {name: Runs() for name in trees}
        checked = ""
        # the first run of each version compiles its modules' bytecode: untimed (run -1)
        # unless there is no warm-up; its files are compared
        first = -1 if warm_up else 0
        for n in range(first, repeat):
            for name, tree in trees.items():
                if n < 0:
                    print(f"  {case.label}, {name}: first run", file=sys.stderr, flush=True)
                    run(tree, case, outs[name])
                    continue
                cpu, wall = run(tree, case, outs[name])
                runs[name].cpu.append(cpu)
                runs[name].wall.append(wall)
                print(
                    f"  {case.label}, {name}: run {n + 1}/{repeat}: {cpu:.2f} s CPU, "
                    f"{wall:.2f} s wall, load {_load()}",
                    file=sys.stderr,
                    flush=True,
                )
            if n == first and len(names) == 2:
                count = same_files(outs[names[0]], outs[names[1]])
                checked = f"yes, {count} files"
        base = runs[names[-1]] if len(names) == 2 else None
        for name in names:
            cpu, wall = statistics.median(runs[name].cpu), statistics.median(runs[name].wall)
            if base is not None and name == names[0]:
                ratio_cpu = f"{cpu / statistics.median(base.cpu):.2f}x"
                ratio_wall = f"{wall / statistics.median(base.wall):.2f}x"
                same = checked
            else:
                ratio_cpu = ratio_wall = same = "—"
            rows.append(
                f"| {case.label} | {case.size} | {name} | {_seconds(cpu)} | {_seconds(wall)} "
                f"| {ratio_cpu} | {ratio_wall} | {same} |"
            )
    return rows


if __name__ == "__main__":
    sys.exit(main())
