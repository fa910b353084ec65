"""The server latency benchmark runs end to end (it times nothing here: the numbers
are read by people, from benchmarks/results-server.md)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_server_latency_benchmark_prints_its_table() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.server_latency", "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "| `pdp-lint server`: diagnostics after a change, past the debounce |" in out
    assert "| cold `pdp-lint check --no-cache` of the same file (2 runs) |" in out
    assert "| `pdp-lint server`: CPU time per edit" in out
    assert "load average" in out


def test_client_sessions_share_one_converter(tmp_path) -> None:
    # cattrs builds each message type's unstructuring function once per converter: the
    # client's initialize request alone took about 35 ms of it in every session
    from benchmarks.lspclient import Session

    first, second = Session(tmp_path), Session(tmp_path)
    assert second.client.protocol._converter is first.client.protocol._converter
