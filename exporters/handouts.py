"""The handout exporters: four kinds of handout, each as Word and as HTML.

A kind decides which documents a framework gives (one per role, one per competency with
interview questions ...) and what their files are called; a format decides how one is
laid out. Each exporter is a kind combined with a format. Renderers are imported when a
file is rendered, so listing the exporters costs nothing at start-up.
"""

from __future__ import annotations

import functools
from abc import abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exporters.base import Exporter, Output
from pdp_lint.model.framework import Framework

# exporters.views is imported where documents are listed, not when the command line
# builds its choices from the registry


@dataclass(frozen=True, slots=True)
class Document:
    """One handout of a framework, before it is laid out."""

    stem: str
    title: str
    view: Any


class HandoutExporter(Exporter):
    """An exporter whose files are the documents of a kind, laid out in a format."""

    @abstractmethod
    def documents(self, model: Framework) -> list[Document]:
        """The handouts of this kind that ``model`` gives, in framework order."""

    @abstractmethod
    def render(self, view: Any) -> bytes:
        """The bytes of one handout."""

    def outputs(self, model: Framework) -> list[Output]:
        return [
            Output(f"{d.stem}{self.suffix}", functools.partial(self.render, d.view), d.title)
            for d in self.documents(model)
        ]


# --- formats ---------------------------------------------------------------------------


class DocxHandout(HandoutExporter):
    """Word (.docx), built on the bundled reference document or on ``template``."""

    format = "docx"
    suffix = ".docx"
    format_label = "Word (.docx)"

    @dataclass(frozen=True, slots=True)
    class Options(Exporter.Options):
        #: a .docx or .dotx whose styles, page setup, header and footer the handout uses;
        #: None means the bundled reference document
        template: Path | None = None

    def render(self, view: Any) -> bytes:
        from exporters.docx_handouts import RENDERERS

        data: bytes = RENDERERS[self.name](view, self.options.template)
        return data


class HtmlHandout(HandoutExporter):
    """One self-contained HTML file (inline CSS, no requests) that prints on A4."""

    format = "html"
    suffix = ".html"
    format_label = "Web page (.html)"

    def render(self, view: Any) -> bytes:
        from exporters.html_render import render_handout

        return render_handout(self.name, view)


# --- kinds -----------------------------------------------------------------------------


class RoleHandouts(HandoutExporter):
    name = "role"
    label = "Role handout"

    def documents(self, model: Framework) -> list[Document]:
        from exporters import views

        return [Document(h.role.id, h.role.heading, h) for h in views.role_handouts(model)]


class FrameworkHandouts(HandoutExporter):
    name = "framework"
    label = "Framework handout"

    def documents(self, model: Framework) -> list[Document]:
        from exporters import views

        return [Document(model.id, model.title, views.framework_handout(model))]


class InterviewGuides(HandoutExporter):
    name = "interview"
    label = "Interview guide"

    def documents(self, model: Framework) -> list[Document]:
        from exporters import views

        return [
            Document(f"{g.competency.id}-interview-guide", g.competency.name, g)
            for g in views.interview_guides(model)
        ]


class HiringProfiles(HandoutExporter):
    name = "hiring"
    label = "Hiring profile"

    def documents(self, model: Framework) -> list[Document]:
        from exporters import views

        return [
            Document(f"{h.profile.id}-hiring-profile", h.profile.title, h)
            for h in views.hiring_profiles(model)
        ]


# --- the exporters -----------------------------------------------------------------------


class RoleDocx(RoleHandouts, DocxHandout):
    """One Word handout per role."""


class RoleHtml(RoleHandouts, HtmlHandout):
    """One HTML handout per role."""


class FrameworkDocx(FrameworkHandouts, DocxHandout):
    """The whole framework as one Word document, with a table of contents."""


class FrameworkHtml(FrameworkHandouts, HtmlHandout):
    """The whole framework as one HTML page, with a contents list."""


class InterviewDocx(InterviewGuides, DocxHandout):
    """One Word interview guide per competency with interview questions."""


class InterviewHtml(InterviewGuides, HtmlHandout):
    """One HTML interview guide per competency with interview questions."""


class HiringDocx(HiringProfiles, DocxHandout):
    """One Word hiring profile per role profile."""


class HiringHtml(HiringProfiles, HtmlHandout):
    """One HTML hiring profile per role profile."""
