"""Seed fidelity: the YAML conversions of the five seed documents lose nothing.

Each seed in ``tests/fixtures/seeds/`` was converted twice:

* ``tests/fixtures/as-found/<id>.yaml`` keeps the text exactly as found, defects included;
* ``frameworks/<id>.yaml`` is the canonical version: the same text after the generic
  whitespace normalisation (U+00A0 -> space, runs of spaces collapsed, surrounding
  whitespace stripped) and the fixes listed in ``tests/fixtures/seed-fixes.yaml``.

Content lines of a seed are extracted as follows:

* surrounding ASCII spaces are stripped (never U+00A0);
* a leading list marker is removed: bullet U+2022, en dash U+2013 (seed 001 writes
  ``U+2013 U+00A0 space``; only the dash goes, the U+00A0 is part of the text as found),
  ``-`` and ``*``, each when followed by a space or U+00A0;
* the prefixes ``Level N. `` (seed 004), ``N. `` numbering (seed 003) and the example labels
  ``Example:`` / ``Examples:`` (seeds 001 and 002) are removed;
* lines that are empty or whitespace-only (including U+00A0-only paragraphs), bare example
  labels (``Example``, ``Example 1``, ``Examples 3``, ``Example:``) and the navigation, chrome
  and label lines in ``NON_CONTENT`` are skipped.

The haystack of a YAML file is every string scalar in it plus the derived forms
``"<title> (<abbreviation>)"`` for roles, ``"<label>: <text>"`` for guidance items and
``"<title>: <summary>"`` for role profiles. No seed line is split across several YAML
values, so every content line must be *equal* to a haystack string (set membership, never a
substring match).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS_DIR = FIXTURES / "seeds"
AS_FOUND_DIR = FIXTURES / "as-found"
FRAMEWORKS_DIR = ROOT / "frameworks"
SCHEMA_PATH = ROOT / "schema" / "framework.schema.json"
FIXES_PATH = FIXTURES / "seed-fixes.yaml"

SEED_TO_ID = {
    "000_8308dd6b2d03c5ec.txt": "cx-knowledge-experts",
    "001_ad6995d131b0e2be.txt": "cx-knowledge-managers",
    "002_8334455f611c85a1.txt": "cx-pdp",
    "003_d94bd02268fa6bb3.txt": "cx-team-roles",
    "004_502a772d5efa0e6a.txt": "customer-experience-management",
}
SEED_PARAMS = [pytest.param(seed, fid, id=f"{seed}->{fid}") for seed, fid in SEED_TO_ID.items()]

NBSP = "\u00a0"
LIST_MARKERS = ("\u2022", "\u2013", "-", "*")

# Lines that are page navigation, site chrome or labels rather than content.
NON_CONTENT = frozenset(
    {
        # PDP pages (seeds 000-002): navigation; the role and competency names listed under
        # these headings are not skipped, they equal role titles and catalog names.
        "Choose the roles",
        "Choose the competencies",
        "All",
        "N/A",
        # PDP pages (seeds 001, 002): label above the bullet list.
        "Behaviors",
        # Article page (seed 003): site chrome.
        "Article",
        "Summarized Content",
        "Discover content by category",
        "Ask anything...",
        "Sign Up Free to ask questions about anything you want to learn.",
        # Competency sheet (seed 004): labels.
        "BEHAVIORS",
        "QUESTIONS",
        "Probing Questions",
    }
)
BARE_EXAMPLE_LABEL = re.compile(r"^Examples?( \d+)?:?$")
EXAMPLE_LABEL_PREFIX = re.compile(r"^Examples?:")
LEVEL_PREFIX = re.compile(r"^Level \d+\. ")
NUMBER_PREFIX = re.compile(r"^\d+\. ")

# Keys whose values are ids, metadata or fields invented by the conversion (not seed text).
NON_TEXT_KEYS = frozenset(
    {
        "id",
        "competency",
        "builds_on",
        "applies_to",
        "term",
        "expansion",
        "team",
        "version",
        "locale",
        "status",
        "audience",
        "abbreviation",
        "level",
    }
)

SCHEMA_LINE = {
    FRAMEWORKS_DIR: "# yaml-language-server: $schema=../schema/framework.schema.json",
    AS_FOUND_DIR: "# yaml-language-server: $schema=../../../schema/framework.schema.json",
}
YAML_FILES = [
    pytest.param(directory / f"{fid}.yaml", id=f"{directory.relative_to(ROOT)}/{fid}.yaml")
    for directory in (FRAMEWORKS_DIR, AS_FOUND_DIR)
    for fid in SEED_TO_ID.values()
]


# ----------------------------------------------------------------------------- helpers


@cache
def load_yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def seed_text(seed: str) -> str:
    return (SEEDS_DIR / seed).read_text(encoding="utf-8")


def content_lines(text: str) -> list[str]:
    """The content lines of a seed, as found (see the module docstring for the rules)."""
    lines = []
    for raw in text.split("\n"):
        line = raw.strip(" ")
        if line[:1] in LIST_MARKERS and line[1:2] in (" ", NBSP):
            line = line[1:].strip(" ")
        line = LEVEL_PREFIX.sub("", line, count=1)
        line = NUMBER_PREFIX.sub("", line, count=1)
        if not BARE_EXAMPLE_LABEL.match(line):
            label = EXAMPLE_LABEL_PREFIX.match(line)
            if label:
                line = line[label.end() :].strip(" ")
        if not line.strip(" " + NBSP):
            continue
        if line in NON_CONTENT or BARE_EXAMPLE_LABEL.match(line):
            continue
        lines.append(line)
    return lines


def normalise(text: str) -> str:
    """The generic normalisation that needs no entry in seed-fixes.yaml."""
    return re.sub(r" {2,}", " ", text.replace(NBSP, " ")).strip()


def fixes_for(seed: str) -> list[dict[str, str]]:
    return [fix for fix in load_yaml(FIXES_PATH) if fix["seed"] == seed]


def canonical_line(line: str, seed: str) -> str:
    text = normalise(line)
    for fix in fixes_for(seed):
        text = text.replace(fix["find"], fix["replace"])
    return text


def strings(node: Any, key: str | None = None, *, text_only: bool = False) -> Iterator[str]:
    """Every string scalar under node; with text_only, skip ids, metadata and invented fields."""
    if isinstance(node, dict):
        for k, value in node.items():
            if text_only and k in NON_TEXT_KEYS:
                continue
            yield from strings(value, k, text_only=text_only)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item, key, text_only=text_only)
    elif isinstance(node, str) and not (text_only and key == "competencies"):
        # (Track competency lists hold ids of the catalog, not text.)
        yield node


def guidance_sections(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for section in sections:
        yield section
        yield from guidance_sections(section.get("sections", []))


def haystack(doc: dict[str, Any]) -> set[str]:
    values = set(strings(doc))
    for track in doc.get("tracks", []):
        for role in track.get("roles", []):
            if "abbreviation" in role:
                values.add(f"{role['title']} ({role['abbreviation']})")
    profiles = doc.get("role_profiles", {})
    for profile in profiles.get("profiles", []):
        values.add(f"{profile['title']}: {profile['summary']}")
    for section in guidance_sections(profiles.get("guidance", [])):
        for item in section.get("items", []):
            values.add(f"{item['label']}: {item['text']}")
    return values


def id_paths(node: Any, path: str = "") -> Iterator[str]:
    """Paths of every id (and competency reference) in the document, for comparing files."""
    if isinstance(node, dict):
        here = path
        for k in ("id", "competency", "level"):
            if k in node:
                here = f"{path}/{node[k]}"
                yield here
        for k, value in node.items():
            yield from id_paths(value, f"{here}.{k}")
    elif isinstance(node, list):
        for item in node:
            yield from id_paths(item, path)


# ----------------------------------------------------------------------------- tests


def test_seed_fixtures_are_exactly_the_five_seeds() -> None:
    assert sorted(p.name for p in SEEDS_DIR.iterdir()) == sorted(SEED_TO_ID)


@pytest.mark.parametrize(("seed", "fid"), SEED_PARAMS)
def test_every_seed_line_is_kept_verbatim_in_as_found(seed: str, fid: str) -> None:
    values = haystack(load_yaml(AS_FOUND_DIR / f"{fid}.yaml"))
    lines = content_lines(seed_text(seed))
    assert lines, "no content lines extracted"
    missing = [line for line in lines if line not in values]
    assert not missing, f"{seed}: seed lines missing from as-found/{fid}.yaml: {missing}"


@pytest.mark.parametrize(("seed", "fid"), SEED_PARAMS)
def test_every_seed_line_survives_fixes_in_canonical(seed: str, fid: str) -> None:
    values = haystack(load_yaml(FRAMEWORKS_DIR / f"{fid}.yaml"))
    missing = [
        (line, fixed)
        for line in content_lines(seed_text(seed))
        if (fixed := canonical_line(line, seed)) and fixed not in values
    ]
    assert not missing, f"{seed}: fixed seed lines missing from frameworks/{fid}.yaml: {missing}"


@pytest.mark.parametrize(("seed", "fid"), SEED_PARAMS)
def test_as_found_text_all_comes_from_the_seed(seed: str, fid: str) -> None:
    text = seed_text(seed)
    doc = load_yaml(AS_FOUND_DIR / f"{fid}.yaml")
    invented = [value for value in strings(doc, text_only=True) if value not in text]
    assert not invented, f"{seed}: as-found/{fid}.yaml has text not in the seed: {invented}"


@pytest.mark.parametrize(("seed", "fid"), SEED_PARAMS)
def test_canonical_text_all_comes_from_the_fixed_seed(seed: str, fid: str) -> None:
    fixed_text = "\n".join(canonical_line(line, seed) for line in seed_text(seed).split("\n"))
    doc = load_yaml(FRAMEWORKS_DIR / f"{fid}.yaml")
    unexplained = [value for value in strings(doc, text_only=True) if value not in fixed_text]
    assert not unexplained, (
        f"{seed}: frameworks/{fid}.yaml has changes not recorded in seed-fixes.yaml: {unexplained}"
    )


@pytest.mark.parametrize(("seed", "fid"), SEED_PARAMS)
def test_canonical_text_has_no_stray_whitespace(seed: str, fid: str) -> None:
    doc = load_yaml(FRAMEWORKS_DIR / f"{fid}.yaml")
    dirty = [value for value in strings(doc) if value != normalise(value)]
    assert not dirty, f"{seed}: frameworks/{fid}.yaml has unnormalised whitespace: {dirty}"


@pytest.mark.parametrize(("seed", "fid"), SEED_PARAMS)
def test_every_fix_occurs_in_its_seed_and_is_applied(seed: str, fid: str) -> None:
    lines = [normalise(line) for line in seed_text(seed).split("\n")]
    canonical = list(strings(load_yaml(FRAMEWORKS_DIR / f"{fid}.yaml")))
    for fix in fixes_for(seed):
        assert set(fix) == {"seed", "find", "replace", "why"}, fix
        assert any(fix["find"] in line for line in lines), f"stale fix, not in {seed}: {fix}"
        assert not any(fix["find"] in value for value in canonical), f"fix not applied: {fix}"
        if fix["replace"]:
            assert any(fix["replace"] in value for value in canonical), f"fix lost: {fix}"


def test_every_fix_names_a_known_seed() -> None:
    unknown = [fix for fix in load_yaml(FIXES_PATH) if fix["seed"] not in SEED_TO_ID]
    assert not unknown


@pytest.mark.parametrize(("seed", "fid"), SEED_PARAMS)
def test_as_found_and_canonical_use_the_same_ids(seed: str, fid: str) -> None:
    as_found = list(id_paths(load_yaml(AS_FOUND_DIR / f"{fid}.yaml")))
    canonical = list(id_paths(load_yaml(FRAMEWORKS_DIR / f"{fid}.yaml")))
    assert as_found == canonical, f"{seed}: ids differ between as-found and canonical"
    as_found_glossary = load_yaml(AS_FOUND_DIR / f"{fid}.yaml")["glossary"]
    assert as_found_glossary == load_yaml(FRAMEWORKS_DIR / f"{fid}.yaml")["glossary"]


@pytest.mark.parametrize("path", YAML_FILES)
def test_framework_file_validates_against_schema(path: Path) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(load_yaml(path))
    ]
    assert not errors, f"{path.name}: {errors}"


@pytest.mark.parametrize("path", YAML_FILES)
def test_framework_file_starts_with_schema_modeline(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == SCHEMA_LINE[path.parent]
    relative = first_line.split("$schema=", 1)[1]
    assert (path.parent / relative).resolve() == SCHEMA_PATH.resolve()
