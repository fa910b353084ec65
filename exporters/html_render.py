"""HTML handouts and site pages from Jinja2 templates.

Autoescaping is always on and undefined names are errors, so a behavior written as
``<script>`` shows as text and a template typo fails loudly instead of printing nothing.
CSS and JavaScript are part of the templates and inlined into every page: a handout is
one file that works from a USB stick, an e-mail or ``file://`` with no request.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from exporters.storable import storable
from exporters.views import Meta

#: templates compiled to Python when the package is built (``python -m
#: exporters.precompile``), with the digest of the source each was compiled from
COMPILED = Path(__file__).with_name("templates") / "compiled"
MANIFEST = COMPILED / "manifest.json"


class PrecompiledLoader(jinja2.BaseLoader):
    """The package's templates, from their precompiled modules when those are current.

    Compiling the templates is a tenth of an export's time, in every process. A template
    is loaded from its precompiled module only when the manifest says the module was
    made from exactly this source (SHA-256) by this version of Jinja2; otherwise it is
    compiled from its source, as any template. The modules are part of the package, as
    its own code is; nothing is ever read back from a cache folder.
    """

    def __init__(self) -> None:
        self.source = jinja2.PackageLoader("exporters", "templates")
        self.digests = _current_digests()
        self.modules = jinja2.ModuleLoader(COMPILED) if self.digests else None

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self.source.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return [name for name in self.source.list_templates() if is_template(name)]

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        if self.modules is not None and name in self.digests:
            source, _, _ = self.source.get_source(environment, name)
            if source_digest(source) == self.digests[name]:
                return self.modules.load(environment, name, globals)
        return self.source.load(environment, name, globals)


def is_template(name: str) -> bool:
    """Whether ``name`` (in the templates folder) is a template, not a compiled one."""
    return not name.startswith(f"{COMPILED.name}/")


def source_digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def _current_digests() -> dict[str, str]:
    """The manifest's digests by template name, if Jinja2 is the version it names."""
    try:
        manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict) or manifest.get("jinja2") != jinja2.__version__:
        return {}
    templates = manifest.get("templates")
    if not isinstance(templates, dict):
        return {}
    return {k: v for k, v in templates.items() if isinstance(k, str) and isinstance(v, str)}


def _storable(value: Any) -> Any:
    """Every value a template prints, without characters HTML forbids (see storable)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return storable(value)
    return value


@functools.cache
def environment() -> jinja2.Environment:
    return make_environment(PrecompiledLoader())


def make_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """The environment every page is rendered in (and the templates compiled in)."""
    env = jinja2.Environment(
        loader=loader,
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
