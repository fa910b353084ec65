"""A failure half-way through `fix`, `export` or `site` loses nothing and leaves no litter.

tests/test_fix.py and tests/exporters/test_site_build.py cover one failed write and one
failed render; these inject failures after some files were written, through the commands.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pdp_lint.cli.commands import cli
from tests.exporters.handout_helpers import EPOCH
from tests.hardening.helpers import CLEAN, write

DIRTY = CLEAN.replace("summary: Knows things.", "summary: Knows  things.")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _litter(folder: Path) -> list[str]:
    """Temporary files and folders of an atomic write or a site build."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob(".*")
        if p.name.endswith((".tmp", ".new", ".old"))
    )


def _fail_after(monkeypatch: pytest.MonkeyPatch, method: str, count: int) -> list[Path]:
    """Make the ``count``-th call of ``Path.<method>`` raise "disk full"."""
    real = getattr(Path, method)
    calls: list[Path] = []

    def flaky(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == count:
            raise OSError(28, "No space left on device")
        return real(self, target)

    monkeypatch.setattr(Path, method, flaky)
    return calls


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def _run(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_fix_failing_on_the_second_file_keeps_it_intact(project: Path, monkeypatch):
    first = write(project / "fw", DIRTY, "a.yaml")
    second = write(project / "fw", DIRTY.replace("id: demo", "id: other"), "b.yaml")
    before = second.read_bytes()
    _fail_after(monkeypatch, "replace", 2)
    result = _run("fix", project / "fw")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"pdp-lint: {second.as_posix()}: cannot write the fixed file: no space left on device; "
        "free some space or check the disk"
    ]
    assert second.read_bytes() == before
    assert first.read_text() in (DIRTY, DIRTY.replace("Knows  things", "Knows things"))
    assert _litter(project) == []


def test_export_failing_half_way_keeps_the_previous_handouts(project: Path, monkeypatch):
    path = write(project / "fw", CLEAN)
    out = project / "handouts"
    assert _run("export", path, "--out", out).exit_code == 0
    before = _snapshot(out)
    write(project / "fw", CLEAN.replace("Knows things.", "Knows many things."))
    calls = _fail_after(monkeypatch, "replace", 3)
    result = _run("export", path, "--out", out)
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"pdp-lint: cannot write the handouts to {out}: No space left on device; choose "
        "another --out folder\n"
    )
    assert len(calls) == 3
    after = _snapshot(out)
    assert sorted(after) == sorted(before), "no file lost, none half-written"
    changed = [name for name in after if after[name] != before[name]]
    assert len(changed) <= 2, "only the files written before the failure are new"
    assert _litter(project) == []


@pytest.mark.parametrize(("method", "count"), [("replace", 5), ("rename", 2)])
def test_site_failing_half_way_or_at_the_swap_keeps_the_previous_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, method: str, count: int
):
    path = write(project / "fw", CLEAN)
    out = project / "site"
    assert _run("site", path, "--out", out).exit_code == 0
    before = _snapshot(out)
    write(project / "fw", CLEAN.replace("Knows things.", "Knows many things."))
    # replace: the fifth file of the new site; rename: putting the new site in place,
    # after the old one was moved aside
    _fail_after(monkeypatch, method, count)
    result = _run("site", path, "--out", out)
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"pdp-lint: cannot write the site to {out}: No space left on device; choose "
        "another --out folder\n"
    )
    assert _snapshot(out) == before
    assert _litter(project) == []
    assert sorted(p.name for p in project.iterdir()) == ["fw", "site"]


@pytest.mark.parametrize("order", ["utf-16-be"])
def test_fix_keeps_the_byte_order_of_a_utf16_file(project: Path, order: str):
    import codecs

    bom = codecs.BOM_UTF16_BE if order == "utf-16-be" else codecs.BOM_UTF16_LE
    path = write(project / "fw", bom + DIRTY.encode(order))
    assert _run("fix", path).exit_code == 0
    fixed = DIRTY.replace("Knows  things", "Knows things")
    assert path.read_bytes() == bom + fixed.encode(order)
