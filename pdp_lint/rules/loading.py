"""Rules the loader applies before the model exists: reading, YAML syntax, schema."""

from __future__ import annotations

from pdp_lint.rules.base import Rule


class Unreadable(Rule):
    """A file could not be read as text.

    ## What it does
    Reports a path that does not exist, a directory with no frameworks, a file that is
    not UTF-8 (or UTF-16 with a byte-order mark), unreadable or too large.

    ## Why is this bad?
    Nothing in the file can be checked or published until it can be read. The run
    exits with status 2.

    ## Example
    A file saved by a word processor in Windows-1252 with a byte that is not UTF-8.

    ## Use instead
    Save the file as UTF-8 (every modern editor offers it in "Save as").
    """

    code = "IO01"
    name = "input.unreadable"
    groups = ("input",)
    stage = "load"


class YamlSyntax(Rule):
    """The file is not valid YAML.

    ## What it does
    Reports the first YAML syntax error, such as an unclosed quote or a bad indent,
    at the line and column where the parser stopped.

    ## Why is this bad?
    A file that is not YAML cannot be read at all, so none of its content is checked
    or published.

    ## Example
    ```yaml
    title: "CX Knowledge PDP
    ```

    ## Use instead
    ```yaml
    title: "CX Knowledge PDP"
    ```
    """

    code = "SY01"
    name = "syntax.yaml"
    groups = ("syntax",)
    stage = "load"


class DuplicateKey(Rule):
    """A key appears twice in the same mapping.

    ## What it does
    Reports the second occurrence of a key and names the line of the first.

    ## Why is this bad?
    Most YAML tools silently keep only the last value, so text someone wrote is lost
    without a word.

    ## Example
    ```yaml
    summary: Knows the product.
    summary: Knows the product well.
    ```

    ## Use instead
    ```yaml
    summary: Knows the product well.
    ```
    """

    code = "SY02"
    name = "syntax.duplicate-key"
    groups = ("syntax",)
    stage = "load"


class ForbiddenTag(Rule):
    """An explicit YAML tag such as `!!python/object` is used.

    ## What it does
    Refuses any explicit tag; nothing is constructed from it.

    ## Why is this bad?
    Tags can make a YAML loader create objects or run code. A framework holds only
    text, numbers and lists, so a tag is either a mistake or an attack.

    ## Example
    ```yaml
    title: !!python/object/apply:os.system [echo hello]
    ```

    ## Use instead
    ```yaml
    title: CX Knowledge PDP
    ```
    """

    code = "SY03"
    name = "syntax.tag"
    groups = ("syntax", "security")
    stage = "load"


class AliasUsed(Rule):
    """An anchor and alias (`&name` / `*name`) or a merge key (`<<`) is used.

    ## What it does
    Refuses aliases; the first repeated use is reported.

    ## Why is this bad?
    Aliases hide content behind a reference that handouts and reviewers cannot see,
    and nested aliases can expand into billions of items ("billion laughs").

    ## Example
    ```yaml
    intro: &intro Welcome to the path.
    notice: *intro
    ```

    ## Use instead
    ```yaml
    intro: Welcome to the path.
    notice: Welcome to the path.
    ```
    """

    code = "SY04"
    name = "syntax.alias"
    groups = ("syntax", "security")
    stage = "load"


class ImplicitType(Rule):
    """An unquoted value that YAML reads as a boolean or a date.

    ## What it does
    Reports plain `yes`, `no`, `on`, `off` (booleans for YAML 1.1 tools) and plain
    dates such as `2024-05-01`, wherever they stand.

    ## Why is this bad?
    The text is silently converted: `Norway` stays text but `no` becomes `false`, and
    a date loses its original spelling.

    ## Example
    ```yaml
    summary: yes
    ```

    ## Use instead
    ```yaml
    summary: 'yes'
    ```
    """

    code = "SY05"
    name = "syntax.implicit-type"
    groups = ("syntax",)
    stage = "load"


class TooDeep(Rule):
    """The document is nested deeper than any framework needs.

    ## What it does
    Refuses nesting deeper than 64 levels.

    ## Why is this bad?
    No framework needs it; deeply nested input is a mistake or an attempt to exhaust
    the tools that read it.

    ## Example
    A list nested a thousand levels deep: `[[[[...]]]]`.

    ## Use instead
    The structure the schema describes.
    """

    code = "SY06"
    name = "syntax.depth"
    groups = ("syntax", "security")
    stage = "load"


class SchemaViolation(Rule):
    """The framework does not follow the schema.

    ## What it does
    Checks the file against `schema/framework.schema.json` and reports each violation
    in plain words at its place: unknown keys (with "did you mean"), missing keys,
    wrong types (with the quoting to use), invalid ids and values.

    ## Why is this bad?
    A framework that does not follow the schema cannot be checked further or
    published; a misspelt key such as `behaviours` would silently drop its content.

    ## Example
    ```yaml
    id: demo
    title: Demo PDP
    owner:
      team: Demo Team
    locale: en-US
    version: "1.0"
    status: publshed
    competencies:
      - id: knowledge
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
    status: published
    competencies:
      - id: knowledge
        name: Knowledge
    ```
    """

    code = "SC01"
    name = "schema.violation"
    groups = ("schema",)
    stage = "load"
