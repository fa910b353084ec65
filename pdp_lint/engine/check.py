"""Running a check: configuration, files, corpus, rules, report."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec

from pdp_lint.engine.config import Settings
from pdp_lint.engine.discovery import discover
from pdp_lint.engine.loading import _load, _path_errors
from pdp_lint.load.document import Document
from pdp_lint.load.loader import Loaded
from pdp_lint.load.source import ReadError, SourceText, read_source
from pdp_lint.model.problem import Problem, Report


class CheckResult(msgspec.Struct):
    report: Report
    unreadable: bool
    #: the loaded files (empty when the result came from the cache)
    loaded: list[Loaded]
    #: display paths of the files checked
    files: list[str] = msgspec.field(default_factory=list)
    from_cache: bool = False

    def source_text(self, file: str) -> str:
        """The text of a checked file (read again if the result came from the cache)."""
        for item in self.loaded:
            if item.display == file and item.source is not None:
                return item.source.text
        try:
            return read_source(Path(file)).text
        except ReadError:
            return ""


def corpus_files(targets: list[Path], settings: Settings) -> list[Path]:
    """The framework files cross-file rules compare ``targets`` with, as a check of
    ``targets`` finds them (the targets themselves left out)."""
    # a file found under the very path it was given as a target is one, without asking
    # the file system again (checking a folder finds its files twice: as targets, and
    # beside them); the others are compared by where their links lead
    given = set(targets)
    rest = discover(_corpus_paths(targets, settings), leave_out=given).files
    if not rest:
        return []
    seen = {f.resolve() for f in targets}
    return [f for f in rest if f.resolve() not in seen]


def check_loaded(loaded: list[Loaded], corpus: list[Document], settings: Settings) -> list[Problem]:
    """The problems of files already loaded, as a check reports them: what loading found,
    then the rules. ``corpus`` holds the documents of the other files that cross-file
    rules compare with (the targets' own documents are added to it here)."""
    from pdp_lint.engine.linter import lint

    targets = documents(loaded)
    problems = [p for item in loaded for p in item.problems]
    return problems + lint(targets, targets + corpus, settings)


def _corpus_paths(targets: list[Path], settings: Settings) -> list[Path]:
    """Where the rest of the project's frameworks are: configured, or beside the targets."""
    if settings.corpus:
        return list(settings.corpus)
    return sorted({path.parent for path in targets})


def documents(loaded: list[Loaded]) -> list[Document]:
    return [
        Document(item.framework, item.source)
        for item in loaded
        if item.framework is not None and item.source is not None
    ]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a run builds its model.

    Loading allocates millions of small acyclic objects, and each allocation burst
    triggers a collection that walks all of them again: on a large corpus that was 40%
    of the loading time. Nothing here forms reference cycles worth collecting early.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_check(
    paths: list[Path],
    settings: Settings,
    texts: dict[Path, str] | None = None,
    cache: bool = False,
    stream: bool = False,
    jobs: int | None = None,
) -> CheckResult:
    """Check ``paths`` with ``settings``.

    ``texts`` overrides file contents in memory (the fixer's trial runs); ``cache`` looks
    the whole run up in the content-hash cache first and stores it after. With
    ``stream``, models are dropped as soon as each file is checked and ``loaded`` is
    empty (see :mod:`pdp_lint.engine.parallel`); ``jobs`` is then the number of processes
    (None or 0: more than one only for a large run, while cores sit idle). Callers
    that need the models (the fixer, baselines, exports) do not stream, nor does a run
    with a rule that compares whole models across files.
    """
    with _collector_paused():
        return _run_check(paths, settings, texts, cache, stream, jobs)


def _run_check(
    paths: list[Path],
    settings: Settings,
    texts: dict[Path, str] | None,
    cache: bool,
    stream: bool,
    jobs: int | None,
) -> CheckResult:
    found = discover(paths)
    extra_files = corpus_files(found.files, settings)
    entry = None
    if cache and texts is None:
        from pdp_lint.engine.cache import RunCache

        entry = RunCache.for_run(settings, paths, found.files, extra_files)
        hit = entry.load()
        if hit is not None:
            result = CheckResult(
                Report(hit.problems, len(hit.files)), hit.unreadable, [], hit.files, from_cache=True
            )
            result.report.source_line = _lines_from(result)
            return result

    errors = _path_errors(found)
    kinds, needs_corpus = _kinds(found.files, settings) if stream else ([], True)
    if stream and texts is None and not needs_corpus and found.files:
        from pdp_lint.engine.parallel import plan_jobs

        digests = entry.digests if entry is not None else {}
        fact_keys, to_read = (
            _facts_kept(settings, kinds, extra_files, digests) if cache else (None, extra_files)
        )
        workers = plan_jobs([*found.files, *to_read], jobs)
        adaptive = not jobs  # the default: workers only where a core is idle
        result = _run_streaming(
            found.files, extra_files, settings, errors, kinds, workers, adaptive, fact_keys
        )
    else:
        result = _run_serial(found.files, extra_files, settings, texts, errors)
    result.report.source_line = _lines_from(result)
    if entry is not None:
        from pdp_lint.engine.cache import CachedRun

        entry.store(CachedRun(result.report.problems, result.files, result.unreadable))
    return result


def _kinds(files: list[Path], settings: Settings) -> tuple[list[str], bool]:
    """The kinds of corpus facts the rules enabled on ``files`` read, and whether one of
    them reads other documents' models."""
    from pdp_lint.rules import all_rules

    rules = all_rules()
    codes = {code for path in files for code in settings.enabled_codes(path)}
    enabled = [rules[c] for c in sorted(codes) if c in rules and rules[c].stage == "model"]
    kinds = sorted({kind for rule in enabled for kind in rule.facts})
    return kinds, any(rule.needs_corpus for rule in enabled)


def _facts_kept(
    settings: Settings, kinds: list[str], extra: list[Path], digests: dict[Path, bytes]
) -> tuple[dict[Path, str] | None, list[Path]]:
    """The keys in the facts cache of the ``extra`` files (None when the cache cannot
    keep the facts of ``kinds``), and those of the files it does not hold: they are
    the ones to load, and only they count when the run plans its processes. ``digests``:
    the files' digests the whole-run cache took, so no file is read twice for them."""
    if not extra:
        return None, extra
    from pdp_lint.engine.factcache import FactCache

    if not FactCache.usable(kinds):
        return None, extra
    facts = FactCache(settings, kinds)
    keys: dict[Path, str] = {}
    for path in extra:
        key = facts.key(path, digests.get(path))
        if key is not None:
            keys[path] = key
    return keys, [p for p in extra if p not in keys or not facts.holds(keys[p])]


def _run_streaming(
    targets: list[Path],
    extra: list[Path],
    settings: Settings,
    errors: list[Problem],
    kinds: list[str],
    jobs: int,
    adaptive: bool = False,
    fact_keys: dict[Path, str] | None = None,
) -> CheckResult:
    from pdp_lint.engine.parallel import run_streaming

    loads, found = run_streaming(
        targets, extra, settings, kinds, jobs, adaptive=adaptive, fact_keys=fact_keys
    )
    problems = errors + [p for item in loads for p in item.problems] + found
    unreadable = bool(errors) or any(item.unreadable for item in loads)
    files = [item.display for item in loads]
    return CheckResult(Report(problems, len(loads)), unreadable, [], files)


def _run_serial(
    files: list[Path],
    extra_files: list[Path],
    settings: Settings,
    texts: dict[Path, str] | None,
    errors: list[Problem],
) -> CheckResult:
    loaded = [_load(f, settings, texts) for f in files]
    corpus = documents([_load(f, settings, texts) for f in extra_files])
    problems = errors + check_loaded(loaded, corpus, settings)
    unreadable = bool(errors) or any(item.unreadable for item in loaded)
    displays = [item.display for item in loaded]
    return CheckResult(Report(problems, len(loaded)), unreadable, loaded, displays)


def _lines_from(result: CheckResult) -> Callable[[str, int], str]:
    """Source lines for the text report, from memory or (after a cache hit or a run in
    several processes) from disk."""
    sources: dict[str, SourceText | None] = {
        item.display: item.source for item in result.loaded if item.source is not None
    }

    def source_line(file: str, line: int) -> str:
        if file not in sources:
            try:
                sources[file] = read_source(Path(file))
            except ReadError:
                sources[file] = None
        src = sources[file]
        return src.line_text(line) if src is not None else ""

    return source_line
