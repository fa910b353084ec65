"""scripts/ensure-chromium: says what it installs, or what to install, never sits silent.

apt-get and id are replaced by stubs on PATH, so nothing is installed for real: the
stub apt-get records its arguments and, on `install`, creates the program.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import ROOT

APT_GET = """#!/usr/bin/env bash
echo "$*" >> "$APT_LOG"
if [[ " $* " == *" install "* ]]; then
  printf '#!/bin/sh\\n' > "$PROGRAM" && chmod +x "$PROGRAM"
fi
"""


def ensure_chromium(tmp_path: Path, uid: int) -> tuple[subprocess.CompletedProcess[str], Path]:
    stubs = tmp_path / "stubs"
    stubs.mkdir(exist_ok=True)
    (stubs / "apt-get").write_text(APT_GET, encoding="utf-8")
    (stubs / "id").write_text(f"#!/bin/sh\necho {uid}\n", encoding="utf-8")
    for stub in stubs.iterdir():
        stub.chmod(0o755)
    program = tmp_path / "bin" / "chromium"
    program.parent.mkdir(exist_ok=True)
    log = tmp_path / "apt.log"
    env = {
        **os.environ,
        "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}",
        "CHROMIUM": str(program),
        "PROGRAM": str(program),
        "APT_LOG": str(log),
    }
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "ensure-chromium")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    return done, log


def test_ensure_chromium_says_what_it_installs_and_how_long_it_took(tmp_path: Path):
    done, log = ensure_chromium(tmp_path, uid=0)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    program = tmp_path / "bin" / "chromium"
    assert lines[0] == (
        f"ensure-debian-packages: {program} is missing; installing chromium "
        "fonts-dejavu-core with apt-get (this takes a minute or two, once)..."
    )
    assert lines[-1].startswith("ensure-debian-packages: installed chromium fonts-dejavu-core in ")
    calls = log.read_text(encoding="utf-8").splitlines()
    assert len(calls) == 2 and "update" in calls[0]
    assert "install -y -qq --no-install-recommends chromium fonts-dejavu-core" in calls[1]
    # once it is there: nothing to say, nothing to install
    again, _ = ensure_chromium(tmp_path, uid=0)
    assert (again.returncode, again.stderr) == (0, "")
    assert len(log.read_text(encoding="utf-8").splitlines()) == 2


def test_ensure_chromium_without_root_says_what_to_install(tmp_path: Path):
    done, log = ensure_chromium(tmp_path, uid=1000)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"{tmp_path / 'bin' / 'chromium'} is missing: install it as root with "
        "'apt-get update && apt-get install -y chromium fonts-dejavu-core'."
    )
    assert not log.exists()
