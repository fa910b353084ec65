"""The language server: pygls wiring of checking, code actions and navigation.

Everything runs on the server's one event loop, so a check always sees one consistent
state of the buffers; a check is synchronous and takes milliseconds. Diagnostics carry
the version of the text they were computed from, and a change cancels the check
pending for the previous text, so no diagnostic is ever published for a text that has
already been replaced.
"""

from __future__ import annotations

import asyncio
import logging
import os
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcServerNotInitialized
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.json_rpc import RPCNotification, RPCRequest
from pygls.uris import from_fs_path, to_fs_path

from pdp_lint import __version__
from pdp_lint.engine.config import CONFIG_FILES
from pdp_lint.load.document import Document
from pdp_lint.model.problem import Problem, Severity
from pdp_lint.report.ruledocs import anchor, doc_sections
from pdp_lint.rules import all_rules
from pdp_lint.server import actions, navigation
from pdp_lint.server.checking import Checked, Workspace, is_framework_file, looks_like_framework
from pdp_lint.server.positions import Lines

NAME = "pdp-lint"
#: seconds of quiet after a change before the buffer is checked
DEFAULT_DEBOUNCE = 0.1
FIX_ALL_KIND = types.CodeActionKind.SourceFixAll + ".pdp-lint"
ADD_WORD = "pdp-lint.addToVocabulary"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_SPELLING = {"SP01"}
_SYMBOL_KINDS = {
    "namespace": types.SymbolKind.Namespace,
    "competency": types.SymbolKind.Class,
    "track": types.SymbolKind.Module,
    "role": types.SymbolKind.Class,
    "section": types.SymbolKind.Field,
    "profiles": types.SymbolKind.Namespace,
    "guidance": types.SymbolKind.String,
}

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, with two answers it did not give.

    - A request whose params cannot be read: pygls raises InvalidParams while it reads
      the message, before it knows the request, and only shows the client a message:
      the request itself was never answered, and a client waited for ever. The error
      response (-32602) goes to the request's id.
    - A message before the ``initialize`` request: pygls ran it (a hover answered
      ``null``, a didOpen checked a file with no workspace). The protocol says a request
      gets error -32002 (ServerNotInitialized) and a notification is dropped, except
      ``exit``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: whether the initialize request has come (what comes before it is refused)
        self.initialize_received = False

    def handle_message(self, message: Any) -> None:
        method = getattr(message, "method", None)
        if method == types.INITIALIZE:
            self.initialize_received = True
        elif not self.initialize_received and method != types.EXIT:
            if isinstance(message, RPCRequest):
                error = JsonRpcServerNotInitialized(
                    f"{method} before initialize: send the initialize request first"
                )
                self._send_response(message.id, error=error.to_response_error())
                return
            if isinstance(message, RPCNotification):
                return
        super().handle_message(message)

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" in data and "method" in data:
                self._send_response(data["id"], error=exc.to_response_error())
            raise


