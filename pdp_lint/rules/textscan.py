"""Helpers shared by the text hygiene rules: mojibake detection and exact removals.

Mojibake is UTF-8 text that was decoded with a single-byte code page (Windows-1252,
Windows-1250, Latin-1). Each broken character then shows as two to four characters
whose code-page bytes form one valid UTF-8 sequence: "â€™" for "’", "đź”™" for "🔙".
The code pages are ftfy's "sloppy" codecs, which also map the bytes the official code
pages leave undefined, so every broken run can be turned back into its bytes.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from functools import cache

import msgspec

from pdp_lint import patterns
from pdp_lint.language.tokens import lower
from pdp_lint.load.document import Document
from pdp_lint.model.framework import TextField
from pdp_lint.model.problem import Edit
from pdp_lint.rules.base import Context, corpus_fact

#: code pages whose misreading of UTF-8 is repaired, most common first
_CODE_PAGES = ("sloppy-windows-1252", "sloppy-windows-1250")


@cache
def _codecs_ready() -> bool:
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)

    return True


def _plausible(ch: str) -> bool:
    """Whether a repaired character is one a writer would have typed or pasted.

    Rejects repairs into rare scripts, so that an accidental valid byte pair in genuine
    accented text (such as "ß" followed by a curly quote) is left alone.
    """
    cp = ord(ch)
    if 0xA0 <= cp <= 0x24F or 0x2000 <= cp <= 0x2BFF or 0x1F000 <= cp <= 0x1FAFF:
        return True
    return cp in (0x20AC,) or unicodedata.category(ch) in ("Sc", "So")


def _byte(ch: str, code_page: str) -> int | None:
    try:
        data = ch.encode(code_page)
    except UnicodeEncodeError:
        return None
    return data[0] if len(data) == 1 else None


def _utf8_length(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


#: characters that the code pages above give a byte that starts a UTF-8 sequence of two
#: to four bytes (0xC2 to 0xF4): broken text always holds one. Every such byte is defined
#: in both code pages, so Python's own codecs give the same characters as ftfy's.
_LEADS = {bytes([b]).decode(cp) for cp in ("cp1252", "cp1250") for b in range(0xC2, 0xF5)}
LEAD_CHARACTERS = patterns.compile(f"[{re.escape(''.join(sorted(_LEADS)))}]")


@cache
def mojibake_runs(value: str) -> tuple[tuple[int, int, str], ...]:
    """Each run of broken characters as ``(start, end, repaired text)``."""
    if value.isascii() or not LEAD_CHARACTERS.search(value):
        return ()
    _codecs_ready()
    marked: dict[int, tuple[int, str]] = {}
    for code_page in _CODE_PAGES:
        i = 0
        while i < len(value):
            if i in marked or value[i].isascii():
                i += 1
                continue
            lead = _byte(value[i], code_page)
            size = _utf8_length(lead) if lead is not None else 0
            chunk = value[i : i + size]
            data = [_byte(c, code_page) for c in chunk]
            if size and len(chunk) == size and None not in data:
                try:
                    repaired = bytes(b for b in data if b is not None).decode("utf-8")
                except UnicodeDecodeError:
                    repaired = ""
                if (
                    repaired
                    and _plausible(repaired)
                    and not any(j in marked for j in range(i, i + size))
                ):
                    marked[i] = (i + size, repaired)
                    i += size
                    continue
            i += 1
    runs: list[tuple[int, int, str]] = []
    for start in sorted(marked):
        end, text = marked[start]
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end, runs[-1][2] + text)
        else:
            runs.append((start, end, text))
    return tuple(runs)


def mask_mojibake(value: str) -> str:
    """``value`` with broken runs blanked out (same length), for rules that read marks."""
    if value.isascii():
        return value
    for start, end, _ in mojibake_runs(value):
        value = value[:start] + " " * (end - start) + value[end:]
    return value


class Prose(msgspec.Struct, eq=False):
    """The prose fields of a framework, searched together: one search finding the few
    fields worth a closer look.

    The values are searched in pieces of about :data:`PIECE` characters, each the
    values of a run of fields separated by a line break, as they would stand in the
    whole prose run together (:attr:`joined`). A search gives what a search of the whole
    text gives (see :meth:`pieces`). The pieces of prose of at most :data:`KEEP`
    characters are kept once made, as several rules search them (each form, lowered or
    masked, is made once instead of once per rule); larger prose is joined anew for
    each search, so a check of a very large file never holds a second copy of its
    prose (nor a lower-cased third).
    """

    texts: list[TextField]
    _starts: list[int] | None = None
    _cuts: list[int] | None = None
    _broken: bool | None = None
    _rare: str | None = None
    _runs_text: str | None = None
    _runs: frozenset[str] | None = None
    _run_counts: Counter[str] | None = None
    #: the pieces made, by (masked, lowered), when the prose is small enough to keep them
    _kept: dict[tuple[bool, bool], list[tuple[int, str, int]]] | None = None

    @property
    def starts(self) -> list[int]:
        """The offset of each value in :attr:`joined`."""
        if self._starts is None:
            starts = []
            at = 0
            for text in self.texts:
                starts.append(at)
                at += len(text.value) + 1
            self._starts = starts
        return self._starts

    @property
    def joined(self) -> str:
        """The values separated by a line break (made anew at each call: the rules
        search :meth:`pieces` instead)."""
        return "\n".join(t.value for t in self.texts)

    @property
    def masked(self) -> str:
        """:attr:`joined` with broken runs blanked out (see :func:`mask_mojibake`)."""
        return "\n".join(piece for _, piece in self.pieces(masked=True))

    @property
    def lowered(self) -> str:
        """:attr:`joined` in lower case."""
        return lower(self.joined)

    @property
    def cuts(self) -> list[int]:
        """The position of the first field of each piece (see :meth:`pieces`)."""
        if self._cuts is None:
            cuts = [0]
            size = 0
            texts = self.texts
            for i, text in enumerate(texts):
                value = text.value
                size += len(value) + 1
                if size >= PIECE and i + 1 < len(texts) and _cut_after(value):
                    cuts.append(i + 1)
                    size = 0
            self._cuts = cuts
        return self._cuts

    def pieces(self, masked: bool = False, lowered: bool = False) -> Iterator[tuple[int, str]]:
        """The prose in pieces, each with its offset in :attr:`joined`: the values of a
        run of fields, separated by a line break (with ``masked``, with broken runs
        blanked out; with ``lowered``, in lower case: lowering may change a piece's
        length, as it does for İ). The line break between two pieces belongs to
        neither.

        A piece ends after a value ending with a character that is neither a space
        nor part of a word and that lowering leaves as it is (as most sentences end):
        no pattern the rules search for matches across such a line break (one that
        matches spaces, line breaks among them, between two words cannot start before
        it and end after it), and every lookaround the rules use sees a line break and
        the start or end of a text alike, so the pieces give the matches of the whole.
        """
        for base, piece, _ in self._pieces(masked, lowered):
            yield base, piece

    def _pieces(
        self, masked: bool = False, lowered: bool = False
    ) -> Iterator[tuple[int, str, int]]:
        """:meth:`pieces`, each with its length before lowering."""
        blank = masked and self.broken
        kept = self._kept
        if kept is None:
            starts = self.starts
            size = starts[-1] + len(self.texts[-1].value) if starts else 0
            if size > KEEP:
                return self._make_pieces(blank, lowered)
            kept = self._kept = {}
        made = kept.get((blank, lowered))
        if made is None:
            made = kept[blank, lowered] = list(self._make_pieces(blank, lowered))
        return iter(made)

    def _make_pieces(self, blank: bool, lowered: bool) -> Iterator[tuple[int, str, int]]:
        texts, starts, cuts = self.texts, self.starts, self.cuts
        for n, first in enumerate(cuts):
            last = cuts[n + 1] if n + 1 < len(cuts) else len(texts)
            values = [t.value for t in texts[first:last]]
            if blank:
                values = list(map(mask_mojibake, values))
            piece = "\n".join(values)
            yield starts[first], lower(piece) if lowered else piece, len(piece)

    @property
    def broken(self) -> bool:
        """Whether a value may hold a broken run (mojibake's lead characters)."""
        if self._broken is None:
            self._broken = LEAD_CHARACTERS.search(self.rare) is not None
        return self._broken

    @property
    def run_counts(self) -> Counter[str]:
        """How often each run of non-space characters occurs in the values, in order of
        first use. No word spans a space: a rule that counts words can read each
        distinct run once instead of the whole text."""
        if self._run_counts is None:
            # a piece at a time (values joined by a space, which ends a run as the end
            # of a value does): one list of every run of a large file cost more than
            # the text (a string each), and one count per value cost a call each
            counts: Counter[str] = Counter()
            batch: list[str] = []
            size = 0
            for text in self.texts:
                batch.append(text.value)
                size += len(text.value)
                if size >= PIECE:
                    counts.update(" ".join(batch).split())
                    batch, size = [], 0
            if batch:
                counts.update(" ".join(batch).split())
            self._run_counts = counts
        return self._run_counts

    @property
    def runs(self) -> frozenset[str]:
        """The distinct runs of non-space characters of the values."""
        if self._runs is None:
            self._runs = frozenset(self.run_counts)
        return self._runs

    @property
    def runs_text(self) -> str:
        """The distinct runs of non-space (:attr:`runs`), one a line, in no order.

        A tenth of the text or less, as the same words come back again and again: what
        never holds a space (a word, a number, a web address) is there if and only if
        it is in the values, so a rule looking for such a thing searches this first.
        """
        if self._runs_text is None:
            self._runs_text = "\n".join(self.runs)
        return self._runs_text

    @property
    def rare(self) -> str:
        """The characters of ``joined`` other than printable ASCII and line breaks, in
        order (see :meth:`holds_any`)."""
        if self._rare is None:
            self._rare = "".join(_rare(piece) for _, piece, _ in self._pieces())
        return self._rare

    def holds_any(self, chars: re.Pattern[str]) -> bool:
        """Whether ``chars`` finds something in the values, for a pattern that matches
        one character at a time and never a printable ASCII character or a line break
        (a control character, a non-breaking space, mojibake's lead characters).

        Such a pattern can only match in :attr:`rare`, which is a small part of the
        text, so a rule looks there first and searches the whole text only when it
        may find something: most files hold none of these characters, and a search of
        text stored two bytes a character (as a curly quote makes it) costs more than
        making :attr:`rare`.
        """
        return chars.search(self.rare) is not None

    def _fields(self, indexes: set[int]) -> list[TextField]:
        return [self.texts[i] for i in sorted(indexes)]

    def matching(
        self, pattern: re.Pattern[str], masked: bool = False, lowered: bool = False
    ) -> list[TextField]:
        """The fields in which ``pattern`` finds something, in order.

        What ``pattern`` matches (lookarounds aside) must not hold a line break, so that
        every match lies inside one field. With ``masked``, it searches the values with
        broken runs blanked out; with ``lowered``, the values in lower case (and gives
        every field when lowering changes the length of a text, as it does for İ).
        """
        starts = self.starts
        found: set[int] = set()
        for base, piece, size in self._pieces(masked, lowered):
            if len(piece) != size:
                return list(self.texts)
            found.update(
                bisect_right(starts, base + m.start()) - 1 for m in pattern.finditer(piece)
            )
        return self._fields(found)

    def either(self, *groups: list[TextField]) -> list[TextField]:
        """The fields of any of ``groups``, once each, in order."""
        chosen = {id(t) for group in groups for t in group}
        return [t for t in self.texts if id(t) in chosen] if chosen else []

    def holding(self, words: tuple[str, ...], lowered: bool = False) -> list[TextField]:
        """The fields holding one of ``words`` (none with a line break), in order; with
        ``lowered``, the fields whose lower case holds one (all of them when lowering
        changes the length of a text, as it does for İ)."""
        if len(words) > _FEW_WORDS and not lowered and not any(_blank(w) for w in words):
            return self._fields(self._holding_many(words))
        starts = self.starts
        found: set[int] = set()
        for base, piece, size in self._pieces(lowered=lowered):
            if len(piece) != size:
                return list(self.texts)
            for word in words:
                at = piece.find(word)
                while at >= 0:
                    found.add(bisect_right(starts, base + at) - 1)
                    at = piece.find(word, at + 1)
        return self._fields(found)

    def _holding_many(self, words: tuple[str, ...]) -> set[int]:
        """The positions of the fields holding one of ``words``, none empty and none
        with a space: searching the whole text once for each word grows with the
        square of a file's size when the words grow with it (the suspect runs of a
        file of a hundred thousand behaviors), so the words are looked for in the
        distinct runs of non-space, which hold every place a word can be."""
        wanted = set(words)
        head = min(map(len, wanted))
        by_head: dict[str, list[str]] = {}
        for word in wanted:
            by_head.setdefault(word[:head], []).append(word)
        hits: set[str] = set()
        for run in self.runs:
            if run in wanted:
                hits.add(run)
                continue
            for i in range(len(run) - head + 1):
                found = by_head.get(run[i : i + head])
                if found is not None and any(run.startswith(w, i) for w in found):
                    hits.add(run)
                    break
        if not hits:
            return set()
        return {i for i, t in enumerate(self.texts) if not hits.isdisjoint(t.value.split())}


#: about the length of a piece of prose searched at once (see :meth:`Prose.pieces`)
PIECE = 1 << 16
#: up to how many characters of prose a :class:`Prose` keeps its pieces (a few copies
#: of a megabyte at most, dropped with the document)
KEEP = 1 << 20
#: what may end a piece: ASCII, neither a space nor part of a word (lowering and
#: blanking out broken runs leave it as it is)
_CUT_AFTER = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~")


def _cut_after(value: str) -> bool:
    return value[-1:] in _CUT_AFTER


#: up to this many words, :meth:`Prose.holding` searches the text once for each
_FEW_WORDS = 16


def _blank(word: str) -> bool:
    return not word or any(c.isspace() for c in word)


#: what :func:`_rare` leaves out: printable ASCII and the line break
_COMMON_BYTES = bytes(range(0x20, 0x7F)) + b"\n"


def _rare(text: str) -> str:
    """``text`` without its printable ASCII characters and line breaks (see
    :attr:`Prose.rare`): its UTF-8 bytes less those, which leaves every other
    character's bytes whole."""
    data = text.encode("utf-8", "surrogatepass").translate(None, _COMMON_BYTES)
    return data.decode("utf-8", "surrogatepass")


def prose(doc: Document, ctx: Context) -> Prose:
    """The :class:`Prose` of ``doc``, made once per run."""

    def build() -> Prose:
        return Prose(doc.texts)

    result: Prose = ctx.document_memo(doc, "text.prose", build)
    return result


class RunTotals(Counter[str]):
    """The run counts of several documents added up (see :func:`prose_runs`)."""


def _add_runs(parts: list[Counter[str]]) -> Counter[str]:
    # adds to the first part when it is the total of an earlier merge, so a check of many
    # files folds their facts as it goes; a document's own counts are never changed
    first = parts[0] if parts else None
    total = first if isinstance(first, RunTotals) else RunTotals()
    for part in parts[1:] if total is first else parts:
        total.update(part)
    return total


#: the kind of corpus facts :func:`prose_runs` takes
RUNS = "prose.runs"


@corpus_fact(RUNS, merge=_add_runs, stored=dict[str, int], restore=Counter)
def prose_runs(doc: Document, ctx: Context) -> Counter[str]:
    """How often each run of non-space characters occurs in a document's prose.

    The rules that count the project's words (the spelling rule's terms and context,
    the naming rule's word frequencies) read these: no word spans a space, so each
    distinct run is split into words once for the whole corpus, after the merge,
    instead of every word of every file being found and counted again per rule. Runs
    repeat far more than they differ (a corpus of 3.5 million words holds a few
    thousand distinct runs), so the facts are small and cheap to add up.
    """
    return prose(doc, ctx).run_counts


#: compiled (and cached by `re`) when a fix first needs it
_ESCAPE = r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abtnvfre _N/LP\\\"])"
_SIMPLE = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    "_": "\xa0",
    "N": "\x85",
    "L": "\u2028",
    "P": "\u2029",
    "/": "/",
    "\\": "\\",
    '"': '"',
}


def _escaped_char(body: str) -> str:
    if body[0] in "xuU":
        return chr(int(body[1:], 16))
    return _SIMPLE[body]


def removal(doc: Document, text: TextField, start: int, end: int) -> Edit | None:
    """An exact edit deleting ``text.value[start:end]``, or None.

    Characters written literally are removed with ``doc.edit``. Characters that YAML
    only allows as escapes in a double-quoted scalar (control characters, for
    instance) are removed by deleting their escape sequences, after checking that each
    escape decodes to exactly the character being removed.
    """
    direct = doc.edit(text, start, end, "")
    if direct is not None:
        return direct
    source = doc.source.text
    raw = source[text.span.start_index : text.span.end_index]
    if not raw.startswith('"'):
        return None
    first = last = None
    for i in range(start, end):
        at = doc.locate(text, i, i + 1).start_index
        match = re.compile(_ESCAPE).match(source, at)
        if match is None or _escaped_char(match.group(1)) != text.value[i]:
            return None
        if last is not None and at != last:
            return None
        first = at if first is None else first
        last = match.end()
    if first is None or last is None:
        return None
    return Edit(first, last, "")
