"""``pdp-lint check`` without loading click: the pre-commit hook's path.

click takes about a quarter of a one-file check's start-up (it imports ``inspect``,
``gettext``, ``uuid`` and its own modules), and a hook pays for every import on every
commit. :func:`parse` reads the command lines a hook or a person typically gives
``check`` -- paths, ``--config``, ``--select``, ``--ignore``, ``--format``, ``--output``,
``--strict``, ``--no-cache``, ``--jobs``, ``--color/--no-color`` -- exactly as click
would; for anything else (help, a misspelt or unknown option, a value click would
refuse, ``--fix``, baselines, another command) it returns None and the click command
line in :mod:`pdp_lint.cli.commands` runs instead, so help, every error message and every exit
status come from one place. Tests compare what both parse from many command lines.

The functions the ``check`` command runs (settings, report, exit status) live here, free
of click, and :mod:`pdp_lint.cli.commands` uses them too; :func:`echo` writes what
``click.echo`` writes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from pathlib import Path

    from pdp_lint.engine.config import Settings
    from pdp_lint.model.problem import Report

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130

#: check's options that take a value, by every name, and the parameter each sets
_VALUED = {
    "--config": "config",
    "--select": "select",
    "--ignore": "ignore",
    "--format": "fmt",
    "--output": "output",
    "-o": "output",
    "--jobs": "jobs",
    "-j": "jobs",
}
#: check's flags this path reads, and the value each sets
_FLAGS: dict[str, tuple[str, Any]] = {
    "--strict": ("strict", True),
    "--no-cache": ("no_cache", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
}


def parse(argv: Sequence[str]) -> dict[str, Any] | None:
    """The parameters click would give ``check`` for ``argv`` (the arguments after the
    program name), or None when click must read them (help, errors, other options)."""
    if not argv or argv[0] != "check" or _stream_needs_click():
        return None
    if os.environ.get("_PDP_LINT_COMPLETE"):  # shell completion is click's
        return None
    params: dict[str, Any] = {
        "paths": [],
        "config": None,
        "select": [],
        "ignore": [],
        "fmt": None,
        "output": None,
        "strict": False,
        "no_cache": False,
        "jobs": 0,
        "color": None,
    }
    args = list(argv[1:])
    only_paths = False
    while args:
        arg = args.pop(0)
        if only_paths or arg == "-" or not arg.startswith("-"):
            params["paths"].append(arg)
            continue
        if arg == "--":
            only_paths = True
            continue
        if arg in _FLAGS:
            name, value = _FLAGS[arg]
            params[name] = value
            continue
        name_part, eq, attached = arg.partition("=")
        if arg.startswith("--") and eq and name_part in _VALUED:
            option, value = name_part, attached
        elif arg in _VALUED:
            if not args or args[0].startswith("-"):
                return None  # a missing value, or one click might read otherwise
            option, value = arg, args.pop(0)
        elif arg[:2] in ("-j", "-o") and len(arg) > 2 and not arg.startswith("--"):
            option, value = arg[:2], arg[2:]
        else:
            return None
        if not _take(params, _VALUED[option], value):
            return None
    return _convert(params)


def _take(params: dict[str, Any], name: str, value: str) -> bool:
    """Record an option's value; False when click should judge it."""
    if name in ("select", "ignore"):
        params[name].append(value)
    elif name == "jobs":
        if not (value.isascii() and value.isdigit()):
            return False
        params[name] = int(value)
    elif name == "fmt":
        from pdp_lint.report import REPORTERS

        if value not in REPORTERS:
            return False
        params[name] = value
    else:
        params[name] = value
    return True


