"""The command line: ``pdp-lint`` and its commands (``commands`` is the entry point)."""


def interrupt_later() -> None:
    """Deliver SIGINT to the main thread once the code running now has returned: for an
    interrupt raised inside one of Python's own callbacks, which Python cannot pass on
    (see :func:`pdp_lint.cli.fastcheck.interrupt_again`).

    Raised here (``signal.raise_signal``), the handler would run at once, inside the same
    callback. A thread of its own asks for it instead; it runs when the main thread
    next lets go of the interpreter, some milliseconds on, in the main thread's code.
    It lives in the package's ``__init__``, loaded whole before any of its modules, so
    that a hook calling it while ``fastcheck`` is still being imported finds it.
    """
    import _signal  # type: ignore[import-not-found]  # (no stubs; built in, loaded at start)
    import _thread
    import contextlib

    # RuntimeError: the interpreter is shutting down (no thread, nothing left to stop)
    with contextlib.suppress(RuntimeError):
        _thread.start_new_thread(_thread.interrupt_main, (_signal.SIGINT,))
