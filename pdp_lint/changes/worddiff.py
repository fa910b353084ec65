"""A rewording shown word by word, as ``git diff --word-diff`` shows it."""

from __future__ import annotations

import difflib
import re

import msgspec

#: words, runs of punctuation and runs of white space: the units a rewording is shown in
_TOKEN = re.compile(r"\w+|[^\w\s]+|\s+")

EQUAL, DELETE, INSERT = "equal", "delete", "insert"


class Segment(msgspec.Struct, frozen=True):
    """A run of text that is kept (``equal``), taken out (``delete``) or put in (``insert``)."""

    op: str
    text: str


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The segments that turn ``old`` into ``new``, words kept whole.

    A replaced run is one deletion followed by one insertion; white space between two
    changed words belongs to the change, so ``[-a b-]{+c d+}`` reads as one edit.
    """
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(out, EQUAL, "".join(a[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _append(out, DELETE, "".join(a[i1:i2]))
        if tag in ("insert", "replace"):
            _append(out, INSERT, "".join(b[j1:j2]))
    return tuple(_absorb_spaces(out))


def _append(out: list[Segment], op: str, text: str) -> None:
    if text:
        out.append(Segment(op, text))


def _absorb_spaces(segments: list[Segment]) -> list[Segment]:
    """Fold a kept run of white space between two replacements into them.

    ``old [-x-]{+y+} [-z-]{+w+}`` becomes ``old [-x z-]{+y w+}``: one edit of two words
    reads better than two edits of one. Only replacements are folded, so the kept and
    deleted text still spell the old text, and the kept and inserted text the new one.
    """
    out: list[Segment] = []
    for seg in segments:
        out.append(seg)
        # ... DELETE INSERT EQUAL(space) DELETE INSERT
        if len(out) >= 5 and [s.op for s in out[-5:]] == [DELETE, INSERT, EQUAL, DELETE, INSERT]:
            d1, i1, space, d2, i2 = out[-5:]
            if not space.text.strip():
                del out[-5:]
                out.append(Segment(DELETE, d1.text + space.text + d2.text))
                out.append(Segment(INSERT, i1.text + space.text + i2.text))
    return out


def plain(segments: tuple[Segment, ...]) -> str:
    """The segments as ``git diff --word-diff=plain`` writes them: ``[-old-]{+new+}``."""
    marks = {EQUAL: ("", ""), DELETE: ("[-", "-]"), INSERT: ("{+", "+}")}
    return "".join(f"{marks[s.op][0]}{s.text}{marks[s.op][1]}" for s in segments)
