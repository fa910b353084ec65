"""Latency of `pdp-lint server`: diagnostics after a change, with a real client.

    python -m benchmarks.server_latency [--edits 100] [--debounce 100] [--quick]

Opens the largest canonical framework in a real LSP client (pytest-lsp's, over the
server's standard input and output), then makes edits one at a time, alternating a
misspelling in and out, and times each from the moment the change is sent to the
moment its diagnostics arrive, less the debounce. The same file is then checked by
cold `pdp-lint check` processes, the pre-commit hook's cost, for comparison. The table
is printed and, unless ``--quick``, written to benchmarks/results-server.md with the
machine and its load: absolute times on a loaded machine mean little, the ratio more.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.lspclient import Session
from benchmarks.report import machine, today

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FRAMEWORKS = ROOT / "frameworks"
DEFAULT_OUTPUT = HERE / "results-server.md"
#: the target: diagnostics within this long after the end of the debounce (p95)
TARGET_MS = 50.0
WORD, TYPO = "Utilises a range", "Utilises a rnage"


def largest_framework() -> Path:
    return max(FRAMEWORKS.glob("*.yaml"), key=lambda p: p.stat().st_size)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure_server(
    path: Path, edits: int, debounce_ms: float, warm: int = 5
) -> tuple[list[float], float]:
    """Milliseconds from each change to its diagnostics, less the debounce; and the
    server's CPU time per edit (which the machine's load does not inflate). The first
    ``warm`` edits, which warm the caches, are not timed."""
    with tempfile.TemporaryDirectory() as cache:
        session = Session(ROOT, env={"XDG_CACHE_HOME": cache})
        await session.start({"debounce": debounce_ms})
        try:
            text = path.read_text("utf-8")
            assert WORD in text, f"{path} no longer has the text the benchmark edits"
            uri = session.open(path, text)
            await session.diagnostics(uri)
            out: list[float] = []
            process = session.client._server
            assert process is not None
            cpu = 0.0
            for i in range(edits + warm):
                if i == warm:
                    cpu = cpu_seconds(process.pid)
                new = text.replace(WORD, TYPO, 1) if i % 2 == 0 else text
                sent = time.perf_counter()
                version = session.replace(uri, new)
                found = await session.diagnostics(uri, version)
                assert bool(found) == (i % 2 == 0), found
                if i >= warm:  # the first few warm the caches
                    out.append((session.published_at[uri] - sent) * 1000 - debounce_ms)
            return out, (cpu_seconds(process.pid) - cpu) * 1000 / edits
        finally:
            await session.stop()


def measure_check(path: Path, repeat: int) -> list[float]:
    """Milliseconds of cold `pdp-lint check --no-cache` processes of the file."""
    program = Path(sys.executable).with_name("pdp-lint")
    command = [str(program), "check", "--no-cache", str(path.relative_to(ROOT))]
    out: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(
    path: Path,
    server: list[float],
    cpu: float,
    check: list[float],
    debounce: float,
    started: str,
) -> str:
    p95 = percentile(server, 0.95)
    verdict = "met" if p95 <= TARGET_MS else "NOT met"
    lines = [
        "# Language server latency",
        "",
        f"{today()}; {started}; load average at the end {os.getloadavg()[0]:.2f}.",
        "",
        f"`python -m benchmarks.server_latency --edits {len(server)} --debounce {debounce:g}`:"
        f" {len(server)} edits of `{path.relative_to(ROOT)}` (the largest canonical"
        f" framework, {path.stat().st_size:,} bytes), each timed from the change sent to its"
        " diagnostics received by the client, less the debounce.",
        "",
        "| measurement | median | p95 | max |",
        "| --- | --- | --- | --- |",
        f"| `pdp-lint server`: diagnostics after a change, past the debounce | "
        f"{statistics.median(server):.1f} ms | {p95:.1f} ms | {max(server):.1f} ms |",
        f"| cold `pdp-lint check --no-cache` of the same file ({len(check)} runs) | "
        f"{statistics.median(check):.1f} ms | {percentile(check, 0.95):.1f} ms | "
        f"{max(check):.1f} ms |",
        f"| `pdp-lint server`: CPU time per edit (check, protocol, JSON) | {cpu:.1f} ms | | |",
        "",
        f"Target: p95 within {TARGET_MS:g} ms of the end of the debounce: **{verdict}** in"
        " wall-clock time on this machine. The server's own CPU time per edit is"
        f" {cpu:.1f} ms ({'within' if cpu <= TARGET_MS else 'over'} the target): the rest"
        " of the wall-clock time is waiting for a CPU (compare the load average with the"
        " CPUs). A change is checked about"
        f" {statistics.median(check) / statistics.median(server):.0f} times faster by the"
        " running server than by a cold check.",
        "",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=100, help="timed edits [100]")
    parser.add_argument("--debounce", type=float, default=100, help="debounce in ms [100]")
    parser.add_argument("--checks", type=int, default=10, help="cold checks timed [10]")
    parser.add_argument(
        "--quick", action="store_true", help="10 edits (none untimed), 2 checks, no file"
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    edits, checks, warm = (10, 2, 0) if args.quick else (args.edits, args.checks, 5)
    path = largest_framework()
    started = machine()
    server, cpu = asyncio.run(measure_server(path, edits, args.debounce, warm))
    check = measure_check(path, checks)
    text = report(path, server, cpu, check, args.debounce, started)
    print(text, end="")
    if not args.quick:
        args.output.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
