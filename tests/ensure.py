"""Installing the Debian programs the tests drive, saying so on the terminal.

``scripts/ensure-*`` print nothing when the program is there; when they install it (a
minute or two of apt-get) they say what and how long it took. pytest captures what a
test or fixture writes, so their lines would appear only after the run, if at all: they
are passed to the terminal as they come, with capturing suspended, under parallel
workers too (a worker's standard error is the terminal's).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def ensure_program(config: pytest.Config, script: str, program: Path, env_var: str) -> Path:
    """Run ``scripts/<script>`` for ``program``; its messages go to the terminal.

    Fails the test with the script's last line when the program cannot be had: a
    missing program is never a reason to skip.
    """
    capture = config.pluginmanager.getplugin("capturemanager")
    lines: list[str] = []
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        done = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / script)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, env_var: str(program)},
        )
        assert done.stderr is not None
        for line in done.stderr:
            lines.append(line.rstrip("\n"))
            sys.stderr.write(f"[{script}] {line}")
            sys.stderr.flush()
        done.wait()
    if done.returncode != 0 or not program.exists():
        reason = (lines or [f"scripts/{script} failed"])[-1]
        pytest.fail(f"no {program.name} for the tests: {reason}", pytrace=False)
    return program
