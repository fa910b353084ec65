"""`pdp-lint changes` on a git repository of the canonical frameworks, edit by edit."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pdp_lint.cli.commands import cli
from tests.changes.gitrepo import CEM, KE, commit, cut, edit, git, make_repo, paste_after


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["changes", *args], catch_exceptions=False)


def changes(*args: str) -> list[tuple[Any, ...]]:
    """What changed, one tuple per change: (file, kind, subject, id, old id, where, old where)."""
    result = run("--format", "json", *args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    return [
        (
            fw["file"],
            c["kind"],
            c["subject"],
            c["id"],
            c["old_id"],
            c["where"],
            c["old_where"],
        )
        for fw in doc["frameworks"]
        for c in fw["changes"]
    ]


ADAPT = "                text: Adapt fast and master our resources and our tools to find them\n"
CRITICAL = (
    "                text: Develop critical thinking to find creative solutions and workaround "
    "to resolve customer needs\n"
)
WORKNET = (
    "              - id: worknet-app-ask\n"
    "                text: Worknet app, Ask-Ai, CX new chats / RDP, etc.\n"
)
DELIVER = (
    "              - id: deliver-knowledge-sessions\n"
    "                text: Effectively deliver knowledge sessions to different audiences\n"
)
CROSS_TEAM = (
    "              - id: identify-cross-team\n"
    "                text: Identify cross team coaching opportunities & act to bridge them\n"
)
MONITORS = (
    "          - id: monitors-customer-service\n"
    "            text: Monitors customer service outcomes.\n"
)
KE_KNOWLEDGE = "Knowledge Expert › Knowledge"
KE_COMMUNICATION = "Knowledge Expert › Communication"


# --- each kind of edit ---------------------------------------------------------------------


def test_added_behavior(repo: Path):
    paste_after(
        repo,
        KE,
        CRITICAL,
        "              - id: share-roadmap\n                text: Share the roadmap\n",
    )
    assert changes() == [(KE, "added", "behavior", "share-roadmap", None, KE_KNOWLEDGE, None)]


def test_removed_example(repo: Path):
    cut(repo, KE, WORKNET)
    assert changes() == [(KE, "removed", "example", "worknet-app-ask", None, KE_KNOWLEDGE, None)]


def test_reworded_behavior_has_a_word_diff(repo: Path):
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    doc = json.loads(run("--format", "json").stdout)
    (change,) = doc["frameworks"][0]["changes"]
    assert (change["kind"], change["id"], change["where"]) == (
        "reworded",
        "adapt-fast-master",
        KE_KNOWLEDGE,
    )
    assert change["diff"] == [
        {"op": "equal", "text": "Adapt "},
        {"op": "delete", "text": "fast"},
        {"op": "insert", "text": "quickly"},
        {"op": "equal", "text": " and master our resources and our tools to find them"},
    ]


def test_behavior_moved_to_another_competency(repo: Path):
    cut(repo, KE, DELIVER)
    paste_after(repo, KE, CRITICAL, DELIVER)
    assert changes() == [
        (
            KE,
            "moved",
            "behavior",
            "deliver-knowledge-sessions",
            None,
            KE_KNOWLEDGE,
            KE_COMMUNICATION,
        )
    ]


def test_behavior_moved_to_another_role(repo: Path):
    cut(repo, KE, CROSS_TEAM)
    paste_after(repo, KE, CRITICAL, CROSS_TEAM)
    assert changes() == [
        (
            KE,
            "moved",
            "behavior",
            "identify-cross-team",
            None,
            KE_KNOWLEDGE,
            "Senior Knowledge Expert › Communication",
        )
    ]


def test_behavior_moved_to_another_level(repo: Path):
    cut(repo, CEM, MONITORS)
    paste_after(
        repo,
        CEM,
        "            text: Identifies high impact opportunities for enhancing the customer "
        "experience.\n",
        MONITORS,
    )
    name = "Customer Experience Management"
    assert changes() == [
        (
            CEM,
            "moved",
            "behavior",
            "monitors-customer-service",
            None,
            f"{name} › Level 2",
            f"{name} › Level 1",
        )
    ]


def test_id_changed_with_the_same_text_is_a_rename_not_a_removal_and_an_addition(repo: Path):
    edit(repo, KE, "id: demonstrate-patience-empathy", "id: show-patience-empathy")
    assert changes() == [
        (
            KE,
            "renamed",
            "behavior",
            "show-patience-empathy",
            "demonstrate-patience-empathy",
            KE_COMMUNICATION,
            None,
        )
    ]


def test_id_and_text_changed_a_little_is_reworded(repo: Path):
    edit(repo, KE, "id: adapt-fast-master", "id: adapt-quickly-master")
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    assert changes() == [
        (
            KE,
            "reworded",
            "behavior",
            "adapt-quickly-master",
            "adapt-fast-master",
            KE_KNOWLEDGE,
            None,
        )
    ]


def test_id_changed_and_moved_is_one_move(repo: Path):
    cut(repo, KE, DELIVER)
    paste_after(
        repo, KE, CRITICAL, DELIVER.replace("deliver-knowledge-sessions", "deliver-sessions")
    )
    assert changes() == [
        (
            KE,
            "moved",
            "behavior",
            "deliver-sessions",
            "deliver-knowledge-sessions",
            KE_KNOWLEDGE,
            KE_COMMUNICATION,
        )
    ]


def test_a_different_text_under_a_new_id_is_a_removal_and_an_addition(repo: Path):
    edit(
        repo,
        KE,
        DELIVER,
        "              - id: run-workshops\n"
        "                text: Run a yearly workshop on tooling\n",
    )
    assert changes() == [
        (KE, "added", "behavior", "run-workshops", None, KE_COMMUNICATION, None),
        (KE, "removed", "behavior", "deliver-knowledge-sessions", None, KE_COMMUNICATION, None),
    ]


def test_role_renamed_and_its_summary_changed(repo: Path):
    edit(repo, KE, "title: Senior Knowledge Expert", "title: Senior Knowledge Specialist")
    edit(repo, KE, "advanced skill level for Senior KE.", "an advanced skill level.")
    assert changes() == [
        (
            KE,
            "renamed",
            "role",
            "senior-knowledge-expert",
            None,
            "Senior Knowledge Specialist",
            None,
        ),
        (
            KE,
            "changed",
            "summary",
            "senior-knowledge-expert",
            None,
            "Senior Knowledge Specialist",
            None,
        ),
    ]


def test_role_id_changed_is_a_rename_and_nothing_in_it_moves(repo: Path):
    edit(repo, KE, "id: senior-knowledge-expert", "id: senior-ke")
    assert changes() == [
        (
            KE,
            "renamed",
            "role",
            "senior-ke",
            "senior-knowledge-expert",
            "Senior Knowledge Expert",
            None,
        )
    ]


def test_competency_id_changed_is_a_rename_and_nothing_under_it_moves(repo: Path):
    path = repo / KE
    text = path.read_text("utf-8")
    text = re.sub(r"(?m)^(\s+(?:- id:|- competency:|-)) collaboration$", r"\1 teamwork", text)
    path.write_text(text, "utf-8")
    assert changes() == [
        (KE, "renamed", "competency", "teamwork", "collaboration", "Collaboration", None)
    ]


def test_competency_renamed_added_and_removed(repo: Path):
    edit(repo, KE, "    name: Collaboration", "    name: Teamwork")
    assert changes() == [(KE, "renamed", "competency", "collaboration", None, "Teamwork", None)]


def test_role_added_and_removed(repo: Path):
    path = repo / KE
    text = path.read_text("utf-8")
    start = text.index("      - id: senior-knowledge-expert\n")
    end = text.index("  - id: ic\n")
    path.write_text(text[:start] + text[end:], "utf-8")
    found = changes()
    assert found[0] == (
        KE,
        "removed",
        "role",
        "senior-knowledge-expert",
        None,
        "Senior Knowledge Expert",
        None,
    )
    # the role's behaviors, examples and sections go with it
    assert {c[1] for c in found} == {"removed"}
    assert len(found) > 20


def test_definition_level_summary_question_and_probes(repo: Path):
    edit(repo, CEM, "in line with the organization’s business", "in line with the business")
    edit(
        repo,
        CEM,
        "Demonstrates introductory understanding,",
        "Shows an introductory understanding,",
    )
    edit(repo, CEM, "Describe a time you helped improve", "Describe a time when you helped improve")
    edit(repo, CEM, "              - Who were the key stakeholders?\n", "")
    name = "Customer Experience Management"
    assert changes() == [
        (CEM, "changed", "definition", name.lower().replace(" ", "-"), None, name, None),
        (CEM, "changed", "summary", "1", None, f"{name} › Level 1", None),
        (CEM, "reworded", "question", "helped-improve-customer", None, f"{name} › Level 1", None),
        (CEM, "changed", "probes", "helped-improve-customer", None, f"{name} › Level 1", None),
    ]


def test_glossary_added_removed_and_changed(repo: Path):
    edit(repo, KE, "  - term: POC\n", "")
    edit(repo, KE, "    expansion: team lead\n", "    expansion: team leader\n")
    paste_after(repo, KE, "  - term: RDP\n", "  - term: QA\n    expansion: quality assurance\n")
    assert changes() == [
        (KE, "added", "glossary", "QA", None, "Glossary", None),
        (KE, "changed", "glossary", "TL", None, "Glossary", None),
        (KE, "removed", "glossary", "POC", None, "Glossary", None),
    ]


def test_framework_removed_added_and_renamed_file(repo: Path):
    git(repo, "rm", "-q", "frameworks/cx-team-roles.yaml")
    git(repo, "mv", "frameworks/cx-pdp.yaml", "frameworks/pdp.yaml")
    doc = json.loads(run("--format", "json").stdout)
    # the renamed file holds the same framework: nothing to tell
    assert [(f["id"], f["status"], f["file"]) for f in doc["frameworks"]] == [
        ("cx-team-roles", "removed", "v1.0:frameworks/cx-team-roles.yaml")
    ]


# --- revisions, files and folders ---------------------------------------------------------


def test_default_base_is_the_latest_tag(repo: Path):
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    commit(repo)
    git(repo, "tag", "v1.1")
    edit(repo, KE, "text: Adapt quickly and", "text: Adapt swiftly and")
    result = run("--format", "json")
    doc = json.loads(result.stdout)
    assert doc["base"] == "v1.1" and doc["head"] == "working tree"
    (change,) = doc["frameworks"][0]["changes"]
    assert (change["old"][:12], change["new"][:12]) == ("Adapt quickl", "Adapt swiftl")


def test_without_tags_the_base_is_the_last_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = make_repo(tmp_path / "untagged", tag=None)
    monkeypatch.chdir(root)
    edit(root, KE, "text: Adapt fast and", "text: Adapt quickly and")
    doc = json.loads(run("--format", "json").stdout)
    assert doc["base"] == "HEAD"
    assert len(doc["frameworks"][0]["changes"]) == 1


def test_two_revisions(repo: Path):
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    commit(repo)
    assert [c[1:4] for c in changes("v1.0", "HEAD")] == [
        ("reworded", "behavior", "adapt-fast-master")
    ]
    assert changes("HEAD", "HEAD") == []


def test_two_files_are_compared_whatever_their_names(repo: Path, tmp_path: Path):
    old = tmp_path / "old.yaml"
    old.write_bytes((repo / KE).read_bytes())
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    assert [c[:4] for c in changes(str(old), KE)] == [
        (KE, "reworded", "behavior", "adapt-fast-master")
    ]


def test_two_folders_pair_frameworks_by_id(repo: Path, tmp_path: Path):
    old = tmp_path / "old"
    old.mkdir()
    for path in (repo / "frameworks").glob("*.yaml"):
        (old / f"renamed-{path.name}").write_bytes(path.read_bytes())
    cut(repo, KE, WORKNET)
    assert [c[1:4] for c in changes(str(old), "frameworks")] == [
        ("removed", "example", "worknet-app-ask")
    ]


def test_path_option_limits_the_comparison(repo: Path):
    cut(repo, KE, WORKNET)
    cut(repo, CEM, MONITORS)
    assert [c[0] for c in changes("--path", CEM)] == [CEM]


def test_a_path_with_no_framework_in_either_revision_is_one_line(repo: Path):
    """A slip in --path compared nothing and said nothing, exit 0."""
    cut(repo, KE, WORKNET)
    commit(repo)
    result = run("v1.0", "HEAD", "--path", "framworks")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "pdp-lint: --path framworks: no framework there in v1.0 or HEAD\n"


# --- nothing changed, bad input, exit codes -----------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_unchanged_prints_nothing_and_exits_0(repo: Path, fmt: str):
    result = run("--format", fmt)
    assert (result.exit_code, result.output) == (0, "")
    result = run("--format", fmt, "--exit-code")
    assert (result.exit_code, result.output) == (0, "")


def test_unchanged_json_is_an_empty_document(repo: Path):
    result = run("--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["frameworks"] == [] and doc["summary"]["changes"] == 0


def test_exit_code_option_exits_1_when_something_changed(repo: Path):
    cut(repo, KE, WORKNET)
    assert run().exit_code == 0
    assert run("--exit-code").exit_code == 1


def test_a_revision_that_does_not_exist_is_one_line_and_exit_2(repo: Path):
    result = run("no-such-tag")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "pdp-lint: `no-such-tag` is neither a file, a folder nor a git revision of this "
        "repository; see `git tag` or `git log --oneline` for revisions\n"
    )


def test_an_option_like_revision_is_refused(repo: Path):
    result = run("--", "--output=x")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert not (repo / "x").exists()


def test_a_file_that_does_not_load_is_one_line_and_exit_2(repo: Path):
    edit(repo, KE, "title: CX Knowledge PDP\n", "title: [CX Knowledge PDP\n")
    result = run()
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"pdp-lint: {KE}:4:6: YAML syntax error:")
    assert line.endswith("a framework must load to be compared (see `pdp-lint check`)")


def test_a_file_that_does_not_load_in_the_base_revision_is_named_with_it(repo: Path):
    edit(repo, KE, "status: published\n", "status: published\nstatus: draft\n")
    commit(repo, "Broken")
    git(repo, "tag", "broken")
    git(repo, "checkout", "-q", "v1.0", "--", KE)
    result = run("broken")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"pdp-lint: broken:{KE}:9:")


def test_outside_a_repository_two_paths_still_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 2
    assert result.stderr.startswith("pdp-lint: not inside a git repository")
    result = run("HEAD")
    assert result.exit_code == 2
    assert "this is not a git repository" in result.stderr


def test_a_file_without_new_is_a_usage_error(repo: Path):
    result = run(KE)
    assert result.exit_code == 2
    assert result.stderr == (
        f"pdp-lint: {KE} is a file or folder, so NEW must be one too; to compare at "
        "revisions, pass --path\n"
    )
    result = run(KE, "v1.0")
    assert result.exit_code == 2
    assert ": v1.0 does not exist;" in result.stderr


def test_a_revision_and_a_file_compare_the_file_with_itself_at_the_revision(repo: Path):
    cut(repo, KE, WORKNET)
    cut(repo, CEM, MONITORS)
    assert [c[:4] for c in changes("v1.0", KE)] == [(KE, "removed", "example", "worknet-app-ask")]


def test_output_file_is_written(repo: Path):
    cut(repo, KE, WORKNET)
    result = run("--format", "markdown", "--output", "changes.md")
    assert result.exit_code == 0 and result.stdout == ""
    assert "**Removed** example `worknet-app-ask`" in (repo / "changes.md").read_text("utf-8")


@pytest.mark.parametrize("check", [(), ("--check",)])
def test_an_output_file_that_cannot_be_written_is_one_line(repo: Path, check: tuple[str, ...]):
    """It was `internal error: FileExistsError`, where check's --output says why."""
    cut(repo, KE, WORKNET)
    result = run(*check, "--output", f"{KE}/changes.md")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"pdp-lint: cannot write the changes to {KE}/changes.md: a part of the path is a "
        "file, not a folder; choose another --output path\n"
    )


