"""A fast path for reading clean YAML: rapidyaml, with positions recovered from offsets.

libyaml (ruamel.yaml's C composer, in careful.py) builds a Python object with two
mark objects for every node; on a large corpus that costs more than everything else
pdp-lint does. rapidyaml parses the same text about fifteen times faster into a C++
tree whose scalars point into the parsed buffer, so each scalar's position is its
offset in that buffer. Asking the buffer for a scalar's address costs more than the
rest of reading it, so the walker first looks for the scalar's text just after the
previous one: when only spaces and indicators lie between, that is where it is (a
match further on would mean a comment in between, which has a `#`), and only otherwise
asks for the address.

The fast path takes only what it can reproduce exactly: block and flow collections with
plain or quoted scalars. Anything else -- a parse error, a tag, an anchor or alias, a
block scalar, a duplicate or non-text key, a plain scalar YAML would read as a date or a
YAML 1.1 boolean, several documents -- returns None and the caller uses compose.compose,
which knows how to explain each of those. The caller also re-reads with the careful path when
the schema finds a problem, so every message about a file's structure comes from one
place. Tests check that both paths give identical data and scalar positions.
"""

from __future__ import annotations

import bisect
import contextlib
import ctypes
import os
import re
import sys
from array import array
from collections.abc import Iterator
from sys import intern
from typing import Any

from pdp_lint import patterns
from pdp_lint.load.nodes import MAX_DEPTH, Composed, MapLoc, SeqLoc
from pdp_lint.load.source import SourceText
from pdp_lint.model.positions import OffsetSpans
from pdp_lint.model.problem import Span

_PLAIN_SPECIAL = patterns.compile(
    r"[-+.~0-9]|(?:true|false|null|yes|no|on|off|y|n)$", re.IGNORECASE
)
_INT = patterns.compile(r"[-+]?(?:0|[1-9][0-9_]*)$|0o[0-7_]+$|0x[0-9a-fA-F_]+$")
_FLOAT = patterns.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$")
_FLOAT_SPECIAL = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf")}
_SPECIAL_FIRST = frozenset("-+.~0123456789")
#: YAML's indicators that cannot start a plain scalar and that rapidyaml reads as text
#: all the same (`summary: @team`, and `%` in a flow collection: `{text: % done}`):
#: libyaml refuses them ("cannot start any token"), and so must a check, whichever path
#: reads the file
_RESERVED_FIRST = frozenset("@`]}%")
#: the first characters for which a plain value is resolved, not taken as text
_RESOLVED_FIRST = _SPECIAL_FIRST | _RESERVED_FIRST
_SPECIAL_WORDS = frozenset(["true", "false", "null", "yes", "no", "on", "off", "y", "n"])
_LONGEST_SPECIAL_WORD = max(map(len, _SPECIAL_WORDS))
_ASCII_BYTES = bytes(range(0x80))
# what may lie between two scalars besides comments: spaces and indicators
_GAP = patterns.compile(r"[ \t\r\n:,?\-\[\]{}]*")
_NOT_FIRST = frozenset(" \t\r\n:,?-[]{}#")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


# rapidyaml's node type bits (c4::yml::NodeType_e), as the ryml module defines them
_MAP, _SEQ = 1 << 2, 1 << 3
_KEYREF, _VALREF, _KEYANCH, _VALANCH, _KEYTAG, _VALTAG = (1 << n for n in range(6, 12))
_KEY_LITERAL, _VAL_LITERAL, _KEY_FOLDED, _VAL_FOLDED = (1 << n for n in range(21, 25))
_KEY_SQUO, _VAL_SQUO, _KEY_DQUO, _VAL_DQUO, _KEY_PLAIN, _VAL_PLAIN = (1 << n for n in range(25, 31))
_VALNIL = 1 << 13
_KEY_UNSUPPORTED = _KEYREF | _KEYANCH | _KEYTAG
_VAL_UNSUPPORTED = _VALREF | _VALANCH | _VALTAG | _VAL_LITERAL | _VAL_FOLDED | _VALNIL
_VAL_STYLED = _VAL_PLAIN | _VAL_SQUO | _VAL_DQUO
_QUOTED_VAL = _VAL_SQUO | _VAL_DQUO


