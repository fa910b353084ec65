"""Writing YAML scalars by hand: fast, and byte-for-byte the same on every run."""

from __future__ import annotations

import re

#: Values a YAML 1.1 or 1.2 reader turns into something other than a string.
_SPECIAL = re.compile(
    r"""^(?:
        ~|null|true|false|yes|no|on|off|y|n
        |[-+]?[0-9][0-9_,.:eE+-]*
        |[-+]?\.(?:inf|nan)
        |0[xob][0-9a-fA-F_]+
        |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


def scalar(value: str) -> str:
    """``value`` as a plain scalar when that reads back as the same string, else quoted."""
    plain = (
        value
        and value == value.strip()
        and value[0] not in _INDICATORS
        and value[-1] != ":"
        and ": " not in value
        and " #" not in value
        and "\n" not in value
        and "\t" not in value
        and not _SPECIAL.match(value)
    )
    if plain:
        return value
    return "'" + value.replace("'", "''") + "'"
