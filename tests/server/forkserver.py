"""Language server processes forked from one that has imported the server already.

Importing the server (pygls, and lsprotocol's thousand protocol classes) costs about
0.6 s of CPU, most of what a short language server test costs; the suite starts about
thirty sessions. Each worker of the suite therefore starts one *factory* process that
imports :mod:`pdp_lint.server.protocol` and waits on a Unix socket. A session starts a
small *launcher* in place of ``python -m pdp_lint server``; the launcher hands the
factory its standard input, output and error, working folder and environment, and the
factory forks a child that becomes the server on them: a process of its own, speaking
over real pipes, with the session's folder and environment. The launcher stays the
client's process: it ends when the server ends, with its exit status, and passes a
SIGTERM on. The command itself (``pdp-lint server``: option parsing, the missing-pygls
message) is tested in ``test_command.py`` and by Neovim in ``test_neovim.py``, which
start it as editors do.
"""

from __future__ import annotations

import atexit
import functools
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import ROOT

FACTORY = r"""
import json, os, signal, socket, sys, traceback
import pdp_lint.server.protocol  # what every session would import again

def reap(*_):
    # each server ended is waited for, so that its CPU time counts as this process's
    # children's, and this process's as the suite's
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


signal.signal(signal.SIGCHLD, reap)
listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
listener.bind(sys.argv[1])
listener.listen(64)
print("ready", flush=True)
parent = os.getppid()
listener.settimeout(2.0)
while True:
    try:
        conn, _ = listener.accept()
    except TimeoutError:
        if os.getppid() != parent:  # the test worker is gone: so is the need
            sys.exit(0)
        continue
    conn.settimeout(None)
    message, fds, _, _ = socket.recv_fds(conn, 1 << 20, 3)
    if len(fds) == 3 and message and os.fork() == 0:
        listener.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        request = json.loads(message)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        conn.send(str(os.getpid()).encode())
        code = 1
        try:
            pdp_lint.server.protocol.serve()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            traceback.print_exc()
        finally:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except Exception:  # closed by the server as it ended
                    pass
            try:
                conn.send(str(code).encode())
            finally:
                os._exit(code)
    for fd in fds:
        os.close(fd)
    conn.close()
"""

LAUNCHER = r"""
import json, os, signal, socket, sys

conn = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
conn.connect(sys.argv[1])
request = json.dumps({"cwd": os.getcwd(), "env": dict(os.environ)}).encode()
socket.send_fds(conn, [request], [0, 1, 2])
null = os.open(os.devnull, os.O_RDWR)
for fd in (0, 1, 2):  # the server alone holds the pipes: its end is their end
    os.dup2(null, fd)
pid = int(conn.recv(64))
signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGTERM))
signal.signal(signal.SIGINT, lambda *_: os.kill(pid, signal.SIGINT))
answer = conn.recv(64)
os._exit(int(answer) if answer else 1)
"""


@functools.cache
def _socket() -> str:
    """Start this process's factory (once); the path of its socket."""
    folder = tempfile.mkdtemp(prefix="pdp-lint-servers-")
    path = str(Path(folder) / "factory")
    factory = subprocess.Popen(
        [sys.executable, "-c", FACTORY, path],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert factory.stdout is not None
    ready = factory.stdout.readline()
    assert ready == "ready\n", f"the server factory did not start: {ready!r}"

    def stop() -> None:
        factory.terminate()  # its ended servers' CPU time is counted when it is waited for
        factory.wait()
        Path(path).unlink(missing_ok=True)
        Path(folder).rmdir()

    atexit.register(stop)
    return path


def server_command() -> list[str]:
    """The command a test session starts in place of ``python -m pdp_lint server``."""
    return [sys.executable, "-c", LAUNCHER, _socket()]
