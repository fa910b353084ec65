"""``pdp-lint server``: findings, fixes and navigation in any editor with an LSP client.

The language server sits above the linter: it checks editor buffers with the same
in-process API as ``pdp-lint check`` (:mod:`pdp_lint.engine.check`) and turns problems into the
protocol's diagnostics, code actions, hovers and symbols. It is imported only by the
``server`` command, never on the ``check`` path.
"""
