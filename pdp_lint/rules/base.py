"""The rule interface: what a rule declares and what it yields.

A rule declares a permanent ``code`` (two letters and two digits), a ``name``
(``group.what``), its ``groups``, a default ``severity``, typed ``options`` and whether
it is ``fixable``; its one method ``check(doc, ctx)`` yields findings. The linter, not
the rule, stamps code, severity and file on each finding and applies suppressions.

The docstring of a rule class is its user documentation, with the headings
*What it does*, *Why is this bad?*, *Example*, *Use instead* and, where relevant,
*Options* and *Fix safety*. Tests run the Example (must fail) and the Use-instead block
(must pass).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import msgspec

from pdp_lint.model.problem import Fix, Severity, Span

if TYPE_CHECKING:
    from pdp_lint.load.document import Document


class Finding(msgspec.Struct, frozen=True):
    """What a rule reports: the linter turns it into a Problem."""

    message: str
    span: Span
    path: str = "$"
    suggestion: str | None = None
    fix: Fix | None = None
    #: a rule may lower (never raise) its own severity for one finding
    severity: Severity | None = None


Take = Callable[["Document", "Context"], Any]
Merge = Callable[[list[Any]], Any]

#: how to take each kind of corpus fact from one document, and how to merge the facts
#: of every document when a rule needs only their sum (see :meth:`Context.facts`)
FACT_KINDS: dict[str, tuple[Take, Merge | None]] = {}
#: how the facts of each kind are kept in the facts cache (pdp_lint.engine.factcache):
#: the type msgspec decodes an entry as, and what makes the fact of the decoded value
#: (None: the value itself). A kind without one is never kept, nor are the others of a
#: run that needs it.
FACT_STORED: dict[str, tuple[Any, Callable[[Any], Any] | None]] = {}


def corpus_fact(
    kind: str,
    merge: Merge | None = None,
    *,
    stored: Any = None,
    restore: Callable[[Any], Any] | None = None,
) -> Callable[[Take], Take]:
    """Register a function taking facts of ``kind`` from one document; with ``merge``,
    rules read the merged facts of the corpus through :meth:`Context.merged`.

    ``stored``: the type (for msgspec) the facts are kept as in the facts cache, which
    must give back facts equal to those taken, of the same types, once ``restore`` (if
    any) has made them of the decoded value.
    """

    def register(take: Take) -> Take:
        FACT_KINDS[kind] = (take, merge)
        if stored is not None:
            FACT_STORED[kind] = (stored, restore)
        return take

    return register


class NoOptions(msgspec.Struct, frozen=True):
    """A rule without options."""


class Context(msgspec.Struct, eq=False):
    """What a rule may consult besides the document it checks.

    ``corpus`` holds every framework of the project, including files not being checked
    (pre-commit passes only the changed ones), so cross-file rules compare against all
    of them and still report only on the document they are given. ``shared`` is a cache
    that lives for one run, for indices built once and used for every document.
    """

    corpus: list[Document]
    settings: Any = None
    shared: dict[str, Any] = msgspec.field(default_factory=dict)
    #: facts of every corpus file by kind (merged for kinds with a merge function),
    #: when they were taken in other processes
    gathered: dict[str, Any] | None = None
    #: how many files the run checks, where the engine knows it (0: not known); a
    #: cross-file rule may look up a few files' matches alone rather than the corpus's
    checked: int = 0

    _per_document: dict[int, dict[str, Any]] = msgspec.field(default_factory=dict)

    def facts(self, kind: str) -> list[Any]:
        """The facts of ``kind`` (a name registered with :func:`corpus_fact`) of every
        corpus file, in corpus order.

        Cross-file rules build their indices from these small, picklable facts rather
        than from the documents, so a run split over processes can take each file's
        facts where the file was loaded and share them.
        """
        if self.gathered is not None:
            return self.gathered[kind]  # type: ignore[no-any-return]
        take, _ = FACT_KINDS[kind]
        result: list[Any] = self.memo(f"facts:{kind}", lambda: [take(d, self) for d in self.corpus])
        return result

    def merged(self, kind: str) -> Any:
        """The facts of ``kind`` of every corpus file, merged (a kind registered with a
        ``merge`` function)."""
        if self.gathered is not None:
            return self.gathered[kind]
        take, merge = FACT_KINDS[kind]
        assert merge is not None, f"corpus facts {kind} have no merge function"
        return self.memo(f"merged:{kind}", lambda: merge([take(d, self) for d in self.corpus]))

    def memo(self, key: str, build: Any) -> Any:
        """A value computed once per run (an index over the whole corpus)."""
        if key not in self.shared:
            self.shared[key] = build()
        return self.shared[key]

    def document_memo(self, doc: Document, key: str, build: Any) -> Any:
        """A value computed once per document, shared by the rules checking it.

        It is dropped when the linter moves on to the next document, so a large corpus
        does not keep every file's scratch data; a rule that needs it again later (for
        another document) computes it again.
        """
        table = self._per_document.setdefault(id(doc), {})
        if key not in table:
            table[key] = build()
        return table[key]

    def forget(self, doc: Document) -> None:
        """Drop what :meth:`document_memo` kept for ``doc``."""
        self._per_document.pop(id(doc), None)


class Rule:
    """Base class of every rule."""

    code: ClassVar[str]
    name: ClassVar[str]
    groups: ClassVar[tuple[str, ...]] = ()
    scope: ClassVar[str] = "document"  # or "project": compares against the corpus
    severity: ClassVar[Severity] = Severity.ERROR
    fixable: ClassVar[bool] = False
    #: of a fixable rule: "safe" (applied by `pdp-lint fix`), "unsafe" (only with
    #: --unsafe-fixes), or "safe/unsafe" (safe when certain, unsafe otherwise)
    fix_safety: ClassVar[str] = "safe"
    #: rules the loader applies before the model exists (syntax, schema)
    stage: ClassVar[str] = "model"
    #: off unless selected by code, name or group
    default_enabled: ClassVar[bool] = True
    #: former names or codes that still select this rule
    aliases: ClassVar[tuple[str, ...]] = ()
    #: rules whose finding on the same characters says more: where one of them, enabled
    #: on the file, reports a span covering this rule's finding, this finding is dropped
    #: (one finding per token, the most specific)
    superseded_by: ClassVar[tuple[str, ...]] = ()
    #: the kinds of corpus facts the rule reads through :meth:`Context.facts`
    facts: ClassVar[tuple[str, ...]] = ()
    #: whether the rule reads other documents' models (``ctx.corpus``) and so needs
    #: every file loaded in one process
    needs_corpus: ClassVar[bool] = False
    Options: ClassVar[type] = NoOptions

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.Options()

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        """Yield the findings of this rule in ``doc``.

        A rule that reads corpus facts implements :meth:`collect` and :meth:`finish`
        instead, and this runs the one after the other.
        """
        if self.facts:
            return self.finish(self.collect(doc, ctx), ctx)
        return iter(())

    def collect(self, doc: Document, ctx: Context) -> Any:
        """What the rule needs of ``doc`` to report on it once the corpus facts are
        known (small and picklable: the document is gone by then). Corpus facts cannot
        be read here."""
        return None

    def finish(self, collected: Any, ctx: Context) -> Iterator[Finding]:
        """The findings of one document, from what :meth:`collect` took of it and the
        corpus facts."""
        return iter(())

    @classmethod
    def summary(cls) -> str:
        """First line of the rule's documentation."""
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else cls.name
