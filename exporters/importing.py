"""``pdp-lint import``: the edits made in a framework's workbook, applied to its YAML.

The workbook (written by ``pdp-lint export --format xlsx``) is compared with the framework
it was exported from, three ways: the text as exported (each row carries its hash), the
text in the workbook, and the text in the YAML now.

- A text edited in the workbook is edited in the YAML as an exact text edit: only the
  changed characters are replaced where the scalar's style allows it, else the whole
  scalar is rewritten (double-quoted). Comments, key order, quoting and everything else
  stay byte-identical, as ``pdp-lint fix`` does it.
- A text changed both in the workbook and in the YAML since the export is a conflict: it
  is reported with both texts and the YAML is kept.
- A row without an id is a new behavior or example: it gets an id made from its text.
- A deleted row of a behavior or example removes the item (with its examples).
- A row whose Role, Competency or Behavior now names another place moves the item there,
  with its id, its examples and its comments.

Nothing is written when the workbook has a problem; the edited framework is loaded and
linted in memory first and refused when the edit would give it errors it did not have;
the file is written atomically in its own encoding.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import click

from exporters.spreadsheet import item_id, key_parts, text_hash
from exporters.workbook import SheetRow, WorkbookData, WorkbookError, read_workbook
from pdp_lint import api
from pdp_lint.engine.config import Settings
from pdp_lint.fix.edits import apply_edits
from pdp_lint.load.document import Document
from pdp_lint.load.loader import load_text
from pdp_lint.load.source import SourceText
from pdp_lint.model.framework import Behavior, Example, Framework, Node, TextField
from pdp_lint.model.problem import Edit, Problem, Severity

EXIT_CONFLICT, EXIT_USAGE = 1, 2
#: the kinds of item a row can add, remove or move
STRUCTURAL = ("behavior", "example")
#: where a row says it is, against where its id path says it is
_PLACE = (("Role", "roles"), ("Competency", "competencies"), ("Behavior", "behaviors"))
_ID_WORDS = 4
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "with",
    ]
)


class ImportError_(Exception):
    """The import cannot go on; ``lines`` say why, one problem a line."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True, slots=True)
class Conflict:
    """A text changed in the workbook and in the YAML since the export."""

    where: str
    id: str
    workbook: str
    yaml: str
    line: int
    reason: str = "changed in the workbook and in the YAML since the export"


@dataclass(slots=True)
class Plan:
    """What the workbook asks for, against the framework as it is now."""

    texts: dict[str, tuple[SheetRow, str]] = field(default_factory=dict)
    #: item key -> row (the row is None for a deleted row)
    deletes: dict[str, str] = field(default_factory=dict)
    #: (row, item key): move the item to the row's place
    moves: list[tuple[SheetRow, str]] = field(default_factory=list)
    adds: list[SheetRow] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    #: rows in sheet order, for placing new and moved items
    order: list[SheetRow] = field(default_factory=list)
    #: examples of a behavior whose row names another place
    pending: list[tuple[SheetRow, str]] = field(default_factory=list)


@dataclass(slots=True)
class Outcome:
    """What an import did to one framework file."""

    source: SourceText
    new_text: str
    conflicts: list[Conflict]
    counts: Counter[str]
    notes: list[str]

    @property
    def changed(self) -> bool:
        return self.new_text != self.source.text


# --- planning -------------------------------------------------------------------------


def _where(key: str) -> dict[str, str]:
    return key_parts(key.partition("#")[0])


def _moved_already(row: SheetRow, ident: str, fields: dict[str, TextField]) -> bool:
    """Whether the row's item already stands where the row puts it, with the row's text:
    a move made by this workbook and imported before (its Id is the old place). Imported
    again, it was a conflict ("removed from the YAML"), exit 1."""
    path, _, name = ident.partition("#")
    parts = _where(path)
    leaf = "examples" if "examples" in parts else "behaviors"
    item = parts.get(leaf)
    if item is None:
        return False
    want = {"roles": row["Role"].strip(), "competencies": row["Competency"].strip(), leaf: item}
    if leaf == "examples" and row["Behavior"].strip():
        want["behaviors"] = row["Behavior"].strip()
    for key, found in fields.items():
        path_now, _, name_now = key.partition("#")
        where = _where(path_now)
        if (
            name_now == name
            and leaf in where
            and all(where.get(k) == v for k, v in want.items())
            and found.value == row["Text"]
        ):
            return True
    return False