#: the span a container has until its own is known (a span cannot change: one serves all)
_NOWHERE = Span(1, 1, 1, 1)


class _NeedsCarefulPath(Exception):
    """The document uses something only the libyaml path reproduces exactly."""


class _PyBuffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.c_void_p),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_get_buffer.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
_release_buffer = ctypes.pythonapi.PyBuffer_Release
_release_buffer.argtypes = [ctypes.POINTER(_PyBuffer)]


def _address(view: Any) -> int:
    """Memory address of the first byte of a buffer (the scalar views rapidyaml returns)."""
    info = _PyBuffer()
    _get_buffer(view, ctypes.byref(info), 0)
    try:
        return int(info.buf or 0)
    finally:
        _release_buffer(ctypes.byref(info))


#: the null device, opened once per process for :func:`_silence`
_devnull: int | None = None


def _silence() -> int | None:
    """Point the C stderr at the null device (rapidyaml prints parse errors there; they
    are reported our own way); the descriptor to restore it from, or None when it
    cannot be redirected. A file of a run of many files pays for two descriptor copies,
    not for opening the null device and a generator context manager each time."""
    global _devnull
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        return None
    try:
        if _devnull is None:
            _devnull = os.open(os.devnull, os.O_WRONLY | os.O_CLOEXEC)
        os.dup2(_devnull, 2)
    except OSError:
        os.close(saved)
        return None
    return saved


def _restore(saved: int | None) -> None:
    """Undo :func:`_silence`."""
    if saved is not None:
        os.dup2(saved, 2)
        os.close(saved)


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """:func:`_silence` for the duration of a block."""
    saved = _silence()
    try:
        yield
    finally:
        _restore(saved)


class _Offsets:
    """Byte offsets in the UTF-8 buffer to character offsets of the text."""

    def __init__(self, src: SourceText) -> None:
        self.wide: list[int] = []  # byte offset just after each non-ASCII character
        self.extra: list[int] = []  # bytes beyond one, accumulated up to that point
        text = src.text
        if not text.isascii():
            total = 0
            for at in _non_ascii(text):
                width = len(text[at].encode("utf-8", "surrogatepass"))
                # the byte just after this character, counted in the UTF-8 buffer
                total += width - 1
                self.wide.append(at + 1 + total)
                self.extra.append(total)

    def char(self, byte: int) -> int:
        if not self.wide:
            return byte
        i = bisect.bisect_right(self.wide, byte) - 1
        return byte - (self.extra[i] if i >= 0 else 0)


def _non_ascii(text: str) -> list[int]:
    """The offsets of the characters of ``text`` beyond ASCII, in order.

    Prose holds few of them (curly quotes, dashes, accents), and few distinct ones: each
    distinct one is found with ``str.find``, which costs less than one search of the
    whole text for any of them (the text is stored two or four bytes a character).
    """
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    found: list[int] = []
    for ch in set(data.decode("utf-8", "surrogatepass")):
        at = text.find(ch)
        while at != -1:
            found.append(at)
            at = text.find(ch, at + 1)
    found.sort()
    return found


def compose_fast(src: SourceText, *, keys: bool = True) -> Composed | None:
    """Compose ``src`` with rapidyaml, or None when it needs the libyaml path.

    With ``keys`` false, the positions of the keys and the scalar styles are left out
    (empty tables), where the node table can be read: only the schema's explanations
    read them, and the loader takes those from the libyaml path whenever the schema
    finds a problem, so a document read for its model does without them.
    """
    import ryml

    text = src.text
    if not text.strip() or "\t" in text:
        return None
    if text.startswith("%") or "\n%" in text:
        return None  # a directive (%YAML 2.0, %FOO): rapidyaml ignores what libyaml refuses
    buf = bytearray(text.encode("utf-8"))
    saved = _silence()
    try:
        tree = ryml.Tree()
        tree.reserve(_nodes_at_most(text))
        ryml.parse_in_place(buf, tree)
    except Exception:  # any parse error: libyaml explains it
        return None
    finally:
        _restore(saved)
    try:
        table = _node_table(tree)
        if table is not None:
            return _TableWalker(src, tree, buf, table, keys).run()
        return _Walker(src, tree, buf).run()
    except _NeedsCarefulPath:
        return None
    except SystemError:
        # how the extension fails when memory runs out (an error return with no Python
        # exception): the careful path reads the file, or runs out as a MemoryError
        return None


