"""What changed between two versions of the frameworks: a semantic changelog.

``records`` holds the change records, ``compare`` works them out from two models,
``worddiff`` shows a rewording word by word, ``sources`` reads frameworks from git
revisions, files and folders, ``render`` writes text, Markdown and JSON, ``versions``
holds the version rule and ``command`` the ``pdp-lint changes`` command. None of it is
imported by ``check``.
"""