def test_check_formats_belong_to_check(repo: Path):
    result = run("--format", "sarif")
    assert result.exit_code == 2
    assert "--format sarif is for --check" in result.stderr
    result = run("--check", "--format", "markdown")
    assert result.exit_code == 2


def test_check_does_not_load_the_changes_command():
    """`changes` is registered lazily: the pre-commit hook's `check` does not import it."""
    import subprocess
    import sys

    from tests.conftest import ROOT

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
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    assert "pdp_lint.engine.linter" in loaded
    assert not any(name.startswith("pdp_lint.changes") for name in loaded)
    assert "difflib" not in loaded


KM = "frameworks/cx-knowledge-managers.yaml"
ANALYTICAL = (
    "              - id: strong-analytical-skills\n"
    "                text: Has strong analytical skills, being able to use tools and strategies "
    "to identify concrete areas of opportunity to improve\n"
    "                examples:\n"
    "                  - id: using-data-tools\n"
    "                    text: Using data tools to identify a concrete trend in the customer / "
    "team member experience.\n"
)


def test_an_example_moves_with_its_behavior_without_a_change_of_its_own(repo: Path):
    cut(repo, KM, ANALYTICAL)
    paste_after(
        repo,
        KM,
        "                text: Successfully delivers clear and effective written (guru, internal "
        "updates) and verbal (dailies, trainings) communication to implement knowledge within "
        "their areas of expertise\n",
        ANALYTICAL,
    )
    assert changes() == [
        (
            KM,
            "moved",
            "behavior",
            "strong-analytical-skills",
            None,
            "Knowledge Manager › Communication",
            "Knowledge Manager › Knowledge",
        )
    ]


