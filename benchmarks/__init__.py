"""Benchmarks of pdp-lint: a synthetic corpus generator and the benchmark runner.

``python -m benchmarks.generate`` writes a corpus; ``python -m benchmarks.run`` measures
pdp-lint and the tools it replaces on corpora of several sizes. See benchmarks/README.md.
"""
