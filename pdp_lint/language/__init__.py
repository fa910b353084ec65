"""Spelling support for the SP rules: the word list, the tokenizer and suggestions.

Nothing here is imported when pdp-lint starts; the spelling rules import it the first
time they run, and the word list is read once per process.
"""
