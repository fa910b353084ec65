"""The exact changelog of one set of edits in every format, and the version rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pdp_lint.cli.commands import cli
from tests.changes.gitrepo import KE, bump, cut, edit, make_repo, paste_after

CRITICAL = (
    "                text: Develop critical thinking to find creative solutions and workaround "
    "to resolve customer needs\n"
)
WORKNET = (
    "              - id: worknet-app-ask\n"
    "                text: Worknet app, Ask-Ai, CX new chats / RDP, etc.\n"
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path / "repo")
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["changes", *args], catch_exceptions=False)


def three_edits(repo: Path) -> None:
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    cut(repo, KE, WORKNET)
    paste_after(
        repo,
        KE,
        CRITICAL,
        "              - id: share-roadmap\n"
        "                text: Share the *product* roadmap <quarterly>\n",
    )


def test_text(repo: Path):
    three_edits(repo)
    bump(repo, KE, "2.0")
    result = run()
    assert result.exit_code == 0
    assert result.stdout == (
        "frameworks/cx-knowledge-experts.yaml: CX Knowledge PDP (cx-knowledge-experts), "
        "version 1.0 → 2.0\n"
        "  Knowledge Expert › Knowledge\n"
        "    reworded behavior adapt-fast-master: Adapt [-fast-]{+quickly+} and master our "
        "resources and our tools to find them (line 64)\n"
        "    added behavior share-roadmap: Share the *product* roadmap <quarterly> (line 70)\n"
        "    removed example worknet-app-ask: Worknet app, Ask-Ai, CX new chats / RDP, etc. "
        "(line 73 in v1.0)\n"
        "  3 changes: 1 added, 1 removed, 1 reworded\n"
    )


def test_markdown(repo: Path):
    three_edits(repo)
    bump(repo, KE, "2.0")
    result = run("--format", "markdown")
    assert result.stdout == (
        "## Framework changes: v1.0 → working tree\n"
        "\n"
        "### CX Knowledge PDP (`cx-knowledge-experts`)\n"
        "\n"
        "`frameworks/cx-knowledge-experts.yaml`: version 1.0 → 2.0; 3 changes: 1 added, "
        "1 removed, 1 reworded (removes expectations)\n"
        "\n"
        "#### Knowledge Expert › Knowledge\n"
        "\n"
        "- **Reworded** behavior `adapt-fast-master`: Adapt ~~fast~~**quickly** and master "
        "our resources and our tools to find them\n"
        "- **Added** behavior `share-roadmap`: Share the \\*product\\* roadmap \\<quarterly\\>\n"
        "- **Removed** example `worknet-app-ask`: Worknet app, Ask-Ai, CX new chats / RDP, "
        "etc.\n"
    )


def test_json(repo: Path):
    three_edits(repo)
    bump(repo, KE, "2.0")
    doc = json.loads(run("--format", "json").stdout)
    place = {
        "track": None,
        "role": "knowledge-expert",
        "competency": "knowledge",
        "level": None,
        "behavior": None,
        "profile": None,
        "guidance": None,
    }
    assert doc == {
        "version": 1,
        "base": "v1.0",
        "head": "working tree",
        "frameworks": [
            {
                "id": "cx-knowledge-experts",
                "title": "CX Knowledge PDP",
                "status": "changed",
                "file": KE,
                "old_file": KE,
                "old_version": "1.0",
                "new_version": "2.0",
                "version_line": 7,
                "breaking": True,
                "counts": {
                    "added": 1,
                    "removed": 1,
                    "reworded": 1,
                    "moved": 0,
                    "renamed": 0,
                    "changed": 0,
                },
                "changes": [
                    {
                        "kind": "reworded",
                        "subject": "behavior",
                        "id": "adapt-fast-master",
                        "old_id": None,
                        "place": place,
                        "where": "Knowledge Expert › Knowledge",
                        "old_place": None,
                        "old_where": None,
                        "old": "Adapt fast and master our resources and our tools to find them",
                        "new": "Adapt quickly and master our resources and our tools to find them",
                        "diff": [
                            {"op": "equal", "text": "Adapt "},
                            {"op": "delete", "text": "fast"},
                            {"op": "insert", "text": "quickly"},
                            {
                                "op": "equal",
                                "text": " and master our resources and our tools to find them",
                            },
                        ],
                        "line": 64,
                        "breaking": False,
                    },
                    {
                        "kind": "added",
                        "subject": "behavior",
                        "id": "share-roadmap",
                        "old_id": None,
                        "place": place,
                        "where": "Knowledge Expert › Knowledge",
                        "old_place": None,
                        "old_where": None,
                        "old": None,
                        "new": "Share the *product* roadmap <quarterly>",
                        "diff": [],
                        "line": 70,
                        "breaking": False,
                    },
                    {
                        "kind": "removed",
                        "subject": "example",
                        "id": "worknet-app-ask",
                        "old_id": None,
                        "place": place,
                        "where": "Knowledge Expert › Knowledge",
                        "old_place": None,
                        "old_where": None,
                        "old": "Worknet app, Ask-Ai, CX new chats / RDP, etc.",
                        "new": None,
                        "diff": [],
                        "line": 73,
                        "breaking": True,
                    },
                ],
            }
        ],
        "summary": {
            "frameworks": 1,
            "changes": 3,
            "added": 1,
            "removed": 1,
            "reworded": 1,
            "moved": 0,
            "renamed": 0,
            "changed": 0,
        },
    }


def test_moved_and_renamed_read_well_in_text_and_markdown(repo: Path):
    edit(repo, KE, "id: demonstrate-patience-empathy", "id: show-patience-empathy")
    edit(repo, KE, "title: Senior Knowledge Expert", "title: Senior Knowledge Specialist")
    block = (
        "              - id: identify-cross-team\n"
        "                text: Identify cross team coaching opportunities & act to bridge them\n"
    )
    cut(repo, KE, block)
    paste_after(repo, KE, CRITICAL, block.replace("& act", "and act"))
    text = run().stdout
    assert (
        "    moved behavior identify-cross-team from Senior Knowledge Specialist › Communication: "
        "Identify cross team coaching opportunities [-&-]{+and+} act to bridge them (line 70)\n"
    ) in text
    assert (
        "    renamed behavior demonstrate-patience-empathy → show-patience-empathy: "
        "Demonstrate patience and empathy in every interaction. (line 82)\n"
    ) in text
    assert (
        "  Senior Knowledge Specialist\n"
        "    renamed role senior-knowledge-expert: Senior Knowledge Expert → Senior Knowledge "
        "Specialist (line 166)\n"
    ) in text
    markdown = run("--format", "markdown").stdout
    assert (
        "- **Moved** behavior `identify-cross-team` from Senior Knowledge Specialist › "
        "Communication: Identify cross team coaching opportunities ~~\\&~~**and** act to bridge "
        "them\n"
    ) in markdown
    assert (
        "- **Renamed** role `senior-knowledge-expert`: Senior Knowledge Expert → Senior "
        "Knowledge Specialist\n"
    ) in markdown


# --- the version rule ----------------------------------------------------------------------


def check(*args: str) -> Result:
    return run("--check", *args)


def test_content_changed_without_a_version_bump(repo: Path):
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    result = check()
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{KE}:7:10: error: VR01 the content changed since v1.0 (1 change) but `version` is still "
        "1.0; bump it to 1.1 [version.not-bumped]",
        "    7 | version: '1.0'",
        "      |          ^^^^^",
        "Found 1 error in 1 file (1 checked).",
    ]


def test_removal_without_a_version_bump_asks_for_a_major_one(repo: Path):
    cut(repo, KE, WORKNET)
    result = check()
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{KE}:7:10: error: VR01 the content changed since v1.0 (1 change) but `version` is still "
        "1.0; bump it to 2.0 (a new major version: 1 expectation removed) [version.not-bumped]"
    )


def test_removal_with_a_minor_bump(repo: Path):
    cut(repo, KE, WORKNET)
    bump(repo, KE, "1.1")
    result = check()
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{KE}:7:10: error: VR02 1 expectation removed since v1.0, a breaking change for the "
        "people on this ladder, but `version` went only from 1.0 to 1.1; bump the major version to "
        "2.0 [version.removal-needs-major]"
    )


@pytest.mark.parametrize(
    ("edits", "version"),
    [("reword", "1.1"), ("add", "1.1"), ("remove", "2.0"), ("reword", "1.0.1")],
)
def test_a_fitting_bump_passes(repo: Path, edits: str, version: str):
    if edits == "reword":
        edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    elif edits == "add":
        paste_after(repo, KE, CRITICAL, "              - id: new-one\n                text: New\n")
    else:
        cut(repo, KE, WORKNET)
    bump(repo, KE, version)
    result = check()
    assert (result.exit_code, result.stdout) == (0, "")


def test_nothing_changed_passes(repo: Path):
    result = check()
    assert (result.exit_code, result.stdout) == (0, "")


def test_check_writes_github_annotations_under_github_actions(
    repo: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    cut(repo, KE, WORKNET)
    result = check()
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"::error file={KE},line=7,col=10,endLine=7,endColumn=15,"
        "title=VR01 version.not-bumped::the content changed since v1.0"
    )


def test_check_json_is_the_check_report(repo: Path):
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    doc = json.loads(check("--format", "json").stdout)
    assert [(p["file"], p["line"], p["code"]) for p in doc["problems"]] == [(KE, 7, "VR01")]


def test_the_readme_example_is_what_the_command_prints(repo: Path):
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## What changed between two versions", 1)[1]
    example = section.split("```text\n", 1)[1].split("```", 1)[0]
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    cut(repo, KE, WORKNET)
    block = (
        "              - id: identify-cross-team\n"
        "                text: Identify cross team coaching opportunities & act to bridge them\n"
    )
    cut(repo, KE, block)
    paste_after(repo, KE, CRITICAL, block)
    bump(repo, KE, "2.0")
    assert run().stdout == example


def test_limit_lists_the_first_changes_and_says_how_many_more(repo: Path):
    three_edits(repo)
    text = run("--limit", "2").stdout
    assert "removed example worknet-app-ask" not in text
    assert "  … and 1 more change (the whole list: `pdp-lint changes`)\n" in text
    assert text.endswith("  3 changes: 1 added, 1 removed, 1 reworded\n")
    markdown = run("--format", "markdown", "--limit", "1").stdout
    assert markdown.count("- **") == 1
    assert "… and 2 more changes (the whole list: `pdp-lint changes`)\n" in markdown
    doc = json.loads(run("--format", "json", "--limit", "1").stdout)
    assert len(doc["frameworks"][0]["changes"]) == 3


def test_color_marks_deletions_and_insertions(repo: Path):
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    coloured = run("--color").stdout
    assert "\x1b[31m\x1b[9m[-fast-]\x1b[0m" in coloured
    assert "\x1b[32m\x1b[4m{+quickly+}\x1b[0m" in coloured
    assert "\x1b" not in run().stdout  # not a terminal: no colour
    assert "\x1b" not in run("--color", "--format", "markdown").stdout


def test_path_is_refused_with_two_folders(repo: Path, tmp_path: Path):
    result = run("frameworks", "frameworks", "--path", KE)
    assert result.exit_code == 2
    assert "--path limits a comparison of revisions" in result.stderr


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("a &amp; b", "a \\&amp; b"),  # shown as typed, not as "a & b"
        ("<b>bold</b>", "\\<b\\>bold\\</b\\>"),
        ("one\rtwo", "one / two"),  # a CR ended the line of a job summary
        ("one\r\ntwo\u2028three", "one / two / three"),
    ],
)
def test_markdown_shows_a_text_literally_on_one_line(text: str, markdown: str):
    from pdp_lint.changes.render import md_escape, one_line

    assert md_escape(text) == markdown
    assert "\r" not in one_line(text) and "\n" not in one_line(text)
