"""Rule documentation from the rule classes' docstrings."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable

from pdp_lint.rules.base import Rule

HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead")


def doc_sections(rule: type[Rule]) -> dict[str, str]:
    """The ``## Heading`` sections of a rule's docstring, by heading."""
    doc = inspect.cleandoc(rule.__doc__ or "")
    parts = re.split(r"^## +(.+?) *$", doc, flags=re.M)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def yaml_block(text: str) -> str | None:
    """The first fenced YAML block of a section, if any."""
    match = re.search(r"```yaml\n(.*?)```", text, re.S)
    return match.group(1) if match else None


def render_table(rules: Iterable[type[Rule]]) -> str:
    rows = [("CODE", "NAME", "SEVERITY", "FIX", "SUMMARY")]
    for r in rules:
        state = "" if r.default_enabled else " (opt-in)"
        rows.append(
            (r.code, r.name, r.severity.value + state, "yes" if r.fixable else "", r.summary())
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
        for row in rows
    )


def render_rule(rule: type[Rule]) -> str:
    """Full documentation of one rule as Markdown."""
    head = f"# {rule.code} {rule.name}\n\n{rule.summary()}\n"
    meta = (
        f"\nGroups: {', '.join(rule.groups) or '-'}. Default severity: {rule.severity.value}."
        f" {'Enabled by default.' if rule.default_enabled else 'Off unless selected.'}"
        f" {'Fixable.' if rule.fixable else ''}".rstrip()
    )
    doc = inspect.cleandoc(rule.__doc__ or "")
    body = doc.split("\n", 1)[1].strip() if "\n" in doc else ""
    return f"{head}{meta}\n\n{body}\n"
