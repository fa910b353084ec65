"""`pdp-lint server` reads its configuration and vocabulary again when they change."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.lspclient import Session

pytestmark = pytest.mark.asyncio

LARGEST = "frameworks/cx-pdp.yaml"


async def _open_misspelt(lsp: Session, project: Path) -> str:
    path = project / LARGEST
    uri = lsp.open(path, path.read_text("utf-8").replace("Utilises a range", "Utilises a rnage"))
    assert [d.code for d in await lsp.diagnostics(uri)] == ["SP01"]
    return uri


async def test_the_server_asks_to_watch_configuration_files(lsp: Session, project: Path) -> None:
    await lsp.until(lambda: bool(lsp.registrations))
    (registration,) = lsp.registrations
    assert registration.method == "workspace/didChangeWatchedFiles"
    options = registration.register_options
    assert isinstance(options, dict)
    patterns = [w["globPattern"] for w in options["watchers"]]
    assert "**/pdp-lint.toml" in patterns


async def test_configuration_change_is_read_again(lsp: Session, project: Path) -> None:
    uri = await _open_misspelt(lsp, project)
    config = project / "pdp-lint.toml"
    config.write_text(config.read_text("utf-8") + 'ignore = ["SP01"]\n', "utf-8")
    lsp.forget(uri)
    lsp.files_changed(config)
    assert await lsp.diagnostics(uri) == []
    # and back, this time told by a save in the editor
    config.write_text('vocabulary = ["vocabulary.txt"]\n', "utf-8")
    lsp.forget(uri)
    lsp.save(lsp.uri(config))
    assert [d.code for d in await lsp.diagnostics(uri)] == ["SP01"]


async def test_vocabulary_change_is_read_again(lsp: Session, project: Path) -> None:
    uri = await _open_misspelt(lsp, project)
    vocabulary = project / "vocabulary.txt"
    vocabulary.write_text(vocabulary.read_text("utf-8") + "rnage\n", "utf-8")
    lsp.forget(uri)
    lsp.files_changed(vocabulary)
    assert await lsp.diagnostics(uri) == []


async def test_a_bad_configuration_is_one_diagnostic_on_its_file(
    lsp: Session, project: Path
) -> None:
    uri = await _open_misspelt(lsp, project)
    config = project / "pdp-lint.toml"
    config_uri = lsp.uri(config)
    good = config.read_text("utf-8")
    config.write_text(good + 'ignore = ["SP01"]\nselect = ["NO99"]\n', "utf-8")
    lsp.forget(uri)
    lsp.files_changed(config)
    await lsp.until(lambda: bool(lsp.published.get(config_uri, (0, []))[1]))
    (problem,) = lsp.published[config_uri][1]
    assert problem.range.start.line == 2
    assert "unknown rule `NO99`" in problem.message
    assert problem.severity == 1
    # the buffer is still checked, with the last good configuration
    assert [d.code for d in await lsp.diagnostics(uri)] == ["SP01"]
    # broken TOML: the line tomllib names
    config.write_text(good + "select = [\n", "utf-8")
    lsp.files_changed(config)
    await lsp.until(
        lambda: "invalid TOML" in "".join(d.message for d in lsp.published[config_uri][1])
    )
    # put right: the diagnostic goes
    config.write_text(good, "utf-8")
    lsp.files_changed(config)
    await lsp.until(lambda: lsp.published[config_uri][1] == [])
    assert [d.code for d in await lsp.diagnostics(uri)] == ["SP01"]
