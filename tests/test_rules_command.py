"""`pdp-lint rules`: the list, one rule's documentation, JSON, and the generated page."""

from __future__ import annotations

import json

from pdp_lint.report.ruledocs import anchor, render_reference
from pdp_lint.rules import all_rules
from tests import clirun
from tests.conftest import ROOT

DOCS = ROOT / "docs" / "rules.md"


def run(*args: str) -> clirun.Completed:
    return clirun.run(["rules", *args], cwd=ROOT)


def test_docs_page_is_the_generated_reference():
    generated = run("--format", "markdown")
    assert generated.returncode == 0, generated.stderr
    assert DOCS.read_text(encoding="utf-8") == generated.stdout, (
        "docs/rules.md is out of date; run `pdp-lint rules --format markdown > docs/rules.md`"
    )


def test_reference_has_an_index_row_and_a_section_for_every_rule():
    page = render_reference(all_rules().values())
    for rule in all_rules().values():
        assert f"| [{rule.code}](#{anchor(rule)}) | `{rule.name}` |" in page
        assert f"\n## {rule.code} {rule.name}\n" in page
    assert "\n# " not in page.split("\n", 1)[1].split("```")[0]  # one top heading


def test_headings_inside_yaml_examples_are_left_alone():
    page = render_reference(all_rules().values())
    assert "### What it does" in page
    assert "\n## # " not in page and "\n### # " not in page


def test_anchor_follows_the_heading_slug_rules():
    assert anchor(all_rules()["SY02"]) == "sy02-syntaxduplicate-key"


def test_json_lists_every_rule_with_its_metadata():
    result = run("--format", "json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert [r["code"] for r in rows] == list(all_rules())
    sy05 = next(r for r in rows if r["code"] == "SY05")
    assert sy05 == {
        "code": "SY05",
        "name": "syntax.implicit-type",
        "groups": ["syntax"],
        "severity": "error",
        "fixable": all_rules()["SY05"].fixable,
        "fix_safety": None,
        "default_enabled": True,
        "summary": "An unquoted value that YAML reads as a boolean or a date.",
    }


def test_json_of_a_group():
    rows = json.loads(run("syntax", "--format", "json").stdout)
    assert {r["code"] for r in rows} >= {"SY01", "SY02", "SY05"}
    assert all("syntax" in r["groups"] for r in rows)


def test_table_and_one_rule():
    table = run().stdout.splitlines()
    assert table[0].split() == ["CODE", "NAME", "SEVERITY", "FIX", "SUMMARY"]
    assert any(line.startswith("SY02  syntax.duplicate-key") for line in table)
    one = run("syntax.duplicate-key").stdout
    assert one.startswith("# SY02 syntax.duplicate-key\n")
    assert "## What it does" in one


def test_unknown_rule_is_one_line_and_exit_2():
    result = run("ZZ99")
    assert result.returncode == 2
    assert result.stderr == "pdp-lint: no rule `ZZ99`; see `pdp-lint rules`\n"


def test_a_name_holding_control_characters_is_echoed_escaped_on_one_line():
    """`rules $'SP01\\n'` split its one line in two; an ESC reached the terminal."""
    result = run("SP01\n")
    assert result.stderr == "pdp-lint: no rule `SP01\\n`; see `pdp-lint rules`\n"
    check = clirun.run(["check", "--select", "x\x1by", "frameworks"], cwd=ROOT)
    assert check.returncode == 2
    assert check.stderr == (
        "pdp-lint: --select x\\x1by: no such rule, name or group; see `pdp-lint rules`\n"
    )