def _nodes_at_most(text: str) -> int:
    """About as many nodes as rapidyaml makes of ``text``, rarely fewer: one for each
    key (a colon before a space or a line break), each block sequence item (a dash
    before a space) and each flow item (a comma), prose's own colons, dashes and
    commas counted as well.

    The tree's node array is reserved at that size: grown by doubling as the parser
    goes, it ended up to twice the nodes' size, 144 bytes a node (38 MB for a 9 MB
    file, and the array it grew from was kept while it was copied: a peak of 56 MB
    where the reserved array costs 21 MB). When the text holds more nodes, the array
    grows as before.
    """
    return text.count(": ") + text.count(":\n") + text.count("- ") + text.count(",") + 16


class _Walker:
    def __init__(self, src: SourceText, tree: Any, buf: bytearray) -> None:
        import ryml
        from ryml import _ryml

        # the extension's functions, called directly: the proxy methods of ryml.Tree add
        # a Python call to every one of the million accesses of a large corpus
        self._type = _ryml.Tree_type
        self._key = _ryml.Tree_key
        self._value = _ryml.Tree_val
        self._first = _ryml.Tree_first_child
        self._next = _ryml.Tree_next_sibling

        self.src = src
        self.text = src.text
        self.tree = tree
        self.none = ryml.NONE
        self.base = _address(buf)
        self.offsets = _Offsets(src)
        self.locs: dict[int, MapLoc | SeqLoc] = {}
        # the end of the previous scalar, and the line it reached (1-based) and the
        # offset where that line starts: scalars come in the order of the text
        self.cursor = 0
        self.line = 1
        self.line_start = 0

    def run(self) -> Composed:
        tree = self.tree
        root = tree.root_id()
        if tree.is_stream(root):
            if tree.num_children(root) != 1:
                raise _NeedsCarefulPath
            root = tree.first_child(root)
        if not tree.type(root) & (_MAP | _SEQ):
            raise _NeedsCarefulPath
        data, span = self.node(root, 0)
        return Composed(data, self.locs, [], span, self.text)

    # -- scalars -------------------------------------------------------------------------

    def _scalar(self, view: Any, quoted: str) -> tuple[str, int, int]:
        """Text of a scalar and its start and end character offsets (quotes included)."""
        if view is None:
            # an empty key (`: b`, `? `): rapidyaml gives no text; libyaml reads it as a
            # null key and the careful path reports that
            raise _NeedsCarefulPath
        try:
            value = bytes(view).decode("utf-8")
        except UnicodeDecodeError:
            # an escape rapidyaml decoded to bytes that are not UTF-8: a lone surrogate
            # (``"\ud800"``); libyaml refuses it, and the careful path says so
            raise _NeedsCarefulPath from None
        start = self._next_to_cursor(value, quoted) if value else -1
        if start < 0:
            value, start, end = self._scalar_at_address(view, value, quoted)
        else:
            end = start + len(value) + 2 * len(quoted)
        self.cursor = end
        return value, start, end

    def _next_to_cursor(self, value: str, quoted: str) -> int:
        """Where ``value`` starts if it is written as is right after the previous
        scalar, with only spaces and indicators between; else -1."""
        if quoted:
            if quoted in value or "\\" in value or "\n" in value:
                return -1  # escaped or folded: the text differs from the value
            needle = quoted + value
        elif value[0] in _NOT_FIRST:
            return -1
        else:
            needle = value
        text, cursor = self.text, self.cursor
        start = text.find(needle, cursor)
        if start < 0 or (start > cursor and _GAP.fullmatch(text, cursor, start) is None):
            return -1
        if quoted and text[start + len(needle) : start + len(needle) + 1] != quoted:
            return -1
        return start

    def _scalar_at_address(self, view: Any, value: str, quoted: str) -> tuple[str, int, int]:
        """Where the buffer holds the scalar: one escaped, folded or after a comment."""
        start_byte = _address(view) - self.base if len(view) else -1
        if start_byte < 0:
            raise _NeedsCarefulPath  # an empty scalar has no place to point at
        start = self.offsets.char(start_byte)
        if not quoted:
            end = start + len(value)
            if self.text[start:end] != value:
                raise _NeedsCarefulPath  # a plain scalar folded over several lines
            return value, start, end
        start -= 1  # the opening quote
        if self.text[start : start + 1] != quoted:
            raise _NeedsCarefulPath
        end = self._closing_quote(start, quoted)
        return value, start, end

    def _closing_quote(self, start: int, quote: str) -> int:
        text = self.text
        i = start + 1
        while True:
            j = text.find(quote, i)
            if j == -1:
                raise _NeedsCarefulPath
            if quote == "'":
                if text.startswith("''", j):
                    i = j + 2
                    continue
                return j + 1
            backslashes = 0
            k = j - 1
            while k > start and text[k] == "\\":
                backslashes += 1
                k -= 1
            if backslashes % 2 == 0:
                return j + 1
            i = j + 1

    def _span(self, start: int, end: int) -> Span:
        """The span of a scalar, counting lines from the previous one."""
        text = self.text
        if start < self.line_start:
            return self.src.span(start, end)
        newlines = text.count("\n", self.line_start, start)
        if newlines:
            self.line += newlines
            self.line_start = text.rindex("\n", 0, start) + 1
        line, column = self.line, start - self.line_start + 1
        if text.find("\n", start, end) == -1:
            return Span(line, column, line, column + end - start, start, end)
        end_line, end_column = self.src.position(end)
        return Span(line, column, end_line, end_column, start, end)

    def _resolve(self, value: str, plain: bool) -> Any:
        if not plain:
            return value
        if value in _NULL:
            return None
        if value[0] in _RESERVED_FIRST:
            raise _NeedsCarefulPath  # libyaml's path says where and why
        if " #" in value:
            # a comment, which no plain scalar holds: rapidyaml kept one inside a flow
            # mapping (`{text: all mediums #agreed}`) as part of the text
            raise _NeedsCarefulPath
        # what _PLAIN_SPECIAL matches, told without a search for most text
        if value[0] not in _SPECIAL_FIRST and (
            len(value) > _LONGEST_SPECIAL_WORD or value.lower() not in _SPECIAL_WORDS
        ):
            return value  # prose is never one of the words: it is not lower-cased
        if not _PLAIN_SPECIAL.match(value):
            return value
        if value in _BOOL:
            return _BOOL[value]
        lowered = value.lower()
        if lowered in ("yes", "no", "on", "off", "y", "n"):
            raise _NeedsCarefulPath  # a YAML 1.1 boolean: libyaml's path explains it
        if _INT.match(value):
            text = value.replace("_", "")
            return int(text, 0) if text[:2] in ("0o", "0x") else int(text, 10)
        if lowered in _FLOAT_SPECIAL:
            return _FLOAT_SPECIAL[lowered]
        if lowered == ".nan":
            return float("nan")
        if _FLOAT.match(value) and any(c.isdigit() for c in value):
            return float(value.replace("_", ""))
        if re.match(r"\d{4}-\d\d?-\d\d?", value):
            raise _NeedsCarefulPath  # a date
        return value

    def _val(self, node: int, kind: int) -> tuple[Any, Span, str]:
        if kind & _VAL_UNSUPPORTED or not kind & _VAL_STYLED:
            raise _NeedsCarefulPath  # tag, anchor, alias, block scalar, or `key:` alone
        quote = '"' if kind & _VAL_DQUO else "'" if kind & _VAL_SQUO else ""
        value, start, end = self._scalar(self._value(self.tree, node), quote)
        return self._resolve(value, not quote), self._span(start, end), quote

    # -- collections ---------------------------------------------------------------------

    def node(self, node: int, depth: int) -> tuple[Any, Span]:
        kind = self._type(self.tree, node)
        if depth > MAX_DEPTH or kind & (_VALTAG | _VALANCH | _VALREF):
            raise _NeedsCarefulPath
        if kind & _MAP:
            return self.mapping(node, depth)
        if kind & _SEQ:
            return self.sequence(node, depth)
        value, span, _ = self._val(node, kind)
        return value, span

    def mapping(self, node: int, depth: int) -> tuple[dict[str, Any], Span]:
        tree = self.tree
        out: dict[str, Any] = {}
        values: dict[str, Span] = {}
        loc = MapLoc(_NOWHERE, values=values)
        self.locs[id(out)] = loc
        keys, styles = loc.keys, loc.styles
        type_of, next_of = self._type, self._next
        child = self._first(tree, node)
        first: Span | None = None
        vspan: Span | None = None
        none = self.none
        while child != none:
            kind = type_of(tree, child)
            if kind & _KEY_UNSUPPORTED or not kind & _KEY_PLAIN:
                raise _NeedsCarefulPath
            key, kstart, kend = self._scalar(self._key(tree, child), "")
            key = intern(key)  # see _TableWalker.mapping
            if key in out or key == "<<":
                raise _NeedsCarefulPath
            kspan = self._span(kstart, kend)
            value: Any
            if kind & _MAP:
                value, vspan = self.mapping(child, depth + 1)
                style = ""
            elif kind & _SEQ:
                value, vspan = self.sequence(child, depth + 1)
                style = ""
            else:
                value, vspan, style = self._val(child, kind)
            out[key] = value
            keys[key] = kspan
            values[key] = vspan
            styles[key] = style
            if first is None:
                first = kspan
            child = next_of(tree, child)
        if first is None or vspan is None or depth > MAX_DEPTH:
            raise _NeedsCarefulPath  # an empty mapping `{}`, or nested too deep
        loc.span = self._container_span(first, vspan, "{")
        return out, loc.span

    def sequence(self, node: int, depth: int) -> tuple[list[Any], Span]:
        tree = self.tree
        items: list[Any] = []
        loc = SeqLoc(_NOWHERE)
        self.locs[id(items)] = loc
        spans, styles = loc.items, loc.styles
        type_of, next_of = self._type, self._next
        child = self._first(tree, node)
        none = self.none
        while child != none:
            kind = type_of(tree, child)
            if kind & (_VALTAG | _VALANCH | _VALREF):
                raise _NeedsCarefulPath
            value: Any
            if kind & _MAP:
                value, span = self.mapping(child, depth + 1)
                style = ""
            elif kind & _SEQ:
                value, span = self.sequence(child, depth + 1)
                style = ""
            else:
                value, span, style = self._val(child, kind)
            items.append(value)
            spans.append(span)
            styles.append(style)
            child = next_of(tree, child)
        if not spans or depth > MAX_DEPTH:
            raise _NeedsCarefulPath  # an empty sequence `[]`, or nested too deep
        loc.span = self._container_span(spans[0], spans[-1], "-[")
        return items, loc.span

    def _container_span(self, first: Span, last: Span, openers: str) -> Span:
        """From the `-` or `[` before a sequence's first item, or the `{` before a flow
        mapping's first key, as libyaml places them."""
        text = self.text
        i = first.start_index - 1
        while i >= 0 and text[i] == " ":
            i -= 1
        if i < 0 or text[i] not in openers:
            return _join(first, last)
        # only spaces lie between, so the opener is on the first item's line
        column = first.column - (first.start_index - i)
        return Span(first.line, column, last.end_line, last.end_column, i, last.end_index)


