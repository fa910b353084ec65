"""The programs the benchmarks run, and what the installed pdp-lint can do."""

from __future__ import annotations

import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: The tools pdp-lint is compared with; they come with the test extras.
ALTERNATIVES = ("check-jsonschema", "yamllint", "codespell")
#: yamllint's relaxed preset without the line-length rule: framework prose is written one
#: sentence a line, so the preset would print a warning for most lines.
YAMLLINT_CONFIG = "{extends: relaxed, rules: {line-length: disable}}"
INSTALL_HINT = "install the test extras: pip install -e '.[test]'"


class MissingTool(Exception):
    """A program the benchmarks need is not installed; the message is one line."""


def find_tool(name: str) -> str | None:
    """The program ``name``: beside the running Python first (its virtualenv), then PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


@dataclass(frozen=True, slots=True)
class Site:
    """How to call ``pdp-lint site``: the output option, whether it takes the paths, and
    whether it has ``--force`` (publish even with lint errors)."""

    out_option: str
    takes_paths: bool
    force: bool


@dataclass(frozen=True, slots=True)
class Tools:
    pdp_lint: str
    check_jsonschema: str
    yamllint: str
    codespell: str
    pre_commit: str | None
    git: str | None
    #: GNU time, for the peak resident memory of a run.
    gnu_time: str | None
    #: ``pdp-lint check`` has a cache (it offers ``--no-cache``).
    has_cache: bool
    site: Site | None

    def alternative(self, name: str) -> str:
        return {
            "check-jsonschema": self.check_jsonschema,
            "yamllint": self.yamllint,
            "codespell": self.codespell,
        }[name]


def _help(argv: list[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return done.stdout if done.returncode == 0 else ""


def detect_site(pdp_lint: str) -> Site | None:
    """The ``site`` command of pdp-lint, if this version has one."""
    if not re.search(r"^\s+site\b", _help([pdp_lint, "--help"]), re.MULTILINE):
        return None
    text = _help([pdp_lint, "site", "--help"])
    usage = next((line for line in text.splitlines() if line.startswith("Usage:")), "")
    takes_paths = bool(re.search(r"\[OPTIONS\]\s+\[?[A-Z]", usage))
    option = next((o for o in ("--out", "--output", "-o") if re.search(rf"{o}\b", text)), "--out")
    return Site(option, takes_paths, bool(re.search(r"--force\b", text)))


def gnu_time() -> str | None:
    """``/usr/bin/time`` when it is GNU time (it has ``-v``)."""
    path = "/usr/bin/time"
    if not os.access(path, os.X_OK):
        return None
    done = subprocess.run([path, "-v", "true"], capture_output=True, text=True, check=False)
    return path if "Maximum resident set size" in done.stderr else None


def find_tools(pdp_lint: str | None = None) -> Tools:
    """Every program the benchmarks use; raises MissingTool naming the first one missing.

    ``pdp_lint`` names the pdp-lint program to time instead of the one found.
    """
    found: dict[str, str] = {}
    if pdp_lint is not None:
        if not (Path(pdp_lint).is_file() and os.access(pdp_lint, os.X_OK)):
            raise MissingTool(f"--pdp-lint {pdp_lint}: not an executable file")
        found["pdp-lint"] = str(Path(pdp_lint).absolute())
    for name in ("pdp-lint", *ALTERNATIVES):
        if name in found:
            continue
        path = find_tool(name)
        if path is None:
            hint = "pip install -e ." if name == "pdp-lint" else INSTALL_HINT
            raise MissingTool(f"{name} is not installed; {hint}")
        found[name] = path
    pdp_lint = found["pdp-lint"]
    return Tools(
        pdp_lint=pdp_lint,
        check_jsonschema=found["check-jsonschema"],
        yamllint=found["yamllint"],
        codespell=found["codespell"],
        pre_commit=find_tool("pre-commit"),
        git=shutil.which("git"),
        gnu_time=gnu_time(),
        has_cache="--no-cache" in _help([pdp_lint, "check", "--help"]),
        site=detect_site(pdp_lint),
    )


def version(program: str) -> str:
    """The first line ``program --version`` prints, without the program's name."""
    done = subprocess.run([program, "--version"], capture_output=True, text=True, check=False)
    line = (done.stdout or done.stderr).strip().splitlines()
    text = line[0] if line else "unknown"
    match = re.search(r"\d+(\.\d+)+\S*", text)
    return match.group() if match else text


def installed_version(name: str, program: str) -> str | None:
    """The version of the distribution ``name`` installed with the running Python, when
    ``program`` is its console script beside this Python (what ``--version`` prints,
    without starting it); None otherwise."""
    if Path(program).parent != Path(sys.executable).parent:
        return None
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None
