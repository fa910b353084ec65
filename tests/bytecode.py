"""Bytecode for the whole run, made once by the main process before any worker starts.

Every process of a run (the main one, each xdist worker, every child ``python -m
pdp_lint``) compiles the modules it imports whose bytecode is not cached, and where
``PYTHONDONTWRITEBYTECODE`` is set (this suite's machines set it) none of them keeps
what it compiled. Three kinds of modules were compiled again and again:

- pdp-lint's own packages, by hundreds of child processes;
- the modules pytest and its plugins import before any ``conftest.py`` can let Python
  write bytecode (pytest, xdist, pytest-lsp with ``lsprotocol.types``, a 470 KB
  module): by every worker, on every run;
- the test modules, which pytest rewrites for its assertion messages: by every worker,
  on a fresh checkout (three workers rewriting the same hundred modules side by side).

:func:`compile_once` makes all three, split over two processes when two cores are
free, before the workers start; what is already up to date costs a ``stat``. It also
lets the processes started later (workers, children) write the bytecode of whatever
else they import, so that the next process finds it.
"""

from __future__ import annotations

import compileall
import contextlib
import fnmatch
import importlib.util
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

#: one unit of work: compile, or rewrite, one source file
Job = Callable[[Path], None]

#: the packages compiled whole: what child processes import
PACKAGES = ("pdp_lint", "exporters", "benchmarks", "tests")


def _stale(source: Path, cached: Path) -> bool:
    try:
        return cached.stat().st_mtime < source.stat().st_mtime
    except OSError:
        return True


def _package_jobs(root: Path) -> Iterable[tuple[int, Path]]:
    for package in PACKAGES:
        for source in (root / package).rglob("*.py"):
            if _stale(source, Path(importlib.util.cache_from_source(str(source)))):
                yield source.stat().st_size, source


def _loaded_jobs() -> Iterable[tuple[int, Path]]:
    """The modules this process has imported whose bytecode is not cached."""
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None)
        cached = getattr(spec, "cached", None)
        if not (origin and cached and origin.endswith(".py")):
            continue
        if getattr(spec.loader, "path", None) != origin:
            continue  # not the plain file loader (pytest's rewriting hook, a zip)
        source = Path(origin)
        if source.is_file() and _stale(source, Path(cached)):
            yield source.stat().st_size, source


def _rewrite_jobs(config: pytest.Config, root: Path) -> tuple[list[tuple[int, Path]], Job] | None:
    """The test modules whose rewritten bytecode is missing, and how to write one; None
    if this pytest's assertion rewriting is not what this code knows (the workers then
    rewrite them as before)."""
    try:
        from _pytest.assertion import rewrite

        state = config.stash[rewrite.assertstate_key]
        tail = rewrite.PYC_TAIL
        read, make, write = rewrite._read_pyc, rewrite._rewrite_test, rewrite._write_pyc
        cache_dir, makedirs = rewrite.get_cache_dir, rewrite.try_makedirs
    except (ImportError, AttributeError, KeyError):
        return None
    if config.getoption("assertmode", "rewrite") != "rewrite":
        return None
    patterns = [*config.getini("python_files"), "conftest.py"]
    jobs = []
    for source in (root / "tests").rglob("*.py"):
        if not any(fnmatch.fnmatch(source.name, pattern) for pattern in patterns):
            continue
        pyc = cache_dir(source) / (source.name[:-3] + tail)
        if not pyc.exists() or read(source, pyc, lambda *_: None) is None:
            jobs.append((source.stat().st_size, source))

    def rewrite_one(source: Path) -> None:
        pyc = cache_dir(source) / (source.name[:-3] + tail)
        if makedirs(pyc.parent):
            source_hash, code = make(source, config)
            write(state, code, source_hash, pyc)

    return jobs, rewrite_one


def _compile(source: Path) -> None:
    compileall.compile_file(source, quiet=2)


def compile_once(config: pytest.Config, root: Path) -> None:
    """Write the bytecode of the run (see the module's docstring), in the main process,
    before the workers start."""
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    jobs: list[tuple[int, Job, Path]] = [
        (size, _compile, source) for size, source in [*_package_jobs(root), *_loaded_jobs()]
    ]
    rewriting = _rewrite_jobs(config, root)
    if rewriting is not None:
        rewrite_jobs, rewrite_one = rewriting
        jobs += [(size, rewrite_one, source) for size, source in rewrite_jobs]
    if not jobs:
        return
    # two shares of about the same bytes, the largest first
    shares: tuple[list[tuple[Job, Path]], ...] = ([], [])
    sizes = [0, 0]
    for size, job, source in sorted(jobs, key=lambda j: -j[0]):
        lighter = sizes.index(min(sizes))
        shares[lighter].append((job, source))
        sizes[lighter] += size
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    child = os.fork() if hasattr(os, "fork") and cores > 1 and min(sizes) > 0 else -1
    if child == 0:
        try:
            _run(shares[0])
        finally:
            os._exit(0)
    _run(shares[1] if child > 0 else [*shares[0], *shares[1]])
    if child > 0:
        os.waitpid(child, 0)


def _run(share: list[tuple[Job, Path]]) -> None:
    for job, source in share:
        # a module that does not compile fails where it is imported, as it would have
        with contextlib.suppress(Exception):
            job(source)
