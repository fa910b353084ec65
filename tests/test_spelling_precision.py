"""The mechanisms that keep SP01 precise on content written by others.

Frequency-based acceptance (with common misspellings still caught), the project's own
names and repeated terms as vocabulary, severity that follows confidence, suggestions
in the file's locale, fixes that never touch a name, and the adoption command.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pdp_lint.language.lexicon import lexicon
from pdp_lint.language.speller import Speller, Vocabulary, slip_gap
from pdp_lint.model.problem import Problem
from tests import clirun
from tests.rules.harness import run_files

HEAD = """\
id: demo
title: Demo PDP
owner:
  team: Demo Team
locale: {locale}
version: "1.0"
status: draft
competencies:
  - id: knowledge
    name: {name}
    definition: {text}
"""


def _check(
    tmp_path: Path, text: str, name: str = "Knowledge", locale: str = "en-US"
) -> list[Problem]:
    doc = HEAD.format(locale=locale, name=name, text=text)
    return [p for p in run_files(tmp_path, {"case.yaml": doc}, "SP01") if p.code == "SP01"]


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(lexicon(), Vocabulary())


@pytest.mark.parametrize(
    "word", ["backend", "config", "microservices", "tradeoffs", "Jira", "Grafana", "Splunk"]
)
def test_words_common_in_english_text_are_accepted(speller: Speller, word: str) -> None:
    assert not speller.known(word)  # no dictionary has them
    assert speller.common(word)


@pytest.mark.parametrize(
    ("typo", "word"),
    [
        ("recieve", "receive"),
        ("seperate", "separate"),
        ("definately", "definitely"),
        ("teh", "the"),
        ("untill", "until"),
        ("managment", "management"),
    ],
)
def test_common_misspellings_stay_misspellings(speller: Speller, typo: str, word: str) -> None:
    assert lexicon().frequency(typo) > 0  # wordfreq has seen them written
    assert not speller.common(typo)
    slip = speller.slip_of(typo)
    assert slip is not None and slip.word == word


@pytest.mark.parametrize("word", ["timebox", "runbooks", "offboarding", "upleveling", "onboards"])
def test_words_made_of_dictionary_words_are_accepted(speller: Speller, word: str) -> None:
    assert lexicon().frequency(word.lower()) == 0
    assert speller.common(word)


def test_a_slip_at_the_first_letter_or_to_an_unlikely_key_needs_a_bigger_gap() -> None:
    assert slip_gap("recieve", "receive") == 15  # two letters swapped
    assert slip_gap("jira", "ira") == 25  # the first letter
    assert slip_gap("proto", "photo") == 25  # r and h are not neighbours


def test_frequency_only_words_are_not_dictionary_entries() -> None:
    words = lexicon()
    assert words.frequency("backend") > 0
    assert not words.has("backend")
    assert words.frequency("the") > words.frequency("backend")
    assert words.frequency("qwxzvbn") == 0


def test_frequency_sections_are_read_only_for_words_the_dictionaries_lack(
    tmp_path: Path,
) -> None:
    from pdp_lint.language.lexicon import FREQUENT, Lexicon

    data = lexicon().data
    fresh = Lexicon.parse(data)
    speller = Speller(fresh, Vocabulary())
    for word in ("knowledge", "customer", "backend", "recieve"):
        speller.known(word) or speller.common(word)
    read = [key for key in fresh._texts if key.startswith(FREQUENT)]
    assert sorted(read) == ["~bac", "~rec"]


def test_likely_misspelling_is_an_error_with_a_safe_fix(tmp_path: Path) -> None:
    [p] = _check(tmp_path, "Will recieve the notes.")
    assert p.severity.value == "error"
    assert p.suggestion == "receive"
    assert p.fix is not None and p.fix.safe


def test_unknown_term_without_candidate_is_a_warning_saying_how_to_adopt_it(
    tmp_path: Path,
) -> None:
    [p] = _check(tmp_path, "Runs the qwxzvbn daily.")
    assert p.severity.value == "warning"
    assert "pdp-lint vocabulary --add qwxzvbn" in p.message
    assert p.fix is None


def test_capitalised_name_inside_a_sentence_is_not_reported(tmp_path: Path) -> None:
    assert _check(tmp_path, "Reads the reports in Pingdom and Qwxzvbn.") == []


def test_owner_team_words_and_names_are_vocabulary(tmp_path: Path) -> None:
    doc = HEAD.format(locale="en-US", name="Knowledge", text="Zentrix staff know Zentrix.")
    doc = doc.replace("team: Demo Team", "team: Zentrix Support")
    assert [p for p in run_files(tmp_path, {"a.yaml": doc}, "SP01") if p.code == "SP01"] == []


def test_term_used_three_times_is_vocabulary_but_not_twice(tmp_path: Path) -> None:
    assert _check(tmp_path, "Runs qorvex checks, qorvex releases and qorvex reports.") == []
    assert len(_check(tmp_path / "b", "Runs qorvex checks and qorvex releases.")) == 2


def test_repeated_likely_misspelling_is_a_warning_without_fix(tmp_path: Path) -> None:
    found = _check(tmp_path, "Recieve notes; recieve calls; recieve mail.")
    assert len(found) == 3
    assert {p.severity.value for p in found} == {"warning"}
    assert all(p.fix is None for p in found)


def test_no_fix_rewrites_a_competency_name(tmp_path: Path) -> None:
    [p] = _check(tmp_path, "Knows things.", name="Communcation")
    assert p.suggestion == "Communication"
    assert p.fix is None


def test_no_fix_changes_capitals_only(tmp_path: Path) -> None:
    found = _check(tmp_path, "Uses zelda and london daily.")
    assert found == []  # names written in lower case, as brands often are


def test_ambiguous_correction_gets_no_fix_at_all(tmp_path: Path) -> None:
    [p] = _check(tmp_path, "Writes clearl notes.")
    assert p.fix is None  # clear and clearly are both one edit away


def test_suggestion_is_never_the_other_locales_spelling(tmp_path: Path) -> None:
    [us] = _check(tmp_path, "Knows the favourit tools.")
    assert us.suggestion == "favorite"
    [gb] = _check(tmp_path / "gb", "Knows the favorit tools.", locale="en-GB")
    assert gb.suggestion == "favourite"


# ---------------------------------------------------------------- pdp-lint vocabulary


def _cli(*args: str, cwd: Path) -> clirun.Completed:
    return clirun.run(args, cwd=cwd)


def _project(tmp_path: Path, config: str | None = 'vocabulary = ["terms.txt"]\n') -> Path:
    (tmp_path / "frameworks").mkdir()
    text = "Runs the qwxzvbn daily, files the qwxzvbn report and will recieve notes."
    (tmp_path / "frameworks" / "demo.yaml").write_text(
        HEAD.format(locale="en-US", name="Knowledge", text=text), encoding="utf-8"
    )
    if config is not None:
        (tmp_path / "pdp-lint.toml").write_text(config, encoding="utf-8")
        (tmp_path / "terms.txt").write_text("# terms\n", encoding="utf-8")
    return tmp_path


def test_vocabulary_lists_unknown_terms_with_counts_and_places(tmp_path: Path) -> None:
    done = _cli("vocabulary", cwd=_project(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == textwrap.dedent(
        """\
        Unknown terms (1): add the genuine ones with --add TERM
          qwxzvbn                     2  frameworks/demo.yaml:11:26, frameworks/demo.yaml:11:51

        Likely misspellings (1): correct these rather than adopt them
          recieve                     1  frameworks/demo.yaml:11:75 (did you mean receive?)
        """
    )


def test_vocabulary_add_all_adopts_unknown_terms_but_not_misspellings(tmp_path: Path) -> None:
    root = _project(tmp_path)
    done = _cli("vocabulary", "--add-all", cwd=root)
    assert done.returncode == 0, done.stderr
    assert (root / "terms.txt").read_text().splitlines()[-1] == "qwxzvbn"
    assert "recieve" not in (root / "terms.txt").read_text()
    after = _cli("check", cwd=root)
    assert "`qwxzvbn`" not in after.stdout and "`recieve`" in after.stdout


def test_vocabulary_says_which_files_it_could_not_read_and_adopts_nothing(tmp_path: Path) -> None:
    """A file that does not load has no words to list: the listing said "No unknown
    terms" with exit 0, and --add-all adopted from a listing that missed them."""
    root = _project(tmp_path)
    (root / "frameworks" / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    for args in [("vocabulary",), ("vocabulary", "--add-all")]:
        done = _cli(*args, cwd=root)
        assert done.returncode == 2, done
        assert done.stderr == (
            "pdp-lint: frameworks/broken.yaml:2:1: SY01 YAML syntax error: did not find "
            "expected node content (while parsing a flow node); its words are not listed "
            "until it loads (see `pdp-lint check`)\n"
        )
        assert "qwxzvbn" in done.stdout or args[-1] == "--add-all"
    assert (root / "terms.txt").read_text() == "# terms\n", "nothing adopted"


def test_vocabulary_add_appends_once(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "terms.txt").write_text("Worknet\n", encoding="utf-8")
    assert _cli("vocabulary", "--add", "Zentrix", "--add", "Worknet", cwd=root).returncode == 0
    assert (root / "terms.txt").read_text() == "Worknet\nZentrix\n"
    again = _cli("vocabulary", "--add", "Zentrix", cwd=root)
    assert "added 0 terms" in again.stderr and "1 already there" in again.stderr


def test_vocabulary_add_creates_the_configuration_when_there_is_none(tmp_path: Path) -> None:
    root = _project(tmp_path, config=None)
    done = _cli("vocabulary", "--add", "qwxzvbn", cwd=root)
    assert done.returncode == 0, done.stderr
    assert (root / "pdp-lint.toml").read_text() == 'vocabulary = ["vocabulary.txt"]\n'
    assert "qwxzvbn" in (root / "vocabulary.txt").read_text()
    assert "`qwxzvbn`" not in _cli("check", cwd=root).stdout


def test_vocabulary_add_without_a_vocabulary_in_the_configuration_is_one_line_exit_2(
    tmp_path: Path,
) -> None:
    root = _project(tmp_path, config="[rules.SP01]\nmin-length = 4\n")
    done = _cli("vocabulary", "--add", "qwxzvbn", cwd=root)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "names no vocabulary file" in done.stderr


def test_vocabulary_rejects_a_term_with_spaces(tmp_path: Path) -> None:
    done = _cli("vocabulary", "--add", "two words", cwd=_project(tmp_path))
    assert done.returncode == 2
    assert done.stderr.startswith("pdp-lint: --add 'two words'")


def test_name_inside_a_sentence_one_edit_from_a_word_the_project_uses_is_reported(
    tmp_path: Path,
) -> None:
    text = "Medium staff use Medium tools; the Meium app is ours."
    doc = HEAD.format(locale="en-US", name="Knowledge", text=text)
    doc = doc.replace("team: Demo Team", "team: Medium Engineering")
    [p] = [q for q in run_files(tmp_path, {"a.yaml": doc}, "SP01") if q.code == "SP01"]
    assert p.suggestion == "Medium"
    assert p.severity.value == "error"  # a slip of medium, a word the project uses
    assert p.fix is None  # but a capitalised word inside a sentence is never rewritten


def test_name_one_edit_from_a_project_word_but_no_slip_of_it_is_a_warning(
    tmp_path: Path,
) -> None:
    text = "Runs the Zentrax app; zentrix zentrix zentrix."
    [p] = [q for q in _check(tmp_path, text) if q.code == "SP01"]
    assert p.suggestion == "Zentrix" and p.severity.value == "warning" and p.fix is None


def test_plural_of_a_rare_word_is_still_a_slip_of_a_common_one(speller: Speller) -> None:
    assert speller.common("onboards")  # onboard + s
    assert not speller.common("metings")  # meting + s, but one edit from meetings


def test_a_misspelt_name_spelt_right_elsewhere_is_one_finding_nm01(tmp_path: Path) -> None:
    from pdp_lint.engine.check import run_check
    from pdp_lint.engine.config import load_settings

    right = HEAD.format(locale="en-US", name="Communication", text="Talks.")
    wrong = HEAD.format(locale="en-US", name="Communcation", text="Talks.")
    (tmp_path / "a.yaml").write_text(right.replace("id: demo", "id: a"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(wrong.replace("id: demo", "id: b"), encoding="utf-8")
    problems = run_check([tmp_path], load_settings(start=tmp_path)).report.problems
    on_name = [(p.code, p.line) for p in problems if Path(p.file).name == "b.yaml"]
    assert ("NM01", 10) in on_name
    assert ("SP01", 10) not in on_name  # the same word: the more specific finding only


def test_names_in_a_list_are_names(tmp_path: Path) -> None:
    text = "Works in Jira, Grafana, Splunk, Pingdom, Redux and Mastercard."
    assert _check(tmp_path, text) == []


def test_a_spelling_variant_in_a_name_field_is_reported_but_never_respelled(
    tmp_path: Path,
) -> None:
    """SP02's unsafe fix respelled competency names, titles and labels (Specialization
    to Specialisation), where no fix, safe or unsafe, changes a name."""
    doc = HEAD.format(
        locale="en-GB", name="Specialization", text="Organizes the specialization work."
    )
    found = [p for p in run_files(tmp_path, {"case.yaml": doc}, "SP02") if p.code == "SP02"]
    by_line = {p.line: p for p in found}
    assert sorted(by_line) == [10, 11], found
    assert by_line[10].fix is None  # the competency's name
    assert by_line[11].fix is not None  # its definition
