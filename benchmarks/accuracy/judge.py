"""Findings on the accuracy corpus, and the hand judgements that say which are right."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
JUDGEMENTS = HERE / "judgements.yaml"

#: keys whose values are identifiers or settings, not prose a reader reads
_NOT_PROSE = {
    "id",
    "competency",
    "competencies_ref",
    "locale",
    "version",
    "status",
    "builds_on",
    "applies_to",
    "audience",
    "level",
    "source",
}


@dataclass(frozen=True)
class Finding:
    """One problem pdp-lint reported, with the text it points at."""

    file: str
    code: str
    line: int
    column: int
    text: str
    message: str
    severity: str
    suggestion: str | None


@dataclass(frozen=True)
class Judgement:
    """A hand judgement of one finding: is it right, and why."""

    file: str
    code: str
    line: int
    text: str
    verdict: bool
    reason: str

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.file, self.code, self.line, self.text)


@dataclass
class Tally:
    """Findings of one rule by verdict."""

    true: int = 0
    false: int = 0
    unjudged: int = 0

    @property
    def judged(self) -> int:
        return self.true + self.false

    @property
    def precision(self) -> float | None:
        return self.true / self.judged if self.judged else None


@dataclass
class Precision:
    """The corpus's findings against the judgements."""

    words: int
    findings: list[Finding]
    by_rule: dict[str, Tally] = field(default_factory=dict)
    unjudged: list[Finding] = field(default_factory=list)
    stale: list[Judgement] = field(default_factory=list)

    @property
    def false(self) -> int:
        return sum(t.false for t in self.by_rule.values())

    @property
    def false_per_1000_words(self) -> float:
        return 1000 * self.false / self.words


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(corpus.glob("*.yaml"))


def _prose(node: Any, key: str = "") -> list[str]:
    if isinstance(node, str):
        return [] if key in _NOT_PROSE else [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _prose(v, str(k))]
    if isinstance(node, list):
        return [s for v in node for s in _prose(v, key)]
    return []


def count_words(files: list[Path]) -> int:
    """Words of prose in the framework files (names, texts, summaries, intros)."""
    return sum(len(" ".join(_prose(_load(f.read_text(encoding="utf-8")))).split()) for f in files)


def _load(text: str) -> Any:
    """Plain data of a YAML text (safe loading: no tags run). ruamel's C parser where it
    is installed (the same data as its pure-Python one, about five times faster: the
    word count parses the whole corpus); the YAML 1.2 resolver either way."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False).load(text)


def flagged_text(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> str:
    """The text a finding points at (its first line), as the judgements quote it."""
    if not 1 <= line <= len(lines):
        return ""
    source = lines[line - 1]
    end = end_column - 1 if end_line == line and end_column > column else len(source)
    return source[column - 1 : end][:80]


def check_copy(files: dict[str, str]) -> list[Finding]:
    """Run pdp-lint with no configuration on framework files given by name and text."""
    from pdp_lint import api
    from pdp_lint.engine.config import load_settings

    tmp = Path(tempfile.mkdtemp(prefix="pdp-lint-accuracy-"))
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        settings = load_settings(start=tmp)
        problems = api.check([tmp], settings).report.problems
        lines = {name: text.splitlines() for name, text in files.items()}
        out = []
        for p in problems:
            name = Path(p.file).name
            out.append(
                Finding(
                    name,
                    p.code,
                    p.line,
                    p.column,
                    flagged_text(lines.get(name, []), p.line, p.column, p.end_line, p.end_column),
                    p.message,
                    str(getattr(p.severity, "value", p.severity)),
                    p.suggestion,
                )
            )
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_judgements(path: Path = JUDGEMENTS) -> list[Judgement]:
    if not path.exists():
        return []
    data = _load(path.read_text(encoding="utf-8")) or []
    return [
        Judgement(
            str(d["file"]),
            str(d["code"]),
            int(d["line"]),
            str(d["text"]),
            bool(d["verdict"]),
            str(d.get("reason", "")),
        )
        for d in data
    ]


def measure(corpus: Path = CORPUS, judgements: Path = JUDGEMENTS) -> Precision:
    """Check the corpus and match every finding with its judgement."""
    files = corpus_files(corpus)
    findings = check_copy({f.name: f.read_text(encoding="utf-8") for f in files})
    judged = {j.key: j for j in load_judgements(judgements)}
    result = Precision(count_words(files), findings)
    seen = set()
    for f in findings:
        tally = result.by_rule.setdefault(f.code, Tally())
        j = judged.get((f.file, f.code, f.line, f.text))
        if j is None:
            tally.unjudged += 1
            result.unjudged.append(f)
        else:
            seen.add(j.key)
            if j.verdict:
                tally.true += 1
            else:
                tally.false += 1
    result.stale = [j for k, j in judged.items() if k not in seen]
    return result


def codes(findings: list[Finding]) -> Counter[str]:
    return Counter(f.code for f in findings)
