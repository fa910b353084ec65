"""Defects injected into copies of the accuracy corpus, with a seeded generator.

Edits are made in the YAML text itself, so every injected defect has a known line and
column: a misspelling replaces one word of a one-line value; a duplicate or near
duplicate is a new behavior inserted after the behavior it copies (the later copy is
the one to report); a copied summary replaces the summary of a later role with an
earlier role's.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: one-line values of these keys hold prose a misspelling can go into (indented: the
#: framework's own title and owner team are not prose the rules read)
_VALUE = re.compile(
    r"^(\s+(?:- )?(?:text|summary|definition|name|title|label|expansion): )(?![|>])(.+)$"
)
_WORD = re.compile(r"(?<![\w'’.@/#-])[A-Za-z]+(?![\w'’@/-])")
_ITEM = re.compile(r"^(\s*)- id: (\S+)$")


@dataclass(frozen=True)
class Typo:
    file: str
    line: int  # 1-based
    column: int  # 1-based, where the word starts
    word: str
    typo: str


@dataclass(frozen=True)
class Insertion:
    """An injected behavior or summary: the lines it occupies in its file (1-based)."""

    file: str
    first: int
    last: int
    kind: str
    detail: str


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
    if word.isupper():
        return out.upper()
    if word[:1].isupper():
        return out[:1].upper() + out[1:]
    return out


def _real_word(word: str) -> bool:
    """In an English dictionary, in any capitalisation: such an edit is not a misspelling
    a spelling checker can see."""
    from pdp_lint.language.lexicon import lexicon

    low = word.lower()
    words = lexicon()
    return words.has(low) or words.has(low[:1].upper() + low[1:])


def _plain_word(word: str) -> bool:
    from pdp_lint.language.tokens import is_acronym, is_product_like

    return len(word) >= 5 and not is_acronym(word) and not is_product_like(word)


def misspellings(
    files: dict[str, str], count: int, rng: random.Random, per_round: int = 100
) -> list[tuple[dict[str, str], list[Typo]]]:
    """Rounds of copies, each with up to ``per_round`` single-edit misspellings of
    dictionary words (five letters or more), one per line, ``count`` in all."""
    sites = []
    for name, text in sorted(files.items()):
        for n, line in enumerate(text.splitlines(), start=1):
            m = _VALUE.match(line)
            if not m or (m.group(2).startswith("'") and "''" in m.group(2)):
                continue
            for w in _WORD.finditer(m.group(2)):
                word = w.group(0)
                if _plain_word(word) and _real_word(word):
                    sites.append((name, n, len(m.group(1)) + w.start() + 1, word))
    rng.shuffle(sites)
    rounds: list[tuple[dict[str, str], list[Typo]]] = []
    made = 0
    while made < count and sites:
        used_lines: set[tuple[str, int]] = set()
        typos: list[Typo] = []
        rest = []
        for site in sites:
            name, n, col, word = site
            if (name, n) in used_lines or len(typos) >= per_round or made + len(typos) >= count:
                rest.append(site)
                continue
            typo = _typo(word, rng)
            if typo == word or _real_word(typo):
                continue  # another real word: no spelling checker can see it
            used_lines.add((name, n))
            typos.append(Typo(name, n, col, word, typo))
        if not typos:
            break
        copy = {name: text.splitlines(keepends=True) for name, text in files.items()}
        for t in typos:
            line = copy[t.file][t.line - 1]
            start = t.column - 1
            assert line[start : start + len(t.word)] == t.word
            copy[t.file][t.line - 1] = line[:start] + t.typo + line[start + len(t.word) :]
        rounds.append(({k: "".join(v) for k, v in copy.items()}, typos))
        made += len(typos)
        sites = rest
    return rounds


def _behaviors(lines: list[str]) -> list[tuple[int, int, str, str]]:
    """(first, end, indent, raw text) of each behavior with a one-line text: lines
    first..end-1 (0-based) are its block."""
    out = []
    for i, line in enumerate(lines):
        m = _ITEM.match(line)
        if not m or i + 1 >= len(lines):
            continue
        indent = m.group(1)
        text = re.match(rf"^{indent}  text: (?![|>])(.+)$", lines[i + 1])
        if not text:
            continue
        # the list must be a `behaviors:` list (not examples)
        j = i - 1
        while j >= 0 and (lines[j].startswith(indent + " ") or lines[j].startswith(indent + "- ")):
            j -= 1
        if j < 0 or lines[j].strip() != "behaviors:":
            continue
        end = i + 2
        while end < len(lines) and lines[end].startswith(indent + " "):
            end += 1
        out.append((i, end, indent, text.group(1)))
    return out


def duplicates(
    files: dict[str, str], count: int, rng: random.Random, near: bool
) -> tuple[dict[str, str], list[Insertion]]:
    """A copy with ``count`` behaviors written again after themselves: word for word,
    or (``near``) with one word changed (two in behaviors of eight words or more)."""
    pool = sorted({w for text in files.values() for w in _WORD.findall(text) if len(w) >= 4})
    sites = [
        (name, b)
        for name, text in sorted(files.items())
        for b in _behaviors(text.splitlines())
        if len(_WORD.findall(b[3])) >= (4 if near else 2)
    ]
    rng.shuffle(sites)
    chosen = sorted(sites[:count], key=lambda s: (s[0], -s[1][0]))
    copy = {name: text.splitlines() for name, text in files.items()}
    placed: list[tuple[str, int, str]] = []
    for serial, (name, (_, end, indent, raw)) in enumerate(chosen):
        text = raw
        if near:
            words = list(_WORD.finditer(raw))
            changes = 1 if len(words) < 8 else rng.choice((1, 2))
            for w in sorted(rng.sample(words, changes), key=lambda w: -w.start()):
                new = rng.choice([p for p in pool if p.lower() != w.group(0).lower()])
                text = text[: w.start()] + new + text[w.end() :]
        kind = "near" if near else "exact"
        copy[name][end:end] = [f"{indent}- id: injected-{kind}-{serial}", f"{indent}  text: {text}"]
        placed.append((name, serial, f"{raw} -> {text}" if near else raw))
    out = {name: "\n".join(lines) + "\n" for name, lines in copy.items()}
    insertions = []
    for name, serial, detail in placed:
        lines = out[name].splitlines()
        kind = "near" if near else "exact"
        at = lines.index(next(ln for ln in lines if ln.endswith(f"- id: injected-{kind}-{serial}")))
        insertions.append(Insertion(name, at + 1, at + 2, kind, detail))
    return out, insertions


def _role_summaries(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) 0-based line ranges of the role summaries (roles have a title)."""
    out = []
    for i, line in enumerate(lines):
        m = re.match(r"^(\s+)summary: ", line)
        if not m:
            continue
        indent = m.group(1)
        j = i - 1
        while j >= 0 and lines[j].startswith(indent):
            j -= 1
        block = lines[j : i + 1]
        k = i + 1
        while k < len(lines) and (lines[k].startswith(indent + " ") or not lines[k].strip()):
            k += 1
        while k > i + 1 and not lines[k - 1].strip():
            k -= 1  # blank lines inside a block scalar belong to it, those after do not
        following = lines[i + 1 :]
        siblings = (
            block
            + following[
                : next(
                    (n for n, ln in enumerate(following) if not ln.startswith(indent)),
                    len(following),
                )
            ]
        )
        if (
            lines[j].lstrip().startswith("- id:")
            and any(s.startswith(indent + "title: ") for s in siblings)
            and lines[j].startswith(indent[:-2] + "- ")
        ):
            out.append((i, k))
    return out


