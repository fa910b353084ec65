"""The in-process API: what every front end checks through (pdp_lint.api)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

from pdp_lint import api
from pdp_lint.cli.commands import cli

ROOT = Path(__file__).resolve().parents[1]
EXPERTS = ROOT / "frameworks" / "cx-knowledge-experts.yaml"


def _misspelt(text: str) -> str:
    assert "Communication" in text
    return text.replace("Communication", "Communcation", 1)


def test_check_texts_reports_what_the_command_line_reports(tmp_path: Path) -> None:
    """Text given in memory is checked exactly as the same text saved and checked with
    ``pdp-lint check``: the same problems at the same places."""
    for file in (ROOT / "frameworks").glob("*.yaml"):
        shutil.copy(file, tmp_path / file.name)
    target = tmp_path / EXPERTS.name
    text = _misspelt(EXPERTS.read_text("utf-8"))
    settings = api.settings_for(tmp_path)

    problems = api.check_texts({target: text}, settings=settings)

    target.write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--no-cache", str(target)])
    reported = json.loads(result.output)["problems"]
    assert problems, "the misspelling is reported"
    assert [(p.code, p.line, p.column, p.message) for p in problems] == [
        (p["code"], p["line"], p["column"], p["message"]) for p in reported
    ]


def test_check_texts_compares_with_the_corpus_it_is_given(tmp_path: Path) -> None:
    """Cross-file rules see the corpus passed in, and only that."""
    text = re.sub(
        r"^id: .*$", "id: copied-experts", EXPERTS.read_text("utf-8"), count=1, flags=re.M
    )
    target = tmp_path / "copied.yaml"
    settings = msgspec.structs.replace(api.settings_for(ROOT), extend_select=("DU04",))

    with_corpus = api.check_texts({target: text}, settings=settings, corpus=[ROOT / "frameworks"])
    alone = api.check_texts({target: text}, settings=settings, corpus=[])

    # DU04 for every behavior; CP01 too where the copy sorts after the original (the
    # later of two copies is the one reported, and that depends on the folders' names)
    codes = {p.code for p in with_corpus}
    assert "DU04" in codes and codes <= {"DU04", "CP01"}
    assert all(p.file == target.as_posix() for p in with_corpus)
    du04 = [p for p in with_corpus if p.code == "DU04"]
    assert all("cx-knowledge-experts.yaml" in p.message for p in du04)
    assert alone == []


def test_the_api_neither_prints_nor_exits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", "utf-8")
    settings = api.settings_for(tmp_path)

    result = api.check([bad], settings)
    loaded = api.load(bad, settings)
    fixed = api.fix([bad], settings, write=False)

    assert [p.code for p in result.report.problems] == ["SY01"]
    assert loaded.framework is None and [p.code for p in loaded.problems] == ["SY01"]
    assert fixed.changed == []
    assert capsys.readouterr() == ("", "")


def test_a_wrong_configuration_is_an_exception_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "pdp-lint.toml").write_text('select = "SP01"\n', "utf-8")
    with pytest.raises(api.ConfigError) as caught:
        api.settings_for(tmp_path / "any.yaml")
    assert str(tmp_path / "pdp-lint.toml") in str(caught.value)


def test_fix_without_writing_leaves_the_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "experts.yaml"
    original = EXPERTS.read_text("utf-8").replace("competency.", "competency.  ", 1)
    target.write_text(original, "utf-8")
    settings = api.settings_for(tmp_path)

    outcome = api.fix([target], settings, write=False)

    assert outcome.changed == [target]
    assert target.read_text("utf-8") == original
    written = api.fix([target], settings)
    assert written.changed == [target]
    assert target.read_text("utf-8") != original
