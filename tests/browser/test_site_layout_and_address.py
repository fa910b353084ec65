"""The choice in the address (share, bookmark, Back), and the layout at a desktop width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

SENIOR = "Senior Knowledge Expert (Senior KE)"
SENIOR_COMMUNICATION = "Identify cross team coaching opportunities & act to bridge them"
SENIOR_KNOWLEDGE = "Ownership or development of a cross team effort"
IC_NOTICE = "The IC roles are not yet available in this path. Stay tuned!"
KE_PAGE = "cx-knowledge-experts/index.html"


def url(site_dir: Path, relative: str, fragment: str = "") -> str:
    return (site_dir / relative).as_uri() + fragment


def fragment(page: Any) -> str:
    return str(page.evaluate("window.location.hash"))


def card(page: Any, role_id: str) -> Any:
    return page.locator(f"#role-{role_id}")


@pytest.fixture
def wide(page: Any) -> Any:
    """The page 1280 pixels wide, a common laptop screen."""
    page.set_viewport_size({"width": 1280, "height": 900})
    return page


def test_each_choice_goes_into_the_address_and_back_restores_the_previous(page, site_dir):
    page.goto(url(site_dir, KE_PAGE))
    assert fragment(page) == ""
    page.get_by_role("radio", name=SENIOR).check()
    assert fragment(page) == "#role=senior-knowledge-expert"
    page.get_by_role("radio", name="Communication").check()
    assert fragment(page) == "#role=senior-knowledge-expert&competency=communication"
    assert not page.get_by_text(SENIOR_KNOWLEDGE).is_visible()

    page.go_back()
    page.wait_for_function("window.location.hash === '#role=senior-knowledge-expert'")
    assert page.get_by_role("radio", name="All").is_checked()
    assert page.get_by_text(SENIOR_KNOWLEDGE).is_visible()
    assert page.locator("#filter-status").inner_text() == f"Showing {SENIOR}, all competencies."

    page.go_back()
    page.wait_for_function("window.location.hash === ''")
    assert card(page, "knowledge-expert").is_visible()
    assert not card(page, "senior-knowledge-expert").is_visible()

    page.go_forward()
    page.wait_for_function("window.location.hash === '#role=senior-knowledge-expert'")
    assert card(page, "senior-knowledge-expert").is_visible()


def test_a_shared_address_opens_the_page_on_its_choice(page, site_dir):
    page.goto(url(site_dir, KE_PAGE, "#role=senior-knowledge-expert&competency=communication"))
    assert page.get_by_role("radio", name=SENIOR).is_checked()
    assert page.get_by_role("radio", name="Communication").is_checked()
    assert page.get_by_text(SENIOR_COMMUNICATION).is_visible()
    assert not page.get_by_text(SENIOR_KNOWLEDGE).is_visible()
    assert not card(page, "knowledge-expert").is_visible()

    page.goto(url(site_dir, KE_PAGE, "#role=track:ic"))
    assert page.get_by_text(IC_NOTICE).is_visible()
    assert not card(page, "knowledge-expert").is_visible()


def test_an_address_naming_no_such_choice_falls_back_to_the_first(fresh_page, site_dir):
    page = fresh_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url(site_dir, KE_PAGE, "#role=nobody&competency=%E0%A4%A"))
    assert card(page, "knowledge-expert").is_visible()
    page.goto(url(site_dir, KE_PAGE, '#role-a"b'))
    assert card(page, "knowledge-expert").is_visible()
    assert page.get_by_role("radio", name="All").is_checked()
    # an ordinary anchor is left to the browser and changes no choice
    page.goto(url(site_dir, KE_PAGE, "#glossary"))
    assert card(page, "knowledge-expert").is_visible()
    assert fragment(page) == "#glossary"
    assert errors == []


def test_a_shared_address_without_javascript_still_shows_everything(browser, site_dir):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url(site_dir, KE_PAGE, "#role=senior-knowledge-expert&competency=communication"))
        assert card(page, "knowledge-expert").is_visible()
        assert card(page, "senior-knowledge-expert").is_visible()
        assert page.get_by_text(SENIOR_KNOWLEDGE).is_visible()
    finally:
        context.close()


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None
    return dict(found)


def test_role_chips_line_up_beside_their_path_name_at_1280_pixels(wide, site_dir):
    wide.goto(url(site_dir, "cx-pdp/index.html"))
    group = wide.get_by_role("group", name="Professional Path")
    name = box(group.locator(".group-name"))
    advocate = box(group.locator("label", has_text="Customer Experience Advocate (CXA)"))
    manager = box(group.locator("label", has_text="Customer Experience Manager (CXM)"))
    # a second line of chips starts under the first chip, never under the path's name
    assert abs(manager["x"] - advocate["x"]) < 1
    assert manager["x"] >= name["x"] + name["width"]
    ic = box(wide.get_by_role("group", name="IC Path").locator("label"))
    assert abs(ic["x"] - advocate["x"]) < 1


def test_the_interview_guides_candidate_table_stands_apart_from_the_next_paragraph(wide, site_dir):
    wide.goto(
        url(
            site_dir,
            "customer-experience-management/customer-experience-management-interview-guide.html",
        )
    )
    table = box(wide.locator("table.fill-in"))
    after = box(wide.locator("table.fill-in + p"))
    assert after["y"] - (table["y"] + table["height"]) >= 12


def test_a_sections_examples_sit_beside_its_behaviors_at_1280_pixels(wide, site_dir):
    wide.goto(url(site_dir, "cx-knowledge-experts/knowledge-expert.html"))
    section = wide.locator("#knowledge-expert--knowledge")
    behaviors = box(section.locator(".practice-behaviors"))
    examples = box(section.locator(".section-examples"))
    assert abs(examples["y"] - behaviors["y"]) < 2
    assert examples["x"] >= behaviors["x"] + behaviors["width"]
    heading = section.locator(".section-examples .label-heading").inner_text()
    assert heading.casefold() == "examples of knowledge in this role"


def test_a_link_to_a_role_card_chooses_that_role(page, site_dir):
    page.goto(url(site_dir, KE_PAGE, "#role-senior-knowledge-expert"))
    assert page.get_by_role("radio", name=SENIOR).is_checked()
    assert card(page, "senior-knowledge-expert").is_visible()
    assert not card(page, "knowledge-expert").is_visible()
