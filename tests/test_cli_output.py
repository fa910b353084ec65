"""What the command line prints: severities, colour, diffs, binary files, help, rules."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from pdp_lint.fix.fixer import show_invisible
from tests.conftest import AS_FOUND, ROOT
from tests.hardening.helpers import CLEAN

ANSI = re.compile(r"\x1b\[[0-9;]*m")

#: one error (a doubled space) and one warning (a zero-width space)
MIXED = CLEAN.replace("summary: Knows things.", "summary: Knows  things.").replace(
    "Teaches the product.", "Teaches the\u200b product."
)


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m pdp_lint`` with its output piped, and no colour variable set but ``env``."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "PDP_LINT_DEBUG", "TERM"}
    }
    done = subprocess.run(
        [sys.executable, "-m", "pdp_lint", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**base, "PYTHONPATH": str(ROOT), **(env or {})},
        check=False,
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return done


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(MIXED, encoding="utf-8")
    return path


# --- severity on each line ---------------------------------------------------------


def test_each_problem_line_says_whether_it_is_an_error_or_a_warning(mixed: Path):
    done = run("check", "--no-cache", mixed.name, cwd=mixed.parent)
    heads = [line for line in done.stdout.splitlines() if line.startswith("demo.yaml:")]
    assert heads == [
        "demo.yaml:24:23: error: TX02 the summary of `expert` has a doubled space; "
        "use one space. [text.whitespace]",
        "demo.yaml:41:34: warning: TX08 behavior `teaches` has an invisible zero-width "
        "space (U+200B); remove it. [text.invisible-character]",
    ]
    assert done.stdout.splitlines()[-1].startswith("Found 1 error, 1 warning in 1 file")


def test_the_readme_example_shows_the_severity():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"^\S+\.yaml:\d+:\d+: .*$", readme, flags=re.M)
    assert examples
    assert all(re.match(r"^\S+:\d+:\d+: (error|warning|info): [A-Z]{2}\d\d ", e) for e in examples)


# --- colour ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ((), {}, False),  # piped: plain
        (("--color",), {}, True),  # the flag forces colour into a pipe
        ((), {"FORCE_COLOR": "1"}, True),
        ((), {"FORCE_COLOR": ""}, False),  # empty means unset, as the convention says
        ((), {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),  # NO_COLOR wins
        (("--color",), {"NO_COLOR": "1"}, True),  # the flag wins over the variables
        (("--no-color",), {"FORCE_COLOR": "1"}, False),
    ],
)
def test_color_follows_the_flag_then_no_color_then_force_color(
    mixed: Path, args: tuple[str, ...], env: dict[str, str], coloured: bool
):
    done = run("check", "--no-cache", *args, mixed.name, cwd=mixed.parent, env=env)
    assert done.returncode == 1
    assert bool(ANSI.search(done.stdout)) is coloured
    assert ANSI.sub("", done.stdout).startswith("demo.yaml:24:23: error: TX02 ")
    if coloured:  # the severity word itself is coloured: red for an error
        assert "\x1b[31m\x1b[1merror:\x1b[0m" in done.stdout


def test_a_report_file_is_coloured_only_by_the_flag(mixed: Path):
    out = mixed.parent / "report.txt"
    run("check", "-o", out, mixed.name, cwd=mixed.parent, env={"FORCE_COLOR": "1"})
    assert not ANSI.search(out.read_text(encoding="utf-8"))
    run("check", "--color", "-o", out, mixed.name, cwd=mixed.parent)
    assert ANSI.search(out.read_text(encoding="utf-8"))


# --- fix --diff --------------------------------------------------------------------


def test_show_invisible_names_every_invisible_character():
    text = "a\u00a0b\u200bc\td\u00ade\u200e  "
    assert show_invisible(text) == "a<NBSP>b<ZWSP>c<TAB>d<SHY>e<U+200E><SP><SP>"
    assert show_invisible("plain text, with spaces") == "plain text, with spaces"


def test_diff_makes_a_replaced_nonbreaking_space_visible_and_ends_with_a_summary(tmp_path):
    path = tmp_path / "demo.yaml"
    dirty = MIXED.replace("Knows  things.", "Knows\u00a0things.").replace(
        "Runs sessions.", "Runs sessions. TODO"
    )
    path.write_text(dirty, encoding="utf-8")
    done = run("fix", "--diff", path.name, cwd=tmp_path)
    assert done.returncode == 1
    changed = [line for line in done.stdout.splitlines() if line[:1] in "+-"][2:]
    assert changed == [
        "-        summary: Knows<NBSP>things.",
        "+        summary: Knows things.",
        "-                text: Teaches the<ZWSP> product.",
        "+                text: Teaches the product.",
    ]
    assert done.stderr.splitlines() == [
        "Would fix 2 problems in 1 file (1 checked); run `pdp-lint fix` to apply.",
        # the placeholder needs a person
        "Left after fixing: 1 error; see `pdp-lint check`.",
    ]
    assert path.read_text(encoding="utf-8") == dirty


def test_diff_of_a_last_line_without_a_line_break_says_so(tmp_path: Path):
    path = tmp_path / "demo.yaml"
    path.write_text(CLEAN.rstrip("\n") + "\u00a0", encoding="utf-8")
    done = run("fix", "--diff", path.name, cwd=tmp_path)
    assert done.stdout.endswith(
        "-                text: Runs sessions.<NBSP>\n"
        "\\ No newline at end of file\n"
        "+                text: Runs sessions.\n"
        "\\ No newline at end of file\n"
    )
    assert done.stderr.splitlines()[-1] == "Nothing would be left to fix by hand."


def test_diff_with_nothing_to_fix_says_so_and_exits_0(tmp_path: Path):
    (tmp_path / "demo.yaml").write_text(CLEAN, encoding="utf-8")
    done = run("fix", "--diff", "demo.yaml", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr.splitlines() == [
        "Nothing to fix in 1 file.",
        "Nothing would be left to fix by hand.",
    ]


def test_diff_of_a_missing_file_names_it_and_exits_2(tmp_path: Path):
    done = run("fix", "--diff", "nothere.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert "pdp-lint: nothere.yaml: no such file or directory" in done.stderr


def test_diff_is_coloured_when_forced(tmp_path: Path):
    (tmp_path / "demo.yaml").write_text(MIXED, encoding="utf-8")
    done = run("fix", "--diff", "--color", "demo.yaml", cwd=tmp_path)
    assert "\x1b[31m-        summary: Knows" in done.stdout
    assert "\x1b[7m<ZWSP>\x1b[0m" in done.stdout


# --- binary files and unwritable outputs -------------------------------------------


def _elf() -> bytes:
    data = Path(sys.executable).resolve().read_bytes()[:65536]
    assert data.startswith(b"\x7fELF")
    return data


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_elf(), "is a binary file (an ELF executable or library), not a framework"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "is a binary file (a PNG image)"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "is a binary file (a ZIP archive"),
        # an executable without its magic number: NULs on both sides of the byte pairs
        (_elf()[4:], "is a binary file, not text (a NUL byte at byte"),
    ],
    ids=["elf", "png", "docx", "elf_without_magic"],
)
def test_a_binary_file_is_called_a_binary_file(tmp_path: Path, data: bytes, words: str):
    (tmp_path / "demo.yaml").write_bytes(data)
    done = run("check", "--no-cache", "demo.yaml", cwd=tmp_path)
    assert done.returncode == 2
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("demo.yaml:")]
    assert words in line and "UTF-16" not in line, line


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_an_output_path_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path, option: str):
    (tmp_path / "demo.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "file").write_text("", encoding="utf-8")
    done = run("check", option, "file/report.txt", "demo.yaml", cwd=tmp_path)
    assert done.returncode == 2
    what = "report" if option == "--output" else "baseline"
    assert done.stderr.splitlines() == [
        f"pdp-lint: cannot write the {what} to file/report.txt: a part of the path is a "
        f"file, not a folder; choose another {option} path"
    ]


# --- SARIF, help, rules ------------------------------------------------------------


def test_sarif_information_uri_is_the_home_page_of_the_package_metadata(mixed: Path):
    urls = dict(
        entry.split(", ", 1) for entry in metadata.metadata("pdp-lint").get_all("Project-URL")
    )
    done = run("check", "--format", "sarif", mixed.name, cwd=mixed.parent)
    driver = json.loads(done.stdout)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == urls["Homepage"]
    assert "pypi.org" not in driver["informationUri"]


def test_help_shows_every_command_summary_whole():
    done = run("--help", cwd=ROOT, env={"COLUMNS": "60"})
    commands = done.stdout.split("Commands:")[1]
    assert "..." not in commands
    flat = " ".join(commands.split())
    assert (
        "Check framework files (default: frameworks/ if present, else here) and report "
        "problems." in flat
    )
    assert (
        "Write handouts of the frameworks in PATHS (default: frameworks/): Word, HTML, Excel, "
        "CSV." in flat
    )


def test_rules_says_whether_fixes_are_safe_or_unsafe():
    done = run("rules", cwd=ROOT)
    rows = {
        line.split()[0]: line.split()[3]
        for line in done.stdout.splitlines()[1:]
        if line[:1].isupper() and line[2:4].isdigit()
    }
    assert (rows["TX02"], rows["SP01"], rows["SP02"], rows["GR01"]) == (
        "safe",
        "safe/unsafe",
        "unsafe",
        "unsafe",
    )
    assert "unsafe = only with `--unsafe-fixes`" in done.stdout
    json_rows = json.loads(run("rules", "--format", "json", cwd=ROOT).stdout)
    assert {r["code"]: r["fix_safety"] for r in json_rows}["SP02"] == "unsafe"


def test_every_fix_on_the_as_found_corpus_is_as_safe_as_its_rule_says():
    from pdp_lint.engine.check import run_check
    from pdp_lint.engine.config import Settings
    from pdp_lint.rules import all_rules

    rules = all_rules()
    settings = Settings(root=ROOT, extend_select=("DU04",))
    seen: dict[str, set[bool]] = {}
    for problem in run_check([AS_FOUND], settings, cache=False).report.problems:
        if problem.fix is not None:
            assert rules[problem.code].fixable, problem.code
            seen.setdefault(problem.code, set()).add(problem.fix.safe)
    # safe (TX02, TX03) and unsafe (GR01, SP02) fixes are both there to compare
    assert len(seen) >= 4 and {True, False} <= set().union(*seen.values())
    for code, safeties in seen.items():
        declared = rules[code].fix_safety
        allowed = {"safe": {True}, "unsafe": {False}, "safe/unsafe": {True, False}}[declared]
        assert safeties <= allowed, (code, declared, safeties)
