"""How the test suite itself runs: on every core, each expensive fixture built once."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT, work_unit


def test_the_test_command_runs_on_every_core():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    addopts = project["tool"]["pytest"]["ini_options"]["addopts"].split()
    assert addopts[addopts.index("-n") + 1] == "auto"
    assert any(
        d.startswith("pytest-xdist") for d in project["project"]["optional-dependencies"]["test"]
    )


def test_the_tests_of_an_expensive_fixture_share_a_worker():
    # the browser tests share one Chromium and one site, set up in their conftest.py
    assert work_unit("tests/browser/test_printing.py::test_pages_print_on_a4[x]") == (
        "tests/browser"
    )
    assert work_unit("tests/browser/test_site_in_browser.py::test_keyboard") == "tests/browser"
    # a module with a module-scoped fixture (the pre-commit environment) stays together
    assert work_unit("tests/hooks/test_precommit.py::test_clean_commit_passes") == (
        "tests/hooks/test_precommit.py"
    )
    # any other test is a unit of its own, so the workers stay balanced
    assert work_unit("tests/test_cli.py::test_version_and_help") == (
        "tests/test_cli.py::test_version_and_help"
    )
    assert work_unit("tests/hooks/test_ci_files.py::test_x[a::b]") == (
        "tests/hooks/test_ci_files.py::test_x[a::b]"
    )
