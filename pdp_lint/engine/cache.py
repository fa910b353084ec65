"""A content-hash cache of whole check runs.

A run is keyed on pdp-lint's version and code, the effective configuration (with the
vocabulary files' contents), the paths asked for, and the content of every file read:
the files checked and the corpus that cross-file rules compare against. Any change to
any of them is a miss, so a hit can only ever give the answer a fresh run would give;
that makes it safe in CI too. Only the problems are stored; the text of a file is read
again when a report needs one of its lines.

The cache lives in ``.pdp-lint-cache/`` beside the configuration (or in the working
directory), holds a ``.gitignore`` so it is never committed, and keeps the most recent
entries only. ``--no-cache`` bypasses it.

An entry is data only: msgpack decoded by msgspec straight into the typed records below,
never unpickled. A damaged, foreign or hostile entry (a pickle planted by someone with
write access to the folder, say) fails to decode and is a miss: nothing in it can run.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import msgspec

from pdp_lint import __version__
from pdp_lint.atomic import write_bytes_atomic
from pdp_lint.engine.config import Settings
from pdp_lint.load.source import SETTINGS_MAX_BYTES, ReadError, read_regular
from pdp_lint.model.problem import Problem

CACHE_DIR = ".pdp-lint-cache"
KEEP = 32
_FORMAT = b"pdp-lint-cache-2\n"
_SUFFIX = ".msgpack"
#: entries written by earlier versions (pickles): never read, removed when the cache is next written
_OLD_SUFFIX = ".pickle"


class CachedRun(msgspec.Struct, forbid_unknown_fields=True):
    problems: list[Problem]
    files: list[str]
    unreadable: bool


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(CachedRun)


@functools.cache
def _code_fingerprint() -> bytes:
    """Identity of the installed code and data: every file's name, size and mtime.

    Taken once a process: the code a process runs is the code it started with, and a
    long-lived process (the language server, the tests) checks many times. Read with
    ``os.scandir``, which has each file's type without a call of its own.
    """
    root = Path(__file__).resolve().parents[1]  # the pdp_lint package
    lines: list[str] = []
    folders = [""]
    while folders:
        folder = folders.pop()
        with os.scandir(root / folder) as entries:
            for entry in entries:
                name = f"{folder}/{entry.name}" if folder else entry.name
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        folders.append(name)
                elif entry.name.endswith((".py", ".json", ".txt")):
                    stat = entry.stat()
                    lines.append(f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n")
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    digest.update("".join(sorted(lines)).encode())
    return digest.digest()


def _settings_fingerprint(settings: Settings) -> bytes:
    parts = [
        repr((settings.select, settings.extend_select, settings.ignore, settings.max_file_size)),
        repr(sorted((k, v.value) for k, v in settings.severity.items())),
        repr(sorted((k, repr(v)) for k, v in settings.options.items())),
        repr(settings.overrides),
        repr([p.as_posix() for p in settings.corpus]),
        settings.root.as_posix(),
    ]
    digest = hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogateescape"), digest_size=16)
    # each vocabulary file by its name and the digest of its bytes: fed back to back, the
    # same bytes split differently over two files ("zorbles" + "" and "zor" + "bles")
    # gave the same key, and a run answered from the cache with the old vocabulary
    for path in settings.vocabulary:
        digest.update(b"\0V" + path.as_posix().encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(file_digest(read_regular(path, SETTINGS_MAX_BYTES)))
        except ReadError as exc:
            digest.update(f"unreadable {exc.message}".encode())
        except OSError as exc:
            digest.update(f"unreadable {exc.errno}".encode())
    return digest.digest()


def file_digest(data: bytes) -> bytes:
    """The digest of a file's bytes that keys both caches: each file is read and hashed
    once a run (see :mod:`pdp_lint.engine.factcache`)."""
    return hashlib.blake2b(data, digest_size=16).digest()


class RunCache:
    """The cache entry of one run, found by hashing everything the run depends on."""

    def __init__(self, settings: Settings, key: str) -> None:
        self.dir = settings.root / CACHE_DIR
        self.key = key
        #: the digest of each file read (see :func:`file_digest`), by path
        self.digests: dict[Path, bytes] = {}

    @classmethod
    def for_run(
        cls, settings: Settings, requested: list[Path], targets: list[Path], corpus: list[Path]
    ) -> RunCache:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(_code_fingerprint())
        digest.update(_settings_fingerprint(settings))
        digest.update(repr([p.as_posix() for p in requested]).encode())
        digests: dict[Path, bytes] = {}
        for label, files in ((b"T", targets), (b"C", corpus)):
            for path in files:
                digest.update(label + path.as_posix().encode() + b"\0")
                try:
                    # read as the loader reads it: a path turned into a device after the
                    # files were found is not read without end here either
                    digests[path] = file_digest(read_regular(path, settings.max_file_size))
                except ReadError as exc:
                    digest.update(f"unreadable {exc.message}".encode())
                except OSError as exc:
                    digest.update(f"unreadable {exc.errno}".encode())
                else:
                    digest.update(digests[path])
        entry = cls(settings, digest.hexdigest())
        entry.digests = digests
        return entry

    @property
    def path(self) -> Path:
        return self.dir / f"{self.key}{_SUFFIX}"

    def load(self) -> CachedRun | None:
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        if not data.startswith(_FORMAT):
            return None
        try:
            return _DECODER.decode(memoryview(data)[len(_FORMAT) :])
        except (msgspec.DecodeError, ValueError, TypeError, RecursionError):
            return None  # a damaged, foreign or hostile entry is a miss, never an error

    def store(self, run: CachedRun) -> None:
        try:
            self.dir.mkdir(exist_ok=True)
            ignore = self.dir / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# written by pdp-lint\n*\n", encoding="utf-8")
            write_bytes_atomic(self.path, _FORMAT + _ENCODER.encode(run))
            entries = sorted(self.dir.glob(f"*{_SUFFIX}"), key=lambda p: p.stat().st_mtime_ns)
            for old in [*entries[:-KEEP], *self.dir.glob(f"*{_OLD_SUFFIX}")]:
                old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout simply runs without a cache
