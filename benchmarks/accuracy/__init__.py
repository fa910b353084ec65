"""How often pdp-lint is right on career frameworks nobody here wrote.

``python -m benchmarks.accuracy`` checks the frameworks of ``corpus/`` (published by
other organisations, converted verbatim) with no configuration, matches every finding
with the hand judgements of ``judgements.yaml`` and prints the precision of each rule
and the false findings per 1,000 words; then it injects defects into copies of the
corpus with a seeded generator (single-edit misspellings, exact and near duplicate
behaviors, copied role summaries) and prints the share found, beside codespell's and
typos' on the same files. See README.md in this folder.
"""
