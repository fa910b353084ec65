"""Every output format, from one fixed list of problems, compared with exact output."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import jsonschema
import msgspec
import pytest

from pdp_lint import __version__
from pdp_lint.model.problem import Edit, Fix, Problem, Report, Severity
from pdp_lint.report import REPORTERS
from tests import clirun
from tests.conftest import AS_FOUND, MINIMAL, ROOT

SARIF_SCHEMA = json.loads(
    (ROOT / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
DEMO = "frameworks/demo.yaml"
OTHER = "frameworks/other, v2.yaml"
DEMO_TEXT = MINIMAL.replace("  - id: knowledge\n", "  - id: knowledge  # pdp-lint: disable=SY05\n")
COMMENT_AT = DEMO_TEXT.index("  # pdp-lint")


def problems() -> list[Problem]:
    return [
        Problem(
            OTHER,
            3,
            8,
            3,
            11,
            "SY05",
            "syntax.implicit-type",
            Severity.INFO,
            "value `yes` is read as true: quote it,\nor write 100% clearly",
            "$.owner.team",
            suggestion='"yes"',
        ),
        Problem(
            DEMO,
            9,
            18,
            9,
            44,
            "LN01",
            "suppression.unused",
            Severity.WARNING,
            "suppression of `SY05` no longer suppresses anything; remove it",
            fix=Fix((Edit(COMMENT_AT, COMMENT_AT + 26, ""),)),
        ),
        Problem(
            DEMO,
            2,
            1,
            2,
            6,
            "SY02",
            "syntax.duplicate-key",
            Severity.ERROR,
            "key `title` appears twice; the first is on line 1",
            "$.title",
        ),
    ]


def report(**extra: object) -> Report:
    texts = {DEMO: DEMO_TEXT}
    return Report(
        problems(),
        3,
        source_text=lambda file: texts.get(file, ""),
        files=[DEMO, OTHER, "frameworks/clean.yaml"],
        **extra,  # type: ignore[arg-type]
    )


def render(fmt: str, rep: Report | None = None) -> str:
    return REPORTERS[fmt]().render(rep or report())


def test_every_format_is_registered():
    assert set(REPORTERS) >= {"text", "json", "sarif", "github", "junit"}


# --- GitHub Actions -------------------------------------------------------------------


def test_github_annotations_are_exact_with_escaping():
    assert render("github").splitlines() == [
        "::error file=frameworks/demo.yaml,line=2,col=1,endLine=2,endColumn=6,"
        "title=SY02 syntax.duplicate-key::key `title` appears twice; the first is on line 1",
        "::warning file=frameworks/demo.yaml,line=9,col=18,endLine=9,endColumn=44,"
        "title=LN01 suppression.unused::suppression of `SY05` no longer suppresses anything;"
        " remove it",
        "::notice file=frameworks/other%2C v2.yaml,line=3,col=8,endLine=3,endColumn=11,"
        "title=SY05 syntax.implicit-type::value `yes` is read as true: quote it,"
        '%0Aor write 100%25 clearly (suggestion: "yes")',
    ]


def test_github_annotations_show_what_a_log_viewer_would_act_on():
    """A message quoting a framework's text with an escape sequence, a bell or a line
    separator: shown as visible characters, as the text report shows them; a line break
    is still an escaped one."""
    problem = msgspec.structs.replace(
        problems()[0], message="summary `\x1b[31mred\x1b[0m\x07`\u2028and\nnext"
    )
    out = render("github", Report([problem], 1))
    assert "\x1b" not in out and "\x07" not in out and "\u2028" not in out
    assert out.endswith('::summary `␛[31mred␛[0m␇`␤and%0Anext (suggestion: "yes")\n')


def test_github_paths_are_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    inside = problems()[2]
    absolute = Problem(str(tmp_path / "a:b.yaml"), *list(_fields(inside))[1:])
    out = render("github", Report([absolute], 1))
    assert out.startswith("::error file=a%3Ab.yaml,line=2,")


def _fields(p: Problem) -> tuple[object, ...]:
    return tuple(getattr(p, name) for name in Problem.__struct_fields__)


def test_github_prints_nothing_without_problems():
    assert render("github", Report([], 2)) == ""


# --- JUnit ----------------------------------------------------------------------------


JUNIT = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="pdp-lint" tests="4" failures="3" errors="0">
  <testsuite name="frameworks/clean.yaml" tests="1" failures="0" errors="0" skipped="0">
    <testcase name="pdp-lint" classname="frameworks/clean.yaml" file="frameworks/clean.yaml" />
  </testsuite>
  <testsuite name="frameworks/demo.yaml" tests="2" failures="2" errors="0" skipped="0">
    <testcase name="SY02 syntax.duplicate-key at 2:1" classname="frameworks/demo.yaml" \
file="frameworks/demo.yaml" line="2">
      <failure type="SY02" message="key `title` appears twice; the first is on line 1">\
frameworks/demo.yaml:2:1: SY02 [error] key `title` appears twice; the first is on line 1</failure>
    </testcase>
    <testcase name="LN01 suppression.unused at 9:18" classname="frameworks/demo.yaml" \
file="frameworks/demo.yaml" line="9">
      <failure type="LN01" message="suppression of `SY05` no longer suppresses anything; \
remove it">frameworks/demo.yaml:9:18: LN01 [warning] suppression of `SY05` no longer \
suppresses anything; remove it</failure>
    </testcase>
  </testsuite>
  <testsuite name="frameworks/other, v2.yaml" tests="1" failures="1" errors="0" skipped="0">
    <testcase name="SY05 syntax.implicit-type at 3:8" classname="frameworks/other, v2.yaml" \
file="frameworks/other, v2.yaml" line="3">
      <failure type="SY05" message="value `yes` is read as true: quote it,&#10;or write 100% \
clearly">frameworks/other, v2.yaml:3:8: SY05 [info] value `yes` is read as true: quote it,
or write 100% clearly
suggestion: "yes"</failure>
    </testcase>
  </testsuite>
</testsuites>
"""


