"""The ``pdp-lint`` command line."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from pdp_lint import __version__
from pdp_lint.cli.fastcheck import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    Interrupted,
    guarded,
    report_check,
    use_color,
)
from pdp_lint.cli.fastcheck import emit as _emit
from pdp_lint.cli.fastcheck import exit_status as _exit_status
from pdp_lint.cli.fastcheck import settings_for as _settings
from pdp_lint.engine.discovery import default_paths
from pdp_lint.report import REPORTERS

if TYPE_CHECKING:
    from pdp_lint.engine.config import Settings
    from pdp_lint.fix.fixer import FixOutcome

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "Interrupted",
    "cli",
    "main",
    "use_color",
]


#: commands defined elsewhere, by name: "module:attribute". They are imported only when
#: used or listed (``--help``): the exporters bring their registry and the model, and
#: python-docx and Jinja2 later, none of which ``check`` needs; the language server
#: brings pygls and lsprotocol
LAZY_COMMANDS = {
    "changes": "pdp_lint.cli.changes:changes",
    "export": "exporters.commands:export",
    "import": "exporters.importing:import_command",
    "server": "pdp_lint.cli.server:server",
    "site": "exporters.commands:site",
    "vocabulary": "pdp_lint.cli.vocabulary:vocabulary",
}


class _Group(click.Group):
    """Usage errors exit 2 with one line (click's default), other errors without traces.

    The commands of ``LAZY_COMMANDS`` are loaded on first use.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list with each command's whole first sentence, wrapped, never cut.

        click cuts summaries to the terminal's width with "..."; a summary that says
        where a command looks by default is worth its second line.
        """
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is not None or cmd_name not in LAZY_COMMANDS:
            return command
        module, _, attribute = LAZY_COMMANDS[cmd_name].partition(":")
        loaded: click.Command = getattr(importlib.import_module(module), attribute)
        self.add_command(loaded, cmd_name)
        return loaded


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pdp-lint")
def cli() -> None:
    """Lint and publish professional development path (PDP) frameworks."""


def _run_options(func: Callable[..., None]) -> Callable[..., None]:
    """The options `check` and `fix` share: paths, configuration and rule selection."""
    for option in reversed(
        [
            click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
            click.option(
                "--config",
                type=click.Path(path_type=Path, dir_okay=False, exists=True),
                help="Configuration file [default: nearest pdp-lint.toml or pyproject.toml].",
            ),
            click.option(
                "--select", multiple=True, help="Run only these rules (code, name or group)."
            ),
            click.option("--ignore", multiple=True, help="Do not run these rules."),
            click.option(
                "--color/--no-color",
                default=None,
                help="Colour the text output, even when piped [default: on a terminal, "
                "unless NO_COLOR is set; FORCE_COLOR colours piped output too].",
            ),
        ]
    ):
        func = option(func)
    return func


@cli.command()
@_run_options
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
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only problems not recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record the current problems in this baseline file and exit 0.",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes first, then report what is left.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Do not use or update the cache of results (.pdp-lint-cache/).",
)
@click.option("--unsafe-fixes", is_flag=True, help="With --fix: also apply unsafe fixes.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    show_default=False,
    help="Processes to check with [default: 0: from 2 MB of YAML, one more for each core "
    "seen idle during the run, up to the usable cores].",
)
def check(
    paths: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    config: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool,
    baseline: Path | None,
    write_baseline: Path | None,
    fix: bool,
    no_cache: bool,
    unsafe_fixes: bool,
    jobs: int,
    color: bool | None,
) -> None:
    """Check framework files (default: frameworks/ if present, else here) and report problems.

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 a file could
    not be read, the configuration is wrong, or the command was used wrongly.
    """
    if unsafe_fixes and not fix:
        # alone, it rewrote the files as --fix --unsafe-fixes does, where its help says
        # "with --fix": a check that writes nothing unless asked to fix
        click.echo(
            "pdp-lint: --unsafe-fixes applies with --fix; add --fix to apply fixes (or run "
            "`pdp-lint fix --unsafe-fixes`)",
            err=True,
        )
        sys.exit(2)
    targets = default_paths(paths)
    settings = _settings(targets, config, select, ignore)
    if fix:
        _fix_and_report(targets, settings, unsafe_fixes, fmt, output, color, strict)
    report_check(
        targets,
        settings,
        fmt=fmt,
        output=output,
        strict=strict,
        no_cache=no_cache,
        jobs=jobs,
        color=color,
        baseline=baseline,
        write_baseline=write_baseline,
    )


def _fix_and_report(
    targets: list[Path],
    settings: Settings,
    unsafe: bool,
    fmt: str | None,
    output: Path | None,
    color: bool | None,
    strict: bool,
    diff: bool = False,
) -> NoReturn:
    """Fix, then report what is left for a human, as `check` would; exits."""
    from pdp_lint import api
    from pdp_lint.fix.fixer import FixWriteError

    try:
        outcome = api.fix(targets, settings, unsafe=unsafe, write=not diff)
    except FixWriteError as exc:
        click.echo(f"pdp-lint: {exc.message}", err=True)
        sys.exit(EXIT_USAGE)
    if diff:
        colored = use_color(color)
        click.echo(outcome.diff(color=colored), nl=False, color=colored)
        if outcome.result.unreadable:
            for problem in outcome.result.report.problems:
                if problem.code == "IO01":
                    click.echo(f"pdp-lint: {problem.file}: {problem.message}", err=True)
        click.echo(_diff_summary(outcome, unsafe), err=True)
        if outcome.result.unreadable:
            sys.exit(EXIT_USAGE)
        sys.exit(EXIT_PROBLEMS if outcome.changed else EXIT_OK)
    fixed = sum(outcome.applied.values())
    if fixed:
        files = len(outcome.changed)
        click.echo(
            f"Fixed {fixed} problem{'' if fixed == 1 else 's'} in {files} "
            f"file{'' if files == 1 else 's'}.",
            err=True,
        )
    result = outcome.result
    report = result.report
    report.files = result.files
    report.source_text = result.source_text
    _emit(report, fmt, output, color)
    sys.exit(_exit_status(report, result.unreadable, strict))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _diff_summary(outcome: FixOutcome, unsafe: bool) -> str:
    """What ``fix --diff`` would do and what would be left, in two lines."""
    checked = len(outcome.result.files)
    fixes = sum(outcome.applied.values())
    changed = len(outcome.changed)
    if fixes:
        head = (
            f"Would fix {_plural(fixes, 'problem')} in {_plural(changed, 'file')} "
            f"({checked} checked); run `pdp-lint fix{' --unsafe-fixes' if unsafe else ''}` "
            "to apply."
        )
    else:
        head = f"Nothing to fix in {_plural(checked, 'file')}."
    left = outcome.result.report.problems
    if not left:
        return head + "\nNothing would be left to fix by hand."
    counts = outcome.result.report.counts()
    parts = [_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
    text = f"{head}\nLeft after fixing: {', '.join(parts)}"
    guessed = 0 if unsafe else sum(1 for p in left if p.fix is not None and not p.fix.safe)
    if guessed:
        text += f" ({guessed} fixable with `pdp-lint fix --unsafe-fixes`)"
    return text + "; see `pdp-lint check`."


@cli.command()
@_run_options
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply fixes that may change meaning (spelling variants, guessed corrections).",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Print a unified diff, invisible characters named (<NBSP>, <TAB>), and what "
    "would be left; write nothing (exit 1 if there would be changes).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(REPORTERS)),
    default=None,
    help="Format of the report of what is left.",
)
@click.option("--strict", is_flag=True, help="Exit 1 if warnings are left too.")
def fix(
    paths: tuple[Path, ...],
    unsafe_fixes: bool,
    diff: bool,
    config: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fmt: str | None,
    strict: bool,
    color: bool | None,
) -> None:
    """Fix what can be fixed safely, then report what is left (like `check`).

    Only the characters a fix repairs change: comments, quoting, layout and line endings
    stay as they are, a file with nothing to fix is not rewritten, and files are written
    atomically. Exit status as for `check`, about the problems left.
    """
    targets = default_paths(paths)
    settings = _settings(targets, config, select, ignore)
    _fix_and_report(targets, settings, unsafe_fixes, fmt, None, color, strict, diff=diff)


@cli.command()
@click.argument("code", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "markdown", "json"]),
    default=None,
    help="table (the list), markdown (full documentation) or json [default: table for "
    "the list, markdown for one rule].",
)
def rules(code: str | None, fmt: str | None) -> None:
    """List every rule, or print the documentation of one (by code, name or group)."""
    from pdp_lint.report.ruledocs import RENDERERS
    from pdp_lint.rules import all_rules, resolve_selector

    if code is None:
        matched = list(all_rules().values())
        fmt = fmt or "table"
    else:
        matched = resolve_selector(code)
        if not matched:
            from pdp_lint.report.text import shown_name

            click.echo(f"pdp-lint: no rule `{shown_name(code)}`; see `pdp-lint rules`", err=True)
            sys.exit(EXIT_USAGE)
        fmt = fmt or "markdown"
    click.echo(RENDERERS[fmt](matched, code is None), nl=False)


def main() -> None:
    """Entry point of the ``pdp-lint`` program's click command line (see
    :func:`pdp_lint.cli.fastcheck.guarded` for how failures end)."""
    guarded(lambda: cli(prog_name="pdp-lint", standalone_mode=True))