def _added_already(
    row: SheetRow, fields: dict[str, TextField], exported: dict[str, str], claimed: set[str]
) -> bool:
    """Whether the new row's item is already in the YAML where the row puts it, with the
    row's text, as an item the workbook's export did not have: this workbook's row,
    imported before. Imported again, it was offered as a new item a second time (and
    refused as a duplicate). Each such item answers for one row only (``claimed``)."""
    kind = row["Kind"].strip()
    if kind not in STRUCTURAL:
        return False
    want = {"roles": row["Role"].strip(), "competencies": row["Competency"].strip()}
    behavior = row["Behavior"].strip()
    for key, found in fields.items():
        if (
            found.kind != kind
            or found.name != "text"
            or found.value != row["Text"]
            or key in exported
            or key in claimed
        ):
            continue
        where = _where(key)
        if any(where.get(k) != v for k, v in want.items()):
            continue
        if kind == "example" and where.get("behaviors", "") != behavior:
            continue
        claimed.add(key)
        return True
    return False


def plan(data: WorkbookData, doc: Document) -> Plan:
    """Compare the workbook's rows with the framework of ``doc``."""
    out = Plan(order=list(data.rows))
    fields = {item_id(f): f for f in doc.texts}
    seen: set[str] = set()
    claimed: set[str] = set()
    for row in data.rows:
        ident = row["Id"].strip()
        if not ident:
            if not _added_already(row, fields, data.exported, claimed):
                _plan_new(row, doc.framework, out)
            continue
        if ident in seen:
            out.problems.append(f"{row.cell('Id')}: the id {ident} is on two rows; keep one")
            continue
        seen.add(ident)
        found = fields.get(ident)
        if found is None:
            if _moved_already(row, ident, fields):
                continue  # this workbook's move, imported before: nothing left to do
            if ident in data.exported:
                out.conflicts.append(
                    Conflict(row.cell("Id"), ident, row["Text"], "", 0, "removed from the YAML")
                )
            else:
                out.problems.append(
                    f"{row.cell('Id')}: unknown id {ident!r}: not an item of framework "
                    f"{data.framework}; a new item leaves the Id and Hash cells empty"
                )
            continue
        _plan_row(row, found, doc, out)
    for ident, exported_hash in data.exported.items():
        if ident in seen or ident not in fields:
            continue
        found = fields[ident]
        if found.kind not in STRUCTURAL or found.name != "text" or "roles" not in _where(ident):
            out.problems.append(
                f"{ITEMS}: the row of {ident} ({found.kind}) was deleted; only behaviors and "
                "examples of a role can be removed: restore the row"
            )
        elif text_hash(found.value) != exported_hash:
            out.conflicts.append(
                Conflict(
                    ITEMS,
                    ident,
                    "",
                    found.value,
                    found.span.line,
                    "deleted in the workbook but changed in the YAML since the export",
                )
            )
        else:
            out.deletes[found.node.key] = ident
    _settle_examples(out, doc.framework)
    _drop_nested(out)
    _check_orphans(out)
    return out


def _settle_examples(out: Plan, fw: Framework) -> None:
    """An example whose behavior moves goes with it; any other example moves on its own."""
    behaviors = {key: row for row, key in out.moves if "/examples/" not in key}
    for row, key in out.pending:
        parent = key.rsplit("/examples/", 1)[0]
        carrier = behaviors.get(parent)
        if (
            carrier is not None
            and all(row[c].strip() == carrier[c].strip() for c in ("Role", "Competency"))
            and row["Behavior"].strip() == parent.rsplit("/", 1)[1]
        ):
            continue
        if _check_place(row, fw, out, "example"):
            out.moves.append((row, key))