def _join(first: Span, last: Span) -> Span:
    return Span(
        first.line, first.column, last.end_line, last.end_column, first.start_index, last.end_index
    )


# -- the node table --------------------------------------------------------------------
#
# Each call into the extension (a node's type, key, value, first child, next sibling)
# costs more than the rest of reading a scalar, and a large corpus has millions of them.
# rapidyaml keeps its tree as one array of fixed-size node records: the type, the key's
# and the value's tag, text and anchor (each a pointer and a length), then the parent,
# first and last child and next and previous sibling. That array is read in place as
# 64-bit numbers, without a call per node; a scalar's text pointer, less the buffer's
# address, is its offset. The layout is rapidyaml's and could change with a new version, so it is
# checked once per process against the extension's own functions on a document that
# uses every kind of node the fast path reads; when it does not match, the walker above
# asks the extension node by node, as before.

_WORDS = 18  # 64-bit words of a node record
_W_KEY, _W_VAL, _W_FIRST, _W_NEXT = 3, 9, 14, 16
_PROBE = """\
a: plain
b: 'single ''quoted'''
c: "double \\"quoted\\" \\u00e9"
d:
  - one
  - [two, 'three', {four: 5}]
  - e: 1.5
    f: true
g: {h: i, j: [k]}
été: café
"""
_layout: bool | None = None


