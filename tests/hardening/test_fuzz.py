"""Mutated frameworks never crash pdp-lint: property tests with hypothesis.

Each case mutates a canonical framework (flipped bytes, truncation, deleted, doubled or
swapped lines, changed indentation, random Unicode in a value) and runs the command
line in-process. Whatever the damage: no uncaught exception, exit status 0, 1 or 2,
under 5 s; and `export` either refuses or writes handouts holding all of the model.
Derandomized, so CI sees the same cases every run.

For a longer hunt, ``PDP_FUZZ_SCALE=N`` runs N times as many cases, random ones (new
cases every run; hypothesis prints how to reproduce a failure)::

    PDP_FUZZ_SCALE=50 .venv/bin/python -m pytest -n 0 tests/hardening/test_fuzz.py
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from pdp_lint.cli.commands import cli
from pdp_lint.load.loader import load_file
from tests.exporters.handout_helpers import (
    CANONICAL,
    EPOCH,
    expected_documents,
    missing,
    text_of,
)

# hypothesis keeps a cache of constants; not in the working tree
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "pdp-lint-hypothesis")
SOURCES = {p.name: p.read_bytes() for p in CANONICAL}
#: how many times the cases below to run, and at random when more than once
SCALE = max(1, int(os.environ.get("PDP_FUZZ_SCALE", "1") or "1"))
FUZZ = settings(
    derandomize=SCALE == 1,
    deadline=None,  # each case is timed by the test itself, against its own limit
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


# The strategies that do not depend on what was drawn before are made once, not at
# every draw: the cases are the same, and drawing them costs hypothesis less.
_SOURCE = st.sampled_from(sorted(SOURCES))
_DAMAGE = st.sampled_from(["flip", "truncate", "delete", "duplicate", "swap", "indent", "unicode"])
_FLIPS = st.integers(1, 8)
_FLIP = st.integers(1, 255)
_DELETED = st.integers(1, 5)
_INDENT = st.sampled_from([" ", "\t", "  ", ""])
_INDENTS = st.integers(0, 12)
_NOISE = st.text(min_size=1, max_size=12)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = SOURCES[draw(_SOURCE)]
    kind = draw(_DAMAGE)
    if kind == "flip":
        out = bytearray(data)
        for _ in range(draw(_FLIPS)):
            i = draw(st.integers(0, len(out) - 1))
            out[i] ^= draw(_FLIP)
        return bytes(out)
    if kind == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    lines = data.decode("utf-8").splitlines(keepends=True)
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i : i + draw(_DELETED)]
    elif kind == "duplicate":
        lines.insert(j, lines[i])
    elif kind == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        line = lines[i].lstrip(" ")
        lines[i] = draw(_INDENT) * draw(_INDENTS) + line
    else:
        line = lines[i]
        at = line.find(": ") + 2 if ": " in line else draw(st.integers(0, len(line)))
        noise = draw(_NOISE)
        lines[i] = line[:at] + noise + line[at:]
    return "".join(lines).encode("utf-8", "surrogatepass")


@contextlib.contextmanager
def _written(data: bytes) -> Iterator[Path]:
    """``data`` as the only file of a temporary folder (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="pdp-lint-fuzz-") as folder:
        path = Path(folder) / "fuzzed.yaml"
        path.write_bytes(data)
        yield path


def _invoke(*args: str | Path):
    start = time.perf_counter()
    result = CliRunner().invoke(cli, [str(a) for a in args])
    seconds = time.perf_counter() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert seconds < 5, f"{seconds:.1f} s"
    return result


@settings(FUZZ, max_examples=300 * SCALE)
@given(mutated())
def test_check_survives_any_damage(data: bytes):
    with _written(data) as path:
        _invoke("check", "--no-color", path)
        _invoke("check", "--format", "json", path)


