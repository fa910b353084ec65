"""The JSON Schema: valid itself, shipped in the package, explained in plain language."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from importlib.resources import files
from pathlib import Path

from jsonschema import Draft202012Validator

from tests.conftest import MINIMAL, ROOT, load_yaml


def schema_text() -> str:
    return (ROOT / "schema" / "framework.schema.json").read_text(encoding="utf-8")


def test_schema_is_valid_draft_2020_12():
    schema = json.loads(schema_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]
    Draft202012Validator.check_schema(schema)


def test_every_property_has_a_description_and_objects_are_closed():
    schema = json.loads(schema_text())
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object":
                assert node.get("additionalProperties") is False, where
            for name, prop in node.get("properties", {}).items():
                if "description" not in prop:
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(schema, "$")
    assert missing == []


def test_installed_package_ships_the_same_schema():
    packaged = files("pdp_lint").joinpath("data", "framework.schema.json").read_text("utf-8")
    assert packaged == schema_text()


def test_built_wheel_contains_the_schema(tmp_path: Path):
    # built from a copy of the packages alone: what the wheel holds comes from them, not
    # from whatever else lies in the checkout (nor from files other tests write there)
    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md"):
        source.mkdir(exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    for package in ("pdp_lint", "exporters"):
        shutil.copytree(
            ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(source),
        ],
        check=True,
    )
    wheel = next(tmp_path.glob("pdp_lint-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("pdp_lint/data/framework.schema.json").decode() == schema_text()


def one(text: str):
    problems = [p for p in load_yaml(text).problems if p.code == "SC01"]
    assert len(problems) == 1, problems
    return problems[0]


def test_misspelled_key_gets_did_you_mean_at_the_key():
    text = MINIMAL.replace(
        "            behaviors:\n              - id: teaches",
        "            behaviours:\n              - id: teaches",
    )
    problems = [p for p in load_yaml(text).problems if p.code == "SC01"]
    assert problems[0].message == (
        "section `knowledge` of role `senior-expert` has no `behaviors`; add it"
    )
    p = problems[1]
    assert p.message.startswith(
        "unknown key `behaviours` in section `knowledge` of role `senior-expert`; "
        "did you mean `behaviors`?"
    )
    assert (p.line, p.column) == (text.splitlines().index("            behaviours:") + 1, 13)
    assert p.suggestion == "behaviors"


def test_missing_required_key_names_the_object():
    p = one(MINIMAL.replace("        title: Senior Expert\n", ""))
    assert p.message == "role `senior-expert` has no `title`; add it"
    assert p.path == "$.tracks[0].roles[1].title"


def test_bad_enum_value_lists_choices_and_suggests():
    p = one(MINIMAL.replace("status: draft", "status: publshed"))
    assert "use one of `draft`, `published`; did you mean `published`?" in p.message


def test_unsafe_ids_are_refused():
    assert "not a valid id" in one(MINIMAL.replace("id: learns", "id: ../../x")).message
    assert "reserved device name" in one(MINIMAL.replace("id: learns", "id: con")).message
    assert "longer than 64" in one(MINIMAL.replace("id: learns", "id: " + "a" * 65)).message


def test_every_framework_file_declares_the_schema_for_editors():
    for path in sorted((ROOT / "frameworks").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/framework.schema.json", path