def _table_place(tree: Any) -> tuple[int, int] | None:
    """(address, nodes) of the tree's node array, read from the C++ object."""
    try:
        address = int(tree.this)
    except (AttributeError, TypeError, ValueError):
        return None
    if not address:
        return None
    start, capacity, size = (ctypes.c_uint64 * 3).from_address(address)
    if not start or size > capacity:
        return None
    return start, size


def _view_table(start: int, size: int) -> memoryview:
    """The node records as 64-bit numbers, read in place: a copy (a list of Python
    numbers above all) would cost several times the tree's memory on a large file."""
    records = (ctypes.c_uint64 * (size * _WORDS)).from_address(start)
    return memoryview(records).cast("B").cast("Q")


def _layout_matches() -> bool:
    """Whether the node records hold what the extension's functions say they hold."""
    import ryml
    from ryml import _ryml

    buf = bytearray(_PROBE.encode("utf-8"))
    with _quiet_stderr():
        tree = ryml.parse_in_place(buf)
    place = _table_place(tree)
    if place is None or place[1] != tree.size() or ryml.NONE != 2**64 - 1:
        return False
    table = _view_table(*place)
    for node in range(place[1]):
        row = table[node * _WORDS : (node + 1) * _WORDS]
        if (row[0], row[_W_FIRST], row[_W_NEXT]) != (
            _ryml.Tree_type(tree, node),
            _ryml.Tree_first_child(tree, node),
            _ryml.Tree_next_sibling(tree, node),
        ):
            return False
        for has, get, at in (
            (_ryml.Tree_has_key, _ryml.Tree_key, _W_KEY),
            (_ryml.Tree_has_val, _ryml.Tree_val, _W_VAL),
        ):
            if not has(tree, node):
                continue
            view = get(tree, node)
            if view is None or row[at + 1] != len(view):
                return False
            if len(view) and row[at] != _address(view):
                return False
    return place[1] > 15  # the probe was read whole


