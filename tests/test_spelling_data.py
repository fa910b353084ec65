"""The shipped word list is the output of scripts/build_spelling_data.py as it stands."""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from pdp_lint.language.lexicon import DATA, Lexicon, lexicon

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_spelling_data.py"


def test_word_list_was_built_by_the_current_script() -> None:
    first = DATA.read_text(encoding="utf-8").split("\n", 1)[0]
    digest = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()
    assert first == f"# script-sha256 {digest}", "run python scripts/build_spelling_data.py"


def _build_script() -> Any:
    spec = importlib.util.spec_from_file_location("build_spelling_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_word_list_matches_a_fresh_build() -> None:
    # the build-time sources are test dependencies, so this always runs
    assert _build_script().build() == DATA.read_text(encoding="utf-8")


def test_the_builds_frequencies_are_wordfreqs() -> None:
    # the build reads most frequencies from wordfreq's table instead of asking wordfreq
    from wordfreq import iter_wordlist, zipf_frequency

    zipf = _build_script().zipf
    words = list(iter_wordlist("en", wordlist="large"))
    sample = [*words[::300], "colour", "behaviour", "London", "don't", "e-mail", "zzqxw", "a"]
    assert len(sample) > 1000
    assert [zipf(w) for w in sample] == [zipf_frequency(w, "en", wordlist="large") for w in sample]


def test_word_list_knows_both_locales_and_their_pairs() -> None:
    words = lexicon()
    for word in ("communication", "behavior", "behaviour", "organise", "London"):
        assert words.entry(word) is not None, word
    assert words.entry("communcation") is None
    behavior = words.entry("behavior")
    behaviour = words.entry("behaviour")
    assert behavior is not None and behavior.locale == "u"
    assert behaviour is not None and behaviour.locale == "g"
    pairs = {(p.us, p.gb) for p in words.pairs}
    assert ("utilize", "utilise") in pairs
    assert ("practice", "practise") not in pairs


def test_index_points_at_every_section_and_covers_the_whole_list() -> None:
    words = Lexicon.parse(DATA.read_bytes())
    text = DATA.read_text(encoding="utf-8")
    listed = [line[1:] for line in text.splitlines() if line.startswith("=")]
    assert listed[-2:] == ["%findex", "%index"]
    dictionary = listed[: listed.index("%pairs")]
    frequent = listed[listed.index("%pairs") + 1 : -2]
    assert list(words.sections) == dictionary
    assert frequent and all(key.startswith("~") for key in frequent)
    for key in words.sections:  # each section is read from where the index says
        assert words._text(key).startswith(f"={key}\n")
    for key in frequent:  # and each frequency-only section from where its index says
        assert words._frequent_text(key[1:]).startswith(f"={key}\n")
    tables = sum(len(words._table(key)) for key in words.sections)
    frequency_lines = sum(len(words._frequent_text(k[1:]).splitlines()) - 1 for k in frequent)
    assert tables + frequency_lines == sum(1 for line in text.splitlines() if "\t" in line)
    assert len(words.pairs) == len(text.split("\n=%pairs\n")[1].split("\n=")[0].splitlines())
    # no word of the dictionaries is listed again as a frequency-only word
    only = [line.split("\t")[0] for line in words._frequent_text("bac").splitlines()[1:]]
    assert "backend" in only
    assert not any(words.has(w) for w in only)


def test_a_few_lookups_in_the_mapped_list_answer_as_the_tables_do() -> None:
    """``has`` searches a section's bytes where the list is mapped until a section is
    asked often; the answers are those of the section's table, case and all."""
    searched = lexicon.__wrapped__()
    tabled = Lexicon.parse(DATA.read_bytes())
    words = [
        "communication", "Communication", "behaviour", "behavior", "London", "london",
        "don't", "e-mail", "café", "naïve", "communcation", "zzqxw", "a", "Zürich",
        "colour\tx", "line\nbreak", "sur\ud800rogate", "aaa", "Aaron", "CX",
    ]  # fmt: skip
    for word in words:
        key = word[:3].lower()
        expected = key in tabled.sections and word in tabled._table(key)
        assert searched.has(word) is expected, word
    assert searched.has("communication") and not searched.has("communcation")


def test_the_spellings_a_locale_may_report_follow_the_pairs() -> None:
    words = lexicon()
    for british in (True, False):
        expected: set[str] = set()
        for pair in words.pairs:
            if british:
                expected.add(pair.us)
                if not pair.us_wrong_in_gb:
                    expected.add(pair.gb)
            else:
                expected.add(pair.gb)
                if not pair.gb_wrong_in_us:
                    expected.add(pair.us)
        assert words.variant_spellings(british) == expected
    assert "utilize" in words.variant_spellings(True)
    assert "utilise" in words.variant_spellings(False)
    assert "utilize" not in words.variant_spellings(False)


def test_a_word_list_without_its_index_or_with_a_wrong_one_is_refused() -> None:
    data = DATA.read_bytes()
    with pytest.raises(ValueError, match="build_spelling_data"):
        Lexicon.parse(data.split(b"\n=%index\n")[0] + b"\n")
    with pytest.raises(ValueError, match="build_spelling_data"):
        Lexicon.parse(b"\n" + data)  # every offset is now one byte short


def test_the_build_refuses_a_dictionary_file_that_is_not_the_listed_one(tmp_path: Path) -> None:
    script = _build_script()
    for name in script.DICTIONARIES:
        (tmp_path / name).write_bytes((script.DICTIONARY_DIR / name).read_bytes())
    script.DICTIONARY_DIR = tmp_path
    assert script._dictionary_dir() == tmp_path  # the same bytes are taken
    script._dictionary_dir.cache_clear()
    with (tmp_path / "en_GB.dic").open("a", encoding="utf-8") as dic:
        dic.write("recieve\n")
    with pytest.raises(SystemExit, match=r"en_GB\.dic: SHA-256 [0-9a-f]{64}, not the"):
        script._dictionary_dir()


def test_the_dictionaries_are_kept_byte_for_byte() -> None:
    # git must not convert their line endings (the en_GB files also start with a BOM)
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert {"scripts/hunspell-en/*.aff -text", "scripts/hunspell-en/*.dic -text"} <= set(attributes)
