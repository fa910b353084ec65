"""A configuration that cannot be used: exit 2 and one line ``file:line: ...``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.helpers import CLEAN, outcome_within, pdp_lint, swapped_after_the_look, write

CASES = {
    "unknown_key": ('select = ["ALL"]\nbogus = 1\n', 2, "unknown key `bogus`"),
    "misspelled_key": (
        "ignor = []\n",
        1,
        "unknown key `ignor` in the pdp-lint configuration; did you mean `ignore`?",
    ),
    "wrong_type": ('select = "SP01"\n', 1, "`select` must be a list of rule codes"),
    "wrong_size_type": ('max-file-size = "big"\n', 1, "`max-file-size` must be a positive"),
    "unknown_rule_code": ('ignore = ["ZZ99"]\n', 1, "unknown rule `ZZ99` in `ignore`"),
    "unknown_rule_option": (
        "\n[rules.DU02]\ntreshold = 0.5\n",
        3,
        "unknown option `treshold` for rule DU02; did you mean `threshold`?",
    ),
    "unknown_option_value": (
        '\n[rules.EX01]\nwhen-none = "never"\n',
        3,
        "EX01: when-none must be one of 'file', 'sections', 'ignore'",
    ),
    "unknown_option_choice": (
        '\n[rules.ST05]\nwhen-no-glossary = "never"\n',
        3,
        "ST05: when-no-glossary must be 'file' or 'each'",
    ),
    "missing_vocabulary": (
        'vocabulary = ["missing.txt"]\n',
        1,
        "vocabulary file `{dir}/missing.txt` does not exist or is not a file",
    ),
    "vocabulary_is_a_folder": (
        'vocabulary = ["words"]\n',
        1,
        "vocabulary file `{dir}/words` does not exist or is not a file",
    ),
    "severity_as_a_list": (
        '\n[severity]\nEX01 = ["error"]\n',
        3,
        "severity of `EX01` must be error, warning or info",
    ),
    "severity_as_a_table": (
        "\n[severity]\nEX01 = {a = 1}\n",
        3,
        "severity of `EX01` must be error, warning or info",
    ),
    "vocabulary_name_longer_than_the_system_allows": (
        f'vocabulary = ["{"a" * 300}"]\n',
        1,
        f"vocabulary file `{{dir}}/{'a' * 300}` does not exist or is not a file",
    ),
    "corpus_path_with_a_nul": (
        'corpus = ["a\\u0000b"]\n',
        1,
        "a path of `corpus` holds a NUL character ('a\\x00b'); remove it",
    ),
    "arrays_nested_100000_levels": (
        '# deep\nselect = ["TX"]\nignore = ' + "[" * 100_000 + "]" * 100_000 + "\n",
        3,
        "arrays or inline tables nested more than 64 levels deep; a pdp-lint configuration "
        "needs only a few, so flatten it",
    ),
    "inline_tables_nested_100000_levels": (
        's = "[[[[ not nesting"\nx = ' + "{a=" * 100_000 + "1" + "}" * 100_000 + "\n",
        2,
        "arrays or inline tables nested more than 64 levels deep",
    ),
}


def _project(tmp_path: Path, config: str) -> Path:
    (tmp_path / "words").mkdir()
    (tmp_path / "pdp-lint.toml").write_text(config, encoding="utf-8")
    return write(tmp_path, CLEAN)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_configuration_is_one_line_with_file_and_line(tmp_path: Path, case: str):
    config, line, words = CASES[case]
    path = _project(tmp_path, config)
    run = pdp_lint("check", path)
    assert run.status == 2
    assert run.out == ""
    toml = (tmp_path / "pdp-lint.toml").as_posix()
    assert run.err.startswith(f"pdp-lint: {toml}:{line}: " + words.format(dir=tmp_path))
    assert len(run.err.splitlines()) == 1
    for command in ("export", "site"):
        again = pdp_lint(command, path, "--out", tmp_path / "out")
        assert (again.status, again.err) == (2, run.err)
    assert not (tmp_path / "out").exists()


def test_a_vocabulary_file_that_is_not_utf8(tmp_path: Path):
    path = _project(tmp_path, 'vocabulary = ["bad.txt"]\n')
    (tmp_path / "bad.txt").write_bytes(b"fine\n\xff\xfe broken\n")
    run = pdp_lint("check", path)
    assert run.status == 2
    assert run.err.startswith(f"pdp-lint: {(tmp_path / 'pdp-lint.toml').as_posix()}:1: ")
    assert "UTF-8" in run.err


def test_a_pyproject_nested_100000_levels_deep_is_one_line(tmp_path: Path):
    """pyproject.toml is read once to see whether it has a [tool.pdp-lint] table, and
    again for the settings: neither read may end in a RecursionError."""
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "pyproject.toml").write_text(f"[tool.pdp-lint]\nignore = {deep}\n")
    path = write(tmp_path, CLEAN)
    run = pdp_lint("check", path)
    assert run.status == 2, run
    assert run.err == (
        f"pdp-lint: {(tmp_path / 'pyproject.toml').as_posix()}:2: arrays or inline tables "
        "nested more than 64 levels deep; a pdp-lint configuration needs only a few, so "
        "flatten it\n"
    )


@pytest.mark.parametrize(
    ("pyproject", "line", "words"),
    [
        ("[tool]\npdp-lint = 5\n", 2, "a value"),
        ('[tool]\npdp-lint = ["select"]\n', 2, "a value"),
        ('[[tool.pdp-lint]]\nselect = ["ALL"]\n', 1, "an array of tables"),
    ],
)
def test_a_pyproject_whose_pdp_lint_entry_is_not_a_table_is_one_line(
    tmp_path: Path, pyproject: str, line: int, words: str
):
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    path = write(tmp_path, CLEAN)
    run = pdp_lint("check", path)
    assert (run.status, run.out) == (2, ""), run
    assert run.err == (
        f"pdp-lint: {(tmp_path / 'pyproject.toml').as_posix()}:{line}: `tool.pdp-lint` must "
        f"be a table of settings (`[tool.pdp-lint]`), not {words}\n"
    )


@pytest.mark.parametrize("tool", ['tool = "pdp-lint"\n', 'tool = ["pdp-lint"]\n'])
def test_a_pyproject_whose_tool_is_not_a_table_is_not_a_configuration(tmp_path: Path, tool: str):
    """`"pdp-lint" in tool` held for a string holding those letters and for a list
    holding that string, and reading the settings then failed inside pdp-lint."""
    (tmp_path / "pyproject.toml").write_text(tool, encoding="utf-8")
    path = write(tmp_path, CLEAN)
    run = pdp_lint("check", path)
    assert (run.status, run.out, run.err) == (0, "", ""), run


def test_a_byte_order_mark_in_the_configuration_and_the_vocabulary_is_read_past(tmp_path: Path):
    """Some Windows editors save UTF-8 with a byte-order mark: tomllib refused the
    configuration ("Invalid statement (at line 1, column 1)"), and the mark stuck to the
    vocabulary's first term, which then matched no word."""
    (tmp_path / "pdp-lint.toml").write_bytes(b'\xef\xbb\xbfvocabulary = ["words.txt"]\n')
    (tmp_path / "words.txt").write_bytes(b"\xef\xbb\xbfZorbl\n")
    path = write(tmp_path, CLEAN.replace("summary: Knows things.", "summary: Knows Zorbl."))
    run = pdp_lint("check", path)
    assert (run.status, run.err) == (0, ""), run
    assert "Zorbl" not in run.out


