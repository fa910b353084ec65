"""``pdp-lint check`` without click reads and does exactly what the click command does."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from pdp_lint import __version__
from pdp_lint.cli.commands import check as click_check
from pdp_lint.cli.fastcheck import is_version, parse
from pdp_lint.report.text import style
from tests.conftest import AS_FOUND, FRAMEWORKS, ROOT

#: the parameters the fast path gives ``check``, as click names them
_SHARED = ("paths", "config", "select", "ignore", "fmt", "output", "strict", "no_cache", "jobs")


def click_params(argv: list[str]) -> dict[str, object] | None:
    """What click gives ``check`` for ``argv`` (after ``check``), None if it refuses it."""
    try:
        ctx = click_check.make_context("check", list(argv))
    except (click.exceptions.Exit, click.ClickException):
        return None
    return dict(ctx.params)


@pytest.fixture
def tokens(tmp_path: Path) -> list[str]:
    config = tmp_path / "pdp-lint.toml"
    config.write_text("")
    folder = tmp_path / "folder"
    folder.mkdir()
    return [
        *("--strict", "--no-cache", "--color", "--no-color", "--", "-", ""),
        *("-j", "2", "-j2", "-j0", "--jobs=3", "--jobs", "x", "-j=1", "--jobs=-1", "-j", "٣"),
        *("--format", "json", "--format=sarif", "--format=JSON", "--format=bad", "text"),
        *("-o", str(tmp_path / "out.txt"), f"--output={folder}", f"-o{tmp_path / 'o'}"),
        *("--select", "SC01", "--select=spelling", "--ignore=SP01", "--ignore", "-x"),
        *("--config", str(config), f"--config={config}", "--config=missing.toml"),
        *(f"--config={folder}", "-h", "--help", "--fix", "--strict=1", "--no-cache=yes"),
        *("--baseline", "b.json", "--unsafe-fixes", "--stric", "-jj", "-o", "-"),
        *(str(FRAMEWORKS), "missing.yaml", str(AS_FOUND / "sre-pdp.yaml"), "frameworks/"),
    ]


def test_the_fast_path_reads_every_command_line_as_click_does_or_leaves_it_to_click(
    tokens: list[str],
):
    rng = random.Random(7)
    accepted = refused_by_click = 0
    for _ in range(3000):
        argv = [rng.choice(tokens) for _ in range(rng.randint(0, 7))]
        fast = parse(["check", *argv])
        slow = click_params(argv)
        if slow is None:
            refused_by_click += 1
            assert fast is None, argv  # help and errors come from click alone
            continue
        if fast is None:
            continue
        accepted += 1
        assert {k: fast[k] for k in _SHARED} == {k: slow[k] for k in _SHARED}, argv
        assert fast["color"] == slow["color"], argv
        # what the fast path leaves to click is left at click's defaults
        assert not slow["fix"] and not slow["unsafe_fixes"], argv
        assert slow["baseline"] is None and slow["write_baseline"] is None, argv
    assert accepted > 300 and refused_by_click > 300


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["-h"],
        ["fix", "frameworks/"],
        ["check", "--help"],
        ["check", "--fix", "frameworks/"],
        ["check", "--write-baseline", "b.json"],
        ["check", "--select"],
        ["check", "--jobs", "-1"],
        ["check", "--jobs", "+1"],
        ["check", "--format", "JSON"],
        ["check", "--no-such-option"],
        ["check", "--config", "missing.toml"],
    ],
)
def test_help_errors_and_other_commands_are_left_to_click(argv: list[str]):
    assert parse(argv) is None


def test_shell_completion_is_left_to_click(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("_PDP_LINT_COMPLETE", "bash_complete")
    assert parse(["check", "frameworks/"]) is None


def _both(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> list[tuple]:
    """Run ``args`` through the program (fast path) and through the click command line."""
    environ = {**os.environ, **(env or {})}
    through_click = (
        "import sys; from pdp_lint.cli.commands import main; sys.argv[0] = 'pdp-lint'; main()"
    )
    results = []
    for argv in (
        [sys.executable, "-m", "pdp_lint", *args],
        [sys.executable, "-c", through_click, *args],
    ):
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=environ)
        results.append((done.returncode, done.stdout, done.stderr))
    return results


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["check", "--no-cache", str(FRAMEWORKS / "cx-pdp.yaml")], None),
        (["check", "--no-cache", str(AS_FOUND)], None),
        (["check", "--no-cache", "--strict", "-j1", "--format=json", str(AS_FOUND)], None),
        (["check", "--no-cache", "--color", "--select", "SP01", str(AS_FOUND)], None),
        (["check", "--no-cache", str(AS_FOUND)], {"FORCE_COLOR": "1"}),
        (["check", "--no-cache", "--format", "github", str(AS_FOUND)], {"NO_COLOR": "1"}),
        (["check", "--select", "XX99", str(AS_FOUND)], None),
        (["check", "--ignore=nothing-like-this", str(AS_FOUND)], None),
        (["check", "missing.yaml"], None),
        (["check", "--no-cache", "-o", "/proc/no/such/report.txt", str(AS_FOUND)], None),
        (["check", "--no-cache", "--", str(FRAMEWORKS / "cx-pdp.yaml")], None),
    ],
)
def test_the_fast_path_prints_and_exits_as_the_click_command_does(
    args: list[str], env: dict[str, str] | None, tmp_path: Path
):
    fast, slow = _both(args, ROOT, env)
    assert fast == slow


def test_a_bad_configuration_is_told_alike(tmp_path: Path):
    (tmp_path / "pdp-lint.toml").write_text('select = "SP01"\nnot toml at all\n')
    framework = tmp_path / "fw.yaml"
    framework.write_text((FRAMEWORKS / "cx-pdp.yaml").read_text(encoding="utf-8"))
    fast, slow = _both(["check", "--no-cache", str(framework)], tmp_path)
    assert fast == slow and fast[0] == 2 and fast[2].startswith("pdp-lint: ")


def test_a_closed_pipe_ends_the_check_quietly_as_with_click():
    """``pdp-lint check | head -1``: status 1 and nothing on standard error."""
    statuses = []
    for program in (
        [sys.executable, "-m", "pdp_lint"],
        [sys.executable, "-c", "import sys; from pdp_lint.cli.commands import main; main()"],
    ):
        reader, writer = os.pipe()
        os.close(reader)
        done = subprocess.run(
            [*program, "check", "--no-cache", str(AS_FOUND)],
            cwd=ROOT,
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
        )
        os.close(writer)
        statuses.append((done.returncode, done.stderr))
    assert statuses[0] == statuses[1] == (1, "")


@pytest.mark.parametrize("fg", [None, "red", "yellow", "cyan"])
@pytest.mark.parametrize("bold", [None, True, False])
def test_the_text_report_colours_as_click_style_does(fg: str | None, bold: bool | None):
    assert style("SP01", fg=fg, bold=bold) == click.style("SP01", fg=fg, bold=bold)


def test_the_version_is_answered_without_click_as_click_answers_it():
    """``pdp-lint --version`` prints click's version line, and exits as click does,
    without loading click."""
    probe = (
        "import sys\n"
        "sys.argv = ['pdp-lint', *sys.argv[1:]]\n"
        "try:\n"
        "    from {module} import {function}\n"
        "    {function}()\n"
        "except SystemExit as exc:\n"
        "    print(exc.code, 'click' in sys.modules, file=sys.stderr)\n"
    )
    fast, slow = (
        subprocess.run(
            [sys.executable, "-c", probe.format(module=module, function=function), "--version"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        for module, function in (("pdp_lint.__main__", "run"), ("pdp_lint.cli.commands", "main"))
    )
    assert fast.stdout == slow.stdout == f"pdp-lint, version {__version__}\n"
    assert fast.stderr == "0 False\n"
    assert slow.stderr == "0 True\n"
    assert is_version(["--version"]) and not is_version(["--version", "check"])
    assert not is_version(["check", "--version"])


#: imported by Python at start-up (``sitecustomize``): an exit handler that says whether
#: Python's own clean-up ran
_EXIT_HANDLER = "import atexit, sys\natexit.register(lambda: sys.stderr.write('cleaned up\\n'))\n"


def _program(tmp_path: Path, how: str) -> tuple[list[str], dict[str, str]]:
    """The ``pdp-lint`` program (its script, or ``python -m pdp_lint``), with the exit
    handler installed in its process."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(_EXIT_HANDLER)
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(site)}
    if how == "script":
        script = Path(sys.executable).parent / "pdp-lint"
        assert script.is_file(), script
        return [str(script)], env
    return [sys.executable, "-m", "pdp_lint"], env


