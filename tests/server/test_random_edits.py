"""A thousand random edits in one server session: no crash, no stale diagnostic.

Each example sends a burst of small incremental edits (inserting characters that
matter to YAML, non-BMP characters included, and deleting ranges) as fast as the
client can, now and then waiting for an edit's diagnostics, then waits for the
diagnostics of the last version: they must be what
`check` reports for that text. Every publication must carry a version no older than
the one before it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from benchmarks.lspclient import Session
from tests.server.expected import in_process_check, keys

pytestmark = pytest.mark.asyncio

EXAMPLES = 50
EDITS_PER_EXAMPLE = 20  # 50 x 20: a thousand edits
PIECES = [":", " ", "  ", "- ", "\n", "\n  ", "#", "'", '"', "[", "{", "teh", "x", "é", "😀", "\t"]


def _position(text: str, offset: int) -> types.Position:
    """The protocol position (UTF-16) of a character offset, computed independently."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    head = text[start:offset]
    return types.Position(line=line, character=len(head.encode("utf-16-le")) // 2)


edit = st.tuples(
    st.sampled_from(["insert", "delete"]),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.sampled_from(PIECES),
    st.integers(min_value=1, max_value=12),
    # about one edit in twenty waits for its diagnostics, so checks also land mid-burst
    st.integers(min_value=0, max_value=19).map(lambda n: n == 0),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=st.lists(edit, min_size=EDITS_PER_EXAMPLE, max_size=EDITS_PER_EXAMPLE))
async def test_random_edits_never_crash_or_leave_stale_diagnostics(
    lsp: Session, project: Path, edits: list[tuple[str, float, str, int, bool]]
) -> None:
    path = project / "frameworks" / "cx-team-roles.yaml"
    original = path.read_text("utf-8")
    uri = lsp.uri(path)
    if uri not in lsp.versions:
        lsp.open(path, original)
    else:
        lsp.replace(uri, original)
    text = original
    for kind, where, piece, length, wait in edits:
        offset = int(where * len(text))
        if kind == "insert":
            change = types.TextDocumentContentChangePartial(
                range=types.Range(start=_position(text, offset), end=_position(text, offset)),
                text=piece,
            )
            new = text[:offset] + piece + text[offset:]
        else:
            end = min(len(text), offset + length)
            change = types.TextDocumentContentChangePartial(
                range=types.Range(start=_position(text, offset), end=_position(text, end)),
                text="",
            )
            new = text[:offset] + text[end:]
        version = lsp.edit(uri, [change], new)
        text = new
        if wait:
            await lsp.diagnostics(uri, version)
    found = await lsp.diagnostics(uri)
    assert keys(found) == in_process_check(path, text)
    assert not lsp.errors()
    versions = [v for u, v in lsp.history if u == uri]
    assert None not in versions and versions == sorted(versions)  # type: ignore[type-var]
