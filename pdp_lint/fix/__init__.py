"""Fixing: applying the text edits that rules propose (``pdp-lint fix``, ``check --fix``)."""
