"""The baseline: accepted problems stay quiet through unrelated edits, new ones are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pdp_lint.cli.commands import cli
from tests.conftest import MINIMAL
from tests.wordrule import install

BEHAVIOR = """\
              - id: learns
                text: Learns the product through synergy.
"""
SOURCE = MINIMAL.replace(
    "              - id: learns\n                text: Learns the product.\n", BEHAVIOR
)
assert SOURCE != MINIMAL


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    install(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fw").mkdir()
    (tmp_path / "fw" / "demo.yaml").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def check(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", "--no-color", "--select", "ZZ90", *args])


def edit(old: str, new: str) -> None:
    path = Path("fw/demo.yaml")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_write_baseline_records_problems_by_stable_key_and_exits_0(project: Path):
    assert check("fw").exit_code == 0
    assert "synergy" in check("fw").stdout
    result = check("--strict", "--write-baseline", "baseline.json", "fw")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "wrote 1 baseline entry to baseline.json" in result.stderr
    doc = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1
    (entry,) = doc["problems"]
    assert entry["code"] == "ZZ90"
    assert entry["file"] == "fw/demo.yaml"
    assert (
        entry["key"]
        == "tracks/professional/roles/expert/competencies/knowledge/behaviors/learns.text"
    )
    assert len(entry["hash"]) == 16
    assert "line" not in entry


def test_baselined_problem_is_not_reported(project: Path):
    check("--write-baseline", "baseline.json", "fw")
    result = check("--strict", "--baseline", "baseline.json", "fw")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_baseline_survives_a_new_behavior_above_and_reformatting(project: Path):
    check("--write-baseline", "baseline.json", "fw")
    edit(
        BEHAVIOR,
        "              - id: listens\n"
        "                text: Listens to customers.\n\n"
        "              # moved down by the new behavior above\n"
        "              - id: learns\n"
        "                text: >-\n"
        "                  Learns the product\n"
        "                  through synergy.\n",
    )
    result = check("--strict", "--baseline", "baseline.json", "fw")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_baseline_survives_reordering_the_behaviors(project: Path):
    edit(
        BEHAVIOR,
        BEHAVIOR + "              - id: shares\n                text: Shares notes.\n",
    )
    check("--write-baseline", "baseline.json", "fw")
    edit(
        BEHAVIOR + "              - id: shares\n                text: Shares notes.\n",
        "              - id: shares\n                text: Shares notes.\n" + BEHAVIOR,
    )
    assert check("--strict", "--baseline", "baseline.json", "fw").stdout == ""


def test_new_problem_of_the_same_rule_elsewhere_is_reported(project: Path):
    check("--write-baseline", "baseline.json", "fw")
    edit("text: Teaches the product.", "text: Teaches the product with synergy.")
    result = check("--strict", "--baseline", "baseline.json", "fw")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if ": ZZ90 " in line]
    assert len(lines) == 1
    assert lines[0].startswith("fw/demo.yaml:36:")


def test_editing_the_offending_text_makes_the_problem_reappear(project: Path):
    check("--write-baseline", "baseline.json", "fw")
    edit("through synergy.", "through real synergy.")
    result = check("--strict", "--baseline", "baseline.json", "fw")
    assert result.exit_code == 1
    assert result.stdout.startswith("fw/demo.yaml:24:55: warning: ZZ90 ")
    assert "1 baseline entry no longer matches" in result.stdout


def test_identical_problems_are_counted(project: Path):
    edit("through synergy.", "through synergy and synergy.")
    check("--write-baseline", "baseline.json", "fw")
    doc = json.loads(Path("baseline.json").read_text(encoding="utf-8"))
    assert len(doc["problems"]) == 2
    assert doc["problems"][0] == doc["problems"][1]
    assert check("--strict", "--baseline", "baseline.json", "fw").exit_code == 0
    doc["problems"].pop()
    Path("baseline.json").write_text(json.dumps(doc), encoding="utf-8")
    result = check("--strict", "--baseline", "baseline.json", "fw")
    assert result.exit_code == 1
    assert result.stdout.count(": ZZ90 ") == 1


def test_fixed_problems_are_told_as_entries_that_no_longer_match(project: Path):
    edit("Teaches the product.", "Teaches synergy.")
    check("--write-baseline", "baseline.json", "fw")
    edit("through synergy.", "through practice.")
    edit("Teaches synergy.", "Teaches the product.")
    result = check("--baseline", "baseline.json", "fw")
    assert result.exit_code == 0
    assert result.stdout == (
        "2 baseline entries no longer match; rewrite the baseline with --write-baseline\n"
    )


def test_entries_of_files_not_checked_are_not_stale(project: Path):
    (project / "fw" / "other.yaml").write_text(SOURCE.replace("id: demo", "id: other"))
    check("--write-baseline", "baseline.json", "fw")
    assert check("--baseline", "baseline.json", "fw/demo.yaml").stdout == ""


def test_baseline_paths_are_relative_to_the_baseline_file(project: Path):
    (project / "ci").mkdir()
    check("--write-baseline", "ci/baseline.json", "fw")
    (entry,) = json.loads(Path("ci/baseline.json").read_text(encoding="utf-8"))["problems"]
    assert entry["file"] == "../fw/demo.yaml"
    assert check("--strict", "--baseline", "ci/baseline.json", "fw/demo.yaml").exit_code == 0


def test_write_baseline_is_sorted(project: Path):
    edit("text: Teaches the product.", "text: Teaches synergy.")
    edit("text: Attends training.", "text: Attends synergy training.")
    check("--write-baseline", "baseline.json", "fw")
    rows = json.loads(Path("baseline.json").read_text(encoding="utf-8"))["problems"]
    keys = [(r["code"], r["file"], r["key"], r["hash"]) for r in rows]
    assert keys == sorted(keys)
    assert len(keys) == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline.json: baseline file not found; create it with --write-baseline"),
        ("{not json", "baseline.json:1: the baseline is not valid JSON"),
        ('{"version": 7, "problems": []}', "baseline.json: not a pdp-lint baseline"),
        ('{"version": 1, "problems": [{"code": 1}]}', "baseline.json: entry 1 needs text"),
        # a RecursionError in the JSON decoder was an internal error
        (
            "[" * 100_000 + "]" * 100_000,
            "baseline.json: not a pdp-lint baseline (nested too deeply to read)",
        ),
    ],
)
def test_unusable_baseline_is_one_line_and_exit_2(project: Path, content: str | None, message: str):
    if content is not None:
        Path("baseline.json").write_text(content, encoding="utf-8")
    result = check("--baseline", "baseline.json", "fw")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"pdp-lint: {message}")
    assert result.stderr.count("\n") == 1
