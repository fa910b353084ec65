"""A changelog as text (the terminal), Markdown (release notes, pull requests, the
GitHub job summary) and JSON (version 1, for programs).

Text and Markdown say nothing when nothing changed; JSON always writes its document,
with an empty ``frameworks`` list then, so a program can read it either way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import msgspec

from pdp_lint.changes.records import (
    ADDED,
    CHANGED,
    KINDS,
    MOVED,
    REMOVED,
    RENAMED,
    REWORDED,
    Change,
    Changelog,
    FrameworkChanges,
)
from pdp_lint.changes.worddiff import DELETE, EQUAL, INSERT, Segment, plain

#: the version of the JSON document; it changes only when a field changes meaning or goes
JSON_VERSION = 1

#: headings of the things that have no place of their own
_TOP = "Framework"


def subject_label(subject: str) -> str:
    """How people call a subject: ``builds-on`` -> ``builds on``."""
    return subject.replace("-", " ")


#: things named by a title rather than by a text (their ``old``/``new`` are titles)
_TITLED = frozenset(
    {"framework", "role", "competency", "track", "section", "profile", "guidance-section"}
)


def groups(fw: FrameworkChanges) -> Iterator[tuple[str, list[Change]]]:
    """The changes under their headings (role and competency, or competency and level), in order."""
    current: str | None = None
    bucket: list[Change] = []
    for change in fw.changes:
        heading = change.where or _TOP
        if heading != current and bucket:
            yield current or _TOP, bucket
            bucket = []
        current = heading
        bucket.append(change)
    if bucket:
        yield current or _TOP, bucket


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def tally(fw: FrameworkChanges) -> str:
    """``5 changes: 2 added, 1 removed, 2 reworded``."""
    counts = fw.counts()
    parts = [f"{n} {kind}" for kind, n in counts.items() if n]
    total = plural(len(fw.changes), "change")
    return f"{total}: {', '.join(parts)}" if parts else total


def version_text(fw: FrameworkChanges) -> str:
    if fw.status == ADDED:
        return f"new, version {fw.new_version}"
    if fw.status == REMOVED:
        return f"removed (was version {fw.old_version})"
    if fw.old_version == fw.new_version:
        return f"version {fw.new_version} (unchanged)"
    return f"version {fw.old_version} → {fw.new_version}"


# --- text ----------------------------------------------------------------------------


def _headline(c: Change, code: Callable[[str], str]) -> str:
    """What happened, without the text: ``reworded behavior `x` (id was `y`)``."""
    subject = subject_label(c.subject)
    ident = code(c.id)
    if c.kind == RENAMED and c.subject not in _TITLED and c.old_id:
        return f"renamed {subject} {code(c.old_id)} → {ident}"
    head = f"{c.kind} {subject} {ident}"
    if c.old_id and c.kind != RENAMED:
        head += f" (id was {code(c.old_id)})"
    elif c.old_id:
        head += f" (was {code(c.old_id)})"
    if c.kind == MOVED:
        head += f" from {c.old_where or _TOP}"
        if c.subject == "role":
            head += f" to {c.where}"
    return head


def _style(text: str, color: bool, **style: Any) -> str:
    if not color:
        return text
    import click

    return click.style(text, **style)


def _text_diff(segments: tuple[Segment, ...], color: bool) -> str:
    if not color:
        return plain(segments)
    styles: dict[str, dict[str, Any]] = {
        DELETE: {"fg": "red", "strikethrough": True},
        INSERT: {"fg": "green", "underline": True},
    }
    marks = {EQUAL: ("", ""), DELETE: ("[-", "-]"), INSERT: ("{+", "+}")}
    return "".join(
        _style(f"{marks[s.op][0]}{s.text}{marks[s.op][1]}", s.op != EQUAL, **styles.get(s.op, {}))
        for s in segments
    )


def _text_line(c: Change, color: bool = False) -> str:
    head = _headline(c, lambda s: s)
    if c.kind == RENAMED and c.subject in _TITLED and c.old != c.new:
        body = f"{c.old} → {c.new}"
    elif c.reworded:
        body = _text_diff(c.diff, color)
    else:
        body = c.text
    body = one_line(body)
    return f"{head}: {body}" if body else head


def _limited(fw: FrameworkChanges, limit: int | None) -> tuple[FrameworkChanges, int]:
    """``fw`` with at most ``limit`` changes, and how many were left out."""
    if limit is None or len(fw.changes) <= limit:
        return fw, 0
    return msgspec.structs.replace(fw, changes=fw.changes[:limit]), len(fw.changes) - limit


def _more(count: int) -> str:
    return f"… and {plural(count, 'more change')} (the whole list: `pdp-lint changes`)"


def render_text(log: Changelog, color: bool = False, limit: int | None = None) -> str:
    if log.empty:
        return ""
    out: list[str] = []
    for fw in log.frameworks:
        head = f"{fw.file}: {fw.title} ({fw.id}), {version_text(fw)}"
        out.append(_style(head, color, bold=True))
        if fw.status != CHANGED:
            continue
        shown, hidden = _limited(fw, limit)
        for heading, changes in groups(shown):
            out.append(f"  {_style(heading, color, bold=True)}")
            for c in changes:
                where = f"line {c.line}" if c.kind != REMOVED else f"line {c.line} in {log.base}"
                out.append(f"    {_text_line(c, color)} ({where})")
        if hidden:
            out.append(f"  {_more(hidden)}")
        out.append(f"  {tally(fw)}")
    return "\n".join(out) + "\n"


# --- Markdown ------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
#: what ends a line in Markdown or a terminal: a text's line breaks are shown as " / "
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` on one line, each of its line breaks (CR, LF, CRLF, ...) as " / "."""
    return _LINE_BREAKS.sub(" / ", text)


