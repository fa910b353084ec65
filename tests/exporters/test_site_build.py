"""The HR site: complete, linked, relative, and replaced only when a new one is ready."""

from __future__ import annotations

import functools
from html.parser import HTMLParser
from pathlib import Path

import pytest

from exporters.errors import ExportError
from exporters.site import MARKER, publish, site_jobs
from tests.exporters.handout_helpers import (
    CANONICAL,
    EPOCH,
    framework_texts,
    html_text,
    load,
    missing,
)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.attrs.append((tag, found))
        for key in ("href", "src"):
            value = found.get(key)
            if value:
                self.links.append(value)


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(canonical_site: Path) -> Path:
    """The HR site of the canonical frameworks (built once, shared with the browser tests)."""
    return canonical_site


def _build(out: Path) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        publish(site_jobs(frameworks(), {}), out)
    return out


@functools.cache
def _frameworks() -> tuple:
    return tuple(load(p) for p in CANONICAL)


def frameworks() -> list:
    return list(_frameworks())


def test_the_index_lists_every_framework_and_every_handout_in_both_formats(built: Path):
    index = parse(built / "index.html")
    text = html_text((built / "index.html").read_bytes())
    files = {
        p.relative_to(built).as_posix()
        for p in built.rglob("*")
        if p.is_file() and p.name not in ("index.html", MARKER)
    }
    linked = {link for link in index.links if not link.startswith("#")}
    assert files <= linked, sorted(files - linked)
    for fw in frameworks():
        assert fw.title in text
        assert f"{fw.id}/index.html" in linked
    assert len([f for f in files if f.endswith(".docx")]) == len(
        [f for f in files if f.endswith(".html")]
    )


def test_every_link_of_every_page_is_relative_and_leads_to_a_file(built: Path):
    for page in built.rglob("*.html"):
        for link in parse(page).links:
            assert "://" not in link and not link.startswith("//"), (page, link)
            target = link.split("#")[0]
            if target:
                assert (page.parent / target).resolve().is_file(), (page, link)


@pytest.mark.parametrize("path", CANONICAL, ids=lambda p: p.stem)
def test_a_framework_page_shows_everything_without_javascript(built: Path, path: Path):
    fw = load(path)
    page = built / fw.id / "index.html"
    text = html_text(page.read_bytes())
    lost = missing(framework_texts(fw), text)
    assert not lost, lost[:3]
    parsed = parse(page)
    hidden = [(t, a) for t, a in parsed.attrs if "hidden" in a]
    assert not hidden, "content is hidden before any script runs"
    if fw.tracks:
        form = next(a for t, a in parsed.attrs if t == "form")
        assert "js-only" in (form.get("class") or "")
        radios = [a for t, a in parsed.attrs if t == "input" and a.get("type") == "radio"]
        assert {a["name"] for a in radios} == {"role", "competency"}
        assert any(a["value"] == "track:ic" for a in radios)
        assert any(a["value"] == "" for a in radios if a["name"] == "competency")


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path: Path):
    out = _build(tmp_path / "site")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    jobs = site_jobs(frameworks(), {})

    def explode() -> bytes:
        raise RuntimeError("disk full")

    jobs[len(jobs) // 2] = type(jobs[0])(jobs[0].path, explode, "a handout")
    with pytest.raises(RuntimeError, match="disk full"):
        publish(jobs, out)
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "temporary folders left"


def test_a_rebuild_replaces_the_site_as_a_whole(tmp_path: Path):
    out = _build(tmp_path / "site")
    (out / "stale.html").write_text("left from an old build")
    _build(out)
    assert not (out / "stale.html").exists()
    assert (out / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path: Path):
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.docx").write_text("years of work")
    with pytest.raises(ExportError, match="not a site built by `pdp-lint site`") as caught:
        publish(site_jobs(frameworks(), {}), precious)
    assert caught.value.status == 2
    assert (precious / "thesis.docx").read_text() == "years of work"


def test_an_empty_folder_becomes_a_site(tmp_path: Path):
    (tmp_path / "site").mkdir()
    out = _build(tmp_path / "site")
    assert (out / "index.html").is_file()


def test_every_date_on_the_index_is_in_one_format_the_frameworks_locale(built: Path):
    """The header said "Updated 14 November 2023" and the cards "November 14, 2023": the
    index writes every date as most frameworks do (four of five are en-US)."""
    import re

    page = (built / "index.html").read_text(encoding="utf-8")
    dates = re.findall(r"<time datetime=\"[0-9-]+\">([^<]+)</time>", page)
    assert len(dates) == 1 + len(CANONICAL)
    assert set(dates) == {"November 14, 2023"}, dates
    assert '<html lang="en-US">' in page
    # a framework's own page keeps its own locale
    gb = (built / "cx-pdp" / "index.html").read_text(encoding="utf-8")
    assert "14 November 2023" in gb
