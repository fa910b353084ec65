"""How well SP01 catches typos nobody listed: single-edit misspellings in real prose.

Misspellings are made by one edit (a letter deleted, inserted, replaced, or two
neighbours swapped) in words of six letters or more of the canonical frameworks, with
a fixed seed; an edit that makes another real word is skipped. At least 95% must be
reported at the right place with the original word as the first suggestion.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from pdp_lint.engine.loading import load_all

from pdp_lint.engine.check import documents, run_check
from pdp_lint.engine.config import load_settings
from pdp_lint.language.lexicon import lexicon
from pdp_lint.language.speller import Speller, Vocabulary, read_vocabulary
from pdp_lint.language.tokens import match_case, strip_possessive
from pdp_lint.model.problem import Problem
from pdp_lint.rules.spelling import Misspelled, _checkable, _glossary, _words

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ROOT / "frameworks"
INJECTIONS = 400
PER_FILE_AND_ROUND = 25
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Injection:
    file: Path
    start: int  # offset in the original source
    end: int
    word: str
    typo: str


def _typo(word: str, rng: random.Random) -> str:
    low = word.lower()
    i = rng.randrange(len(low))
    op = rng.choice(("delete", "insert", "replace", "swap"))
    if op == "delete":
        out = low[:i] + low[i + 1 :]
    elif op == "insert":
        out = low[:i] + rng.choice(LETTERS) + low[i:]
    elif op == "replace":
        out = low[:i] + rng.choice(LETTERS.replace(low[i], "")) + low[i + 1 :]
    else:
        i = min(i, len(low) - 2)
        out = low[:i] + low[i + 1] + low[i] + low[i + 2 :]
    return match_case(word, out)


def _sites(settings_root: Path) -> tuple[list[tuple[Path, int, int, str]], Speller]:
    settings = load_settings(start=settings_root)
    loaded, _ = load_all([FRAMEWORKS], settings)
    vocabulary = Vocabulary()
    for path in settings.vocabulary:
        read_vocabulary(path.read_text(encoding="utf-8"), vocabulary)
    speller = Speller(lexicon(), vocabulary)
    sites = []
    for doc in documents(loaded):
        glossary = _glossary(doc.framework)
        for text in doc.framework.texts():
            for token in _words(text.value):
                word = strip_possessive(token.text)
                if len(word) < 6 or not _checkable(word) or word in glossary:
                    continue
                if not word.isalpha() or not speller.known(word):
                    continue
                end = token.start + len(word)
                edit = doc.edit(text, token.start, end, word)
                if edit is not None:
                    sites.append((doc.path, edit.start, edit.end, word))
    return sites, speller


def _injections() -> list[Injection]:
    rng = random.Random(20240601)
    sites, speller = _sites(ROOT)
    rng.shuffle(sites)
    out: list[Injection] = []
    for path, start, end, word in sites:
        typo = _typo(word, rng)
        if typo.lower() == word.lower() or speller.known(typo):
            continue  # a real word: not a misspelling a dictionary can catch
        out.append(Injection(path, start, end, word, typo))
        if len(out) == INJECTIONS:
            break
    return out


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _run_round(batch: list[Injection]) -> tuple[dict[Injection, Problem | None], list[Problem]]:
    """Apply ``batch`` in memory, check, and match findings to injections."""
    settings = load_settings(start=ROOT)
    settings.select = ("SP01",)
    texts: dict[Path, str] = {}
    where: dict[tuple[str, int, int], Injection] = {}
    for path in sorted({i.file for i in batch}):
        source = path.read_text(encoding="utf-8")
        shift = 0
        pieces = []
        last = 0
        for inj in sorted((i for i in batch if i.file == path), key=lambda i: i.start):
            pieces += [source[last : inj.start], inj.typo]
            new_start = inj.start + shift
            shift += len(inj.typo) - (inj.end - inj.start)
            last = inj.end
            new_text_so_far = "".join(pieces)
            line, col = _position(new_text_so_far, new_start)
            where[(path.as_posix(), line, col)] = inj
        pieces.append(source[last:])
        texts[path] = "".join(pieces)
    result = run_check([FRAMEWORKS], settings, texts)
    found: dict[Injection, Problem | None] = dict.fromkeys(batch)
    stray = []
    for problem in result.report.problems:
        inj = where.get((Path(problem.file).as_posix(), problem.line, problem.column))
        if inj is None:
            stray.append(problem)
        else:
            found[inj] = problem
    return found, stray


def test_single_edit_typos_are_caught_with_the_right_first_suggestion() -> None:
    injections = _injections()
    assert len(injections) == INJECTIONS
    results: dict[Injection, Problem | None] = {}
    stray: list[Problem] = []
    pending = list(injections)
    while pending:
        batch: list[Injection] = []
        taken: dict[Path, list[Injection]] = {}
        rest = []
        for inj in pending:
            mine = taken.setdefault(inj.file, [])
            clash = any(abs(o.start - inj.start) < 200 for o in mine)
            if len(mine) < PER_FILE_AND_ROUND and not clash:
                mine.append(inj)
                batch.append(inj)
            else:
                rest.append(inj)
        found, extra = _run_round(batch)
        results.update(found)
        stray += extra
        pending = rest
    misses = [
        f"{i.typo} -> {p.suggestion if p else 'not reported'} (want {i.word})"
        for i, p in results.items()
        if p is None or p.suggestion != i.word
    ]
    caught = len(injections) - len(misses)
    assert caught / len(injections) >= 0.95, misses
    assert not stray, [f"{p.file}:{p.line}:{p.column} {p.message}" for p in stray]


def test_canonical_frameworks_have_no_misspelling() -> None:
    settings = load_settings(start=ROOT)
    settings.select = (Misspelled.code,)
    result = run_check([FRAMEWORKS], settings)
    assert result.report.problems == []
