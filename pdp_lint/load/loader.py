"""File to model: read, decode, compose, check YAML traps, validate, build.

Every failure becomes a Problem at file:line:col; nothing here raises for bad input.
"""

from __future__ import annotations

import gc
from ctypes import ArgumentError
from pathlib import Path

import msgspec

from pdp_lint.load.build import build_framework
from pdp_lint.load.compose import compose, compose_fast
from pdp_lint.load.nodes import Composed, Issue, YamlSyntaxError
from pdp_lint.load.schema import Violation, validate
from pdp_lint.load.source import DEFAULT_MAX_BYTES, ReadError, SourceText, decode, read_source
from pdp_lint.model.framework import Framework
from pdp_lint.model.problem import Problem, Severity, Span

READ_CODE, READ_NAME = "IO01", "input.unreadable"
SCHEMA_CODE, SCHEMA_NAME = "SC01", "schema.violation"


class Loaded(msgspec.Struct, eq=False):
    """The outcome of loading one file."""

    file: Path
    source: SourceText | None = None
    framework: Framework | None = None
    problems: list[Problem] = msgspec.field(default_factory=list)
    unreadable: bool = False

    @property
    def display(self) -> str:
        return self.file.as_posix()


def _problem(
    file: str,
    code: str,
    name: str,
    message: str,
    span: Span,
    path: str = "$",
    suggestion: str | None = None,
) -> Problem:
    return Problem(
        file,
        span.line,
        span.column,
        span.end_line,
        span.end_column,
        code,
        name,
        Severity.ERROR,
        message,
        path,
        suggestion,
    )


def load_text(source: SourceText, fast: bool = True) -> Loaded:
    """Load already-decoded text; used by ``load_file`` and by tests.

    Clean documents take the rapidyaml fast path; anything it declines, and any document
    the schema finds fault with, is read by libyaml, whose positions and explanations
    every message about a file's structure comes from.
    """
    out = Loaded(source.path, source)
    shown = source.display
    if fast:
        try:
            quick = compose_fast(source, keys=False)  # see compose_fast
        except (RecursionError, ArgumentError):
            # nested too deeply (inside a ctypes call it arrives as an ArgumentError):
            # libyaml below explains it
            quick = None
        if quick is not None and not validate(quick):
            out.framework = build_framework(quick, source.path)
            return out
    doc: Composed | None = None
    try:
        doc = compose(source)
    except YamlSyntaxError as exc:
        message = _syntax_message(source, exc)
        out.problems.append(_problem(shown, exc.code, exc.name, message, exc.span))
    _free_parser()  # after the except block, which holds the parser's frames
    if doc is None:
        return out
    for issue in doc.issues:
        out.problems.append(_problem(shown, issue.code, issue.name, issue.message, issue.span))
    violations = _unexplained(validate(doc), doc.issues, source.text)
    for v in violations:
        out.problems.append(
            _problem(shown, SCHEMA_CODE, SCHEMA_NAME, v.message, v.span, v.path, v.suggestion)
        )
    if not violations and not doc.issues:
        out.framework = build_framework(doc, source.path)
    return out


def _free_parser() -> None:
    """Free what the careful path's parser left of the document just read.

    ruamel.yaml makes a loader class and a loader that refers to itself for every
    document: cyclic garbage that only the collector frees, and a check pauses the
    collector while it loads (see pdp_lint.engine.check), so a run of many files would keep
    every file's parser. Collecting the youngest generation frees it and costs only
    the objects made since the last collection: each object is looked at once.
    """
    gc.collect(0)


def _syntax_message(source: SourceText, exc: YamlSyntaxError) -> str:
    """libyaml's message, or a plain one where its wording is obscure (tabs)."""
    line = source.line_text(exc.span.line)
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" in indent and exc.span.column <= len(indent) + 1:
        return f"line {exc.span.line} is indented with a tab; tabs cannot indent YAML, use spaces"
    return exc.message


#: issues that leave nothing in place of the value they are about
_VALUE_DROPPED = {"SY03", "SY04", "SY06"}


def _unexplained(violations: list[Violation], issues: list[Issue], text: str) -> list[Violation]:
    """Schema violations other than "is empty" where a YAML issue dropped the value.

    A refused tag or alias leaves no value behind, and the schema would add a second,
    misleading line ("`title` is empty") about the one problem already told.
    """
    if not any(i.code in _VALUE_DROPPED for i in issues):
        return violations

    def told(v: Violation) -> bool:
        # a value written as nothing or `null` is genuinely empty; anything else that
        # arrived empty was dropped by one of the issues
        raw = text[v.span.start_index : v.span.end_index].strip()
        return v.empty and raw not in ("", "~", "null", "Null", "NULL")

    return [v for v in violations if not told(v)]


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Load one framework file into the model, or into problems saying why not."""
    try:
        source = read_source(path, max_bytes)
    except ReadError as exc:
        return _unreadable(path, exc)
    return load_text(source)


def load_unsaved(path: Path, text: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Load the text of an editor's buffer as ``load_file`` would load it once saved
    (as UTF-8): the same size limit and the same refusals (NUL bytes) apply."""
    data = text.encode("utf-8", "surrogatepass")
    try:
        if len(data) > max_bytes:
            raise ReadError(
                f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit; "
                "split it or raise `max-file-size` in the configuration"
            )
        source = decode(path, data)
    except ReadError as exc:
        return _unreadable(path, exc)
    return load_text(source)


def _unreadable(path: Path, exc: ReadError) -> Loaded:
    span = Span(exc.line, exc.column, exc.line, exc.column + 1)
    loaded = Loaded(path, unreadable=True)
    loaded.problems.append(_problem(path.as_posix(), READ_CODE, READ_NAME, exc.message, span))
    return loaded
