"""The HR site in a real browser: filters, keyboard, no requests, accessibility."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SENIOR = "Senior Knowledge Expert (Senior KE)"
JUNIOR = "Knowledge Expert (KE)"
SENIOR_COMMUNICATION = "Identify cross team coaching opportunities & act to bridge them"
SENIOR_KNOWLEDGE = "Ownership or development of a cross team effort"
IC_NOTICE = "The IC roles are not yet available in this path. Stay tuned!"


def open_page(page: Any, site_dir: Path, relative: str) -> Any:
    page.goto((site_dir / relative).as_uri())
    return page


def role_card(page: Any, role_id: str) -> Any:
    return page.locator(f"#role-{role_id}")


def test_choosing_a_role_and_a_competency_shows_only_them(page, site_dir):
    open_page(page, site_dir, "cx-knowledge-experts/index.html")
    assert role_card(page, "knowledge-expert").is_visible()
    assert not role_card(page, "senior-knowledge-expert").is_visible()

    page.get_by_role("radio", name=SENIOR).check()
    assert role_card(page, "senior-knowledge-expert").is_visible()
    assert not role_card(page, "knowledge-expert").is_visible()
    assert page.get_by_text(SENIOR_KNOWLEDGE).is_visible()

    page.get_by_role("radio", name="Communication").check()
    assert page.get_by_text(SENIOR_COMMUNICATION).is_visible()
    assert not page.get_by_text(SENIOR_KNOWLEDGE).is_visible()
    status = page.locator("#filter-status")
    assert status.inner_text() == f"Showing {SENIOR}, Communication."

    page.get_by_role("group", name="IC Path").get_by_role("radio").check()
    assert page.get_by_text(IC_NOTICE).is_visible()
    assert not role_card(page, "senior-knowledge-expert").is_visible()

    page.get_by_role("radio", name=JUNIOR).check()
    page.get_by_role("radio", name="All").check()
    sections = role_card(page, "knowledge-expert").locator("section.competency")
    assert sections.count() == 5
    assert all(sections.nth(i).is_visible() for i in range(5))


def test_without_javascript_every_role_shows_and_the_filters_do_not(browser, site_dir):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site_dir / "cx-knowledge-experts" / "index.html").as_uri())
        assert role_card(page, "knowledge-expert").is_visible()
        assert role_card(page, "senior-knowledge-expert").is_visible()
        assert page.get_by_text(IC_NOTICE).is_visible()
        assert not page.locator("#filters").is_visible()
        assert page.get_by_role("navigation", name="Roles").is_visible()
    finally:
        context.close()


def test_no_request_leaves_the_file_system(fresh_page, site_dir):
    page = fresh_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    visits = ["index.html"] + [
        f"{folder.name}/index.html" for folder in sorted(site_dir.iterdir()) if folder.is_dir()
    ]
    visits += [
        "cx-pdp/customer-experience-manager.html",
        "cx-pdp/cx-pdp.html",
        "customer-experience-management/customer-experience-management-interview-guide.html",
        "cx-team-roles/cx-expert-hiring-profile.html",
    ]
    for relative in visits:
        open_page(page, site_dir, relative)
        page.wait_for_load_state("load")
    assert len(requested) >= len(visits)
    outside = [url for url in requested if not url.startswith(("file:", "data:", "about:"))]
    assert not outside


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const label = el.closest("label");
            return {
                tag: el.tagName.toLowerCase(),
                name: el.getAttribute("name"),
                value: el.value,
                checked: !!el.checked,
                outline: getComputedStyle(label || el).outlineStyle,
            };
        }"""
    )


def tab_to(page: Any, name: str, limit: int = 40) -> dict[str, Any]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["name"] == name:
            return now
    raise AssertionError(f"Tab never reached the {name} controls")


def test_the_filters_work_from_the_keyboard(page, site_dir):
    open_page(page, site_dir, "cx-knowledge-experts/index.html")
    role = tab_to(page, "role")
    assert role["value"] == "knowledge-expert" and role["checked"]
    assert role["outline"] == "solid", "the focused choice has no visible focus"

    page.keyboard.press("ArrowRight")
    now = focused(page)
    assert now["value"] == "senior-knowledge-expert" and now["checked"]
    assert role_card(page, "senior-knowledge-expert").is_visible()
    assert not role_card(page, "knowledge-expert").is_visible()

    competency = tab_to(page, "competency")
    assert competency["value"] == "" and competency["checked"]
    page.keyboard.press("ArrowRight")
    assert focused(page)["value"] == "knowledge"
    assert page.get_by_text(SENIOR_KNOWLEDGE).is_visible()
    assert not page.get_by_text(SENIOR_COMMUNICATION).is_visible()

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "print"


def axe_violations(page: Any) -> list[str]:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.fail("the browser tests need axe-playwright-python: pip install -e '.[test]'")
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


PAGES = [
    "index.html",
    "cx-knowledge-experts/index.html",
    "cx-knowledge-managers/index.html",
    "cx-pdp/index.html",
    "customer-experience-management/index.html",
    "cx-team-roles/index.html",
    "cx-knowledge-experts/senior-knowledge-expert.html",
    "cx-pdp/cx-pdp.html",
    "customer-experience-management/customer-experience-management-interview-guide.html",
    "cx-team-roles/cx-associate-hiring-profile.html",
]


@pytest.mark.parametrize("relative", PAGES)
def test_axe_finds_no_serious_or_critical_violation(page, site_dir, relative):
    open_page(page, site_dir, relative)
    assert axe_violations(page) == []


def test_axe_finds_none_after_filtering_either(page, site_dir):
    open_page(page, site_dir, "cx-pdp/index.html")
    page.get_by_role("radio", name="Customer Experience Manager (CXM)").check()
    page.get_by_role("radio", name="Customer focus").check()
    assert axe_violations(page) == []


def test_a_screenshot_of_the_framework_page(page, site_dir, tmp_path):
    open_page(page, site_dir, "cx-pdp/index.html")
    shot = tmp_path / "cx-pdp.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    height = page.evaluate("document.documentElement.scrollHeight")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1100, "the page scrolls sideways"
    assert height > 900
