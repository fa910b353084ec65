"""The parts of the server that need no client: loading buffers, positions, and the
edits behind code actions."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from pdp_lint.load.loader import load_unsaved
from pdp_lint.model.problem import Problem, Severity
from pdp_lint.server.actions import suppression_edit, vocabulary_term
from pdp_lint.server.checking import Workspace, looks_like_framework
from pdp_lint.server.positions import Lines
from tests.conftest import MINIMAL, load_yaml


def test_an_unsaved_buffer_is_refused_as_its_saved_file_would_be(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    nul = load_unsaved(path, MINIMAL + "\x00")
    assert [p.code for p in nul.problems] == ["IO01"] and nul.unreadable
    big = load_unsaved(path, MINIMAL, max_bytes=10)
    assert "over the 10-byte limit" in big.problems[0].message
    assert load_unsaved(path, MINIMAL).framework is not None


def test_positions_count_utf16_units_for_characters_beyond_the_bmp() -> None:
    lines = Lines("a😀b\r\nc")
    assert lines.position(1, 3) == types.Position(line=0, character=3)  # after the emoji
    assert lines.offset(types.Position(line=0, character=3)) == 2
    assert lines.line(0) == "a😀b"
    assert lines.position(2, 2) == types.Position(line=1, character=1)
    utf8 = Lines("a😀b", types.PositionEncodingKind.Utf8)
    assert utf8.position(1, 3).character == 5


def _problem(line: int) -> Problem:
    return Problem("f.yaml", line, 1, line, 2, "SP01", "spelling.misspelled", Severity.ERROR, "m")


def _apply(text: str, placed: tuple[int, int, str] | None) -> str:
    assert placed is not None
    start, end, new = placed
    return text[:start] + new + text[end:]


def test_suppression_goes_at_the_end_of_a_one_line_value() -> None:
    text = MINIMAL
    doc = load_yaml(text)
    line = text.splitlines().index("    name: Knowledge") + 1
    out = _apply(text, suppression_edit(text, _problem(line), doc.framework))
    assert "    name: Knowledge  # pdp-lint: disable=SP01 <reason>\n" in out


def test_suppression_is_added_to_a_comment_already_above() -> None:
    text = MINIMAL.replace(
        "  - id: knowledge\n    name: Knowledge\n",
        "  - id: knowledge\n    # pdp-lint: disable=TX02 why\n"
        "    name: >-\n      Know\n      ledge\n",
    )
    doc = load_yaml(text)
    line = text.splitlines().index("      ledge") + 1
    out = _apply(text, suppression_edit(text, _problem(line), doc.framework))
    assert "    # pdp-lint: disable=TX02,SP01 why\n    name: >-\n" in out


def test_words_go_to_the_vocabulary_in_lower_case_unless_capitals_matter() -> None:
    assert vocabulary_term("Zorbification") == "zorbification"
    assert vocabulary_term("zorb") == "zorb"
    assert vocabulary_term("GitLab") == "GitLab"


def test_which_yaml_buffers_are_frameworks(tmp_path: Path) -> None:
    settings = Workspace().settings_for(tmp_path / "x.yaml")
    assert looks_like_framework(tmp_path / "frameworks" / "a.yaml", "", settings)
    assert looks_like_framework(tmp_path / "a.yml", MINIMAL, settings)
    assert not looks_like_framework(tmp_path / "compose.yaml", "services: {}\n", settings)
    assert not looks_like_framework(tmp_path / "frameworks" / ".hidden.yaml", MINIMAL, settings)
    assert not looks_like_framework(tmp_path / "frameworks" / "notes.txt", MINIMAL, settings)


def test_a_bad_configuration_keeps_the_last_good_one(tmp_path: Path) -> None:
    config = tmp_path / "pdp-lint.toml"
    config.write_text('ignore = ["SP01"]\n', "utf-8")
    workspace = Workspace()
    target = tmp_path / "f.yaml"
    assert workspace.settings_for(target).ignore == ("SP01",)
    config.write_text('ignore = ["SP01"]\nselect = ["NOPE"]\n', "utf-8")
    workspace.forget_settings()
    assert workspace.settings_for(target).ignore == ("SP01",)
    (problem,) = workspace.config_problems.values()
    assert problem.line == 2 and "unknown rule `NOPE`" in problem.message
    for broken, line in (("ignore = []\nselect = [\n", 2), ("ignore = []\nselect = [\n+\n", 3)):
        config.write_text(broken, "utf-8")
        workspace.forget_settings()
        workspace.settings_for(target)
        (problem,) = workspace.config_problems.values()
        assert problem.message.startswith("invalid TOML") and problem.line == line, problem
