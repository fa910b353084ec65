"""Symbolic links, hard links and unwritable folders where `export`, `site` and `fix` write."""

from __future__ import annotations

from pathlib import Path

from tests.hardening.helpers import CLEAN, pdp_lint, write


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
