"""HTML handouts and site pages from Jinja2 templates.

Autoescaping is always on and undefined names are errors, so a behavior written as
``<script>`` shows as text and a template typo fails loudly instead of printing nothing.
CSS and JavaScript are part of the templates and inlined into every page: a handout is
one file that works from a USB stick, an e-mail or ``file://`` with no request.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from markupsafe import Markup

from exporters.storable import storable
from exporters.views import Meta


def _storable(value: Any) -> Any:
    """Every value a template prints, without characters HTML forbids (see storable)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return storable(value)
    return value


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("exporters", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_storable,
    )
    env.filters["css_string"] = css_string
    env.filters["heading"] = heading_tag
    return env


def render(template: str, **context: Any) -> bytes:
    """Render ``template`` with ``context`` to UTF-8 bytes."""
    return environment().get_template(template).render(**context).encode("utf-8")


def render_handout(kind: str, view: Any) -> bytes:
    """A handout of ``kind`` (role, framework, interview, hiring) as one HTML file."""
    meta: Meta = view.meta
    return render(f"{kind}.html.j2", view=view, meta=meta)


def css_string(value: str) -> Markup:
    """``value`` as a quoted CSS string that is safe inside ``<style>``.

    Everything but letters, digits, spaces and common punctuation becomes a CSS escape,
    so quotes, backslashes and ``</style>`` cannot end the string or the element.
    """
    out = []
    for ch in value:
        if ch.isascii() and (ch.isalnum() or ch in " .,:;!?()-_/'"):
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    return Markup(f'"{"".join(out)}"')


def heading_tag(level: int) -> str:
    """The tag of a heading ``level`` deep, never deeper than ``h6``."""
    return f"h{min(max(level, 1), 6)}"
