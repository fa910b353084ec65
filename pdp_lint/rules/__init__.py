"""The rule catalog.

Every module in this package that defines ``Rule`` subclasses with a ``code`` is part
of the catalog; adding a rule is adding a class. Codes are permanent and never reused.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from pdp_lint.rules.base import Context, Finding, Rule

__all__ = ["Context", "Finding", "Rule", "all_rules", "resolve_selector"]


@cache
def all_rules() -> dict[str, type[Rule]]:
    """Every rule class by code, sorted by code."""
    found: dict[str, type[Rule]] = {}
    # the modules beside this one, as pkgutil.iter_modules would list them (sorted), without
    # the cost of importing pkgutil on every run
    for name in sorted(f.stem for f in Path(__path__[0]).iterdir() if f.suffix == ".py"):
        if name.startswith("_") or name == "base":
            continue
        # __import__ rather than importlib.import_module: no importlib to load, and
        # `python -X importtime` sees (and times) the rule modules
        __import__(f"{__name__}.{name}")
        module = sys.modules[f"{__name__}.{name}"]
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Rule) and "code" in vars(obj):
                other = found.get(obj.code)
                if other is not None and other is not obj:
                    raise RuntimeError(f"rule code {obj.code} is used twice")
                found[obj.code] = obj
    return dict(sorted(found.items()))


_RESOLVED: dict[tuple[str, int], list[type[Rule]]] = {}


def resolve_selector(selector: str) -> list[type[Rule]]:
    """Rules matched by a code, a name, a group, an alias, or ``ALL``.

    Remembered per selector and catalog: the linter asks for every rule and document.
    """
    catalog = all_rules()
    key = (selector, id(catalog))
    found = _RESOLVED.get(key)
    if found is None:
        rules = catalog.values()
        if selector.upper() == "ALL":
            found = list(rules)
        else:
            found = [
                r
                for r in rules
                if selector in (r.code, r.name)
                or selector in r.groups
                or selector in r.aliases
                or (
                    len(selector) < 4 and selector.isalpha() and r.code.startswith(selector.upper())
                )
            ]
        _RESOLVED[key] = found
    return list(found)
