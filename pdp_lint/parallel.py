"""Checking a large project in several processes.

Loading dominates a large run, and a loaded model costs as much to send to another
process as to load again, so each worker loads its own share of the files and keeps
their models. Cross-file rules need something of every file, which they take as small
corpus facts (see :meth:`pdp_lint.rules.base.Context.facts`):

1. each worker loads its files and takes their facts of the kinds the enabled rules read;
2. the parent puts the facts in corpus order, merges those a rule reads only as a sum,
   and sends them to every worker;
3. each worker runs every rule on its target files and sends back the problems.

Workers are forked, so they start with the parent's modules and settings. The result is
the same as the single-process run, problem for problem; tests compare the two.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from pdp_lint.config import Settings
from pdp_lint.problem import Problem

#: below this much YAML in a run, starting processes costs more than it saves
MIN_BYTES = 2_000_000
#: and below this many bytes a file (a worker's share), likewise
MIN_BYTES_PER_JOB = 500_000


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def plan_jobs(files: Sequence[Path], requested: int | None) -> int:
    """How many processes to use for ``files``: ``requested`` (0 or None: as many as
    pay, up to the usable cores), never more than the files."""
    if requested is not None and requested > 0:
        return max(1, min(requested, len(files)))
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    size = 0
    for path in files:
        with contextlib.suppress(OSError):
            size += path.stat().st_size
    if size < MIN_BYTES:
        return 1
    return max(1, min(usable_cores(), len(files), size // MIN_BYTES_PER_JOB))


@dataclass(frozen=True, slots=True)
class LoadOutcome:
    """What the parent keeps of one loaded file."""

    display: str
    problems: list[Problem]
    unreadable: bool


class WorkerFailed(RuntimeError):
    """A worker process failed; the message holds its traceback."""


def share(files: Sequence[Path], jobs: int) -> list[list[int]]:
    """Split file indices into ``jobs`` shares of about equal size, each in file order."""
    sizes = []
    for path in files:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)
    loads = [0] * jobs
    shares: list[list[int]] = [[] for _ in range(jobs)]
    for i in sorted(range(len(files)), key=lambda i: -sizes[i]):
        j = loads.index(min(loads))
        shares[j].append(i)
        loads[j] += sizes[i] + 1
    return [sorted(s) for s in shares if s]


def run_parallel(
    targets: Sequence[Path],
    extra: Sequence[Path],
    settings: Settings,
    kinds: Sequence[str],
    jobs: int,
) -> tuple[list[LoadOutcome], list[Problem]]:
    """Load and check ``targets`` (with ``extra`` files as the rest of the corpus) in
    ``jobs`` processes; the load outcome of each target, and the rules' problems."""
    files = [*targets, *extra]
    context = multiprocessing.get_context("fork")
    shares = share(files, jobs)
    workers: list[tuple[Any, Connection, list[int]]] = []
    try:
        for indices in shares:
            mine, theirs = context.Pipe()
            process = context.Process(
                target=_worker,
                args=(theirs, [files[i] for i in indices], indices, len(targets), settings, kinds),
                daemon=True,
            )
            process.start()
            theirs.close()
            workers.append((process, mine, indices))
        outcomes: list[LoadOutcome | None] = [None] * len(files)
        facts: list[dict[str, Any] | None] = [None] * len(files)
        for _, conn, indices in workers:
            loaded, taken = _receive(conn)
            for i, outcome, found in zip(indices, loaded, taken, strict=True):
                outcomes[i], facts[i] = outcome, found
        gathered = _gather(kinds, facts)
        for _, conn, _ in workers:
            conn.send(gathered)
        by_target: list[list[Problem]] = [[] for _ in targets]
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
    loads = [o for o in outcomes[: len(targets)] if o is not None]
    return loads, [p for problems in by_target for p in problems]


def _receive(conn: Connection) -> Any:
    try:
        status, payload = conn.recv()
    except EOFError:
        raise WorkerFailed("a worker process ended without an answer") from None
    if status == "error":
        raise WorkerFailed(payload)
    return payload


def _gather(kinds: Sequence[str], facts: list[dict[str, Any] | None]) -> dict[str, Any]:
    """The facts of every loaded file in corpus order, merged for kinds with a merge."""
    from pdp_lint.rules.base import FACT_KINDS

    gathered: dict[str, Any] = {}
    for kind in kinds:
        found = [f[kind] for f in facts if f is not None]
        _, merge = FACT_KINDS[kind]
        gathered[kind] = merge(found) if merge is not None else found
    return gathered


class _NoCorpus(list):  # type: ignore[type-arg]
    """The corpus as a worker sees it: reading it is a bug (a rule must use facts)."""

    def _refuse(self, *args: Any) -> Any:
        raise RuntimeError(
            "a rule read ctx.corpus in a worker process; declare the corpus facts it "
            "needs (Rule.facts) or mark it needs_corpus"
        )

    __iter__ = __len__ = __getitem__ = __bool__ = _refuse


def _worker(
    conn: Connection,
    paths: list[Path],
    indices: list[int],
    n_targets: int,
    settings: Settings,
    kinds: Sequence[str],
) -> None:
    try:
        _work(conn, paths, indices, n_targets, settings, kinds)
    except BaseException:  # reported to the parent, which fails the run
        with contextlib.suppress(OSError):
            conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def _work(
    conn: Connection,
    paths: list[Path],
    indices: list[int],
    n_targets: int,
    settings: Settings,
    kinds: Sequence[str],
) -> None:
    from pdp_lint.document import Document
    from pdp_lint.lint import load_one
    from pdp_lint.linter import lint
    from pdp_lint.rules.base import FACT_KINDS, Context

    ctx = Context(corpus=_NoCorpus(), settings=settings)
    outcomes: list[LoadOutcome] = []
    facts: list[dict[str, Any] | None] = []
    targets: list[tuple[int, Document]] = []
    for index, path in zip(indices, paths, strict=True):
        item = load_one(path, settings)
        outcomes.append(LoadOutcome(item.display, item.problems, item.unreadable))
        if item.framework is None or item.source is None:
            facts.append(None)
            continue
        doc = Document(item.framework, item.source)
        facts.append({kind: FACT_KINDS[kind][0](doc, ctx) for kind in kinds})
        if index < n_targets:
            targets.append((index, doc))
        else:
            doc.release()
            ctx.forget(doc)
    conn.send(("ok", (outcomes, facts)))
    del outcomes, facts
    ctx.gathered = conn.recv()
    results: list[tuple[int, list[Problem]]] = []
    for index, doc in targets:
        results.append((index, lint([doc], [], settings, ctx)))
    conn.send(("ok", results))