class PdpLintServer(LanguageServer):
    """``pdp-lint server``: one per editor session."""

    def __init__(self) -> None:
        super().__init__(
            NAME,
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=_Protocol,
        )
        self.frameworks = Workspace()
        self.debounce = DEFAULT_DEBOUNCE
        self.rules_url: str | None = None
        #: open framework buffers: resolved path -> uri
        self.uris: dict[Path, str] = {}
        self.checked: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.TimerHandle] = {}
        #: what each configuration file's diagnostic says now (None: nothing)
        self._config_shown: dict[Path, str | None] = {}
        self._rules_page: str | None = None

    # -- helpers ---------------------------------------------------------------------

    def path_of(self, uri: str) -> Path | None:
        fs = to_fs_path(uri)
        return Path(fs).resolve() if fs else None

    def lines(self, text: str) -> Lines:
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return Lines(text, str(encoding))

    def report_internal(self, what: str, exc: BaseException) -> None:
        """An error of pdp-lint itself: logged to the client, the server carries on."""
        detail = "".join(traceback.format_exception(exc))
        self.window_log_message(
            types.LogMessageParams(
                type=types.MessageType.Error,
                message=f"pdp-lint: internal error while {what}: {exc!r}\n{detail}",
            )
        )

    def rule_link(self, code: str) -> str | None:
        rule = all_rules().get(code)
        if rule is None:
            return None
        if self.rules_url:
            return f"{self.rules_url}#{anchor(rule)}"
        if self._rules_page is None:
            self._rules_page = _write_rules_page()
        return f"{self._rules_page}#{anchor(rule)}"

    # -- checking --------------------------------------------------------------------

    def check_now(self, uri: str) -> Checked | None:
        """Check the open buffer ``uri`` and publish its diagnostics."""
        self._cancel(uri)
        path = self.path_of(uri)
        if path is None or path not in self.uris:
            return None
        document = self.workspace.get_text_document(uri)
        try:
            self.frameworks.open(path, document.source)
            checked = self.frameworks.check(path)
        except Exception as exc:  # a bug of ours must not take the editor's server down
            self.report_internal(f"checking {path}", exc)
            return None
        self.checked[uri] = checked
        self.publish(uri, checked, document.version)
        self.publish_config_problems()
        return checked

    def fresh(self, uri: str) -> Checked | None:
        """The check of the buffer's current text (checking it now if it changed)."""
        document = self.workspace.get_text_document(uri)
        known = self.checked.get(uri)
        if known is not None and known.text == document.source:
            return known
        return self.check_now(uri)

    def publish(self, uri: str, checked: Checked, version: int | None) -> None:
        lines = self.lines(checked.text)
        shift = _bom_shift(checked)
        mine = checked.path.as_posix()
        diagnostics = [self.diagnostic(p, lines, shift) for p in checked.problems if p.file == mine]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def diagnostic(self, p: Problem, lines: Lines, shift: int = 0) -> types.Diagnostic:
        first = shift if p.line == 1 else 0
        last = shift if p.end_line == 1 else 0
        link = self.rule_link(p.code)
        data: dict[str, Any] = {"name": p.name}
        if p.fix is not None:
            data["fix"] = "safe" if p.fix.safe else "unsafe"
        if p.suggestion:
            data["suggestion"] = p.suggestion
        return types.Diagnostic(
            range=lines.range(p.line, p.column + first, p.end_line, p.end_column + last),
            message=p.message,
            severity=_SEVERITY[p.severity],
            code=p.code,
            code_description=types.CodeDescription(href=link) if link else None,
            source=NAME,
            data=data,
        )

    def schedule(self, uri: str) -> None:
        """Check ``uri`` once the buffer has been quiet for the debounce time."""
        self._cancel(uri)
        loop = asyncio.get_running_loop()
        self._pending[uri] = loop.call_later(self.debounce, self._debounced, uri)

    def _debounced(self, uri: str) -> None:
        self._pending.pop(uri, None)
        if self.check_now(uri) is not None:
            self.recheck_others(uri)

    def _cancel(self, uri: str) -> None:
        handle = self._pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def recheck_others(self, changed: str | None = None) -> None:
        """Check the other open buffers again, one at a time between messages: what
        cross-file rules say about them may have changed."""
        loop = asyncio.get_running_loop()
        for uri in list(self.uris.values()):
            if uri != changed and uri not in self._pending:
                loop.call_soon(self._recheck_if_open, uri)

    def _recheck_if_open(self, uri: str) -> None:
        path = self.path_of(uri)
        if path in self.uris and uri not in self._pending:
            self.check_now(uri)

    def publish_config_problems(self) -> None:
        """One diagnostic on each configuration file that cannot be used; cleared when
        it is put right."""
        problems = self.frameworks.config_problems
        for path in sorted(set(problems) | set(self._config_shown)):
            problem = problems.get(path)
            said = None if problem is None else f"{problem.line}:{problem.message}"
            uri = from_fs_path(str(path))
            if uri is None or self._config_shown.get(path) == said:
                continue
            self._config_shown[path] = said
            diagnostics = []
            if problem is not None:
                row = max(problem.line - 1, 0)
                diagnostics.append(
                    types.Diagnostic(
                        range=types.Range(
                            start=types.Position(line=row, character=0),
                            end=types.Position(line=row + 1, character=0),
                        ),
                        message=f"{problem.message} (the last good configuration is used "
                        "until this is put right)",
                        severity=types.DiagnosticSeverity.Error,
                        code="config",
                        source=NAME,
                    )
                )
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics)
            )

    def adopt(self, uri: str, path: Path) -> bool:
        """Take an open buffer on as a framework, if it is one (see
        :func:`looks_like_framework`)."""
        if not is_framework_file(path):
            return False
        text = self.workspace.get_text_document(uri).source
        if not looks_like_framework(path, text, self.frameworks.settings_for(path)):
            return False
        self.uris[path] = uri
        return True

    def configuration_changed(self) -> None:
        self.frameworks.forget_settings()
        for uri in list(self.uris.values()):
            self.check_now(uri)
        self.publish_config_problems()

    def is_configuration(self, path: Path) -> bool:
        return path.name in CONFIG_FILES or path in self.frameworks.config_files()


