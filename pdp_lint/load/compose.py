"""One way in for both YAML readers: the fast path and the careful path, side by side.

``compose_fast`` (rapidyaml, fast.py) reads clean documents and declines anything it
cannot vouch for by returning None; ``compose`` (libyaml, careful.py) reads everything
else and explains every problem. Both return the same ``Composed`` nodes (nodes.py).
"""

from __future__ import annotations

from pdp_lint.load.fast import compose_fast
from pdp_lint.load.nodes import Composed
from pdp_lint.load.source import SourceText

__all__ = ["compose", "compose_fast"]


def compose(src: SourceText) -> Composed:
    """Compose ``src`` with libyaml into data with positions; raise YamlSyntaxError.

    ruamel.yaml is imported here, on first use: clean documents are read by the
    rapidyaml fast path (fast.py), and a one-file check should not pay for it.
    """
    from pdp_lint.load.careful import compose_careful

    return compose_careful(src)
