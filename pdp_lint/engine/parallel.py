"""Checking without keeping models, in one process or several.

A model takes about ten times the memory of its YAML, and loading dominates a large
run, so a check of a whole project streams: each file is loaded, its corpus facts are
taken (see :meth:`pdp_lint.rules.base.Context.facts`), every rule that needs only the
file runs, the rules that compare it with the corpus take what they need of it
(:meth:`pdp_lint.rules.base.Rule.collect`), and the model is dropped. Once every file
has given its facts, those rules finish (:class:`pdp_lint.engine.linter.Linter`).

A model costs as much to send to another process as to load again, so with several
processes each one streams the files it takes from a shared queue (largest first, one at
a time: this process takes files too, and a process slowed by a busy core simply takes
fewer), sends its facts to this one, receives everyone's in corpus order (merged where
a rule reads only their sum) and finishes the files it took. Workers are forked, so
they start with the parent's modules and settings. Every way gives the same problems;
tests compare them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from pdp_lint.engine.config import Settings
from pdp_lint.engine.memory import address_space_limited, is_out_of_memory
from pdp_lint.model.problem import Problem

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from pdp_lint.engine.factcache import FactCache
    from pdp_lint.engine.linter import Pending

#: the key in the facts cache of each file only read (see pdp_lint.engine.factcache)
FactKeys = dict[Path, str]

#: below this much YAML in a run, starting processes costs more than it saves
MIN_BYTES = 2_000_000
#: and below this many bytes a worker, likewise
MIN_BYTES_PER_JOB = 500_000
#: begun files kept as objects before the rest are kept pickled
_KEPT_AS_OBJECTS = 200
#: begun files pickled together: one pickle of many small files costs less than one
#: each (what they share, as the list of enabled codes, is written once)
_PICKLED_TOGETHER = 64
#: files whose facts of a summed kind are kept before they are folded into one
_FOLD_EVERY = 64
#: in a run of more files than this, the workers hand their begun files to this process,
#: which finishes them all: every process that finishes builds the cross-file rules'
#: indexes of the whole corpus, which for tens of thousands of files is the run's peak
#: of memory, once per process (50,000 small files: 706 MB in one process, 1.44 GB in two)
FINISH_IN_ONE_PROCESS = 2_000


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
    could pay, up to the usable cores, each started only once a core is seen idle; see
    :class:`IdleWatch`), never more than the files."""
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

    def __init__(
        self,
        settings: Settings,
        kinds: Sequence[str],
        fact_keys: FactKeys | None = None,
        whole: bool = False,
    ) -> None:
        from pdp_lint.engine.linter import Linter
        from pdp_lint.rules.base import Context

        self.settings = settings
        self.kinds = kinds
        #: the facts cache of the files only read, and their keys in it (see
        #: pdp_lint.engine.factcache)
        self.fact_cache: FactCache | None = None
        self.fact_keys = fact_keys or {}
        #: this process reads every file of the run (no workers)
        self.whole = whole
        if fact_keys is not None:
            from pdp_lint.engine.factcache import FactCache

            self.fact_cache = FactCache(settings, kinds)
        self.ctx = Context(corpus=_NoCorpus(), settings=settings)
        self.linter = Linter(settings, self.ctx)
        #: each target begun: its index and its Pending, or, after the first few, -1 and
        #: a pickled list of up to _PICKLED_TOGETHER of them (a fifth of the objects'
        #: size, which matters when tens of thousands of files wait; a run of a few
        #: files does not pay for pickling)
        self.pending: list[tuple[int, Pending | bytes]] = []
        #: the begun files waiting to be pickled together
        self.batch: list[tuple[int, Pending]] = []

    def read(
        self, files: Iterable[tuple[int, Path]], n_targets: int
    ) -> tuple[list[LoadOutcome], list[dict[str, Any] | None], dict[str, Any]]:
        """Load each file (its index in the run, its path), take its facts, begin
        checking it if it is a target, drop it.

        The facts of kinds read only as a sum are folded into one value as the files
        come (third item), so they cost memory by what is distinct, not by file; the
        others are listed per file (``None`` for a file without a model).
        """
        from pdp_lint.engine.loading import load_one
        from pdp_lint.load.document import Document
        from pdp_lint.rules.base import FACT_KINDS, Merge

        listed: list[str] = []
        summed: dict[str, Merge] = {}
        for kind in self.kinds:
            merge = FACT_KINDS[kind][1]
            if merge is None:
                listed.append(kind)
            else:
                summed[kind] = merge
        self.ctx.checked = n_targets
        pending: dict[str, list[Any]] = {kind: [] for kind in summed}
        outcomes: list[LoadOutcome] = []
        facts: list[dict[str, Any] | None] = []
        cache = self.fact_cache
        # the summed kinds of the files only read, added up, are kept as one entry when
        # this process reads them all: a one-file run then takes their sum whole
        sums_key = (
            cache.sums_key(self.fact_keys.values(), list(summed))
            if cache is not None and summed and self.whole and self.fact_keys
            else None
        )
        kept_sums = cache.get_sums(sums_key, list(summed)) if sums_key and cache else None
        # the summed facts of the files only read, for that entry, while it is not kept
        only_read: dict[str, list[Any]] = {kind: [] for kind in summed}

        def fold(parts: list[Any], value: Any, merge: Merge) -> None:
            parts.append(value)
            if len(parts) >= _FOLD_EVERY:
                parts[:] = [merge(parts)]

        for index, path in files:
            key = self.fact_keys.get(path) if index >= n_targets else None
            # with the sums kept, only the listed kinds of a file's entry are read
            wanted = listed if kept_sums is not None else None
            kept = cache.get(key, wanted) if cache is not None and key is not None else None
            if kept is not None:  # a file only read, as it was when its facts were kept
                outcomes.append(LoadOutcome(path.as_posix(), [], False))
                facts.append({kind: kept[kind] for kind in listed})
                if kept_sums is None:
                    into = only_read if sums_key is not None else pending
                    for kind, merge in summed.items():
                        fold(into[kind], kept[kind], merge)
                continue
            item = load_one(path, self.settings)
            outcomes.append(LoadOutcome(item.display, item.problems, item.unreadable))
            if item.framework is None or item.source is None:
                facts.append(None)
                continue
            doc = Document(item.framework, item.source)
            del item
            taken = {kind: FACT_KINDS[kind][0](doc, self.ctx) for kind in listed}
            facts.append(taken)
            for kind, merge in summed.items():
                value = FACT_KINDS[kind][0](doc, self.ctx)
                if key is not None and cache is not None:
                    taken[kind] = value
                if key is not None and sums_key is not None:
                    if kept_sums is None:  # in the kept sums otherwise
                        fold(only_read[kind], value, merge)
                else:
                    fold(pending[kind], value, merge)
            if key is not None and cache is not None:
                cache.put(key, taken)
                if summed:  # the summed kinds go to the cache only, not to the facts
                    facts[-1] = {kind: taken[kind] for kind in listed}
            if index < n_targets:
                begun = self.linter.begin(doc)
                if len(self.pending) < _KEPT_AS_OBJECTS:
                    self.pending.append((index, begun))
                else:
                    self.batch.append((index, begun))
                    if len(self.batch) >= _PICKLED_TOGETHER:
                        self._pack()
            self.ctx.forget(doc)
        if sums_key is not None and cache is not None:
            if kept_sums is None:
                kept_sums = {kind: merge(only_read[kind]) for kind, merge in summed.items()}
                cache.put_sums(sums_key, kept_sums)  # before a merge adds to them
            for kind in summed:
                pending[kind].append(kept_sums[kind])
        sums = {kind: merge(pending[kind]) for kind, merge in summed.items()}
        if cache is not None:
            cache.trim(len(outcomes))
        return outcomes, facts, sums

    def _pack(self) -> None:
        """Pickle the batch of begun files into one entry of :attr:`pending`."""
        if not self.batch:
            return
        import pickle  # only a run of many files pays for the import

        self.pending.append((-1, pickle.dumps(self.batch, pickle.HIGHEST_PROTOCOL)))
        self.batch = []

    def hand_over(self) -> list[tuple[int, bytes]]:
        """The files this process began, pickled, for another process to finish (as
        entries of its :attr:`pending`)."""
        import pickle

        self._pack()
        handed: list[tuple[int, bytes]] = []
        kept: list[tuple[int, Pending]] = []
        for index, begun in self.pending:
            if isinstance(begun, bytes):
                handed.append((index, begun))
            else:
                kept.append((index, begun))
        self.pending = []
        if kept:
            handed.append((-1, pickle.dumps(kept, pickle.HIGHEST_PROTOCOL)))
        return handed

    def finish(self, gathered: dict[str, Any]) -> list[tuple[int, list[Problem]]]:
        self.ctx.gathered = gathered
        self._pack()
        done = []
        pending, self.pending = self.pending, []
        for index, begun in pending:
            if isinstance(begun, bytes):
                import pickle

                for at, one in pickle.loads(begun):
                    done.append((at, self.linter.end(one)))
            else:
                done.append((index, self.linter.end(begun)))
        return done


