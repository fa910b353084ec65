"""The engine: which files, which rules, in one process or several; cache, baseline and
suppressions.

``config`` reads the settings, ``discovery`` finds the files, ``loading`` loads them,
``linter`` runs the rules over documents, ``parallel`` streams files through workers,
``check`` runs a whole check and ``cache``/``baseline``/``suppress`` decide what is
reported.
"""
