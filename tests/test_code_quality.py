"""The code stays ruff-clean, formatted and fully typed."""

from __future__ import annotations

import os
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
    # the same check whether mypy has a cache or not; a fresh checkout has none to reuse,
    # and writing one cost a quarter of this test, so mypy writes none there (os.devnull
    # is mypy's way to say so); a developer's cache (or MYPY_CACHE_DIR) is used and kept
    fresh = not (ROOT / ".mypy_cache").is_dir() and "MYPY_CACHE_DIR" not in os.environ
    result = tool("mypy", *([f"--cache-dir={os.devnull}"] if fresh else []))
    assert result.returncode == 0, result.stdout
