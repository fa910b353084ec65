"""Applying fixes: ``pdp-lint fix`` and ``check --fix``.

Fixes are exact text edits on the source, not a re-serialisation of the YAML, so
everything a fix does not touch stays byte-identical: comments, key order, quoting,
block scalars, indentation, line endings, the final newline or its absence, a BOM and
the file's encoding. A file with nothing to fix is not rewritten.

Fixing runs in passes (a fix can uncover another problem, and overlapping edits wait
for the next pass) until nothing changes. Every pass re-checks the new text in memory;
a file whose fixed text no longer loads cleanly keeps its previous text, so a fix can
never break a framework. Its edits are then tried one at a time, and each that leaves
the file loading is kept: one bad fix does not hold back the others. Files are written
once, at the end, atomically; a symbolic
link is followed (the file it names is fixed, the link kept) and a file with several
hard links is rewritten in place so that all its names see the fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import msgspec

from pdp_lint.atomic import write_file_through_links
from pdp_lint.engine.check import CheckResult, run_check
from pdp_lint.engine.config import Settings
from pdp_lint.fix.edits import apply_edits
from pdp_lint.load.loader import Loaded, load_text
from pdp_lint.model.problem import Edit

MAX_PASSES = 10
#: a file whose edits together break it is retried edit by edit up to this many edits
#: (each one a load of the file); beyond, its fixes wait for a human
MAX_ONE_BY_ONE = 200


class FixWriteError(OSError):
    """A fixed file that could not be written, told in one line by the command line."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror)
        self.path = path
        self.cause = cause

    @property
    def message(self) -> str:
        reason = (self.cause.strerror or str(self.cause)).lower()
        hint = (
            "make the file and its folder writable"
            if isinstance(self.cause, PermissionError)
            else "free some space or check the disk"
        )
        return f"{self.path.as_posix()}: cannot write the fixed file: {reason}; {hint}"


