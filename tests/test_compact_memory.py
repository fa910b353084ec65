"""What keeps a check of one very large file small: pieces lowered apart, word sets
joined as sorted tuples, one string per mapping key."""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

import pytest

from pdp_lint.language import tokens
from pdp_lint.language.similarity import brute_force_pairs, similar_pairs, sorted_words, words
from pdp_lint.language.tokens import lower
from pdp_lint.load.nodes import Composed


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 64])
def test_lower_in_pieces_is_str_lower(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(tokens, "_LOWER_CHUNK", chunk)
    rng = random.Random(chunk)
    alphabet = ["Σ", "ΑΣ", "\n", " ", "İ", "ß", "’", "A", "b", "ǅ", "ΣΑ\n", "\u0345", ".", "'"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        assert lower(text) == text.lower(), text


def test_lower_of_a_large_text_needs_no_buffer_of_twelve_bytes_a_character() -> None:
    text = "Leads the team’s ΣΟΦΙΑ reviews.\n" * 40_000  # not ASCII: stored two bytes a char
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        lowered = lower(text)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert lowered == text.lower()
    # the result and its pieces: about twice the text, where str.lower needed 1 + 6 times
    assert peak < 3 * 2 * len(text)


def test_word_sets_as_sorted_tuples_pair_as_sets_do() -> None:
    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(30)]
    texts = [" ".join(rng.choices(vocabulary, k=rng.randrange(0, 25))) for _ in range(300)]
    as_tuples = [sorted_words(words(t)) for t in texts]
    as_sets = [frozenset(words(t)) for t in texts]
    as_lists = [words(t) for t in texts]  # repeats do not count
    for threshold in (0.5, 0.7, 0.85, 1.0):
        expected = similar_pairs(as_sets, threshold)
        assert similar_pairs(as_tuples, threshold) == expected
        assert similar_pairs(as_lists, threshold) == expected
        assert [(p.first, p.second) for p in expected] == [
            (p.first, p.second) for p in brute_force_pairs(as_sets, threshold)
        ]


def test_an_unsorted_tuple_is_not_taken_for_a_sorted_one() -> None:
    assert similar_pairs([("b", "a", "c"), ("a", "b", "c")], 1.0)[0][:2] == (0, 1)
    assert similar_pairs([("b", "b", "a"), ("a", "b")], 1.0)[0][:2] == (0, 1)


def _fast_pairs(paths: list[Path]) -> list[tuple[Path, object, object]]:
    from pdp_lint.load.fast import compose_fast
    from pdp_lint.load.source import read_source

    out = []
    for path in paths:
        src = read_source(path, 10**9)
        detailed, lean = compose_fast(src, keys=True), compose_fast(src, keys=False)
        if detailed is not None and lean is not None:
            out.append((path, detailed, lean))
    return out


ROOT = Path(__file__).resolve().parent.parent
CORPORA = [
    *sorted((ROOT / "frameworks").glob("*.yaml")),
    *sorted((ROOT / "tests/fixtures/as-found").glob("*.yaml")),
    *sorted((ROOT / "benchmarks/accuracy/corpus").glob("*.yaml")),
]


def test_offset_spans_are_the_spans_the_walker_made() -> None:
    from pdp_lint.load.nodes import MapLoc
    from pdp_lint.model.positions import OffsetSpans

    compared = 0
    pairs = _fast_pairs(CORPORA)
    assert len(pairs) > 10
    for path, detailed, lean in pairs:
        assert isinstance(detailed, Composed) and isinstance(lean, Composed)
        assert len(detailed.locs) == len(lean.locs)
        for a, b in zip(detailed.locs.values(), lean.locs.values(), strict=True):
            assert a.span == b.span, path
            if isinstance(a, MapLoc):
                assert isinstance(b, MapLoc) and isinstance(b.values, OffsetSpans)
                assert list(b.values) == list(a.values)
                assert dict(b.values.items()) == a.values, path
                compared += len(a.values)
    assert compared > 2_000


def test_a_model_keeps_offsets_and_gives_spans() -> None:
    from pdp_lint.load.loader import load_file
    from pdp_lint.model.positions import OffsetSpans
    from pdp_lint.model.problem import Span

    loaded = load_file(ROOT / "frameworks/cx-pdp.yaml")
    assert loaded.framework is not None and loaded.source is not None
    behavior = next(b for r in loaded.framework.roles() for s in r.sections for b in s.behaviors)
    spans = behavior.spans
    assert isinstance(spans, OffsetSpans)
    text = spans["text"]
    assert isinstance(text, Span)
    assert loaded.source.text[text.start_index : text.end_index].strip("'\"") == behavior.text
    assert loaded.source.span(text.start_index, text.end_index) == text
    assert behavior.span_of("text") == text
    assert behavior.span_of("nothing") == behavior.span
    assert spans.get("nothing") is None and "text" in spans and "nothing" not in spans
    assert spans == dict(spans.items()) and dict(spans.items()) == spans
    with pytest.raises(KeyError):
        spans["nothing"]
    assert len(spans) == len(list(spans))


def test_mapping_keys_are_one_string_each() -> None:
    from pdp_lint.load.loader import load_file

    loaded = load_file(ROOT / "frameworks/cx-pdp.yaml")
    assert loaded.framework is not None
    behaviors = [b for r in loaded.framework.roles() for s in r.sections for b in s.behaviors]
    keys = {id(k) for b in behaviors for k in b.spans if k == "text"}
    assert len(behaviors) > 20 and len(keys) == 1
    assert len({id(b.spans._names) for b in behaviors if list(b.spans) == ["id", "text"]}) == 1  # type: ignore[attr-defined]


def _acronym_uses(path: Path) -> list[tuple[str, str, int, int]]:
    """The acronyms ST05 and ST06 find in ``path``, read anew."""
    from pdp_lint.load.document import Document
    from pdp_lint.load.loader import load_file
    from pdp_lint.rules import structure
    from pdp_lint.rules.base import Context

    loaded = load_file(path)
    assert loaded.framework is not None and loaded.source is not None
    doc = Document(loaded.framework, loaded.source)
    found = structure._acronyms(doc, Context(corpus=[doc])).uses
    return [(term, field.path, start, end) for term, field, start, end in found]


@pytest.fixture(scope="module")
def acronyms_in_the_whole_prose() -> dict[Path, list[tuple[str, str, int, int]]]:
    """The acronyms of each framework of CORPORA, its prose searched in pieces of the
    usual size; found once for every piece size tried (the module goes whole to one
    worker, see tests/conftest.py)."""
    from pdp_lint.load.loader import load_file

    return {p: _acronym_uses(p) for p in CORPORA if load_file(p).framework is not None}


@pytest.mark.parametrize("piece", [1, 40, 500])
def test_acronyms_found_in_pieces_are_those_found_in_the_whole_prose(
    monkeypatch: pytest.MonkeyPatch,
    piece: int,
    acronyms_in_the_whole_prose: dict[Path, list[tuple[str, str, int, int]]],
) -> None:
    from pdp_lint.rules import structure

    whole = acronyms_in_the_whole_prose
    assert sum(len(u) for u in whole.values()) > 100
    assert any("/" in term for u in whole.values() for term, *_ in u)  # a slash pair
    monkeypatch.setattr(structure, "_PIECE", piece)
    assert {p: _acronym_uses(p) for p in whole} == whole


def test_pieces_hold_every_text_once_in_order() -> None:
    from pdp_lint.rules.structure import _joined_pieces

    values = ["a" * n for n in (0, 3, 70_000, 1, 0, 65_535, 2)]
    pieces = list(_joined_pieces(values))
    assert "\n".join(p for _, p in pieces) == "\n".join(values)
    assert [first for first, _ in pieces] == sorted({first for first, _ in pieces})
    assert list(_joined_pieces([])) == []


def test_the_node_array_is_reserved_at_about_the_nodes_a_text_holds() -> None:
    import ryml

    from pdp_lint.load.fast import _nodes_at_most, compose_fast
    from pdp_lint.load.source import SourceText

    for path in CORPORA[:12]:
        text = path.read_text(encoding="utf-8")
        tree = ryml.parse_in_place(bytearray(text.encode("utf-8")))
        assert tree.size() <= _nodes_at_most(text) <= 2 * tree.size() + 16, path
    # fewer reserved than the text holds (no space after the colons, line ends of
    # CRLF): the array grows, and the document reads the same
    text = "".join(f"a{i}:\r\n  b:\r\n    c:\r\n      d: {i}\r\n" for i in range(20))
    tree = ryml.parse_in_place(bytearray(text.encode("utf-8")))
    assert _nodes_at_most(text) < tree.size()
    read = compose_fast(SourceText(Path("x.yaml"), text))
    assert read is not None
    assert read.data == {f"a{i}": {"b": {"c": {"d": i}}} for i in range(20)}


def test_paths_and_keys_are_made_from_addresses() -> None:
    from pdp_lint.load.loader import load_file
    from pdp_lint.model.framework import Node, address_key, address_path

    assert "path" not in Node.__struct_fields__ and "key" not in Node.__struct_fields__
    loaded = load_file(ROOT / "frameworks/cx-pdp.yaml")
    fw = loaded.framework
    assert fw is not None
    assert (fw.path, fw.key, fw.owner.path, fw.owner.key) == ("$", "", "$.owner", "owner")
    for t, track in enumerate(fw.tracks):
        for r, role in enumerate(track.roles):
            assert role.path == f"$.tracks[{t}].roles[{r}]"
            assert role.key == f"tracks/{track.id}/roles/{role.id}"
            for c, section in enumerate(role.sections):
                assert section.key == f"{role.key}/competencies/{section.competency}"
                for b, behavior in enumerate(section.behaviors):
                    assert behavior.path == f"{section.path}.behaviors[{b}]"
                    assert behavior.key == f"{section.key}/behaviors/{behavior.id}"
                assert section.path == f"{role.path}.competencies[{c}]"
    paths = [n.path for n in fw.nodes()]
    assert len(paths) == len(set(paths)) > 100
    # an item without an id is keyed by its index
    assert address_key(((None, "tracks", 0, "t"), "levels", 3, 3)) == "tracks/t/levels/3"
    assert address_path(((None, "tracks", 0, "t"), "owner", None, None)) == "$.tracks[0].owner"
