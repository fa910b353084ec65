"""The ``pdp-lint changes`` command; ``pdp_lint.cli.commands`` loads it only when it is used."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from pdp_lint.changes.render import RENDERERS
from pdp_lint.engine.discovery import default_paths
from pdp_lint.report import REPORTERS

if TYPE_CHECKING:
    from pdp_lint.changes.records import Changelog

EXIT_OK, EXIT_CHANGES, EXIT_USAGE = 0, 1, 2
WORKING_TREE = "working tree"
#: the formats of the version report of ``--check`` (those of ``pdp-lint check``)
CHECK_FORMATS = tuple(sorted(REPORTERS))


def _fail(message: str) -> NoReturn:
    click.echo(f"pdp-lint: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _exists(value: str) -> bool:
    try:
        return Path(value).exists()
    except (OSError, ValueError):
        return False


@click.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option(
    "--path",
    "paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="With revisions: compare only the frameworks in this file or folder; repeat "
    "for several [default: frameworks/ if present, else here].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted({*RENDERERS, *CHECK_FORMATS})),
    default=None,
    help="text, markdown or json [default: text]; with --check, a format of `pdp-lint "
    "check` [default: github under GitHub Actions, else text].",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="List at most this many changes per framework in text and Markdown, then say "
    "how many more [default: all]; JSON always has every change.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output [default: when writing to a terminal].",
)
@click.option(
    "--exit-code", is_flag=True, help="Exit 1 when something changed, as `git diff --exit-code`."
)
@click.option(
    "--check",
    "check_versions",
    is_flag=True,
    help="Instead of the changes, report frameworks whose content changed without a new "
    "`version`, or that remove expectations with only a minor bump; exit 1 if any.",
)
def changes(
    old: str | None,
    new: str | None,
    paths: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    limit: int | None,
    color: bool | None,
    exit_code: bool,
    check_versions: bool,
) -> None:
    """Show what changed in the frameworks between OLD and NEW.

    OLD and NEW are git revisions (default: the latest tag, else the last commit,
    against the working tree), or two framework files or folders; a revision and a
    file or folder compare that path at the revision with it now. Per framework, per
    role and competency: behaviors, examples and questions added, removed, reworded
    (word by word) or moved, roles and competencies added, removed or renamed, changed
    summaries and definitions, and glossary changes.

    Exit status: 0 (with --exit-code: 0 nothing changed, 1 something did; with --check:
    1 a version was not bumped as it should be), 2 a revision, file or folder could not
    be read or the command was used wrongly.
    """
    from pdp_lint.changes.changelog import build
    from pdp_lint.changes.sources import SourceError, default_base, from_paths, from_revision

    fmt = _format(fmt, check_versions)
    if paths and old is not None and _exists(old):
        _fail("--path limits a comparison of revisions; with two files or folders, omit it")
    targets = default_paths(paths)
    try:
        if old is not None and _exists(old):
            if new is None or not _exists(new):
                _fail(
                    f"{old} is a file or folder, so NEW must be one too"
                    + (f": {new} does not exist" if new is not None else "")
                    + "; to compare at revisions, pass --path"
                )
            base = from_paths([Path(old)], old)
            head = from_paths([Path(new)], new)
        else:
            rev = old if old is not None else default_base()
            if new is not None and _exists(new):
                # this file or folder now against the same path at the revision
                base = from_revision(rev, [Path(new)])
                head = from_paths([Path(new)], new)
            else:
                base = from_revision(rev, targets)
                if new is None:
                    head = from_paths(targets, WORKING_TREE)
                else:
                    head = from_revision(new, targets)
    except SourceError as exc:
        _fail(exc.message)
    if paths and not base.frameworks and not head.frameworks:
        # a --path with a slip in it compared nothing, silently
        named = ", ".join(p.as_posix() for p in paths)
        _fail(f"--path {named}: no framework there in {base.label} or {head.label}")
    log = build(
        base.frameworks,
        head.frameworks,
        base.label,
        head.label,
        pair_files=base.single and head.single,
    )
    if color is None:
        color = output is None and sys.stdout.isatty()
    if check_versions:
        _check(log, fmt, output, head.on_disk, color)
    color = color and fmt == "text"
    _write(RENDERERS[fmt](log, color=color, limit=limit), output, color)
    sys.exit(EXIT_CHANGES if exit_code and not log.empty else EXIT_OK)


def _format(fmt: str | None, check_versions: bool) -> str:
    if check_versions:
        if fmt is None:
            github = os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS
            return "github" if github else "text"
        if fmt not in REPORTERS:
            _fail(f"--check writes a report like `pdp-lint check`: --format {fmt} is not one")
        return fmt
    if fmt is None:
        return "text"
    if fmt not in RENDERERS:
        _fail(f"--format {fmt} is for --check; the changes are text, markdown or json")
    return fmt


def _write(text: str, output: Path | None, color: bool = False) -> None:
    from pdp_lint.report import valid_unicode

    text = valid_unicode(text)
    if output is not None:
        from pdp_lint.atomic import write_text_atomic
        from pdp_lint.cli.fastcheck import cannot_write

        try:
            write_text_atomic(output, text)
        except OSError as exc:  # a file where a folder belongs, no permission, ...
            cannot_write(output, exc, "the changes", "--output path")
    elif text:
        # click removes colour codes from output that is not a terminal unless told
        click.echo(text, nl=False, color=color or None)


def _check(log: Changelog, fmt: str, output: Path | None, on_disk: bool, color: bool) -> NoReturn:
    """Report the version rule's findings as `check` reports problems; exit 1 if any."""
    from pdp_lint.changes.versions import version_problems
    from pdp_lint.model.problem import Report

    problems = version_problems(log)
    files = [fw.file for fw in log.frameworks]
    texts: dict[str, list[str]] = {}

    def source_line(file: str, line: int) -> str:
        # the new side is on disk: show the `version` line as `check` shows a problem
        if not on_disk:
            return ""
        if file not in texts:
            try:
                texts[file] = Path(file).read_text("utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                texts[file] = []
        lines = texts[file]
        return lines[line - 1] if 0 < line <= len(lines) else ""

    report = Report(problems, len(files), source_line=source_line, files=files)
    report.color = color
    _write(REPORTERS[fmt]().render(report), output, color)
    sys.exit(EXIT_CHANGES if problems else EXIT_OK)
