"""Synthetic framework corpora for the benchmarks.

A corpus is a directory of framework files in the repository's format (one framework per
``<id>.yaml`` file, valid against schema/framework.schema.json), built from the seed
vocabulary (see benchmarks/vocabulary.py). Behaviors are new sentences glued from seed
phrases; a controlled share of them are planted defects:

- exact duplicates: the text of an earlier behavior, word for word;
- near-duplicates: an earlier behavior with one or two words changed;
- misspellings: a new behavior with one word changed by a single edit (a letter
  deleted, doubled, replaced or swapped with its neighbour).

The same specification and seed always give a byte-identical corpus. Each planted defect
is listed in ``injected.json`` beside the framework files, so rule recall can be measured.

    python -m benchmarks.generate OUT --behaviors 10000 [--seed 1] [--duplicates 0.03] ...
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import json
import math
import os
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.vocabulary import ROOT, STOPWORDS, Competency, Vocabulary, load_vocabulary
from benchmarks.yamltext import scalar

#: Bump when the output for a given specification changes, so cached corpora are rebuilt.
GENERATOR_VERSION = 1
SCHEMA = ROOT / "schema" / "framework.schema.json"
MANIFEST = "injected.json"

#: (owner team, professional role, management area) of the generated departments.
TEAMS = (
    ("Knowledge Experts", "Knowledge Expert", "Knowledge"),
    ("Knowledge Managers", "Knowledge Manager", "Knowledge Management"),
    ("Customer Experience", "Customer Experience Advocate", "Customer Experience"),
    ("Customer Success", "Customer Success Specialist", "Customer Success"),
    ("Technical Support", "Technical Support Engineer", "Technical Support"),
    ("Quality Assurance", "Quality Analyst", "Quality"),
    ("Customer Insights", "Customer Experience Analyst", "Customer Insights"),
    ("Onboarding", "Onboarding Specialist", "Onboarding"),
    ("Enablement", "Enablement Specialist", "Enablement"),
    ("Escalations", "Escalation Specialist", "Escalations"),
    ("Community", "Community Specialist", "Community"),
    ("Support Operations", "Operations Specialist", "Support Operations"),
)
AREAS = (
    "Enterprise",
    "Billing",
    "Platform",
    "Integrations",
    "Automations",
    "Mobile",
    "Marketplace",
    "Security",
    "Workflow",
    "Analytics",
    "Partner",
    "Education",
    "Payments",
    "Accessibility",
    "Regional",
    "Premium",
    "Startup",
    "Public Sector",
    "Healthcare",
    "Retail",
    "Developer",
    "Account",
    "Product",
    "Global",
    "Channel",
    "Digital",
    "Voice",
    "Chat",
    "Email",
    "Social",
    "Research",
    "Strategy",
    "Sales",
    "Finance",
    "Legal",
    "Training",
)
PROFESSIONAL_LADDER = ("Associate {}", "{}", "Senior {}", "Lead {}", "Principal {}", "Staff {}")
MANAGEMENT_LADDER = (
    "{} Team Lead",
    "{} Manager",
    "Senior {} Manager",
    "Head of {}",
    "Director of {}",
)
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_EDIT_WORD = re.compile(r"(?<![A-Za-z'\u2019-])[a-z]{6,}(?![A-Za-z'\u2019-])")
_NEAR_WORD = re.compile(r"(?<![A-Za-z'\u2019-])[a-z]{4,}(?![A-Za-z'\u2019-])")
_KEYBOARD = {
    "a": "sqz",
    "b": "vn",
    "c": "xv",
    "d": "sf",
    "e": "wr",
    "f": "dg",
    "g": "fh",
    "h": "gj",
    "i": "uo",
    "j": "hk",
    "k": "jl",
    "l": "k",
    "m": "n",
    "n": "bm",
    "o": "ip",
    "p": "o",
    "q": "w",
    "r": "et",
    "s": "ad",
    "t": "ry",
    "u": "yi",
    "v": "cb",
    "w": "qe",
    "x": "zc",
    "y": "tu",
    "z": "x",
}


@dataclass(frozen=True, slots=True)
class CorpusSpec:
    """What to generate. Shares are fractions of all behaviors."""

    behaviors: int
    seed: int = 1
    duplicates: float = 0.03
    near_duplicates: float = 0.03
    misspellings: float = 0.01
    behaviors_per_file: int = 240
    roles_per_file: int = 8
    #: total number of roles; by default every file has ``roles_per_file``.
    roles: int | None = None
    competencies_per_file: int = 5
    #: share of behaviors with their own examples, and of sections with examples.
    behavior_examples: float = 0.25
    section_examples: float = 0.15
    #: files without the prose a lint-clean file may leave out: no intro, competency
    #: definitions, role summaries or coming-soon track (the glossary and one example
    #: a section, which the rules ask for, stay)
    lean: bool = False

    def validate(self) -> str | None:
        """Why the specification cannot be generated, or None."""
        if self.behaviors < 1:
            return "the corpus needs at least one behavior"
        shares = (self.duplicates, self.near_duplicates, self.misspellings)
        if any(not 0 <= s <= 1 for s in (*shares, self.behavior_examples, self.section_examples)):
            return "shares are fractions between 0 and 1"
        if sum(round(s * self.behaviors) for s in shares) > self.behaviors - 1:
            return "duplicates, near-duplicates and misspellings leave no original behavior"
        if min(self.behaviors_per_file, self.roles_per_file, self.competencies_per_file) < 1:
            return "per-file counts must be positive"
        if self.roles is not None and self.roles < 1:
            return "the corpus needs at least one role"
        return None

    @property
    def key(self) -> str:
        """A short hash of the specification and the generator version."""
        data = {"version": GENERATOR_VERSION, **dataclasses.asdict(self)}
        if not self.lean:
            del data["lean"]  # the corpora made before the option keep their names
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:10]

    @property
    def name(self) -> str:
        """Directory name of the corpus in a cache."""
        size = f"{self.roles}-roles" if self.roles is not None else f"{self.behaviors}-behaviors"
        return f"{size}-{self.key}"


@dataclass(slots=True)
class Injected:
    """A planted defect, for measuring what the rules find."""

    kind: str  # duplicate | near-duplicate | misspelling
    file: str
    where: str  # role/competency/behavior id
    text: str
    source: str | None = None  # file:role/competency/behavior of the original
    word: str | None = None  # misspelling: the correct word
    misspelled: str | None = None
    changed: int | None = None  # near-duplicate: how many words were replaced


@dataclass(slots=True)
class _Original:
    text: str
    file: str
    where: str


@dataclass(slots=True)
class _Behavior:
    id: str
    text: str
    examples: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Section:
    competency: str
    behaviors: list[_Behavior] = field(default_factory=list)
    examples: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class _Role:
    id: str
    title: str
    summary: str
    builds_on: str | None
    sections: list[_Section] = field(default_factory=list)


def spread(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` counts that differ by at most one."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def slug(text: str, taken: set[str], words: int = 3) -> str:
    """An identifier from the first content words of ``text``, unique in ``taken``."""
    content = [
        w
        for w in _SLUG_WORD.findall(text.lower())
        if w not in STOPWORDS and (len(w) > 1 or w.isdigit())
    ]
    content = content or ["item"]
    for n in range(words, max(words, len(content)) + 1):
        candidate = "-".join(content[:n])[:60].strip("-")
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    base = "-".join(content[:words])[:56].strip("-")
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    taken.add(f"{base}-{number}")
    return f"{base}-{number}"


class _Writer:
    """Builds the frameworks of one corpus, in order, from one random generator."""

    def __init__(self, spec: CorpusSpec, vocabulary: Vocabulary) -> None:
        self.spec = spec
        self.vocab = vocabulary
        self.rng = random.Random(spec.seed)
        self.used: set[str] = set()
        self.signatures: set[tuple[str, frozenset[str]]] = set()
        self.example_parts: set[tuple[str, ...]] = set()
        self.originals: list[_Original] = []
        #: the originals by file: the ones of the file being written are the last of
        #: `originals`, found without reading all of them for each copy
        self.by_file: dict[str, list[_Original]] = {}
        self.injected: list[Injected] = []
        self.acronyms = re.compile(
            r"(?<![A-Za-z0-9])("
            + "|".join(re.escape(t) for t in sorted(vocabulary.glossary, key=len, reverse=True))
            + r")(?=s?(?![A-Za-z0-9]))"
        )
        self.kinds = self._plan_kinds()

    def _plan_kinds(self) -> dict[int, str]:
        """Which behavior (by position in the corpus) carries which planted defect."""
        spec = self.spec
        counts = [
            ("duplicate", round(spec.duplicates * spec.behaviors)),
            ("near-duplicate", round(spec.near_duplicates * spec.behaviors)),
            ("misspelling", round(spec.misspellings * spec.behaviors)),
        ]
        positions = self.rng.sample(range(1, spec.behaviors), sum(n for _, n in counts))
        kinds: dict[int, str] = {}
        start = 0
        for kind, n in counts:
            for position in positions[start : start + n]:
                kinds[position] = kind
            start += n
        return kinds

    # -- sentences -------------------------------------------------------------

    def sentence(self) -> str:
        """A new behavior sentence, different from every one so far."""
        rng, vocab = self.rng, self.vocab
        while True:
            head = rng.choice(vocab.heads)
            mods = rng.sample(vocab.modifiers, rng.choice((2, 2, 3)))
            signature = (head, frozenset(mods))
            text = head
            for mod in mods:
                text += (", " if mod.split()[0].endswith("ing") else " ") + mod
            if len(text) > 260 or signature in self.signatures or text in self.used:
                continue
            self.signatures.add(signature)
            self.used.add(text)
            return text

    def example(self) -> str:
        """A new example: two or three example fragments in an order not used before."""
        while True:
            parts = tuple(self.rng.sample(self.vocab.example_parts, self.rng.choice((2, 3))))
            if parts not in self.example_parts:
                break
        self.example_parts.add(parts)
        text = "; ".join(parts) if self.rng.random() < 0.3 else ", ".join(parts)
        return text[0].upper() + text[1:] if self.rng.random() < 0.5 else text

    def near_duplicate(self, text: str) -> tuple[str, int]:
        """``text`` with one or two words replaced: (text, number of words changed)."""
        words = [m for m in _NEAR_WORD.finditer(text) if m.group() not in STOPWORDS]
        words = [m for m in words if m.start() > 0]
        present = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
        while True:
            chosen = sorted(
                self.rng.sample(words, min(len(words), self.rng.choice((1, 2)))),
                key=lambda m: m.start(),
                reverse=True,
            )
            changed = text
            for m in chosen:
                replacement = self.rng.choice(self.vocab.replacement_words)
                while replacement in present:
                    replacement = self.rng.choice(self.vocab.replacement_words)
                changed = changed[: m.start()] + replacement + changed[m.end() :]
            if changed not in self.used:
                self.used.add(changed)
                return changed, len(chosen)

    def misspell(self, text: str) -> tuple[str, str, str]:
        """``text`` with one word changed by a single edit: (text, word, misspelled)."""
        rng = self.rng
        candidates = [m for m in _EDIT_WORD.finditer(text) if m.start() > 0]
        while True:
            m = rng.choice(candidates)
            word = m.group()
            i = rng.randrange(1, len(word) - 1)
            edit = rng.choice(("delete", "double", "replace", "swap"))
            if edit == "delete":
                wrong = word[:i] + word[i + 1 :]
            elif edit == "double":
                wrong = word[:i] + word[i] + word[i:]
            elif edit == "replace":
                wrong = word[:i] + rng.choice(_KEYBOARD[word[i]]) + word[i + 1 :]
            else:
                wrong = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if wrong != word and wrong not in self.vocab.words:
                return text[: m.start()] + wrong + text[m.end() :], word, wrong

    # -- frameworks ------------------------------------------------------------

    def framework(self, index: int, roles: int, behaviors: int, first: int) -> tuple[str, str]:
        """The id and YAML text of the ``index``-th framework."""
        rng, vocab, spec = self.rng, self.vocab, self.spec
        lean = spec.lean
        team, role_name, management = TEAMS[index % len(TEAMS)]
        area = AREAS[(index // len(TEAMS)) % len(AREAS)]
        cycle = index // (len(TEAMS) * len(AREAS))
        department = f"{area} {team}"
        title = f"{department} PDP" + (f" {cycle + 1}" if cycle else "")
        fid = slug(title, set(), words=8)
        file = f"{fid}.yaml"
        per_file = min(spec.competencies_per_file, len(vocab.competencies))
        competencies = sorted(rng.sample(range(len(vocab.competencies)), per_file))
        catalog = [vocab.competencies[i] for i in competencies]
        titles = self._titles(roles, f"{area} {role_name}", f"{area} {management}")
        role_ids: set[str] = set()
        counts = spread(behaviors, roles * len(catalog))
        for _ in range(len(counts)):  # uneven sections, as in real frameworks
            give, take = rng.randrange(len(counts)), rng.randrange(len(counts))
            if counts[give] > 2:
                counts[give] -= 1
                counts[take] += 1
        position = first
        tracks: list[tuple[str, str, list[_Role]]] = []
        for track_id, track_name, track_titles in titles:
            track_roles: list[_Role] = []
            for role_title in track_titles:
                summary = "" if lean else f"{self.sentence()}. {self.sentence()}."
                role = _Role(
                    id=slug(role_title, role_ids, words=8),
                    title=role_title,
                    summary=summary,
                    builds_on=track_roles[-1].id if track_roles else None,
                )
                for comp in catalog:
                    section = _Section(comp.id)
                    behavior_ids: set[str] = set()
                    example_ids: set[str] = set()
                    for _ in range(counts.pop(0)):
                        where = f"{role.id}/{comp.id}"
                        text, record = self._behavior_text(position, file, where)
                        behavior = _Behavior(slug(text, behavior_ids), text)
                        record.where = f"{where}/{behavior.id}"
                        if rng.random() < spec.behavior_examples:
                            for _ in range(rng.choice((1, 1, 1, 1, 2))):
                                example = self.example()
                                behavior.examples.append((slug(example, example_ids), example))
                        section.behaviors.append(behavior)
                        position += 1
                    # every section shows at least one example, as the canonical ones do
                    if not example_ids or rng.random() < spec.section_examples:
                        for _ in range(1 if not example_ids else rng.choice((1, 2))):
                            example = self.example()
                            section.examples.append((slug(example, example_ids), example))
                    role.sections.append(section)
                track_roles.append(role)
            tracks.append((track_id, track_name, track_roles))
        intro = (
            f"This page contains the different roles within {department}. Choose the relevant "
            "role you want to learn about."
        )
        head = [
            f"# yaml-language-server: $schema={self.schema_ref}",
            f"id: {fid}",
            f"title: {scalar(title)}",
            "owner:",
            f"  team: {scalar(department)}",
            "locale: en-US",
            "version: '1.0'",
            "status: published",
        ]
        if not lean:
            head.append(f"intro: {scalar(intro)}")
        body = _catalog_lines(catalog, lean) + _track_lines(tracks, catalog, vocab.notices[0], lean)
        glossary = []
        prose = [] if lean else [intro]
        for term in self._glossary("\n".join([title, department, *prose, *body])):
            glossary.append(f"  - term: {scalar(term)}")
            expansion = vocab.glossary[term]
            if expansion:
                glossary.append(f"    expansion: {scalar(expansion)}")
        if glossary:
            head += ["glossary:", *glossary]
        return fid, "\n".join([*head, *body]) + "\n"

    schema_ref = "../schema/framework.schema.json"

    def _titles(
        self, roles: int, professional: str, management: str
    ) -> list[tuple[str, str, list[str]]]:
        n_prof = max(1, math.ceil(roles * 5 / 8)) if roles > 1 else 1
        n_mgmt = roles - n_prof
        tracks = [
            (
                "professional",
                "Professional Path",
                self._ladder(PROFESSIONAL_LADDER, professional, n_prof),
            )
        ]
        if n_mgmt:
            tracks.append(
                (
                    "management",
                    "Management Path",
                    self._ladder(MANAGEMENT_LADDER, management, n_mgmt),
                )
            )
        return tracks

    @staticmethod
    def _ladder(ladder: Sequence[str], name: str, n: int) -> list[str]:
        titles = [ladder[i % len(ladder)].format(name) for i in range(n)]
        return [
            t if i < len(ladder) else f"{t} {i // len(ladder) + 1}" for i, t in enumerate(titles)
        ]

    def _glossary(self, text: str) -> list[str]:
        return sorted({m.group(1) for m in self.acronyms.finditer(text)})

    def _behavior_text(
        self, position: int, file: str, where: str
    ) -> tuple[str, _Original | Injected]:
        """The text of the behavior at ``position`` and the record that lists it."""
        kind = self.kinds.get(position)
        if kind in {"duplicate", "near-duplicate"}:
            same_file = self.by_file.get(file, [])[-self.spec.behaviors_per_file :]
            pool = same_file if same_file and self.rng.random() < 0.5 else self.originals
            source = self.rng.choice(pool)
            text, changed = source.text, None
            if kind == "near-duplicate":
                text, changed = self.near_duplicate(source.text)
            record = Injected(
                kind, file, where, text, source=f"{source.file}:{source.where}", changed=changed
            )
            self.injected.append(record)
            return text, record
        text = self.sentence()
        if kind == "misspelling":
            # a sentence with no word to misspell (rare) is drawn again
            while not any(m.start() > 0 for m in _EDIT_WORD.finditer(text)):
                text = self.sentence()
            text, word, wrong = self.misspell(text)
            record = Injected(kind, file, where, text, word=word, misspelled=wrong)
            self.injected.append(record)
            return text, record
        original = _Original(text, file, where)
        self.originals.append(original)
        self.by_file.setdefault(file, []).append(original)
        return text, original


def _catalog_lines(catalog: Sequence[Competency], lean: bool = False) -> list[str]:
    lines = ["competencies:"]
    for comp in catalog:
        lines += [f"  - id: {comp.id}", f"    name: {scalar(comp.name)}"]
        if comp.definition and not lean:
            lines.append(f"    definition: {scalar(comp.definition)}")
    return lines


def _example_lines(examples: Sequence[tuple[str, str]], indent: str) -> list[str]:
    lines = []
    for eid, text in examples:
        lines += [f"{indent}- id: {eid}", f"{indent}  text: {scalar(text)}"]
    return lines


def _track_lines(
    tracks: Sequence[tuple[str, str, list[_Role]]],
    catalog: Sequence[Competency],
    notice: str,
    lean: bool = False,
) -> list[str]:
    """The ``tracks:`` of a framework: the tracks with roles, then a coming-soon IC track."""
    lines = ["tracks:"]
    for track_id, track_name, roles in tracks:
        lines += [f"  - id: {track_id}", f"    name: {track_name}", "    status: available"]
        lines.append("    roles:")
        for role in roles:
            lines += [f"      - id: {role.id}", f"        title: {scalar(role.title)}"]
            if role.summary:
                lines.append(f"        summary: {scalar(role.summary)}")
            if role.builds_on:
                lines.append(f"        builds_on: {role.builds_on}")
            lines.append("        competencies:")
            for section in role.sections:
                lines.append(f"          - competency: {section.competency}")
                lines.append("            behaviors:" + ("" if section.behaviors else " []"))
                for b in section.behaviors:
                    lines += [
                        f"              - id: {b.id}",
                        f"                text: {scalar(b.text)}",
                    ]
                    if b.examples:
                        lines.append("                examples:")
                        lines += _example_lines(b.examples, " " * 18)
                if section.examples:
                    lines.append("            examples:")
                    lines += _example_lines(section.examples, " " * 14)
    if lean:
        return lines
    lines += [
        "  - id: ic",
        "    name: IC Path",
        "    status: coming-soon",
        f"    notice: {scalar(notice)}",
        "    competencies:",
        *(f"      - {comp.id}" for comp in catalog),
    ]
    return lines


@functools.cache
def seed_vocabulary() -> Vocabulary:
    """The vocabulary of the repository's seed texts, read once a process: a run that
    writes several corpora (the scaling benchmark writes ten) reads the frameworks and
    seeds once. The writer only reads it: a corpus does not depend on those written before."""
    return load_vocabulary()


def generate(spec: CorpusSpec, out: Path, vocabulary: Vocabulary | None = None) -> list[Path]:
    """Write the corpus of ``spec`` into the directory ``out``; the framework files."""
    problem = spec.validate()
    if problem:
        raise ValueError(problem)
    writer = _Writer(spec, vocabulary or seed_vocabulary())
    writer.schema_ref = Path(os.path.relpath(SCHEMA, out.resolve())).as_posix()
    files = math.ceil(spec.behaviors / spec.behaviors_per_file)
    if spec.roles is not None:
        files = max(files, math.ceil(spec.roles / spec.roles_per_file))
    roles = spread(spec.roles if spec.roles is not None else files * spec.roles_per_file, files)
    behaviors = spread(spec.behaviors, files)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    first = 0
    for index in range(files):
        fid, text = writer.framework(index, max(1, roles[index]), behaviors[index], first)
        first += behaviors[index]
        path = out / f"{fid}.yaml"
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    manifest = {
        "spec": dataclasses.asdict(spec),
        "generator_version": GENERATOR_VERSION,
        "files": len(written),
        "behaviors": spec.behaviors,
        "injected": [dataclasses.asdict(i) for i in writer.injected],
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return written


def ensure_corpus(spec: CorpusSpec, cache: Path) -> Path:
    """The directory of the corpus of ``spec`` under ``cache``, generated if missing.

    The corpus is written to a temporary directory and renamed into place, so an
    interrupted run never leaves half a corpus in the cache.
    """
    target = cache / spec.name
    if target.is_dir():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{spec.name}-", dir=cache))
    try:
        generate(spec, tmp)
        try:
            tmp.rename(target)
        except OSError:
            if not target.is_dir():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return target


def corpus_files(directory: Path) -> list[Path]:
    """The framework files of a generated corpus, sorted."""
    return sorted(directory.glob("*.yaml"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a synthetic framework corpus built from the seed vocabulary.",
    )
    defaults = CorpusSpec(behaviors=1)
    parser.add_argument("out", type=Path, help="directory to write the framework files to")
    parser.add_argument("--behaviors", type=int, default=1000, help="number of behaviors")
    parser.add_argument("--roles", type=int, default=None, help="total number of roles")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--duplicates", type=float, default=defaults.duplicates)
    parser.add_argument("--near-duplicates", type=float, default=defaults.near_duplicates)
    parser.add_argument("--misspellings", type=float, default=defaults.misspellings)
    parser.add_argument("--behaviors-per-file", type=int, default=defaults.behaviors_per_file)
    parser.add_argument("--roles-per-file", type=int, default=defaults.roles_per_file)
    args = parser.parse_args(argv)
    spec = CorpusSpec(
        behaviors=args.behaviors,
        seed=args.seed,
        duplicates=args.duplicates,
        near_duplicates=args.near_duplicates,
        misspellings=args.misspellings,
        behaviors_per_file=args.behaviors_per_file,
        roles_per_file=args.roles_per_file,
        roles=args.roles,
    )
    problem = spec.validate()
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        problem = f"{args.out} is not an empty directory; name a new or empty one"
    if problem:
        print(f"benchmarks.generate: {problem}", file=sys.stderr)
        return 2
    files = generate(spec, args.out)
    size = sum(f.stat().st_size for f in files)
    summary = f"{len(files)} files ({size / 1e6:.1f} MB, {spec.behaviors:,} behaviors)"
    print(f"wrote {summary} to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
