"""The HTML templates are precompiled into the package, and used only when current."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from exporters import html_render, precompile
from exporters.handouts import FrameworkHtml, RoleHtml
from tests.exporters.handout_helpers import EPOCH, ROOT, load

KE = ROOT / "frameworks" / "cx-knowledge-experts.yaml"


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the templates compiled from source while the test runs."""
    names: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *a, **k):  # type: ignore[no-untyped-def]
        names.append(str(name))
        return real(self, source, name, *a, **k)

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    html_render.environment.cache_clear()
    yield names
    html_render.environment.cache_clear()


def _render_all() -> list[bytes]:
    fw = load(KE)
    return [o.render() for cls in (RoleHtml, FrameworkHtml) for o in cls().outputs(fw)]


def test_the_shipped_modules_are_what_the_templates_compile_to() -> None:
    shipped = {
        p.name: p.read_text(encoding="utf-8")
        for p in html_render.COMPILED.iterdir()
        if p.is_file() and p.suffix in (".py", ".json")  # not Python's __pycache__
    }
    assert shipped == precompile.compiled(), "run python -m exporters.precompile"


def test_handouts_are_rendered_without_compiling_a_template(compiles: list[str]) -> None:
    pages = _render_all()
    assert len(pages) > 2
    assert compiles == []


def test_a_template_whose_source_changed_is_compiled_from_its_source(
    compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _render_all()
    html_render.environment.cache_clear()
    digests = dict(html_render._current_digests())
    digests["role.html.j2"] = "0" * 64  # as if the source had been edited since
    monkeypatch.setattr(html_render, "_current_digests", lambda: digests)
    assert _render_all() == expected
    assert compiles == ["role.html.j2"]


def test_modules_of_another_jinja_version_are_not_used(
    compiles: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    manifest = json.loads(html_render.MANIFEST.read_text(encoding="utf-8"))
    manifest["jinja2"] = "0.0"
    other = tmp_path / "manifest.json"
    other.write_text(json.dumps(manifest), encoding="utf-8")
    monkeypatch.setattr(html_render, "MANIFEST", other)
    _render_all()
    assert "role.html.j2" in compiles and "_base.html.j2" in compiles
