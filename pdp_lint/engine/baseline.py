"""A baseline: the problems a project has accepted for now, so only new ones are reported.

An entry names the rule, the file (relative to the baseline's folder), the stable key of
the model node (built from ids, so inserting or reordering items does not change it)
and a hash of the offending text. Line numbers are not part of it: a baseline survives
unrelated edits, and editing the offending text makes the problem come back. Entries
are a multiset: two identical problems need two entries.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import msgspec

from pdp_lint.atomic import write_text_atomic
from pdp_lint.load.loader import Loaded
from pdp_lint.model.framework import Framework, Node
from pdp_lint.model.problem import Problem

VERSION = 1
_LAST_SEGMENT = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")


class BaselineError(Exception):
    """A baseline file that cannot be used, told in one line."""


class Entry(msgspec.Struct, frozen=True, order=True):
    code: str
    file: str
    key: str
    hash: str


class _Index:
    """JSON path -> (stable key, text) for one framework."""

    def __init__(self, framework: Framework | None) -> None:
        self.nodes: dict[str, Node] = {}
        self.texts: dict[str, str] = {}
        if framework is not None:
            self.nodes = {node.path: node for node in framework.nodes()}
            self.texts = {tf.path: tf.value for tf in framework.texts()}

    def locate(self, path: str) -> tuple[str, str | None]:
        """The stable key of ``path`` and the text of the field it names, if any."""
        text = self.texts.get(path)
        head, rest = path, ""
        while head not in self.nodes:
            match = _LAST_SEGMENT.search(head)
            if match is None:
                return path, text  # no model (schema errors): the path is all there is
            head, rest = head[: match.start()], match.group(0) + rest
        node = self.nodes[head]
        if text is None and rest.startswith(".") and "[" not in rest and "." not in rest[1:]:
            value = getattr(node, rest[1:], None)
            text = value if isinstance(value, str) else None
        return (node.key or "$") + rest, text


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _relative(file: str, folder: Path) -> str:
    return Path(os.path.relpath(Path(file).resolve(), folder.resolve())).as_posix()


def entries(problems: Iterable[Problem], loaded: list[Loaded], folder: Path) -> list[Entry]:
    """The baseline entry of each problem, in the order of ``problems``."""
    indexes = {item.display: _Index(item.framework) for item in loaded}
    out = []
    for p in problems:
        index = indexes.get(p.file) or _Index(None)
        key, text = index.locate(p.path)
        out.append(Entry(p.code, _relative(p.file, folder), key, _digest(text or p.message)))
    return out


def write_baseline(path: Path, problems: list[Problem], loaded: list[Loaded]) -> int:
    """Write the baseline of ``problems`` to ``path`` atomically; the number of entries."""
    found = entries(problems, loaded, path.parent)
    rows = sorted(zip(found, problems, strict=True), key=lambda pair: pair[0])
    doc = {
        "version": VERSION,
        "tool": "pdp-lint",
        "problems": [
            {"code": e.code, "file": e.file, "key": e.key, "hash": e.hash, "message": p.message}
            for e, p in rows
        ],
    }
    write_text_atomic(path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return len(rows)


def read_baseline(path: Path) -> Counter[Entry]:
    """The entries of a baseline file, counted."""
    try:
        doc = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: baseline file not found; create it with --write-baseline"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{path}:{exc.lineno}: the baseline is not valid JSON: {exc.msg}"
        ) from None
    except RecursionError:  # arrays or objects nested beyond Python's recursion limit
        raise BaselineError(
            f"{path}: not a pdp-lint baseline (nested too deeply to read); rewrite it with "
            "--write-baseline"
        ) from None
    rows = doc.get("problems") if isinstance(doc, dict) else None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or not isinstance(rows, list):
        raise BaselineError(
            f"{path}: not a pdp-lint baseline (version {VERSION}); rewrite it with --write-baseline"
        )
    counted: Counter[Entry] = Counter()
    for number, row in enumerate(rows, start=1):
        fields = [row.get(k) for k in Entry.__struct_fields__] if isinstance(row, dict) else []
        if len(fields) != 4 or not all(isinstance(v, str) for v in fields):
            raise BaselineError(
                f"{path}: entry {number} needs text `code`, `file`, `key` and `hash`;"
                " rewrite the baseline with --write-baseline"
            )
        counted[Entry(*(str(v) for v in fields))] += 1
    return counted


def apply_baseline(
    problems: list[Problem], loaded: list[Loaded], path: Path, baseline: Counter[Entry]
) -> tuple[list[Problem], int]:
    """Problems not in ``baseline``, and how many entries of the checked files matched none."""
    remaining = Counter(baseline)
    kept = []
    for problem, entry in zip(problems, entries(problems, loaded, path.parent), strict=True):
        if remaining[entry] > 0:
            remaining[entry] -= 1
        else:
            kept.append(problem)
    checked = {_relative(item.display, path.parent) for item in loaded}
    stale = sum(n for entry, n in remaining.items() if n > 0 and entry.file in checked)
    return kept, stale