def test_junit_is_exact():
    assert render("junit") == JUNIT


def test_junit_parses_and_counts_match():
    root = ET.fromstring(render("junit"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "frameworks/clean.yaml",
        "frameworks/demo.yaml",
        "frameworks/other, v2.yaml",
    ]
    assert sum(int(s.get("failures", "0")) for s in suites) == len(root.findall(".//failure"))
    assert root.findall(".//failure")[2].get("message") == problems()[0].message


def test_junit_replaces_characters_xml_cannot_carry():
    bad = Problem(DEMO, 1, 1, 1, 2, "SY01", "syntax.yaml", Severity.ERROR, "bad \x07 byte")
    out = render("junit", Report([bad], 1))
    assert ET.fromstring(out).find(".//failure").get("message") == "bad \ufffd byte"  # type: ignore[union-attr]


# --- SARIF ----------------------------------------------------------------------------


@pytest.fixture
def sarif(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, object]:
    monkeypatch.chdir(tmp_path)
    return json.loads(render("sarif"))  # type: ignore[no-any-return]


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(sarif: dict[str, object]):
    jsonschema.validate(sarif, SARIF_SCHEMA)


def test_sarif_run_and_tool(sarif: dict, tmp_path: Path):
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("pdp-lint", __version__)
    # the project's home page, from the package metadata ([project.urls] Homepage)
    urls = [u.split(", ", 1) for u in metadata.metadata("pdp-lint").get_all("Project-URL")]
    assert driver["informationUri"] == dict(urls)["Homepage"]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.resolve().as_uri() + "/"}}
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_rules_come_from_the_rule_documentation(sarif: dict):
    from pdp_lint.report.ruledocs import doc_sections
    from pdp_lint.rules import all_rules

    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["LN01", "SY02", "SY05"]
    ln01 = rules[0]
    sections = doc_sections(all_rules()["LN01"])
    assert ln01["name"] == "suppression.unused"
    assert ln01["shortDescription"] == {
        "text": "A `# pdp-lint: disable=...` comment that no longer suppresses anything."
    }
    assert ln01["fullDescription"] == {"text": sections["What it does"]}
    assert ln01["help"]["markdown"] == (
        f"## What it does\n{sections['What it does']}\n\n"
        f"## Why is this bad?\n{sections['Why is this bad?']}"
    )
    assert ln01["defaultConfiguration"] == {"level": "warning"}
    assert ln01["properties"] == {"tags": ["suppression"]}
    assert rules[1]["defaultConfiguration"] == {"level": "error"}


