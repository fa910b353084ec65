"""Configuration as a user meets it: found upward, checked key by key, one clear line."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pdp_lint.cli.commands import cli
from pdp_lint.engine.config import ConfigError, load_settings
from tests.conftest import MINIMAL
from tests.wordrule import install

#: MINIMAL with an unquoted `yes` (SY05, an error by default) on line 10
IMPLICIT = MINIMAL.replace("    name: Knowledge\n", "    name: yes\n", 1)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pdp_lint", *args], cwd=cwd, capture_output=True, text=True
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path / "fw" / "demo.yaml", IMPLICIT)
    return tmp_path


def assert_config_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr == f"pdp-lint: {expected}\n"


# --- discovery (in process, with the testing rules) -------------------------------------

#: MINIMAL with a banned word (ZZ90, a warning) on line 24 and capitals (ZZ91, opt-in) on 36
CONTENT = MINIMAL.replace("Learns the product.", "Learns the product through synergy.").replace(
    "Teaches the product.", "TEACHES THE PRODUCT."
)


@pytest.fixture
def rules_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    install(monkeypatch)
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "fw" / "demo.yaml", CONTENT)
    return tmp_path


def check(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", "--no-color", *args])


def found(*args: str) -> list[str]:
    result = check(*args)
    assert result.exit_code in (0, 1), result.output
    # file:line:col: severity: CODE message
    return [line.split()[2] for line in result.stdout.splitlines() if ".yaml:" in line]


def test_without_configuration_the_default_rules_run(rules_project: Path):
    assert found("fw") == ["ZZ90"]


def test_nearest_pdp_lint_toml_upward_is_used(rules_project: Path):
    write(rules_project / "pdp-lint.toml", 'ignore = ["ZZ90"]\n')
    write(rules_project / "fw" / "pdp-lint.toml", 'select = ["ZZ91"]\n')
    write(rules_project / "deeper" / "fw" / "demo.yaml", CONTENT)
    assert found("deeper/fw") == []  # the top file
    assert found("fw") == ["ZZ91"]  # the nearer one


def test_configuration_is_found_from_a_file_target_too(
    rules_project: Path, monkeypatch: pytest.MonkeyPatch
):
    write(rules_project / "fw" / "pdp-lint.toml", 'ignore = ["ZZ90"]\n')
    (rules_project / "elsewhere").mkdir()
    monkeypatch.chdir(rules_project / "elsewhere")
    assert found(str(rules_project / "fw" / "demo.yaml")) == []


def test_pyproject_without_the_table_is_skipped(rules_project: Path):
    write(rules_project / "pdp-lint.toml", 'ignore = ["ZZ90"]\n')
    write(rules_project / "fw" / "pyproject.toml", '[project]\nname = "x"\n')
    assert found("fw") == []


def test_tool_table_in_pyproject_is_used(rules_project: Path):
    write(rules_project / "pdp-lint.toml", 'ignore = ["ZZ90"]\n')
    write(rules_project / "fw" / "pyproject.toml", '[tool.pdp-lint]\nselect = ["ZZ91"]\n')
    assert found("fw") == ["ZZ91"]


def test_config_flag_names_the_file(rules_project: Path):
    write(rules_project / "pdp-lint.toml", 'ignore = ["ZZ90"]\n')
    write(rules_project / "other" / "strict.toml", 'select = ["testing"]\n')
    assert found("--config", "other/strict.toml", "fw") == ["ZZ90", "ZZ91"]


def test_config_flag_with_a_missing_file_is_a_usage_error(project: Path):
    result = run("check", "--config", "nope.toml", "fw", cwd=project)
    assert result.returncode == 2
    assert "nope.toml" in result.stderr and "Traceback" not in result.stderr


# --- errors: one line with file:line, exit 2 --------------------------------------------


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        (
            'ignore = ["SY02"]\nselec = ["SY05"]\n',
            "pdp-lint.toml:2: unknown key `selec` in the pdp-lint configuration;"
            " did you mean `select`?",
        ),
        (
            'select = "SY05"\n',
            "pdp-lint.toml:1: `select` must be a list of rule codes, names or groups",
        ),
        (
            'max-file-size = "big"\n',
            "pdp-lint.toml:1: `max-file-size` must be a positive number of bytes",
        ),
        ("vocabulary = 3\n", "pdp-lint.toml:1: `vocabulary` must be a path or a list of paths"),
        ("rules = 3\n", "pdp-lint.toml:1: `rules` must be a table of rule option tables"),
        (
            'select = ["SY55"]\n',
            "pdp-lint.toml:1: unknown rule `SY55` in `select`; did you mean `SY05`?",
        ),
        (
            '\nignore = ["syntax.implicit-typ"]\n',
            "pdp-lint.toml:2: unknown rule `syntax.implicit-typ` in `ignore`;"
            " did you mean `syntax.implicit-type`?",
        ),
        (
            "[severity]\nSY5 = 'warning'\n",
            "pdp-lint.toml:2: unknown rule `SY5` in `severity`; did you mean `SY05`?",
        ),
        (
            "[severity]\nSY05 = 'fatal'\n",
            "pdp-lint.toml:2: severity of `SY05` must be error, warning or info",
        ),
        (
            "[rules.SY55]\nx = 1\n",
            "pdp-lint.toml:1: unknown rule `SY55` in `rules`; did you mean `SY05`?",
        ),
        (
            "[rules.SY05]\nstrict = true\n",
            "pdp-lint.toml:2: unknown option `strict` for rule SY05; it has no options",
        ),
        (
            "[[overrides]]\nfiles = ['a.yaml']\nignor = ['SY05']\n",
            "pdp-lint.toml:3: unknown key `ignor` in an override; did you mean `ignore`?",
        ),
        (
            "[[overrides]]\nignore = ['SY05']\n",
            'pdp-lint.toml:1: each `[[overrides]]` needs `files = ["glob", ...]`',
        ),
        (
            'vocabulary = ["terms.txt"]\n',
            "pdp-lint.toml:1: vocabulary file `{root}/terms.txt` does not exist or is not a file",
        ),
    ],
)
def test_configuration_errors_are_one_line_with_file_and_line(
    project: Path, toml: str, expected: str
):
    write(project / "pdp-lint.toml", toml)
    result = run("check", "fw", cwd=project)
    expected = expected.format(root=project.resolve())
    assert_config_error(result, f"{project.resolve() / expected}")


def test_error_in_pyproject_names_the_line_in_pyproject(project: Path):
    write(project / "pyproject.toml", '[project]\nname = "x"\n\n[tool.pdp-lint]\nignor = []\n')
    result = run("check", "fw", cwd=project)
    assert_config_error(
        result,
        f"{project.resolve() / 'pyproject.toml'}:5: unknown key `ignor` in the pdp-lint"
        " configuration; did you mean `ignore`?",
    )


def test_invalid_toml_is_one_line(project: Path):
    write(project / "pdp-lint.toml", "select = [\n")
    result = run("check", "fw", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"pdp-lint: {project.resolve() / 'pdp-lint.toml'}: invalid TOML"
    )
    assert result.stderr.count("\n") == 1


def test_vocabulary_that_is_a_folder_is_refused(project: Path):
    (project / "terms").mkdir()
    write(project / "pdp-lint.toml", 'vocabulary = "terms"\n')
    result = run("check", "fw", cwd=project)
    assert result.returncode == 2
    assert "vocabulary file" in result.stderr and "is not a file" in result.stderr


def test_unknown_selector_on_the_command_line(project: Path):
    result = run("check", "--select", "SY55", "fw", cwd=project)
    assert_config_error(result, "--select SY55: no such rule, name or group; see `pdp-lint rules`")


# --- options of a rule (a rule with options, added for these tests) ---------------------


def test_rule_options_are_typed_and_validated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    install(monkeypatch)
    config = tmp_path / "pdp-lint.toml"

    def error(toml: str) -> str:
        config.write_text(toml, encoding="utf-8")
        with pytest.raises(ConfigError) as info:
            load_settings(config)
        return str(info.value).removeprefix(f"{config}:")

    assert error("[rules.ZZ90]\nword = 3\n") == "2: option `word` of ZZ90 must be text"
    assert (
        error("[rules.ZZ90]\nmax-uses = 1.5\n")
        == "2: option `max-uses` of ZZ90 must be a whole number"
    )
    assert (
        error("[rules.ZZ90]\nmax-uses = true\n")
        == "2: option `max-uses` of ZZ90 must be a whole number"
    )
    assert error("[rules.ZZ90]\nwrd = 'x'\n") == (
        "2: unknown option `wrd` for rule ZZ90; did you mean `word`?"
    )
    assert error("[rules.ZZ90]\nword = ''\n") == "2: ZZ90: `word` must not be empty"
    assert error("[rules.testing]\nword = 'x'\n") == (
        "1: `rules.testing` must name exactly one rule by code or name"
    )
    config.write_text("[rules.\"testing.banned-word\"]\nmax-uses = 2\nword = 'x'\n")
    by_name = load_settings(config).rule_options("ZZ90")
    assert (by_name.word, by_name.max_uses) == ("x", 2)


# --- selection, severity and overrides ---------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("", ["ZZ90"]),
        ('select = ["ZZ91"]', ["ZZ91"]),
        ('select = ["testing.shouting"]', ["ZZ91"]),
        ('select = ["testing"]', ["ZZ90", "ZZ91"]),
        ('select = ["style"]', ["ZZ91"]),
        ('select = ["ALL"]', ["ZZ90", "ZZ91"]),
        ('ignore = ["testing"]', []),
        ('ignore = ["testing.banned-word"]', []),
        ('extend-select = ["ZZ91"]', ["ZZ90", "ZZ91"]),
        ('select = ["testing"]\nignore = ["ZZ90"]', ["ZZ91"]),
    ],
)
def test_select_and_ignore_by_code_name_and_group(
    rules_project: Path, toml: str, expected: list[str]
):
    write(rules_project / "pdp-lint.toml", toml + "\n")
    assert found("fw") == expected


def test_command_line_select_and_ignore_override_the_file(rules_project: Path):
    write(rules_project / "pdp-lint.toml", 'select = ["ZZ91"]\n')
    assert found("--select", "ZZ90", "fw") == ["ZZ90"]
    assert found("--ignore", "ZZ91", "fw") == []
    assert found("--select", "testing", "--ignore", "ZZ90", "fw") == ["ZZ91"]


def test_warnings_fail_only_with_strict(rules_project: Path):
    assert check("fw").exit_code == 0
    assert check("--strict", "fw").exit_code == 1


def test_severity_override(rules_project: Path):
    write(rules_project / "pdp-lint.toml", '[severity]\n"testing.banned-word" = "error"\n')
    assert check("fw").exit_code == 1
    write(rules_project / "pdp-lint.toml", "[severity]\ntesting = 'info'\n")
    result = check("--strict", "--format", "json", "fw")
    assert result.exit_code == 0
    assert '"severity": "info"' in result.stdout


def test_per_path_overrides(rules_project: Path):
    write(rules_project / "fw" / "legacy" / "old.yaml", CONTENT.replace("id: demo", "id: old"))
    write(
        rules_project / "pdp-lint.toml",
        """\
        [[overrides]]
        files = ["fw/legacy/*.yaml"]
        ignore = ["ZZ90"]
        extend-select = ["ZZ91"]

        [[overrides]]
        files = ["fw/demo.yaml"]
        severity = { ZZ90 = "error" }
        """,
    )
    result = check("fw")
    assert result.exit_code == 1
    shown = [line.split()[:3] for line in result.stdout.splitlines() if ".yaml:" in line]
    # the override made ZZ90 an error in demo.yaml (the line says so)
    assert shown == [
        ["fw/demo.yaml:24:50:", "error:", "ZZ90"],
        ["fw/legacy/old.yaml:36:23:", "error:", "ZZ91"],
    ]


def test_override_can_select_rules_for_some_files(rules_project: Path):
    write(rules_project / "fw" / "other.yaml", CONTENT.replace("id: demo", "id: other"))
    write(
        rules_project / "pdp-lint.toml",
        """\
        select = ["ZZ91"]

        [[overrides]]
        files = ["fw/other.yaml"]
        select = ["ZZ90"]
        """,
    )
    result = check("fw")
    shown = [line.split()[::2][:2] for line in result.stdout.splitlines() if ".yaml:" in line]
    assert [(f.split(":")[0], c) for f, c in shown] == [
        ("fw/demo.yaml", "ZZ91"),
        ("fw/other.yaml", "ZZ90"),
    ]
