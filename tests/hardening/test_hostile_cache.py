"""A cache entry planted or damaged by someone else: read as data, at worst a miss."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import msgspec
import pytest

from pdp_lint.engine.cache import CACHE_DIR
from tests.hardening.helpers import CLEAN, pdp_lint, write


class _RunsCode:
    """Unpickling this runs ``touch MARKER``: what a hostile entry would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def _hostile_entries(marker: Path) -> dict[str, bytes]:
    payload = pickle.dumps(_RunsCode(marker), protocol=5)
    return {
        "a pickle that runs a command": b"pdp-lint-cache-2\n" + payload,
        "a pickle under the previous format's header": b"pdp-lint-cache-1\n" + payload,
        "garbage": b"pdp-lint-cache-2\n\x00\xff garbage \xc1",
        "no header at all": payload,
        "msgpack of the wrong shape": b"pdp-lint-cache-2\n"
        + msgspec.msgpack.encode({"problems": "not a list", "files": 3, "unreadable": None}),
        "msgpack with an unknown field": b"pdp-lint-cache-2\n"
        + msgspec.msgpack.encode({"problems": [], "files": [], "unreadable": False, "x": 1}),
        "a nested bomb": b"pdp-lint-cache-2\n" + b"\x91" * 200_000,
    }


@pytest.mark.parametrize("kind", list(_hostile_entries(Path("m"))))
def test_a_planted_or_damaged_cache_entry_runs_nothing_and_is_a_miss(tmp_path: Path, kind: str):
    folder = tmp_path / "project"
    write(folder, CLEAN.replace("Knows things.", "Knows  thngs."))
    (folder / "pdp-lint.toml").write_text("")
    fresh = pdp_lint("check", "--no-color", "--no-cache", "demo.yaml", cwd=folder)
    assert fresh.status == 1 and fresh.problems(), fresh.out
    first = pdp_lint("check", "--no-color", "demo.yaml", cwd=folder)
    assert (first.status, first.out) == (fresh.status, fresh.out)
    (entry,) = (folder / CACHE_DIR).glob("*.msgpack")

    marker = tmp_path / "ran"
    planted = _hostile_entries(marker)[kind]
    entry.write_bytes(planted)
    # the same entry under the name earlier versions used, as an attacker would try too
    entry.with_suffix(".pickle").write_bytes(planted)
    run = pdp_lint("check", "--no-color", "demo.yaml", cwd=folder)
    assert not marker.exists(), "decoding the cache ran code"
    assert (run.status, run.out, run.err) == (fresh.status, fresh.out, fresh.err)
    # the miss was written back as a good entry, and the old-format file removed
    assert entry.read_bytes() != planted
    assert not entry.with_suffix(".pickle").exists()
    again = pdp_lint("check", "--no-color", "demo.yaml", cwd=folder)
    assert (again.status, again.out) == (fresh.status, fresh.out)
    assert not marker.exists()
