"""The seed vocabulary the synthetic corpus is recombined from.

Every sentence of the canonical frameworks (frameworks/*.yaml) and every line of the
source documents (tests/fixtures/seeds/*.txt) is cut into phrases: the opening of a
behavior ("Builds relationships with peers") and the phrases that extend a sentence
("through kindness and authenticity", "with guidance from their direct manager").
The generator glues them back together into new, unique sentences.

Only clean text is kept, so that the only defects of a generated corpus are the ones the
generator injects on purpose: a phrase is dropped when it has a word that is not in the
canonical frameworks (the seeds' misspellings), a British spelling (the corpus is en-US),
an acronym the glossaries do not define, unbalanced brackets or quotes, or a character
outside plain typography.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "frameworks"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"

#: Phrase boundaries: a comma, or a preposition or conjunction that starts a new phrase.
_MARKERS = (
    "to",
    "through",
    "with",
    "by",
    "for",
    "in",
    "on",
    "from",
    "across",
    "within",
    "using",
    "when",
    "while",
    "including",
    "such as",
    "based on",
    "according to",
    "via",
    "without",
    "throughout",
    "and ensuring",
    "ensuring",
    "so that",
)
_SPLIT = re.compile(
    r"\s*,\s+|\s+(?=(?:" + "|".join(m.replace(" ", r"\s") for m in _MARKERS) + r")\s)"
)
_STARTS_WITH_MARKER = re.compile(r"^(?:" + "|".join(_MARKERS) + r")\s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9&]+(?=s?(?![A-Za-z0-9]))")
#: Characters a generated phrase may hold (no double quotes: they must pair up).
_ALLOWED = re.compile(r"^[A-Za-z0-9 ,.'\u2019()/&%+\-\u2013]+$")
#: Word endings that mark British spelling in an en-GB source.
_BRITISH = re.compile(
    r"(?:is(?:e|es|ed|ing|ation|ations|er|ers)|our|ours|oural|ourable|yse|ysed|ysing|tre|ogue)$"
    r"|^(?:amongst|whilst|fulfil|judgement|enrol|learnt|spelt)$"
)
_DOTTED = re.compile(r"([A-Za-z]+)\.[A-Za-z]")  # monday.com: not a word on its own
_PROSE_KEYS = frozenset({"text", "summary", "description", "definition", "intro", "notice"})
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])[.!?]\s+(?=[A-Z])")
#: Words too common to name a behavior in an identifier.
# fmt: off
STOPWORDS = frozenset((
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "from", "as",
    "at", "into", "onto", "is", "are", "be", "been", "being", "their", "our", "your", "its",
    "it", "they", "them", "this", "that", "these", "those", "all", "any", "each", "every",
    "both", "other", "such", "via", "per", "than", "then", "so", "not", "no", "up", "out",
    "over", "under", "about", "while", "when", "who", "whom", "which", "what", "how", "e", "g",
    "etc",
))
# fmt: on
#: Phrases that a marker word must not cut in two ("day to day").
_FIXED = ("day to day", "end to end", "one on one", "face to face", "step by step", "top-down")


@dataclass(frozen=True, slots=True)
class _Field:
    key: str | None
    within: str | None
    value: str


@dataclass(frozen=True, slots=True)
class Competency:
    id: str
    name: str
    definition: str | None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Phrase pools, acronyms and competencies taken from the seed texts."""

    #: openings of behavior sentences: a verb and its object.
    heads: tuple[str, ...]
    #: phrases that extend a sentence, each starting with a preposition or conjunction.
    modifiers: tuple[str, ...]
    #: fragments of examples ("dailies, offsites, webinars" gives three).
    example_parts: tuple[str, ...]
    #: every lower-case word of the kept text (a misspelling must not be one of them).
    words: frozenset[str]
    #: lower-case words for near-duplicates, in a stable order.
    replacement_words: tuple[str, ...]
    #: acronym -> expansion (None when the sources give none).
    glossary: dict[str, str | None]
    competencies: tuple[Competency, ...]
    notices: tuple[str, ...]


def _walk(node: Any, key: str | None, within: str | None, out: list[_Field]) -> None:
    """Collect string values with their key and the list they sit in."""
    if isinstance(node, dict):
        for k, v in node.items():
            _walk(v, str(k), str(k) if isinstance(v, list) else within, out)
    elif isinstance(node, list):
        for v in node:
            _walk(v, key, within, out)
    elif isinstance(node, str):
        out.append(_Field(key, within, node))


def _clean(text: str) -> str:
    return " ".join(text.split()).strip()


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _sentences(text: str) -> list[str]:
    return [s.rstrip(".!? ") for s in _SENTENCE_END.split(_clean(text)) if s.strip()]


def _chunks(sentence: str) -> list[str]:
    for fixed in _FIXED:
        sentence = sentence.replace(fixed, fixed.replace(" ", "\0"))
    chunks = (c.strip(" ,;:").replace("\0", " ") for c in _SPLIT.split(sentence))
    return [c for c in chunks if c]