def _drop_nested(out: Plan) -> None:
    """An example inside a deleted or moved behavior goes with it: no edit of its own."""
    leaving = set(out.deletes) | {key for _row, key in out.moves if "/examples/" not in key}
    for key in list(out.deletes):
        if "/examples/" in key and key.rsplit("/examples/", 1)[0] in leaving:
            del out.deletes[key]


ITEMS = "Items"


def _plan_row(row: SheetRow, found: TextField, doc: Document, out: Plan) -> None:
    if row["Kind"].strip() != found.kind:
        out.problems.append(
            f"{row.cell('Kind')}: the kind of {found.kind} {row['Id']} cannot change "
            f"(found {row['Kind']!r}); restore it"
        )
        return
    exported = row["Hash"].strip()
    if not exported:
        out.problems.append(f"{row.cell('Hash')}: the hash is missing; restore it as exported")
        return
    text = row["Text"]
    edited = text_hash(text) != exported
    if edited and text != found.value:
        if not text.strip():
            out.problems.append(
                f"{row.cell('Text')}: the text of {row['Id']} is empty; delete the row to "
                "remove the item, or type its text"
            )
        elif text_hash(found.value) != exported:
            out.conflicts.append(
                Conflict(row.cell("Text"), row["Id"], text, found.value, found.span.line)
            )
        else:
            out.texts[row["Id"]] = (row, text)
    where = _where(row["Id"])
    moved = [
        column
        for column, part in _PLACE
        if part in where or row[column].strip()
        if row[column].strip() != where.get(part, "")
    ]
    if not moved:
        return
    if found.kind not in STRUCTURAL or found.name != "text" or "roles" not in where:
        column = moved[0]
        out.problems.append(
            f"{row.cell(column)}: {column} says {row[column]!r} but the {found.kind} "
            f"{row['Id']} is in {where.get(dict(_PLACE)[column], 'none')!r}; only "
            "behaviors and examples of a role move: restore the cell"
        )
        return
    if found.kind == "behavior" and row["Behavior"].strip() != where.get("behaviors", ""):
        out.problems.append(
            f"{row.cell('Behavior')}: the Behavior cell of a behavior is its own id; "
            "restore it (move a behavior with its Role and Competency cells)"
        )
        return
    if found.kind == "example" and "/behaviors/" in found.node.key:
        # decided once every behavior's row is read: it may follow its behavior
        out.pending.append((row, found.node.key))
        return
    if _check_place(row, doc.framework, out, found.kind):
        out.moves.append((row, found.node.key))


def _plan_new(row: SheetRow, fw: Framework, out: Plan) -> None:
    kind = row["Kind"].strip()
    if kind not in STRUCTURAL:
        out.problems.append(
            f"{row.cell('Kind')}: a new row (no Id) must be a behavior or an example of a "
            f"role, not {kind or 'empty'!r}"
        )
        return
    if not row["Text"].strip():
        out.problems.append(f"{row.cell('Text')}: the new {kind} has no text")
        return
    if row["Hash"].strip():
        out.problems.append(
            f"{row.cell('Hash')}: a new row has no hash; a row copied from another keeps its "
            "Id: restore it, or empty the Hash cell"
        )
        return
    if kind == "behavior" and row["Behavior"].strip():
        out.problems.append(
            f"{row.cell('Behavior')}: leave Behavior empty for a new behavior: its id is made "
            "from its text"
        )
        return
    if _check_place(row, fw, out, kind):
        out.adds.append(row)


def _check_place(row: SheetRow, fw: Framework, out: Plan, kind: str) -> bool:
    """Whether the row's Role, Competency (and Behavior) name a place that exists."""
    role = fw.role(row["Role"].strip())
    if role is None:
        out.problems.append(f"{row.cell('Role')}: no role {row['Role']!r} in {fw.id}")
        return False
    section = role.section(row["Competency"].strip())
    if section is None:
        out.problems.append(
            f"{row.cell('Competency')}: role {role.id} has no section for competency "
            f"{row['Competency']!r}; add the section in the YAML first"
        )
        return False
    behavior = row["Behavior"].strip()
    if kind == "example" and behavior and not any(b.id == behavior for b in section.behaviors):
        out.problems.append(
            f"{row.cell('Behavior')}: no behavior {behavior!r} in role {role.id}, competency "
            f"{section.competency}; a new behavior's examples are added by a second import, "
            "once the behavior has its id"
        )
        return False
    return True