def test_an_option_given_under_both_spellings_is_one_line(tmp_path: Path):
    path = _project(tmp_path, "\n[rules.EX01]\nmin_examples = 2\nmin-examples = 3\n")
    run = pdp_lint("check", path)
    assert (run.status, run.out) == (2, ""), run
    assert run.err.startswith(f"pdp-lint: {(tmp_path / 'pdp-lint.toml').as_posix()}:")
    assert "option `min-examples` of EX01 is set twice (also spelled with `-`)" in run.err


def test_a_configuration_that_is_a_named_pipe_is_refused_without_blocking(tmp_path: Path):
    import os

    pipe = tmp_path / "pdp-lint.toml"
    os.mkfifo(pipe)
    path = write(tmp_path, CLEAN)
    run = pdp_lint("check", "--config", pipe, path, timeout=20)
    assert (run.status, run.out) == (2, ""), run
    assert run.err == (
        f"pdp-lint: {pipe}: the configuration is not a regular file (a pipe, socket or "
        "device); pass a TOML file\n"
    )


def test_a_configuration_turned_into_a_pipe_after_the_look_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # the configuration is looked at (a regular file), then its path is swapped for a
    # named pipe before it is read: the read waited for a writer for ever
    import os

    from pdp_lint.engine.config import ConfigError, load_settings

    os.mkfifo(tmp_path / "pipe")
    config = tmp_path / "pdp-lint.toml"
    config.symlink_to(tmp_path / "pipe")
    swapped_after_the_look(monkeypatch, config, write(tmp_path, CLEAN).stat())
    error = outcome_within(10, lambda: load_settings(config=config))
    assert isinstance(error, ConfigError), error
    assert str(error) == (
        f"{config}: the configuration is not a regular file (a pipe, socket or device); "
        "pass a TOML file"
    )


def test_a_vocabulary_file_over_16_mb_is_one_line(tmp_path: Path):
    # read whole, a vocabulary swapped for a device or growing without end was read
    # until memory ran out; no vocabulary is this large
    path = _project(tmp_path, 'vocabulary = ["huge.txt"]\n')
    (tmp_path / "huge.txt").write_bytes(b"word\n" * (3_400_000))  # 17,000,000 bytes
    run = pdp_lint("check", path)
    assert (run.status, run.out) == (2, ""), run
    assert run.err.startswith(f"pdp-lint: {(tmp_path / 'pdp-lint.toml').as_posix()}:1: ")
    assert "file is 17,000,000 bytes, over the 16,777,216-byte limit" in run.err, run.err
    assert "no configuration or vocabulary file is this large; check the path" in run.err
    assert len(run.err.strip().splitlines()) == 1
