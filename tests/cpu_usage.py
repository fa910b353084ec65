"""Where the test suite's processor time goes: ``-p tests.cpu_usage``.

With ``PDP_TEST_CPU_LOG=<folder>`` set, each process of a run (each xdist worker, or
the one process with ``-n 0``) writes ``<folder>/<worker>.jsonl``: one line per test
with its processor time (user + system, this process and the child processes it waited
for: the ``pdp-lint`` runs, LibreOffice, pre-commit) and its wall time, from setup to
teardown, plus one line for collection. ``python -m tests.cpu_usage <folder>`` sums
them per file and per worker.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class _Log:
    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, **record: Any) -> None:
        self.out.write(json.dumps(record) + "\n")
        self.out.flush()


_log: _Log | None = None
_start_cpu = _cpu()
_start_wall = time.monotonic()


def pytest_configure(config: pytest.Config) -> None:
    global _log
    folder = os.environ.get("PDP_TEST_CPU_LOG")
    if not folder:
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    Path(folder).mkdir(parents=True, exist_ok=True)
    _log = _Log((Path(folder) / f"{worker}.jsonl").open("a", encoding="utf-8"))
    _log.write(kind="start", worker=worker, cpu=_start_cpu, wall=time.time())


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> Iterator[None]:
    cpu, wall = _cpu(), time.monotonic()
    try:
        return (yield)
    finally:
        if _log:
            _log.write(kind="collect", cpu=_cpu() - cpu, seconds=time.monotonic() - wall)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    cpu, wall, started = _cpu(), time.monotonic(), time.time()
    try:
        return (yield)
    finally:
        if _log:
            _log.write(
                kind="test",
                id=item.nodeid,
                cpu=round(_cpu() - cpu, 4),
                seconds=round(time.monotonic() - wall, 4),
                started=started,
            )


def pytest_unconfigure(config: pytest.Config) -> None:
    if _log:
        _log.write(kind="end", cpu=_cpu(), wall=time.time())


def main(folder: str, top: int = 15) -> None:
    """Print processor time per file, the slowest tests, and each worker's span."""
    per_file: dict[str, float] = defaultdict(float)
    tests: list[tuple[float, float, str]] = []
    spans = []
    for log in sorted(Path(folder).glob("*.jsonl")):
        records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
        starts = [r for r in records if r["kind"] == "start"]
        ends = [r for r in records if r["kind"] == "end"]
        collect = sum(r["cpu"] for r in records if r["kind"] == "collect")
        ran = [r for r in records if r["kind"] == "test"]
        for r in ran:
            per_file[r["id"].split("::", 1)[0]] += r["cpu"]
            tests.append((r["cpu"], r["seconds"], r["id"]))
        if starts and ends:
            spans.append(
                (log.stem, starts[0]["wall"], ends[-1]["wall"], ends[-1]["cpu"], collect, len(ran))
            )
    total = sum(per_file.values())
    print(f"tests: {len(tests)}, processor time in tests: {total:.1f} s")
    if spans:
        first = min(s[1] for s in spans)
        for name, begin, end, cpu, collect, count in spans:
            print(
                f"  {name}: {count} tests, process cpu {cpu:.1f} s (collection {collect:.1f} s),"
                f" from +{begin - first:.1f} s to +{end - first:.1f} s"
            )
    print(f"top {top} files by processor time:")
    for path, cpu in sorted(per_file.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {cpu:7.1f} s  {path}")
    print(f"top {top} tests by processor time (cpu, wall):")
    for cpu, seconds, nodeid in sorted(tests, reverse=True)[:top]:
        print(f"  {cpu:6.1f} s {seconds:6.1f} s  {nodeid}")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]))
