"""What the HR team prints: A4 pages, nothing cut at the sides."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

#: the width of the printable area of A4 with the handouts' 18 mm side margins, in CSS px
A4_TEXT_WIDTH_PX = round((210 - 2 * 18) / 25.4 * 96)


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page of a PDF written by Chromium."""
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert len(boxes) >= len(pages)
    return [(float(w), float(h)) for w, h in boxes[: len(pages)]]


def print_pdf(
    page: Any, site_dir: Path, relative: str, tmp_path: Path
) -> list[tuple[float, float]]:
    page.goto((site_dir / relative).as_uri())
    target = tmp_path / (relative.replace("/", "--") + ".pdf")
    pdf = page.pdf(path=str(target), format="A4", prefer_css_page_size=True, print_background=True)
    return pdf_pages(pdf)


@pytest.mark.parametrize(
    ("relative", "at_least"),
    [
        ("cx-pdp/index.html", 1),
        ("cx-knowledge-experts/cx-knowledge-experts.html", 4),
        ("cx-knowledge-experts/senior-knowledge-expert.html", 2),
        ("customer-experience-management/customer-experience-management-interview-guide.html", 5),
    ],
)
def test_pages_print_on_a4(page, site_dir, tmp_path, relative, at_least):
    pages = print_pdf(page, site_dir, relative, tmp_path)
    assert len(pages) >= at_least
    for width, height in pages:
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)


@pytest.mark.parametrize(
    "relative",
    [
        "index.html",
        "cx-knowledge-experts/index.html",
        "cx-pdp/cx-pdp.html",
        "cx-team-roles/cx-associate-hiring-profile.html",
        "customer-experience-management/customer-experience-management-interview-guide.html",
    ],
)
def test_nothing_is_wider_than_the_printed_page(page, site_dir, relative):
    page.set_viewport_size({"width": A4_TEXT_WIDTH_PX, "height": 1000})
    page.emulate_media(media="print")
    page.goto((site_dir / relative).as_uri())
    overflow = page.evaluate(
        """(limit) => [...document.querySelectorAll("body *")]
            .filter(el => el.getBoundingClientRect().right > limit + 1)
            .map(el => el.tagName + "." + el.className)""",
        A4_TEXT_WIDTH_PX,
    )
    assert overflow == []