def _ends_cleanly(phrase: str) -> bool:
    words = phrase.split()
    return words[-1].lower() not in STOPWORDS and not {"you", "your", "I", "me"} & set(words)


def load_vocabulary(frameworks: Path = FRAMEWORKS, seeds: Path = SEEDS) -> Vocabulary:
    """Read the canonical frameworks and the seed documents into phrase pools."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=False)
    us_words: set[str] = set()
    gb_words: set[str] = set()
    prose: list[_Field] = []
    glossary: dict[str, str | None] = {}
    competencies: dict[str, tuple[str, list[str]]] = {}
    notices: list[str] = []
    for path in sorted(frameworks.glob("*.yaml")):
        data = yaml.load(path.read_text("utf-8"))
        fields: list[_Field] = []
        _walk(data, None, None, fields)
        british = data.get("locale") == "en-GB"
        for item in fields:
            if item.key in _PROSE_KEYS:
                words = (w.lower() for w in _WORD.findall(item.value))
                (gb_words if british else us_words).update(words)
                prose.append(item)
        for entry in data.get("glossary", []):
            if glossary.get(entry["term"]) is None:
                glossary[entry["term"]] = entry.get("expansion")
        for comp in data.get("competencies", []):
            name, texts = competencies.setdefault(comp["id"], (comp["name"], []))
            if comp.get("definition"):
                texts.append(comp["definition"])
        for track in data.get("tracks", []):
            if track.get("notice"):
                notices.append(_clean(track["notice"]))
            for role in track.get("roles", []):
                for section in role.get("competencies", []):
                    if section.get("description") and section["competency"] in competencies:
                        competencies[section["competency"]][1].append(section["description"])
    allowed = us_words | {w for w in gb_words - us_words if not _BRITISH.search(w)}

    def clean_phrase(phrase: str) -> bool:
        if not phrase[:1].isalpha() or not _ALLOWED.match(phrase) or not _balanced(phrase):
            return False
        if any(w.lower() not in allowed for w in _WORD.findall(phrase)):
            return False
        if any(token.isdigit() for token in phrase.split()):
            return False  # a lone number is a leftover of the page ("successfully. 0")
        return all(a in glossary for a in _ACRONYM.findall(phrase))

    behaviors = [f.value for f in prose if f.key == "text" and f.within == "behaviors"]
    verbs = {_clean(b).split()[0] for b in behaviors}
    seed_lines: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        for line in path.read_text("utf-8").splitlines():
            line = _clean(line.replace("•", " "))
            if len(line.split()) >= 5:
                seed_lines.append(line)

    lower_case = {w for item in prose for w in _WORD.findall(item.value) if w.islower()}
    heads: dict[str, None] = {}
    modifiers: dict[str, None] = {}
    example_parts: dict[str, None] = {}
    sources = [*prose, *(_Field(None, None, line) for line in seed_lines)]
    for item in sources:
        for sentence in _sentences(item.value):
            chunks = _chunks(sentence)
            if not chunks:
                continue
            first = chunks[0]
            if (
                first.split()[0] in verbs
                and 2 <= len(first.split()) <= 9
                and _ends_cleanly(first)
                and clean_phrase(first)
            ):
                heads[first] = None
            for chunk in chunks[1:]:
                if (
                    _STARTS_WITH_MARKER.match(chunk)
                    and len(chunk.split()) >= 3
                    and _ends_cleanly(chunk)
                    and clean_phrase(chunk)
                ):
                    modifiers[chunk] = None
            if item.within in {"examples", "behaviors"}:
                for part in re.split(r"\s*[,;]\s+", sentence):
                    if (
                        3 <= len(part.split()) <= 12
                        and part.split()[0].lower() not in {"and", "or", "but", "etc"}
                        and _ends_cleanly(part)
                        and clean_phrase(part)
                    ):
                        first = part.split()[0]
                        if first.lower() in lower_case:  # not a name such as Worknet
                            part = part[0].lower() + part[1:]
                        example_parts[part] = None
    kept_words = {
        w for phrase in [*heads, *modifiers, *example_parts] for w in _WORD.findall(phrase)
    }
    dotted = {m for phrase in [*heads, *modifiers, *example_parts] for m in _DOTTED.findall(phrase)}
    replacement = sorted(
        w
        for w in kept_words - dotted
        if w.isalpha() and w.isascii() and w.islower() and len(w) >= 4 and w not in STOPWORDS
    )
    catalog = []
    for cid, (name, texts) in competencies.items():
        definition = next(
            (_clean(t) for t in texts if all(clean_phrase(s) for s in _sentences(t))), None
        )
        catalog.append(Competency(cid, name, definition))
    return Vocabulary(
        heads=tuple(heads),
        modifiers=tuple(modifiers),
        example_parts=tuple(example_parts),
        words=frozenset(allowed),
        replacement_words=tuple(replacement),
        glossary=glossary,
        competencies=tuple(catalog),
        notices=tuple(dict.fromkeys(n for n in notices if clean_phrase(n.rstrip("!.")))),
    )
