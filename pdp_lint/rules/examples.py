"""Examples: every role section shows what its behaviors look like in practice."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from pdp_lint.load.document import Document
from pdp_lint.model.problem import Severity
from pdp_lint.rules.base import Context, Finding, Rule

#: the values of EX01's `when-none` option
WHEN_NONE = ("file", "sections", "ignore")


class MissingExamples(Rule):
    """A role's competency section with too few examples.

    ## What it does
    Counts the examples of each role section (those of the section and those attached
    to its behaviors) and reports sections with fewer than `min-examples`.

    ## Why is this bad?
    Behaviors say what is expected in general terms; examples show what it looks like
    on a real day, which is what employees and their managers use in reviews. A
    section without any leaves the expectation open to interpretation.

    Where the source genuinely gives no example, do not invent one: suppress the
    finding on the section's line with the reason, for instance
    `- competency: collaboration  # pdp-lint: disable=EX01 the source gives no example`.

    ## Example
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
      - id: communication
        name: Communication
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: expert
            title: Expert
            competencies:
              - competency: knowledge
                behaviors:
                  - id: knows-product
                    text: Knows the product.
                    examples:
                      - id: explains-limits
                        text: Explains a known limitation to a customer in plain words.
              - competency: communication
                behaviors:
                  - id: writes-clearly
                    text: Writes clearly.
    ```

    ## Use instead
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: draft
    competencies:
      - id: knowledge
        name: Knowledge
      - id: communication
        name: Communication
    tracks:
      - id: professional
        name: Professional Path
        status: available
        roles:
          - id: expert
            title: Expert
            competencies:
              - competency: knowledge
                behaviors:
                  - id: knows-product
                    text: Knows the product.
                    examples:
                      - id: explains-limits
                        text: Explains a known limitation to a customer in plain words.
              - competency: communication
                behaviors:
                  - id: writes-clearly
                    text: Writes clearly.
                    examples:
                      - id: release-notes
                        text: Writes release notes a customer understands at first reading.
    ```

    A framework that gives no example in any role section is taken to give none by
    design, as many published career ladders do, and is not reported (see
    `when-none`); where a framework does give examples, each section without them is.

    ## Options
    - `min-examples` (default `1`): the fewest examples a section may have.
    - `when-none` (default `"ignore"`): what to report when no role section of the
      framework has an example: `"ignore"`, nothing (the framework gives none by
      design); `"file"`, one finding for the file (at its first section), for a
      project whose frameworks should all give examples; `"sections"`, one finding per
      section.
    """

    code = "EX01"
    name = "examples.missing"
    groups = ("examples",)
    severity = Severity.WARNING

    class Options(msgspec.Struct, frozen=True):
        """How many examples each section of a role needs at least."""

        min_examples: int = 1
        #: "ignore", "file" or "sections": see the rule's documentation
        when_none: str = "ignore"

        def validate(self) -> str | None:
            if self.min_examples < 0:
                return "min-examples must be 0 or more"
            if self.when_none not in WHEN_NONE:
                return f"when-none must be one of {', '.join(map(repr, WHEN_NONE))}"
            return None

    def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
        wanted = self.options.min_examples
        fw = doc.framework
        sections = [(role, section) for role in fw.roles() for section in role.sections]
        none = all(next(s.all_examples(), None) is None for _, s in sections)
        if wanted and self.options.when_none != "sections" and sections and none:
            if self.options.when_none == "file":
                _, first = sections[0]
                yield Finding(
                    f"no role section of this framework has examples ({len(sections)} "
                    "sections); add examples showing the behaviors in practice.",
                    first.span_of("competency"),
                    f"{first.path}.competency",
                )
            return
        for role, section in sections:
            count = sum(1 for _ in section.all_examples())
            if count >= wanted:
                continue
            has = "no examples" if count == 0 else f"only {count} example"
            has += "s" if count > 1 else ""
            need = f"at least {wanted}" if wanted > 1 else "one"
            yield Finding(
                f"section `{section.competency}` of role `{role.id}` has {has}; add "
                f"{need} showing the behavior in practice.",
                section.span_of("competency"),
                f"{section.path}.competency",
            )
