"""Text a Word document or an HTML page can hold."""

from __future__ import annotations

import re

#: characters XML 1.0 (and so Word) cannot hold, and HTML forbids: control characters
#: other than tab, line feed and carriage return, lone surrogates, two non-characters
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: of those, the ones Python reads as white space: they become a space
_SPACES = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")


def storable(text: str) -> str:
    """``text`` without the characters a handout cannot hold (TX07 reports them; an
    export forced past that finding drops them, or makes a space of a separator,
    rather than failing)."""
    if not _UNSTORABLE.search(text):
        return text
    return _UNSTORABLE.sub(lambda m: " " if m.group() in _SPACES else "", text)
