"""Nothing is lost: every piece of the model a handout covers appears in it, in both formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporters.registry import EXPORTERS
from tests.exporters.handout_helpers import (
    CANONICAL,
    expected_documents,
    hiring_guidance,
    load,
    missing,
    normalise,
    rendered,
    text_of,
)

CASES = [
    pytest.param(path, kind, fmt, id=f"{path.stem}-{kind}-{fmt}")
    for path in CANONICAL
    for kind, fmt in EXPORTERS
]


@pytest.mark.parametrize(("path", "kind", "fmt"), CASES)
def test_every_text_of_the_model_appears_in_its_handouts(path: Path, kind: str, fmt: str):
    fw = load(path)
    expected = expected_documents(fw, kind)
    made = rendered(path)[(kind, fmt)]
    assert sorted(made) == sorted(expected), "the handouts made are not the ones expected"
    for stem, texts in expected.items():
        lost = missing(texts, text_of(fmt, made[stem]))
        assert not lost, f"{stem}.{fmt} lost {len(lost)} texts, the first: {lost[0]!r}"


def test_the_canonical_frameworks_give_every_kind_of_handout():
    kinds = {kind for path in CANONICAL for (kind, _fmt), docs in rendered(path).items() if docs}
    assert kinds == {"role", "framework", "interview", "hiring", "spreadsheet"}


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_hiring_profile_leaves_out_guidance_for_job_seekers_and_other_profiles(fmt: str):
    path = next(p for p in CANONICAL if p.stem == "cx-team-roles")
    fw = load(path)
    made = rendered(path)[("hiring", fmt)]
    manager = text_of(fmt, made["cx-manager-hiring-profile"])
    associate = text_of(fmt, made["cx-associate-hiring-profile"])
    assert "Transforming Associates into Specialists" in associate
    assert "Transforming Associates into Specialists" not in manager
    _kept, left = hiring_guidance(fw, "cx-manager")
    for g in left:
        assert normalise(g.title) not in manager, g.title
    assert "Read Between the Lines" not in manager


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_senior_role_says_what_is_new_at_its_level(fmt: str):
    path = next(p for p in CANONICAL if p.stem == "cx-knowledge-experts")
    made = rendered(path)[("role", fmt)]
    senior = text_of(fmt, made["senior-knowledge-expert"])
    junior = text_of(fmt, made["knowledge-expert"])
    assert "New at this level" in senior
    assert "Every behavior below is new compared with Knowledge Expert (KE)" in senior
    assert "New at this level" not in junior


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_section_examples_are_numbered_and_a_single_one_is_not(fmt: str):
    path = next(p for p in CANONICAL if p.stem == "cx-knowledge-experts")
    text = text_of(fmt, rendered(path)[("role", fmt)]["senior-knowledge-expert"])
    assert "Example 1 Old vs new billing infra" in text
    assert "Example 4 Familiarize with our competitors" in text
    # Collaboration has one example: the source labels it "Example", not "Example 1"
    assert "Example Initiating a collaboration between KE and TLs" in text


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_behavior_example_stays_with_its_behavior(fmt: str):
    path = next(p for p in CANONICAL if p.stem == "cx-pdp")
    text = text_of(fmt, rendered(path)[("role", fmt)]["customer-experience-advocate"])
    behavior = "Creates and delivers compelling presentations for the CX team"
    assert "from their direct manager Example dailies, offsites, webinars" in text, behavior


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_role_handout_explains_the_acronyms_it_uses(fmt: str):
    path = next(p for p in CANONICAL if p.stem == "cx-knowledge-experts")
    text = text_of(fmt, rendered(path)[("role", fmt)]["knowledge-expert"])
    glossary = text[text.rindex("Glossary") :]
    assert "KE Knowledge Expert" in glossary
    assert "SLA" not in glossary  # the Knowledge Expert handout never says SLA


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_an_interview_guide_has_room_for_notes_and_a_rating_per_question(fmt: str):
    path = next(p for p in CANONICAL if p.stem == "customer-experience-management")
    fw = load(path)
    text = text_of(
        fmt, rendered(path)[("interview", fmt)]["customer-experience-management-interview-guide"]
    )
    questions = [q for c in fw.competencies for lv in c.levels for q in lv.questions]
    assert text.count("Notes") >= len(questions)
    assert text.count("Rating") >= len(questions)
    for n in range(1, len(questions) + 1):
        assert f"Question {n}" in text


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_section_examples_are_labelled_as_the_sections_and_follow_its_behaviors(fmt: str):
    """ "Example 2 Worknet app, Ask-Ai, CX new chats / RDP, etc." read as a fragment under
    a bare "Examples" heading: the heading says whose examples they are, and they come
    right after the behaviors they illustrate."""
    path = next(p for p in CANONICAL if p.stem == "cx-knowledge-experts")
    text = text_of(fmt, rendered(path)[("role", fmt)]["knowledge-expert"])
    last_behavior = (
        "Develop critical thinking to find creative solutions and workaround to resolve "
        "customer needs"
    )
    assert f"{last_behavior} Examples of Knowledge in this role Example 1 Attend product/CX" in text
    assert "Example 2 Worknet app, Ask-Ai, CX new chats / RDP, etc." in text


def test_in_word_a_sections_last_behavior_keeps_with_its_examples():
    from tests.exporters.handout_helpers import docx_paragraphs

    path = next(p for p in CANONICAL if p.stem == "cx-knowledge-experts")
    data = rendered(path)[("role", "docx")]["knowledge-expert"]
    paragraphs = list(docx_paragraphs(data))
    at = next(i for i, p in enumerate(paragraphs) if p.text == "Examples of Knowledge in this role")
    before, heading = paragraphs[at - 1], paragraphs[at]
    assert before.style.name == "List Bullet" and before.paragraph_format.keep_with_next
    assert heading.style.name.startswith("Heading") and heading.paragraph_format.keep_with_next
