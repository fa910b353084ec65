"""Allow ``python -m pdp_lint``; also the entry point of the ``pdp-lint`` script.

A ``check`` whose arguments :func:`pdp_lint.cli.fastcheck.parse` reads (what a pre-commit
hook runs) and ``--version`` start without click; every other command line goes to the
click command line. Either is imported inside the handler of an interrupt, so a Ctrl-C
while Python is still loading pdp-lint is one line and exit status 130, not a traceback.
"""

import sys

EXIT_INTERRUPTED = 130


def _interrupt_again(unraisable: "sys.UnraisableHookArgs") -> None:
    """A Ctrl-C raised inside one of Python's own callbacks (the import system's module
    locks), which Python cannot pass on: delivered again, not printed and lost (see
    :func:`pdp_lint.cli.fastcheck.interrupt_again`)."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        from pdp_lint.cli import interrupt_later  # complete even while fastcheck loads

        interrupt_later()
    else:
        sys.__unraisablehook__(unraisable)


def run() -> None:
    """Load the command line and run it; an interrupt while loading is one line."""
    sys.unraisablehook = _interrupt_again
    try:
        from pdp_lint.cli.fastcheck import guarded, is_version, parse, run_standalone, run_version

        if is_version(sys.argv[1:]):
            guarded(run_version)
        params = parse(sys.argv[1:])
        if params is None:
            from pdp_lint.cli.commands import main

            main()
        else:
            guarded(lambda: run_standalone(params))
    except KeyboardInterrupt:  # before the command line's own handler was installed
        sys.stderr.write("pdp-lint: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    run()
