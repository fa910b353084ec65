"""The loader: positions, YAML traps, encodings, and the model it builds."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from pdp_lint.load.loader import load_file, load_text
from pdp_lint.load.source import SourceText, decode
from tests.conftest import MINIMAL, load_yaml


def codes(loaded):
    return [p.code for p in loaded.problems]


def test_minimal_framework_builds_a_model_with_levels_and_examples():
    loaded = load_yaml(MINIMAL)
    assert loaded.problems == []
    fw = loaded.framework
    assert fw is not None
    roles = list(fw.roles())
    assert [(r.id, r.level, r.track) for r in roles] == [
        ("expert", 1, "professional"),
        ("senior-expert", 2, "professional"),
    ]
    senior = fw.role("senior-expert")
    assert senior.builds_on == "expert"
    expert_section = fw.role("expert").section("knowledge")
    assert [e.text for e in expert_section.behaviors[0].examples] == ["Attends training."]
    assert [e.text for e in senior.section("knowledge").examples] == ["Runs sessions."]
    assert [e.id for e in senior.section("knowledge").all_examples()] == ["sessions"]


def test_every_node_knows_its_line_column_and_json_path():
    fw = load_yaml(MINIMAL).framework
    behavior = fw.role("senior-expert").sections[0].behaviors[0]
    assert behavior.path == "$.tracks[0].roles[1].competencies[0].behaviors[0]"
    span = behavior.span_of("text")
    assert (span.line, span.column) == (36, 23)
    assert MINIMAL.splitlines()[span.line - 1][span.column - 1 :] == "Teaches the product."


def test_texts_lists_every_prose_field_with_its_kind_and_path():
    fw = load_yaml(MINIMAL).framework
    kinds = {(t.kind, t.path) for t in fw.texts()}
    assert ("behavior", "$.tracks[0].roles[0].competencies[0].behaviors[0].text") in kinds
    assert ("example", "$.tracks[0].roles[1].competencies[0].examples[0].text") in kinds
    assert ("role-summary", "$.tracks[0].roles[0].summary") in kinds


def test_duplicate_key_is_an_error_naming_both_positions():
    loaded = load_yaml(MINIMAL.replace("title: Demo PDP\n", "title: Demo PDP\ntitle: Again\n"))
    dup = [p for p in loaded.problems if p.code == "SY02"]
    assert len(dup) == 1
    assert (dup[0].line, dup[0].column) == (3, 1)
    assert "first at line 2, column 1" in dup[0].message
    assert loaded.framework is None


def test_python_object_tag_is_refused_without_constructing_anything():
    tagged = "title: !!python/object/apply:os.system [echo hi]"
    loaded = load_yaml(MINIMAL.replace("title: Demo PDP", tagged))
    assert "SY03" in codes(loaded)
    assert "!!python/object/apply:os.system" in loaded.problems[0].message


def test_yaml_11_boolean_in_text_is_an_error_not_a_silent_conversion():
    loaded = load_yaml(MINIMAL.replace("summary: Knows things.", "summary: yes"))
    problem = next(p for p in loaded.problems if p.code == "SY05")
    assert problem.line == 19
    assert "quote it" in problem.message


def test_number_and_date_where_text_belongs_are_errors_with_a_quoting_hint():
    loaded = load_yaml(
        MINIMAL.replace('version: "1.0"', "version: 1.10").replace(
            "summary: Knows things.", "summary: 2024-05-01"
        )
    )
    messages = [p.message for p in loaded.problems]
    assert any('YAML reads `1.1` as a number; quote it ("1.10")' in m for m in messages)
    assert any("`2024-05-01` is read as a date" in m for m in messages)


def test_alias_is_refused_and_alias_bomb_finishes_quickly():
    bomb = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        bomb.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    start = time.perf_counter()
    loaded = load_yaml("\n".join(bomb) + "\n")
    assert time.perf_counter() - start < 1.0
    assert "SY04" in codes(loaded)


def test_yaml_syntax_error_is_one_positioned_problem():
    loaded = load_yaml('id: demo\ntitle: "unclosed\nowner: x\n')
    assert codes(loaded) == ["SY01"]
    assert loaded.problems[0].message.startswith("YAML syntax error:")


def test_empty_file_and_list_root_are_explained():
    assert "has no content" in load_yaml("").problems[0].message
    assert "# only a comment\n" and "has no content" in load_yaml("# c\n").problems[0].message
    assert "not a list" in load_yaml("- a\n- b\n").problems[0].message


def test_utf8_bom_and_utf16_with_bom_are_read(tmp_path: Path):
    for name, data in (
        ("bom.yaml", codecs.BOM_UTF8 + MINIMAL.encode()),
        ("u16.yaml", MINIMAL.encode("utf-16")),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        loaded = load_file(path)
        assert loaded.problems == [], name
        assert loaded.framework.title == "Demo PDP"


def test_invalid_utf8_is_unreadable_with_line_and_column(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(MINIMAL.encode().replace(b"Knows things.", b"Knows th\xe9ngs."))
    loaded = load_file(path)
    assert loaded.unreadable
    problem = loaded.problems[0]
    assert (problem.code, problem.line, problem.column) == ("IO01", 19, 26)
    assert "not valid UTF-8" in problem.message


def test_oversized_file_is_refused_with_the_limit_in_the_message(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_text(MINIMAL)
    loaded = load_file(path, max_bytes=100)
    assert loaded.unreadable
    assert "over the 100-byte limit" in loaded.problems[0].message


def test_crlf_line_endings_keep_line_numbers():
    loaded = load_text(decode(Path("crlf.yaml"), MINIMAL.replace("\n", "\r\n").encode()))
    assert loaded.problems == []
    span = loaded.framework.role("expert").span_of("summary")
    assert (span.line, span.column) == (19, 18)


@pytest.mark.parametrize(
    "summary",
    [
        "summary: >-\n          Knows thngs and more.",
        "summary: |\n          Knows things.\n          And thngs here.",
        "summary: |2-\n            Knows things.\n            And thngs here.",
        "summary: Knows things\n          and thngs more.",
        'summary: "Knows \\u00e9\n          and thngs"',
        "summary: >  # a comment after the header\n          Knows thngs.",
    ],
    ids=["folded", "literal", "indicator", "plain", "escaped", "comment"],
)
def test_a_word_in_a_deeply_indented_block_or_line_is_located_at_itself(summary: str):
    """A value character was looked for within 12 source characters; a block scalar's
    header and a line's indentation of 10 spaces or more put it further, and every
    finding in such a text (a misspelling, say) pointed at the wrong column."""
    from pdp_lint.load.document import Document
    from tests.hardening.helpers import CLEAN

    text = CLEAN.replace("summary: Knows things.", summary)
    loaded = load_text(SourceText(Path("deep.yaml"), text))
    assert loaded.framework is not None and loaded.source is not None, loaded.problems
    doc = Document(loaded.framework, loaded.source)
    field = next(f for f in doc.texts if "thngs" in f.value)
    start = field.value.index("thngs")
    span = doc.locate(field, start, start + 5)
    assert text[span.start_index : span.end_index] == "thngs"
    line = text[: span.start_index].count("\n") + 1
    column = span.start_index - text.rfind("\n", 0, span.start_index)
    assert (span.line, span.column) == (line, column)
    assert doc.locator(field).locate(start, start + 5) == span
