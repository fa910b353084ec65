"""The date a handout carries: SOURCE_DATE_EPOCH, else the last commit, else the file time."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exporters.dates import format_date, source_date
from exporters.errors import ExportError

JAN_2020 = 1577880000  # 2020-01-01 12:00:00 UTC
JUN_2021 = 1622548800  # 2021-06-01 12:00:00 UTC


@pytest.fixture
def framework(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text("id: demo\n")
    os.utime(path, (JAN_2020, JAN_2020))
    return path


def test_source_date_epoch_comes_first(framework: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(JUN_2021))
    assert source_date(framework) == datetime.fromtimestamp(JUN_2021, UTC)


def test_a_bad_source_date_epoch_is_a_clear_error(framework: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(ExportError, match="SOURCE_DATE_EPOCH='yesterday'"):
        source_date(framework)


def test_outside_git_the_file_time_counts(framework: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(framework.parent.parent))
    assert source_date(framework) == datetime.fromtimestamp(JAN_2020, UTC)


def test_in_git_the_last_commit_of_the_file_counts(framework: Path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(framework.parent.parent))
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": f"@{JUN_2021} +0000",
        "GIT_COMMITTER_DATE": f"@{JUN_2021} +0000",
    }
    folder = framework.parent
    for args in (["init", "-q"], ["add", framework.name], ["commit", "-q", "-m", "Add"]):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)
    os.utime(framework, (JAN_2020, JAN_2020))
    assert source_date(framework) == datetime.fromtimestamp(JUN_2021, UTC)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("en-US", "November 14, 2023"), ("en-GB", "14 November 2023"), ("fr-FR", "2023-11-14")],
)
def test_dates_are_written_as_the_locale_writes_them(locale: str, expected: str):
    assert format_date(datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC), locale) == expected
