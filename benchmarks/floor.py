"""The floor: what reading, parsing and validating a corpus costs, and nothing more.

    python -m benchmarks.floor DIR

Reads every ``*.yaml`` file of DIR, parses it with rapidyaml, has rapidyaml emit it as
JSON and msgspec decode that into Python data, validates the data with jsonschema-rs
against ``schema/framework.schema.json``, and makes one regular-expression pass over
the text that finds every word. That is the least work any linter of these files does:
no positions, no model, no rules. The benchmark times it as a case of its own, beside
pdp-lint's full lint of the same files, and divides the two: how far pdp-lint is from
the cost of the work itself. Prints the files, the invalid ones and the words counted,
so that no step can be skipped unnoticed.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "framework.schema.json"
WORD = re.compile(r"[^\W_]+")


def floor(directory: Path) -> tuple[int, int, int]:
    """(files, invalid files, words) of the ``*.yaml`` files of ``directory``."""
    import jsonschema_rs
    import msgspec
    import ryml

    validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text("utf-8")))
    decode = msgspec.json.decode
    files = invalid = words = 0
    for path in sorted(directory.glob("*.yaml")):
        data = path.read_bytes()
        tree = ryml.parse_in_arena(data)
        document = decode(ryml.emit_json_malloc(tree, tree.root_id()))
        if not validator.is_valid(document):
            invalid += 1
        words += len(WORD.findall(data.decode("utf-8")))
        files += 1
    return files, invalid, words


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m benchmarks.floor DIR", file=sys.stderr)
        return 2
    files, invalid, words = floor(Path(args[0]))
    print(f"{files} files, {invalid} invalid, {words:,} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
