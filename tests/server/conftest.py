"""Fixtures of the language server tests: a project folder per test, and a session of
the real server process with a real client."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from benchmarks.lspclient import Session
from tests.conftest import ROOT
from tests.server.forkserver import server_command


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's frameworks, configuration and vocabulary."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "frameworks", root / "frameworks")
    shutil.copy(ROOT / "pdp-lint.toml", root / "pdp-lint.toml")
    shutil.copy(ROOT / "vocabulary.txt", root / "vocabulary.txt")
    return root


@pytest_asyncio.fixture
async def lsp(project: Path, tmp_path: Path) -> AsyncIterator[Session]:
    session = Session(
        project, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}, command=server_command()
    )
    await session.start({"debounce": 50})
    try:
        yield session
    finally:
        await session.stop()
    assert not session.errors(), session.errors()