def md_escape(text: str) -> str:
    """``text`` shown literally by GitHub-flavoured Markdown (``&amp;`` stays as typed),
    on one line."""
    return one_line(_MD_SPECIAL.sub(r"\\\1", text))


def md_code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_mark(text: str, mark: str) -> str:
    """``text`` between ``mark``s, with its outer spaces outside them (or it would not render)."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{md_escape(core)}{mark}{trail}"


def md_diff(segments: tuple[Segment, ...]) -> str:
    """A rewording in Markdown: deleted words struck through, inserted words in bold."""
    marks = {DELETE: "~~", INSERT: "**"}
    return "".join(
        md_escape(s.text) if s.op == EQUAL else _md_mark(s.text, marks[s.op]) for s in segments
    )


def _md_line(c: Change) -> str:
    head = _headline(c, md_code)
    head = f"**{head[:1].upper()}{head[1 : len(c.kind)]}**{head[len(c.kind) :]}"
    if c.kind == RENAMED and c.subject in _TITLED and c.old != c.new:
        body = f"{md_escape(c.old or '')} → {md_escape(c.new or '')}"
    elif c.reworded:
        body = md_diff(c.diff)
    else:
        body = md_escape(c.text)
    return f"- {head}: {body}" if body else f"- {head}"


def render_markdown(log: Changelog, color: bool = False, limit: int | None = None) -> str:
    if log.empty:
        return ""
    out = [f"## Framework changes: {md_escape(log.base)} → {md_escape(log.head)}", ""]
    for fw in log.frameworks:
        out.append(f"### {md_escape(fw.title)} ({md_code(fw.id)})")
        out.append("")
        status = version_text(fw)
        line = f"{md_code(fw.file)}: {status}"
        if fw.status == CHANGED:
            line += f"; {tally(fw)}"
            if fw.breaking:
                line += " (removes expectations)"
        out.append(line)
        out.append("")
        if fw.status != CHANGED:
            continue
        shown, hidden = _limited(fw, limit)
        for heading, changes in groups(shown):
            out.append(f"#### {md_escape(heading)}")
            out.append("")
            out.extend(_md_line(c) for c in changes)
            out.append("")
        if hidden:
            out.append(_more(hidden))  # no user text in it: nothing to escape
            out.append("")
    return "\n".join(out)


# --- JSON ----------------------------------------------------------------------------


def change_json(c: Change) -> dict[str, object]:
    def place(p: object) -> dict[str, object] | None:
        if p is None:
            return None
        fields = ("track", "role", "competency", "level", "behavior", "profile", "guidance")
        return {f: getattr(p, f) for f in fields}

    return {
        "kind": c.kind,
        "subject": c.subject,
        "id": c.id,
        "old_id": c.old_id,
        "place": place(c.place),
        "where": c.where,
        "old_place": place(c.old_place),
        "old_where": c.old_where,
        "old": c.old,
        "new": c.new,
        "diff": [{"op": s.op, "text": s.text} for s in c.diff],
        "line": c.line,
        "breaking": c.breaking,
    }


def render_json(log: Changelog, color: bool = False, limit: int | None = None) -> str:
    """Every change, always: ``color`` and ``limit`` are for people, not programs."""
    totals = dict.fromkeys(KINDS, 0)
    for fw in log.frameworks:
        for kind, n in fw.counts().items():
            totals[kind] += n
    doc = {
        "version": JSON_VERSION,
        "base": log.base,
        "head": log.head,
        "frameworks": [
            {
                "id": fw.id,
                "title": fw.title,
                "status": fw.status,
                "file": fw.file,
                "old_file": fw.old_file,
                "old_version": fw.old_version,
                "new_version": fw.new_version,
                "version_line": fw.version_line,
                "breaking": fw.breaking,
                "counts": fw.counts(),
                "changes": [change_json(c) for c in fw.changes],
            }
            for fw in log.frameworks
        ],
        "summary": {
            "frameworks": len(log.frameworks),
            "changes": sum(totals.values()),
            **totals,
        },
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


class Renderer(Protocol):
    def __call__(self, log: Changelog, color: bool = False, limit: int | None = None) -> str: ...


#: the output formats of ``pdp-lint changes``, by name
RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}

__all__ = ["RENDERERS", "REWORDED", "groups", "md_diff", "subject_label", "tally"]
