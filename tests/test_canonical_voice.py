"""The canonical frameworks read as frameworks, on the site and on paper.

The sources were web pages and a summary of a blog article: their instructions ("Choose
the relevant role ..."), their headline ("Summary of ...") and the article's voice ("The
author argues ...") do not belong on the first page of a printed handout or in a hiring
profile pasted into a job description. The as-found fixtures keep them, as found.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import AS_FOUND, FRAMEWORKS, ROOT

CANONICAL = sorted(FRAMEWORKS.glob("*.yaml"))

#: what a web page says to its reader, which a printed handout cannot do
PAGE_VOICE = re.compile(
    r"\bthis page\b|\bchoose the\b|\bclick\b|\benter the\b|coming soon!|🔙|đź”™", re.I
)
#: what a summary says about the article it summarises
ARTICLE_VOICE = re.compile(r"\bthe author\b|\b(this|the) article\b|\bsummary of\b", re.I)


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for value in node.values():
            yield from texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from texts(item)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.name)
def test_title_and_intros_speak_to_a_reader_of_the_site_and_of_paper(path: Path):
    doc = load(path)
    shown = [doc["title"], doc.get("intro", ""), doc.get("role_profiles", {}).get("intro", "")]
    assert not [t for t in shown if PAGE_VOICE.search(t) or ARTICLE_VOICE.search(t)]


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.name)
def test_no_text_reports_what_an_article_or_its_author_says(path: Path):
    assert not [t for t in texts(load(path)) if ARTICLE_VOICE.search(t)]


def test_the_team_roles_title_names_the_framework_not_the_blog_summary():
    assert load(FRAMEWORKS / "cx-team-roles.yaml")["title"] == (
        "Customer Experience Team Roles and Hiring Guide"
    )


def test_the_as_found_fixtures_keep_the_sources_voice():
    team = load(AS_FOUND / "cx-team-roles.yaml")
    assert team["title"].startswith("Summary of Defining the Customer Experience Specialist")
    assert any(t.startswith("The author argues") for t in texts(team))
    assert load(AS_FOUND / "cx-pdp.yaml")["intro"].startswith("This page contains")


def test_the_hiring_handouts_read_as_job_description_material(tmp_path: Path):
    done = subprocess.run(
        [
            *(sys.executable, "-m", "pdp_lint", "export", "frameworks/cx-team-roles.yaml"),
            *("--kind", "hiring", "--kind", "framework", "--format", "html", "--out", tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pages = sorted((tmp_path / "cx-team-roles").glob("*.html"))
    assert len(pages) == 6  # five hiring profiles and the framework handout
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not ARTICLE_VOICE.search(text), page.name
    framework = (tmp_path / "cx-team-roles" / "cx-team-roles.html").read_text(encoding="utf-8")
    assert "Customer Experience Team Roles and Hiring Guide" in framework