def _bom_shift(checked: Checked) -> int:
    """Characters the buffer has before the text the loader saw (a byte-order mark)."""
    source = checked.loaded.source
    return 1 if source is not None and source.bom and checked.text.startswith("\ufeff") else 0


def _write_rules_page() -> str:
    """The rules reference, written once per version to the user's cache folder, as a
    ``file:`` URI that diagnostics link to (anchors per rule, like docs/rules.md)."""
    from pdp_lint.atomic import write_text_atomic
    from pdp_lint.report.ruledocs import render_reference

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    page = Path(base) / "pdp-lint" / f"rules-{__version__}.md"
    text = render_reference(all_rules().values())
    try:
        if not page.is_file() or page.read_text("utf-8") != text:
            page.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(page, text)
    except OSError:
        pass  # a link to nowhere is better than no diagnostics
    uri = from_fs_path(str(page))
    return uri or page.as_uri()


server = PdpLintServer()


def guarded(what: str, default: Any = None) -> Callable[[F], F]:
    """Report an exception of a handler to the client and answer ``default``."""

    def wrap(func: F) -> F:
        def handler(ls: PdpLintServer, params: Any) -> Any:
            try:
                return func(ls, params)
            except Exception as exc:
                ls.report_internal(what, exc)
                return default

        handler.__name__ = func.__name__
        handler.__doc__ = func.__doc__
        return handler  # type: ignore[return-value]

    return wrap


@server.feature(types.INITIALIZE)
@guarded("initializing")
def initialize(ls: PdpLintServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict):
        debounce = options.get("debounce")
        if isinstance(debounce, int | float) and not isinstance(debounce, bool) and debounce >= 0:
            ls.debounce = debounce / 1000
        url = options.get("rulesUrl")
        if isinstance(url, str) and url:
            ls.rules_url = url.rstrip("#")


@server.feature(types.INITIALIZED)
async def initialized(ls: PdpLintServer, params: types.InitializedParams) -> None:
    """Ask the client to tell about configuration, vocabulary and framework files that
    change on disk (editors that cannot watch files still send saves)."""
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps is not None else None
    if watched is None or not watched.dynamic_registration:
        return
    watchers = [
        types.FileSystemWatcher(glob_pattern=pattern)
        for pattern in (
            "**/pdp-lint.toml",
            "**/.pdp-lint.toml",
            "**/pyproject.toml",
            "**/*.txt",
            "**/*.yaml",
            "**/*.yml",
        )
    ]
    try:
        await ls.client_register_capability_async(
            types.RegistrationParams(
                registrations=[
                    types.Registration(
                        id="pdp-lint-watched-files",
                        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=types.DidChangeWatchedFilesRegistrationOptions(
                            watchers=watchers
                        ),
                    )
                ]
            )
        )
    except Exception as exc:
        ls.report_internal("asking the editor to watch files", exc)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@guarded("opening a document")