def test_sarif_results_are_exact(sarif: dict):
    results = sarif["runs"][0]["results"]
    demo = {"uri": "frameworks/demo.yaml", "uriBaseId": "%SRCROOT%"}
    assert results == [
        {
            "ruleId": "SY02",
            "ruleIndex": 1,
            "level": "error",
            "message": {"text": "key `title` appears twice; the first is on line 1"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": demo,
                        "region": {"startLine": 2, "startColumn": 1, "endLine": 2, "endColumn": 6},
                    },
                    "logicalLocations": [{"fullyQualifiedName": "$.title", "kind": "member"}],
                }
            ],
            "partialFingerprints": {"pdpLint/v1": results[0]["partialFingerprints"]["pdpLint/v1"]},
            "properties": {"name": "syntax.duplicate-key"},
        },
        {
            "ruleId": "LN01",
            "ruleIndex": 0,
            "level": "warning",
            "message": {"text": "suppression of `SY05` no longer suppresses anything; remove it"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": demo,
                        "region": {
                            "startLine": 9,
                            "startColumn": 18,
                            "endLine": 9,
                            "endColumn": 44,
                        },
                    },
                    "logicalLocations": [{"fullyQualifiedName": "$", "kind": "member"}],
                }
            ],
            "partialFingerprints": {"pdpLint/v1": results[1]["partialFingerprints"]["pdpLint/v1"]},
            "fixes": [
                {
                    "description": {
                        "text": "suppression of `SY05` no longer suppresses anything; remove it"
                    },
                    "artifactChanges": [
                        {
                            "artifactLocation": demo,
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "startLine": 9,
                                        "startColumn": 18,
                                        "endLine": 9,
                                        "endColumn": 44,
                                        "charOffset": COMMENT_AT,
                                        "charLength": 26,
                                    },
                                    "insertedContent": {"text": ""},
                                }
                            ],
                        }
                    ],
                    "properties": {"safe": True},
                }
            ],
            "properties": {"name": "suppression.unused"},
        },
        {
            "ruleId": "SY05",
            "ruleIndex": 2,
            "level": "note",
            "message": {"text": "value `yes` is read as true: quote it,\nor write 100% clearly"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": "frameworks/other, v2.yaml",
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {"startLine": 3, "startColumn": 8, "endLine": 3, "endColumn": 11},
                    },
                    "logicalLocations": [{"fullyQualifiedName": "$.owner.team", "kind": "member"}],
                }
            ],
            "partialFingerprints": {"pdpLint/v1": results[2]["partialFingerprints"]["pdpLint/v1"]},
            "properties": {"name": "syntax.implicit-type", "suggestion": '"yes"'},
        },
    ]


def test_sarif_fix_region_is_the_comment_in_the_source(sarif: dict):
    (change,) = sarif["runs"][0]["results"][1]["fixes"][0]["artifactChanges"]
    region = change["replacements"][0]["deletedRegion"]
    line = DEMO_TEXT.splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "  # pdp-lint: disable=SY05"


