"""File to model: read, decode, compose, check YAML traps, validate, build.

Every failure becomes a Problem at file:line:col; nothing here raises for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pdp_lint.build import build_framework
from pdp_lint.fastyaml import compose_fast
from pdp_lint.model import Framework
from pdp_lint.problem import Problem, Severity, Span
from pdp_lint.schema import validate
from pdp_lint.source import DEFAULT_MAX_BYTES, ReadError, SourceText, read_source
from pdp_lint.yamlnodes import YamlSyntaxError, compose

READ_CODE, READ_NAME = "IO01", "input.unreadable"
SCHEMA_CODE, SCHEMA_NAME = "SC01", "schema.violation"


@dataclass(slots=True)
class Loaded:
    """The outcome of loading one file."""

    file: Path
    source: SourceText | None = None
    framework: Framework | None = None
    problems: list[Problem] = field(default_factory=list)
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
        quick = compose_fast(source)
        if quick is not None and not validate(quick):
            out.framework = build_framework(quick, source.path)
            return out
    try:
        doc = compose(source)
    except YamlSyntaxError as exc:
        out.problems.append(_problem(shown, "SY01", "syntax.yaml", exc.message, exc.span))
        return out
    for issue in doc.issues:
        out.problems.append(_problem(shown, issue.code, issue.name, issue.message, issue.span))
    violations = validate(doc)
    for v in violations:
        out.problems.append(
            _problem(shown, SCHEMA_CODE, SCHEMA_NAME, v.message, v.span, v.path, v.suggestion)
        )
    if not violations and not doc.issues:
        out.framework = build_framework(doc, source.path)
    return out


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Load one framework file into the model, or into problems saying why not."""
    try:
        source = read_source(path, max_bytes)
    except ReadError as exc:
        span = Span(exc.line, exc.column, exc.line, exc.column + 1)
        loaded = Loaded(path, unreadable=True)
        loaded.problems.append(_problem(path.as_posix(), READ_CODE, READ_NAME, exc.message, span))
        return loaded
    return load_text(source)
