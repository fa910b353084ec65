"""Prose with control characters, invisible marks, markup and huge lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.exporters.handout_helpers import EPOCH, docx_text, html_text
from tests.hardening.helpers import CLEAN, SUMMARY_LINE, check, pdp_lint, write

SCRIPT = '<script>alert("x")</script> <b>bold</b> &amp; <img src=x onerror=alert(1)>'


def _summary(value: str) -> str:
    return CLEAN.replace("summary: Knows things.", f"summary: {value}")


@pytest.mark.parametrize(
    ("case", "value", "code", "words", "status"),
    [
        ("bell_as_a_yaml_escape", '"Knows\\x07 things."', "TX07", "control character (U+0007)", 1),
        ("zero_width_space", "Knows\u200b things.", "TX08", "zero-width space (U+200B)", 0),
        ("right_to_left_override", "Knows \u202ethings.", "TX08", "right-to-left override", 0),
    ],
)
def test_control_and_invisible_characters_are_named(
    tmp_path: Path, case: str, value: str, code: str, words: str, status: int
):
    run, path = check(tmp_path, _summary(value))
    assert run.status == status  # invisible characters are warnings
    assert len(run.problems()) == 1, run.out
    assert run.problems()[0].startswith(f"{path.as_posix()}:{SUMMARY_LINE}:")
    assert f" {code} " in run.problems()[0] and words in run.problems()[0]


@pytest.fixture
def exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    path = write(tmp_path / "fw", _summary(f"'{SCRIPT}'"))
    out = tmp_path / "out"
    run = pdp_lint("export", path, "--out", out, "--kind", "role", "--force")
    assert run.status == 0, run.err
    return out / "demo"


def test_markup_in_prose_is_shown_as_text_in_html(exported: Path):
    page = (exported / "expert.html").read_bytes()
    assert b"<script>alert" not in page
    assert b"<b>bold</b>" not in page
    assert b"<img" not in page
    assert b"&lt;script&gt;" in page
    assert SCRIPT in html_text(page)


def test_markup_in_prose_is_intact_text_in_word(exported: Path):
    assert SCRIPT in docx_text((exported / "expert.docx").read_bytes())


def test_a_one_megabyte_line_is_checked_fast_and_the_report_windows_it(tmp_path: Path):
    value = "word " * 200_000 + "the  end."
    run, path = check(tmp_path, _summary(value))
    assert run.status == 1
    assert run.problems() == [
        # the word repeated 200,000 times is one finding, not 100,000
        f"{path.as_posix()}:{SUMMARY_LINE}:{len('        summary: ') + 1}: GR02 "
        "`word` is written 200000 times in a row: `word word`; keep one. "
        "[wording.repeated-word]",
        f"{path.as_posix()}:{SUMMARY_LINE}:{len('        summary: ') + len(value) - 5}: TX02 "
        "the summary of `expert` has a doubled space; use one space. [text.whitespace]",
    ]
    assert max(len(line) for line in run.out.splitlines()) < 200, "the line is windowed"
    assert "the  end." in run.out
    assert run.seconds < 10, run.seconds


def test_a_one_megabyte_word_is_checked_fast(tmp_path: Path):
    path = write(tmp_path, _summary("x" * 1_000_000))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pdp_lint", "check", path],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=10,
            check=False,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("checking a file with a one-megabyte word took more than 10 s")
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert done.returncode in (0, 1)


def _limit_memory() -> None:
    import resource

    two_gb = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (two_gb, two_gb))
