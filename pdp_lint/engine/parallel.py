"""Checking without keeping models, in one process or several.

A model takes about ten times the memory of its YAML, and loading dominates a large
run, so a check of a whole project streams: each file is loaded, its corpus facts are
taken (see :meth:`pdp_lint.rules.base.Context.facts`), every rule that needs only the
file runs, the rules that compare it with the corpus take what they need of it
(:meth:`pdp_lint.rules.base.Rule.collect`), and the model is dropped. Once every file
has given its facts, those rules finish (:class:`pdp_lint.engine.linter.Linter`).

A model costs as much to send to another process as to load again, so with several
processes each worker streams its own share of the files, sends its facts to the
parent, receives everyone's in corpus order (merged where a rule reads only their sum)
and finishes its own files. Workers are forked, so they start with the parent's modules
and settings. Every way gives the same problems; tests compare them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from pdp_lint.engine.config import Settings
from pdp_lint.model.problem import Problem

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from pdp_lint.engine.linter import Pending

#: below this much YAML in a run, starting processes costs more than it saves
MIN_BYTES = 2_000_000
#: and below this many bytes a worker, likewise
MIN_BYTES_PER_JOB = 500_000
#: begun files kept as objects before the rest are kept pickled
_KEPT_AS_OBJECTS = 200
#: files whose facts of a summed kind are kept before they are folded into one
_FOLD_EVERY = 64


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def plan_jobs(files: Sequence[Path], requested: int | None) -> int:
    """How many processes to use for ``files``: ``requested`` (0 or None: as many as
    pay, up to the usable cores), never more than the files."""
    if requested is not None and requested > 0:
        return max(1, min(requested, len(files)))
    size = sum(_size(path) for path in files)
    if size < MIN_BYTES:
        return 1  # and multiprocessing is not even imported (a hook's start-up)
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(usable_cores(), len(files), size // MIN_BYTES_PER_JOB))


class LoadOutcome(msgspec.Struct, frozen=True):
    """What is kept of loading one file."""

    display: str
    problems: list[Problem]
    unreadable: bool


class WorkerFailed(RuntimeError):
    """A worker process failed; the message holds its traceback."""


def share(files: Sequence[Path], jobs: int) -> list[list[int]]:
    """Split file indices into ``jobs`` runs of consecutive files of about equal size.

    Consecutive, so that the facts of each share, in order, joined in the order of the
    shares, are the facts of the corpus in order: a worker's facts travel as one piece
    that the parent passes on without reading it.
    """
    sizes = [_size(path) + 1 for path in files]
    total = sum(sizes)
    shares: list[list[int]] = []
    start, done = 0, 0
    for k in range(1, jobs):
        goal = total * k / jobs
        end = start
        while end < len(files) and done + sizes[end] <= goal:
            done += sizes[end]
            end += 1
        # the file crossing the goal goes where it leaves the split nearer to it
        if end < len(files) and done + sizes[end] - goal < goal - done:
            done += sizes[end]
            end += 1
        if end > start:
            shares.append(list(range(start, end)))
            start = end
    if start < len(files):
        shares.append(list(range(start, len(files))))
    return shares


class _NoCorpus(list):  # type: ignore[type-arg]
    """The corpus of a streaming check: reading it is a bug (a rule must use facts)."""

    def _refuse(self, *args: Any) -> Any:
        raise RuntimeError(
            "a rule read ctx.corpus in a streaming check; declare the corpus facts it "
            "needs (Rule.facts) or mark it needs_corpus"
        )

    __iter__ = __len__ = __getitem__ = __bool__ = _refuse


class _Stream:
    """One process's share of a streaming check."""

    def __init__(self, settings: Settings, kinds: Sequence[str]) -> None:
        from pdp_lint.engine.linter import Linter
        from pdp_lint.rules.base import Context

        self.settings = settings
        self.kinds = kinds
        self.ctx = Context(corpus=_NoCorpus(), settings=settings)
        self.linter = Linter(settings, self.ctx)
        #: each target begun: its index and its Pending, pickled after the first few
        #: (a fifth of the objects' size, which matters when tens of thousands of files
        #: wait; a run of a few files does not pay for pickling)
        self.pending: list[tuple[int, Pending | bytes]] = []

    def read(
        self, paths: Sequence[Path], indices: Sequence[int], n_targets: int
    ) -> tuple[list[LoadOutcome], dict[str, list[Any]], dict[str, Any]]:
        """Load each file, take its facts, begin checking it if it is a target, drop it.

        The facts of kinds read only as a sum are folded into one value as the files
        come (third item), so they cost memory by what is distinct, not by file; the
        others are listed by kind, in file order (second item; a file without a model
        gives none).
        """
        from pdp_lint.engine.loading import load_one

        from pdp_lint.load.document import Document
        from pdp_lint.rules.base import FACT_KINDS, Merge

        listed: dict[str, list[Any]] = {}
        summed: dict[str, Merge] = {}
        for kind in self.kinds:
            merge = FACT_KINDS[kind][1]
            if merge is None:
                listed[kind] = []
            else:
                summed[kind] = merge
        pending: dict[str, list[Any]] = {kind: [] for kind in summed}
        outcomes: list[LoadOutcome] = []
        for index, path in zip(indices, paths, strict=True):
            item = load_one(path, self.settings)
            outcomes.append(LoadOutcome(item.display, item.problems, item.unreadable))
            if item.framework is None or item.source is None:
                continue
            doc = Document(item.framework, item.source)
            del item
            for kind, found in listed.items():
                found.append(FACT_KINDS[kind][0](doc, self.ctx))
            for kind, merge in summed.items():
                found = pending[kind]
                found.append(FACT_KINDS[kind][0](doc, self.ctx))
                if len(found) >= _FOLD_EVERY:
                    found[:] = [merge(found)]
            if index < n_targets:
                begun: Pending | bytes = self.linter.begin(doc)
                if len(self.pending) >= _KEPT_AS_OBJECTS:
                    import pickle  # only a run of many files pays for the import

                    begun = pickle.dumps(begun, pickle.HIGHEST_PROTOCOL)
                self.pending.append((index, begun))
            self.ctx.forget(doc)
        sums = {kind: merge(pending[kind]) for kind, merge in summed.items()}
        return outcomes, listed, sums

    def finish(self, gathered: dict[str, Any]) -> list[tuple[int, list[Problem]]]:
        self.ctx.gathered = gathered
        done = []
        pending, self.pending = self.pending, []
        for index, begun in pending:
            if isinstance(begun, bytes):
                import pickle

                begun = pickle.loads(begun)
            kept = begun
            done.append((index, self.linter.end(kept)))
        return done


