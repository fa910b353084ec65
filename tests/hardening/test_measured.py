"""The peak memory measured of a limited child is the child's own."""

from __future__ import annotations

from tests.hardening.helpers import measured

MEGABYTE = 1024 * 1024


def test_a_measured_childs_peak_is_not_the_test_processes_memory() -> None:
    # a test process that has run the command line in process holds the word list and
    # models; a child forked from it would count those pages in its peak
    ballast = bytearray(256 * MEGABYTE)
    for i in range(0, len(ballast), 4096):
        ballast[i] = 1
    run = measured("--version")
    assert run.status == 0 and run.out.startswith("pdp-lint, version"), run
    assert 0 < run.peak_bytes < 128 * MEGABYTE, run
    del ballast