@settings(FUZZ, max_examples=100 * SCALE)
@given(mutated())
def test_fix_never_breaks_a_file_that_loaded(data: bytes):
    with _written(data) as path:
        loaded_before = load_file(path).framework is not None
        _invoke("fix", "--no-color", path)
        if loaded_before:
            assert load_file(path).framework is not None, "a fix broke the file"
        else:
            assert path.read_bytes() == data, "a file that does not load is not touched"


@settings(FUZZ, max_examples=60 * SCALE)
@given(mutated())
def test_export_refuses_or_writes_everything(data: bytes):
    with _written(data) as path:
        _export_refuses_or_writes_everything(path, path.parent / "out")


def _export_refuses_or_writes_everything(path: Path, out: Path) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = _invoke("export", path, "--out", out, "--force", "--kind", "role")
    framework = load_file(path).framework
    if result.exit_code != 0:
        assert framework is None
        assert not out.exists() or not any(out.rglob("*.*")), "refused, yet wrote files"
        return
    assert framework is not None
    for stem, texts in expected_documents(framework, "role").items():
        for fmt in ("docx", "html"):
            document = text_of(fmt, (out / framework.id / f"{stem}.{fmt}").read_bytes())
            assert missing(texts, document) == [], (stem, fmt)


_SIMPLE_ESCAPES = [*'0abtnvfre "/\\N_LP', "\t"]
_PIECES = st.integers(1, 6)
_ESCAPE = st.sampled_from(["text", "x", "u", "U", "surrogate", "pair", "simple"])
# text as a UTF-8 file can hold it (no surrogates); raw control characters are another
# case (SY01 from the reader)
_PLAIN = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters='"\\'), max_size=6
)
_X = st.integers(0, 0xFF)
_U4 = st.integers(0, 0xFFFF)
_U8 = st.integers(0, 0x11FFFF)
_SURROGATE_FORM = st.sampled_from(["\\u{:04x}", "\\U{:08X}"])
_SURROGATE = st.integers(0xD800, 0xDFFF)
_HIGH = st.integers(0xD800, 0xDBFF)
_LOW = st.integers(0xDC00, 0xDFFF)
_SIMPLE = st.sampled_from([*_SIMPLE_ESCAPES, "q", "8", "x4", "u12"])


@st.composite
def escaped_scalar(draw: st.DrawFn) -> str:
    """The inside of a double-quoted scalar: text mixed with escapes, valid or not:
    ``\\xHH``, ``\\uHHHH``, ``\\UHHHHHHHH`` (surrogates, lone or paired, and values past
    U+10FFFF favoured), the one-letter escapes, and unknown ones."""
    pieces = []
    for _ in range(draw(_PIECES)):
        kind = draw(_ESCAPE)
        if kind == "text":
            pieces.append(draw(_PLAIN))
        elif kind == "x":
            pieces.append(f"\\x{draw(_X):02x}")
        elif kind == "u":
            pieces.append(f"\\u{draw(_U4):04X}")
        elif kind == "U":
            pieces.append(f"\\U{draw(_U8):08x}")
        elif kind == "surrogate":
            form = draw(_SURROGATE_FORM)
            pieces.append(form.format(draw(_SURROGATE)))
        elif kind == "pair":
            high, low = draw(_HIGH), draw(_LOW)
            pieces.append(f"\\u{high:04x}\\u{low:04x}")
        else:
            pieces.append("\\" + draw(_SIMPLE))
    return "".join(pieces)


@settings(FUZZ, max_examples=400 * SCALE)
@given(escaped_scalar(), st.booleans())
def test_escapes_in_double_quoted_scalars_read_alike_on_both_loaders(inner: str, key: bool):
    """The fast loader declines or agrees with libyaml, and neither ever raises past the
    loader: whatever the escapes, loading gives a model or per-file problems."""
    from pdp_lint.load.compose import compose
    from pdp_lint.load.fast import compose_fast
    from pdp_lint.load.loader import load_text
    from pdp_lint.load.source import SourceText
    from tests.hardening.helpers import CLEAN
    from tests.test_fastyaml import same

    quoted = f'"{inner}"'
    text = (
        CLEAN.replace("  team: Demo Team", f"  {quoted}: Demo Team")
        if key
        else CLEAN.replace("summary: Knows things.", f"summary: {quoted}")
    )
    src = SourceText(Path("escapes.yaml"), text)
    fast = compose_fast(src)
    if fast is not None:
        try:
            slow = compose(src)
        except Exception as exc:
            pytest.fail(f"the fast loader accepted {quoted} which libyaml refuses: {exc}")
        assert same(fast, slow) == [], quoted
    loaded = load_text(src)
    assert loaded.framework is not None or loaded.problems, quoted