def _check_orphans(out: Plan) -> None:
    """An example kept or moved whose behavior is deleted cannot be placed."""
    deleted = set(out.deletes)
    for row, key in out.moves:
        parent = key.rsplit("/examples/", 1)[0]
        if parent in deleted:
            out.problems.append(
                f"{row.cell('Behavior')}: the example {row['Id']} is moved out of a behavior "
                "that this import deletes; move it first, delete the behavior in a second "
                "import"
            )
        target = _target_parent(row, key)
        if any(target == d or target.startswith(d + "/") for d in deleted):
            out.problems.append(
                f"{row.cell('Behavior')}: {row['Behavior']!r} is a behavior this import deletes"
            )
    for row in out.adds:
        target = _target_parent(row, None)
        if any(target == d for d in deleted):
            out.problems.append(
                f"{row.cell('Behavior')}: {row['Behavior']!r} is a behavior this import deletes"
            )


def _target_parent(row: SheetRow, key: str | None) -> str:
    """The key of the node a row's item goes into (a section, or a behavior)."""
    where = _where(key or "")
    track = where.get("tracks", "")
    # the track of the target role is found later; compare on the part after it
    base = f"roles/{row['Role'].strip()}/competencies/{row['Competency'].strip()}"
    if row["Kind"].strip() == "example" and row["Behavior"].strip():
        base += f"/behaviors/{row['Behavior'].strip()}"
    return f"tracks/{track}/{base}" if track else base


# --- editing the text -------------------------------------------------------------------


def _quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


_PLAIN = re.compile(r"[A-Za-z(][^\n\t#:]*")
_SPECIAL = re.compile(
    r"(?i)(y|n|yes|no|true|false|on|off|null|~|[-+]?(\d[\d_]*)?(\.\d*)?(e[-+]?\d+)?)"
)


def scalar(text: str) -> str:
    """``text`` written as a YAML scalar: plain when that reads back the same, else quoted."""
    if (
        _PLAIN.fullmatch(text)
        and text == text.strip()
        and not _SPECIAL.fullmatch(text)
        and "  " not in text
    ):
        return text
    return _quoted(text)


def _text_edits(doc: Document, changes: dict[str, str], whole: set[str]) -> list[Edit]:
    fields = {item_id(f): f for f in doc.texts}
    edits = []
    for ident, new in changes.items():
        found = fields[ident]
        old = found.value
        edit = None
        if ident not in whole:
            start = 0
            while start < min(len(old), len(new)) and old[start] == new[start]:
                start += 1
            end = 0
            while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
                end += 1
            edit = doc.edit(found, start, len(old) - end, new[start : len(new) - end])
        if edit is None:
            span = found.span
            raw = doc.source.text[span.start_index : span.end_index]
            edit = Edit(span.start_index, span.start_index + len(raw.rstrip()), _quoted(new))
        edits.append(edit)
    return edits


def _reload(source: SourceText, text: str) -> Document:
    trial = SourceText(source.path, text, source.encoding, source.bom)
    loaded = load_text(trial)
    if loaded.framework is None:
        first = loaded.problems[0].message if loaded.problems else "it does not load"
        raise ImportError_(
            [
                f"{source.display}: the edited framework would not load ({first}); nothing "
                "was written"
            ]
        )
    return Document(loaded.framework, trial)


def _apply_texts(doc: Document, changes: dict[str, str]) -> Document:
    """``doc`` with the changed texts, each checked to read back as typed."""
    whole: set[str] = set()
    for _ in range(2):
        text, _applied = apply_edits(doc.source.text, _text_edits(doc, changes, whole))
        try:
            new = _reload(doc.source, text)
        except ImportError_:
            if whole:
                raise
            whole = set(changes)
            continue
        fields = {item_id(f): f.value for f in new.texts}
        wrong = {i for i, value in changes.items() if fields.get(i) != value}
        if not wrong:
            return new
        whole |= wrong
    raise ImportError_(
        [f"{doc.file}: a changed text does not read back as typed; nothing was written"]
    )


