"""The `pdp-lint server` command itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _serve(stdin: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``pdp-lint server`` reading ``stdin`` as its client's messages, to the end."""
    return subprocess.run(
        [sys.executable, "-m", "pdp_lint", "server"],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=60,
    )


def test_without_pygls_the_command_says_what_to_install() -> None:
    script = (
        "import sys\n"
        "sys.modules['pygls'] = None  # as if the `server` extra were not installed\n"
        "sys.argv = ['pdp-lint', 'server']\n"
        "from pdp_lint.cli.commands import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith("pdp-lint: the language server needs pygls and lsprotocol")
    assert line.endswith("pip install 'pdp-lint[server]'")


def test_help_says_how_editors_use_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pdp_lint", "server", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "--stdio" in done.stdout
    assert "language server" in done.stdout


def test_a_message_too_large_to_read_ends_the_server_in_one_line() -> None:
    """pygls reads the body with readexactly(Content-Length): a length past what an index
    holds raised OverflowError out of the server, an internal error."""
    done = _serve(b"Content-Length: 99999999999999999999\r\n\r\n{}", ROOT)
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr == (
        b"pdp-lint: the language client sent a message too large to read (its "
        b"Content-Length); the server stops\n"
    )


def _frame(message: dict[str, object]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def _messages(data: bytes) -> list[dict[str, object]]:
    out = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        length = int(head.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        out.append(json.loads(rest[:length]))
        data = rest[length:]
    return out


def test_a_request_whose_params_cannot_be_read_is_answered_with_an_error(tmp_path) -> None:
    """pygls only showed 'Error in server: Invalid Params': the request was never
    answered, and the client waited for ever."""
    uri = (tmp_path / "demo.yaml").as_uri()
    hover = "textDocument/hover"
    bad = {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}}
    requests = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 7, "method": hover, "params": bad},
        {"jsonrpc": "2.0", "id": 8, "method": hover},
        {"jsonrpc": "2.0", "id": 9, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = _serve(b"".join(map(_frame, requests)), tmp_path)
    answered = {m["id"]: m for m in _messages(done.stdout) if "id" in m and "method" not in m}
    assert sorted(answered) == [1, 7, 8, 9], done.stderr[-2000:]
    for request in (7, 8):
        error = answered[request]["error"]
        assert isinstance(error, dict) and error["code"] == -32602, answered[request]


def test_a_message_before_initialize_is_refused_as_the_protocol_says(tmp_path) -> None:
    """A request before ``initialize`` was answered ``null`` (a hover) and a didOpen
    was checked; the protocol asks for error -32002 and for notifications to be dropped."""
    framework = tmp_path / "frameworks" / "demo.yaml"
    framework.parent.mkdir()
    framework.write_text("title: Communcation\n", encoding="utf-8")
    uri = framework.as_uri()
    position = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 8}}
    opened = {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": "x: 1\n"}}
    requests = [
        {"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": position},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": opened},
        {"jsonrpc": "2.0", "id": 4, "method": "shutdown"},
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": position},
        {"jsonrpc": "2.0", "id": 9, "method": "shutdown"},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = _serve(b"".join(map(_frame, requests)), tmp_path)
    messages = _messages(done.stdout)
    answered = {m["id"]: m for m in messages if "id" in m and "method" not in m}
    assert sorted(answered) == [1, 3, 4, 5, 9], done.stderr[-2000:]
    for early in (3, 4):
        error = answered[early]["error"]
        assert isinstance(error, dict) and error["code"] == -32002, answered[early]
        assert "before initialize" in str(error["message"])
    assert "error" not in answered[5] and "error" not in answered[9]
    # the didOpen sent before initialize was dropped: nothing was checked or published
    assert not [m for m in messages if m.get("method") == "textDocument/publishDiagnostics"]
    assert done.returncode == 0, done.stderr[-2000:]
