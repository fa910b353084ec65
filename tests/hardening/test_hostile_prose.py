"""Prose with control characters, invisible marks, markup and huge lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.exporters.handout_helpers import EPOCH, docx_text, html_text
from tests.hardening.helpers import CLEAN, SUMMARY_LINE, check, measured, pdp_lint, write

SCRIPT = '<script>alert("x")</script> <b>bold</b> &amp; <img src=x onerror=alert(1)>'


def _summary(value: str) -> str:
    return CLEAN.replace("summary: Knows things.", f"summary: {value}")


@pytest.mark.parametrize(
    ("case", "value", "code", "words", "status"),
    [
        ("bell_as_a_yaml_escape", '"Knows\\x07 things."', "TX07", "control character (U+0007)", 1),
        ("zero_width_space", "Knows\u200b things.", "TX08", "zero-width space (U+200B)", 0),
        ("right_to_left_override", "Knows \u202ethings.", "TX08", "right-to-left override", 0),
    ],
)
def test_control_and_invisible_characters_are_named(
    tmp_path: Path, case: str, value: str, code: str, words: str, status: int
):
    run, path = check(tmp_path, _summary(value))
    assert run.status == status  # invisible characters are warnings
    assert len(run.problems()) == 1, run.out
    assert run.problems()[0].startswith(f"{path.as_posix()}:{SUMMARY_LINE}:")
    assert f" {code} " in run.problems()[0] and words in run.problems()[0]


@pytest.fixture
def exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    path = write(tmp_path / "fw", _summary(f"'{SCRIPT}'"))
    out = tmp_path / "out"
    run = pdp_lint("export", path, "--out", out, "--kind", "role", "--force")
    assert run.status == 0, run.err
    return out / "demo"


def test_markup_in_prose_is_shown_as_text_in_html(exported: Path):
    page = (exported / "expert.html").read_bytes()
    assert b"<script>alert" not in page
    assert b"<b>bold</b>" not in page
    assert b"<img" not in page
    assert b"&lt;script&gt;" in page
    assert SCRIPT in html_text(page)


def test_markup_in_prose_is_intact_text_in_word(exported: Path):
    assert SCRIPT in docx_text((exported / "expert.docx").read_bytes())


def test_a_one_megabyte_line_is_checked_fast_and_the_report_windows_it(tmp_path: Path):
    value = "word " * 200_000 + "the  end."
    run, path = check(tmp_path, _summary(value))
    assert run.status == 1
    assert run.problems() == [
        # the word repeated 200,000 times is one finding, not 100,000
        f"{path.as_posix()}:{SUMMARY_LINE}:{len('        summary: ') + 1}: warning: GR02 "
        "`word` is written 200000 times in a row: `word word`; keep one. "
        "[wording.repeated-word]",
        f"{path.as_posix()}:{SUMMARY_LINE}:{len('        summary: ') + len(value) - 5}: "
        "error: TX02 the summary of `expert` has a doubled space; use one space. [text.whitespace]",
    ]
    assert max(len(line) for line in run.out.splitlines()) < 200, "the line is windowed"
    assert "the  end." in run.out
    assert run.cpu_seconds < 10, run.cpu_seconds  # CPU: not stretched by a busy machine
    assert run.seconds < 60, run.seconds


def test_a_one_megabyte_word_is_checked_fast(tmp_path: Path):
    """Measured in CPU time (1.6 s), not elapsed time, which the machine's load skews."""
    path = write(tmp_path, _summary("x" * 1_000_000))
    run = measured("check", "--no-cache", path, cpu_seconds=30)
    assert run.status in (0, 1), run
    assert "Traceback" not in run.err and "internal error" not in run.err
    assert run.cpu_seconds < 10, run.cpu_seconds
    assert run.peak_bytes < 1024**3, run.peak_bytes


@pytest.mark.parametrize(
    ("value", "code"),
    [
        # ST05 and ST06 joined a chain of slashed acronyms one term at a time, keeping
        # every prefix: 619 MB for this 60 kB text, 6.2 GB and 18 s for 210 kB
        ("AB/" * 20_000 + "AB", "ST05"),
        # TX05 searched the stack of open brackets for each closer: 13.6 s of CPU
        ("'x " + "[" * 16_000 + ")" * 16_000 + "'", "TX05"),
    ],
    ids=["slashed_acronyms", "brackets"],
)
def test_a_text_of_repeated_marks_costs_its_length_not_its_square(
    tmp_path: Path, value: str, code: str
):
    path = write(tmp_path, _summary(value))
    run = measured("check", "--no-cache", "--format", "json", path, cpu_seconds=60)
    assert run.status in (0, 1), run  # ST05 is a warning, TX05 an error
    assert f'"code": "{code}"' in run.out
    assert run.cpu_seconds < 5, run.cpu_seconds  # CPU: not stretched by a busy machine
    assert run.peak_bytes < 300 * 1024**2, run.peak_bytes


