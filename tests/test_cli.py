"""The command line, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import AS_FOUND, FRAMEWORKS, MINIMAL, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pdp_lint", *args], cwd=cwd, capture_output=True, text=True
    )


def test_canonical_frameworks_check_clean():
    result = run("check", "frameworks/")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_every_as_found_file_loads_into_the_model():
    from pdp_lint.load.loader import load_file

    files = sorted(AS_FOUND.glob("*.yaml"))
    assert len(files) == 5
    for path in files:
        loaded = load_file(path)
        assert loaded.framework is not None, [p.message for p in loaded.problems]


def test_schema_error_is_reported_at_file_line_col_with_exit_1(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("title: Demo PDP", "titel: Demo PDP"))
    result = run("check", str(bad))
    assert result.returncode == 1
    expected = (
        f"{bad.as_posix()}:2:1: error: SC01 unknown key `titel` in the framework; "
        "did you mean `title`?"
    )
    assert expected in result.stdout
    assert "Traceback" not in result.stderr


def test_unreadable_input_exits_2_but_other_files_are_still_checked(tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL.replace("title: Demo PDP", "titel: Demo PDP"))
    result = run("check", str(good), str(tmp_path / "missing.yaml"))
    assert result.returncode == 2
    assert "no such file or directory" in result.stdout
    assert "unknown key `titel`" in result.stdout


def test_json_output_has_the_documented_shape(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("status: draft", "status: nope"))
    doc = json.loads(run("check", "--format", "json", str(bad)).stdout)
    assert doc["version"] == 1
    (problem,) = doc["problems"]
    assert set(problem) == {
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "path",
        "suggestion",
        "fixable",
    }
    assert (problem["line"], problem["column"], problem["path"]) == (7, 9, "$.status")
    assert doc["summary"]["error"] == 1


def test_text_output_shows_the_source_line_and_a_caret(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("status: draft", "status: nope"))
    lines = run("check", "--no-color", str(bad)).stdout.splitlines()
    assert lines[1] == "    7 | status: nope"
    assert lines[2] == "      |         ^^^^"


def test_empty_directory_is_an_input_error(tmp_path: Path):
    result = run("check", str(tmp_path))
    assert result.returncode == 2
    assert "no framework files" in result.stdout


def test_readme_test_command_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = readme.split("<!-- test-command -->", 1)[1].split("```", 2)[1]
    command = block.removeprefix("sh\n").strip()
    assert command in ci


def test_version_and_help():
    assert run("--version").stdout.startswith("pdp-lint, version ")
    assert "check" in run("--help").stdout
    assert FRAMEWORKS.is_dir()


def test_help_lists_every_command_with_its_summary():
    listed = run("--help").stdout.split("Commands:", 1)[1]
    # a summary longer than the terminal continues on an indented line
    names = [line.split()[0] for line in listed.strip().splitlines() if line[2:3] != " "]
    assert names == [
        "changes",
        "check",
        "export",
        "fix",
        "import",
        "rules",
        "server",
        "site",
        "vocabulary",
    ]
    assert "Show what changed in the frameworks" in listed
    assert "Run the language server for editors" in listed
    assert "Write handouts of the frameworks" in listed
    assert "List the words the spelling rule does not know" in listed
    assert "Build the HR site" in listed
    assert "Apply the edits made in WORKBOOK" in listed
    assert run("site", "--help").stdout.startswith("Usage: pdp-lint site ")


def test_check_does_not_load_what_only_export_and_site_need():
    """The pre-commit hook runs `check` on every commit: exporters load only for export and site."""
    script = (
        "import sys\n"
        "from pdp_lint.cli.commands import cli\n"
        "try:\n"
        "    cli(['check', '--no-cache', 'frameworks/cx-pdp.yaml'], standalone_mode=False)\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert "pdp_lint.engine.linter" in loaded  # the check did run
    # nor do the modules whose import a check can do without: each costs milliseconds
    heavy_modules = ("exporters", "docx", "jinja2", "dataclasses", "multiprocessing", "pickle")
    # nor does the language server and its protocol libraries
    for heavy in (*heavy_modules, "pdp_lint.server", "pygls", "lsprotocol", "cattrs"):
        assert heavy not in loaded
        assert not any(name.startswith(f"{heavy}.") for name in loaded)


def test_readme_main_command_lints_and_builds_the_site(tmp_path: Path):
    """The quick start's first command, run from a copy of the repository's content."""
    import shlex
    import shutil

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("<!-- test-command -->", 1)[0]
    command = quick.split("```sh", 1)[1].split("```", 1)[0].strip()
    steps = [shlex.split(part) for part in command.split(" && ")]
    lint_steps = [s[1:] for s in steps if s[0].endswith("/pdp-lint")]
    assert [s[0] for s in lint_steps] == ["check", "site"]
    shutil.copytree(ROOT / "frameworks", tmp_path / "frameworks")
    for name in ("pdp-lint.toml", "vocabulary.txt"):
        shutil.copy2(ROOT / name, tmp_path / name)
    for args in lint_steps:
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "dist" / "site" / "index.html").is_file()
