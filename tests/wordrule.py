"""Small rules defined only for the tests of the engine (configuration, suppressions,
baseline), so those tests do not depend on the catalog's real rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec
import pytest

from pdp_lint.load.document import Document
from pdp_lint.model.problem import Severity
from pdp_lint.rules import Context, Finding, Rule


class BannedWord(Rule):
    """A banned word is used.

    ## What it does
    Reports every use of the configured word in any text.
    """

    class Options(msgspec.Struct, frozen=True):
        word: str = "synergy"
        max_uses: int = 0

        def validate(self) -> str | None:
            return "`word` must not be empty" if not self.word else None

    code = "ZZ90"
    name = "testing.banned-word"
    groups = ("testing",)
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        pattern = re.compile(rf"\b{re.escape(self.options.word)}\b", re.I)
        for field in doc.framework.texts():
            for match in pattern.finditer(field.value):
                yield Finding(
                    f"`{match.group(0)}` is banned; say what you mean",
                    doc.locate(field, match.start(), match.end()),
                    field.path,
                )


class ShoutedText(Rule):
    """Text in capitals, off unless selected.

    ## What it does
    Reports a text written entirely in capitals.
    """

    code = "ZZ91"
    name = "testing.shouting"
    groups = ("testing", "style")
    severity = Severity.ERROR
    default_enabled = False

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        for field in doc.framework.texts():
            if field.value.isupper():
                yield Finding("text in capitals", doc.locate(field), field.path)


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    """For one test, the catalog is the engine's own rules (loading, suppressions) and the
    testing rules, so the test does not change as content rules are added."""
    import pdp_lint.engine.linter
    import pdp_lint.rules

    real = {c: r for c, r in pdp_lint.rules.all_rules().items() if r.stage != "model"}
    catalog = dict(sorted({**real, "ZZ90": BannedWord, "ZZ91": ShoutedText}.items()))
    monkeypatch.setattr(pdp_lint.rules, "all_rules", lambda: catalog)
    monkeypatch.setattr(pdp_lint.engine.linter, "all_rules", lambda: catalog)