def gather(
    kinds: Sequence[str], facts: Sequence[dict[str, Any] | None], sums: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """The facts of every loaded file in corpus order, and the sums of each process's
    facts for the kinds read as a sum."""
    from pdp_lint.rules.base import FACT_KINDS

    gathered: dict[str, Any] = {}
    for kind in kinds:
        _, merge = FACT_KINDS[kind]
        if merge is not None:
            gathered[kind] = merge([part[kind] for part in sums])
        else:
            gathered[kind] = [f[kind] for f in facts if f is not None]
    return gathered


def run_streaming(
    targets: Sequence[Path],
    extra: Sequence[Path],
    settings: Settings,
    kinds: Sequence[str],
    jobs: int,
    *,
    adaptive: bool = False,
    fact_keys: FactKeys | None = None,
) -> tuple[list[LoadOutcome], list[Problem]]:
    """Load and check ``targets`` (with ``extra`` files as the rest of the corpus) in
    ``jobs`` processes (1: this one); the load outcome of each target, and the rules'
    problems in target order. ``adaptive``: ``jobs`` is the most, and a worker starts
    only once a core is seen idle while this process reads (see :class:`IdleWatch`).
    ``fact_keys``: the keys of the ``extra`` files in the facts cache, where their facts
    are looked up and kept (see :mod:`pdp_lint.engine.factcache`)."""
    files = [*targets, *extra]
    if jobs <= 1:
        stream = _Stream(settings, kinds, fact_keys, whole=True)
        outcomes, facts, sums = stream.read(enumerate(files), len(targets))
        done = stream.finish(gather(kinds, facts, [sums]))
        return outcomes[: len(targets)], [p for _, problems in done for p in problems]
    watch = IdleWatch() if adaptive else None
    return _run_workers(files, len(targets), settings, kinds, jobs, watch, fact_keys)


class IdleWatch:
    """How many of the usable cores sat idle since the last look, from ``/proc/stat``.

    The default ``--jobs`` starts a worker only when a core is idle while this process
    reads: on a machine whose other cores are busy (an editor, a build, a CI
    neighbour), a worker would share a core and cost more than it brings, so the run
    stays in one process and is never slower than ``-j 1``. The look is taken while
    this process works (it counts itself as busy), over at least :attr:`WINDOW` seconds;
    where ``/proc/stat`` cannot be read, every usable core counts as idle.
    """

    WINDOW = 0.1
    #: idle time of the usable cores, in cores, that starts one worker
    THRESHOLD = 0.5

    def __init__(self, stat: Path = Path("/proc/stat")) -> None:
        import time

        self.stat = stat
        self.clock = time.monotonic
        self.cpus = {f"cpu{n}" for n in _affinity()}
        self.since = self.clock()
        self.last = self._read()

    def _read(self) -> dict[str, tuple[int, int]] | None:
        """Idle and total ticks of each usable core; None if unknown."""
        try:
            text = self.stat.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError):
            return None
        ticks: dict[str, tuple[int, int]] = {}
        for line in text.splitlines():
            name, _, rest = line.partition(" ")
            if name in self.cpus:
                fields = [int(f) for f in rest.split()[:8] if f.isdigit()]
                if len(fields) >= 5:
                    # user nice system idle iowait irq softirq steal; steal is time the
                    # host gave another machine: busy, as far as this one can tell
                    ticks[name] = (fields[3] + fields[4], sum(fields))
        return ticks or None

    def idle_cores(self) -> float | None:
        """Cores idle since the last look (then a new window begins), or None while the
        window is shorter than :attr:`WINDOW`."""
        now = self.clock()
        if now - self.since < self.WINDOW:
            return None
        current = self._read()
        previous, self.last, self.since = self.last, current, now
        if current is None or previous is None:
            return float(len(self.cpus))
        idle = 0.0
        for name, (free, total) in current.items():
            if name in previous:
                was_free, was_total = previous[name]
                if total > was_total:
                    idle += (free - was_free) / (total - was_total)
        return idle


