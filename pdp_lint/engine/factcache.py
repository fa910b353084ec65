"""A content-hash cache of each file's corpus facts, for the files a check only reads.

Checking one file (the pre-commit hook, an editor's save) reads every other framework
of the project too, for the rules that compare files: a copied summary, a role named
differently elsewhere, the project's own words. Those files are not checked; only
their corpus facts are taken (see :meth:`pdp_lint.rules.base.Context.facts`), and
loading them was nearly all of such a run in a large project: 2 s for one changed file
beside 416 others. The whole-run cache (:mod:`pdp_lint.engine.cache`) cannot help once
the checked file changes, which is when the hook runs.

Each read-only file's facts are kept under a key of pdp-lint's code, the effective
configuration, the kinds of facts asked for, the file's resolved path and its bytes: a
change to any of them is a miss, and the file is loaded as before. Only files that
load are kept. The kinds rules read only as a sum (the runs of words, the words of
names) are also kept added up over all the read-only files of a run, under a key of
all their keys (:meth:`FactCache.sums_key`), when one process reads them all: the next
such run takes the sum whole instead of adding up hundreds of files' counts again.
The entries live in ``.pdp-lint-cache/facts/`` (see :mod:`pdp_lint.engine.cache`), the
most recent :data:`KEEP` of them (or twice a run's files, if more).

An entry is data only: msgpack decoded by msgspec straight into each kind's declared
type (``corpus_fact(..., stored=...)``), never unpickled. A damaged, foreign or hostile
entry fails to decode and is a miss. Entries are written to a temporary file and
renamed, without waiting for the disk: a cache entry lost in a crash is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from pdp_lint.engine.cache import (
    CACHE_DIR,
    _code_fingerprint,
    _settings_fingerprint,
    file_digest,
)
from pdp_lint.engine.config import Settings
from pdp_lint.load.source import ReadError, read_regular

#: entries kept at least; more when a run reads more files than this
KEEP = 4_096
_FORMAT = b"pdp-lint-facts-1\n"
_SUFFIX = ".msgpack"
_ENCODER = msgspec.msgpack.Encoder()
_ENTRY = msgspec.msgpack.Decoder(list[msgspec.Raw])


class FactCache:
    """The facts cache of one run, for the facts of ``kinds``."""

    def __init__(self, settings: Settings, kinds: Sequence[str]) -> None:
        from pdp_lint.rules.base import FACT_STORED

        self.dir = settings.root / CACHE_DIR / "facts"
        self.max_bytes = settings.max_file_size
        self.kinds = list(kinds)
        self.decoders = [msgspec.msgpack.Decoder(FACT_STORED[k][0]) for k in self.kinds]
        self.restore = [FACT_STORED[k][1] for k in self.kinds]
        digest = hashlib.blake2b(_FORMAT, digest_size=16)
        digest.update(_code_fingerprint())
        digest.update(_settings_fingerprint(settings))
        digest.update("\0".join(self.kinds).encode())
        self.base = digest.digest()
        #: entries written by this run
        self.stored = 0

    @staticmethod
    def usable(kinds: Sequence[str]) -> bool:
        """Whether every kind of ``kinds`` says how it is kept (else nothing is)."""
        from pdp_lint.rules.base import FACT_STORED

        return bool(kinds) and all(kind in FACT_STORED for kind in kinds)

    def key(self, path: Path, content: bytes | None = None) -> str | None:
        """The entry's name for the file at ``path`` as it is now; None if unreadable.

        ``content``: the file's digest (:func:`~pdp_lint.engine.cache.file_digest`) when
        the run has it already (the whole-run cache reads every file)."""
        try:
            if content is None:
                content = file_digest(read_regular(path, self.max_bytes))
            where = str(path.resolve())
        except (OSError, RuntimeError, ReadError):
            return None
        digest = hashlib.blake2b(self.base, digest_size=20)
        digest.update(where.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(content)
        return digest.hexdigest()

    def holds(self, key: str) -> bool:
        """Whether an entry is kept under ``key`` (it may still fail to decode)."""
        return (self.dir / f"{key}{_SUFFIX}").is_file()

    def sums_key(self, keys: Iterable[str], summed: Sequence[str]) -> str:
        """The key of the ``summed`` kinds' facts of the files of ``keys`` added up: the
        read-only files of a run, whose sums a one-file run can take whole."""
        digest = hashlib.blake2b(self.base, digest_size=20)
        digest.update(("sums\0" + "\0".join(summed) + "\0").encode())
        digest.update("\n".join(sorted(keys)).encode())
        return digest.hexdigest()

    def get(self, key: str, kinds: Sequence[str] | None = None) -> dict[str, Any] | None:
        """The facts kept under ``key`` (of every kind, or of ``kinds``), by kind; None
        for a miss."""
        parts = self._read(key, len(self.kinds))
        wanted = self.kinds if kinds is None else kinds
        if parts is None:
            return None
        return self._decode({kind: parts[self.kinds.index(kind)] for kind in wanted})

    def get_sums(self, key: str, summed: Sequence[str]) -> dict[str, Any] | None:
        """The sums kept under ``key`` (see :meth:`sums_key`), by kind; None for a miss."""
        parts = self._read(key, len(summed))
        if parts is None:
            return None
        return self._decode(dict(zip(summed, parts, strict=True)))

    def _read(self, key: str, count: int) -> list[msgspec.Raw] | None:
        """The ``count`` values of the entry under ``key``, undecoded; None for a miss."""
        try:
            data = (self.dir / f"{key}{_SUFFIX}").read_bytes()
        except OSError:
            return None
        if not data.startswith(_FORMAT):
            return None
        try:
            parts = _ENTRY.decode(memoryview(data)[len(_FORMAT) :])
        except (msgspec.DecodeError, ValueError, TypeError, RecursionError):
            return None
        return parts if len(parts) == count else None

    def _decode(self, parts: dict[str, msgspec.Raw]) -> dict[str, Any] | None:
        """Each kind's value decoded into its stored type and restored; None if one does
        not decode (a damaged, foreign or hostile entry is a miss, never an error)."""
        facts: dict[str, Any] = {}
        try:
            for kind, part in parts.items():
                at = self.kinds.index(kind)
                value = self.decoders[at].decode(part)
                restore = self.restore[at]
                facts[kind] = restore(value) if restore is not None else value
        except (msgspec.DecodeError, ValueError, TypeError, RecursionError):
            return None
        return facts

    def put_sums(self, key: str, sums: dict[str, Any]) -> None:
        """Keep the ``sums`` (by kind, in the order of :meth:`sums_key`'s kinds)."""
        self._write(key, list(sums.values()))

    def put(self, key: str, facts: dict[str, Any]) -> None:
        """Keep ``facts`` (by kind) under ``key``; a folder that cannot be written is
        simply not used."""
        self._write(key, [facts[kind] for kind in self.kinds])

    def _write(self, key: str, values: list[Any]) -> None:
        try:
            data = _FORMAT + _ENCODER.encode(values)
        except (TypeError, ValueError, OverflowError):
            return  # a fact msgspec cannot write: the file is loaded next time
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            ignore = self.dir.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# written by pdp-lint\n*\n", encoding="utf-8")
            import tempfile  # only a run that keeps facts pays for it

            fd, name = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.dir)
            tmp = Path(name)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                tmp.replace(self.dir / f"{key}{_SUFFIX}")
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except OSError:
            return
        self.stored += 1

    def trim(self, files: int) -> None:
        """After a run that wrote entries: keep the newest ``max(KEEP, 2 * files)``."""
        if not self.stored:
            return
        keep = max(KEEP, 2 * files)
        try:
            with os.scandir(self.dir) as found:
                entries = [e for e in found if e.name.endswith(_SUFFIX)]
            if len(entries) <= keep:
                return
            entries.sort(key=lambda e: e.stat().st_mtime_ns)
            for old in entries[: len(entries) - keep]:
                with contextlib.suppress(OSError):
                    Path(old.path).unlink()
        except OSError:
            return
