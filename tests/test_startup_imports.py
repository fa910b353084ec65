"""What a one-file ``check`` imports: the pre-commit hook pays for every module on every
commit, so nothing joins its path unnoticed.

Measured with ``python -X importtime``, which reports each import's own time. Times on
a shared machine follow its load, so the bound is on the imports' time relative to a
bare interpreter's in the same test (each module's fastest of several runs, which load
inflates least), with a wide margin; the list of modules is exact.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HOOK = ["check", "--no-cache", "frameworks/cx-pdp.yaml"]

#: modules a check does without, and what brought them in when they were on its path
AVOIDED = {
    "click": "the command line for anything but a plain check",
    "gettext": "click",
    "shutil": "click, the exporters",
    "exporters": "the handouts and the site",
    "docx": "Word handouts",
    "jinja2": "HTML handouts",
    "openpyxl": "spreadsheets",
    "lxml": "python-docx",
    "pygls": "the language server",
    "lsprotocol": "the language server",
    "cattrs": "the language server",
    "pdp_lint.server": "the language server",
    "pdp_lint.changes": "the changes command",
    "pdp_lint.fix.fixer": "fixing",
    "pdp_lint.engine.cache": "the cache (the hook runs with --no-cache)",
    "rapidfuzz": "the near-miss names rule, only when two names could be a slip apart",
    "ruamel": "the fixer's round trip",
    "jsonschema": "check-jsonschema's validator (pdp-lint uses jsonschema-rs)",
    "multiprocessing": "checking in several processes, only for large runs",
    "pickle": "multiprocessing",
    "dataclasses": "records are msgspec Structs",
    "argparse": "command lines of other tools",
    "difflib": "fix --diff",
    "logging": "libraries that log",
    "asyncio": "the language server",
    "concurrent": "the language server",
    "subprocess": "git, the editors",
    "tempfile": "atomic writes (a check writes nothing)",
    "zipfile": "the handouts",
    "xml": "the handouts",
    "json": "the schema is read with msgspec",
    "sqlite3": "nothing",
    "unittest": "nothing",
    "pydoc": "click's help pager",
}
#: the imports' time may be this many times a bare interpreter's own, at most: measured
#: about 13x on a regular install (60 ms above a bare start's 4.6 ms, each module's
#: fastest of 15 runs) and less on an editable one, whose bare start imports pathlib
#: already; the bound catches a heavy library joining, the list above a light one
RATIO_LIMIT = 25
RUNS = 5


def _importtime(args: list[str], env: dict[str, str]) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            own, _, name = line.removeprefix("import time:").split("|")
            modules[name.strip()] = modules.get(name.strip(), 0) + int(own)
    return modules


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], dict[str, int]]:
    """The fastest own import time of each module: of a bare ``python -c pass`` and of
    the one-file check, over interleaved runs with their bytecode cached."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path_factory.mktemp("pycache"))
    hook = ["-m", "pdp_lint", *HOOK]
    _importtime(hook, env)  # compiles and caches the bytecode, as an install has it
    bare: dict[str, int] = {}
    check: dict[str, int] = {}
    for _ in range(RUNS):
        for fastest, args in ((bare, ["-c", "pass"]), (check, hook)):
            for name, own in _importtime(args, env).items():
                fastest[name] = min(fastest.get(name, own), own)
    return bare, check


def test_a_one_file_check_imports_none_of_what_it_does_without(
    measured: tuple[dict[str, int], dict[str, int]],
):
    _, check = measured
    assert "pdp_lint.engine.linter" in check and "jsonschema_rs" in check  # the check did run
    joined = {
        name: why
        for name, why in AVOIDED.items()
        for module in check
        if module == name or module.startswith(f"{name}.")
    }
    assert not joined, f"on the one-file check's path now: {joined}"


def test_a_one_file_check_imports_in_a_bounded_multiple_of_a_bare_start(
    measured: tuple[dict[str, int], dict[str, int]],
):
    bare, check = measured
    own_bare = sum(bare.values())
    above = {name: own for name, own in check.items() if name not in bare}
    ratio = sum(above.values()) / own_bare
    slowest = sorted(above.items(), key=lambda item: -item[1])[:10]
    assert ratio <= RATIO_LIMIT, (ratio, own_bare, slowest)


def test_the_hook_path_does_not_go_through_click():
    """``python -m pdp_lint check FILE`` answers without loading click at all, and says
    the same as the click command line (see tests/test_fastcheck.py)."""
    script = (
        "import sys, runpy\n"
        "sys.argv = ['pdp-lint', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('pdp_lint', run_name='__main__')\n"
        "except SystemExit as exc:\n"
        "    print(exc.code, 'click' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *HOOK],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout == ""
    assert done.stderr.strip() == "0 False"
    assert Path(ROOT / HOOK[-1]).is_file()