def gather(
    kinds: Sequence[str], listed: Sequence[dict[str, list[Any]]], sums: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """The facts of every loaded file in corpus order (``listed``: each share's, in the
    order of the shares), and the sums of each process's facts for the kinds read as a
    sum."""
    from pdp_lint.rules.base import FACT_KINDS

    gathered: dict[str, Any] = {}
    for kind in kinds:
        _, merge = FACT_KINDS[kind]
        if merge is not None:
            gathered[kind] = merge([part[kind] for part in sums])
        else:
            gathered[kind] = [fact for part in listed for fact in part[kind]]
    return gathered


def run_streaming(
    targets: Sequence[Path],
    extra: Sequence[Path],
    settings: Settings,
    kinds: Sequence[str],
    jobs: int,
) -> tuple[list[LoadOutcome], list[Problem]]:
    """Load and check ``targets`` (with ``extra`` files as the rest of the corpus) in
    ``jobs`` processes (1: this one); the load outcome of each target, and the rules'
    problems in target order."""
    files = [*targets, *extra]
    if jobs <= 1:
        stream = _Stream(settings, kinds)
        outcomes, listed, sums = stream.read(files, range(len(files)), len(targets))
        done = stream.finish(gather(kinds, [listed], [sums]))
        return outcomes[: len(targets)], [p for _, problems in done for p in problems]
    return _run_workers(files, len(targets), settings, kinds, jobs)


def _run_workers(
    files: list[Path], n_targets: int, settings: Settings, kinds: Sequence[str], jobs: int
) -> tuple[list[LoadOutcome], list[Problem]]:
    """Each worker streams a share of consecutive files and sends the outcomes, its
    listed facts (pickled once, passed on unread) and its sums; the parent merges the
    sums and sends every share's facts to every worker, which finishes its targets."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    workers: list[tuple[Any, Connection, list[int]]] = []
    try:
        for indices in share(files, jobs):
            mine, theirs = context.Pipe()
            process = context.Process(
                target=_worker,
                args=(theirs, [files[i] for i in indices], indices, n_targets, settings, kinds),
                daemon=True,
            )
            process.start()
            theirs.close()
            workers.append((process, mine, indices))
        outcomes: list[LoadOutcome | None] = [None] * len(files)
        listed: list[bytes] = []
        sums: list[dict[str, Any]] = []
        for _, conn, indices in workers:
            loaded, facts, summed = _receive(conn)
            for i, outcome in zip(indices, loaded, strict=True):
                outcomes[i] = outcome
            listed.append(facts)
            sums.append(summed)
        merged = gather([k for k in kinds if k in sums[0]], [], sums)
        del sums
        for _, conn, _ in workers:
            conn.send((listed, merged))
        del listed, merged
        by_target: list[list[Problem]] = [[] for _ in range(n_targets)]
        for _, conn, _ in workers:
            for i, problems in _receive(conn):
                by_target[i] = problems
        for process, conn, _ in workers:
            conn.close()
            process.join()
    finally:
        for process, _, _ in workers:
            if process.is_alive():
                process.kill()
                process.join()
    loads = [o for o in outcomes[:n_targets] if o is not None]
    return loads, [p for problems in by_target for p in problems]


def _receive(conn: Connection) -> Any:
    try:
        status, payload = conn.recv()
    except EOFError:
        raise WorkerFailed("a worker process ended without an answer") from None
    if status == "memory":
        raise MemoryError("a worker process ran out of memory")
    if status == "error":
        raise WorkerFailed(payload)
    return payload


def _worker(
    conn: Connection,
    paths: list[Path],
    indices: list[int],
    n_targets: int,
    settings: Settings,
    kinds: Sequence[str],
) -> None:
    import pickle

    try:
        stream = _Stream(settings, kinds)
        loaded, listed, sums = stream.read(paths, indices, n_targets)
        facts = pickle.dumps(listed, pickle.HIGHEST_PROTOCOL)
        del listed  # this share's facts come back with every other share's
        conn.send(("ok", (loaded, facts, sums)))
        del loaded, facts, sums
        shares, merged = conn.recv()
        parts = [pickle.loads(part) for part in shares]
        del shares
        gathered = {**gather([k for k in kinds if k not in merged], parts, []), **merged}
        del parts
        conn.send(("ok", stream.finish(gathered)))
    except MemoryError:  # the parent tells it as such, in one line
        with contextlib.suppress(OSError):
            conn.send(("memory", ""))
    except BaseException:  # reported to the parent, which fails the run
        import traceback

        with contextlib.suppress(OSError):
            conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()
