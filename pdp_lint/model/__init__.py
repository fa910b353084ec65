"""The model: a framework as typed, read-only data, and the problem record.

The lowest layer: everything else builds on these records and they import nothing of
pdp-lint. ``framework`` holds the content model, ``problem`` the record every check
produces (and the report of a run), ``lineage`` which roles build on which.
"""