_LONG_TITLE = (
    "Customer Experience Knowledge Management and Service Quality for Global Support Teams "
    "in Every Region, Product Line, Channel and Language, Including Partner Organizations, "
    "Outsourced Contact Centers, Field Engineers, Escalation Desks and the Specialists Who "
    "Train, Coach and Assess Them Every Quarter PDP"
)


def test_a_title_longer_than_word_properties_hold_is_exported_whole(tmp_path: Path, monkeypatch):
    """Word's document properties hold 255 characters; the schema sets no limit on a
    title, so the property is shortened (at a word, with an ellipsis) and the handout's
    text keeps the whole title."""
    import docx

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    role = f"Expert in {_LONG_TITLE}"
    text = CLEAN.replace("title: Demo PDP", f"title: {_LONG_TITLE}")
    path = write(tmp_path / "fw", text.replace("title: Expert", f"title: {role}"))
    assert len(_LONG_TITLE) > 255
    assert pdp_lint("check", "--no-cache", path).out == "", "the framework is lint-clean"
    out = tmp_path / "out"
    run = pdp_lint("export", "--out", out, path)
    assert run.status == 0, run
    for name, whole in (("demo.docx", _LONG_TITLE), ("expert.docx", role)):
        data = (out / "demo" / name).read_bytes()
        title = docx.Document(out / "demo" / name).core_properties.title
        assert len(title) <= 255 and title.endswith("\u2026"), title
        assert whole.startswith(title[:-1]) and title[-2] != " ", "cut at a word"
        assert whole in docx_text(data), f"{name} holds the whole title"
    assert _LONG_TITLE in html_text((out / "demo" / "demo.html").read_bytes())


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x9b", "\x7f"])
def test_a_raw_control_character_is_tx07_and_fixed_whichever_path_reads_the_file(
    tmp_path: Path, char: str
):
    """YAML does not allow a control character written raw. The fast path read past
    it, so that TX07 pointed at it and removed it; libyaml, which reads a file the fast
    path declines (a block scalar, an anchor, a problem), refused the whole file (SY01,
    no fix): a file's findings depended on which path read it."""
    plain = _summary(f"Knows{char} things.")
    folded = _summary(f">-\n          Knows{char} things.")  # a block scalar: the careful path
    for name, text, line, column in (
        ("plain", plain, SUMMARY_LINE, 23),
        ("folded", folded, SUMMARY_LINE + 1, 16),
    ):
        run, path = check(tmp_path / name, text)
        assert run.problems() == [
            f"{path.as_posix()}:{line}:{column}: error: TX07 the summary of `expert` has a "
            f"control character (U+{ord(char):04X}) that Word cannot store; remove it. "
            "[text.control-character]"
        ], run.out
        fixed = pdp_lint("fix", path)
        assert fixed.status == 0, fixed.out + fixed.err
        assert path.read_text(encoding="utf-8") == text.replace(char, "")


#: what a terminal acts on, written raw into a summary: an escape sequence (colour, then
#: a window title), a bell, a line separator and a right-to-left override
_TERMINAL = "Knows \x1b[31mred\x1b[0m \x1b]0;owned\x07 and\u2028the \u202eend things."


@pytest.mark.parametrize("color", ["--no-color", "--color"])
def test_text_that_a_terminal_would_act_on_is_shown_not_run(tmp_path: Path, color: str):
    """The report shows a framework's characters a terminal would act on as visible
    ones (control pictures, ␤, �), in the excerpt, the message and the suggestion, so
    the text cannot colour, retitle or rewrite the terminal, and the caret stays under
    the character it points at."""
    path = write(tmp_path / "fw", _summary(f"'{_TERMINAL}'"))
    run = pdp_lint("check", color, path, cwd=tmp_path)
    assert run.status == 1
    out = run.out
    for raw in ("\x07", "\u2028", "\u202e", "\x1b]", "\x1b[31mred"):
        assert raw not in out, repr(raw)
    if color == "--color":  # the report's own colours only
        assert set(re.findall(r"\x1b[^m]*m", out)) <= {
            "\x1b[0m",
            "\x1b[1m",
            "\x1b[31m",
            "\x1b[33m",
            "\x1b[36m",
        }
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "Knows ␛[31mred␛[0m ␛]0;owned␇ and␤the �end things." in plain
    lines = plain.splitlines()
    marks = {"TX07": "␛␇", "TX08": "�", "TX09": "␤"}
    pointed = []
    for i, line in enumerate(lines):
        found = re.match(r".*:\d+:\d+: \w+: (TX0[789]) ", line)
        if found is not None:
            excerpt, caret = lines[i + 1], lines[i + 2]
            pointed.append(excerpt[caret.index("^")])
            assert pointed[-1] in marks[found[1]], (line, excerpt, caret)
    assert sorted(pointed) == sorted("␛␛␛␇␤�")