class FixOutcome(msgspec.Struct):
    """What a fix run did and what is left."""

    result: CheckResult
    original: dict[Path, str] = msgspec.field(default_factory=dict)
    fixed: dict[Path, str] = msgspec.field(default_factory=dict)
    applied: dict[Path, int] = msgspec.field(default_factory=dict)

    @property
    def changed(self) -> list[Path]:
        return sorted(p for p, text in self.fixed.items() if text != self.original[p])

    def diff(self, color: bool = False) -> str:
        """A unified diff of every change, as ``git diff`` would show it.

        On the lines that change, characters a reader cannot see are shown by name
        (``<NBSP>``, ``<ZWSP>``, ``<TAB>``, ``<U+0007>``, and each trailing space as
        ``<SP>``; see ``show_invisible``), so replacing a non-breaking space by a space
        does not look like two identical lines. The diff is for reading: apply the
        changes with ``pdp-lint fix``.
        """
        out: list[str] = []
        for path in self.changed:
            name = path.as_posix()
            for line in difflib.unified_diff(
                _lines(self.original[path]),
                _lines(self.fixed[path]),
                f"a/{name}",
                f"b/{name}",
            ):
                out.append(_diff_line(line, color))
        text = "".join(out)
        return text if not text or text.endswith("\n") else text + "\n"


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their line breaks, broken at ``\n`` only, as the
    findings count lines (``str.splitlines`` also breaks at U+2028, NEL, form feeds,
    ...: the diff's line numbers were then not the file's)."""
    lines = [line + "\n" for line in text.split("\n")]
    last = lines.pop()[:-1]
    if last:
        lines.append(last)
    return lines


#: invisible or easily mistaken characters, by the short names Unicode charts use
INVISIBLE_NAMES = {
    "\t": "TAB",
    "\u00a0": "NBSP",
    "\u00ad": "SHY",
    "\u2007": "FIGSP",
    "\u202f": "NNBSP",
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u2060": "WJ",
    "\ufeff": "BOM",
}


def _is_invisible(char: str) -> bool:
    import unicodedata

    if char in INVISIBLE_NAMES:
        return True
    # control (Cc), format (Cf) and separator characters other than the plain space
    category = unicodedata.category(char)
    return category in {"Cc", "Cf", "Zl", "Zp"} or (category == "Zs" and char != " ")


def show_invisible(text: str, mark: Callable[[str], str] = lambda s: s) -> str:
    """``text`` with invisible characters named: ``<NBSP>``, ``<TAB>``, ``<U+200E>``.

    Trailing spaces become ``<SP>`` each. ``mark`` wraps each name (to colour it).
    """
    body = text.rstrip(" ")
    trailing = len(text) - len(body)
    out: list[str] = []
    for char in body:
        if _is_invisible(char):
            name = INVISIBLE_NAMES.get(char) or f"U+{ord(char):04X}"
            out.append(mark(f"<{name}>"))
        else:
            out.append(char)
    out.extend(mark("<SP>") for _ in range(trailing))
    return "".join(out)


def _diff_line(line: str, color: bool) -> str:
    """One line of a unified diff, invisible characters named on changed lines."""
    import click

    if line.startswith(("---", "+++", "@@")):
        return click.style(line.rstrip("\n"), bold=True) + "\n" if color else line
    if not line.startswith(("-", "+")):
        return line
    ending = line[len(line.rstrip("\r\n")) :]
    body = line[1 : len(line) - len(ending)]
    # a last line without a line break is followed by git's note, not by the next line
    end = "\n" if ending else "\n\\ No newline at end of file\n"
    if color:
        fg = "red" if line[0] == "-" else "green"
        shown = show_invisible(
            body, lambda name: click.style(name, reverse=True) + click.style("", fg=fg, reset=False)
        )
        return click.style(line[0] + shown, fg=fg) + end
    return line[0] + show_invisible(body) + end


def _edits_by_file(result: CheckResult, unsafe: bool) -> dict[str, list[Edit]]:
    out: dict[str, list[Edit]] = {}
    for problem in result.report.problems:
        fix = problem.fix
        if fix is None or (not fix.safe and not unsafe):
            continue
        out.setdefault(problem.file, []).extend(fix.edits)
    return out


def _one_by_one(item: Loaded, text: str, edits: list[Edit]) -> tuple[str, int]:
    """``text`` with each of ``edits`` that leaves the file loading cleanly, tried one at
    a time from the end of the file back (so that offsets stay), and how many were kept.
    Together the edits broke the file: one bad fix does not hold back the others."""
    assert item.source is not None
    unique = sorted(set(edits), key=lambda e: (e.start, e.end), reverse=True)
    if len(unique) > MAX_ONE_BY_ONE:
        return text, 0
    kept = 0
    before = len(text) + 1
    for edit in unique:
        if edit.end > before or edit.start > edit.end:
            continue  # overlaps one kept: the next pass takes it up
        new_text = text[: edit.start] + edit.text + text[edit.end :]
        source = msgspec.structs.replace(item.source, text=new_text)
        if load_text(source).framework is not None:
            text, kept, before = new_text, kept + 1, edit.start
    return text, kept


def _loads_cleanly(result: CheckResult, path: Path) -> bool:
    for item in result.loaded:
        if item.file == path:
            return item.framework is not None
    return False


def fix_paths(
    paths: list[Path], settings: Settings, *, unsafe: bool = False, write: bool = True
) -> FixOutcome:
    """Fix what can be fixed under ``paths``; write the files unless ``write`` is false."""
    texts: dict[Path, str] = {}
    result = run_check(paths, settings)
    outcome = FixOutcome(result)
    files = {item.display: item for item in result.loaded if item.source is not None}
    for item in files.values():
        assert item.source is not None
        outcome.original[item.file] = item.source.text
    for _ in range(MAX_PASSES):
        edits = _edits_by_file(result, unsafe)
        if not edits:
            break
        candidate = dict(texts)
        counts: dict[Path, int] = {}
        tried: dict[Path, tuple[Loaded, str, list[Edit]]] = {}
        for name, file_edits in edits.items():
            target = files.get(name)
            if target is None:
                continue
            current = candidate.get(target.file, outcome.original[target.file])
            new_text, applied = apply_edits(current, file_edits)
            if applied and new_text != current:
                candidate[target.file] = new_text
                counts[target.file] = applied
                tried[target.file] = (target, current, file_edits)
        if not counts:
            break
        trial = run_check(paths, settings, texts=candidate)
        progressed = False
        for path, applied in counts.items():
            if _loads_cleanly(trial, path):
                texts[path] = candidate[path]
            else:
                texts[path], applied = _one_by_one(*tried[path])
            if applied:
                outcome.applied[path] = outcome.applied.get(path, 0) + applied
                progressed = True
        if not progressed:
            break
        result = run_check(paths, settings, texts=texts)
    outcome.result = result
    outcome.fixed = {p: texts.get(p, t) for p, t in outcome.original.items()}
    if write:
        for path in outcome.changed:
            item = next(i for i in files.values() if i.file == path)
            assert item.source is not None
            try:
                write_file_through_links(path, item.source.encode(outcome.fixed[path]))
            except OSError as exc:
                raise FixWriteError(path, exc) from exc
    return outcome
