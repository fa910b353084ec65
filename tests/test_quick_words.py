"""The spelling rules' quick word pass finds what its plain form finds."""

from __future__ import annotations

import random
import re

from pdp_lint.rules.spelling import _QUICK_WORDS

# the pattern as first written: the look behind before the first letter
PLAIN = re.compile(r"(?<![#@])[^\W\d_]+(?:['’][^\W\d_]+)*")


def test_quick_words_match_the_plain_pattern_on_random_text() -> None:
    rnd = random.Random(7)
    # letters, marks the pattern looks at, digits, spaces and line breaks, accents
    alphabet = "ab#@ '’\n1_é.-Zx\tß"
    for _ in range(30_000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        assert _QUICK_WORDS.findall(text) == PLAIN.findall(text), repr(text)


def test_quick_words_start_no_word_at_a_letter_after_a_hash_or_at_sign() -> None:
    text = "See #team-news and @alex’s notes: the KE's #1 o'clock"
    assert _QUICK_WORDS.findall(text) == PLAIN.findall(text)
    assert _QUICK_WORDS.findall(text) == [
        "See", "eam", "news", "and", "lex’s", "notes", "the", "KE's", "o'clock",
    ]  # fmt: skip
