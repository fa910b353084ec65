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
    default=None,
    help="Output format [default: github under GitHub Actions, else text].",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Configuration file [default: nearest pdp-lint.toml or pyproject.toml].",
)
@click.option("--select", multiple=True, help="Run only these rules (code, name or group).")
@click.option("--ignore", multiple=True, help="Do not run these rules.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output [default: when writing to a terminal].",
)
def check(
    paths: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    config: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    color: bool | None,
) -> None:
    """Check framework files (default: the current directory) and report problems.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 a file could
    not be read, the configuration is wrong, or the command was used wrongly.
    """
    import os

    from pdp_lint.config import ConfigError, load_settings
    from pdp_lint.lint import run_check
    from pdp_lint.rules import resolve_selector

    targets = list(paths) or [Path()]
    try:
        settings = load_settings(config, start=targets[0] if targets[0].is_dir() else None)
    except ConfigError as exc:
        click.echo(f"pdp-lint: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for flag, values in (("--select", select), ("--ignore", ignore)):
        for value in values:
            if not resolve_selector(value):
                click.echo(
                    f"pdp-lint: {flag} {value}: no such rule, name or group; see `pdp-lint rules`",
                    err=True,
                )
                sys.exit(EXIT_USAGE)
    if select:
        settings.select, settings.extend_select = tuple(select), ()
    settings.ignore = settings.ignore + tuple(ignore)
    result = run_check(targets, settings)
    report = result.report
    if fmt is None:
        fmt = (
            "github"
            if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS
            else "text"
        )
    report.color = (output is None and sys.stdout.isatty()) if color is None else color
    text = REPORTERS[fmt]().render(report)
    if output is not None:
        from pdp_lint.atomic import write_text_atomic

        write_text_atomic(output, text)
    else:
        click.echo(text, nl=False)
    if result.unreadable:
        sys.exit(EXIT_USAGE)
    failing = {"error", "warning"} if strict else {"error"}
    sys.exit(
        EXIT_PROBLEMS if any(p.severity.value in failing for p in report.problems) else EXIT_OK
    )


@cli.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List every rule, or print the documentation of one (by code or name)."""
    from pdp_lint.ruledocs import render_rule, render_table
    from pdp_lint.rules import all_rules, resolve_selector

    if code is None:
        click.echo(render_table(all_rules().values()))
        return
    matched = resolve_selector(code)
    if not matched:
        click.echo(f"pdp-lint: no rule `{code}`; see `pdp-lint rules`", err=True)
        sys.exit(EXIT_USAGE)
    click.echo("\n\n".join(render_rule(r) for r in matched))


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
