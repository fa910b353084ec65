"""Symbolic links, hard links and unwritable folders where `export`, `site` and `fix` write."""

from __future__ import annotations

from pathlib import Path

from tests.hardening.helpers import CLEAN, pdp_lint, write
from tests.hardening.test_paths import _as_nobody, nobody, shared_folder

__all__ = ["shared_folder"]  # a fixture, shared with test_paths


def test_export_refuses_a_link_inside_out_that_leads_outside(tmp_path: Path):
    framework = write(tmp_path / "fw", CLEAN)
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "demo").symlink_to(elsewhere)
    run = pdp_lint("export", "--format", "html", "--out", out, framework, cwd=tmp_path)
    assert run.status == 2, run
    (line,) = run.err.splitlines()
    assert line.startswith("pdp-lint: ") and "outside the output folder" in line
    assert f"symbolic link `{out / 'demo'}`" in line and str(elsewhere) in line
    assert not any(elsewhere.iterdir()), "nothing is written through the link"
    assert (out / "demo").is_symlink()


def test_export_follows_a_link_that_stays_inside_out_and_an_out_that_is_a_link(tmp_path: Path):
    framework = write(tmp_path / "fw", CLEAN)
    real = tmp_path / "real-out"
    (real / "shared").mkdir(parents=True)
    (real / "demo").symlink_to("shared")
    out = tmp_path / "out"
    out.symlink_to(real)
    run = pdp_lint("export", "--format", "html", "--out", out, framework, cwd=tmp_path)
    assert run.status == 0, run
    assert sorted(p.name for p in (real / "shared").iterdir()) == [
        "demo.html",
        "expert.html",
        "senior-expert.html",
    ]
    assert (real / "demo").is_symlink()


DIRTY = CLEAN.replace("summary: Knows things.", "summary: Knows  things.")
FIXED = CLEAN


def test_fix_through_a_symbolic_link_fixes_the_target_and_keeps_the_link(tmp_path: Path):
    target = write(tmp_path / "real", DIRTY)
    link = tmp_path / "fw" / "demo.yaml"
    link.parent.mkdir()
    link.symlink_to(target)
    run = pdp_lint("fix", link, cwd=tmp_path)
    assert run.status == 0, run
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text() == FIXED
    assert [p.name for p in link.parent.iterdir()] == ["demo.yaml"], "no temporary file left"


def test_fix_of_a_file_with_hard_links_changes_every_name(tmp_path: Path):
    first = write(tmp_path / "fw", DIRTY)
    second = tmp_path / "elsewhere.yaml"
    second.hardlink_to(first)
    inode = first.stat().st_ino
    run = pdp_lint("fix", first, cwd=tmp_path)
    assert run.status == 0, run
    assert first.stat().st_ino == inode == second.stat().st_ino, "the hard link is not split"
    assert first.stat().st_nlink == 2
    assert second.read_text() == FIXED
    assert sorted(p.name for p in tmp_path.rglob("*.bak")) == [], "the safety copy is removed"


@nobody
def test_fix_in_a_read_only_folder_is_one_line(shared_folder: Path):
    """As an unprivileged user (root writes anywhere): the file may be written, its
    folder may not, so no temporary file can be made beside it."""
    path = write(shared_folder / "fw", DIRTY)
    path.chmod(0o666)
    path.parent.chmod(0o555)
    done = _as_nobody("fix", path)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.splitlines() == [
        f"pdp-lint: {path.as_posix()}: cannot write the fixed file: permission denied; "
        "make the file and its folder writable"
    ]
    assert path.read_text() == DIRTY
