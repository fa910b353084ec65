"""The version rule: content that changed needs a new ``version``, and a removal a new
major version.

A framework's ``version`` tells the people on its ladders whether their expectations
changed. Against the base revision, a framework whose content changed while its
version did not is told (``VR01``), and so is one that removes an expectation (a
behavior, example, question, competency, role or role section: a breaking change for
the people on that ladder) with only a minor bump (``VR02``). Both point at the line of
``version`` in the new file. Versions are compared as dotted numbers (``1.2``); a
version that is not one is only checked for having changed.
"""

from __future__ import annotations

import re

from pdp_lint.changes.records import CHANGED, Changelog, FrameworkChanges
from pdp_lint.changes.render import plural
from pdp_lint.model.problem import Problem, Severity

NOT_BUMPED = ("VR01", "version.not-bumped")
MINOR_FOR_REMOVAL = ("VR02", "version.removal-needs-major")

_NUMBERS = re.compile(r"\d+(\.\d+)*")


def _numbers(version: str | None) -> tuple[int, ...] | None:
    if version is None or not _NUMBERS.fullmatch(version.strip()):
        return None
    return tuple(int(part) for part in version.strip().split("."))


def _next(version: str | None, major: bool) -> str | None:
    numbers = _numbers(version)
    if numbers is None:
        return None
    if major:
        return f"{numbers[0] + 1}.0"
    minor = numbers[1] + 1 if len(numbers) > 1 else 1
    return f"{numbers[0]}.{minor}"


def _problem(fw: FrameworkChanges, code: tuple[str, str], message: str) -> Problem:
    line, column = fw.version_line, fw.version_column
    return Problem(
        fw.file,
        line,
        column,
        line,
        column + len(repr(fw.new_version or "")),
        code[0],
        code[1],
        Severity.ERROR,
        message,
        "$.version",
        None,
    )


def version_problems(log: Changelog) -> list[Problem]:
    """The version rule's findings for every framework of ``log``."""
    out: list[Problem] = []
    for fw in log.frameworks:
        if fw.status != CHANGED or not fw.changes:
            continue
        removals = sum(1 for c in fw.changes if c.breaking)
        if fw.old_version == fw.new_version:
            suggested = _next(fw.new_version, major=removals > 0)
            advice = f"bump it to {suggested}" if suggested else "change it"
            if removals:
                advice += f" (a new major version: {plural(removals, 'expectation')} removed)"
            out.append(
                _problem(
                    fw,
                    NOT_BUMPED,
                    f"the content changed since {log.base} ({plural(len(fw.changes), 'change')}) "
                    f"but `version` is still {fw.new_version}; {advice}",
                )
            )
            continue
        old, new = _numbers(fw.old_version), _numbers(fw.new_version)
        if removals and old is not None and new is not None and new[0] <= old[0]:
            out.append(
                _problem(
                    fw,
                    MINOR_FOR_REMOVAL,
                    f"{plural(removals, 'expectation')} removed since {log.base}, a breaking "
                    f"change for the people on this ladder, but `version` went only from "
                    f"{fw.old_version} to {fw.new_version}; bump the major version to "
                    f"{_next(fw.old_version, major=True)}",
                )
            )
    return out
