"""The framework JSON Schema, and its violations told in plain language.

jsonschema-rs decides whether a document is valid (fast, compiled); only when it is
not does the pure-Python jsonschema walk the document again, because its errors carry
the paths and keywords needed to explain each violation at a file:line:col.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from pdp_lint.load.nodes import Composed, MapLoc, SeqLoc
from pdp_lint.model.problem import Span

SCHEMA_FILE = "framework.schema.json"
#: read from beside this module (as the word list is): importlib.resources would cost
#: a few milliseconds of imports on every run
SCHEMA_PATH = Path(__file__).parent / "data" / SCHEMA_FILE

# What an object is called in messages, by the key of the list or mapping holding it.
_KIND_BY_PARENT_KEY = {
    "tracks": "track",
    "roles": "role",
    "behaviors": "behavior",
    "examples": "example",
    "questions": "question",
    "levels": "level",
    "profiles": "profile",
    "guidance": "guidance section",
    "sections": "guidance section",
    "items": "guidance item",
    "glossary": "glossary entry",
    "owner": "owner",
    "role_profiles": "role profiles",
    "probes": "probe",
}
_TYPE_NAMES = {
    "string": "text",
    "object": "a mapping of keys and values",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def schema() -> dict[str, Any]:
    """The framework schema shipped inside the package."""
    text = SCHEMA_PATH.read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _fast_validator() -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(schema())


@cache
def _explaining_validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


class Violation(msgspec.Struct, frozen=True):
    """One schema violation, positioned and explained."""

    message: str
    span: Span
    path: str
    suggestion: str | None = None
    #: the value is missing (null): nothing was written, or nothing could be read
    empty: bool = False


def json_path(parts: Sequence[str | int]) -> str:
    """``['tracks', 0, 'roles']`` -> ``$.tracks[0].roles``."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def validate(doc: Composed) -> list[Violation]:
    """All schema violations of a composed document, in document order."""
    if doc.data is None:
        return [
            Violation(
                "the file has no content; a framework needs at least `id`, `title`, `owner`, "
                "`locale`, `version` and `status`",
                doc.root_span,
                "$",
            )
        ]
    if not isinstance(doc.data, dict):
        got = "a list" if isinstance(doc.data, list) else "a single value"
        return [
            Violation(
                f"a framework must be a mapping of keys such as `id:` and `title:`, not {got}",
                doc.root_span,
                "$",
            )
        ]
    if _fast_validator().is_valid(doc.data):
        return []
    seen: set[tuple[str, str]] = set()
    out: list[Violation] = []
    for error in _explaining_validator().iter_errors(doc.data):
        for violation in _explain(doc, error):
            key = (violation.path, violation.message)
            if key not in seen:
                seen.add(key)
                out.append(violation)
    out.sort(key=lambda v: (v.span.line, v.span.column))
    return out


def _walk(data: Any, path: Sequence[str | int]) -> Any:
    for part in path:
        data = data[part]
    return data


def _value_span(doc: Composed, path: Sequence[str | int]) -> Span:
    if not path:
        return doc.root_span
    parent = _walk(doc.data, path[:-1])
    loc = doc.locs.get(id(parent))
    last = path[-1]
    if isinstance(loc, MapLoc) and isinstance(last, str) and last in loc.values:
        return loc.values[last]
    if isinstance(loc, SeqLoc) and isinstance(last, int) and last < len(loc.items):
        return loc.items[last]
    return doc.root_span


def _key_span(doc: Composed, path: Sequence[str | int], key: str) -> Span:
    loc = doc.locs.get(id(_walk(doc.data, path)))
    if isinstance(loc, MapLoc) and key in loc.keys:
        return loc.keys[key]
    return _value_span(doc, path)


def _style(doc: Composed, path: Sequence[str | int]) -> str:
    if not path:
        return ""
    loc = doc.locs.get(id(_walk(doc.data, path[:-1])))
    last = path[-1]
    if isinstance(loc, MapLoc) and isinstance(last, str):
        return loc.styles.get(last, "")
    if isinstance(loc, SeqLoc) and isinstance(last, int) and last < len(loc.styles):
        return loc.styles[last]
    return ""


