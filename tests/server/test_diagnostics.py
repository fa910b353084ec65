"""Diagnostics of `pdp-lint server` are what `pdp-lint check` reports, while typing."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types

from benchmarks.lspclient import Session
from tests.server.expected import cli_check, keys

pytestmark = pytest.mark.asyncio

LARGEST = "frameworks/cx-pdp.yaml"


def _misspell(text: str) -> str:
    return text.replace("Utilises a range", "Utilises a rnage", 1)


async def test_clean_framework_has_no_diagnostics(lsp: Session, project: Path) -> None:
    uri = lsp.open(project / LARGEST)
    assert await lsp.diagnostics(uri) == []


async def test_diagnostics_are_what_check_reports_for_the_same_text(
    lsp: Session, project: Path
) -> None:
    path = project / LARGEST
    text = _misspell(path.read_text("utf-8"))
    # more rules speak: another misspelling, a doubled space, a US spelling
    text = text.replace("This framework sets", "Teh framework  sets the color", 1)
    uri = lsp.open(path, text)
    diagnostics = await lsp.diagnostics(uri)
    path.write_text(text, "utf-8")
    assert keys(diagnostics) == cli_check(path, project)
    codes = {d.code for d in diagnostics}
    assert "SP01" in codes
    spelling = next(d for d in diagnostics if d.code == "SP01")
    assert spelling.source == "pdp-lint"
    assert spelling.data["name"] == "spelling.misspelled"
    assert spelling.code_description is not None
    href = spelling.code_description.href
    assert href.endswith("#sp01-spellingmisspelled")
    page = Path(href.removeprefix("file://").split("#")[0])
    assert "## SP01 spelling.misspelled" in page.read_text("utf-8")


async def test_a_change_is_checked_after_the_debounce(lsp: Session, project: Path) -> None:
    path = project / LARGEST
    uri = lsp.open(path)
    assert await lsp.diagnostics(uri) == []
    version = lsp.replace(uri, _misspell(lsp.texts[uri]))
    found = await lsp.diagnostics(uri, version)
    assert [d.code for d in found] == ["SP01"]
    assert found[0].range.start.line == lsp.texts[uri].split("\n").index(
        next(line for line in lsp.texts[uri].split("\n") if "rnage" in line)
    )
    version = lsp.replace(uri, path.read_text("utf-8"))
    assert await lsp.diagnostics(uri, version) == []


async def test_a_buffer_that_does_not_parse_gets_its_syntax_diagnostic(
    lsp: Session, project: Path
) -> None:
    path = project / LARGEST
    original = path.read_text("utf-8")
    uri = lsp.open(path)
    await lsp.diagnostics(uri)
    broken = lsp.texts[uri].replace("title: CX PDP", "title: [CX PDP", 1)
    found = await lsp.diagnostics(uri, lsp.replace(uri, broken))
    assert [d.code for d in found] == ["SY01"]
    path.write_text(broken, "utf-8")
    assert keys(found) == cli_check(path, project)
    # schema trouble: a required key removed
    no_title = original.replace("title: CX PDP\n", "", 1)
    found = await lsp.diagnostics(uri, lsp.replace(uri, no_title))
    assert {d.code for d in found} == {"SC01"}
    # and the server is still there
    assert await lsp.diagnostics(uri, lsp.replace(uri, original)) == []


async def test_cross_file_rules_see_open_buffers_in_place_of_their_files(
    lsp: Session, project: Path
) -> None:
    """A role summary copied between two open, unsaved buffers is reported as `check`
    reports it once both are saved, whichever of the two buffers was edited."""
    first = project / "frameworks/cx-knowledge-experts.yaml"
    second = project / "frameworks/cx-knowledge-managers.yaml"
    originals = {first: first.read_text("utf-8"), second: second.read_text("utf-8")}
    uris = {first: lsp.open(first), second: lsp.open(second)}
    for uri in uris.values():
        assert await lsp.diagnostics(uri) == []

    def summary_line(text: str) -> str:
        return next(
            line
            for line in text.splitlines()
            if line.strip().startswith("summary: ") and len(line) > 80
        )

    for edited, other in ((second, first), (first, second)):
        source = summary_line(originals[other]).split("summary: ", 1)[1]
        target = summary_line(originals[edited])
        indent = target[: target.index("summary: ")]
        copied = originals[edited].replace(target, f"{indent}summary: {source}", 1)
        lsp.forget(uris[other])
        on_edited = await lsp.diagnostics(uris[edited], lsp.replace(uris[edited], copied))
        on_other = await lsp.diagnostics(uris[other])
        assert [d.code for d in on_edited + on_other] == ["CP01"]
        edited.write_text(copied, "utf-8")
        assert keys(on_edited) == cli_check(edited, project)
        assert keys(on_other) == cli_check(other, project)
        # put it back, on disk and in the buffer
        edited.write_text(originals[edited], "utf-8")
        lsp.forget(uris[other])
        assert (
            await lsp.diagnostics(uris[edited], lsp.replace(uris[edited], originals[edited])) == []
        )
        assert await lsp.diagnostics(uris[other]) == []


async def test_closing_a_buffer_clears_its_diagnostics(lsp: Session, project: Path) -> None:
    path = project / LARGEST
    uri = lsp.open(path, _misspell(path.read_text("utf-8")))
    assert await lsp.diagnostics(uri)
    lsp.client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await lsp.until(lambda: lsp.published[uri][1] == [])


async def test_other_yaml_files_are_left_alone_until_they_become_frameworks(
    lsp: Session, project: Path
) -> None:
    compose = project / "compose.yaml"
    compose.write_text("services:\n  web:\n    image: nginx\n", "utf-8")
    other = lsp.open(compose)
    framework = lsp.open(project / LARGEST)
    # messages are handled in order: had the first been checked, it would be published
    await lsp.diagnostics(framework)
    assert other not in lsp.published
    # typed into a framework: now it is checked, as check would check it
    text = "tracks:\n  - id: x\n"
    found = await lsp.diagnostics(other, lsp.replace(other, text))
    compose.write_text(text, "utf-8")
    assert found and keys(found) == cli_check(compose, project)


async def test_a_framework_changed_on_disk_is_compared_with_again(
    lsp: Session, project: Path
) -> None:
    """Another framework edited outside the editor (a `git pull`): open buffers are
    checked again against its new content."""
    experts = project / "frameworks/cx-knowledge-experts.yaml"
    managers = project / "frameworks/cx-knowledge-managers.yaml"
    uri = lsp.open(managers)
    assert await lsp.diagnostics(uri) == []

    def summary_line(text: str) -> str:
        return next(
            line
            for line in text.splitlines()
            if line.strip().startswith("summary: ") and len(line) > 80
        )

    theirs = experts.read_text("utf-8")
    target = summary_line(theirs)
    copied = summary_line(managers.read_text("utf-8")).split("summary: ", 1)[1]
    indent = target[: target.index("summary: ")]
    experts.write_text(theirs.replace(target, f"{indent}summary: {copied}", 1), "utf-8")
    lsp.forget(uri)
    lsp.files_changed(experts)
    found = await lsp.diagnostics(uri)
    assert [d.code for d in found] == ["CP01"]
    assert keys(found) == cli_check(managers, project)
