"""The start-up and --jobs benchmarks run and print their tables (no timing asserted)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    # the pdp-lint beside this Python, as the benchmarks find it
    return subprocess.run(
        [sys.executable, "-m", *args, "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_the_start_up_benchmark_compares_the_hook_with_a_bare_start():
    done = _run("benchmarks.startup")
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| case | wall (median) | CPU (median) |")
    assert [r.split(" | ")[0] for r in rows[2:5]] == [
        "| bare `python -c pass`",
        "| `pdp-lint --version`",
        "| one-file hook, `pdp-lint check --no-cache FILE`",
    ]
    assert "the hook takes" in rows[5]
    assert "load average" in done.stdout


def test_the_jobs_benchmark_times_the_default_against_one_process_with_a_neighbour():
    done = _run("benchmarks.jobs")
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert [r.split(" | ")[0] for r in rows[2:]] == [
        "| default --jobs",
        "| -j 1",
        "| default --jobs, neighbour",
        "| -j 1, neighbour",
    ]
    assert "1,000 behaviors" in done.stdout and "load average" in done.stdout