def test_an_example_moved_to_another_behavior_is_moved(repo: Path):
    example = (
        "                examples:\n"
        "                  - id: using-data-tools\n"
        "                    text: Using data tools to identify a concrete trend in the customer / "
        "team member experience.\n"
    )
    cut(repo, KM, example)
    paste_after(
        repo,
        KM,
        "                text: Demonstrates familiarity with CX internal processes, goals and "
        "tools and stays consistently connected with the CX squad, to ensure successful "
        "delivery of knowledge and impact\n",
        example,
    )
    found = changes()
    assert [c[1:4] for c in found] == [("moved", "example", "using-data-tools")]


def test_a_track_whose_id_changed_is_renamed(repo: Path):
    edit(repo, KE, "  - id: ic\n", "  - id: individual-contributor\n")
    assert changes() == [(KE, "renamed", "track", "individual-contributor", "ic", "IC Path", None)]


def test_competency_added_and_removed(repo: Path):
    edit(repo, KE, "  - id: proactiveness\n    name: Proactiveness\n", "")
    paste_after(
        repo,
        KE,
        "  - id: ownership-and-impact\n    name: Ownership and impact\n",
        "  - id: leadership\n    name: Leadership\n    definition: Leads others.\n",
    )
    assert changes() == [
        (KE, "added", "competency", "leadership", None, "Leadership", None),
        (KE, "removed", "competency", "proactiveness", None, "Proactiveness", None),
    ]
    result = run("--check")
    assert result.exit_code == 1
    assert "bump it to 2.0 (a new major version: 1 expectation removed)" in result.stdout


