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


def test_a_message_too_large_to_read_ends_the_server_in_one_line() -> None:
    """pygls reads the body with readexactly(Content-Length): a length past what an index
    holds raised OverflowError out of the server, an internal error."""
    done = subprocess.run(
        [sys.executable, "-m", "pdp_lint", "server"],
        cwd=ROOT,
        input=b"Content-Length: 99999999999999999999\r\n\r\n{}",
        capture_output=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == (
        b"pdp-lint: the language client sent a message too large to read (its "
        b"Content-Length); the server stops\n"
    )
