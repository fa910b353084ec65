"""The one exception exporters raise for problems a user can fix."""

from __future__ import annotations

from pathlib import Path


class ExportError(Exception):
    """A problem told in one line (a bad template, clashing file names, a bad date).

    ``status`` is the exit status of the command: 1 for a problem in the frameworks,
    2 for a command used wrongly (an unreadable template, a bad environment variable).
    """

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def unwritable(out: Path, exc: OSError, what: str) -> ExportError:
    """The one line for an ``--out`` folder that cannot be made or written (exit 2)."""
    from pdp_lint.atomic import why_unwritable

    return ExportError(
        f"cannot write {what} to {out}: {why_unwritable(exc)}; choose another --out folder",
        2,
    )
