"""Write ``tests/durations.json`` from the last run's durations: ``python -m tests.durations``.

Only a run without pytest's cache (a fresh clone, CI) reads the file: it orders the work
units by it, the longest first, and takes every other test for a short one. So take the
durations from such a run, on a quiet machine: ``.ci/run`` in a fresh clone, then
``python -m tests.durations --cache <clone>/.pytest_cache``. A fresh clone's tests cost
what a warm checkout's do not (``mypy`` without its cache, pre-commit's environment for
the hook); from a warm run they would be taken for short ones and started last. The file
keeps the tests that took at least ``--least`` seconds (0.3 by default).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tests.conftest import DURATIONS_KEY, KNOWN_DURATIONS, ROOT


def slow_tests(durations: dict[str, float], least: float) -> dict[str, float]:
    """The tests of at least ``least`` seconds, by id, to a tenth of a second."""
    return {k: round(v, 1) for k, v in sorted(durations.items()) if v >= least}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.durations", description=__doc__)
    parser.add_argument("--least", type=float, default=0.3, help="seconds (default 0.3)")
    parser.add_argument(
        "--cache", type=Path, default=ROOT / ".pytest_cache", help="pytest's cache folder"
    )
    parser.add_argument("--output", type=Path, default=KNOWN_DURATIONS)
    args = parser.parse_args(argv)
    kept = args.cache / "v" / DURATIONS_KEY
    try:
        durations = json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        print(f"{kept}: no durations kept; run the suite first", file=sys.stderr)
        return 2
    slow = slow_tests(durations, args.least)
    args.output.write_text(json.dumps(slow, indent=0) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(slow)} tests of at least {args.least} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
