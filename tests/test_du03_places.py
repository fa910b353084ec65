"""DU03 asks where an example is only in a role where one repeats another: a span's
line needs the file's line starts, which a file without findings need not make."""

from __future__ import annotations

from pathlib import Path

import pytest

from pdp_lint.engine.config import Settings
from pdp_lint.load.document import Document
from pdp_lint.load.loader import load_file
from pdp_lint.model.framework import TextField
from pdp_lint.rules import Context
from pdp_lint.rules.duplication import DuplicateExample

FRAMEWORKS = sorted((Path(__file__).parent.parent / "frameworks").glob("*.yaml"))


def test_no_span_is_made_for_a_role_without_a_repeated_example(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = []
    for path in FRAMEWORKS:
        loaded = load_file(path)
        assert loaded.framework is not None and loaded.source is not None
        docs.append(Document(loaded.framework, loaded.source))
    examples = sum(
        len(list(section.all_examples()))
        for doc in docs
        for role in doc.framework.roles()
        for section in role.sections
    )
    assert examples > 20  # the canonical frameworks' roles have examples, none repeated

    def refuse(self: TextField) -> None:
        raise AssertionError(f"span asked for {self.path}")

    monkeypatch.setattr(TextField, "span", property(refuse))
    settings = Settings()
    rule = DuplicateExample(settings.rule_options("DU03"))
    ctx = Context(corpus=docs, settings=settings)
    for doc in docs:
        assert list(rule.check(doc, ctx)) == []
