"""Each code action of `pdp-lint server`, applied as an editor applies it, then the
result checked again."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from lsprotocol import types

from benchmarks.lspclient import Session
from pdp_lint.server.positions import Lines
from tests.server.expected import in_process_check, keys
from tests.server.forkserver import server_command

pytestmark = pytest.mark.asyncio

LARGEST = "frameworks/cx-pdp.yaml"


def apply(text: str, edit: types.WorkspaceEdit, uri: str) -> str:
    """Apply a workspace edit to one buffer, as an editor would."""
    assert edit.document_changes, edit
    edits: list[types.TextEdit] = []
    for change in edit.document_changes:
        assert isinstance(change, types.TextDocumentEdit)
        assert change.text_document.uri == uri
        edits.extend(e for e in change.edits if isinstance(e, types.TextEdit))
    lines = Lines(text)
    spans = sorted(
        ((lines.offset(e.range.start), lines.offset(e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


async def actions_for(
    lsp: Session, uri: str, diagnostic: types.Diagnostic, only: list[str] | None = None
) -> list[types.CodeAction]:
    result = await lsp.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=only),
        )
    )
    out: list[types.CodeAction] = []
    for item in result or []:
        if isinstance(item, types.Command) and item.command.startswith("{"):
            # pygls's client reads a code action that carries a command (and no edit)
            # as a Command whose `command` is the action's command, printed: read back
            command = ast.literal_eval(item.command)
            item = types.CodeAction(title=item.title, command=types.Command(**command))
        assert isinstance(item, types.CodeAction), item
        out.append(item)
    return out


async def open_with(lsp: Session, project: Path, old: str, new: str) -> tuple[str, Path]:
    path = project / LARGEST
    text = path.read_text("utf-8")
    assert old in text
    uri = lsp.open(path, text.replace(old, new, 1))
    await lsp.diagnostics(uri)
    return uri, path


async def recheck(lsp: Session, uri: str, path: Path, text: str) -> list[types.Diagnostic]:
    """Send the edited text; its diagnostics must be what `check` says about it."""
    found = await lsp.diagnostics(uri, lsp.replace(uri, text))
    assert keys(found) == in_process_check(path, text)
    return found


def _one(lsp: Session, uri: str, code: str) -> types.Diagnostic:
    found = [d for d in lsp.published[uri][1] if d.code == code]
    assert len(found) == 1, lsp.published[uri][1]
    return found[0]


async def test_safe_fix_is_preferred_and_repairs_the_problem(lsp: Session, project: Path) -> None:
    uri, path = await open_with(lsp, project, "This framework sets", "This framework  sets")
    diagnostic = _one(lsp, uri, "TX02")
    fixes = [a for a in await actions_for(lsp, uri, diagnostic) if a.title.startswith("Fix")]
    assert len(fixes) == 1
    assert fixes[0].is_preferred and "unsafe" not in fixes[0].title
    assert fixes[0].edit is not None
    fixed = apply(lsp.texts[uri], fixes[0].edit, uri)
    assert "This framework sets" in fixed
    assert await recheck(lsp, uri, path, fixed) == []


async def test_unsafe_fix_is_labelled_and_applies(lsp: Session, project: Path) -> None:
    uri, path = await open_with(lsp, project, "This framework sets", "This framework sets color,")
    diagnostic = _one(lsp, uri, "SP02")
    fixes = [a for a in await actions_for(lsp, uri, diagnostic) if a.title.startswith("Fix")]
    assert len(fixes) == 1
    assert "unsafe" in fixes[0].title and not fixes[0].is_preferred
    assert fixes[0].edit is not None
    fixed = apply(lsp.texts[uri], fixes[0].edit, uri)
    assert "This framework sets colour," in fixed
    assert await recheck(lsp, uri, path, fixed) == []


async def test_fix_all_applies_every_safe_fix_and_no_unsafe_one(
    lsp: Session, project: Path
) -> None:
    path = project / LARGEST
    text = path.read_text("utf-8")
    text = text.replace("This framework sets", "This  framework  sets color,", 1)
    text = text.replace("what each role is", "what each  role is", 1)
    uri = lsp.open(path, text)
    found = await lsp.diagnostics(uri)
    assert sorted(str(d.code) for d in found) == ["SP02", "TX02", "TX02", "TX02"]
    actions = await actions_for(lsp, uri, found[0], only=[types.CodeActionKind.SourceFixAll])
    assert [a.kind for a in actions] == ["source.fixAll.pdp-lint"]
    assert actions[0].edit is not None
    fixed = apply(text, actions[0].edit, uri)
    left = await recheck(lsp, uri, path, fixed)
    assert [d.code for d in left] == ["SP02"]
    assert "This framework sets color," in fixed and "what each role is" in fixed


async def _suppress(lsp: Session, uri: str, path: Path, code: str) -> str:
    diagnostic = _one(lsp, uri, code)
    suppress = [a for a in await actions_for(lsp, uri, diagnostic) if "Suppress" in a.title]
    assert len(suppress) == 1
    assert suppress[0].edit is not None
    suppressed = apply(lsp.texts[uri], suppress[0].edit, uri)
    assert f"# pdp-lint: disable={code} <reason>" in suppressed
    # suppressed, and the suppression is used (no LN01)
    assert await recheck(lsp, uri, path, suppressed) == []
    return suppressed


async def test_suppress_on_the_line_with_a_reason_placeholder(lsp: Session, project: Path) -> None:
    uri, path = await open_with(lsp, project, "Utilises a range", "Utilises a rnage")
    suppressed = await _suppress(lsp, uri, path, "SP01")
    line = next(line for line in suppressed.splitlines() if "rnage" in line)
    assert line.endswith("  # pdp-lint: disable=SP01 <reason>")


async def test_suppress_in_a_text_over_several_lines_goes_above_it(
    lsp: Session, project: Path
) -> None:
    path = project / LARGEST
    text = path.read_text("utf-8")
    head, definition = next(
        line.split("definition: ", 1)
        for line in text.splitlines()
        if line.strip().startswith("definition: Utilises a range")
    )
    folded = f"{head}definition: >-\n{head}  Utilises a range of\n{head}  {definition[20:]}"
    folded = folded.replace("channels", "chanels", 1)
    text = text.replace(f"{head}definition: {definition}", folded, 1)
    uri = lsp.open(path, text)
    await lsp.diagnostics(uri)
    suppressed = await _suppress(lsp, uri, path, "SP01")
    lines = suppressed.splitlines()
    at = lines.index(f"{head}# pdp-lint: disable=SP01 <reason>")
    assert lines[at + 1] == f"{head}definition: >-"


async def test_add_a_word_to_the_vocabulary(lsp: Session, project: Path) -> None:
    uri, _ = await open_with(lsp, project, "Utilises a range", "Utilises a zorbification")
    diagnostic = _one(lsp, uri, "SP01")
    add = [a for a in await actions_for(lsp, uri, diagnostic) if "vocabulary" in a.title]
    assert len(add) == 1 and add[0].command is not None
    assert add[0].title == "Add `zorbification` to the vocabulary (vocabulary.txt)"
    version = lsp.versions[uri]
    lsp.forget(uri)
    done = await lsp.client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=add[0].command.command, arguments=add[0].command.arguments
        )
    )
    assert done is True
    assert await lsp.diagnostics(uri, version) == []
    vocabulary = (project / "vocabulary.txt").read_text("utf-8").splitlines()
    assert vocabulary[-1] == "zorbification"
    assert (
        vocabulary[:-1]
        == (Path(__file__).parents[2] / "vocabulary.txt").read_text("utf-8").splitlines()
    )


async def test_fix_all_is_worked_out_when_chosen_by_clients_that_resolve(
    project: Path, tmp_path: Path
) -> None:
    """Editors ask for code actions at every cursor move: a client that can resolve
    them gets the fix-all action without its edit, and the edit when it is chosen."""
    lsp = Session(
        project, env={"XDG_CACHE_HOME": str(tmp_path / "cache")}, command=server_command()
    )
    await lsp.start({"debounce": 50}, resolve_edits=True)
    try:
        path = project / LARGEST
        text = path.read_text("utf-8").replace("This framework sets", "This  page contains", 1)
        uri = lsp.open(path, text)
        (diagnostic,) = await lsp.diagnostics(uri)
        (action,) = await actions_for(lsp, uri, diagnostic, only=["source.fixAll"])
        assert action.edit is None and action.kind == "source.fixAll.pdp-lint"
        resolved = await lsp.client.code_action_resolve_async(action)
        assert resolved.edit is not None
        fixed = apply(text, resolved.edit, uri)
        assert await recheck(lsp, uri, path, fixed) == []
    finally:
        await lsp.stop()
    assert not lsp.errors()


async def test_no_suppression_is_offered_for_what_comments_cannot_suppress(
    lsp: Session, project: Path
) -> None:
    """Syntax and schema findings come from loading, before suppressions apply; an
    unused suppression (LN01) is removed, not suppressed."""
    uri, _ = await open_with(lsp, project, "title: CX PDP", "title: [CX PDP")
    diagnostic = _one(lsp, uri, "SY01")
    assert not [a for a in await actions_for(lsp, uri, diagnostic) if "Suppress" in a.title]
    path = project / LARGEST
    text = path.read_text("utf-8").replace(
        "title: CX PDP", "title: CX PDP  # pdp-lint: disable=SP01 nothing to suppress", 1
    )
    await lsp.diagnostics(uri, lsp.replace(uri, text))
    diagnostic = _one(lsp, uri, "LN01")
    assert not [a for a in await actions_for(lsp, uri, diagnostic) if "Suppress" in a.title]