# --- editing the structure --------------------------------------------------------------


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _block(doc: Document, node: Node) -> tuple[int, int, int]:
    """Where the list item ``node`` is written: start of its line, end, its dash's column.

    Blank and comment lines at the end of the item's span are left out: a comment above
    the next item belongs to that item. So the comment lines right above the item, at
    its dash's indentation, are its own: they move (and go) with it.
    """
    text = doc.source.text
    start = _line_start(text, node.span.start_index)
    prefix = text[start : node.span.start_index]
    if not re.fullmatch(r" *- +", prefix):
        raise ImportError_(
            [
                f"{doc.file}:{node.span.line}: {node.key} is not written as a block list "
                "item (`- id: ...` on a line of its own), which import does not edit; "
                "rewrite it so"
            ]
        )
    end = _end(text, node.span.end_index)
    key_column = len(prefix)
    while end > start:
        line = _line_start(text, end - 1)
        content = text[line:end]
        stripped = content.strip()
        indent = len(content) - len(content.lstrip(" "))
        if line <= start or not (
            not stripped or (stripped.startswith("#") and indent <= key_column)
        ):
            break
        end = line
    dash = prefix.index("-")
    first = start
    while first > 0:
        above = _line_start(text, first - 1)
        content = text[above:first]
        if not content.strip().startswith("#") or len(content) - len(content.lstrip(" ")) != dash:
            break
        first = above
    # comments between the list's key (`behaviors:`) and its first item speak of the
    # list, not of that item: they stay
    opening = text[_line_start(text, first - 1) : first].split(" #")[0].rstrip() if first else ""
    if first < start and not opening.endswith(":"):
        start = first
    return start, end, dash


def _end(text: str, index: int) -> int:
    """The end of a node's lines: the start of the line its span ends on, if only blank."""
    line = _line_start(text, index)
    if not text[line:index].strip():
        return line
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _reindent(block: str, delta: int) -> str:
    if delta == 0:
        return block
    lines = block.splitlines(keepends=True)
    if delta > 0:
        return "".join((" " * delta + ln) if ln.strip() else ln for ln in lines)
    out = []
    for ln in lines:
        cut = min(-delta, len(ln) - len(ln.lstrip(" ")))
        out.append(ln[cut:])
    return "".join(out)


def _slug(text: str, taken: set[str]) -> str:
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP]
    base = "-".join(words[:_ID_WORDS])[:60].strip("-") or "item"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


@dataclass(slots=True)
class _Target:
    """A list that receives items: its container, field name, and items."""

    container: Node
    name: str
    items: tuple[Behavior | Example, ...]


def _target(fw: Framework, row: SheetRow) -> _Target:
    role = fw.role(row["Role"].strip())
    assert role is not None
    section = role.section(row["Competency"].strip())
    assert section is not None
    behavior = row["Behavior"].strip()
    if row["Kind"].strip() == "behavior":
        return _Target(section, "behaviors", section.behaviors)
    if behavior:
        found = next(b for b in section.behaviors if b.id == behavior)
        return _Target(found, "examples", found.examples)
    return _Target(section, "examples", section.examples)


def _members(fw: Framework) -> dict[str, tuple[Node, str]]:
    """Every behavior and example of a role: key -> (item, key of its list's container)."""
    out: dict[str, tuple[Node, str]] = {}
    for role in fw.roles():
        for section in role.sections:
            for behavior in section.behaviors:
                out[behavior.key] = (behavior, f"{section.key}#behaviors")
                for ex in behavior.examples:
                    out[ex.key] = (ex, f"{behavior.key}#examples")
            for ex in section.examples:
                out[ex.key] = (ex, f"{section.key}#examples")
    return out


