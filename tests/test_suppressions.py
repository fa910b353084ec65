"""Inline suppression comments: what each form covers, and LN01 for the useless ones."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import Settings
from tests.conftest import MINIMAL
from tests.wordrule import install

HEAD = """\
id: demo
title: Demo PDP
owner:
  team: Demo Team
locale: en-US
version: "1.0"
status: draft
"""


@pytest.fixture(autouse=True)
def _rules(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)


def found(tmp_path: Path, body: str, **settings: object) -> list[tuple[int, str]]:
    """(line, code) of every problem of ``HEAD + body``."""
    path = tmp_path / "demo.yaml"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    result = run_check([path], Settings(root=tmp_path, **settings))  # type: ignore[arg-type]
    return [(p.line, p.code) for p in result.report.problems]


def messages(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "demo.yaml"
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return [p.message for p in run_check([path], Settings(root=tmp_path)).report.problems]


COMPETENCIES = """\
competencies:
  - id: synergy
    name: Synergy
    definition: Working in synergy.
"""


def test_without_comments_every_use_is_reported(tmp_path: Path):
    assert found(tmp_path, COMPETENCIES) == [(10, "ZZ90"), (11, "ZZ90")]


def test_trailing_comment_covers_its_own_line_only(tmp_path: Path):
    body = COMPETENCIES.replace(
        "name: Synergy", "name: Synergy  # pdp-lint: disable=ZZ90 the team's name"
    )
    assert found(tmp_path, body) == [(11, "ZZ90")]


def test_trailing_comment_on_a_line_that_opens_a_block_covers_the_block(tmp_path: Path):
    body = """\
    competencies:
      - id: knowledge
        name: Knowledge
        levels:  # pdp-lint: disable=ZZ90 quoted from the vendor's course
        - level: 1
          summary: Synergy at work.
          behaviors:
            - id: works
              text: Works in synergy.
        - level: 2
          summary: More synergy.
          behaviors: []
      - id: other
        name: Other synergy
    """
    assert found(tmp_path, body) == [(21, "ZZ90")]


def test_trailing_comment_on_a_list_item_covers_the_item(tmp_path: Path):
    body = """\
    competencies:
      - id: knowledge  # pdp-lint: disable=ZZ90
        name: Synergy
        definition: Synergy again.
      - id: other
        name: Other synergy
    """
    assert found(tmp_path, body) == [(13, "ZZ90")]


def test_own_line_comment_covers_the_next_line_and_its_block(tmp_path: Path):
    body = """\
    competencies:
      # pdp-lint: disable=ZZ90 agreed with the owner

      # (a note between the comment and the item)
      - id: knowledge
        name: Synergy
        definition: >-
          Synergy, folded
          over two lines.
      - id: other
        name: Other synergy
    """
    assert found(tmp_path, body) == [(18, "ZZ90")]


def test_own_line_comment_before_a_plain_line_covers_that_line_only(tmp_path: Path):
    body = """\
    competencies:
      - id: knowledge
        # pdp-lint: disable=ZZ90
        name: Synergy
        definition: Synergy again.
    """
    assert found(tmp_path, body) == [(12, "ZZ90")]


def test_disable_file_covers_every_line(tmp_path: Path):
    body = "# pdp-lint: disable-file=ZZ90 an old document\n" + COMPETENCIES
    assert found(tmp_path, body) == []


@pytest.mark.parametrize("selector", ["ZZ90", "testing.banned-word", "testing", "ALL", "all"])
def test_selectors_by_code_name_group_and_all(tmp_path: Path, selector: str):
    body = f"# pdp-lint: disable-file={selector}\n" + COMPETENCIES
    assert found(tmp_path, body) == []


def test_several_selectors_with_or_without_spaces(tmp_path: Path):
    body = COMPETENCIES.replace("name: Synergy", "name: SYNERGY  # pdp-lint: disable=ZZ90, ZZ91")
    assert found(tmp_path, body, select=("ZZ90", "ZZ91", "LN01")) == [(11, "ZZ90")]
    body = COMPETENCIES.replace("name: Synergy", "name: SYNERGY  # pdp-lint: disable=ZZ90,ZZ91 why")
    assert found(tmp_path, body, select=("ZZ90", "ZZ91", "LN01")) == [(11, "ZZ90")]


def test_suppression_that_suppresses_nothing_is_reported(tmp_path: Path):
    body = COMPETENCIES + "  - id: plain  # pdp-lint: disable=ZZ90 stale\n    name: Plain\n"
    assert found(tmp_path, body) == [(10, "ZZ90"), (11, "ZZ90"), (12, "LN01")]
    assert (
        messages(tmp_path, body)[-1]
        == "suppression of `ZZ90` no longer suppresses anything; remove it"
    )


def test_unknown_selector_in_a_suppression_is_reported(tmp_path: Path):
    body = COMPETENCIES.replace("name: Synergy", "name: Synergy  # pdp-lint: disable=ZZ90,ZZ99")
    assert found(tmp_path, body) == [(10, "LN01"), (11, "ZZ90")]
    assert messages(tmp_path, body)[0] == (
        "`ZZ99` in this suppression is not a rule code, name or group"
    )


def test_unused_suppression_is_a_warning_at_the_comment(tmp_path: Path):
    path = tmp_path / "demo.yaml"
    path.write_text(HEAD + "# pdp-lint: disable-file=ZZ90\n" + MINIMAL[len(HEAD) :])
    (problem,) = run_check([path], Settings(root=tmp_path)).report.problems
    assert (problem.code, problem.severity.value) == ("LN01", "warning")
    assert (problem.line, problem.column, problem.end_line) == (8, 1, 8)


def test_suppressing_a_rule_that_is_not_enabled_is_not_unused(tmp_path: Path):
    body = COMPETENCIES.replace("id: synergy", "id: synergy  # pdp-lint: disable=ZZ91")
    assert found(tmp_path, body) == [(10, "ZZ90"), (11, "ZZ90")]
    body = COMPETENCIES.replace("id: synergy", "id: synergy  # pdp-lint: disable=ZZ90")
    assert found(tmp_path, body, ignore=("ZZ90",)) == []


def test_same_suppression_is_unused_once_the_rule_is_selected(tmp_path: Path):
    body = COMPETENCIES.replace("id: synergy", "id: synergy  # pdp-lint: disable=ZZ91")
    assert found(tmp_path, body, extend_select=("ZZ91",)) == [
        (9, "LN01"),
        (10, "ZZ90"),
        (11, "ZZ90"),
    ]


def test_ignoring_ln01_silences_unused_suppressions(tmp_path: Path):
    body = COMPETENCIES.replace("id: synergy", "id: synergy  # pdp-lint: disable=ZZ99")
    assert found(tmp_path, body, ignore=("LN01",)) == [(10, "ZZ90"), (11, "ZZ90")]


def test_text_that_only_mentions_the_comment_syntax_is_not_a_suppression(tmp_path: Path):
    body = COMPETENCIES.replace(
        "definition: Working in synergy.", "definition: 'Working in synergy.'"
    )
    assert found(tmp_path, body) == [(10, "ZZ90"), (11, "ZZ90")]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1c"])
def test_a_line_separator_in_a_comment_above_does_not_shift_the_lines(
    tmp_path: Path, separator: str
):
    """The comments were split into lines by str.splitlines, which also breaks at these
    characters, while positions count line feeds only: a suppression after one was
    applied to the line below its own."""
    body = COMPETENCIES.replace(
        "name: Synergy", "name: Synergy  # pdp-lint: disable=ZZ90 the team's name"
    )
    path = tmp_path / "demo.yaml"
    head = HEAD.replace("title: Demo PDP", f"title: Demo PDP  # note{separator}more")
    path.write_text(head + body, encoding="utf-8")
    result = run_check([path], Settings(root=tmp_path))
    assert [(p.line, p.code) for p in result.report.problems] == [(11, "ZZ90")]
