"""Hover, go to definition, completion and the outline of `pdp-lint server`."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from benchmarks.lspclient import Session

pytestmark = pytest.mark.asyncio

LARGEST = "frameworks/cx-pdp.yaml"


def _find(text: str, needle: str, after: str = "") -> types.Position:
    """The position of the first ``needle`` after the first ``after``."""
    start = text.index(after) if after else 0
    offset = text.index(needle, start)
    line = text.count("\n", 0, offset)
    return types.Position(line=line, character=offset - (text.rfind("\n", 0, offset) + 1))


def _doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def test_hover_on_a_finding_explains_the_rule(lsp: Session, project: Path) -> None:
    path = project / LARGEST
    uri = lsp.open(path, path.read_text("utf-8").replace("Utilises a range", "Utilises a rnage"))
    (diagnostic,) = await lsp.diagnostics(uri)
    hover = await lsp.client.text_document_hover_async(
        types.HoverParams(text_document=_doc(uri), position=diagnostic.range.start)
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert text.startswith("**SP01** `spelling.misspelled`: `rnage` is not a word")
    assert "**What it does**" in text and "**Why is this bad?**" in text
    assert "#sp01-spellingmisspelled)" in text


async def test_hover_on_a_competency_reference_shows_name_and_definition(
    lsp: Session, project: Path
) -> None:
    path = project / LARGEST
    text = path.read_text("utf-8")
    uri = lsp.open(path)
    await lsp.diagnostics(uri)
    at = _find(text, "communication", after="tracks:")
    at.character += 3  # inside the id
    hover = await lsp.client.text_document_hover_async(
        types.HoverParams(text_document=_doc(uri), position=at)
    )
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value.startswith("**Communication** (competency `communication`)")
    assert "Utilises a range of communication channels" in hover.contents.value
    # and nothing on plain prose
    prose = _find(text, "sets out the roles")
    assert (
        await lsp.client.text_document_hover_async(
            types.HoverParams(text_document=_doc(uri), position=prose)
        )
        is None
    )


async def test_definition_of_a_competency_and_a_builds_on_reference(
    lsp: Session, project: Path
) -> None:
    path = project / LARGEST
    text = path.read_text("utf-8")
    uri = lsp.open(path)
    await lsp.diagnostics(uri)
    reference = _find(text, "competency: customer-focus")
    reference.character += len("competency: ") + 2
    location = await lsp.client.text_document_definition_async(
        types.DefinitionParams(text_document=_doc(uri), position=reference)
    )
    assert isinstance(location, types.Location)
    assert location.uri == uri
    assert location.range.start == _find(text, "customer-focus", after="competencies:")
    builds_on = next(line for line in text.splitlines() if "builds_on: " in line)
    role = builds_on.split("builds_on: ")[1].strip()
    at = _find(text, f"builds_on: {role}")
    at.character += len("builds_on: ") + 1
    location = await lsp.client.text_document_definition_async(
        types.DefinitionParams(text_document=_doc(uri), position=at)
    )
    assert isinstance(location, types.Location)
    defined = _find(text, f"id: {role}")
    defined.character += len("id: ")
    assert location.range.start == defined


async def test_completion_of_competency_and_role_ids(lsp: Session, project: Path) -> None:
    path = project / LARGEST
    text = path.read_text("utf-8")
    uri = lsp.open(path)
    await lsp.diagnostics(uri)
    line = next(i for i, t in enumerate(text.splitlines()) if "competency: knowledge" in t)
    original = text.splitlines()[line]
    typed = original.replace("competency: knowledge", "competency: kno")
    lines = text.splitlines()
    lines[line] = typed
    edited = "\n".join(lines) + "\n"
    await lsp.diagnostics(uri, lsp.replace(uri, edited))
    result = await lsp.client.text_document_completion_async(
        types.CompletionParams(
            text_document=_doc(uri), position=types.Position(line=line, character=len(typed))
        )
    )
    assert isinstance(result, types.CompletionList)
    labels = [item.label for item in result.items]
    assert labels[:5] == [
        "communication",
        "ownership-and-impact",
        "knowledge",
        "teamwork-and-collaboration",
        "customer-focus",
    ]
    knowledge = result.items[2]
    assert knowledge.detail == "Knowledge"
    assert isinstance(knowledge.text_edit, types.TextEdit)
    assert knowledge.text_edit.range.start.character == typed.index("kno")
    # builds_on completes roles
    lines[line] = original
    role_line = next(i for i, t in enumerate(lines) if "builds_on: " in t)
    lines[role_line] = lines[role_line].split("builds_on: ")[0] + "builds_on: "
    await lsp.diagnostics(uri, lsp.replace(uri, "\n".join(lines) + "\n"))
    result = await lsp.client.text_document_completion_async(
        types.CompletionParams(
            text_document=_doc(uri),
            position=types.Position(line=role_line, character=len(lines[role_line])),
        )
    )
    assert isinstance(result, types.CompletionList)
    assert "customer-experience-advocate" in [item.label for item in result.items]
    # prose gets nothing
    assert (
        await lsp.client.text_document_completion_async(
            types.CompletionParams(text_document=_doc(uri), position=_find(text, "sets out the"))
        )
        is None
    )


async def test_outline_lists_tracks_roles_and_sections(lsp: Session, project: Path) -> None:
    path = project / LARGEST
    uri = lsp.open(path)
    await lsp.diagnostics(uri)
    symbols = await lsp.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=_doc(uri))
    )
    assert symbols is not None
    top = [s for s in symbols if isinstance(s, types.DocumentSymbol)]
    assert [s.name for s in top][:2] == ["competencies", "Professional Path"]
    track = top[1]
    role = track.children[0] if track.children else None
    assert role is not None and role.name == "Customer Experience Advocate"
    assert role.children and role.children[0].name == "Communication"
    assert role.children[0].detail == "communication"
