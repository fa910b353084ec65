"""The edits behind code actions: fixing, suppressing, and adding a word to the
vocabulary. They work on text and problems; the protocol layer turns them into
workspace edits."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pdp_lint.fix.edits import apply_edits
from pdp_lint.fix.fixer import MAX_PASSES
from pdp_lint.model.framework import Framework
from pdp_lint.model.problem import Problem, Span

#: what the suppression comment says until its author writes why
REASON_PLACEHOLDER = "<reason>"
_DISABLE = re.compile(r"(#\s*pdp-lint:\s*disable\s*=\s*)(?P<sel>[\w.\-]+(?:\s*,\s*[\w.\-]+)*)")

#: checks a text: its problems, and whether it loaded into the model
Check = Callable[[str], tuple[list[Problem], bool]]


def fix_text(text: str, check: Check, *, unsafe: bool = False) -> tuple[str, int]:
    """Fix one buffer as ``pdp-lint fix`` fixes a file: passes of non-overlapping
    fixes, each re-checked, a pass that would stop the text from loading dropped.
    Returns the new text and how many fixes were applied."""
    problems, _ = check(text)
    total = 0
    for _ in range(MAX_PASSES):
        edits = [
            e for p in problems if p.fix is not None and (p.fix.safe or unsafe) for e in p.fix.edits
        ]
        if not edits:
            break
        candidate, applied = apply_edits(text, edits)
        if not applied or candidate == text:
            break
        found, loads = check(candidate)
        if not loads:
            break
        text, problems, total = candidate, found, total + applied
    return text, total


def _scalar_spans(framework: Framework) -> list[Span]:
    """Spans of every text value of the model (those a comment cannot go inside)."""
    out: list[Span] = []
    for node in framework.nodes():
        for name, span in node.spans.items():
            value = getattr(node, name, None) if "[" not in name else ""
            if isinstance(value, str | int):
                out.append(span)
    return out


def suppression_edit(
    text: str, problem: Problem, framework: Framework | None
) -> tuple[int, int, str] | None:
    """Where and what to write to suppress ``problem`` with a comment: a character
    range of ``text`` and its replacement.

    The comment goes at the end of the problem's line, or, when that line is inside a
    text written over several lines (where a `#` would be part of the text), or
    already carries a comment, on a line of its own above the value's first line (a
    comment there covers the value's whole block). An existing suppression comment
    there gets the code added instead.
    """
    lines = text.split("\n")
    row = problem.line - 1
    if not 0 <= row < len(lines):
        return None
    inside = [
        s
        for s in (_scalar_spans(framework) if framework is not None else [])
        if s.line <= problem.line <= s.end_line
    ]
    innermost = min(inside, key=lambda s: s.end_index - s.start_index, default=None)
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    comment = f"# pdp-lint: disable={problem.code} {REASON_PLACEHOLDER}"
    if innermost is not None and innermost.end_line > innermost.line:
        row = innermost.line - 1
    elif "#" not in lines[row]:
        body = lines[row].rstrip("\r")
        end = starts[row] + len(body.rstrip())
        return end, starts[row] + len(body), f"  {comment}"
    # a comment of its own above ``row``: extend one that is there already
    above = row - 1
    if above >= 0:
        match = _DISABLE.search(lines[above])
        if match is not None and lines[above].lstrip().startswith("#"):
            at = starts[above] + match.end("sel")
            return at, at, f",{problem.code}"
    line = lines[row]
    indent = line[: len(line) - len(line.lstrip(" "))]
    newline = "\r\n" if line.endswith("\r") else "\n"
    return starts[row], starts[row], f"{indent}{comment}{newline}"


def vocabulary_term(word: str) -> str:
    """How to write a word in the vocabulary: lower case (accepted in any
    capitalisation) unless its capitals are more than a sentence's first letter."""
    if word[:1].isupper() and word[1:] == word[1:].lower():
        return word.lower()
    return word


def add_to_vocabulary(path: Path, word: str) -> bool:
    """Add ``word`` to a vocabulary file (atomically); False if it is there already."""
    from pdp_lint.atomic import write_text_atomic

    term = vocabulary_term(word)
    text = path.read_text("utf-8") if path.exists() else ""
    if term in (line.strip() for line in text.splitlines()):
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    write_text_atomic(path, text + term + "\n")
    return True


def misspelt_word(text: str, start: int, end: int) -> str | None:
    """The word a spelling finding is about: the text of its range, if it is one word."""
    word = text[start:end]
    return word if word and re.fullmatch(r"[^\W\d_]+(?:['’][^\W\d_]+)*", word) else None
