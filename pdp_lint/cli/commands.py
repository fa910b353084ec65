"""The ``pdp-lint`` command line."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from pdp_lint import __version__
from pdp_lint.engine.discovery import default_paths
from pdp_lint.report import REPORTERS

if TYPE_CHECKING:
    from pdp_lint.engine.config import Settings
    from pdp_lint.fix.fixer import FixOutcome
    from pdp_lint.model.problem import Report

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


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
    help="Processes to check with [default: 0, as many as pay for the size of the run, "
    "up to the usable cores].",
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
    targets = default_paths(paths)
    settings = _settings(targets, config, select, ignore)
    if fix or unsafe_fixes:
        _fix_and_report(targets, settings, unsafe_fixes, fmt, output, color, strict)
    from pdp_lint.engine.check import run_check

    # a baseline maps problems to model nodes, so it needs a fresh run
    use_cache = not no_cache and baseline is None and write_baseline is None
    # a baseline maps problems to model nodes, which a streaming run does not keep
    stream = baseline is None and write_baseline is None
    result = run_check(targets, settings, cache=use_cache, stream=stream, jobs=jobs)
    report = result.report
    report.files = result.files
    report.source_text = result.source_text
    if write_baseline is not None:
        from pdp_lint.engine.baseline import write_baseline as write

        try:
            count = write(write_baseline, report.problems, result.loaded)
        except OSError as exc:
            _cannot_write(write_baseline, exc, "the baseline", "--write-baseline path")
        click.echo(
            f"pdp-lint: wrote {count} baseline entr{'y' if count == 1 else 'ies'} "
            f"to {write_baseline}",
            err=True,
        )
        sys.exit(EXIT_OK)
    if baseline is not None:
        from pdp_lint.engine.baseline import BaselineError, apply_baseline, read_baseline

        try:
            recorded = read_baseline(baseline)
        except BaselineError as exc:
            click.echo(f"pdp-lint: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        report.problems, report.stale_baseline = apply_baseline(
            report.problems, result.loaded, baseline, recorded
        )
    _emit(report, fmt, output, color)
    sys.exit(_exit_status(report, result.unreadable, strict))


def _is_dir(path: Path) -> bool:
    """Path.is_dir, except that a folder that cannot be looked at is not one."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _settings(
    targets: list[Path], config: Path | None, select: tuple[str, ...], ignore: tuple[str, ...]
) -> Settings:
    """The configuration for a run, with command-line selections applied; exit 2 if bad."""
    from pdp_lint.engine.config import ConfigError, load_settings
    from pdp_lint.rules import resolve_selector

    first = targets[0]
    try:
        settings = load_settings(config, start=first if _is_dir(first) else first.parent)
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
    return settings


def _emit(report: Report, fmt: str | None, output: Path | None, color: bool | None) -> None:
    import os

    if fmt is None:
        fmt = (
            "github"
            if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS
            else "text"
        )
    report.color = use_color(color, to_file=output is not None)
    text = REPORTERS[fmt]().render(report)
    if output is not None:
        _write_report(output, text)
    else:
        # click strips colour codes from output that is not a terminal unless told not to
        click.echo(text, nl=False, color=report.color)


def use_color(flag: bool | None, *, to_file: bool = False) -> bool:
    """Whether to colour the text output, in this order of precedence.

    1. ``--color`` / ``--no-color``, the explicit choice of this run;
    2. ``NO_COLOR`` set and not empty: no colour (https://no-color.org);
    3. ``FORCE_COLOR`` set and not empty: colour even when piped
       (https://force-color.org); ``NO_COLOR`` wins when both are set, as in CPython;
    4. otherwise colour when standard output is a terminal (and ``TERM`` is not
       ``dumb``). A report written with ``--output`` is coloured only by ``--color``:
       the variables are meant for what a terminal or a CI log shows.
    """
    import os

    if flag is not None:
        return flag
    if to_file:
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _write_report(output: Path, text: str) -> None:
    """Write the report to ``output`` atomically; a path that cannot be written exits 2."""
    from pdp_lint.atomic import write_text_atomic

    try:
        write_text_atomic(output, text)
    except OSError as exc:
        _cannot_write(output, exc, "the report", "--output path")


def _cannot_write(path: Path, exc: OSError, what: str, option: str) -> NoReturn:
    """One line for a file the user asked for that cannot be written; exit 2."""
    if isinstance(exc, NotADirectoryError | FileExistsError):
        # mkdir of the folders, or the write itself, met a file where a folder belongs
        reason = "a part of the path is a file, not a folder"
    elif isinstance(exc, IsADirectoryError):
        reason = "it is a folder"
    elif isinstance(exc, PermissionError):
        reason = "permission denied"
    else:
        reason = exc.strerror or str(exc)
    click.echo(
        f"pdp-lint: cannot write {what} to {path}: {reason}; choose another {option}",
        err=True,
    )
    sys.exit(EXIT_USAGE)


def _exit_status(report: Report, unreadable: bool, strict: bool) -> int:
    if unreadable:
        return EXIT_USAGE
    failing = {"error", "warning"} if strict else {"error"}
    return EXIT_PROBLEMS if any(p.severity.value in failing for p in report.problems) else EXIT_OK


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
    from pdp_lint.fix.fixer import FixWriteError, fix_paths

    try:
        outcome = fix_paths(targets, settings, unsafe=unsafe, write=not diff)
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
            click.echo(f"pdp-lint: no rule `{code}`; see `pdp-lint rules`", err=True)
            sys.exit(EXIT_USAGE)
        fmt = fmt or "markdown"
    click.echo(RENDERERS[fmt](matched, code is None), nl=False)


EXIT_INTERRUPTED = 130


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which click would report as "Aborted!" with
    exit status 1; like one, it is no Exception, so cleanup written for any failure
    (``except BaseException``: temporary files, a half-built site) still runs."""


def _interrupted(signum: int, frame: object) -> None:
    raise Interrupted


_OUT_OF_MEMORY = (
    "pdp-lint: out of memory: the files checked need more memory than this process may "
    "use; check fewer or smaller files at a time (a large file is read whole, see "
    "max-file-size), or allow more memory (ulimit -v)\n"
)


def main() -> None:
    """Entry point of the ``pdp-lint`` script.

    An unexpected failure is a bug in pdp-lint, not in the user's files: it is told in
    one line with exit status 2; ``PDP_LINT_DEBUG=1`` shows the traceback.
    """
    import gc
    import os
    import signal

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupted)
    try:
        cli(prog_name="pdp-lint", standalone_mode=True)
    except (Interrupted, KeyboardInterrupt):
        click.echo("pdp-lint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except MemoryError:
        # not a bug but a limit: the run is dropped (its frames go with the exception
        # block), then told in the line made before memory ran out
        sys.stderr.write(_OUT_OF_MEMORY)
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # the last line of defence
        if os.environ.get("PDP_LINT_DEBUG"):
            raise
        click.echo(
            f"pdp-lint: internal error: {type(exc).__name__}: {exc} "
            "(set PDP_LINT_DEBUG=1 for details and report it)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    finally:
        # The process ends here. Python's last garbage collections would walk every
        # object of the run (modules, classes, the model) looking for cycles to
        # finalize, some 15 ms of a one-file check; nothing of pdp-lint needs a
        # finalizer at exit (files are closed where they are written), so the objects
        # are left out of them.
        gc.freeze()