def did_open(ls: PdpLintServer, params: types.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is None or not ls.adopt(uri, path):
        return
    if ls.check_now(uri) is not None:
        ls.recheck_others(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@guarded("following a change")
def did_change(ls: PdpLintServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    # a new file becomes a framework as it is typed
    if path is not None and (path in ls.uris or ls.adopt(uri, path)):
        ls.schedule(uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
@guarded("following a save")
def did_save(ls: PdpLintServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is None:
        return
    if ls.is_configuration(path):
        ls.configuration_changed()
    elif path in ls.uris:
        ls.check_now(uri)
        ls.recheck_others(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@guarded("closing a document")
def did_close(ls: PdpLintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is None or path not in ls.uris:
        return
    ls._cancel(uri)
    del ls.uris[path]
    ls.checked.pop(uri, None)
    ls.frameworks.close(path)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    ls.recheck_others(uri)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@guarded("following changed files")
def did_change_watched_files(ls: PdpLintServer, params: types.DidChangeWatchedFilesParams) -> None:
    paths = [p for p in (ls.path_of(change.uri) for change in params.changes) if p is not None]
    if any(ls.is_configuration(p) for p in paths):
        ls.configuration_changed()
    elif any(is_framework_file(p) and p not in ls.uris for p in paths):
        ls.recheck_others()


# -- code actions ------------------------------------------------------------------------


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        b.start.line,
        b.start.character,
    ) <= (a.end.line, a.end.character)


def _whole_edit(lines: Lines, uri: str, version: int | None, new: str) -> types.WorkspaceEdit:
    """The smallest single edit that turns the buffer into ``new``."""
    old = lines.text
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    edit = types.TextEdit(
        range=types.Range(start=lines.at_offset(start), end=lines.at_offset(end_old)),
        new_text=new[start:end_new],
    )
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(
                    uri=uri, version=version
                ),
                edits=[edit],
            )
        ]
    )


def _check_text(ls: PdpLintServer, path: Path) -> Callable[[str], tuple[list[Problem], bool]]:
    """A check of other texts of the buffer ``path`` (fix-all re-checks each pass)."""

    def check(text: str) -> tuple[list[Problem], bool]:
        checked = ls.frameworks.check(path, text)
        mine = path.as_posix()
        return [p for p in checked.problems if p.file == mine], checked.loaded.framework is not None

    return check


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[
            types.CodeActionKind.QuickFix,
            types.CodeActionKind.SourceFixAll,
            FIX_ALL_KIND,
        ]
    ),
)
@guarded("listing code actions", [])
def code_action(ls: PdpLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is None or path not in ls.uris:
        return []
    checked = ls.fresh(uri)
    if checked is None:
        return []
    document = ls.workspace.get_text_document(uri)
    lines = ls.lines(checked.text)
    shift = _bom_shift(checked)
    only = params.context.only

    def wanted(kind: str) -> bool:
        return not only or any(kind.startswith(str(o)) for o in only)

    out: list[types.CodeAction] = []
    mine = checked.path.as_posix()
    problems = [p for p in checked.problems if p.file == mine]
    if wanted(types.CodeActionKind.QuickFix):
        for problem in problems:
            diagnostic = ls.diagnostic(problem, lines, shift)
            if not _overlaps(diagnostic.range, params.range):
                continue
            out.extend(_quick_fixes(ls, uri, document.version, checked, problem, diagnostic, lines))
    if any(p.fix is not None and p.fix.safe for p in problems) and (
        wanted(types.CodeActionKind.SourceFixAll) or wanted(FIX_ALL_KIND)
    ):
        safe = sum(1 for p in problems if p.fix is not None and p.fix.safe)
        action = types.CodeAction(
            title=f"pdp-lint: fix all safely fixable problems ({safe})",
            kind=FIX_ALL_KIND,
            data={"uri": uri, "version": document.version},
        )
        if _resolves_edits(ls):
            out.append(action)  # the edit is worked out if the action is chosen
        else:
            resolved = fix_all(ls, action)
            if resolved.edit is not None:
                out.append(resolved)
    return out


def _resolves_edits(ls: PdpLintServer) -> bool:
    """Whether the client asks for a code action's edit only when it is chosen."""
    text = ls.client_capabilities.text_document
    support = text.code_action.resolve_support if text and text.code_action else None
    return support is not None and "edit" in support.properties


@server.feature(types.CODE_ACTION_RESOLVE)
@guarded("fixing all problems", None)
def resolve_code_action(ls: PdpLintServer, action: types.CodeAction) -> types.CodeAction:
    return fix_all(ls, action)


def fix_all(ls: PdpLintServer, action: types.CodeAction) -> types.CodeAction:
    """The edit of the fix-all action: safe fixes in passes, each pass checked again."""
    data = action.data if isinstance(action.data, dict) else {}
    uri = data.get("uri")
    path = ls.path_of(uri) if isinstance(uri, str) else None
    if uri is None or path is None or path not in ls.uris:
        return action
    checked = ls.fresh(uri)
    if checked is None:
        return action
    document = ls.workspace.get_text_document(uri)
    fixed, count = actions.fix_text(checked.text, _check_text(ls, path))
    if count:
        action.title = f"pdp-lint: fix all safely fixable problems ({count})"
        action.edit = _whole_edit(ls.lines(checked.text), uri, document.version, fixed)
    return action


def _quick_fixes(
    ls: PdpLintServer,
    uri: str,
    version: int | None,
    checked: Checked,
    problem: Problem,
    diagnostic: types.Diagnostic,
    lines: Lines,
) -> Iterator[types.CodeAction]:
    text = checked.text
    shift = _bom_shift(checked)
    if problem.fix is not None:
        fix = problem.fix
        label = problem.suggestion or problem.message
        edits = [
            types.TextEdit(
                range=types.Range(
                    start=lines.at_offset(e.start + shift), end=lines.at_offset(e.end + shift)
                ),
                new_text=e.text,
            )
            for e in sorted(fix.edits, key=lambda e: e.start)
        ]
        yield types.CodeAction(
            title=(
                f"Fix {problem.code}: {label}"
                if fix.safe
                else f"Fix {problem.code} (unsafe: check the result): {label}"
            ),
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=fix.safe,
            edit=types.WorkspaceEdit(
                document_changes=[
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(
                            uri=uri, version=version
                        ),
                        edits=edits,
                    )
                ]
            ),
        )
    if problem.code in _SPELLING and checked.settings.vocabulary:
        start = lines.offset(diagnostic.range.start)
        end = lines.offset(diagnostic.range.end)
        word = actions.misspelt_word(text, start, end)
        if word is not None:
            vocabulary = checked.settings.vocabulary[0]
            term = actions.vocabulary_term(word)
            yield types.CodeAction(
                title=f"Add `{term}` to the vocabulary ({vocabulary.name})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                command=types.Command(
                    title="Add to the vocabulary",
                    command=ADD_WORD,
                    arguments=[str(vocabulary), word],
                ),
            )
    framework = checked.loaded.framework
    rule = all_rules().get(problem.code)
    # what loading finds, and LN01 itself, are not suppressed by comments
    suppressible = rule is not None and rule.stage == "model"
    placed = actions.suppression_edit(text[shift:], problem, framework) if suppressible else None
    if placed is not None:
        start, end, new = placed
        yield types.CodeAction(
            title=f"Suppress {problem.code} on this line (say why in the comment)",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(
                document_changes=[
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(
                            uri=uri, version=version
                        ),
                        edits=[
                            types.TextEdit(
                                range=types.Range(
                                    start=lines.at_offset(start + shift),
                                    end=lines.at_offset(end + shift),
                                ),
                                new_text=new,
                            )
                        ],
                    )
                ]
            ),
        )


