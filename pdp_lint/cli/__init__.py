"""The command line: ``pdp-lint`` and its commands (``commands`` is the entry point)."""
