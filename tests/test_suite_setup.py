"""How the test suite itself runs: on every core, each expensive fixture built once."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

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


def test_the_longest_units_of_the_last_run_start_first():
    from tests.conftest import UNTIMED, longest_first

    units = {
        "tests/test_a.py::quick": {"tests/test_a.py::quick": False},
        "tests/hooks/test_precommit.py": {
            "tests/hooks/test_precommit.py::first": False,
            "tests/hooks/test_precommit.py::second": False,
        },
        "tests/test_b.py::new": {"tests/test_b.py::new": False},
        "tests/test_c.py::slow": {"tests/test_c.py::slow": False},
    }
    durations = {
        "tests/test_a.py::quick": 0.01,
        "tests/hooks/test_precommit.py::first": 9.0,
        "tests/hooks/test_precommit.py::second": 2.0,
        "tests/test_c.py::slow": 14.0,
    }
    order = [name for name, _ in longest_first(units, durations)]
    assert order == [
        "tests/test_c.py::slow",
        "tests/hooks/test_precommit.py",
        "tests/test_b.py::new",  # never timed: UNTIMED
        "tests/test_a.py::quick",
    ]
    # without a last run (a fresh checkout), the largest units first, as xdist's own
    order = [name for name, _ in longest_first(units, {})]
    assert order[0] == "tests/hooks/test_precommit.py" and UNTIMED > 0


def test_the_main_process_keeps_each_tests_duration_for_the_next_run():
    from types import SimpleNamespace

    from tests.conftest import DURATIONS_KEY, Durations, cached_durations

    class Cache(dict):  # type: ignore[type-arg]
        def set(self, key: str, value: object) -> None:
            self[key] = value

    cache = Cache({DURATIONS_KEY: {"tests/test_a.py::old": 1.0, "tests/test_b.py::x": 9.0}})
    durations = Durations()
    for phase_seconds in (0.5, 2.0, 0.25):  # setup, call, teardown
        durations.add(SimpleNamespace(nodeid="tests/test_b.py::x", duration=phase_seconds))  # type: ignore[arg-type]
    # a worker leaves the keeping to the main process
    durations.keep(SimpleNamespace(cache=cache, workerinput={}))  # type: ignore[arg-type]
    assert cache[DURATIONS_KEY]["tests/test_b.py::x"] == 9.0
    durations.keep(SimpleNamespace(cache=cache))  # type: ignore[arg-type]
    assert cache[DURATIONS_KEY] == {"tests/test_a.py::old": 1.0, "tests/test_b.py::x": 2.75}
    assert cached_durations(SimpleNamespace(cache=cache)) == cache[DURATIONS_KEY]  # type: ignore[arg-type]
    # without pytest's cache (-p no:cacheprovider) nothing is kept, and nothing breaks
    durations.keep(SimpleNamespace())  # type: ignore[arg-type]
    assert cached_durations(SimpleNamespace()) == {}  # type: ignore[arg-type]


def test_a_run_without_pytests_cache_orders_by_the_known_durations(tmp_path: Path):
    from types import SimpleNamespace

    from tests.conftest import DURATIONS_KEY, known_durations, last_durations, work_unit
    from tests.durations import main

    # a fresh clone has no cache: the committed file gives the order
    fresh = last_durations(SimpleNamespace())  # type: ignore[arg-type]
    assert fresh == known_durations() and len(fresh) > 100
    slowest = max(fresh, key=fresh.__getitem__)
    assert (ROOT / slowest.split("::")[0]).is_file(), "a known test that no longer exists"
    units: dict[str, float] = {}
    for nodeid, seconds in fresh.items():
        units[work_unit(nodeid)] = units.get(work_unit(nodeid), 0.0) + seconds
    # the long units (pre-commit's environment, the benchmarks, the browser) are known
    assert sorted(units.values())[-3] > 10, units
    # the last run's durations win over the known ones
    cache = {DURATIONS_KEY: {slowest: 0.01}}
    config = SimpleNamespace(
        cache=SimpleNamespace(get=lambda key, default: cache.get(key, default))
    )
    assert last_durations(config)[slowest] == 0.01  # type: ignore[arg-type]
    # the file is written from pytest's cache folder, slow tests only
    kept = tmp_path / "cache" / "v" / DURATIONS_KEY
    kept.parent.mkdir(parents=True)
    kept.write_text('{"tests/a.py::slow": 2.345, "tests/a.py::quick": 0.01}', encoding="utf-8")
    out = tmp_path / "durations.json"
    assert main(["--cache", str(tmp_path / "cache"), "--output", str(out)]) == 0
    assert known_durations(out) == {"tests/a.py::slow": 2.3}
    assert main(["--cache", str(tmp_path / "none"), "--output", str(out)]) == 2
    assert known_durations(tmp_path / "none.json") == {}


def test_the_known_durations_are_a_fresh_clones():
    """CI runs a fresh clone, where ``mypy`` has no cache and pre-commit builds the hook's
    environment: taken from a warm checkout's run, the file would call those tests short
    and the scheduler would start them last, where they hold up the end of the run."""
    from tests.conftest import known_durations, work_unit

    known = known_durations()
    assert known.get("tests/test_code_quality.py::test_mypy_strict_passes", 0.0) >= 3.0
    hooks = sum(s for n, s in known.items() if work_unit(n) == "tests/hooks/test_precommit.py")
    assert hooks >= 15.0, hooks


def test_both_quick_start_commands_install_with_a_current_pip_and_without_compiling():
    # a current pip resolves the test dependencies in half the time of Python 3.11's; and
    # compiling every module of every dependency up front (pip's default) cost about 6 s
    # of the test command, most of it for modules no test imports. `venv --upgrade-deps`
    # would compile the new pip and setuptools (1.5-2 s more than upgrading pip alone)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("## ", 1)[0]
    commands = [block.split("```", 1)[0].strip() for block in quick.split("```sh\n")[1:]]
    assert len(commands) == 2
    for command in commands:
        steps = command.split(" && ")
        assert steps[0] == "python3 -m venv .venv"
        assert steps[1] == ".venv/bin/python -m pip install --no-compile -U pip"
        assert steps[2].startswith(".venv/bin/pip install --no-compile -e ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


@pytest.mark.parametrize("cores", [1, 2])
def test_the_runs_bytecode_is_made_once_for_every_module_and_test_module(
    tmp_path: Path, pytestconfig: pytest.Config, monkeypatch: pytest.MonkeyPatch, cores: int
):
    # what the main process makes before the workers start (tests/bytecode.py): the
    # packages' bytecode, and the test modules rewritten as pytest rewrites them, in one
    # process or split over two
    from _pytest.assertion import rewrite

    from tests import bytecode

    monkeypatch.setattr(bytecode.os, "sched_getaffinity", lambda _pid: set(range(cores)))
    monkeypatch.setattr(bytecode, "PACKAGES", ("pkg", "tests"))
    modules = [tmp_path / "pkg" / f"m{i}.py" for i in range(6)]
    tests = [tmp_path / "tests" / "conftest.py"] + [
        tmp_path / "tests" / "deep" / f"test_t{i}.py" for i in range(5)
    ]
    for path in [*modules, *tests]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"X = {path.stem!r}\n\n\ndef test_x():\n    assert X == 'y'\n" * 20)
    helper = tmp_path / "tests" / "helper.py"  # imported by tests: not rewritten
    helper.write_text("Y = 1\n")
    bytecode.compile_once(pytestconfig, tmp_path)
    for path in [*modules, *tests, helper]:
        assert Path(importlib.util.cache_from_source(str(path))).is_file(), path
    state = pytestconfig.stash[rewrite.assertstate_key]
    for path in tests:
        pyc = rewrite.get_cache_dir(path) / (path.name[:-3] + rewrite.PYC_TAIL)
        code = rewrite._read_pyc(path, pyc, state.trace)
        assert code is not None, path
        names: dict[str, object] = {}
        exec(code, names)  # the rewritten assertion explains itself
        with pytest.raises(AssertionError, match=r"assert .* == 'y'"):
            names["test_x"]()  # type: ignore[operator]
    assert not (tmp_path / "tests" / "__pycache__" / ("helper" + rewrite.PYC_TAIL)).exists()
    # made again, nothing is left to do
    assert not list(bytecode._package_jobs(tmp_path))
    again = bytecode._rewrite_jobs(pytestconfig, tmp_path)
    assert again is not None and again[0] == []
