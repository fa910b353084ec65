"""Whether a failure is the process running out of memory.

A ``MemoryError`` always is. Some compiled extensions (the YAML parser's bindings among
them) return from a failed allocation without setting an exception, which Python then
raises as ``SystemError: error return without exception set``: that is running out of
memory too when the process has used nearly all the address space it may use
(``ulimit -v``). Any other ``SystemError`` stays what it is, a bug to report.

A system call that fails for want of memory (``OSError`` with ``ENOMEM``: mapping the word
list, starting a worker) is running out of memory too.

Likewise a compiled module imported when the address space is used up cannot be mapped:
the dynamic loader's ``failed to map segment from shared object`` (or ``cannot allocate
memory``) comes as an ``ImportError``. Under an address-space limit that is running out
of memory; without one it stays an error to report (a folder mounted ``noexec`` says the
same).
"""

from __future__ import annotations

import errno
import resource
from pathlib import Path

#: the share of the address-space limit beyond which a failed extension call is taken
#: for a failed allocation
NEAR_LIMIT = 0.85


def _peak_address_space() -> int | None:
    """The process's peak virtual memory in bytes (Linux), or None where not known."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _address_space_limit() -> int | None:
    """The process's address-space limit in bytes (``ulimit -v``), or None without one."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    return None if soft == resource.RLIM_INFINITY or soft <= 0 else soft


def address_space_limited() -> bool:
    """Whether the process runs under an address-space limit (``ulimit -v``)."""
    return _address_space_limit() is not None


def near_address_space_limit() -> bool:
    """True when the process has come near its address-space limit (``ulimit -v``)."""
    limit = _address_space_limit()
    if limit is None:
        return False
    peak = _peak_address_space()
    return peak is not None and peak >= NEAR_LIMIT * limit


#: what the dynamic loader says when it cannot map a compiled module into memory
UNMAPPED = "failed to map segment from shared object"


def is_out_of_memory(exc: BaseException) -> bool:
    """True for a ``MemoryError`` and a system call's ``ENOMEM``; for an extension's
    error return without an exception when the process is near its address-space limit;
    and for a compiled module the loader could not map into memory under such a limit."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
        return True  # a system call refused memory: mmap of the word list, fork, ...
    if isinstance(exc, SystemError) and "without exception set" in str(exc):
        return near_address_space_limit()
    if isinstance(exc, ImportError):
        message = str(exc).lower()
        if "cannot allocate memory" in message:
            return True
        return UNMAPPED in message and _address_space_limit() is not None
    return False