def copied_summaries(
    files: dict[str, str], count: int, rng: random.Random
) -> tuple[dict[str, str], list[Insertion]]:
    """A copy where ``count`` roles have the summary of a role before them (in the same
    file or an earlier one), as when a summary is copied to the next role and not edited."""
    names = sorted(files)
    lines = {name: files[name].splitlines() for name in names}
    roles = [(name, r) for name in names for r in _role_summaries(lines[name])]
    pairs = [(a, b) for i, a in enumerate(roles) for b in roles[i + 1 :]]
    rng.shuffle(pairs)
    used: set[tuple[str, tuple[int, int]]] = set()
    chosen: list[tuple[tuple[str, tuple[int, int]], tuple[str, tuple[int, int]]]] = []
    for a, b in pairs:
        if len(chosen) >= count:
            break
        if a in used or b in used:
            continue
        used |= {a, b}
        chosen.append((a, b))
    copy = {name: list(ls) for name, ls in lines.items()}
    # replace from the bottom of each file up, so that the line numbers above stay right;
    # a comment before each copy marks where it is
    order = sorted(enumerate(chosen), key=lambda c: (c[1][1][0], -c[1][1][1][0]))
    for serial, ((src_name, (s0, s1)), (dst_name, (d0, d1))) in order:
        block = lines[src_name][s0:s1]
        shift = (len(copy[dst_name][d0]) - len(copy[dst_name][d0].lstrip())) - (
            len(block[0]) - len(block[0].lstrip())
        )
        moved = [(" " * shift + ln) if shift >= 0 else ln[-shift:] for ln in block]
        indent = " " * (len(moved[0]) - len(moved[0].lstrip()))
        copy[dst_name][d0:d1] = [f"{indent}# injected-summary-{serial}", *moved]
    out = {name: "\n".join(ls) + "\n" for name, ls in copy.items()}
    insertions = []
    for serial, ((src_name, (s0, s1)), (dst_name, _)) in enumerate(chosen):
        dst_lines = out[dst_name].splitlines()
        at = next(
            i for i, ln in enumerate(dst_lines) if ln.strip() == f"# injected-summary-{serial}"
        )
        insertions.append(
            Insertion(dst_name, at + 2, at + 1 + (s1 - s0), "summary", f"{src_name}:{s0 + 1}")
        )
    return out, insertions
