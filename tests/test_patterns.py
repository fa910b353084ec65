"""Regular expressions kept compiled beside the package (pdp_lint.patterns): what comes
back from the file is the expression ``re.compile`` makes, and a damaged, stale or
unwritable file costs only time. (The file is trusted as the bytecode beside it is:
whoever can write the one can write the other.)"""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

import pdp_lint
from pdp_lint import patterns
from tests.conftest import ROOT

#: patterns of the kinds the rules compile: classes with ranges, a lone surrogate, look
#: behinds, named groups and back references, flags, verbose mode
SAMPLES: list[tuple[str, int]] = [
    ("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]", 0),
    (r"(?P<article>[Aa](?<![\w'’./&-][Aa])n?)[^\S\n]+(?P<next>[^\W_][\w'’&+-]*)", 0),
    (r"(?<!\w)(\w++)\s++\1(?!\w)", 0),
    (r"(?:hour|honest|hono(?:u)?r|heir)", re.IGNORECASE),
    (r"^\s*#  a comment\n  (?P<x> \d+ )  # digits", re.VERBOSE | re.MULTILINE),
    (r"(?P<word>[^\W\d_]+)(?:\s+(?P=word))+", re.IGNORECASE),
]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh process's state of the module, its file in ``tmp_path``."""
    path = tmp_path / "__pycache__" / "patterns.test.json"
    monkeypatch.setattr(patterns, "store_path", lambda: str(path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    fresh(monkeypatch)
    yield path


def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """The module as a new process finds it: nothing read, nothing made."""
    monkeypatch.setattr(patterns, "_stored", None)
    monkeypatch.setattr(patterns, "_made", {})
    monkeypatch.setattr(patterns, "_used", set())


def counting_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The patterns compiled by the compiler (not taken from the file) from now on."""
    compiled: list[str] = []
    real = patterns._program

    def program(pattern: str, flags: int) -> tuple[re.Pattern[str], patterns.Program | None]:
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(patterns, "_program", program)
    return compiled


def test_a_later_process_takes_every_expression_from_the_file_as_re_makes_it(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = [patterns.compile(p, f) for p, f in SAMPLES]
    assert first == [re.compile(p, f) for p, f in SAMPLES]
    assert not store.exists()
    patterns.save()
    assert store.exists()

    fresh(monkeypatch)
    compiled = counting_compiles(monkeypatch)
    again = [patterns.compile(p, f) for p, f in SAMPLES]
    assert compiled == []  # all from the file
    for made, (pattern, flags) in zip(again, SAMPLES, strict=True):
        expected = re.compile(pattern, flags)
        # a Pattern is equal to another with the same text, flags and engine program
        assert made == expected
        assert (made.pattern, made.flags, made.groups, made.groupindex) == (
            expected.pattern,
            expected.flags,
            expected.groups,
            expected.groupindex,
        )
    article = again[1].search("Write an update")
    assert article is not None and article["next"] == "update"
    assert again[0].search("ok\ud800") is not None
    assert again[2].search("the the") is not None


def test_the_same_text_with_other_flags_is_another_expression(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patterns.compile("hour", 0)
    patterns.save()
    fresh(monkeypatch)
    compiled = counting_compiles(monkeypatch)
    folded = patterns.compile("hour", re.IGNORECASE)
    assert compiled == ["hour"]
    assert folded.search("HOUR") is not None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x80\x81 not json",
        b'["another python", {}]',
        b'{"a": 1}',
        # the right stamp, programs of the wrong shape
        None,
        # the right stamp and shape, a program the engine refuses
        "invalid",
        # written when the code had another pattern: never used for this one, as the
        # key is the pattern's own text
        "stale",
    ],
)
def test_a_damaged_or_foreign_file_costs_only_time(
    store: Path, monkeypatch: pytest.MonkeyPatch, content: bytes | str | None
) -> None:
    pattern, flags = SAMPLES[1]
    key = patterns._key(pattern, flags)
    if content is None:
        data = msgspec.json.encode((patterns._stamp(), {key: [1, 2, 3]}))
    elif content == "invalid":
        data = msgspec.json.encode((patterns._stamp(), {key: [32, [1, 2, 3], 0, {}, [None]]}))
    elif content == "stale":
        patterns.compile("[0-9]+", 0)
        data = msgspec.json.encode((patterns._stamp(), patterns._made))
        fresh(monkeypatch)
    else:
        assert isinstance(content, bytes)
        data = content
    store.parent.mkdir()
    store.write_bytes(data)
    made = patterns.compile(pattern, flags)
    assert made == re.compile(pattern, flags)
    letters = patterns.compile("[a-z]+", 0)
    assert letters.fullmatch("abc") is not None and letters.fullmatch("123") is None


def test_nothing_is_written_when_bytecode_is_not(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    patterns.compile(*SAMPLES[0])
    patterns.save()
    assert not store.parent.exists()


def test_a_folder_that_cannot_be_made_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder would be\n")
    monkeypatch.setattr(patterns, "store_path", lambda: str(blocker / "patterns.json"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    fresh(monkeypatch)
    patterns.compile(*SAMPLES[0])
    patterns.save()  # no error
    assert blocker.read_text() == "a file where the folder would be\n"


def test_the_file_stays_bounded(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MAX_KEPT", 5)
    for n in range(4):
        patterns.compile(f"old{n}[0-9]+", 0)
    patterns.save()
    fresh(monkeypatch)
    patterns.compile("old0[0-9]+", 0)  # used again: kept
    for n in range(3):
        patterns.compile(f"new{n}[0-9]+", 0)
    patterns.save()
    _, kept = msgspec.json.decode(store.read_bytes())
    assert sorted(kept) == sorted(
        patterns._key(p, 0) for p in ["old0[0-9]+", "new0[0-9]+", "new1[0-9]+", "new2[0-9]+"]
    )


def module_patterns() -> Iterator[tuple[str, str, re.Pattern[str]]]:
    """Every compiled expression held by a module of the package."""
    for info in pkgutil.walk_packages(pdp_lint.__path__, "pdp_lint."):
        if info.name.startswith("pdp_lint.server"):
            continue  # the language server's modules need its libraries' start-up
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                yield info.name, name, value


def test_every_expression_of_the_package_is_what_re_compiles() -> None:
    """Whether they came from the file or the compiler in this process: in a checkout
    whose runs have written the file, they came from the file."""
    found = list(module_patterns())
    assert len(found) > 30
    for module, name, value in found:
        assert value == re.compile(value.pattern, value.flags), f"{module}.{name}"


def test_a_check_writes_the_file_once_and_later_checks_read_it(tmp_path: Path) -> None:
    """End to end, in a copy of the package: the first check writes the programs of its
    expressions, and a second check compiles none of them."""
    package = tmp_path / "pdp_lint"
    subprocess.run(["cp", "-r", str(Path(pdp_lint.__file__).parent), str(package)], check=True)
    for cached in package.rglob("patterns.*.json"):
        cached.unlink()
    framework = tmp_path / "work" / "fw.yaml"
    framework.parent.mkdir()
    framework.write_text((ROOT / "frameworks" / "cx-team-roles.yaml").read_text("utf-8"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(tmp_path)
    probe = (
        "import sys, runpy\n"
        "from pdp_lint import patterns\n"
        "assert patterns.__file__.startswith(sys.argv[2]), patterns.__file__\n"
        "made = []\n"
        "real = patterns._program\n"
        "patterns._program = lambda p, f: (made.append(p), real(p, f))[1]\n"
        "sys.argv = ['pdp-lint', 'check', '--no-cache', sys.argv[1]]\n"
        "try:\n"
        "    runpy.run_module('pdp_lint', run_name='__main__')\n"
        "finally:\n"
        "    sys.stderr.write(f'compiled {len(set(made))}\\n')\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe, str(framework), str(package)],
            cwd=framework.parent,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        for _ in range(2)
    ]
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert run.stdout == ""
    first = int(runs[0].stderr.rsplit("compiled ", 1)[1])
    assert first > 30
    assert runs[1].stderr.endswith("compiled 0\n")
    stored = list(package.glob("__pycache__/patterns.*.json"))
    assert len(stored) == 1
    _, kept = msgspec.json.decode(stored[0].read_bytes())
    assert len(kept) == first
