"""The rapidyaml fast path reads the parser's node records in one copy.

The records' layout is rapidyaml's own; fastyaml checks it once per process and, when
it does not match, asks the extension node by node. Both ways must read every document
alike, and the installed rapidyaml must take the quicker one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pdp_lint.load import fast as fastyaml
from pdp_lint.load.compose import compose
from pdp_lint.load.nodes import Composed
from pdp_lint.load.source import SourceText, read_source
from tests.test_fastyaml import case_inputs, corpus_files, same


def per_node(src: SourceText, monkeypatch: pytest.MonkeyPatch) -> Composed | None:
    """``src`` read by asking the extension node by node, as when the layout differs."""
    with monkeypatch.context() as patch:
        patch.setattr(fastyaml, "_layout", False)
        return fastyaml.compose_fast(src)


def test_the_installed_rapidyaml_has_the_node_layout_read_in_one_copy() -> None:
    assert fastyaml._layout_matches()
    src = SourceText(Path("x.yaml"), "a: b\nc: [d, 'e']\n")
    walker = fastyaml._TableWalker  # the walker compose_fast picks for this layout
    seen: list[object] = []
    original = walker.run

    def spy(self: fastyaml._TableWalker) -> Composed:
        seen.append(self)
        return original(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(walker, "run", spy)
        assert fastyaml.compose_fast(src) is not None
    assert len(seen) == 1


def test_a_different_layout_falls_back_to_asking_node_by_node(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fastyaml, "_layout", None)
    monkeypatch.setattr(fastyaml, "_WORDS", 17)  # as if a field were dropped
    assert not fastyaml._layout_matches()
    src = SourceText(Path("x.yaml"), "a: b\nc: [d, 'e']\n")
    fast = fastyaml.compose_fast(src)
    assert fast is not None and fast.data == {"a": "b", "c": ["d", "e"]}
    assert fastyaml._layout is False


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_walkers_read_every_framework_alike(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = read_source(path)
    table = fastyaml.compose_fast(src)
    slow = per_node(src, monkeypatch)
    assert table is not None and slow is not None
    assert same(table, slow) == []
    assert table.root_span == slow.root_span


def test_both_walkers_take_or_decline_every_rule_case_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken = 0
    for name, text in case_inputs():
        src = SourceText(Path("case.yaml"), text)
        table = fastyaml.compose_fast(src)
        slow = per_node(src, monkeypatch)
        assert (table is None) == (slow is None), name
        if table is None or slow is None:
            continue
        taken += 1
        assert same(table, slow) == [], name
        assert same(table, compose(src)) == [], name
    assert taken > 200


@pytest.mark.parametrize(
    "text",
    [
        # escapes, doubled quotes and folds: the closing quote is not next to the value
        'a: \'it\'\'s\'\nb: "tab\\there"\nc: "caf\\u00e9"\nd: "say \\"hi\\""\n',
        "a: \"folded\n  over\"\nb: folded over\nc: 'folded\n\n  twice'\n",
        # non-ASCII text before and inside scalars: byte and character offsets differ
        "x: é\ny: ‘quoted’ – “both”\nz: [é, 'é', {é: \"é\"}]\nw: plain after é\n",
        # comments between scalars, flow collections over lines
        "a: b # c: d\n# e: f\ng: [h, # i\n  j]\nk: {l: m,\n  n: o}\n",
    ],
)
def test_positions_from_the_records_are_where_libyaml_puts_them(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = SourceText(Path("x.yaml"), text)
    table = fastyaml.compose_fast(src)
    assert table is not None
    assert same(table, compose(src)) == []
    slow = per_node(src, monkeypatch)
    assert slow is not None and same(table, slow) == []


def test_a_plain_scalar_folded_after_trailing_spaces_takes_the_careful_path() -> None:
    assert fastyaml.compose_fast(SourceText(Path("x.yaml"), "a: word  \n  more\n")) is None


def test_the_node_records_are_read_in_place_not_copied() -> None:
    """A copy, and a list of Python numbers above all, would cost several times the
    tree's memory on a large file."""
    import ryml

    buf = bytearray(b"a: b\nc: [d, 'e']\n")
    tree = ryml.parse_in_place(buf)
    table = fastyaml._node_table(tree)
    assert isinstance(table, memoryview)
    assert table.nbytes == tree.size() * fastyaml._WORDS * 8
    assert table.obj._b_needsfree_ == 0  # a ctypes array over the tree's own memory
