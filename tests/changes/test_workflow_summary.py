"""The CI workflow writes what a pull request changes to the job summary, and checks versions.

The steps are run as GitHub runs them (bash, with ``BASE`` and ``GITHUB_STEP_SUMMARY``
set) on a temporary repository, so the workflow cannot drift from the command.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.changes.gitrepo import KE, bump, commit, cut, edit, git, make_repo
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pdp-lint.yml"


def job() -> dict[str, Any]:
    doc = YAML(typ="safe", pure=True).load(WORKFLOW.read_text("utf-8"))
    found: dict[str, Any] = doc["jobs"]["changes"]
    return found


def step(name_starts: str) -> dict[str, Any]:
    found = [s for s in job()["steps"] if s.get("name", "").startswith(name_starts)]
    assert len(found) == 1, name_starts
    return found[0]


def run_step(repo: Path, spec: dict[str, Any], summary: Path) -> subprocess.CompletedProcess[str]:
    assert spec["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    base = git(repo, "rev-parse", "main~1").strip()
    env = {
        **os.environ,
        "BASE": base,
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_ACTIONS": "true",
        # the installed pdp-lint, as after `pip install .`
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        ["bash", "-e", "-c", spec["run"]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A repository whose last commit is a pull request's change on top of its base."""
    repo = make_repo(tmp_path / "repo")
    cut(
        repo,
        KE,
        "              - id: worknet-app-ask\n"
        "                text: Worknet app, Ask-Ai, CX new chats / RDP, etc.\n",
    )
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    commit(repo, "Pull request")
    return repo


def test_the_changes_job_runs_on_pull_requests_with_the_full_history():
    spec = job()
    assert spec["if"] == "github.event_name == 'pull_request'"
    checkout = spec["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0


def test_the_summary_step_appends_the_markdown_changelog(pull_request: Path, tmp_path: Path):
    summary = tmp_path / "summary.md"
    summary.write_text("Earlier step\n", "utf-8")
    done = run_step(pull_request, step("Summarise what changed"), summary)
    assert done.returncode == 0, done.stderr
    text = summary.read_text("utf-8")
    assert text.startswith("Earlier step\n## Framework changes: ")
    assert "### CX Knowledge PDP (`cx-knowledge-experts`)" in text
    assert "- **Reworded** behavior `adapt-fast-master`: Adapt ~~fast~~**quickly**" in text
    assert "- **Removed** example `worknet-app-ask`" in text


def test_the_version_step_fails_with_an_annotation_on_version(pull_request: Path, tmp_path: Path):
    done = run_step(pull_request, step("Check that changed frameworks"), tmp_path / "s.md")
    assert done.returncode == 1
    assert done.stdout.startswith(f"::error file={KE},line=7,col=10,")
    assert "VR01 version.not-bumped" in done.stdout


def test_the_version_step_passes_after_a_major_bump(pull_request: Path, tmp_path: Path):
    bump(pull_request, KE, "2.0")
    commit(pull_request, "Bump")
    git(pull_request, "reset", "-q", "--soft", "main~2")
    commit_all = ["commit", "-q", "-m", "Pull request and bump"]
    git(pull_request, *commit_all)
    done = run_step(pull_request, step("Check that changed frameworks"), tmp_path / "s.md")
    assert (done.returncode, done.stdout) == (0, ""), done.stderr


def site_step() -> dict[str, Any]:
    doc = YAML(typ="safe", pure=True).load(WORKFLOW.read_text("utf-8"))
    steps = doc["jobs"]["site"]["steps"]
    found = [s for s in steps if s.get("name") == "Build the site"]
    assert len(found) == 1
    assert steps[0]["with"]["fetch-depth"] == 0  # the tags and the history are there
    return found[0]


def run_site_step(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": "1700000000",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        ["bash", "-e", "-c", site_step()["run"]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_site_step_shows_what_changed_since_the_previous_release(pull_request: Path):
    done = run_site_step(pull_request)
    assert done.returncode == 0, done.stderr
    page = pull_request / "dist" / "site" / "cx-knowledge-experts" / "changes.html"
    assert "What changed since v1.0" in page.read_text("utf-8")


def test_a_release_commit_compares_with_the_release_before(pull_request: Path):
    git(pull_request, "tag", "v2.0")
    done = run_site_step(pull_request)
    assert done.returncode == 0, done.stderr
    page = pull_request / "dist" / "site" / "cx-knowledge-experts" / "changes.html"
    assert "What changed since v1.0" in page.read_text("utf-8")


def test_without_a_release_the_site_has_no_what_changed_page(tmp_path: Path):
    repo = make_repo(tmp_path / "untagged", tag=None)
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    commit(repo)
    done = run_site_step(repo)
    assert done.returncode == 0, done.stderr
    assert (repo / "dist" / "site" / "index.html").is_file()
    assert not list((repo / "dist" / "site").rglob("changes.html"))


def test_the_summary_names_the_base_by_a_short_commit_id(pull_request: Path, tmp_path: Path):
    summary = tmp_path / "summary.md"
    done = run_step(pull_request, step("Summarise what changed"), summary)
    assert done.returncode == 0, done.stderr
    base = git(pull_request, "rev-parse", "main~1").strip()
    assert summary.read_text("utf-8").startswith(
        f"## Framework changes: {base[:12]} → working tree\n"
    )
