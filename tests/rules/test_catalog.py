"""Guards over the rule catalog: registration, documentation, cases, docs examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from pdp_lint.report.ruledocs import HEADINGS, doc_sections, yaml_block
from pdp_lint.rules import all_rules
from tests.rules.harness import run_files

CASES = Path(__file__).parent / "cases"
RULES = list(all_rules().values())
# Loader rules whose example is not YAML text (a file's bytes, a nesting bomb).
_NO_YAML_EXAMPLE = {"IO01", "SY06"}


def test_codes_and_names_are_unique_and_well_formed():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for r in RULES:
        assert re.fullmatch(r"[A-Z]{2}\d{2}", r.code), r
        assert re.fullmatch(r"[a-z]+(\.[a-z-]+)+", r.name), r
        assert r.groups, r


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_documents_every_heading(rule):
    sections = doc_sections(rule)
    for heading in HEADINGS:
        assert sections.get(heading), f"{rule.code} lacks '## {heading}'"
    if rule.fixable:
        assert sections.get("Fix safety"), f"{rule.code} is fixable but has no '## Fix safety'"
    options = rule.Options.__struct_fields__
    if options:
        assert sections.get("Options"), f"{rule.code} has options but no '## Options'"
        for name in options:
            assert name.replace("_", "-") in sections["Options"], (rule.code, name)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_a_case_file_with_pass_and_fail_cases(rule):
    path = CASES / f"{rule.code}.yml"
    assert path.is_file(), f"missing {path}"
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert data["rule"] == rule.code
    names = list(data["cases"])
    assert any(n.startswith("test_pass_") for n in names), rule.code
    assert any(n.startswith("test_fail_") for n in names), rule.code
    for name, case in data["cases"].items():
        assert bool(case.get("violations")) == name.startswith("test_fail_"), name


def _files(block: str) -> dict[str, str]:
    """A docs block is one file, or several separated by ``# --- file: name.yaml``."""
    parts = re.split(r"^# --- file: (\S+)\n", block, flags=re.M)
    if len(parts) == 1:
        return {"example.yaml": block}
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docs_example_fails_and_use_instead_passes(rule, tmp_path):
    sections = doc_sections(rule)
    bad, good = yaml_block(sections["Example"]), yaml_block(sections["Use instead"])
    if rule.code in _NO_YAML_EXAMPLE:
        assert bad is None
        return
    assert bad is not None and good is not None, rule.code
    select = {"select": [rule.code]} if rule.stage == "model" else None
    (tmp_path / "bad").mkdir()
    (tmp_path / "good").mkdir()
    found = run_files(tmp_path / "bad", _files(bad), rule.code, select)
    assert any(p.code == rule.code for p in found), f"{rule.code} Example raises nothing"
    found = run_files(tmp_path / "good", _files(good), rule.code, select)
    assert not any(p.code == rule.code for p in found), (
        f"{rule.code} Use-instead still fails: {[p.message for p in found]}"
    )
