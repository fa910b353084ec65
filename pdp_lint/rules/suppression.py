"""The rule about suppression comments themselves."""

from __future__ import annotations

from pdp_lint.model.problem import Severity
from pdp_lint.rules.base import Rule


class UnusedSuppression(Rule):
    """A `# pdp-lint: disable=...` comment that no longer suppresses anything.

    ## What it does
    Reports suppression comments whose rule finds nothing on the lines they cover,
    and suppressions naming a rule that does not exist. The check itself is done by
    the linter after every other rule has run.

    ## Why is this bad?
    A stale suppression hides the next real problem on those lines, and a misspelt
    code suppresses nothing while looking as if it did.

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
      - id: knowledge  # pdp-lint: disable=TX99 a code that does not exist
        name: Knowledge
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
    ```
    """

    code = "LN01"
    name = "suppression.unused"
    groups = ("suppression",)
    severity = Severity.WARNING
    stage = "linter"
