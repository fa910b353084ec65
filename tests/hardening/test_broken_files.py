"""Broken and hostile framework files: one clear line each, the right exit status.

Every case runs the real command line in a child process: one line per problem naming
the file and line, exit 1 for content and 2 for input that cannot be read, no traceback.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from pdp_lint.load.careful import _STAND_INS
from tests.hardening.helpers import CLEAN, SUMMARY_LINE, check, pdp_lint, write


def _summary(value: str) -> str:
    return CLEAN.replace("summary: Knows things.", f"summary: {value}")


def _title(value: str) -> str:
    return CLEAN.replace("title: Demo PDP", f"title: {value}")


# (bytes of the file, exit status, code, words of the message, line)
CASES: dict[str, tuple[bytes, int, str, str, int]] = {
    "invalid_utf8": (
        CLEAN.encode().replace(b"Knows things.", b"Knows th\xe9ngs."),
        2,
        "IO01",
        "not valid UTF-8 (byte 0xe9",
        SUMMARY_LINE,
    ),
    "utf16_without_bom_le": (
        CLEAN.encode("utf-16-le"),
        2,
        "IO01",
        "looks like UTF-16 without a byte-order mark; save the file as UTF-8",
        1,
    ),
    "utf16_without_bom_be": (
        CLEAN.encode("utf-16-be"),
        2,
        "IO01",
        "looks like UTF-16 without a byte-order mark; save the file as UTF-8",
        1,
    ),
    "utf32": (CLEAN.encode("utf-32"), 2, "IO01", "UTF-32; save it as UTF-8", 1),
    # YAML reads the lone CRs as line breaks, positions count line feeds: every finding
    # was on line 1, at column 571
    "cr_line_endings": (
        CLEAN.replace("\n", "\r").encode(),
        2,
        "IO01",
        "has CR line endings (classic Mac OS); save it with LF (or CRLF) line endings",
        1,
    ),
    "nul_byte": (CLEAN.encode() + b"\x00\x01binary", 2, "IO01", "NUL byte", CLEAN.count("\n") + 1),
    "tab_indentation": (
        CLEAN.replace("  team: Demo Team", "\tteam: Demo Team").encode(),
        1,
        "SY01",
        "indented with a tab; tabs cannot indent YAML, use spaces",
        4,
    ),
    "syntax_error": (b"id: demo\ntitle: [a, b\nowner: x\n", 1, "SY01", "YAML syntax error", 3),
    "unclosed_quote": (
        b'id: demo\ntitle: "unclosed\nowner: x\n',
        1,
        "SY01",
        "YAML syntax error: found unexpected end of stream",
        4,
    ),
    # the YAML reader's refusal had no line (1:1) and a second line of its own; it
    # refuses a control character only where the text holds every stand-in the careful
    # path gives such characters while libyaml reads (see test_hostile_prose.py)
    "control_character_where_the_yaml_reader_refuses_it": (
        "# {}\nid: demo\ntitle: Demo\nowner:\n  team: a\x1bb\n".format(
            "".join(_STAND_INS)
        ).encode(),
        1,
        "SY01",
        "5:10: error: SY01 YAML syntax error: control character U+001B is not allowed in YAML; "
        "remove it",
        5,
    ),
    "duplicate_key": (
        CLEAN.replace("title: Demo PDP\n", "title: Demo PDP\ntitle: Again\n").encode(),
        1,
        "SY02",
        "duplicate key `title` (first at line 2, column 1)",
        3,
    ),
    "anchor_and_alias": (
        CLEAN.replace("title: Demo PDP", "title: &t Demo PDP")
        .replace("summary: Knows things.", "summary: *t")
        .encode(),
        1,
        "SY04",
        "through an alias; write the content out",
        SUMMARY_LINE,
    ),
    "merge_key": (
        CLEAN.replace(
            "owner:\n  team: Demo Team", "base: &b\n  team: Demo Team\nowner:\n  <<: *b"
        ).encode(),
        1,
        "SY04",
        "merge keys (`<<`) are not supported",
        6,
    ),
    "python_object_tag": (
        _title("!!python/object:os.system {}").encode(),
        1,
        "SY03",
        "tag `!!python/object:os.system` is not allowed",
        2,
    ),
    "python_object_apply_tag": (
        _title("!!python/object/apply:os.system [touch, /tmp/pdp-lint-pwned]").encode(),
        1,
        "SY03",
        "tag `!!python/object/apply:os.system` is not allowed",
        2,
    ),
    "binary_tag": (_title("!!binary aGVsbG8=").encode(), 1, "SY03", "tag `!!binary`", 2),
    "custom_tag": (_title("!foo bar").encode(), 1, "SY03", "tag `!foo` is not allowed", 2),
    "yaml11_boolean": (
        _summary("yes").encode(),
        1,
        "SY05",
        "`yes` is read as a boolean by YAML 1.1 tools; quote it",
        SUMMARY_LINE,
    ),
    "number_where_text_belongs": (
        _summary("12").encode(),
        1,
        "SC01",
        'should be text, but YAML reads `12` as a whole number; quote it ("12")',
        SUMMARY_LINE,
    ),
    "date_where_text_belongs": (
        _summary("2024-01-01").encode(),
        1,
        "SY05",
        "`2024-01-01` is read as a date; quote it",
        SUMMARY_LINE,
    ),
    "empty_file": (b"", 1, "SC01", "the file has no content", 1),
    "only_a_comment": (b"# nothing yet\n", 1, "SC01", "the file has no content", 1),
    "list_instead_of_mapping": (
        b"- id: demo\n- title: Demo\n",
        1,
        "SC01",
        "a framework must be a mapping of keys such as `id:` and `title:`, not a list",
        1,
    ),
    "multi_document": (
        (CLEAN + "---\n" + CLEAN).encode(),
        1,
        "SY01",
        "another document",
        CLEAN.count("\n") + 1,
    ),
    "unknown_references": (
        CLEAN.replace("builds_on: expert", "builds_on: ghost").encode(),
        1,
        "ST01",
        "builds on role `ghost`, which does not exist",
        CLEAN.splitlines().index("        builds_on: expert") + 1,
    ),
    "unknown_competency": (
        CLEAN.replace(
            "competency: knowledge\n            description",
            "competency: nope\n            description",
        ).encode(),
        1,
        "ST01",
        "competency `nope`, which does not exist",
        CLEAN.splitlines().index("            description: Knows more things."),
    ),
    "duplicate_ids": (
        CLEAN.replace("id: senior-expert", "id: expert").encode(),
        1,
        "ST02",
        "role id `expert` is used twice",
        CLEAN.splitlines().index("      - id: senior-expert") + 1,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_broken_file_is_one_clear_line_with_the_right_exit_status(tmp_path: Path, case: str):
    data, status, code, words, line = CASES[case]
    run, path = check(tmp_path / case, data)
    assert run.status == status, run.out + run.err
    first = next(p for p in run.problems() if f" {code} " in p)
    assert first.startswith(f"{path.as_posix()}:{line}:"), first
    assert words in first, first
    assert first.endswith("]"), "one line: message then [rule name]"
    assert not Path("/tmp/pdp-lint-pwned").exists()


@pytest.mark.parametrize(
    "case", ["python_object_tag", "custom_tag", "anchor_and_alias", "binary_tag"]
)
def test_a_refused_value_is_told_once_not_again_as_empty(tmp_path: Path, case: str):
    run, _ = check(tmp_path, CASES[case][0])
    assert run.codes() == [CASES[case][2]], run.out


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8_bom", codecs.BOM_UTF8 + CLEAN.encode()),
        ("utf16_le_bom", codecs.BOM_UTF16_LE + CLEAN.encode("utf-16-le")),
        ("utf16_be_bom", codecs.BOM_UTF16_BE + CLEAN.encode("utf-16-be")),
        ("crlf", CLEAN.replace("\n", "\r\n").encode()),
        ("utf8_bom_crlf", codecs.BOM_UTF8 + CLEAN.replace("\n", "\r\n").encode()),
    ],
)
def test_byte_order_marks_and_crlf_are_read_normally(tmp_path: Path, name: str, data: bytes):
    run, _ = check(tmp_path, data)
    assert (run.status, run.out, run.err) == (0, "", "")


def test_positions_after_a_bom_and_crlf_match_what_an_editor_shows(tmp_path: Path):
    data = codecs.BOM_UTF8 + _summary("Knows  things.").replace("\n", "\r\n").encode()
    run, path = check(tmp_path, data)
    assert run.problems()[0].startswith(f"{path.as_posix()}:{SUMMARY_LINE}:23: error: TX02 ")


def test_billion_laughs_finishes_fast_in_little_memory_and_names_the_file(tmp_path: Path):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\n", "bomb.yaml")
    script = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        f"p = subprocess.run([sys.executable, '-m', 'pdp_lint', 'check', '{path}'],"
        " capture_output=True, text=True);"
        "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, p.returncode);"
        "print(p.stdout)"
    )
    run = pdp_lint_python(script)
    seconds, cpu, rss_kb, status = run.splitlines()[0].split()
    report = run.split("\n", 1)[1]
    assert int(status) == 1
    assert f"{path.as_posix()}:2:" in report and " SY04 " in report
    # the whole command, interpreter start included; CPU time is what a busy machine
    # (or the other test worker) cannot inflate, the elapsed time only guards against
    # a hang
    assert float(cpu) < 1.0, cpu
    assert float(seconds) < 20.0, seconds
    assert int(rss_kb) < 100 * 1024, rss_kb


def pdp_lint_python(script: str) -> str:
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return done.stdout


@pytest.mark.parametrize(
    ("shape", "text"),
    [
        ("flow_sequences", "id: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        ("flow_mappings", "id: " + "{a: " * 10_000 + "}" * 10_000 + "\n"),
        ("block_sequences", "- " * 10_000 + "x\n"),
    ],
)
def test_ten_thousand_levels_deep_is_refused_quickly(tmp_path: Path, shape: str, text: str):
    # a child process: its stack is the command line's own, not under the test runner's
    run, _ = check(tmp_path, text, child=True)
    assert run.status == 1
    assert any(" SY06 nested more than 64 levels deep" in p for p in run.problems())
    # CPU time, which parallel workers and a busy machine do not stretch; the elapsed
    # time only guards against a hang
    assert run.cpu_seconds < 5, run.cpu_seconds
    assert run.seconds < 60, run.seconds


@pytest.mark.parametrize(
    ("shape", "text"),
    [
        ("flow_sequences", "tracks: " + "[" * 50_000 + "]" * 50_000 + "\n"),
        ("flow_mappings", "id: " + "{a: " * 40_000 + "}" * 40_000 + "\n"),
        ("unclosed", "id: " + "[" * 50_000 + "\n"),
    ],
)
def test_fifty_thousand_levels_of_flow_nesting_are_refused_before_libyaml_reads_them(
    tmp_path: Path, shape: str, text: str
):
    """libyaml's composer recurses in C once per level: some 30,000 levels of brackets
    overflowed the stack, a segmentation fault (exit 139) no handler sees."""
    run, path = check(tmp_path, text, child=True)
    assert run.status == 1, run
    # at the bracket that opens one level too many
    column = text.index("[" if shape != "flow_mappings" else "{") + 1
    column += 5_000 * (4 if shape == "flow_mappings" else 1)
    assert run.problems() == [
        f"{path.as_posix()}:1:{column}: error: SY06 nested more than 64 levels deep; "
        "flatten the structure [syntax.depth]"
    ]
    assert run.cpu_seconds < 5, run.cpu_seconds


def test_a_file_over_the_configured_size_is_refused_and_others_still_checked(tmp_path: Path):
    (tmp_path / "pdp-lint.toml").write_text("max-file-size = 2000\n")
    big = write(tmp_path, CLEAN + "# padding\n" * 300, "big.yaml")
    small = write(tmp_path, CLEAN.replace("id: demo", "id: other"), "small.yaml")
    run = pdp_lint("check", "--no-color", big, small, cwd=tmp_path)
    assert run.status == 2
    assert run.problems() == [
        f"{big.as_posix()}:1:1: error: IO01 file is {big.stat().st_size:,} bytes, over the "
        "2,000-byte limit; split it or raise `max-file-size` in the configuration "
        "[input.unreadable]"
    ]
    assert "(2 checked)" in run.out


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d\\ude00", "\\U0000d800"])
def test_a_surrogate_escape_is_a_problem_of_its_file_for_check_fix_and_export(
    tmp_path: Path, escape: str
):
    """libyaml refuses an escape of a surrogate (lone or paired); the fast loader once
    decoded it to bytes that are not UTF-8 and stopped the whole run."""
    folder = tmp_path / "fw"
    bad = write(folder, CLEAN.replace("Knows things.", f'"{escape} Knows things."'), "bad.yaml")
    other = write(folder, CLEAN.replace("id: demo", "id: other").replace("Knows", "Knows  "))
    told = (
        "SY01 YAML syntax error: found invalid Unicode character escape code (while parsing "
        "a quoted scalar) [syntax.yaml]"
    )
    run = pdp_lint("check", "--no-color", "--no-cache", folder)
    assert run.status == 1, run
    (line,) = [p for p in run.problems() if p.startswith(f"{bad.as_posix()}:")]
    assert line.startswith(f"{bad.as_posix()}:{SUMMARY_LINE}:") and line.endswith(told), line
    assert f"{other.as_posix()}:{SUMMARY_LINE}:" in run.out, "the other file is still checked"
    assert "(2 checked)" in run.out

    fixed = pdp_lint("fix", "--no-color", folder)
    assert fixed.status == 1 and told in fixed.out, fixed
    assert "Knows things." in other.read_text(), "the other file is still fixed"
    assert bad.read_text() == CLEAN.replace("Knows things.", f'"{escape} Knows things."')

    exported = pdp_lint("export", "--format", "html", "--out", tmp_path / "out", bad)
    assert exported.status == 1, exported
    assert exported.err.splitlines() == [
        f"pdp-lint: {bad.as_posix()} cannot be exported: it has 1 error that stop it from "
        f"loading; see `pdp-lint check {bad.as_posix()}`"
    ]
