"""The HTML handouts: escaped, self-contained, printable."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from exporters.handouts import FrameworkHtml, RoleDocx, RoleHtml
from exporters.html_render import css_string
from tests.exporters.handout_helpers import (
    CANONICAL,
    EPOCH,
    docx_text,
    every_handout,
    html_text,
    load_yaml,
    rendered,
)

HOSTILE = """\
id: demo
title: Demo "PDP" </style><script>alert(2)</script>
owner:
  team: Demo Team
locale: en-US
version: "1.0"
status: draft
competencies:
  - id: knowledge
    name: Knowledge
tracks:
  - id: professional
    name: Professional Path
    status: available
    roles:
      - id: expert
        title: Expert
        summary: Knows <b>things</b> & more.
        competencies:
          - competency: knowledge
            behaviors:
              - id: learns
                text: <script>alert(1)</script>
"""


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return load_yaml(HOSTILE)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(data: bytes) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(data.decode("utf-8"))
    return parser.tags


def test_a_behavior_with_a_script_tag_shows_as_text(hostile):
    page = RoleHtml().outputs(hostile)[0].render()
    assert b"<script>alert(1)</script>" not in page
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" in html_text(page)
    assert "Knows <b>things</b> & more." in html_text(page)
    assert not [t for t, _ in tags(page) if t in ("script", "b")]


def test_a_title_cannot_break_out_of_the_style_element(hostile):
    page = RoleHtml().outputs(hostile)[0].render()
    assert page.count(b"</style>") == 1
    style = page.split(b"<style>")[1].split(b"</style>")[0]
    assert b"<" not in style and b'"PDP"' not in style
    assert not [t for t, _ in tags(page) if t == "script"]


def test_the_word_handout_keeps_markup_as_text(hostile):
    assert "<script>alert(1)</script>" in docx_text(RoleDocx().outputs(hostile)[0].render())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("CX PDP · Version 1.0", '"CX PDP \\0000b7 Version 1.0"'),
        ('a "quote" \\ </style>', '"a \\000022quote\\000022 \\00005c \\00003c/style\\00003e"'),
    ],
)
def test_css_strings_escape_everything_that_could_end_them(value: str, expected: str):
    assert str(css_string(value)) == expected


@pytest.mark.parametrize(
    ("name", "path", "key", "stem"),
    [pytest.param(*case, id=case[0]) for case in every_handout("html")],
)
def test_every_html_handout_is_one_self_contained_file(
    name: str, path: Path, key: tuple[str, str], stem: str
):
    data = rendered(path)[key][stem]
    found = tags(data)
    for tag, attrs in found:
        assert tag not in ("link", "img", "iframe", "object", "embed"), (tag, attrs)
        if tag == "script":
            assert "src" not in attrs
        for key in ("href", "src"):
            value = attrs.get(key)
            if value is not None:
                assert value.startswith("#"), f"{name} links outside itself: {value}"
    text = data.decode("utf-8")
    assert "@import" not in text and "url(" not in text
    assert re.search(r"@page\s*\{\s*size:\s*A4", text)
    assert 'counter(page) " of " counter(pages)' in text
    html = found[0]
    assert html[0] == "html" and html[1]["lang"] in ("en-US", "en-GB")
    headings = [int(t[1]) for t, _ in found if re.fullmatch(r"h[1-6]", t)]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings)), "a heading level is skipped"


def test_the_framework_handout_has_a_contents_list_that_points_at_its_parts(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    path = next(p for p in CANONICAL if p.stem == "cx-pdp")
    data = rendered(path)[("framework", "html")]["cx-pdp"]
    found = tags(data)
    ids = {a["id"] for _, a in found if a.get("id")}
    nav_links = [a["href"] for t, a in found if t == "a" and (a.get("href") or "").startswith("#")]
    assert "#role-customer-experience-advocate" in nav_links
    assert "#track-ic" in nav_links
    for href in nav_links:
        assert href[1:] in ids, href
    assert FrameworkHtml.suffix == ".html"