@pytest.mark.parametrize("how", ["script", "module"])
def test_a_check_ends_at_once_after_its_report_and_loses_nothing(tmp_path: Path, how: str) -> None:
    """The run's objects are not freed one by one at the end (fastcheck.end_now): the
    exit handlers of Python's clean-up never run, and the report, the ``-o`` file, the
    cache and the exit status are whole."""
    report = tmp_path / "report.txt"
    found = tmp_path / "as-found"
    shutil.copytree(AS_FOUND, found)
    program, env = _program(tmp_path, how)
    args = [*program, "check", found.name]
    plain = subprocess.run(
        [*args, "--no-cache"], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert plain.returncode == 1
    assert "cleaned up" not in plain.stderr
    assert plain.stdout.rstrip().splitlines()[-1].startswith("Found ")
    to_file = subprocess.run(
        [*args, "-o", str(report)], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert (to_file.returncode, to_file.stdout, to_file.stderr) == (1, "", "")
    assert report.read_text("utf-8") == plain.stdout
    cached = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, env=env)
    assert (cached.returncode, cached.stdout) == (1, plain.stdout)
    assert any(tmp_path.rglob(".pdp-lint-cache/*"))
    clean = subprocess.run(
        [*args[:-1], str(FRAMEWORKS)], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")


def test_code_that_runs_the_entry_point_itself_gets_the_exit_to_handle(tmp_path: Path) -> None:
    """``run()`` inside another program (``python -c``, a test harness): the SystemExit
    comes back to it, and Python's clean-up runs as usual."""
    _, env = _program(tmp_path, "module")
    caller = (
        "import sys\n"
        "sys.argv = ['pdp-lint', 'check', '--no-cache', sys.argv[1]]\n"
        "from pdp_lint.__main__ import run\n"
        "try:\n"
        "    run()\n"
        "except SystemExit as exc:\n"
        "    print('exit', exc.code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", caller, str(FRAMEWORKS)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "exit 0\n", "cleaned up\n")


def test_a_check_whose_reader_goes_away_ends_quietly_with_status_1(tmp_path: Path) -> None:
    """Standard output closed after its first line (``| head -1``): status 1, nothing
    on standard error, as click's standalone mode ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pdp_lint", "check", "--no-cache", str(AS_FOUND)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    assert process.wait(timeout=120) == 1
    assert process.stderr.read() == b""