def _apply_structure(doc: Document, p: Plan, counts: Counter[str], notes: list[str]) -> str:
    """The text of ``doc`` with items deleted, moved and added as planned."""
    fw = doc.framework
    text = doc.source.text
    members = _members(fw)
    edits: list[Edit] = []
    leaving = set(p.deletes) | {key for _row, key in p.moves}
    for key in p.deletes:
        counts[f"{'behavior' if '/examples/' not in key else 'example'} removed"] += 1
    arrives = {f"{_target(fw, row).container.key}#{_target(fw, row).name}" for row in p.adds}
    arrives |= {f"{_target(fw, row).container.key}#{_target(fw, row).name}" for row, _k in p.moves}
    by_list: dict[str, list[Node]] = {}
    for key in leaving:
        node, list_key = members[key]
        by_list.setdefault(list_key, []).append(node)
    for list_key, nodes in by_list.items():
        remaining = [k for k, (_n, lk) in members.items() if lk == list_key and k not in leaving]
        if remaining or list_key in arrives:
            for node in nodes:
                start, end, _dash = _block(doc, node)
                edits.append(Edit(start, end, ""))
            continue
        # the list is left empty: its key goes too (an empty list does not load)
        spans = [_block(doc, node) for node in nodes]
        first, last = min(b[0] for b in spans), max(b[1] for b in spans)
        name = list_key.rsplit("#", 1)[1]
        key_line = _line_start(text, first - 1) if first else 0
        if not re.fullmatch(rf" *{name}: *(#.*)?\n", text[key_line:first]):
            raise ImportError_(
                [f"{doc.file}: the list {list_key} is not written as `{name}:` on a line"]
            )
        edits.append(Edit(key_line, last, ""))

    arriving: dict[str, list[tuple[SheetRow, str | None]]] = {}
    moved_rows = {id(row): key for row, key in p.moves}
    for row in p.order:
        if id(row) in moved_rows or any(row is r for r in p.adds):
            target = _target(fw, row)
            list_key = f"{target.container.key}#{target.name}"
            arriving.setdefault(list_key, []).append((row, moved_rows.get(id(row))))

    inserts: dict[int, list[str]] = {}
    for rows in arriving.values():
        first_row = rows[0][0]
        target = _target(fw, first_row)
        staying = [m for m in target.items if m.key not in leaving]
        taken = {m.id for m in target.items}
        dash, key_col = _layout(doc, target)
        # place each arriving row after the nearest staying member above it in the sheet
        position_of = {id(r): i for i, r in enumerate(p.order)}
        for row, old_key in rows:
            anchor = _anchor(p.order[: position_of[id(row)]], staying)
            if old_key is not None:
                node, _list = members[old_key]
                start, end, old_dash = _block(doc, node)
                block = text[start:end]
                block = block if block.endswith("\n") else block + "\n"
                item = node
                assert isinstance(item, Behavior | Example)
                if item.id in taken and item not in target.items:
                    raise ImportError_(
                        [
                            f"{row.cell('Id')}: {target.container.key} already has an item "
                            f"with the id {item.id}; rename one in the YAML first"
                        ]
                    )
                taken.add(item.id)
                block = _reindent(block, dash - old_dash)
                counts[f"{row['Kind'].strip()} moved"] += 1
            else:
                ident = _slug(row["Text"], taken)
                taken.add(ident)
                gap = " " * max(key_col - dash - 1, 1)
                block = (
                    f"{' ' * dash}-{gap}id: {ident}\n"
                    f"{' ' * (dash + 1 + len(gap))}text: {scalar(row['Text'])}\n"
                )
                counts[f"{row['Kind'].strip()} added"] += 1
                notes.append(f"{row.cell('Text')}: new {row['Kind'].strip()} {ident}")
            if anchor is not None:
                pos = _block(doc, anchor)[1]
            elif staying:
                pos = _block(doc, staying[0])[0]
            elif target.items:
                pos = _block(doc, target.items[0])[0]
            else:
                pos = _end(text, target.container.span.end_index)
                if not text[:pos].endswith("\n"):
                    block = "\n" + block
                indent = " " * (target.container.span.column - 1)
                header = f"{indent}{target.name}:\n"
                # one header for every item arriving at an empty list
                if not any(header in b for b in inserts.get(pos, [])):
                    block = header + block
            inserts.setdefault(pos, []).append(block)
    for pos, blocks in inserts.items():
        # at one place, what belongs inside the item above (deeper) comes first
        blocks.sort(key=lambda b: -(len(b.lstrip("\n")) - len(b.lstrip("\n").lstrip(" "))))
        edits.append(Edit(pos, pos, "".join(blocks)))
    new_text, _applied = apply_edits(text, edits)
    return new_text