def describe(data: Any, path: Sequence[str | int]) -> str:
    """A reader's name for the object at ``path``: "role `senior-km`", "the framework"."""
    if not path:
        return "the framework"
    obj = _walk(data, path)
    container = next((p for p in reversed(path) if isinstance(p, str)), "")
    if container == "competencies":
        # the catalog at the top level; role sections further down
        kind = "competency" if len(path) == 2 else "section"
    else:
        kind = _KIND_BY_PARENT_KEY.get(container, container.replace("_", " "))
    if isinstance(obj, dict):
        for key in ("id", "competency", "term", "level"):
            ident = obj.get(key)
            if isinstance(ident, str | int) and not isinstance(ident, bool):
                if kind == "section":
                    owner = describe(data, path[:-2])
                    return f"section `{ident}` of {owner}"
                return f"{kind} `{ident}`"
    index = path[-1]
    if isinstance(index, int):
        return f"{kind} {index + 1} of {describe(data, path[:-2])}"
    return f"`{index}`"


def _slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:64].strip("-") or "my-id"


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"`{text[:40]}…`" if len(text) > 40 else f"`{text}`"


def _explain(doc: Composed, error: Any) -> Iterator[Violation]:
    import difflib  # only invalid documents get here

    path: list[str | int] = list(error.absolute_path)
    where = json_path(path)
    kind = error.validator
    instance = error.instance
    field = f"`{path[-1]}`" if path and isinstance(path[-1], str) else "this item"
    owner = describe(doc.data, path[:-1]) if path else "the framework"
    span = _value_span(doc, path)

    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        for key in instance:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = (
                f"; did you mean `{close[0]}`?"
                if close
                else (f"; expected one of {', '.join(f'`{a}`' for a in allowed)}")
            )
            yield Violation(
                f"unknown key `{key}` in {describe(doc.data, path)}{hint}",
                _key_span(doc, path, key),
                json_path([*path, key]),
                close[0] if close else None,
            )
    elif kind == "required":
        for key in error.validator_value:
            if isinstance(instance, dict) and key not in instance:
                yield Violation(
                    f"{describe(doc.data, path)} has no `{key}`; add it",
                    span,
                    json_path([*path, key]),
                )
    elif kind == "anyOf" and not path:
        yield Violation(
            "the framework has none of `tracks`, `competencies` or `role_profiles`; "
            "add at least one",
            span,
            where,
        )
    elif kind == "type":
        expected = error.validator_value
        want = _TYPE_NAMES.get(expected, str(expected))
        plain = _style(doc, path) == ""
        if instance is None:
            msg = f"{field} of {owner} is empty; write {want} or remove the key"
            yield Violation(msg, span, where, empty=True)
            return
        elif expected == "string" and plain and not isinstance(instance, dict | list):
            msg = (
                f"{field} of {owner} should be text, but YAML reads {_show(instance)} as "
                f'{_TYPE_NAMES[_json_type(instance)]}; quote it ("{_raw(doc, span)}")'
            )
        else:
            msg = f"{field} of {owner} should be {want}, not {_TYPE_NAMES[_json_type(instance)]}"
        yield Violation(msg, span, where)
    elif kind == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(instance), options, n=1, cutoff=0.6)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        yield Violation(
            f"{field} of {owner} is {_show(instance)}; use one of "
            f"{', '.join(f'`{o}`' for o in options)}{hint}",
            span,
            where,
            close[0] if close else None,
        )
    elif kind == "pattern":
        if error.validator_value.startswith("^[a-z0-9]+(-"):
            fix = _slugify(str(instance))
            yield Violation(
                f"{_show(instance)} is not a valid id: use lower-case letters, digits and "
                f"single hyphens, such as `{fix}`",
                span,
                where,
                fix,
            )
        elif path and path[-1] == "version":
            yield Violation(
                f"version {_show(instance)} should look like `1.0` or `1.2.3`", span, where
            )
        else:
            yield Violation(
                f"{field} of {owner} has an unexpected form: {_show(instance)}", span, where
            )
    elif kind == "not":
        # only the reserved-name rule uses `not`; a non-text id has its type error already
        if isinstance(instance, str):
            yield Violation(
                f"{_show(instance)} is a reserved device name on Windows and cannot be used "
                "as a file name; choose another id",
                span,
                where,
            )
    elif kind == "minLength":
        yield Violation(
            f"{field} of {owner} is empty; write the text or remove the key", span, where
        )
    elif kind == "maxLength":
        yield Violation(
            f"{field} of {owner} is longer than {error.validator_value} characters; shorten it",
            span,
            where,
        )
    elif kind in ("minimum", "maximum"):
        yield Violation(
            f"{field} of {owner} is {_show(instance)}; it must be "
            f"{'at least' if kind == 'minimum' else 'at most'} {error.validator_value}",
            span,
            where,
        )
    else:  # a keyword the schema may gain later: jsonschema's own words, positioned
        yield Violation(f"{owner}: {error.message}", span, where)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if value is None:
        return "null"
    return "string"


def _raw(doc: Composed, span: Span) -> str:
    return doc.text[span.start_index : span.end_index].strip()
