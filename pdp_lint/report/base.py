"""What every reporter receives."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pdp_lint.model.problem import Problem


def relative_to_cwd(file: str) -> str | None:
    """``file`` as a POSIX path relative to the working directory, or None when outside it."""
    path = Path(file)
    if not path.is_absolute():
        return None if ".." in path.parts else path.as_posix()
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return None


def display_relative(file: str) -> str:
    """``file`` relative to the working directory when it is inside, else as given."""
    return relative_to_cwd(file) or file


def fingerprint(problem: Problem, file: str, seen: Counter[str]) -> str:
    """A stable identity for a problem, independent of line numbers.

    Built from the rule, the file, the node's JSON path and the message; identical
    problems in one file get ``:2``, ``:3``... so each stays distinct; ``seen`` counts
    the digests handed out so far in one report. The form is ``<digest>:<n>``.
    """
    import hashlib

    identity = "\0".join((problem.code, file, problem.path, problem.message))
    # surrogateescape: a file name's bytes that are not UTF-8, as the file system gave them
    digest = hashlib.sha256(identity.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    seen[digest] += 1
    return f"{digest}:{seen[digest]}"
