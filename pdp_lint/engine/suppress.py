"""Inline suppressions written as YAML comments.

``# pdp-lint: disable=DU01,TX02 reason`` after a value applies to that line, and to the
block below it when the line opens one; on a line of its own it applies to the next
line and its block. ``# pdp-lint: disable-file=SP01`` applies to the whole file.
Selectors are rule codes, names, groups or ``ALL``.
"""

from __future__ import annotations

import functools
import re

import msgspec

from pdp_lint import patterns
from pdp_lint.load.source import SourceText


@functools.cache
def _comment() -> re.Pattern[str]:
    # compiled when first needed: a clean check never needs it (start-up)
    return patterns.compile(
        r"(?:^|\s)#\s*pdp-lint:\s*(?P<kind>disable|disable-file)\s*=\s*"
        r"(?P<sel>[\w.\-]+(?:\s*,\s*[\w.\-]+)*)(?:\s+(?P<reason>\S.*))?\s*$"
    )


class Suppression(msgspec.Struct, eq=False):
    """One suppression comment and the lines it covers."""

    line: int
    column: int
    end_column: int
    selectors: tuple[str, ...]
    first: int
    last: int
    reason: str = ""
    used: set[str] = msgspec.field(default_factory=set)

    def covers(self, line: int) -> bool:
        return self.first <= line <= self.last


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _is_blank_or_comment(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith("#")


def parse_suppressions(source: SourceText) -> list[Suppression]:
    """Every suppression comment of a file with the lines it covers."""
    if "pdp-lint:" not in source.text:
        return []  # most files have none: no need to split the text into lines
    # broken at "\n" only, as positions count lines: str.splitlines also breaks at
    # U+2028, NEL, form feeds, ..., and a comment after one was taken for the next line's
    lines = [line.removesuffix("\r") for line in source.text.split("\n")]
    if lines[-1] == "":
        lines.pop()  # the text's last line break ends a line, it starts none
    out: list[Suppression] = []
    for number, text in enumerate(lines, start=1):
        if "pdp-lint:" not in text:
            continue
        match = _comment().search(text)
        if match is None:
            continue
        selectors = tuple(s.strip() for s in re.split(r"[,\s]+", match["sel"]) if s.strip())
        column = text.index("#", match.start()) + 1
        if match["kind"] == "disable-file":
            first, last = 1, len(lines)
        else:
            own_line = text[: column - 1].strip() == ""
            target = number
            if own_line:
                target = number + 1
                while target <= len(lines) and _is_blank_or_comment(lines[target - 1]):
                    target += 1
            first = last = min(target, len(lines))
            if target <= len(lines):
                base = lines[target - 1]
                indent = _indent(base)
                opens = base.split(" #", 1)[0].rstrip().endswith(":")
                follow = target + 1
                while follow <= len(lines):
                    nxt = lines[follow - 1]
                    if _is_blank_or_comment(nxt):
                        follow += 1
                        continue
                    deeper = _indent(nxt) > indent
                    compact = opens and _indent(nxt) == indent and nxt.lstrip().startswith("- ")
                    if not (deeper or compact):
                        break
                    last = follow
                    follow += 1
        out.append(
            Suppression(
                number,
                column,
                len(text) + 1,
                selectors,
                first,
                last,
                (match["reason"] or "").strip(),
            )
        )
    return out