def test_sarif_fingerprints_ignore_lines_and_tell_identical_problems_apart(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.chdir(tmp_path)
    first = problems()[2]
    moved = Problem(DEMO, 40, 3, 40, 8, *_fields(first)[5:])
    out = json.loads(render("sarif", Report([first, moved], 1)))["runs"][0]["results"]
    one, two = (r["partialFingerprints"]["pdpLint/v1"] for r in out)
    assert one.split(":")[0] == two.split(":")[0]
    assert (one.split(":")[1], two.split(":")[1]) == ("1", "2")
    alone = json.loads(render("sarif", Report([moved], 1)))["runs"][0]["results"][0]
    assert alone["partialFingerprints"]["pdpLint/v1"] == one


def test_sarif_fix_without_source_text_uses_character_offsets(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.chdir(tmp_path)
    out = json.loads(render("sarif", Report(problems(), 3)))
    jsonschema.validate(out, SARIF_SCHEMA)
    region = out["runs"][0]["results"][1]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert region["deletedRegion"] == {"charOffset": COMMENT_AT, "charLength": 26}


def test_sarif_file_outside_the_working_directory_is_an_absolute_uri(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    outside = Problem(str(tmp_path / "x.yaml"), *_fields(problems()[2])[1:])
    out = json.loads(render("sarif", Report([outside], 1)))
    jsonschema.validate(out, SARIF_SCHEMA)
    location = out["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": (tmp_path / "x.yaml").as_uri()}


def _cli(*args: str, cwd: Path = ROOT) -> clirun.Completed:
    return clirun.run(args, cwd=cwd)


def test_sarif_of_the_as_found_corpus_is_valid():
    result = _cli("check", "--format", "sarif", AS_FOUND.relative_to(ROOT).as_posix())
    assert result.returncode in (0, 1), result.stderr
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    run = log["runs"][0]
    codes = {r["ruleId"] for r in run["results"]}
    assert codes == {r["id"] for r in run["tool"]["driver"]["rules"]}
    for r in run["results"]:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("tests/fixtures/as-found/")


def test_sarif_of_broken_files_from_the_cli_is_valid(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text(MINIMAL.replace("status: draft", "status: nope"))
    (tmp_path / "dup.yaml").write_text(MINIMAL.replace("locale: en-US", "title: Again"))
    result = _cli("check", "--format", "sarif", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    found = {
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in log["runs"][0]["results"]
    }
    assert ("SC01", "bad.yaml", 7) in found
    assert any(code == "SY02" and uri == "dup.yaml" for code, uri, _ in found)


def test_junit_and_github_from_the_cli(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text(MINIMAL.replace("status: draft", "status: nope"))
    (tmp_path / "good.yaml").write_text(MINIMAL)
    junit = _cli("check", "--format", "junit", ".", cwd=tmp_path)
    root = ET.fromstring(junit.stdout)
    assert [s.get("name") for s in root.findall("testsuite")] == ["bad.yaml", "good.yaml"]
    assert root.get("failures") == str(len(root.findall(".//failure")))
    bad = root.find("testsuite[@name='bad.yaml']")
    assert bad is not None
    assert ("SC01", 7) in {
        (f.get("type"), int(c.get("line", "0")))
        for c in bad.findall("testcase")
        for f in c.findall("failure")
    }
    github = _cli("check", "--format", "github", "bad.yaml", cwd=tmp_path)
    assert github.stdout.startswith("::error file=bad.yaml,line=7,col=9,")


def test_github_format_is_the_default_under_github_actions(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text(MINIMAL.replace("status: draft", "status: nope"))
    result = subprocess.run(
        [sys.executable, "-m", "pdp_lint", "check", "bad.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "GITHUB_ACTIONS": "true"},
    )
    assert result.stdout.startswith("::error file=bad.yaml,")


# --- GitLab Code Quality --------------------------------------------------------------


def test_gitlab_code_quality_report_is_exact_and_fingerprints_are_stable():
    issues = json.loads(render("gitlab"))
    assert [(i["check_name"], i["severity"], i["location"]["path"]) for i in issues] == [
        ("SY02 syntax.duplicate-key", "major", "frameworks/demo.yaml"),
        ("LN01 suppression.unused", "minor", "frameworks/demo.yaml"),
        ("SY05 syntax.implicit-type", "info", "frameworks/other, v2.yaml"),
    ]
    first = issues[0]
    assert first["type"] == "issue"
    assert first["description"] == "key `title` appears twice; the first is on line 1"
    assert first["location"]["positions"] == {
        "begin": {"line": 2, "column": 1},
        "end": {"line": 2, "column": 6},
    }
    assert issues[2]["description"].endswith('(suggestion: "yes")')
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == 3
    moved = report()
    moved.problems = [
        msgspec.structs.replace(p, line=p.line + 10, end_line=p.end_line + 10)
        for p in moved.problems
    ]
    assert [i["fingerprint"] for i in json.loads(render("gitlab", moved))] == fingerprints
