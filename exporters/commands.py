"""The ``pdp-lint export`` and ``pdp-lint site`` commands.

``pdp_lint.cli.commands`` imports this module only when one of them is used or the command list
is shown, so ``pdp-lint check`` does not pay for it; python-docx and Jinja2 load later
still, when a file is rendered.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from exporters.registry import FORMATS, KINDS, select
from pdp_lint.engine.discovery import default_paths
from pdp_lint.model.framework import Framework

EXIT_REFUSED, EXIT_USAGE = 1, 2
ALL = "all"
#: from this many files on, a terminal gets a progress bar
PROGRESS_FROM = 8

T = TypeVar("T")


def _fail(message: str, status: int) -> NoReturn:
    click.echo(f"pdp-lint: {message}", err=True)
    sys.exit(status)


def _frameworks(
    paths: Sequence[Path], config: Path | None, force: bool, partial: bool = False
) -> tuple[list[Framework], bool]:
    """Load and lint ``paths``; refuse any framework with errors unless ``force``.

    One line per refused file, naming it and the number of errors. A framework that
    does not even load cannot be exported, with or without ``--force``. Returns the
    frameworks to publish and whether any was refused; unless ``partial``, a refusal
    exits 1 at once (a site is published whole or not at all).
    """
    from pdp_lint import api
    from pdp_lint.engine.config import ConfigError, load_settings
    from pdp_lint.model.problem import Severity

    try:
        # as `check` does: the configuration is found from the first path upwards
        first = paths[0]
        settings = load_settings(config, start=first if first.is_dir() else first.parent)
    except ConfigError as exc:
        _fail(str(exc), EXIT_USAGE)
    result = api.check(list(paths), settings)
    errors = Counter(p.file for p in result.report.problems if p.severity is Severity.ERROR)
    loaded = {item.display for item in result.loaded}
    for problem in result.report.problems:
        if problem.file not in loaded:  # a path that does not exist
            _fail(f"{problem.file}: {problem.message}", EXIT_USAGE)
    refused = False
    frameworks = []
    for item in result.loaded:
        count = errors.get(item.display, 0)
        noun = "error" if count == 1 else "errors"
        if item.framework is None:
            click.echo(
                f"pdp-lint: {item.display} cannot be exported: it has {count} {noun} that "
                f"stop it from loading; see `pdp-lint check {item.display}`",
                err=True,
            )
            refused = True
        elif count and not force:
            what = "it" if count == 1 else "them"
            click.echo(
                f"pdp-lint: {item.display} has {count} lint {noun}; fix {what} (see "
                f"`pdp-lint check {item.display}`) or pass --force to export anyway",
                err=True,
            )
            refused = True
        else:
            if count:
                click.echo(
                    f"pdp-lint: warning: exporting {item.display} despite {count} lint "
                    f"{noun} (--force)",
                    err=True,
                )
            frameworks.append(item.framework)
    if refused and (not partial or not frameworks):
        sys.exit(EXIT_REFUSED)
    if not frameworks:
        _fail(f"no framework files in {', '.join(p.as_posix() for p in paths)}", EXIT_USAGE)
    return frameworks, refused


def _choices(values: Sequence[str], every: Sequence[str]) -> tuple[str, ...]:
    return tuple(every) if ALL in values else tuple(dict.fromkeys(values))


def _check_template(template: Path | None) -> None:
    if template is not None:
        from exporters.docx_builder import check_template

        check_template(template)


def _progress(items: Sequence[T], label: str, show: Callable[[T | None], str]) -> Iterator[T]:
    """``items``, with a progress bar on standard error when it is a terminal."""
    stream = sys.stderr
    if len(items) < PROGRESS_FROM or not stream.isatty():
        yield from items
        return
    with click.progressbar(items, label=label, file=stream, item_show_func=show) as bar:
        yield from bar


def _run(action: Callable[[], Iterable[Any]]) -> list[Any]:
    from exporters.errors import ExportError

    try:
        return list(action())
    except ExportError as exc:
        _fail(exc.message, exc.status)


_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
_template = click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Word template (.docx or .dotx) whose styles, page setup, header and footer the "
    "Word handouts use [default: the bundled reference document].",
)
_config = click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Configuration file [default: nearest pdp-lint.toml or pyproject.toml].",
)
_force = click.option(
    "--force", is_flag=True, help="Export frameworks even when they have lint errors."
)
_changes_since = click.option(
    "--changes-since",
    metavar="REV",
    default=None,
    help="Also write a What changed handout per framework: its changes since this git "
    "revision (a tag such as v1.0, a branch, a commit).",
)


@click.command()
@_paths
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("dist/handouts"),
    show_default=True,
    help="Folder to write into; each framework gets a sub-folder named after its id.",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice([*FORMATS, ALL]),
    multiple=True,
    default=[ALL],
    show_default=True,
    help="Output format; repeat the option for several.",
)
@click.option(
    "--kind",
    "kinds",
    type=click.Choice([*KINDS, ALL]),
    multiple=True,
    default=[ALL],
    show_default=True,
    help="Kind of handout: framework (the whole framework), role (one per role), "
    "interview (one per competency with interview questions), hiring (one per role "
    "profile), changes (what changed since --changes-since); repeat the option for several.",
)
@_template
@_config
@_force
@_changes_since
def export(
    paths: tuple[Path, ...],
    out: Path,
    formats: tuple[str, ...],
    kinds: tuple[str, ...],
    template: Path | None,
    config: Path | None,
    force: bool,
    changes_since: str | None,
) -> None:
    """Write handouts of the frameworks in PATHS (default: frameworks/): Word, HTML, Excel, CSV.

    Files go to OUT/<framework id>/, named after the ids: <role id>.docx, <framework
    id>.html, <competency id>-interview-guide.docx, <profile id>-hiring-profile.html.
    A framework with lint errors is refused, one line each, unless --force is given;
    the others are exported and the command exits 1.
    """
    from exporters.errors import unwritable
    from exporters.plan import check_unique, handout_jobs, write_all

    if "changes" in kinds and changes_since is None:
        _fail("--kind changes needs --changes-since REV, the revision to compare with", EXIT_USAGE)
    # the clean frameworks are exported even when others are refused; the run exits 1
    frameworks, refused = _frameworks(default_paths(paths), config, force, partial=True)
    chosen = select(_choices(kinds, KINDS), _choices(formats, FORMATS))
    settings = {"template": template, "changes_since": changes_since}
    exporters = [cls.with_settings(settings) for cls in chosen]

    def action() -> list[Path]:
        _check_template(template)
        jobs = handout_jobs(frameworks, exporters)
        check_unique(jobs)
        shown = _progress(jobs, "Exporting", lambda j: str(j.path) if j else "")
        try:
            return write_all(shown, out)
        except OSError as exc:  # an --out that cannot be made, a disk full, ...
            raise unwritable(out, exc, "the handouts") from None

    written = _run(action)
    click.echo(f"Wrote {len(written)} file{'s' if len(written) != 1 else ''} to {out}")
    if refused:
        sys.exit(EXIT_REFUSED)


@click.command()
@_paths
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("dist/site"),
    show_default=True,
    help="Folder of the site; it is replaced as a whole when the new site is complete.",
)
@_template
@_config
@_force
@_changes_since
def site(
    paths: tuple[Path, ...],
    out: Path,
    template: Path | None,
    config: Path | None,
    force: bool,
    changes_since: str | None,
) -> None:
    """Build the HR site of the frameworks in PATHS (default: frameworks/) into OUT.

    OUT/index.html lists every framework and every handout in both formats;
    OUT/<framework id>/index.html lets people choose a role and a competency, as the
    original PDP pages do. With --changes-since, OUT/<framework id>/changes.html says
    what changed since that revision, linked from the framework page and from each
    role whose expectations changed. The site works opened from the file system and makes no
    request. A framework with lint errors is refused (exit 1) unless --force is given.
    """
    from exporters.site import publish, site_jobs

    frameworks, _ = _frameworks(default_paths(paths), config, force)

    def action() -> list[Path]:
        _check_template(template)
        jobs = site_jobs(frameworks, {"template": template, "changes_since": changes_since})
        shown = _progress(jobs, "Building the site", lambda j: str(j.path) if j else "")
        return publish(shown, out)

    written = _run(action)
    click.echo(f"Wrote the site ({len(written)} files) to {out}; open {out / 'index.html'}")
