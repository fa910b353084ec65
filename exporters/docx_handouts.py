"""The four handouts as Word documents, laid out from their views."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from exporters.docx_builder import DocxBuilder
from exporters.views import (
    BehaviorView,
    CompetencyView,
    FrameworkHandout,
    GuidanceView,
    HiringProfile,
    InterviewGuide,
    Meta,
    NewAtLevel,
    Overview,
    RoleHandout,
    RoleView,
    Term,
)


def role_docx(view: RoleHandout, template: Path | None) -> bytes:
    b = DocxBuilder(view.meta, template)
    role = view.role
    b.paragraph(role.heading, "Title")
    b.paragraph(f"{role.position} · {view.meta.framework_title}", "Subtitle")
    _meta_line(b, view.meta)
    _role_body(b, role, top=1, definitions=True)
    _glossary(b, view.glossary, level=1)
    return b.to_bytes()


def framework_docx(view: FrameworkHandout, template: Path | None) -> bytes:
    b = DocxBuilder(view.meta, template)
    m = view.meta
    b.paragraph(m.framework_title, "Title")
    b.paragraph(m.kind, "Subtitle")
    _meta_line(b, m)
    if view.source:
        b.paragraph(f"Source: {view.source}", "Meta")
    if view.intro:
        b.paragraph(view.intro, "Lead")
    b.contents()
    if view.overview is not None:
        _overview(b, view.overview)
    if view.show_catalog:
        b.heading("Competencies", 1, page_break=True)
        for comp in view.catalog:
            b.heading(comp.name, 2)
            if comp.definition:
                b.paragraph(comp.definition)
            _levels(b, comp, level=3, with_questions=True)
    for track in view.tracks:
        b.heading(track.name, 1, page_break=not track.coming_soon)
        if track.coming_soon:
            _coming_soon(b, track.notice, track.competencies)
        for n, role in enumerate(track.roles):
            b.heading(role.heading, 2, page_break=n > 0)
            b.paragraph(role.position, "Meta")
            _role_body(b, role, top=3, definitions=False)
    if view.profiles is not None:
        p = view.profiles
        b.heading(p.title or "Role profiles", 1, page_break=True)
        if p.intro:
            b.paragraph(p.intro)
        for profile in p.profiles:
            b.heading(profile.title, 2)
            b.paragraph(profile.summary)
        for g in p.guidance:
            _guidance(b, g, level=1)
    _glossary(b, view.glossary, level=1)
    return b.to_bytes()


def interview_docx(view: InterviewGuide, template: Path | None) -> bytes:
    b = DocxBuilder(view.meta, template)
    comp = view.competency
    b.paragraph(comp.name, "Title")
    b.paragraph(f"{view.meta.kind} · {view.meta.framework_title}", "Subtitle")
    _meta_line(b, view.meta)
    b.table(
        None,
        [["Candidate", "", "Date", ""], ["Role", "", "Interviewer", ""]],
        [2.6, 6.0, 2.6, 6.0],
        strong_columns=(0, 2),
        min_height=0.9,
    )
    if comp.definition:
        b.paragraph(comp.definition, "Lead")
    b.paragraph(view.instructions)
    b.heading("What each level looks like", 1)
    _levels(b, comp, level=2, with_questions=False)
    # no forced page breaks: a level's last behavior running over would leave a page
    # with one line on it; each question is kept on one page with its notes and rating
    b.heading("Questions", 1)
    for level in comp.levels:
        if not level.questions:
            continue
        b.heading(f"Level {level.level} questions", 2)
        b.paragraph(level.summary, "Meta", keep_with_next=True)
        for q in level.questions:
            b.heading(f"Question {q.number}", 3)
            b.paragraph(q.text, keep_with_next=True)
            if q.probes:
                b.paragraph("Probing questions", "Heading 4")
                b.bullets(q.probes, keep_together=True)
            b.notes_box("Notes", 4.0)
            _rating(b, view.scale)
    b.heading("Overall assessment", 1)
    b.notes_box("Summary and recommendation", 7.0)
    _rating(b, view.scale, label="Overall rating")
    _glossary(b, view.glossary, level=1)
    return b.to_bytes()


def hiring_docx(view: HiringProfile, template: Path | None) -> bytes:
    b = DocxBuilder(view.meta, template)
    b.paragraph(view.profile.title, "Title")
    b.paragraph(f"{view.meta.kind} · {view.meta.framework_title}", "Subtitle")
    _meta_line(b, view.meta)
    if view.source:
        b.paragraph(f"Source: {view.source}", "Meta")
    b.heading("Responsibilities", 1)
    b.paragraph(view.profile.summary)
    if view.guidance:
        b.heading("Hiring guidance", 1)
        for g in view.guidance:
            _guidance(b, g, level=2)
    _glossary(b, view.glossary, level=1)
    return b.to_bytes()


# --- parts shared by the handouts ----------------------------------------------------


def _meta_line(b: DocxBuilder, m: Meta) -> None:
    b.paragraph(f"Owner: {m.owner} · Version {m.version} · {m.date_text}", "Meta")


def _role_body(b: DocxBuilder, role: RoleView, *, top: int, definitions: bool) -> None:
    """A role's summary, base role, what is new, and its competencies.

    ``top`` is the heading level of the competencies (1 in a role handout, 3 inside the
    framework handout); ``definitions`` shows the catalog definition of a competency
    whose section has no description of its own.
    """
    if role.summary:
        b.paragraph(role.summary, "Lead")
    if role.builds_on:
        b.labelled("Builds on:", role.builds_on)
    if role.new is not None:
        _new_at_level(b, role.new, top)
    for section in role.sections:
        b.heading(section.name, top)
        text = section.text if definitions else section.description
        if text:
            b.paragraph(text)
        if section.behaviors:
            b.paragraph("Behaviors", f"Heading {top + 1}")
            # the section's examples follow the behaviors they illustrate on the same page
            _behaviors(b, section.behaviors, keep_last=bool(section.examples))
        if section.examples:
            b.paragraph(section.examples_heading, f"Heading {top + 1}")
            for ex in section.examples:
                b.labelled(ex.label, ex.text, "Example")


def _behaviors(
    b: DocxBuilder, behaviors: Sequence[BehaviorView], *, keep_last: bool = False
) -> None:
    """Bullets, each with its examples; ``keep_last`` keeps the last with what follows."""
    for m, behavior in enumerate(behaviors, 1):
        last = m == len(behaviors)
        p = b.bullet(behavior.text, keep_with_next=bool(behavior.examples) or (keep_last and last))
        if behavior.new:
            b.text(p, "\u2002")
            b.strong(p, "(new at this level)")
        for n, example in enumerate(behavior.examples, 1):
            keep = n < len(behavior.examples) or (keep_last and last)
            b.labelled("Example", example, "Example", keep_with_next=keep)


def _new_at_level(b: DocxBuilder, new: NewAtLevel, top: int) -> None:
    """In a role handout a part of its own; inside the framework handout a labelled block."""
    if top == 1:
        b.heading("New at this level", 1)
    else:
        b.paragraph("New at this level", "Heading 4", keep_with_next=True)
    b.paragraph(new.summary)
    if new.all_new:
        rows = [[g.label, str(len(g.behaviors))] for g in new.groups]
        b.table(["Competency", "New behaviors"], rows, [3.0, 1.0], align_centre_from=1)
        return
    if new.new_count == 0:
        return
    for g in new.groups:
        if not g.behaviors:
            b.labelled(f"{g.label}:", "nothing new at this level.")
        elif top == 1:
            b.paragraph(g.label, "Heading 2", keep_with_next=True)
            b.bullets(g.behaviors)
        else:
            b.labelled(f"{g.label}:", "", keep_with_next=True)
            b.bullets(g.behaviors)


def _overview(b: DocxBuilder, overview: Overview) -> None:
    b.heading("Roles at a glance", 1)
    b.paragraph(
        "Number of behaviors each role is expected to show in each competency "
        "(— where the role has none)."
    )
    rows = [
        [
            f"{row.role.heading}\n{row.role.position}",
            *("—" if c is None else str(c) for c in row.cells),
        ]
        for row in overview.rows
    ]
    # the role column would like twice a competency's width; the builder widens each
    # competency column to its longest word and takes the room from the role column
    b.table(
        ["Role", *overview.competencies],
        rows,
        [2.0, *([1.0] * len(overview.competencies))],
        align_centre_from=1,
    )


def _coming_soon(b: DocxBuilder, notice: str | None, competencies: Sequence[str]) -> None:
    b.paragraph(f"Coming soon. {notice}" if notice else "Coming soon.", "Notice")
    if competencies:
        b.paragraph("Competencies it will cover", "Heading 4", keep_with_next=True)
        b.bullets(competencies)


def _levels(b: DocxBuilder, comp: CompetencyView, *, level: int, with_questions: bool) -> None:
    for lv in comp.levels:
        b.heading(f"Level {lv.level}", level)
        b.paragraph(lv.summary)
        if lv.behaviors:
            b.paragraph("Behaviors", f"Heading {min(level + 1, 4)}", keep_with_next=True)
            _behaviors(b, lv.behaviors)
        if with_questions and lv.questions:
            b.paragraph("Interview questions", f"Heading {min(level + 1, 4)}", keep_with_next=True)
            for q in lv.questions:
                b.bullet(q.text, keep_with_next=bool(q.probes))
                for n, probe in enumerate(q.probes, 1):
                    b.labelled("Probe", probe, "Example", keep_with_next=n < len(q.probes))


def _rating(b: DocxBuilder, scale: Sequence[int], label: str = "Rating") -> None:
    b.table(
        None,
        [[label, *(f"\u2610 {n}" for n in scale)]],
        [1.5, *([1.0] * len(scale))],
        strong_columns=(0,),
        align_centre_from=1,
        min_height=0.8,
    )


def _guidance(b: DocxBuilder, g: GuidanceView, *, level: int) -> None:
    b.heading(g.title, min(level, 3))
    details = [d for d in (g.audience, _applies(g.applies_to)) if d]
    if details:
        b.paragraph(" · ".join(details), "Meta")
    if g.text:
        b.paragraph(g.text)
    for item in g.items:
        p = b.bullet("")
        b.strong(p, f"{item.label}:")
        b.text(p, f" {item.text}")
    for section in g.sections:
        _guidance(b, section, level=level + 1)


def _applies(titles: Sequence[str]) -> str | None:
    return f"Applies to: {', '.join(titles)}" if titles else None


def _glossary(b: DocxBuilder, terms: Sequence[Term], *, level: int) -> None:
    if not terms:
        return
    b.heading("Glossary", level)
    b.table(["Term", "Meaning"], [[t.term, t.expansion] for t in terms], [1.0, 4.0])


#: how each kind of handout is laid out in Word
RENDERERS: dict[str, Callable[[Any, Path | None], bytes]] = {
    "role": role_docx,
    "framework": framework_docx,
    "interview": interview_docx,
    "hiring": hiring_docx,
}