def _affinity() -> list[int]:
    try:
        return sorted(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return list(range(os.cpu_count() or 1))


def _run_workers(
    files: list[Path],
    n_targets: int,
    settings: Settings,
    kinds: Sequence[str],
    jobs: int,
    watch: IdleWatch | None,
    fact_keys: FactKeys | None = None,
) -> tuple[list[LoadOutcome], list[Problem]]:
    """Check with up to ``jobs - 1`` workers and this process, taking files from one
    queue.

    The files are handed out one at a time, largest first, to whichever process asks
    next, so a process that gets less of a CPU (a busy neighbour on its core) reads
    fewer files and the others are never kept waiting for a share fixed in advance.
    Without ``watch`` the workers start at once; with it, each starts while this process
    reads, once ``watch`` sees a core idle and enough work is left to pay for it.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    sizes = [_size(path) for path in files]
    order = sorted(range(len(files)), key=lambda i: (-sizes[i], i))
    # bytes left in the queue once its first k files are taken
    left = [0] * (len(order) + 1)
    for k in range(len(order) - 1, -1, -1):
        left[k] = left[k + 1] + sizes[order[k]]
    taken = context.Value("q", 0)
    workers: list[tuple[Any, Connection]] = []

    def start_worker() -> None:
        mine, theirs = context.Pipe()
        process = context.Process(
            target=_worker,
            args=(theirs, files, order, taken, n_targets, settings, kinds, fact_keys),
            daemon=True,
        )
        process.start()
        theirs.close()
        workers.append((process, mine))

    def maybe_start() -> None:
        """Between two files of this process: start workers where a core is idle."""
        if watch is None or len(workers) >= jobs - 1:
            return
        idle = watch.idle_cores()
        if idle is None or left[min(taken.value, len(order))] < MIN_BYTES_PER_JOB:
            return
        for _ in range(min(jobs - 1 - len(workers), int(idle + 1 - IdleWatch.THRESHOLD))):
            start_worker()

    try:
        if watch is None:
            for _ in range(jobs - 1):
                start_worker()
        stream = _Stream(settings, kinds, fact_keys)
        own = _read_queue(stream, files, order, taken, n_targets, maybe_start)
        outcomes: list[LoadOutcome | None] = [None] * len(files)
        facts: list[dict[str, Any] | None] = [None] * len(files)
        sums: list[dict[str, Any]] = []
        for indices, loaded, found, summed in [own, *(_receive(conn) for _, conn in workers)]:
            for i, outcome, fact in zip(indices, loaded, found, strict=True):
                outcomes[i], facts[i] = outcome, fact
            sums.append(summed)
        del own
        gathered = gather(kinds, facts, sums)
        del facts, sums
        in_one = len(files) > FINISH_IN_ONE_PROCESS
        for _, conn in workers:
            conn.send(None if in_one else gathered)  # None: hand the begun files over
        if in_one:
            for _, conn in workers:
                stream.pending.extend(_receive(conn))
        by_target: list[list[Problem]] = [[] for _ in range(n_targets)]
        for i, problems in stream.finish(gathered):
            by_target[i] = problems
        if not in_one:
            for _, conn in workers:
                for i, problems in _receive(conn):
                    by_target[i] = problems
        for process, conn in workers:
            conn.close()
            process.join()
    finally:
        for process, _ in workers:
            if process.is_alive():
                process.kill()
                process.join()
    loads = [o for o in outcomes[:n_targets] if o is not None]
    return loads, [p for problems in by_target for p in problems]


def _read_queue(
    stream: _Stream,
    files: Sequence[Path],
    order: Sequence[int],
    taken: Any,
    n_targets: int,
    between: Callable[[], None] | None = None,
) -> tuple[list[int], list[LoadOutcome], list[dict[str, Any] | None], dict[str, Any]]:
    """Read the files this process takes from the shared queue, one at a time (calling
    ``between`` before taking each)."""

    def mine() -> Iterator[int]:
        while True:
            if between is not None:
                between()
            with taken.get_lock():
                k = taken.value
                taken.value = k + 1
            if k >= len(order):
                return
            yield order[k]

    indices: list[int] = []

    def items() -> Iterator[tuple[int, Path]]:
        for i in mine():
            indices.append(i)
            yield i, files[i]

    outcomes, facts, sums = stream.read(items(), n_targets)
    return indices, outcomes, facts, sums


def _receive(conn: Connection) -> Any:
    try:
        status, payload = conn.recv()
    except EOFError:
        if address_space_limited():
            # A worker that runs out of memory answers so (below), unless the answer
            # itself cannot be made: then it ends without a word. Under an
            # address-space limit (which the workers share) that is the likely cause,
            # and the one line the run ends with says what to do about it.
            raise MemoryError("a worker process ended without an answer") from None
        raise WorkerFailed("a worker process ended without an answer") from None
    if status == "memory":
        raise MemoryError("a worker process ran out of memory")
    if status == "error":
        raise WorkerFailed(payload)
    return payload


def _worker(
    conn: Connection,
    files: list[Path],
    order: list[int],
    taken: Any,
    n_targets: int,
    settings: Settings,
    kinds: Sequence[str],
    fact_keys: FactKeys | None = None,
) -> None:
    try:
        stream = _Stream(settings, kinds, fact_keys)
        conn.send(("ok", _read_queue(stream, files, order, taken, n_targets)))
        gathered = conn.recv()
        if gathered is None:  # the parent finishes every file
            conn.send(("ok", stream.hand_over()))
        else:
            conn.send(("ok", stream.finish(gathered)))
    except BaseException as exc:
        # out of memory: the parent tells it as such, in one line; anything else is
        # reported to the parent, which fails the run
        if is_out_of_memory(exc):
            answer = ("memory", "")
        else:
            import traceback

            answer = ("error", traceback.format_exc())
        with contextlib.suppress(OSError):
            conn.send(answer)
    finally:
        conn.close()