def _node_table(tree: Any) -> memoryview | None:
    """The node records of ``tree`` as 64-bit numbers, or None when the layout is not
    the one this module reads. The view reads the tree's memory: it is valid while the
    tree lives, and the walker holds both."""
    global _layout
    if _layout is None:
        try:
            _layout = _layout_matches()
        except Exception:  # an extension unlike the one this was written for
            _layout = False
    if not _layout:
        return None
    place = _table_place(tree)
    return None if place is None else _view_table(*place)


class _TableWalker(_Walker):
    """The walker reading the copied node records: positions come from the pointers."""

    def __init__(
        self, src: SourceText, tree: Any, buf: bytearray, table: memoryview, keys: bool = True
    ) -> None:
        super().__init__(src, tree, buf)
        self.table = table
        #: whether the keys' positions and the styles are recorded (see compose_fast)
        self.keys = keys
        self.buf = buf
        self.ascii = not self.offsets.wide
        #: without ``keys``, the start and end offset of every mapping value, in order,
        #: which the mappings' OffsetSpans read (see pdp_lint.model.positions)
        self.places: array[int] = array("q")
        #: one tuple of keys for every mapping with the same keys in the same order
        self.shapes: dict[tuple[str, ...], tuple[str, ...]] = {}

    def run(self) -> Composed:
        table = self.table
        if len(table) < _WORDS or table[0] != self._type(self.tree, 0):
            raise _NeedsCarefulPath
        return super().run()

    def _at(self, word: int, quoted: str) -> tuple[str, int, int]:
        """Text and start and end character offsets of the scalar whose pointer is at
        ``word`` of the table (quotes included)."""
        table = self.table
        size = table[word + 1]
        if not size:
            raise _NeedsCarefulPath  # an empty scalar or key has no place to point at
        at = table[word] - self.base
        try:
            value = self.buf[at : at + size].decode("utf-8")
        except UnicodeDecodeError:
            raise _NeedsCarefulPath from None  # see _Walker._scalar
        start = at if self.ascii else self.offsets.char(at)
        end = start + len(value)
        text = self.text
        if not quoted:
            if not text.startswith(value, start):
                raise _NeedsCarefulPath  # a plain scalar folded over several lines
            return value, start, end
        start -= 1
        if text[start : start + 1] != quoted:
            raise _NeedsCarefulPath
        if (
            text[end + 1 : end + 2] == quoted
            and quoted not in value
            and "\\" not in value
            and text[start + 1 : end + 1] == value
        ):
            return value, start, end + 2
        return value, start, self._closing_quote(start, quoted)

    def _val(self, node: int, kind: int) -> tuple[Any, Span, str]:
        if kind & _VAL_UNSUPPORTED or not kind & _VAL_STYLED:
            raise _NeedsCarefulPath  # tag, anchor, alias, block scalar, or `key:` alone
        quote = '"' if kind & _VAL_DQUO else "'" if kind & _VAL_SQUO else ""
        value, start, end = self._at(node * _WORDS + _W_VAL, quote)
        return self._resolve(value, not quote), self._span(start, end), quote

    def node(self, node: int, depth: int) -> tuple[Any, Span]:
        kind = self.table[node * _WORDS]
        if depth > MAX_DEPTH or kind & (_VALTAG | _VALANCH | _VALREF):
            raise _NeedsCarefulPath
        if kind & _MAP:
            return self.mapping(node, depth)
        if kind & _SEQ:
            return self.sequence(node, depth)
        value, span, _ = self._val(node, kind)
        return value, span

    def mapping(self, node: int, depth: int) -> tuple[dict[str, Any], Span]:
        table = self.table
        out: dict[str, Any] = {}
        values: dict[str, Span] = {}
        loc = MapLoc(_NOWHERE, values=values)
        self.locs[id(out)] = loc
        keys, styles = loc.keys, loc.styles
        child = table[node * _WORDS + _W_FIRST]
        first: Span | None = None
        vspan: Span | None = None
        none = self.none
        at, span_of, resolve = self._at, self._span, self._resolve
        buf, base, text = self.buf, self.base, self.text
        ascii_text, detail = self.ascii, self.keys
        # this mapping's value offsets, added to self.places after those of the
        # mappings inside it
        offsets: list[int] = []
        place = offsets.append
        # the last value read, while its span is not made yet: (start, end) of a scalar,
        # or -1 when it is a collection (whose span is made)
        last_start = last_end = -1
        while child != none:
            row = child * _WORDS
            kind = table[row]
            if kind & _KEY_UNSUPPORTED or not kind & _KEY_PLAIN:
                raise _NeedsCarefulPath
            # a plain key, as _at reads it
            size = table[row + _W_KEY + 1]
            if not size:
                raise _NeedsCarefulPath
            kstart = table[row + _W_KEY] - base
            try:
                # one string per distinct key: the model keeps each mapping's keys with
                # their positions, and a string for every `id:` and `text:` of a large
                # file cost about 150 bytes a behavior
                key = intern(buf[kstart : kstart + size].decode("utf-8"))
            except UnicodeDecodeError:
                raise _NeedsCarefulPath from None
            if not ascii_text:
                kstart = self.offsets.char(kstart)
            kend = kstart + len(key)
            if not text.startswith(key, kstart) or key in out or key == "<<":
                raise _NeedsCarefulPath
            if detail or first is None:
                kspan = span_of(kstart, kend)
                if first is None:
                    first = kspan
            value: Any
            if kind & _MAP:
                value, vspan = self.mapping(child, depth + 1)
                style = ""
                last_start = -1
                if not detail:
                    place(vspan.start_index)
                    place(vspan.end_index)
            elif kind & _SEQ:
                value, vspan = self.sequence(child, depth + 1)
                style = ""
                last_start = -1
                if not detail:
                    place(vspan.start_index)
                    place(vspan.end_index)
            else:
                if kind & _VAL_UNSUPPORTED or not kind & _VAL_STYLED:
                    raise _NeedsCarefulPath  # see _val
                if ascii_text and not kind & _QUOTED_VAL:
                    # a plain scalar of ASCII text, as _at and _resolve read it, without
                    # their calls (most values of a framework)
                    style = ""
                    vsize = table[row + _W_VAL + 1]
                    if not vsize:
                        raise _NeedsCarefulPath
                    vstart = table[row + _W_VAL] - base
                    try:
                        value = buf[vstart : vstart + vsize].decode("utf-8")
                    except UnicodeDecodeError:
                        raise _NeedsCarefulPath from None
                    vend = vstart + len(value)
                    if not text.startswith(value, vstart):
                        raise _NeedsCarefulPath  # a plain scalar folded over several lines
                    if (
                        len(value) <= _LONGEST_SPECIAL_WORD
                        or value[0] in _RESOLVED_FIRST
                        or " #" in value
                    ):
                        value = resolve(value, True)
                else:
                    style = '"' if kind & _VAL_DQUO else "'" if kind & _VAL_SQUO else ""
                    value, vstart, vend = at(row + _W_VAL, style)
                    if not style:
                        value = resolve(value, True)
                if detail:
                    vspan = span_of(vstart, vend)
                else:
                    # its span is made only if it is the last value (the mapping's
                    # own span ends with it) or when a rule asks for it
                    place(vstart)
                    place(vend)
                    last_start, last_end = vstart, vend
            out[key] = value
            if detail:
                assert vspan is not None
                values[key] = vspan
                keys[key] = kspan
                styles[key] = style
            child = table[row + _W_NEXT]
        if last_start >= 0:
            vspan = span_of(last_start, last_end)
        if first is None or vspan is None or depth > MAX_DEPTH:
            raise _NeedsCarefulPath  # an empty mapping `{}`, or nested too deep
        if not detail:
            names = tuple(out)
            places = self.places
            placed = len(places)
            places.extend(offsets)
            loc.values = OffsetSpans(self.shapes.setdefault(names, names), places, placed, self.src)
        loc.span = self._container_span(first, vspan, "{")
        return out, loc.span

    def sequence(self, node: int, depth: int) -> tuple[list[Any], Span]:
        table = self.table
        items: list[Any] = []
        loc = SeqLoc(_NOWHERE)
        self.locs[id(items)] = loc
        spans, styles = loc.items, loc.styles
        child = table[node * _WORDS + _W_FIRST]
        none = self.none
        detail = self.keys
        while child != none:
            row = child * _WORDS
            kind = table[row]
            if kind & (_VALTAG | _VALANCH | _VALREF):
                raise _NeedsCarefulPath
            value: Any
            if kind & _MAP:
                value, span = self.mapping(child, depth + 1)
                style = ""
            elif kind & _SEQ:
                value, span = self.sequence(child, depth + 1)
                style = ""
            else:
                value, span, style = self._val(child, kind)
            items.append(value)
            spans.append(span)
            if detail:
                styles.append(style)
            child = table[row + _W_NEXT]
        if not spans or depth > MAX_DEPTH:
            raise _NeedsCarefulPath  # an empty sequence `[]`, or nested too deep
        loc.span = self._container_span(spans[0], spans[-1], "-[")
        return items, loc.span
