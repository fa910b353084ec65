"""The `pdp-lint server` command itself."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_without_pygls_the_command_says_what_to_install() -> None:
    script = (
        "import sys\n"
        "sys.modules['pygls'] = None  # as if the `server` extra were not installed\n"
        "sys.argv = ['pdp-lint', 'server']\n"
        "from pdp_lint.cli.commands import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith("pdp-lint: the language server needs pygls and lsprotocol")
    assert line.endswith("pip install 'pdp-lint[server]'")


def test_help_says_how_editors_use_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pdp_lint", "server", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "--stdio" in done.stdout
    assert "language server" in done.stdout