@server.command(ADD_WORD)
def add_word(ls: PdpLintServer, vocabulary: str, word: str) -> bool:
    """Add a word to a vocabulary file the configuration names, then check again."""
    try:
        path = Path(vocabulary).resolve()
        if path not in ls.frameworks.config_files():
            ls.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Error,
                    message=f"pdp-lint: {path} is not a vocabulary file of the configuration",
                )
            )
            return False
        added = actions.add_to_vocabulary(path, word)
        ls.configuration_changed()
        return added
    except Exception as exc:
        ls.report_internal("adding a word to the vocabulary", exc)
        return False


# -- navigation --------------------------------------------------------------------------


def _docs_for(ls: PdpLintServer, path: Path) -> list[Document]:
    return ls.frameworks.frameworks_near(path)


@server.feature(types.TEXT_DOCUMENT_HOVER)
@guarded("hovering", None)
def hover(ls: PdpLintServer, params: types.HoverParams) -> types.Hover | None:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is None or path not in ls.uris:
        return None
    document = ls.workspace.get_text_document(uri)
    lines = ls.lines(document.source)
    parts: list[str] = []
    checked = ls.fresh(uri)
    if checked is not None:
        mine = checked.path.as_posix()
        shift = _bom_shift(checked)
        pos = params.position
        for problem in checked.problems:
            if problem.file != mine:
                continue
            rng = ls.diagnostic(problem, lines, shift).range
            if _overlaps(rng, types.Range(start=pos, end=pos)):
                parts.append(_rule_hover(ls, problem))
    row = params.position.line
    column = lines.column(params.position)
    ref = navigation.reference_at(_all_lines(lines), row, column)
    if ref is not None:
        described = navigation.describe(ref, _docs_for(ls, path))
        if described is not None:
            parts.append(described[0])
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        )
    )