def _convert(params: dict[str, Any]) -> dict[str, Any] | None:
    """The values as click's types give them, or None where click would refuse one."""
    import stat

    from pdp_lint.cli.preload import install

    install()  # before the first import of pathlib and of the check's libraries
    from pathlib import Path

    def acceptable(value: str, *, exists: bool = False, dir_okay: bool = True) -> bool:
        # what click.Path(exists=..., dir_okay=...) refuses: missing when it must exist,
        # a folder where a file is wanted, a path that exists but cannot be read
        try:
            st = os.stat(value)  # noqa: PTH116 (as click does, on the text given)
        except OSError:
            return not exists
        if not dir_okay and stat.S_ISDIR(st.st_mode):
            return False
        return os.access(value, os.R_OK)

    if not all(acceptable(p) for p in params["paths"]):
        return None
    for name, exists in (("config", True), ("output", False)):
        value = params[name]
        if value is not None:
            if not acceptable(value, exists=exists, dir_okay=False):
                return None
            params[name] = Path(value)
    params["paths"] = tuple(Path(p) for p in params["paths"])
    params["select"], params["ignore"] = tuple(params["select"]), tuple(params["ignore"])
    return params


def _stream_needs_click() -> bool:
    """Whether click.echo would write differently from :func:`echo` (a missing stream,
    or one with an ASCII encoding, which click replaces by a UTF-8 one)."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) if stream is not None else None
        if not encoding or getattr(stream, "errors", None) is None:
            return True
        try:
            if codecs.lookup(encoding).name == "ascii":
                return True
        except LookupError:
            return True
    return False


def echo(message: str, *, err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """Write ``message`` as ``click.echo`` does: ANSI styles removed unless ``color`` is
    True or (``color`` None) the stream is a terminal, then flushed."""
    stream = sys.stderr if err else sys.stdout
    out = message + "\n" if nl else message
    if not out:
        stream.flush()
        return
    if color is None:
        try:
            tty = stream.isatty()
        except Exception:
            tty = False
        strip = not tty and not type(stream).__module__.startswith("ipykernel.")
    else:
        strip = not color
    if strip and "\033" in out:
        import re

        out = re.sub(r"\033\[[0-?]*[ -/]*[@-~]", "", out)
    stream.write(out)
    stream.flush()


def check(params: dict[str, Any]) -> NoReturn:
    """Run ``check`` with the parameters :func:`parse` read; exits."""
    import gc

    # The check itself runs with the garbage collector paused (it makes few cycles and
    # many objects: see pdp_lint.engine.check); so does the loading of the two hundred
    # modules before it, which would otherwise pay for a dozen collections.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from pdp_lint.cli.preload import install

        install()  # before anything of pdp-lint imports the libraries
        from pdp_lint.engine.discovery import default_paths

        targets = default_paths(params["paths"])
        settings = settings_for(targets, params["config"], params["select"], params["ignore"])
        report_check(
            targets,
            settings,
            fmt=params["fmt"],
            output=params["output"],
            strict=params["strict"],
            no_cache=params["no_cache"],
            jobs=params["jobs"],
            color=params["color"],
        )
    finally:
        from pdp_lint import patterns

        patterns.save()  # the first run's regular expressions, for later runs
        if was_enabled:
            gc.enable()


def report_check(
    targets: list[Path],
    settings: Settings,
    *,
    fmt: str | None,
    output: Path | None,
    strict: bool,
    no_cache: bool,
    jobs: int,
    color: bool | None,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
) -> NoReturn:
    """Check ``targets``, report the problems and exit with the check's status."""
    from pdp_lint import api

    # a baseline maps problems to model nodes, so it needs a fresh run
    use_cache = not no_cache and baseline is None and write_baseline is None
    # a baseline maps problems to model nodes, which a streaming run does not keep
    stream = baseline is None and write_baseline is None
    result = api.check(targets, settings, cache=use_cache, stream=stream, jobs=jobs)
    report = result.report
    report.files = result.files
    report.source_text = result.source_text
    if write_baseline is not None:
        from pdp_lint.engine.baseline import write_baseline as write

        try:
            count = write(write_baseline, report.problems, result.loaded)
        except OSError as exc:
            cannot_write(write_baseline, exc, "the baseline", "--write-baseline path")
        echo(
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
            echo(f"pdp-lint: {exc}", err=True)
            sys.exit(EXIT_USAGE)
        report.problems, report.stale_baseline = apply_baseline(
            report.problems, result.loaded, baseline, recorded
        )
    emit(report, fmt, output, color)
    sys.exit(exit_status(report, result.unreadable, strict))


def settings_for(
    targets: list[Path], config: Path | None, select: tuple[str, ...], ignore: tuple[str, ...]
) -> Settings:
    """The configuration for a run, with command-line selections applied; exit 2 if bad."""
    from pdp_lint import api
    from pdp_lint.rules import resolve_selector

    try:
        settings = api.settings_for(targets[0], config)
    except api.ConfigError as exc:
        echo(f"pdp-lint: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for flag, values in (("--select", select), ("--ignore", ignore)):
        for value in values:
            if not resolve_selector(value):
                from pdp_lint.report.text import shown_name  # a line break stays one line

                echo(
                    f"pdp-lint: {flag} {shown_name(value)}: no such rule, name or group; see "
                    "`pdp-lint rules`",
                    err=True,
                )
                sys.exit(EXIT_USAGE)
    if select:
        settings.select, settings.extend_select = tuple(select), ()
    settings.ignore = settings.ignore + tuple(ignore)
    return settings


def emit(report: Report, fmt: str | None, output: Path | None, color: bool | None) -> None:
    """Render the report in ``fmt`` to ``output`` (atomically) or standard output."""
    from pdp_lint.report import REPORTERS, valid_unicode

    if fmt is None:
        fmt = (
            "github"
            if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS
            else "text"
        )
    report.color = use_color(color, to_file=output is not None)
    text = valid_unicode(REPORTERS[fmt]().render(report))
    if output is not None:
        _write_report(output, text)
    else:
        # colour codes are stripped from output that is not a terminal unless told not to
        echo(text, nl=False, color=report.color)


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
        cannot_write(output, exc, "the report", "--output path")


def cannot_write(path: Path, exc: OSError, what: str, option: str) -> NoReturn:
    """One line for a file the user asked for that cannot be written; exit 2."""
    from pdp_lint.atomic import why_unwritable

    echo(
        f"pdp-lint: cannot write {what} to {path}: {why_unwritable(exc)}; choose another {option}",
        err=True,
    )
    sys.exit(EXIT_USAGE)


def exit_status(report: Report, unreadable: bool, strict: bool) -> int:
    """0 no errors, 1 errors (or warnings with ``strict``), 2 a file could not be read."""
    if unreadable:
        return EXIT_USAGE
    failing = {"error", "warning"} if strict else {"error"}
    return EXIT_PROBLEMS if any(p.severity.value in failing for p in report.problems) else EXIT_OK


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which click would report as "Aborted!" with
    exit status 1; like one, it is no Exception, so cleanup written for any failure
    (``except BaseException``: temporary files, a half-built site) still runs."""


def _interrupted(signum: int, frame: object) -> None:
    raise Interrupted


def interrupt_again(unraisable: Any, hook: Callable[[Any], object]) -> None:
    """``sys.unraisablehook`` for an interrupt raised where Python cannot pass it on.

    A Ctrl-C that arrives while Python runs a callback of its own (a weak reference's,
    such as the import system's module locks, or a ``__del__``) raises there; Python
    cannot propagate it, prints it as "Exception ignored ... Traceback" and goes on,
    the interrupt lost. It is delivered again instead, and raised in the code that runs
    next; anything else goes to ``hook``.
    """
    if isinstance(unraisable.exc_value, Interrupted | KeyboardInterrupt):
        from pdp_lint.cli import interrupt_later

        interrupt_later()
        return
    hook(unraisable)


_OUT_OF_MEMORY = (
    "pdp-lint: out of memory: the files checked need more memory than this process may "
    "use; check fewer or smaller files at a time (a large file is read whole, see "
    "max-file-size), or allow more memory (ulimit -v)\n"
)


def _is_out_of_memory(exc: BaseException) -> bool:
    try:
        from pdp_lint.engine.memory import is_out_of_memory
    except (MemoryError, ImportError):
        # memory so short that the module telling it (and the compiled `resource` it
        # imports) could not be loaded
        return True
    return is_out_of_memory(exc)


def guarded(command: Callable[[], object]) -> None:
    """Run a command as the ``pdp-lint`` program does.

    Ctrl-C is one line and exit status 130. An unexpected failure is a bug in pdp-lint,
    not in the user's files: it is told in one line with exit status 2;
    ``PDP_LINT_DEBUG=1`` shows the traceback.
    """
    # _signal: the functions of the signal module, without the enum classes it makes on
    # import (half a millisecond of every run); the interpreter imports _signal at start
    import _signal as signal  # type: ignore[import-not-found]  # (no stubs)
    import gc

    hook = sys.unraisablehook
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupted)
        sys.unraisablehook = lambda unraisable: interrupt_again(unraisable, hook)
    try:
        command()
    except (Interrupted, KeyboardInterrupt):
        echo("pdp-lint: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except MemoryError:
        # not a bug but a limit: the run is dropped (its frames go with the exception
        # block), then told in the line made before memory ran out
        sys.stderr.write(_OUT_OF_MEMORY)
        sys.exit(EXIT_USAGE)
    except Exception as exc:  # the last line of defence
        if _is_out_of_memory(exc):
            sys.stderr.write(_OUT_OF_MEMORY)
            sys.exit(EXIT_USAGE)
        if os.environ.get("PDP_LINT_DEBUG"):
            raise
        echo(
            f"pdp-lint: internal error: {type(exc).__name__}: {exc} "
            "(set PDP_LINT_DEBUG=1 for details and report it)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
    finally:
        sys.unraisablehook = hook
        # The process ends here. Python's last garbage collections would walk every
        # object of the run (modules, classes, the model) looking for cycles to
        # finalize, some 15 ms of a one-file check; nothing of pdp-lint needs a
        # finalizer at exit (files are closed where they are written), so the objects
        # are left out of them.
        gc.freeze()


def is_version(argv: Sequence[str]) -> bool:
    """Whether ``argv`` asks for the version alone (``pdp-lint --version``), which
    :func:`run_version` answers as click's version option does."""
    return (
        list(argv) == ["--version"]
        and not os.environ.get("_PDP_LINT_COMPLETE")
        and not _stream_needs_click()
    )


def run_version() -> None:
    """Print the version line of click's version option, without loading click."""
    from pdp_lint import __version__

    _standalone(lambda: echo(f"pdp-lint, version {__version__}"))
    sys.exit(EXIT_OK)


def run_standalone(params: dict[str, Any]) -> None:
    """Run ``check`` as click's standalone mode runs a command: a closed pipe on standard
    output ends it quietly with status 1. When this process is the ``pdp-lint`` program
    itself, it then ends at once (see :func:`end_now`)."""
    try:
        _standalone(lambda: check(params))
    except SystemExit as done:
        if is_the_program():
            end_now(done)
        raise


def is_the_program() -> bool:
    """Whether the process runs the ``pdp-lint`` program: the script pip writes (named
    ``pdp-lint``) or ``python -m pdp_lint``. Code that runs pdp-lint's entry point inside
    its own program (``python -c``, a test, runpy) gets the SystemExit to handle."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None:
        return getattr(spec, "name", None) == "pdp_lint.__main__"
    file = getattr(main, "__file__", None)
    if not isinstance(file, str):
        return False
    from pathlib import Path  # imported by the check already

    return Path(file).name.lower().startswith("pdp-lint")


def end_now(done: SystemExit) -> NoReturn:
    """End the process with the status of ``done``, as Python would, without freeing the
    run's objects one by one first.

    While ``done`` is being handled its traceback holds the frames of the run, and with
    them every model, text and finding; ending normally frees each of those objects and
    then every module's: 0.6 s and more of a 100,000-behavior check, about 6% of it.
    Nothing of a check needs that: every file it writes (the report, the cache, the
    pattern store) is written and closed before this, and its worker processes have
    been joined. Standard output and error are flushed, as Python flushes them; a
    stream that cannot be (a closed pipe) ends the run with status 1 if it had none.
    A status Python would print (not a number) is left to Python.
    """
    code = done.code
    if code is not None and not isinstance(code, int):
        raise done
    status = code or 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream
            status = status or 1
    os._exit(status)


def _standalone(command: Callable[[], object]) -> None:
    import errno

    try:
        command()
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = _QuietFlush(sys.stdout)
        sys.stderr = _QuietFlush(sys.stderr)
        sys.exit(1)


class _QuietFlush:
    """A stream whose flush ignores a closed pipe, as click leaves standard output and
    error after one, so Python's own flush at exit says nothing."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        import errno

        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.wrapped, attr)
