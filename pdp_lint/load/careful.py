"""The careful path: libyaml (ruamel.yaml's C composer) and the YAML traps.

The C composer keeps every node's start and end mark, and no Python-level constructor
runs, so no tag can instantiate an object. The converter turns nodes into plain data,
recording positions, and is where duplicate keys, explicit tags, aliases and plain
scalars that YAML silently reads as booleans, numbers or dates are caught.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from pdp_lint import patterns
from pdp_lint.load.nodes import (
    MAX_DEPTH,
    TAG,
    Composed,
    Issue,
    Loc,
    MapLoc,
    SeqLoc,
    YamlSyntaxError,
)
from pdp_lint.load.source import SourceText
from pdp_lint.model.problem import Span

_ALLOWED_TAGS = {TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}
# Plain scalars that YAML 1.1 tools (and many editors' validators) read as booleans.
_YAML11_BOOL = patterns.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")


def _span(src: SourceText, node: Node) -> Span:
    sm, em = node.start_mark, node.end_mark
    return Span(sm.line + 1, sm.column + 1, em.line + 1, em.column + 1, sm.index, em.index)


#: flow collections nested deeper than this are refused before libyaml reads them: its
#: composer recurses in C once per level, and some 30,000 levels overflow the process's
#: stack (a segmentation fault, which no exception handler sees); 10,000 read safely
MAX_FLOW_NESTING = 5_000
_FLOW_BRACKETS = patterns.compile(r"[\[\]{}]")


def _flow_too_deep(text: str) -> int | None:
    """Where ``[`` and ``{`` first nest past :data:`MAX_FLOW_NESTING` (brackets in
    quotes and comments counted too: only a text of thousands of them pays the scan,
    and only one that opens that many more than it closes is refused)."""
    if text.count("[") + text.count("{") <= MAX_FLOW_NESTING:
        return None
    depth = 0
    for bracket in _FLOW_BRACKETS.finditer(text):
        if bracket.group() in "[{":
            depth += 1
            if depth > MAX_FLOW_NESTING:
                return bracket.start()
        elif depth:
            depth -= 1
    return None


def _too_deep(src: SourceText, at: int) -> YamlSyntaxError:
    return YamlSyntaxError(
        f"nested more than {MAX_DEPTH} levels deep; flatten the structure",
        src.span(at, at + 1),
        "SY06",
        "syntax.depth",
    )


#: characters libyaml refuses or takes for line breaks that the fast path reads as text:
#: - NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, line breaks in YAML 1.1 and text in
#:   YAML 1.2, for the fast path and for pdp-lint's lines. Read as breaks, a value
#:   holding one (pasted from a web page or a word processor) was cut or refused on
#:   this path only, and every line number after it was one too many;
#: - the control characters and U+FFFE/U+FFFF, which YAML does not allow raw. The fast
#:   path reads past them so that TX07 points at each and removes it; here libyaml
#:   refused the whole file (SY01), so the findings of a file holding one depended on
#:   which path read it.
_UNREAD = patterns.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
#: what stands for each of them while libyaml reads: noncharacters, which YAML allows,
#: one character for one so that offsets stay
_STAND_INS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [
    chr(plane << 16 | low) for plane in range(1, 17) for low in (0xFFFE, 0xFFFF)
]


def _readable(text: str) -> tuple[str, dict[int, int] | None]:
    """``text`` with a stand-in for each character of :data:`_UNREAD` it holds, and the
    table that puts them back in what libyaml reads (None when nothing was replaced).
    Stand-ins the text holds, as themselves or as escapes (``"\\uFDD0"``), are not
    used; a character left without one is read as libyaml reads it."""
    found = sorted(set(_UNREAD.findall(text)))
    if not found:
        return text, None
    escapes = text.lower() if "\\" in text else ""

    def unused(c: str) -> bool:
        if c in text:
            return False
        return not escapes or (
            f"\\u{ord(c):04x}" not in escapes and f"\\u{ord(c):08x}" not in escapes
        )

    free = (c for c in _STAND_INS if unused(c))
    pairs = dict(zip(found, free, strict=False))
    if not pairs:
        return text, None
    there = str.maketrans(pairs)
    back = {ord(stand_in): ord(char) for char, stand_in in pairs.items()}
    return text.translate(there), back


#: what libyaml's scanner says of a colon inside a plain scalar of a flow collection
#: (`[https://example.com]`, `{at: 10:30}`)
_FLOW_COLON = "found unexpected ':'"
#: and where it stops, in a flow collection, at a `?` inside a plain scalar (`{text: Is
#: it a ? b}`), which it takes for the start of a key wherever it stands there
_IN_FLOW = ("while parsing a flow mapping", "while parsing a flow sequence")


def _compose(text: str) -> Any:
    """The root node of ``text``, composed by libyaml.

    The libyaml that ruamel.yaml's C composer bundles refuses two things in flow
    collections that YAML 1.2, rapidyaml (the fast path) and ruamel.yaml's Python
    composer read as text: a colon inside a plain scalar and a `?` inside one. A
    document holding one read on the fast path but was a syntax error here, taken when
    something else in it (a `|` block, an anchor) needed this path. Where libyaml
    refuses a document on such a point, the Python composer (the same nodes and marks)
    reads it again. If that one refuses the document too, libyaml's error stands, unless
    the Python composer read past it and stopped further on: then its error is the one.
    The Python composer takes about ten times libyaml's time (2 s for a 5 MB file), so
    it is asked only on those two refusals, not on every error in a flow collection.
    """
    try:
        # a YAML object per document: one shared by the run would keep each document's
        # loader (see pdp_lint.load.loader._free_parser)
        return YAML(typ="safe", pure=False).compose(text)
    except MarkedYAMLError as exc:
        problem, context = (exc.problem or "").strip(), (exc.context or "").strip()
        at = _at(exc)
        # libyaml stops at the `?`; any other error in a flow collection is one, and the
        # Python composer (ten times slower) is not asked to say so again
        question = context.startswith(_IN_FLOW) and text[at : at + 1] == "?"
        if problem != _FLOW_COLON and not question:
            raise
        try:
            return YAML(typ="safe", pure=True).compose(text)
        except MarkedYAMLError as again:
            if _at(again) > _at(exc):
                raise again from None
            raise exc from None
        except YAMLError:
            raise exc from None


def _at(exc: MarkedYAMLError) -> int:
    """Where an error stopped the reading (its mark's offset; -1 without one)."""
    mark = exc.problem_mark or exc.context_mark
    index = getattr(mark, "index", None)
    return index if isinstance(index, int) else -1


def compose_careful(src: SourceText) -> Composed:
    """Compose ``src`` into data with positions; raise YamlSyntaxError on bad YAML."""
    deep = _flow_too_deep(src.text)
    if deep is not None:
        raise _too_deep(src, deep)
    text, back = _readable(src.text)
    try:
        root = _compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if exc.context and exc.problem and "document" not in exc.problem:
            problem = f"{problem} ({exc.context.strip()})"
        if back is not None:
            problem = problem.translate(back)
        raise YamlSyntaxError(
            f"YAML syntax error: {problem}", Span(line, column, line, column + 1)
        ) from None
    except ReaderError as exc:  # a character YAML does not allow: no mark, a position
        raise _unreadable_character(src, exc) from None
    except YAMLError as exc:
        raise YamlSyntaxError(f"YAML syntax error: {exc}", Span(1, 1, 1, 2)) from None
    except RecursionError:
        raise _too_deep(src, 0) from None
    if root is None:
        end = src.span(len(src.text), len(src.text))
        return Composed(None, {}, [], Span(1, 1, end.line, end.column), src.text)
    conv = _Converter(src, back)
    data = conv.convert(root, 0, None)
    return Composed(data, conv.locs, conv.issues, _span(src, root), src.text)


def _unreadable_character(src: SourceText, exc: ReaderError) -> YamlSyntaxError:
    """The YAML reader's refusal of a character, at the character: the reader gives its
    offset in the text's UTF-8 bytes only, and its message ended in "in <unicode
    string>, position 37" on a second line, pointing at line 1. (The characters it
    refuses are read past with stand-ins, see _readable; it refuses one only where the
    text holds every stand-in.)"""
    # the reader counts bytes of UTF-8, where a position counts characters
    offset = exc.position if isinstance(exc.position, int) else 0
    encoded = src.text.encode("utf-8", "surrogatepass")
    at = len(encoded[: max(offset, 0)].decode("utf-8", "ignore"))
    char = exc.character
    if isinstance(char, int):
        kind = "control character" if char < 0x20 or 0x7F <= char < 0xA0 else "character"
        what = f"{kind} U+{char:04X}"
    else:
        what = f"character {char!r}"
    return YamlSyntaxError(
        f"YAML syntax error: {what} is not allowed in YAML; remove it (or write it as an "
        'escape, such as "\\u001b", in a double-quoted string)',
        src.span(at, at + 1),
    )


class _Converter:
    def __init__(self, src: SourceText, back: dict[int, int] | None = None) -> None:
        self.src = src
        #: puts back the characters _readable replaced, in every key and scalar
        self.back = back
        self.locs: dict[int, Loc] = {}
        self.issues: list[Issue] = []
        self.seen: dict[int, Span] = {}

    def issue(self, code: str, name: str, message: str, span: Span) -> None:
        self.issues.append(Issue(code, name, message, span))

    def convert(self, node: Node, depth: int, at: Span | None) -> Any:
        span = _span(self.src, node)
        if True:  # every node object appears once unless an alias repeats it
            first = self.seen.get(id(node))
            if first is not None:
                self.issue(
                    "SY04",
                    "syntax.alias",
                    f"this value repeats the one at line {first.line} through an alias; "
                    "write the content out instead of using anchors and aliases",
                    at or span,
                )
                return None
            self.seen[id(node)] = span
        if depth > MAX_DEPTH:
            self.issue(
                "SY06",
                "syntax.depth",
                f"nested more than {MAX_DEPTH} levels deep; flatten the structure",
                span,
            )
            return None
        if node.tag not in _ALLOWED_TAGS and node.tag != TAG + "timestamp":
            tag = str(node.tag).replace(TAG, "!!")
            self.issue(
                "SY03",
                "syntax.tag",
                f"tag `{tag}` is not allowed; a framework holds only text, numbers and lists",
                span,
            )
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, span, depth)
        if isinstance(node, SequenceNode):
            loc = SeqLoc(span)
            items: list[Any] = []
            self.locs[id(items)] = loc
            for child in node.value:
                cspan = _span(self.src, child)
                loc.items.append(cspan)
                loc.styles.append(_style(child))
                items.append(self.convert(child, depth + 1, cspan))
            return items
        assert isinstance(node, ScalarNode)
        return self.scalar(node, span)

    def mapping(self, node: MappingNode, span: Span, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        values: dict[str, Span] = {}
        loc = MapLoc(span, values=values)
        self.locs[id(out)] = loc
        for knode, vnode in node.value:
            kspan = _span(self.src, knode)
            if not isinstance(knode, ScalarNode) or knode.tag != TAG + "str":
                shown = self.text(knode) if isinstance(knode, ScalarNode) else "a collection"
                if isinstance(knode, ScalarNode) and knode.tag == TAG + "merge":
                    self.issue(
                        "SY04",
                        "syntax.alias",
                        "merge keys (`<<`) are not supported; write the keys out",
                        kspan,
                    )
                else:
                    self.issue(
                        "SY01",
                        "syntax.yaml",
                        f"key `{shown}` must be a plain name such as `title`",
                        kspan,
                    )
                continue
            key = self.text(knode)
            if key in loc.keys:
                first = loc.keys[key]
                self.issue(
                    "SY02",
                    "syntax.duplicate-key",
                    f"duplicate key `{key}` (first at line {first.line}, column {first.column}); "
                    "keep one of them",
                    kspan,
                )
                continue
            vspan = _span(self.src, vnode)
            loc.keys[key] = kspan
            values[key] = vspan
            loc.styles[key] = _style(vnode)
            out[key] = self.convert(vnode, depth + 1, kspan)
        return out

    def text(self, node: ScalarNode) -> str:
        value: str = node.value
        return value if self.back is None else value.translate(self.back)

    def scalar(self, node: ScalarNode, span: Span) -> Any:
        tag, value, plain = node.tag, self.text(node), _style(node) == ""
        if tag == TAG + "str":
            if plain and _YAML11_BOOL.match(value):
                self.issue(
                    "SY05",
                    "syntax.implicit-type",
                    f"`{value}` is read as a boolean by YAML 1.1 tools; "
                    f"quote it ('{value}') if you mean the text",
                    span,
                )
            return value
        if tag == TAG + "null":
            return None
        if tag == TAG + "bool":
            return value.lower() == "true"
        if tag == TAG + "int":
            return _to_int(value)
        if tag == TAG + "float":
            return _to_float(value)
        # timestamp: never silently a date; a framework has no date fields
        self.issue(
            "SY05",
            "syntax.implicit-type",
            f"`{value}` is read as a date; quote it ('{value}') if you mean the text",
            span,
        )
        return value


def _style(node: Node) -> str:
    return getattr(node, "style", None) or ""


def _to_int(value: str) -> int | str:
    text = value.replace("_", "")
    try:
        if text[:2].lower() in ("0o", "0x", "0b") or text[1:3].lower() in ("0o", "0x", "0b"):
            return int(text, 0)
        return int(text, 10)
    except ValueError:
        return value


def _to_float(value: str) -> float | str:
    text = value.replace("_", "").lower()
    specials = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf")}
    if text in specials:
        return specials[text]
    if text == ".nan":
        return float("nan")
    try:
        return float(text)
    except ValueError:
        return value
