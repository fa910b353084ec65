"""The date a handout carries, chosen so that the same input gives the same file.

In order: ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), else the time of the
last git commit that touched the framework file, else the file's modification time.
"""

from __future__ import annotations

import functools
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from exporters.errors import ExportError

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def source_date(file: Path) -> datetime:
    """When the content of ``file`` was last changed, as an aware UTC datetime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and epoch.strip():
        try:
            return datetime.fromtimestamp(int(epoch.strip()), UTC)
        except (ValueError, OverflowError, OSError):
            raise ExportError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970; "
                "set it to an integer such as the output of `git log -1 --format=%ct`",
                status=2,
            ) from None
    try:
        stat = file.stat()
    except OSError:
        return datetime.fromtimestamp(0, UTC)
    committed = _commit_time(file.resolve(), stat.st_mtime_ns, stat.st_size)
    seconds = committed if committed is not None else int(stat.st_mtime)
    return datetime.fromtimestamp(seconds, UTC)


@functools.lru_cache(maxsize=256)
def _commit_time(file: Path, mtime_ns: int, size: int) -> int | None:
    """Seconds of the last commit touching ``file``; None outside git or when untracked.

    ``mtime_ns`` and ``size`` only key the cache, so an edited file is asked again.
    """
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", file.name],
            cwd=file.parent,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip()
    return int(value) if done.returncode == 0 and value.isdigit() else None


def format_date(when: datetime, locale: str) -> str:
    """A date as readers of ``locale`` write it: ``2 March 2025`` or ``March 2, 2025``.

    Month names come from a table, not from the process locale, so output never varies
    with the machine's settings.
    """
    month = _MONTHS[when.month - 1]
    if locale == "en-US":
        return f"{month} {when.day}, {when.year}"
    if locale.startswith("en"):
        return f"{when.day} {month} {when.year}"
    return when.date().isoformat()
