"""Allow ``python -m pdp_lint``; also the entry point of the ``pdp-lint`` script.

The command line is imported inside the handler of an interrupt, so a Ctrl-C while
Python is still loading pdp-lint is one line and exit status 130, not a traceback.
"""

import sys

EXIT_INTERRUPTED = 130


def run() -> None:
    """Load the command line and run it; an interrupt while loading is one line."""
    try:
        from pdp_lint.cli.commands import main
    except KeyboardInterrupt:
        sys.stderr.write("pdp-lint: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    main()


if __name__ == "__main__":
    run()
