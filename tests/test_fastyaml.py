"""The rapidyaml fast path reads clean documents exactly as the libyaml path does."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from pdp_lint.load.compose import compose
from pdp_lint.load.fast import compose_fast
from pdp_lint.load.loader import load_text
from pdp_lint.load.nodes import Composed, MapLoc, SeqLoc
from pdp_lint.load.schema import validate
from pdp_lint.load.source import SourceText, decode, read_source
from pdp_lint.model.framework import Node
from tests.conftest import AS_FOUND, FRAMEWORKS, MINIMAL, ROOT

CASES = ROOT / "tests" / "rules" / "cases"


def same(fast: Composed, slow: Composed) -> list[str]:
    """Differences in data, scalar spans, key spans, styles and container starts."""
    out: list[str] = []

    def walk(a: Any, b: Any, path: str) -> None:
        if type(a) is not type(b) or (not isinstance(a, dict | list) and a != b):
            out.append(f"{path}: {a!r} != {b!r}")
            return
        if isinstance(a, dict):
            la, lb = fast.locs[id(a)], slow.locs[id(b)]
            assert isinstance(la, MapLoc) and isinstance(lb, MapLoc)
            if (la.span.line, la.span.column) != (lb.span.line, lb.span.column):
                out.append(f"{path}: mapping starts {la.span} != {lb.span}")
            for key in a:
                if la.keys[key] != lb.keys[key] or la.styles[key] != lb.styles[key]:
                    out.append(f"{path}.{key}: key span or style differs")
                if not isinstance(a[key], dict | list) and la.values[key] != lb.values[key]:
                    out.append(f"{path}.{key}: {la.values[key]} != {lb.values[key]}")
                walk(a[key], b[key], f"{path}.{key}")
        elif isinstance(a, list):
            sa, sb = fast.locs[id(a)], slow.locs[id(b)]
            assert isinstance(sa, SeqLoc) and isinstance(sb, SeqLoc)
            if (sa.span.line, sa.span.column) != (sb.span.line, sb.span.column):
                out.append(f"{path}: sequence starts {sa.span} != {sb.span}")
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                if not isinstance(x, dict | list) and sa.items[i] != sb.items[i]:
                    out.append(f"{path}[{i}]: {sa.items[i]} != {sb.items[i]}")
                walk(x, y, f"{path}[{i}]")

    walk(fast.data, slow.data, "$")
    return out


def corpus_files() -> list[Path]:
    return sorted(FRAMEWORKS.glob("*.yaml")) + sorted(AS_FOUND.glob("*.yaml"))


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_file_takes_the_fast_path_with_identical_results(path: Path):
    src = read_source(path)
    fast = compose_fast(src)
    assert fast is not None
    assert same(fast, compose(src)) == []


def case_inputs() -> list[tuple[str, str]]:
    out = []
    for path in sorted(CASES.glob("*.yml")):
        data = YAML(typ="safe").load(path.read_text("utf-8"))
        for name, case in data["cases"].items():
            files = case.get("files") or ({"case.yaml": case["input"]} if "input" in case else {})
            for fname, text in files.items():
                out.append((f"{data['rule']}-{name}-{fname}", textwrap.dedent(text)))
    return out


def test_every_rule_case_input_reads_the_same_on_both_paths():
    """Hundreds of small documents, valid and broken: the fast path either declines or agrees."""
    taken = 0
    for name, text in case_inputs():
        src = SourceText(Path("case.yaml"), text)
        fast = compose_fast(src)
        if fast is None:
            continue
        taken += 1
        try:
            slow = compose(src)
        except Exception as exc:  # the careful path refuses what the fast path accepted
            pytest.fail(f"{name}: the fast path accepted what libyaml refuses: {exc}")
        assert slow.issues == [], name
        assert same(fast, slow) == [], name
    assert taken > 200


@pytest.mark.parametrize(
    "text",
    [
        "a: yes\n",  # YAML 1.1 boolean
        "a: 2024-01-01\n",  # a date
        "a: !!python/object x\n",  # a tag
        "a: &x v\nb: *x\n",  # anchor and alias
        "a: |\n  block\n",  # a block scalar
        "a: 1\na: 2\n",  # a duplicate key
        "---\na: 1\n---\nb: 2\n",  # two documents
        "a: [1, 2\n",  # a syntax error
        "a:\n",  # a key with nothing
        "a: {}\n",  # an empty mapping
        "a:\n\t- b\n",  # a tab
        # empty keys, which rapidyaml gives no text for
        ": b\n",
        "a: b\n:\n",
        "- ?\n",
        "? \n: b\n",
        "a: {: }\n",
        "a: [:]\n",
        # indicators that cannot start a plain scalar, which rapidyaml reads as text and
        # libyaml refuses: the outcome depended on which path read the file
        "a: @team\n",
        "a: `code` first\n",
        "a: ] a\n",
        "a: } a\n",
        "a:\n  - @team\n",
        "a: é @x\nb: @team\n",
        # `%`, which rapidyaml reads as text in a flow collection only
        "a: {t: % done}\n",
        "a: [%x, y]\n",
        # directives, which rapidyaml skips and libyaml judges (a YAML 2.0 document, an
        # unknown directive)
        "%YAML 2.0\n---\na: b\n",
        "%FOO bar\n---\na: b\n",
        "# c\n%YAML 1.1\n---\na: b\n",
        # a comment inside a flow mapping, which rapidyaml kept as part of the text
        "a: {t: x #y\n  }\n",
        "a:\n  - {t: all mediums #agreed with HR\n    }\n",
    ],
)
def test_documents_needing_explanations_take_the_careful_path(text: str):
    assert compose_fast(SourceText(Path("x.yaml"), text)) is None


def test_a_parse_error_prints_nothing_from_the_fast_parser(capfd: pytest.CaptureFixture[str]):
    loaded = load_text(decode(Path("bad.yaml"), b"id: [unclosed\n"))
    assert [p.code for p in loaded.problems] == ["SY01"]
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def content(value: Any) -> Any:
    """A model without its positions (model equality compares spans too)."""
    if isinstance(value, Node):
        fields = [f for f in value.__struct_fields__ if f not in ("span", "spans")]
        return type(value).__name__, {f: content(getattr(value, f)) for f in fields}
    if isinstance(value, tuple):
        return tuple(content(v) for v in value)
    return value


def test_both_paths_build_equal_models():
    text = MINIMAL.replace("Knows things.", "Knows “things” – well.\u00a0")
    fast = load_text(SourceText(Path("d.yaml"), text))
    slow = load_text(SourceText(Path("d.yaml"), text), fast=False)
    assert fast.framework is not None and slow.framework is not None
    assert content(fast.framework) == content(slow.framework)
    assert content(fast.framework) != content(
        load_text(SourceText(Path("d.yaml"), MINIMAL)).framework
    )
    # scalar spans are identical; a container's span starts at the same place (libyaml
    # ends it at the next token, the fast path at its last scalar)
    starts = [[(n.span.line, n.span.column) for n in r.framework.nodes()] for r in (fast, slow)]
    assert starts[0] == starts[1]

    def scalar_spans(result: Any) -> list[Any]:
        """Field spans; a multi-line one (a list or mapping) by its start only."""
        out = []
        for node in list(result.framework.nodes())[1:]:
            for name, span in sorted(node.spans.items()):
                if "\n" in text[span.start_index : span.end_index].rstrip("\n"):
                    out.append((node.path, name, span.line, span.column))
                else:
                    out.append((node.path, name, span))
        return out

    assert scalar_spans(fast) == scalar_spans(slow)


@pytest.mark.parametrize(
    "text",
    [
        # the next scalar's text appears in a comment before it
        "a: # see b and c\n  b\nc: x # c again\nd: c\n",
        "title: title\nid: title # title\nx: [title, 'title', \"title\"]\n",
        # quoted scalars whose text differs from their value
        "a: 'it''s'\nb: \"tab\\there\"\nc: \"caf\\u00e9\"\nd: 'it''s'\n",
        "a: \"folded\n  over\"\nb: folded over\nc: 'folded\n\n  twice'\n",
        # a value that begins with an indicator character
        "a: -5\nb: ':x'\nc: '-'\nd: -x\ne: '[x]'\nf: ?x\n",
        # repeated values and keys, flow collections, non-ASCII text
        "x: é\ny: é\nz: [é, é, {é: é}]\nlist:\n  - ‘a’ – b\n  - ‘a’ – b\n",
        "# a header comment with a: b\n---\na: b\n",
    ],
)
def test_scalars_found_next_to_the_previous_one_are_where_libyaml_puts_them(text: str):
    src = SourceText(Path("x.yaml"), text)
    fast = compose_fast(src)
    assert fast is not None
    assert same(fast, compose(src)) == []


def test_the_characters_beyond_ascii_are_found_in_order() -> None:
    import re

    from pdp_lint.load.fast import _non_ascii

    samples = ["", "plain", "don’t – café’s ‘x’", "\U0001f600 a \U0001f600\ud800é", "ééé"]
    samples += [p.read_text("utf-8") for p in sorted(FRAMEWORKS.glob("*.yaml"))]
    for text in samples:
        expected = [m.start() for m in re.finditer(r"[^\x00-\x7f]", text)]
        assert _non_ascii(text) == expected


def test_the_loader_s_reading_without_key_positions_differs_in_nothing_else() -> None:
    """The loader reads without the keys' positions and the styles (only the schema's
    explanations use them, and they come from the careful path): everything else, and
    the model, are what a full reading gives."""
    from pdp_lint.load.build import build_framework

    def compare(full: Any, lean: Any, a: Composed, b: Composed) -> None:
        if isinstance(full, dict):
            la, lb = a.locs[id(full)], b.locs[id(lean)]
            assert isinstance(la, MapLoc) and isinstance(lb, MapLoc)
            assert (lb.span, lb.values) == (la.span, la.values)
            assert lb.keys == {} and lb.styles == {} and la.keys
            for key in full:
                compare(full[key], lean[key], a, b)
        elif isinstance(full, list):
            sa, sb = a.locs[id(full)], b.locs[id(lean)]
            assert isinstance(sa, SeqLoc) and isinstance(sb, SeqLoc)
            assert (sb.span, sb.items, sb.styles) == (sa.span, sa.items, [])
            for x, y in zip(full, lean, strict=True):
                compare(x, y, a, b)

    texts = [read_source(p).text for p in corpus_files()] + [t for _, t in case_inputs()]
    read = 0
    for text in texts:
        src = SourceText(Path("case.yaml"), text)
        full, lean = compose_fast(src), compose_fast(src, keys=False)
        assert (full is None) == (lean is None)
        if full is None or lean is None:
            continue
        assert lean.data == full.data and lean.root_span == full.root_span
        compare(full.data, lean.data, full, lean)
        if isinstance(full.data, dict) and full.data.get("tracks") and not validate(full):
            assert build_framework(lean, src.path) == build_framework(full, src.path)
            read += 1
    assert read > 100


_PASTED_BREAKS = ["\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", _PASTED_BREAKS, ids=["NEL", "LS", "PS"])
@pytest.mark.parametrize(
    "where",
    [
        "summary: Knows{c}things.",
        "summary: 'Knows{c}things.'",
        'summary: "Knows{c}things."',
        "summary: Knows things.{c}",
        "summary: Knows {c} things.",
    ],
)
def test_pasted_line_and_paragraph_separators_read_alike_on_both_paths(char: str, where: str):
    """NEL, U+2028 and U+2029 are text in YAML 1.2, for rapidyaml and for pdp-lint's
    lines; libyaml took them for line breaks: the value was cut or refused, and every
    line after it was numbered one too many, on the careful path only."""
    line = where.format(c=char)
    text = MINIMAL.replace("summary: Knows things.", line)
    assert text != MINIMAL
    src = SourceText(Path("pasted.yaml"), text)
    fast, careful = compose_fast(src), compose(src)
    assert fast is not None
    assert same(fast, careful) == []
    values = [v for v in _scalars(careful.data) if char in str(v)]
    assert values, "the character is kept in the value"


def _scalars(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in _scalars(v)]
    if isinstance(data, list):
        return [s for v in data for s in _scalars(v)]
    return [data]


def test_a_finding_after_a_pasted_separator_keeps_its_line_on_the_careful_path():
    # an anchor sends the file to the careful path; a syntax problem after the pasted
    # U+2028 is reported where it is when a space stands in its place
    def syntax_lines(summary: str) -> list[tuple[int, int]]:
        text = MINIMAL.replace("summary: Knows things.", summary) + "extra: &a [1\n"
        loaded = load_text(SourceText(Path("pasted.yaml"), text))
        return [(p.line, p.column) for p in loaded.problems if p.code.startswith("SY")]

    spaced = syntax_lines("summary: Knows things.")
    assert len(spaced) == 1
    assert syntax_lines("summary: Knows\u2028things.") == spaced  # it was refused there
    assert syntax_lines("summary: 'Knows\u2028things.'") == spaced  # a line too far


def test_a_stand_in_the_text_holds_is_kept_and_not_used():
    # the careful path puts noncharacters in the place of what libyaml would refuse or
    # break lines at while it reads; one the text itself holds is kept as it is, and
    # another stands in
    text = MINIMAL.replace("summary: Knows things.", "summary: Knows\ufdd0\u2028th\x1bings.")
    src = SourceText(Path("taken.yaml"), text)
    careful, fast = compose(src), compose_fast(src)
    assert fast is not None and same(fast, careful) == []
    assert "Knows\ufdd0\u2028th\x1bings." in _scalars(careful.data)


def test_a_stand_in_written_as_an_escape_is_not_used_either():
    # "\uFDD0" in double quotes is the noncharacter itself once read: it must not be
    # taken back for the raw ESC that the stand-in would have replaced
    text = MINIMAL.replace("summary: Knows things.", 'summary: "Knows \\uFDD0 things."').replace(
        "title: Demo PDP", "title: Demo\x1b PDP"
    )
    src = SourceText(Path("escaped.yaml"), text)
    careful = compose(src)
    assert "Knows \ufdd0 things." in _scalars(careful.data)
    assert "Demo\x1b PDP" in _scalars(careful.data)


@pytest.mark.parametrize(
    "text",
    [
        "links: [https://example.com/path, b]\n",
        "at: {start: 10:30, end: x::y}\n",
        "keys: {x:y: 1, u: -x:y}\n",
        "flow:\n  - {id: b1, text: Learns from https://docs.example.com daily.}\n",
        "ask: {text: Asks whether a ? b holds, q: [a ? b]}\n",
    ],
    ids=[
        "url-in-a-sequence",
        "times-in-a-mapping",
        "colon-in-a-key",
        "url-in-a-behavior",
        "question-mark",
    ],
)
def test_a_colon_inside_a_flow_scalar_reads_the_same_on_both_paths(text: str):
    # libyaml, which the careful path runs, refused a colon inside a plain scalar of a
    # flow collection ("found unexpected ':'") and a `?` inside one ("did not find
    # expected ',' or '}'"); YAML 1.2 and the fast path read them as text
    src = SourceText(Path("d.yaml"), text)
    fast = compose_fast(src)
    assert fast is not None
    assert same(fast, compose(src)) == []


def test_a_framework_with_a_url_in_a_flow_mapping_loads_on_the_careful_path_too():
    # a `|` block sends the document to the careful path, which called the URL's colon
    # a syntax error while the same behavior loaded on the fast path
    behavior = MINIMAL[MINIMAL.index("              - id: learns") :]
    flow = MINIMAL.replace(
        behavior,
        "              - {id: learns, text: Learns the product from https://docs.example.com.,\n"
        "                 examples: [{id: training, text: Attends training.}]}\n",
    )
    assert flow != MINIMAL
    block = flow.replace("title: Demo PDP\n", "title: Demo PDP\nintro: |-\n  What it is for.\n")
    assert compose_fast(SourceText(Path("d.yaml"), block)) is None  # the careful path
    for text in (flow, block):
        loaded = load_text(SourceText(Path("d.yaml"), text))
        assert loaded.problems == [], loaded.problems
        assert loaded.framework is not None
        [behavior] = [b for r in loaded.framework.roles() for s in r.sections for b in s.behaviors]
        assert behavior.text == "Learns the product from https://docs.example.com."


def test_a_real_syntax_error_after_a_colon_in_a_flow_scalar_is_the_one_reported():
    # libyaml stops at the URL's colon; the Python composer reads past it to the real
    # error, an unclosed sequence, which is what the report must point at
    text = "a: {t: https://docs.example.com}\nb: [1, 2\nc: d\n"
    loaded = load_text(SourceText(Path("d.yaml"), text))
    [problem] = loaded.problems
    assert problem.code == "SY01"
    assert problem.line > 1, problem
    assert "flow sequence" in problem.message, problem
    assert "found unexpected ':'" not in problem.message, problem


def test_only_libyamls_two_refusals_make_the_careful_path_read_a_document_again(
    monkeypatch: pytest.MonkeyPatch,
):
    # the Python composer takes about ten times libyaml's time: a document with a real
    # error in a flow collection is not read a second time to find the same error
    from pdp_lint.load import careful
    from pdp_lint.load.nodes import YamlSyntaxError

    pure: list[bool] = []
    real = careful.YAML

    def recording(*args: Any, **kwargs: Any) -> Any:
        pure.append(bool(kwargs.get("pure")))
        return real(*args, **kwargs)

    monkeypatch.setattr(careful, "YAML", recording)
    for text, again in (
        ("a: {t: x, b: [1, 2}\n", False),  # a real error
        ("a: [x\n", False),
        ("a: {t: Asks whether a ? b}\n", True),  # libyaml's `?`
        ("a: [https://docs.example.com]\n", True),  # libyaml's colon
    ):
        pure.clear()
        try:
            compose(SourceText(Path("d.yaml"), text))
        except YamlSyntaxError:
            assert not again, text
        assert pure == ([False, True] if again else [False]), text
