"""The in-process API: load, check and fix frameworks without printing or exiting.

The command line, the language server, the exporters and the spreadsheet importer all
check through these functions, so every front end reports exactly what ``pdp-lint
check`` reports. Nothing here prints, exits or changes the process's state; problems
come back as :class:`~pdp_lint.model.problem.Problem` records and a wrong configuration
as :class:`ConfigError` (one line, with file and line).

    from pathlib import Path
    from pdp_lint import api

    settings = api.settings_for(Path("frameworks"))
    problems = api.check_texts({Path("frameworks/new.yaml"): text}, settings=settings)
    result = api.check([Path("frameworks")], settings)   # result.report.problems

A front end that keeps its own models (the language server keeps the open buffers and
the files around them) uses the parts: :func:`load_text`, :func:`documents`,
:func:`corpus_files` and :func:`check_loaded`. The fixer is imported on first use: a
check should not pay for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pdp_lint.engine.check import CheckResult, check_loaded, corpus_files, documents, run_check
from pdp_lint.engine.config import ConfigError, Settings, find_config, load_settings
from pdp_lint.engine.discovery import discover, is_dir
from pdp_lint.engine.loading import load_all
from pdp_lint.load.document import Document
from pdp_lint.load.loader import Loaded, load_file, load_unsaved
from pdp_lint.model.problem import Problem, Report

if TYPE_CHECKING:
    from pdp_lint.fix.fixer import FixOutcome

__all__ = [
    "CheckResult",
    "ConfigError",
    "Document",
    "Loaded",
    "Problem",
    "Report",
    "Settings",
    "check",
    "check_loaded",
    "check_texts",
    "corpus_files",
    "documents",
    "find_config",
    "fix",
    "load",
    "load_paths",
    "load_settings",
    "load_text",
    "settings_for",
]


def settings_for(path: Path, config: Path | None = None) -> Settings:
    """The settings a check of ``path`` (a file or a folder) uses: ``config`` if given,
    else the nearest configuration file at or above it, else the defaults. Raises
    :class:`ConfigError`."""
    return load_settings(config, start=path if is_dir(path) else path.parent)


def load(path: Path, settings: Settings | None = None) -> Loaded:
    """One framework file loaded as a check loads it: the model, or problems saying why
    there is none."""
    limit = (settings or Settings()).max_file_size
    return load_file(path, limit)


def load_text(path: Path, text: str, settings: Settings | None = None) -> Loaded:
    """``text`` loaded as the file ``path`` would be once saved (it need not exist)."""
    limit = (settings or Settings()).max_file_size
    return load_unsaved(path, text, limit)


def load_paths(paths: Sequence[Path], settings: Settings) -> tuple[list[Loaded], list[Problem]]:
    """Every framework file under ``paths`` loaded, and a problem for each path that
    could not be searched."""
    return load_all(list(paths), settings)


def check(
    paths: Sequence[Path],
    settings: Settings,
    *,
    texts: Mapping[Path, str] | None = None,
    cache: bool = False,
    stream: bool = False,
    jobs: int | None = None,
) -> CheckResult:
    """Check the framework files under ``paths`` exactly as ``pdp-lint check`` does.

    ``texts`` replaces the content of some of those files (by path) without touching
    the disk; ``cache``, ``stream`` and ``jobs`` are the command's options (see
    :func:`pdp_lint.engine.check.run_check`).
    """
    return run_check(
        list(paths), settings, dict(texts) if texts else None, cache=cache, stream=stream, jobs=jobs
    )


def check_texts(
    texts: Mapping[Path, str],
    *,
    settings: Settings,
    corpus: Sequence[Path] | None = None,
) -> list[Problem]:
    """The problems of ``texts`` (path -> content; the files need not exist), sorted.

    Cross-file rules compare them with ``corpus``: framework files or folders. Without
    it, with what a check of those paths would compare them with (the configured corpus,
    else the folders beside them). A file of the corpus that is also in ``texts`` is
    read from ``texts``.
    """
    targets = list(texts)
    loaded = [load_unsaved(path, text, settings.max_file_size) for path, text in texts.items()]
    if corpus is None:
        others = corpus_files(targets, settings)
    else:
        seen = {path.resolve() for path in targets}
        others = [f for f in discover(list(corpus)).files if f.resolve() not in seen]
    docs = documents([load_file(f, settings.max_file_size) for f in others])
    return sorted(check_loaded(loaded, docs, settings), key=Problem.sort_key)


def fix(
    paths: Sequence[Path], settings: Settings, *, unsafe: bool = False, write: bool = True
) -> FixOutcome:
    """Apply the fixes of the problems under ``paths`` (the unsafe ones too with
    ``unsafe``); write the files atomically unless ``write`` is false. Raises
    :class:`~pdp_lint.fix.fixer.FixWriteError` when a file cannot be written."""
    from pdp_lint.fix.fixer import fix_paths

    return fix_paths(list(paths), settings, unsafe=unsafe, write=write)
