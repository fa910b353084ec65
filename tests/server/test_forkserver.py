"""The suite's forked servers (tests/server/forkserver.py) behave as the command does."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.lspclient import Session
from tests.server.expected import keys
from tests.server.forkserver import server_command

pytestmark = pytest.mark.asyncio


async def test_a_forked_server_reports_what_the_started_command_does(
    project: Path, tmp_path: Path
) -> None:
    path = project / "frameworks" / "cx-pdp.yaml"
    text = path.read_text("utf-8").replace("Utilises a range", "Utilises a rnage", 1)
    found = []
    for name, command in (("command", None), ("forked", server_command())):
        session = Session(project, env={"XDG_CACHE_HOME": str(tmp_path / name)}, command=command)
        await session.start({"debounce": 50})
        try:
            found.append(keys(await session.diagnostics(session.open(path, text))))
        finally:
            await session.stop()
        assert not session.errors(), session.errors()
        # the launcher ends with the server, and with its exit status
        assert session.client._server is not None
        assert session.client._server.returncode == 0, name
    assert found[0] == found[1] and found[0]
