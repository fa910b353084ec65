"""A real headless Chromium for the site tests: Debian's, driven by Playwright.

Playwright's own browser download is not used: the tests drive /usr/bin/chromium, which
scripts/ensure-chromium installs when it is missing (as root, with apt-get), saying on
the terminal what it installs. When no Chromium can be had, every browser test fails
with that one reason; none is skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ensure import ensure_program

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = ROOT / "frameworks"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EPOCH = "1700000000"


@pytest.fixture(scope="session")
def chromium(pytestconfig: pytest.Config) -> Path:
    """The Chromium executable, installed by scripts/ensure-chromium when missing."""
    return ensure_program(pytestconfig, "ensure-chromium", CHROMIUM, "CHROMIUM")


@pytest.fixture(scope="package")
def browser(chromium: Path) -> Iterator[Any]:
    """Chromium under Playwright, for the browser tests only.

    Package scope: Playwright's sync API keeps an asyncio event loop running while it is
    open, and the language server tests (pytest-asyncio) cannot start theirs beside it.
    The browser tests run together (tests/conftest.py's work units), so it is started once.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need Playwright: pip install -e '.[test]'", pytrace=False)
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(chromium), args=ARGS)
        yield launched
        launched.close()


VIEWPORT = {"width": 1100, "height": 900}


def file_only_page(browser: Any, **options: Any) -> tuple[Any, Any]:
    """A new context and its page that may load nothing but files: any other request is
    refused."""
    context = browser.new_context(**options)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:", "about:"))
            else route.abort()
        ),
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture(scope="package")
def shared_page(browser: Any) -> Iterator[Any]:
    """One page for the package's tests, each of which leaves it blank (see ``page``).

    A new page costs Chromium a renderer process: about 0.2 s of processor time, where
    loading the next address in the same page costs a tenth of that.
    """
    context, page = file_only_page(browser, viewport=VIEWPORT)
    yield page
    context.close()


@pytest.fixture
def page(shared_page: Any) -> Iterator[Any]:
    """A blank page 1100 pixels wide, on the screen's media, that may load nothing but
    files.

    The page is shared: the next test gets it back blank (``about:blank``, which also
    ends the last document's scripts), at this size and on the screen's media. Its
    history and the listeners a test adds are not reset: a test that listens to the
    page's events (``page.on``) or goes back past its own first address takes
    ``fresh_page``.
    """
    yield shared_page
    shared_page.goto("about:blank")
    shared_page.set_viewport_size(VIEWPORT)
    shared_page.emulate_media(media="null")


@pytest.fixture
def fresh_page(browser: Any) -> Iterator[Any]:
    """A page of its own, in a context of its own, that may load nothing but files."""
    context, page = file_only_page(browser, viewport=VIEWPORT)
    yield page
    context.close()


@pytest.fixture(scope="session")
def site_dir(canonical_site: Path) -> Path:
    """The HR site of the canonical frameworks (shared with the site tests)."""
    return canonical_site
