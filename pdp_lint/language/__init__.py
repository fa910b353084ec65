"""Reading prose: words, the word list, spelling suggestions and similarity of texts.

Nothing here knows about frameworks; the rules use it. The spelling modules are not
imported when pdp-lint starts: the spelling rules import them the first time they run,
and the word list is read once per process.
"""
