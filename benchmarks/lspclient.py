"""A real LSP client session with ``pdp-lint server``, for the tests and the benchmark.

The client is pytest-lsp's (pygls underneath), started on the real server process over
standard input and output. Diagnostics are recorded with the document version they
were computed for, and waiting for them awaits the notification itself (never a sleep),
bounded by a timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

if TYPE_CHECKING:
    from cattrs import Converter
    from pytest_lsp import LanguageClient

#: generous, but a hung server still fails the test instead of the run
TIMEOUT = 60.0


@functools.cache
def shared_converter() -> Converter:
    """One converter for every session of a process: cattrs writes and compiles the
    (un)structuring function of each message type on its first use by a converter, and a
    converter of its own per session made every test pay for that again.

    pygls and pytest-lsp are imported by the first session, not with this module: the
    test suite imports it in every process that collects the server tests, and most of
    them never start a session (see tests/server/__init__.py)."""
    from pygls.protocol import default_converter

    converter: Converter = default_converter()
    return converter


class Session:
    """One server process and the client talking to it, rooted in a folder."""

    def __init__(
        self, root: Path, env: dict[str, str] | None = None, command: list[str] | None = None
    ) -> None:
        self.root = root
        self.env = {**os.environ, **(env or {})}
        #: how the server is started: ``python -m pdp_lint server`` unless told otherwise
        self.command = command or [sys.executable, "-m", "pdp_lint", "server"]
        from pytest_lsp import LanguageClient

        self.client: LanguageClient = LanguageClient(converter_factory=shared_converter)
        #: uri -> (version, diagnostics) of the last publication
        self.published: dict[str, tuple[int | None, list[types.Diagnostic]]] = {}
        #: uri -> monotonic time of the last publication
        self.published_at: dict[str, float] = {}
        #: (uri, version) of every publication, in order
        self.history: list[tuple[str, int | None]] = []
        self.logs: list[types.LogMessageParams] = []
        self.shown: list[types.ShowMessageParams] = []
        self.registrations: list[types.Registration] = []
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self._event = asyncio.Event()
        client = self.client

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.published[params.uri] = (params.version, list(params.diagnostics))
            self.history.append((params.uri, params.version))
            self.published_at[params.uri] = time.perf_counter()
            self._event.set()

        @client.feature(types.WINDOW_LOG_MESSAGE)
        def logged(params: types.LogMessageParams) -> None:
            self.logs.append(params)

        @client.feature(types.WINDOW_SHOW_MESSAGE)
        def shown(params: types.ShowMessageParams) -> None:
            self.shown.append(params)

        @client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)
            self._event.set()

    async def start(
        self, initialization_options: dict[str, Any] | None = None, resolve_edits: bool = False
    ) -> None:
        """Start the server and initialize it; with ``resolve_edits``, the client asks
        for code actions' edits only when one is chosen (``codeAction/resolve``)."""
        await self.client.start_io(*self.command, env=self.env, cwd=str(self.root))
        capabilities = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                    dynamic_registration=True
                ),
                apply_edit=True,
            ),
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                    version_support=True, code_description_support=True, data_support=True
                ),
                code_action=types.CodeActionClientCapabilities(
                    resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"])
                    if resolve_edits
                    else None,
                    data_support=resolve_edits,
                    code_action_literal_support=types.ClientCodeActionLiteralOptions(
                        code_action_kind=types.ClientCodeActionKindOptions(
                            value_set=[
                                types.CodeActionKind.QuickFix,
                                types.CodeActionKind.SourceFixAll,
                            ]
                        )
                    ),
                ),
                hover=types.HoverClientCapabilities(
                    content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]
                ),
                document_symbol=types.DocumentSymbolClientCapabilities(
                    hierarchical_document_symbol_support=True
                ),
            ),
        )
        await asyncio.wait_for(
            self.client.initialize_session(
                types.InitializeParams(
                    capabilities=capabilities,
                    root_uri=self.uri(self.root),
                    initialization_options=initialization_options,
                )
            ),
            TIMEOUT,
        )

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_session(), TIMEOUT)
        finally:
            await self.client.stop()

    def uri(self, path: Path) -> str:
        from pygls.uris import from_fs_path

        uri = from_fs_path(str(path))
        assert isinstance(uri, str)
        return uri

    # -- documents -------------------------------------------------------------------

    def open(self, path: Path, text: str | None = None) -> str:
        uri = self.uri(path)
        text = path.read_text("utf-8") if text is None else text
        self.versions[uri] = 1
        self.texts[uri] = text
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uri, language_id="yaml", version=1, text=text
                )
            )
        )
        return uri

    def replace(self, uri: str, text: str) -> int:
        """Send the whole new text; returns the new version."""
        return self.edit(uri, [types.TextDocumentContentChangeWholeDocument(text=text)], text)

    def edit(self, uri: str, changes: list[types.TextDocumentContentChangeEvent], text: str) -> int:
        """Send changes that turn the buffer into ``text``; returns the new version."""
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=uri, version=self.versions[uri]
                ),
                content_changes=changes,
            )
        )
        return self.versions[uri]

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )

    def files_changed(self, *paths: Path) -> None:
        self.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(uri=self.uri(p), type=types.FileChangeType.Changed)
                    for p in paths
                ]
            )
        )

    # -- waiting ---------------------------------------------------------------------

    async def until(self, condition: Any, timeout: float = TIMEOUT) -> None:
        """Wait for notifications until ``condition()`` holds."""
        deadline = time.monotonic() + timeout
        while True:
            self._event.clear()
            if condition():
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the server did not publish what was expected in time")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._event.wait(), remaining)

    async def diagnostics(
        self, uri: str, version: int | None = None, timeout: float = TIMEOUT
    ) -> list[types.Diagnostic]:
        """The diagnostics published for ``version`` of the buffer (the current one by
        default), waiting for them."""
        wanted = self.versions.get(uri) if version is None else version

        def arrived() -> bool:
            got = self.published.get(uri)
            return got is not None and (wanted is None or got[0] == wanted)

        await self.until(arrived, timeout)
        return self.published[uri][1]

    def errors(self) -> list[str]:
        """Errors and warnings the server logged or showed."""
        bad = (types.MessageType.Error, types.MessageType.Warning)
        return [m.message for m in self.logs if m.type in bad] + [
            m.message for m in self.shown if m.type in bad
        ]

    def forget(self, uri: str) -> None:
        """Forget what was published for ``uri`` (to wait for the next publication)."""
        self.published.pop(uri, None)
