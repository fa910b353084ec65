"""The speller works out a word's one-edit neighbours once for the slip and the
suggestions: what it answers does not depend on which it was asked first, nor on a
vocabulary term being among the neighbours."""

from __future__ import annotations

from pdp_lint.language.lexicon import lexicon
from pdp_lint.language.speller import Speller, Vocabulary

WORDS = ["Communcation", "teh", "recieve", "Micrsoft", "adress", "Sourcegrap", "knowlege"]


def speller(terms: tuple[str, ...] = ()) -> Speller:
    vocabulary = Vocabulary()
    for term in terms:
        vocabulary.add(term)
    return Speller(lexicon(), vocabulary, lambda: frozenset({"communication"}))


def test_suggestions_and_slips_do_not_depend_on_which_came_first() -> None:
    for terms in ((), ("Sourcegraph", "knowledgebase", "adresss")):
        slips_first, suggestions_first = speller(terms), speller(terms)
        slips = [slips_first.slip_of(w) for w in WORDS]
        verdicts = [slips_first.suggest(w) for w in WORDS]
        assert [suggestions_first.suggest(w) for w in WORDS] == verdicts
        assert [suggestions_first.slip_of(w) for w in WORDS] == slips


def test_a_vocabulary_term_one_edit_away_is_suggested() -> None:
    verdict = speller(("Sourcegraph",)).suggest("Sourcegrap")
    assert verdict.best == "Sourcegraph"
    assert speller().suggest("Sourcegrap").best != "Sourcegraph"
