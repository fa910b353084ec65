"""The ``pdp-lint`` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pdp_lint import __version__
from pdp_lint.reporters import REPORTERS

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Group(click.Group):
    """Usage errors exit 2 with one line (click's default), other errors without traces."""


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pdp-lint")
def cli() -> None:
    """Lint and publish professional development path (PDP) frameworks."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: when writing to a terminal).",
)
def check(paths: tuple[Path, ...], fmt: str, color: bool | None) -> None:
    """Check framework files (default: the current directory) and report problems.

    Exit status: 0 no errors, 1 errors found, 2 a file could not be read or the
    command was used wrongly.
    """
    from pdp_lint.lint import run_check

    report, unreadable = run_check(list(paths) or [Path()])
    report.color = sys.stdout.isatty() if color is None else color
    click.echo(REPORTERS[fmt]().render(report), nl=False)
    if unreadable:
        sys.exit(EXIT_USAGE)
    if any(p.severity.value == "error" for p in report.problems):
        sys.exit(EXIT_PROBLEMS)
    sys.exit(EXIT_OK)


def main() -> None:
    """Entry point of the ``pdp-lint`` script.

    An unexpected failure is a bug in pdp-lint, not in the user's files: it is told in
    one line with exit status 2; ``PDP_LINT_DEBUG=1`` shows the traceback.
    """
    import os

    try:
        cli(prog_name="pdp-lint", standalone_mode=True)
    except Exception as exc:  # the last line of defence
        if os.environ.get("PDP_LINT_DEBUG"):
            raise
        click.echo(
            f"pdp-lint: internal error: {type(exc).__name__}: {exc} "
            "(set PDP_LINT_DEBUG=1 for details and report it)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
