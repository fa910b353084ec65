"""Regular expressions compiled once per installation, not once per process.

Python compiles a regular expression in Python code (``re._parser`` and
``re._compiler``) into a program for its C matching engine, every time a process starts.
pdp-lint's rules and loader compile some fifty expressions on import, several with large
character classes, and that is about a tenth of a one-file check's time. :func:`compile`
keeps each compiled program in a file beside the package's bytecode, as Python keeps
``.pyc`` files, and later processes hand the program straight to the engine.

The file is data: JSON decoded into numbers and strings by msgspec, never unpickled and
never run as Python. The engine checks every program it is given (a damaged one raises
RuntimeError "invalid SRE code") and any failure falls back to compiling the pattern as
``re.compile`` does, so a damaged, foreign or stale file costs only the time it would
have saved. The file names the exact Python build and the engine's version, and a program
is used only for the same pattern text and flags it was made from.

What the file holds is taken from what ``re._compiler.compile`` itself passes to the
engine (``_sre.compile``), so no part of the compiler is copied here. On a Python whose
compiler does not work that way, nothing is stored and :func:`compile` is
``re.compile``. Like bytecode, the file is not written when ``PYTHONDONTWRITEBYTECODE``
is set (``sys.dont_write_bytecode``) or the package folder is not writable.
"""

# os.path, not pathlib: see store_path
# ruff: noqa: PTH103, PTH105, PTH108, PTH118, PTH120, PTH123
from __future__ import annotations

import _thread
import contextlib
import os
import re
import sys
from typing import Any

_sre: Any
_re_compiler: Any
try:  # the matching engine and the compiler that feeds it (CPython's own modules)
    import _sre  # type: ignore[import-not-found,no-redef]
    from re import _compiler as _re_compiler  # type: ignore[attr-defined,no-redef]
except ImportError:  # another Python: compile as usual
    _sre = _re_compiler = None

#: at most this many programs are kept; past it, a write keeps only this process's
MAX_KEPT = 1000

#: one program as the engine takes it after the pattern: flags, code, groups, the
#: group names' numbers, and each group's name by number
Program = tuple[int, list[int], int, dict[str, int], list[str | None]]

_lock = _thread.allocate_lock()  # threading's own, without importing threading
#: the stored programs (read on the first compile), and those made by this process
_stored: dict[str, Program] | None = None
_made: dict[str, Program] = {}
_used: set[str] = set()


def store_path() -> str | None:
    """Where the programs are kept for this Python, or None when it has no bytecode tag.
    (A path of os.path, not pathlib: the check's start-up imports pathlib later, its own
    way; see pdp_lint.cli.preload.)"""
    tag = sys.implementation.cache_tag
    if tag is None or _sre is None:
        return None
    return os.path.join(os.path.dirname(__file__), "__pycache__", f"patterns.{tag}.json")


def _stamp() -> str:
    """The Python build and the engine's version the programs were made by."""
    return f"{sys.version} sre {getattr(_sre, 'MAGIC', '?')} {getattr(_sre, 'CODESIZE', '?')}"


def _key(pattern: str, flags: int) -> str:
    # escaped (as repr escapes, in ASCII): a pattern may hold a lone surrogate (a class of
    # broken characters), which UTF-8 cannot carry; no two patterns share a key
    return f"{flags}:{pattern!a}"


def _read() -> dict[str, Program]:
    path = store_path()
    if path is None:
        return {}
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return {}
    import msgspec

    try:
        stamp, programs = msgspec.json.decode(data, type=tuple[str, dict[str, Program]])
    except (msgspec.DecodeError, msgspec.ValidationError):
        return {}
    return programs if stamp == _stamp() else {}


class _Recorder:
    """Stands in for the engine's module while the compiler runs: passes every call on,
    and keeps the arguments of ``compile``."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)

    def compile(self, *args: Any) -> Any:
        self.calls.append(args)
        return _sre.compile(*args)


def _program(pattern: str, flags: int) -> tuple[re.Pattern[str], Program | None]:
    """Compile as ``re.compile`` does, and the program the engine was given, if it is
    one that can be stored and gives back the same expression."""
    recorder = _Recorder()
    _re_compiler._sre = recorder
    try:
        compiled: re.Pattern[str] = _re_compiler.compile(pattern, flags)
    finally:
        _re_compiler._sre = _sre
    if len(recorder.calls) != 1:
        return compiled, None
    args = recorder.calls[0]
    if (
        len(args) != 6
        or args[0] is not pattern
        or not isinstance(args[1], int)
        or not isinstance(args[2], list)
        or not isinstance(args[3], int)
        or not isinstance(args[4], dict)
        or not isinstance(args[5], tuple)
    ):
        return compiled, None
    # the compiler's opcodes are int subclasses; the engine reads plain numbers
    program: Program = (
        int(args[1]),
        [int(word) for word in args[2]],
        int(args[3]),
        {str(name): int(number) for name, number in args[4].items()},
        [None if name is None else str(name) for name in args[5]],
    )
    try:
        again = _run(pattern, program)
    except Exception:
        return compiled, None
    return compiled, program if again == compiled else None


def _run(pattern: str, program: Program) -> re.Pattern[str]:
    flags, code, groups, names, by_number = program
    made: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, names, tuple(by_number))
    return made


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the stored program when there is one."""
    global _stored
    if _re_compiler is None:
        return re.compile(pattern, flags)
    flags = int(flags)
    key = _key(pattern, flags)
    with _lock:
        if _stored is None:
            _stored = _read()
        program = _stored.get(key)
        if program is not None:
            try:
                compiled = _run(pattern, program)
            except Exception:  # a damaged or foreign program: compile it after all
                del _stored[key]
            else:
                _used.add(key)
                return compiled
        compiled, program = _program(pattern, flags)
        if program is not None:
            _made[key] = program
        return compiled


def save() -> None:
    """Keep the programs this process made for later processes (once, atomically); a
    folder that cannot be written is left alone."""
    if not _made or sys.dont_write_bytecode:
        return
    path = store_path()
    if path is None:
        return
    import msgspec

    global _stored
    with _lock:
        kept = dict(_stored or {})
        if len(kept) + len(_made) > MAX_KEPT:
            kept = {key: kept[key] for key in _used if key in kept}
        kept.update(_made)
        _made.clear()
        _stored = dict(kept)
    try:
        data = msgspec.json.encode((_stamp(), kept))
    except (msgspec.EncodeError, TypeError, ValueError):
        return
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "xb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
