"""The What changed page of the HR site and the What changed handouts (Word and HTML)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document

from pdp_lint.cli.commands import cli
from tests.changes.gitrepo import KE, bump, cut, edit, make_repo, paste_after

EPOCH = "1700000000"
CRITICAL = (
    "                text: Develop critical thinking to find creative solutions and workaround "
    "to resolve customer needs\n"
)
CROSS_TEAM = (
    "              - id: identify-cross-team\n"
    "                text: Identify cross team coaching opportunities & act to bridge them\n"
)
WORKNET = (
    "              - id: worknet-app-ask\n"
    "                text: Worknet app, Ask-Ai, CX new chats / RDP, etc.\n"
)


def edited(root: Path) -> Path:
    """The canonical frameworks at v1.0, then a reworded, a removed and a moved item."""
    repo = make_repo(root)
    edit(repo, KE, "text: Adapt fast and", "text: Adapt <quickly> and")
    cut(repo, KE, WORKNET)
    cut(repo, KE, CROSS_TEAM)
    paste_after(repo, KE, CRITICAL, CROSS_TEAM)
    bump(repo, KE, "2.0")
    return repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = edited(tmp_path / "repo")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return root


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def text_of(page: Path) -> str:
    body = page.read_text("utf-8").split("<main", 1)[1]
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", body).split()))


def test_site_has_a_what_changed_page_linked_from_the_framework_and_changed_roles(repo: Path):
    result = run("site", "--changes-since", "v1.0")
    assert result.exit_code == 0, result.output
    site = repo / "dist" / "site"
    page = site / "cx-knowledge-experts" / "changes.html"
    text = text_of(page)
    assert "What changed since v1.0 CX Knowledge PDP" in text
    assert "Version 1.0 at v1.0, now 2.0" in text
    assert "Reworded behavior: Adapt deleted: fast inserted: <quickly> and master" in text
    assert "Removed example: Worknet app, Ask-Ai, CX new chats / RDP, etc." in text
    assert (
        "Moved behavior: Identify cross team coaching opportunities & act to bridge them "
        "(Moved from Senior Knowledge Expert › Communication)"
    ) in text
    assert (
        "Moved behavior away: Identify cross team coaching opportunities & act to bridge them "
        "(Now in Knowledge Expert › Knowledge)"
    ) in text
    raw = page.read_text("utf-8")
    assert "&lt;quickly&gt;" in raw and "<quickly>" not in raw
    assert 'id="role-knowledge-expert"' in raw and 'id="role-senior-knowledge-expert"' in raw
    framework_page = (site / "cx-knowledge-experts" / "index.html").read_text("utf-8")
    assert '<a href="changes.html">What changed since v1.0</a>' in framework_page
    for role in ("knowledge-expert", "senior-knowledge-expert"):
        assert f'<a href="changes.html#role-{role}">' in framework_page
    # a framework that did not change says so, and no role links to it
    unchanged = site / "cx-pdp" / "changes.html"
    assert "Nothing changed since v1.0." in text_of(unchanged)
    assert 'href="changes.html#' not in (site / "cx-pdp" / "index.html").read_text("utf-8")


def test_site_without_a_revision_has_no_what_changed_page(repo: Path):
    assert run("site").exit_code == 0
    site = repo / "dist" / "site"
    assert not list(site.rglob("changes.html"))
    assert not list(site.rglob("*-changes.*"))
    assert "changes.html" not in (site / "cx-knowledge-experts" / "index.html").read_text("utf-8")


def test_export_writes_word_and_html_changes_handouts(repo: Path):
    result = run("export", "--kind", "changes", "--changes-since", "v1.0", "--out", "out")
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(repo / "out").as_posix() for p in (repo / "out").rglob("*.*"))
    assert "cx-knowledge-experts/cx-knowledge-experts-changes.docx" in written
    assert "cx-knowledge-experts/cx-knowledge-experts-changes.html" in written
    assert len(written) == 10  # five frameworks, two formats
    doc = Document(str(repo / "out" / "cx-knowledge-experts" / "cx-knowledge-experts-changes.docx"))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[:2] == [
        ("Title", "CX Knowledge PDP"),
        ("Subtitle", "What changed since v1.0"),
    ]
    assert ("Heading 1", "Knowledge Expert") in paragraphs
    assert ("Heading 2", "Knowledge") in paragraphs
    reworded = next(p for p in doc.paragraphs if p.text.startswith("Reworded behavior:"))
    assert reworded.style.name == "List Bullet"
    runs = [(r.style.name, r.text) for r in reworded.runs]
    assert ("Deleted Text", "fast") in runs
    assert ("Inserted Text", "<quickly>") in runs
    assert runs[0] == ("Strong", "Reworded behavior:")
    assert doc.styles["Deleted Text"].font.strike is True


def test_changes_handouts_are_the_same_bytes_every_time(repo: Path):
    for out in ("one", "two"):
        args = ("export", "--kind", "changes", "--changes-since", "v1.0", "--out", out)
        assert run(*args).exit_code == 0
    for first in (repo / "one").rglob("*.*"):
        second = repo / "two" / first.relative_to(repo / "one")
        assert first.read_bytes() == second.read_bytes(), first.name


def test_kind_changes_needs_a_revision(repo: Path):
    result = run("export", "--kind", "changes")
    assert result.exit_code == 2
    assert result.stderr == (
        "pdp-lint: --kind changes needs --changes-since REV, the revision to compare with\n"
    )


def test_export_without_a_revision_writes_no_changes_handout(repo: Path):
    assert run("export", "--out", "out").exit_code == 0
    assert not list((repo / "out").rglob("*-changes.*"))


@pytest.mark.parametrize("command", ["site", "export"])
def test_a_bad_revision_is_one_line_and_exit_2(repo: Path, command: str):
    result = run(command, "--changes-since", "no-such-tag")
    assert result.exit_code == 2
    assert result.stderr == (
        "pdp-lint: --changes-since: `no-such-tag` is not a git revision of this repository; "
        "see `git tag` or `git log --oneline` for revisions\n"
    )
    assert not (repo / "dist").exists()


def test_changes_since_outside_a_repository_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import shutil

    from tests.conftest import ROOT

    for name in ("frameworks", "pdp-lint.toml", "vocabulary.txt"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy2(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run("site", "--changes-since", "v1.0")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("pdp-lint: --changes-since: ")
    assert line.endswith(
        "is not in a git repository, so there is no revision `v1.0` to compare with"
    )


def test_glossary_and_probe_changes_read_well(repo: Path):
    edit(repo, KE, "    expansion: team lead\n", "    expansion: team leader\n")
    cem = "frameworks/customer-experience-management.yaml"
    edit(repo, cem, "              - Who were the key stakeholders?\n", "")
    assert run("site", "--changes-since", "v1.0").exit_code == 0
    site = repo / "dist" / "site"
    text = text_of(site / "cx-knowledge-experts" / "changes.html")
    assert "Changed glossary term: TL: team deleted: lead inserted: leader" in text
    probes = text_of(site / "customer-experience-management" / "changes.html")
    assert (
        "Changed probes: What part of the process were you involved in? / What analyses were "
        "conducted? / deleted: Who were the key stakeholders? / How did it benefit" in probes
    )