def _layout(doc: Document, target: _Target) -> tuple[int, int]:
    """The columns (0-based) of the dash and of the keys of the list's items."""
    if target.items:
        first = target.items[0]
        dash = _block(doc, first)[2]
        return dash, first.span.column - 1
    base = target.container.span.column - 1 + 2
    return base, base + 2


def _anchor(above: Sequence[SheetRow], staying: list[Behavior | Example]) -> Node | None:
    """The last staying member of the list among the rows above, if any."""
    keys = {m.key: m for m in staying}
    for row in reversed(above):
        ident = row["Id"].strip()
        if ident.endswith("#text") and ident[: -len("#text")] in keys:
            return keys[ident[: -len("#text")]]
    return None


# --- the command ------------------------------------------------------------------------


def import_into(data: WorkbookData, doc: Document) -> Outcome:
    """Apply the workbook to the framework of ``doc`` in memory."""
    p = plan(data, doc)
    if p.problems:
        raise ImportError_(p.problems)
    counts: Counter[str] = Counter()
    notes: list[str] = []
    current = doc
    if p.texts:
        current = _apply_texts(doc, {i: t for i, (_row, t) in p.texts.items()})
        counts["text changed"] += len(p.texts)
    new_text = current.source.text
    if p.deletes or p.moves or p.adds:
        # the structure is planned again on the edited text, where the ids are the same
        new_text = _apply_structure(current, p, counts, notes)
        after = _reload(doc.source, new_text)
        _verify(after, p)
    return Outcome(doc.source, new_text, p.conflicts, counts, notes)


def _verify(after: Document, p: Plan) -> None:
    """The edited framework has what the workbook asked for, or nothing is written."""
    keys = {n.key for n in after.framework.nodes()}
    gone = [k for k in p.deletes if k in keys and not any(k == key for _r, key in p.moves)]
    texts = [f.value for f in after.texts]
    missing = [row["Text"] for row in p.adds if row["Text"] not in texts]
    if gone or missing:
        raise ImportError_(
            [
                f"{after.file}: the edited framework does not have what the workbook asks "
                "for; nothing was written"
            ]
        )


def _fail(lines: Sequence[str], status: int) -> NoReturn:
    for line in lines:
        click.echo(f"pdp-lint: {line}", err=True)
    sys.exit(status)


def _find(data: WorkbookData, paths: list[Path], settings: Settings) -> Document:
    loaded, _errors = api.load_paths(paths, settings)
    for item in loaded:
        fw = item.framework
        if fw is not None and fw.id == data.framework and item.source is not None:
            return Document(fw, item.source)
    where = ", ".join(p.as_posix() for p in paths)
    broken = [i.file.as_posix() for i in loaded if i.framework is None]
    hint = f" ({', '.join(broken)} do not load: fix them first)" if broken else ""
    _fail(
        [
            f"{data.path.as_posix()}: the workbook is of framework {data.framework!r} "
            f"(exported from {data.file or 'an unknown file'}), which is not in {where}"
            f"{hint}; name the folder or file it is in"
        ],
        EXIT_USAGE,
    )


def _new_errors(doc: Document, new_text: str, settings: Settings) -> list[str]:
    """Lint errors the edited text has that the file on disk has not."""
    path = doc.source.path
    before = api.check([path], settings)
    after = api.check([path], settings, texts={path: new_text})

    def errors(problems: Sequence[Problem]) -> Counter[tuple[str, str]]:
        return Counter((p.code, p.message) for p in problems if p.severity is Severity.ERROR)

    old = errors(before.report.problems)
    out = []
    for problem in after.report.problems:
        key = (problem.code, problem.message)
        if problem.severity is Severity.ERROR and old[key] <= 0:
            out.append(f"{problem.file}:{problem.line}:{problem.column}: {problem.code} {key[1]}")
        elif problem.severity is Severity.ERROR:
            old[key] -= 1
    return out