def _rule_hover(ls: PdpLintServer, problem: Problem) -> str:
    rule = all_rules().get(problem.code)
    head = f"**{problem.code}** `{problem.name}`: {problem.message}"
    if problem.suggestion:
        head += f"\n\nSuggestion: {problem.suggestion}"
    if rule is None:
        return head
    sections = doc_sections(rule)
    body = [head]
    for heading in ("What it does", "Why is this bad?"):
        if sections.get(heading):
            body.append(f"**{heading}**\n\n{sections[heading]}")
    link = ls.rule_link(problem.code)
    if link:
        body.append(f"[Documentation of {problem.code}]({link})")
    return "\n\n".join(body)


def _all_lines(lines: Lines) -> list[str]:
    return [lines.line(i) for i in range(len(lines.starts))]


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
@guarded("finding a definition", None)
def definition(ls: PdpLintServer, params: types.DefinitionParams) -> types.Location | None:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is None or path not in ls.uris:
        return None
    document = ls.workspace.get_text_document(uri)
    lines = ls.lines(document.source)
    ref = navigation.reference_at(
        _all_lines(lines), params.position.line, lines.column(params.position)
    )
    if ref is None:
        return None
    described = navigation.describe(ref, _docs_for(ls, path))
    if described is None:
        return None
    _, doc, node = described
    span = navigation.id_span(node)
    target_uri = ls.uris.get(doc.path.resolve()) or from_fs_path(str(doc.path)) or doc.path.as_uri()
    target = ls.lines(doc.source.text)
    return types.Location(
        uri=target_uri, range=target.range(span.line, span.column, span.end_line, span.end_column)
    )


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[" ", ":", "-", "[", ","]),
)
@guarded("completing", None)
def completion(ls: PdpLintServer, params: types.CompletionParams) -> types.CompletionList | None:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is None or path not in ls.uris:
        return None
    document = ls.workspace.get_text_document(uri)
    lines = ls.lines(document.source)
    all_lines = _all_lines(lines)
    row = params.position.line
    column = lines.column(params.position)
    line = all_lines[row] if row < len(all_lines) else ""
    start = column
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] in "_.-"):
        start -= 1
    kind = navigation.reference_context(all_lines, row, start)
    if kind is None:
        return None
    replace = types.Range(start=lines.position(row + 1, start + 1), end=params.position)
    items = [
        types.CompletionItem(
            label=ident,
            kind=types.CompletionItemKind.Reference,
            detail=label,
            documentation=doc or None,
            text_edit=types.TextEdit(range=replace, new_text=ident),
        )
        for ident, label, doc in navigation.candidates(kind, _docs_for(ls, path))
    ]
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@guarded("outlining", None)
def document_symbol(
    ls: PdpLintServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol] | None:
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is None or path not in ls.uris:
        return None
    doc = ls.frameworks.last_model(path)
    if doc is None:
        return []
    lines = ls.lines(doc.source.text)

    def convert(sym: navigation.Symbol) -> types.DocumentSymbol:
        s, sel = sym.span, sym.selection
        rng = lines.range(s.line, s.column, s.end_line, s.end_column)
        selection = lines.range(sel.line, sel.column, sel.end_line, sel.end_column)
        return types.DocumentSymbol(
            name=sym.name or sym.detail or "?",
            detail=sym.detail or None,
            kind=_SYMBOL_KINDS.get(sym.kind, types.SymbolKind.Object),
            range=rng,
            selection_range=selection,
            children=[convert(c) for c in sym.children],
        )

    return [convert(sym) for sym in navigation.outline(doc)]


def serve() -> None:
    """Speak the protocol over standard input and output until the client exits.

    A message whose ``Content-Length`` no process can read (``99999999999999999999``)
    ends the connection: its framing is lost, so nothing after it can be read either.
    That is told in one line, exit status 2, not as an internal error."""
    import sys

    try:
        server.start_io()
    except (OverflowError, MemoryError):
        sys.stderr.write(
            "pdp-lint: the language client sent a message too large to read (its "
            "Content-Length); the server stops\n"
        )
        sys.exit(2)
