"""The code stays ruff-clean, formatted and fully typed."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_lint_is_clean():
    result = tool("ruff", "check", ".")
    assert result.returncode == 0, result.stdout


def test_ruff_format_is_applied():
    result = tool("ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout


def test_mypy_strict_passes():
    result = tool("mypy")
    assert result.returncode == 0, result.stdout