def test_two_files_with_different_ids_tell_the_id_change(repo: Path, tmp_path: Path):
    old = tmp_path / "old.yaml"
    old.write_bytes((repo / KE).read_bytes())
    edit(repo, KE, "id: cx-knowledge-experts\n", "id: cx-ke\n")
    assert changes(str(old), KE) == [
        (KE, "renamed", "framework", "cx-ke", "cx-knowledge-experts", "", None)
    ]
    text = run(str(old), KE).stdout
    assert "    renamed framework cx-ke (was cx-knowledge-experts): CX Knowledge PDP" in text


def test_an_id_used_again_elsewhere_for_another_text_is_not_a_move(repo: Path):
    cut(repo, KE, DELIVER)
    paste_after(
        repo,
        KE,
        CRITICAL,
        "              - id: deliver-knowledge-sessions\n"
        "                text: Keep the help center articles of the squad current\n",
    )
    assert changes() == [
        (KE, "added", "behavior", "deliver-knowledge-sessions", None, KE_KNOWLEDGE, None),
        (KE, "removed", "behavior", "deliver-knowledge-sessions", None, KE_COMMUNICATION, None),
    ]


def test_a_coming_soon_path_that_will_cover_other_competencies(repo: Path):
    edit(
        repo,
        KE,
        "    notice: The IC roles are not yet available in this path. Stay tuned!\n"
        "    competencies:\n"
        "      - knowledge\n"
        "      - communication\n"
        "      - collaboration\n",
        "    notice: The IC roles are not yet available in this path. Stay tuned!\n"
        "    competencies:\n"
        "      - knowledge\n"
        "      - communication\n",
    )
    doc = json.loads(run("--format", "json").stdout)
    (change,) = doc["frameworks"][0]["changes"]
    assert (change["kind"], change["subject"], change["where"]) == (
        "changed",
        "competencies",
        "IC Path",
    )
    assert change["diff"][1] == {"op": "delete", "text": ", Collaboration"}