def _diff(outcome: Outcome) -> str:
    import difflib

    name = outcome.source.display
    return "".join(
        difflib.unified_diff(
            outcome.source.text.splitlines(keepends=True),
            outcome.new_text.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
    )


def _summary(counts: Counter[str]) -> str:
    order = [
        "text changed",
        "behavior added",
        "example added",
        "behavior moved",
        "example moved",
        "behavior removed",
        "example removed",
    ]
    parts = []
    for key in order:
        n = counts.get(key, 0)
        if n:
            noun, verb = key.split(" ")
            parts.append(f"{n} {noun}{'s' if n != 1 else ''} {verb}")
    return ", ".join(parts)


def _show_conflict(c: Conflict) -> list[str]:
    head = f"{c.where}: conflict: {c.id} was {c.reason}; the YAML is kept"
    lines = [head]
    if c.workbook:
        lines.append(f"    workbook: {c.workbook}")
    if c.yaml:
        lines.append(f"    yaml (line {c.line}): {c.yaml}")
    return lines


@click.command("import")
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--diff", is_flag=True, help="Show the change as a diff and write nothing.")
@click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Configuration file [default: nearest pdp-lint.toml or pyproject.toml].",
)
def import_command(
    workbook: Path, paths: tuple[Path, ...], diff: bool, config: Path | None
) -> None:
    """Apply the edits made in WORKBOOK (from `export --format xlsx`) to its framework.

    The framework is found by its id among PATHS (default: frameworks/). Changed texts
    are edited in place, new rows become new behaviors or examples, deleted rows remove
    theirs, rows moved to another role or competency move. A text changed in the YAML
    since the export is a conflict, reported and kept (exit 1). A bad workbook changes
    nothing (exit 2).
    """
    from pdp_lint.atomic import write_bytes_atomic
    from pdp_lint.engine.config import ConfigError, load_settings
    from pdp_lint.engine.discovery import default_paths

    targets = default_paths(paths)
    try:
        first = targets[0]
        settings = load_settings(config, start=first if first.is_dir() else first.parent)
    except ConfigError as exc:
        _fail([str(exc)], EXIT_USAGE)
    try:
        data = read_workbook(workbook)
    except WorkbookError as exc:
        _fail(exc.lines, EXIT_USAGE)
    doc = _find(data, targets, settings)
    try:
        outcome = import_into(data, doc)
    except ImportError_ as exc:
        _fail([f"{workbook.as_posix()}: {line}" for line in exc.lines], EXIT_USAGE)
    name = doc.source.display
    for conflict in outcome.conflicts:
        for line in _show_conflict(conflict):
            click.echo(f"{workbook.as_posix()} {line}" if not line.startswith(" ") else line)
    if outcome.changed:
        errors = _new_errors(doc, outcome.new_text, settings)
        if errors:
            _fail(
                [
                    f"{name}: the imported edits would give the framework lint errors; "
                    "nothing was written:",
                    *errors,
                ],
                EXIT_CONFLICT,
            )
        if diff:
            click.echo(_diff(outcome), nl=False)
        else:
            write_bytes_atomic(doc.source.path, doc.source.encode(outcome.new_text))
        for note in outcome.notes:
            click.echo(f"{workbook.as_posix()} {note}")
        verb = "would change" if diff else "changed"
        click.echo(f"{name}: {verb}: {_summary(outcome.counts)}")
    elif not outcome.conflicts:
        click.echo(f"{name}: nothing to import: the workbook matches the framework")
    if outcome.conflicts:
        n = len(outcome.conflicts)
        _fail(
            [
                f"{n} conflict{'s' if n != 1 else ''} kept the YAML's text; edit them in the "
                "YAML, or export the workbook again"
            ],
            EXIT_CONFLICT,
        )
