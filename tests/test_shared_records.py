"""Records the duplication and acronym rules keep for a document while it is checked:
shared with the document where it already holds them, one string per distinct term."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import CorpusSpec, generate
from pdp_lint.load.document import Document
from pdp_lint.load.loader import load_file
from pdp_lint.model.framework import TextField
from pdp_lint.rules.base import Context
from pdp_lint.rules.duplication import behavior_entries, behaviors
from pdp_lint.rules.structure import _acronyms


def _document(tmp_path: Path) -> Document:
    generate(CorpusSpec(behaviors=600, behaviors_per_file=600), tmp_path)
    (path,) = sorted(tmp_path.glob("*.yaml"))
    loaded = load_file(path, 10**8)
    assert loaded.framework is not None and loaded.source is not None
    return Document(loaded.framework, loaded.source)


def test_behavior_entries_share_the_documents_fields(tmp_path: Path) -> None:
    # a second field record for every behavior cost about 50 bytes a behavior, for as
    # long as the document was checked
    doc = _document(tmp_path)
    mine = behaviors(doc, Context(corpus=[doc]))
    own = [t for t in doc.texts if t.kind == "behavior"]
    assert len(mine.entries) == len(own) >= 600
    assert all(e.text is t for e, t in zip(mine.entries, own, strict=True))
    # without the document's fields (or with fields of other nodes), the same entries
    alone = behavior_entries(doc.framework)
    wrong = behavior_entries(doc.framework, [TextField(doc.framework, "title", "x", "behavior")])
    for made in (alone, wrong):
        assert [(e.text.node, e.text.name, e.text.value, e.text.kind) for e in made] == [
            (t.node, t.name, t.value, t.kind) for t in own
        ]
        assert [(e.behavior, e.competency, e.role, e.section, e.level) for e in made] == [
            (e.behavior, e.competency, e.role, e.section, e.level) for e in mine.entries
        ]


def test_acronyms_keep_one_string_per_distinct_term(tmp_path: Path) -> None:
    doc = _document(tmp_path)
    uses = _acronyms(doc, Context(corpus=[doc])).uses
    terms = [term for term, *_ in uses]
    assert len(terms) > len(set(terms)) > 0
    first = {t: t for t in reversed(terms)}
    assert all(t is first[t] for t in terms)
