"""The site's What changed page in a real Chromium: accessible, and it prints on A4."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import EPOCH
from tests.browser.test_printing import A4_TEXT_WIDTH_PX, print_pdf
from tests.browser.test_site_in_browser import axe_violations
from tests.changes.gitrepo import KE, bump, cut, edit, make_repo, paste_after

CRITICAL = (
    "                text: Develop critical thinking to find creative solutions and workaround "
    "to resolve customer needs\n"
)
CROSS_TEAM = (
    "              - id: identify-cross-team\n"
    "                text: Identify cross team coaching opportunities & act to bridge them\n"
)
PAGE = "cx-knowledge-experts/changes.html"


@pytest.fixture(scope="module")
def changes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the canonical frameworks at v1.0 plus edits, built with --changes-since."""
    from exporters.site import publish, site_jobs
    from pdp_lint.load.loader import load_file

    repo = make_repo(tmp_path_factory.mktemp("changes") / "repo")
    edit(repo, KE, "text: Adapt fast and", "text: Adapt quickly and")
    cut(
        repo,
        KE,
        "              - id: worknet-app-ask\n"
        "                text: Worknet app, Ask-Ai, CX new chats / RDP, etc.\n",
    )
    cut(repo, KE, CROSS_TEAM)
    paste_after(repo, KE, CRITICAL, CROSS_TEAM)
    edit(repo, KE, "    expansion: team lead\n", "    expansion: team leader\n")
    bump(repo, KE, "2.0")
    frameworks = []
    for path in sorted((repo / "frameworks").glob("*.yaml")):
        loaded = load_file(path)
        assert loaded.framework is not None
        frameworks.append(loaded.framework)
    out = repo / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        publish(site_jobs(frameworks, {"changes_since": "v1.0"}), out)
    return out


@pytest.mark.parametrize(
    "relative",
    [PAGE, "cx-pdp/changes.html", "cx-knowledge-experts/cx-knowledge-experts-changes.html"],
)
def test_axe_finds_no_serious_or_critical_violation(page: Any, changes_site: Path, relative: str):
    page.goto((changes_site / relative).as_uri())
    assert axe_violations(page) == []


def test_the_page_prints_on_a4(page: Any, changes_site: Path, tmp_path: Path):
    pages = print_pdf(page, changes_site, PAGE, tmp_path)
    assert len(pages) >= 1
    for width, height in pages:
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)


def test_nothing_is_wider_than_the_printed_page(page: Any, changes_site: Path):
    page.set_viewport_size({"width": A4_TEXT_WIDTH_PX, "height": 1000})
    page.emulate_media(media="print")
    page.goto((changes_site / PAGE).as_uri())
    overflow = page.evaluate(
        """(limit) => [...document.querySelectorAll("body *")]
            .filter(el => el.getBoundingClientRect().right > limit + 1)
            .map(el => el.tagName + "." + el.className)""",
        A4_TEXT_WIDTH_PX,
    )
    assert overflow == []


def test_a_role_link_opens_its_changes(page: Any, changes_site: Path):
    page.goto((changes_site / "cx-knowledge-experts" / "index.html").as_uri())
    page.check('input[name="role"][value="senior-knowledge-expert"]')
    link = page.locator('a[href="changes.html#role-senior-knowledge-expert"]')
    link.first.click()
    assert page.url.endswith("changes.html#role-senior-knowledge-expert")
    target = page.locator("#role-senior-knowledge-expert")
    assert "Moved behavior away" in target.inner_text()
    assert target.is_visible()


def test_deletions_and_insertions_are_shown_apart_from_the_kept_words(
    page: Any, changes_site: Path
):
    page.goto((changes_site / PAGE).as_uri())
    deleted = page.locator("del").first
    inserted = page.locator("ins").first
    assert deleted.evaluate("el => getComputedStyle(el).textDecorationLine") == "line-through"
    assert inserted.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    # the words read "deleted:" and "inserted:" to a screen reader, and are not seen
    words = [t.split()[-1] for t in page.locator("del").all_inner_texts()]
    assert words == ["lead", "fast"]
    assert deleted.locator(".sr-only").evaluate("el => el.getBoundingClientRect().width") <= 1
