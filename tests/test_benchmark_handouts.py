"""The handout benchmark: it compares two versions' files byte for byte and says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks import handouts


def test_the_same_files_with_the_same_bytes_pass(tmp_path: Path) -> None:
    for side in ("new", "old"):
        (tmp_path / side / "fw").mkdir(parents=True)
        (tmp_path / side / "fw" / "a.docx").write_bytes(b"same")
        (tmp_path / side / "index.html").write_bytes(b"<p>")
    assert handouts.same_files(tmp_path / "new", tmp_path / "old") == 2


def test_a_file_with_other_bytes_is_named(tmp_path: Path) -> None:
    for side, data in (("new", b"one"), ("old", b"two")):
        (tmp_path / side / "fw").mkdir(parents=True)
        (tmp_path / side / "fw" / "a.docx").write_bytes(data)
    with pytest.raises(handouts.Failed, match=r"^fw/a.docx differs from the baseline's$"):
        handouts.same_files(tmp_path / "new", tmp_path / "old")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "old").mkdir()
    (tmp_path / "new" / "extra.html").write_bytes(b"")
    with pytest.raises(handouts.Failed, match=r"only in this version \['extra.html'\]"):
        handouts.same_files(tmp_path / "new", tmp_path / "old")


def test_an_unknown_baseline_is_one_line_and_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("git") is None or not (handouts.ROOT / ".git").exists():
        pytest.fail("this test needs git and a git checkout of the repository")
    status = handouts.main(
        ["--quick", "--baseline", "no-such-revision", "--corpus-dir", str(tmp_path)]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 1
    assert len(err) == 1 and err[0].startswith("benchmarks: --baseline no-such-revision:")


def test_a_quick_run_against_the_last_commit_finds_the_same_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = handouts.main(["--quick", "--baseline", "HEAD", "--corpus-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "| pdp-lint site (10 roles) | 10 roles | this version |" in out
    assert "| pdp-lint export, every format | frameworks/ | this version |" in out
    assert out.count("| yes, ") == 2
