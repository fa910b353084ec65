"""Runs that are killed or interrupted: no traceback, and nothing left to pile up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT
from tests.hardening.helpers import CLEAN, pdp_lint, write

_FRAMEWORKS = ROOT / "frameworks"


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("PDP_LINT_DEBUG", None)
    return env


def _ctrl_c_as_at_a_terminal() -> None:
    """In the child, before it starts: SIGINT as a terminal gives it. A test run started
    in the background of a shell ignores SIGINT, and its children would inherit that;
    Python then installs no handler, which is right for them but not what is tested."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _age(path: Path, seconds: float) -> None:
    """Make ``path`` and everything in it look untouched for ``seconds``."""
    then = time.time() - seconds
    for item in [path, *path.rglob("*")]:
        os.utime(item, (then, then), follow_symlinks=False)


def _kill_site_build_half_way(out: Path) -> Path:
    """Start `site`, SIGKILL it once its build folder exists; return that folder."""
    child = subprocess.Popen(
        [sys.executable, "-m", "pdp_lint", "site", "--out", str(out), str(_FRAMEWORKS)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            builds = list(out.parent.glob(f".{out.name}.*.new"))
            if builds:
                child.send_signal(signal.SIGKILL)
                child.wait()
                return builds[0]
            time.sleep(0.001)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    raise AssertionError("the site was built before its build folder could be seen")


def test_a_site_killed_half_way_leaves_a_build_folder_that_a_later_run_removes(tmp_path: Path):
    out = tmp_path / "site"
    assert pdp_lint("site", "--out", out, _FRAMEWORKS).status == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    left = _kill_site_build_half_way(out)
    assert left.is_dir(), "SIGKILL leaves the build folder (nothing can remove it then)"

    # what must survive the clean-up: a build running right now, a link named like a
    # build folder (and what it points at), another site's build, a user's own folder
    fresh = tmp_path / ".site.abcd1234.new"
    fresh.mkdir()
    precious = tmp_path / "precious"
    (precious / "keep").mkdir(parents=True)
    looks_like = tmp_path / ".site.linklink.new"
    looks_like.symlink_to(precious)
    other = tmp_path / ".other.abcd1234.new"
    other.mkdir()
    mine = tmp_path / ".site.my-notes"
    mine.mkdir()
    for path in (left, other, mine, precious):
        _age(path, 2 * 3600)

    run = pdp_lint("site", "--out", out, _FRAMEWORKS)
    assert run.status == 0, run
    assert not left.exists(), "the stale build folder of this site is removed"
    assert fresh.is_dir() and other.is_dir() and mine.is_dir() and looks_like.is_symlink()
    assert (precious / "keep").is_dir()
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_site_out_may_be_a_link_to_a_site_and_the_link_is_kept(tmp_path: Path):
    framework = write(tmp_path / "fw", CLEAN)
    real, link = tmp_path / "real-site", tmp_path / "site"
    assert pdp_lint("site", "--out", real, framework).status == 0
    link.symlink_to(real)
    (real / "demo" / "demo.html").unlink()
    run = pdp_lint("site", "--out", link, framework)
    assert run.status == 0, run
    assert run.out.startswith("Wrote the site (") and str(link) in run.out
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert (real / "demo" / "demo.html").is_file(), "the site behind the link was rebuilt"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_site_out_link_to_a_folder_that_is_not_a_site_is_still_refused(tmp_path: Path):
    framework = write(tmp_path / "fw", CLEAN)
    other, link = tmp_path / "documents", tmp_path / "site"
    other.mkdir()
    (other / "report.txt").write_text("mine")
    link.symlink_to(other)
    run = pdp_lint("site", "--out", link, framework)
    assert run.status == 2
    assert "is not a site built by `pdp-lint site`" in run.err
    assert (other / "report.txt").read_text() == "mine"


def test_an_interrupt_during_start_up_is_one_line_and_exit_130():
    """SIGINT while Python is still importing pdp-lint's command line.

    ``-X importtime`` reports each import as it completes; the signal is sent as soon as
    the command line's own imports are being loaded, long before the check starts.
    """
    statuses = []
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-X", "importtime", "-m", "pdp_lint", "check", str(_FRAMEWORKS)],
            env=_env(),
            preexec_fn=_ctrl_c_as_at_a_terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stderr is not None
        lines = []
        for line in child.stderr:
            lines.append(line)
            # imported at the top of the command line, before any argument is read
            if line.split("|")[-1].strip() == "msgspec":
                child.send_signal(signal.SIGINT)
                break
        out, rest = child.communicate(timeout=60)
        said = [
            line
            for line in [*lines, *rest.splitlines(keepends=True)]
            if not line.startswith("import time:")
        ]
        assert "Traceback" not in "".join(said), "".join(said)
        statuses.append(child.returncode)
        if child.returncode == 130:
            assert said == ["pdp-lint: interrupted\n"] and out == ""
    assert 130 in statuses, statuses


def test_an_interrupt_during_the_run_is_the_same_one_line_and_exit_130():
    """SIGINT once the command runs (the rules load lazily, after the command line
    is parsed): the same line as at start-up, not click's "Aborted!" and exit 1."""
    statuses = []
    for _ in range(3):
        child = subprocess.Popen(
            [
                *(sys.executable, "-X", "importtime", "-m", "pdp_lint"),
                *("check", "--no-cache", str(_FRAMEWORKS)),
            ],
            env=_env(),
            preexec_fn=_ctrl_c_as_at_a_terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stderr is not None
        lines = []
        for line in child.stderr:
            lines.append(line)
            if line.split("|")[-1].strip() == "pdp_lint.engine.linter":
                child.send_signal(signal.SIGINT)
                break
        out, rest = child.communicate(timeout=60)
        said = [
            line
            for line in [*lines, *rest.splitlines(keepends=True)]
            if not line.startswith("import time:")
        ]
        assert "Traceback" not in "".join(said) and "Aborted" not in "".join(said), said
        statuses.append(child.returncode)
        if child.returncode == 130:
            assert said == ["pdp-lint: interrupted\n"] and out == ""
    assert 130 in statuses, statuses


_INTERRUPT_IN_A_CALLBACK = """
import sys, time, weakref
sys.argv = ["pdp-lint", "--version"]
import pdp_lint.__main__ as entry
import pdp_lint.cli.fastcheck as fastcheck


class Held:
    pass


def interrupted_in_a_callback() -> None:
    # what a Ctrl-C does when it lands in the import system's module-lock callback:
    # raised inside a weak reference's callback, where Python cannot pass it on
    held = Held()
    kept = weakref.ref(held, lambda _ref: fastcheck._interrupted(2, None))
    del held
    time.sleep(0.5)  # the code that runs next, where the interrupt belongs
    print("not interrupted", kept)


fastcheck.run_version = interrupted_in_a_callback
entry.run()
"""


def test_an_interrupt_raised_inside_a_python_callback_is_delivered_not_printed():
    """A SIGINT handled while Python runs one of its own callbacks (the module locks'
    weak reference callbacks, during start-up) raised where Python cannot propagate it:
    it printed "Exception ignored ... Traceback" and the interrupt was lost. It is
    raised again in the code that runs next: one line, exit status 130."""
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_IN_A_CALLBACK],
        env=_env(),
        preexec_fn=_ctrl_c_as_at_a_terminal,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr, done.stdout) == (130, "pdp-lint: interrupted\n", "")