#: what a flow value is made of: words, URLs and times (colons inside), question marks
#: and indicators inside or at the start, quotes, commas, YAML's special words. Left
#: out: a value starting with `?` and a lone `&` or `*` after a space, which YAML 1.2 and
#: rapidyaml read as text and libyaml does not (README, "YAML")
_FLOW_PIECE = st.sampled_from(
    [
        "Learns", "x:y", "10:30", "https://e.com/p?q=1#f", "-x", "x?", "x#y", "x #y",
        "'q'", '"d"', "a,b", "yes", "no", "~", "null", "1e3", "+1", ".5", "2026-01-02",
        "é", "x!", "%", "% x", "x|y", "x>y", "x]", "x}", "x'", 'x"', "-", ": x", "x:",
        "a\u00a0b", "…", "—", "!", "a - b", "a ? b", "a: b", "@x", "x@", "`x", "[x]", "{x}",
    ]
)  # fmt: skip
_FLOW_VALUE = st.lists(_FLOW_PIECE, min_size=1, max_size=4).map(" ".join)


@settings(FUZZ, max_examples=200 * SCALE)
@given(_FLOW_VALUE, _FLOW_VALUE, st.booleans())
def test_flow_values_read_alike_on_both_paths(text: str, example: str, flow: bool):
    """A behavior written in flow style (or its examples only): where the fast path
    reads the framework, the careful path gives the same problems and the same model.
    Colons and question marks inside such values were syntax errors on the careful path
    only, and `% x` was text on the fast path only."""
    from pdp_lint.load.compose import compose_fast
    from pdp_lint.load.loader import load_text
    from pdp_lint.load.source import SourceText
    from tests.hardening.helpers import CLEAN
    from tests.test_fastyaml import content

    behavior = CLEAN[CLEAN.index("              - id: learns") :]
    if flow:
        written = (
            f"              - {{id: learns, text: {text},\n"
            f"                 examples: [{{id: training, text: {example}}}]}}\n"
        )
    else:
        written = (
            f"              - id: learns\n                text: {text}\n"
            f"                examples: [{{id: training, text: {example}}}]\n"
        )
    src = SourceText(Path("flow.yaml"), CLEAN.replace(behavior, written))
    if compose_fast(src) is None:
        return  # the careful path reads it either way
    fast, careful = load_text(src), load_text(src, fast=False)

    def problems(loaded: Any) -> list[tuple[str, int, int, str]]:
        return [(p.code, p.line, p.column, p.message) for p in loaded.problems]

    assert problems(fast) == problems(careful), written
    assert (fast.framework is None) == (careful.framework is None), written
    if fast.framework is not None:
        assert content(fast.framework) == content(careful.framework), written


@pytest.mark.parametrize(("scale", "examples", "random"), [("", 300, False), ("7", 2100, True)])
def test_a_longer_hunt_is_asked_for_with_the_scale(
    monkeypatch: pytest.MonkeyPatch, scale: str, examples: int, random: bool
) -> None:
    import importlib.util

    monkeypatch.setenv("PDP_FUZZ_SCALE", scale)
    spec = importlib.util.spec_from_file_location("fuzz_scaled", __file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    chosen = module.test_check_survives_any_damage._hypothesis_internal_use_settings
    assert (chosen.max_examples, chosen.derandomize) == (examples, not random)
