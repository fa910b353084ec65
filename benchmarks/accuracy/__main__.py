"""python -m benchmarks.accuracy [--seed N] [--misspellings N] [--output FILE] [--no-write]"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.accuracy import inject
from benchmarks.accuracy.judge import (
    CORPUS,
    HERE,
    Precision,
    check_copy,
    corpus_files,
    measure,
)

RESULTS = HERE / "results.md"

#: rules whose findings on the injected defects count as catching them
CATCHERS = {"exact": ("DU01",), "near": ("DU02", "DU01"), "summary": ("CP01",)}


@dataclass
class Recall:
    kind: str
    injected: int
    found: int
    right_first: int | None = None

    @property
    def share(self) -> float:
        return self.found / self.injected if self.injected else 0.0


def _tool(name: str) -> str | None:
    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def _run_tool(argv: list[str], files: dict[str, str]) -> list[tuple[str, int, int, str, str]]:
    """(file, line, column or 0, typo, first suggestion) of each report of codespell or typos."""
    tmp = Path(tempfile.mkdtemp(prefix="pdp-lint-accuracy-tool-"))
    try:
        for name, text in files.items():
            (tmp / name).write_text(text, encoding="utf-8")
        done = subprocess.run(
            [*argv, *sorted(str(tmp / n) for n in files)],
            capture_output=True,
            text=True,
            check=False,
        )
        out = []
        for line in done.stdout.splitlines():
            m = re.match(r"^(.*?):(\d+): (\S+) ==> ([^,]+)", line)  # codespell
            if m:
                out.append(
                    (Path(m.group(1)).name, int(m.group(2)), 0, m.group(3), m.group(4).strip())
                )
                continue
            m = re.match(
                r"^(.*?):(\d+):(\d+): \w+: `([^`]+)` should be `([^`]+)`", line
            )  # typos brief
            if m:
                col = int(m.group(3))
                out.append((Path(m.group(1)).name, int(m.group(2)), col, m.group(4), m.group(5)))
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _tools() -> dict[str, list[str] | None]:
    codespell = _tool("codespell")
    typos = _tool("typos")
    return {
        "codespell": [codespell] if codespell else None,
        "typos": [typos, "--format", "brief"] if typos else None,
    }


def spelling_recall(
    files: dict[str, str], count: int, seed: int, tools: dict[str, list[str] | None]
) -> tuple[Recall, dict[str, Recall], list[str]]:
    """Inject single-edit misspellings; how many each checker reports at the right place."""
    rng = random.Random(seed)
    mine = Recall("misspelling", 0, 0, 0)
    theirs = {name: Recall("misspelling", 0, 0, 0) for name, argv in tools.items() if argv}
    misses = []
    for copy, typos in inject.misspellings(files, count, rng):
        findings = check_copy(copy)
        at = {(f.file, f.line, f.column): f for f in findings if f.code == "SP01"}
        # a misspelt name spelt right elsewhere is reported once, by NM01
        at.update(
            {
                (f.file, f.line, t.column): f
                for f in findings
                if f.code == "NM01"
                for t in typos
                if t.line == f.line
            }
        )
        reports = {name: _run_tool(argv, copy) for name, argv in tools.items() if argv}
        for t in typos:
            mine.injected += 1
            f = at.get((t.file, t.line, t.column))
            if f is not None:
                mine.found += 1
                named = f.code == "NM01" and t.word in (f.suggestion or "").split()
                if f.suggestion == t.word or named:
                    mine.right_first = (mine.right_first or 0) + 1
                else:
                    misses.append(f"{t.typo} -> {f.suggestion} (want {t.word})")
            else:
                misses.append(f"{t.typo} -> not reported (want {t.word}) {t.file}:{t.line}")
            for name, found in reports.items():
                r = theirs[name]
                r.injected += 1
                hit = next(
                    (
                        x
                        for x in found
                        if x[0] == t.file
                        and x[1] == t.line
                        and x[3].lower() == t.typo.lower()
                        and (not x[2] or x[2] == t.column)
                    ),
                    None,
                )
                if hit is not None:
                    r.found += 1
                    if hit[4].lower() == t.word.lower():
                        r.right_first = (r.right_first or 0) + 1
    return mine, theirs, misses


def insertion_recall(
    kind: str, copy: dict[str, str], insertions: list[inject.Insertion]
) -> tuple[Recall, list[str]]:
    findings = check_copy(copy)
    codes = CATCHERS[kind]
    found = 0
    misses = []
    for ins in insertions:
        if any(
            f.file == ins.file and f.code in codes and ins.first <= f.line <= ins.last
            for f in findings
        ):
            found += 1
        else:
            misses.append(f"{ins.file}:{ins.first} {ins.detail[:100]}")
    return Recall(kind, len(insertions), found), misses


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _share(r: Recall) -> str:
    return f"{r.found}/{r.injected} ({_pct(r.share)})"


def _first(r: Recall) -> str:
    first = r.right_first or 0
    return f"{first}/{r.injected} ({_pct(first / r.injected if r.injected else None)})"


def precision_table(p: Precision) -> list[str]:
    rows = [
        "| rule | findings | true | false | unjudged | precision |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for code in sorted(p.by_rule):
        t = p.by_rule[code]
        rows.append(
            f"| {code} | {t.judged + t.unjudged} | {t.true} | {t.false} | {t.unjudged} | "
            f"{_pct(t.precision)} |"
        )
    total_true = sum(t.true for t in p.by_rule.values())
    total = sum(t.judged + t.unjudged for t in p.by_rule.values())
    judged = sum(t.judged for t in p.by_rule.values())
    rows.append(
        f"| all | {total} | {total_true} | {p.false} | {len(p.unjudged)} | "
        f"{_pct(total_true / judged if judged else None)} |"
    )
    return rows


def clean_corpus_reports(
    files: dict[str, str], tools: dict[str, list[str] | None], p: Precision
) -> list[str]:
    """What codespell and typos report on the corpus as published, against SP01's true
    findings (the misspellings the judgements confirm)."""
    true_words = {(f.file, f.line, f.text.lower()) for f in p.findings if f.code == "SP01"}
    rows = []
    for name, argv in tools.items():
        if not argv:
            continue
        reports = _run_tool(argv, files)
        confirmed = sum(1 for r in reports if (r[0], r[1], r[3].lower()) in true_words)
        sample = ", ".join(sorted({f"{r[3]}->{r[4]}" for r in reports})[:12])
        rows.append(f"| {name} | {len(reports)} | {confirmed} | {sample} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--misspellings", type=int, default=300)
    parser.add_argument("--duplicates", type=int, default=40)
    parser.add_argument("--summaries", type=int, default=8)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)

    started = time.time()
    files = {f.name: f.read_text(encoding="utf-8") for f in corpus_files(CORPUS)}
    p = measure()
    tools = _tools()
    lines = [
        "# Accuracy on career frameworks written by others",
        "",
        f"Corpus: {len(files)} frameworks in `benchmarks/accuracy/corpus/`, {p.words:,} words; "
        "pdp-lint with no configuration (default rules).",
        "",
        "## Precision (hand judgements in `benchmarks/accuracy/judgements.yaml`)",
        "",
        *precision_table(p),
        "",
        f"False findings per 1,000 words: **{p.false_per_1000_words:.2f}** "
        f"({p.false} false of {len(p.findings)} findings).",
    ]
    if p.unjudged:
        lines += ["", f"Unjudged findings ({len(p.unjudged)}): judge them in judgements.yaml", ""]
        lines += [f"- {f.file}:{f.line} {f.code} `{f.text}` {f.message[:100]}" for f in p.unjudged]
    if p.stale:
        lines += ["", f"Judgements matching no finding ({len(p.stale)}):", ""]
        lines += [f"- {j.file}:{j.line} {j.code} `{j.text}`" for j in p.stale]

    typo_mine, typo_theirs, typo_misses = spelling_recall(
        files, args.misspellings, args.seed, tools
    )
    rng = random.Random(args.seed)
    exact, exact_misses = insertion_recall(
        "exact", *inject.duplicates(files, args.duplicates, rng, near=False)
    )
    near, near_misses = insertion_recall(
        "near", *inject.duplicates(files, args.duplicates, rng, near=True)
    )
    summary, summary_misses = insertion_recall(
        "summary", *inject.copied_summaries(files, args.summaries, rng)
    )
    lines += [
        "",
        f"## Recall (defects injected into copies, seed {args.seed})",
        "",
        "| defect | injected | found by pdp-lint | right first suggestion |",
        "| --- | ---: | ---: | ---: |",
        f"| single-edit misspelling | {typo_mine.injected} | {_share(typo_mine)} | "
        f"{_first(typo_mine)} |",
    ]
    for r, label in (
        (exact, "exact duplicate behavior"),
        (near, "near duplicate (1-2 words changed)"),
        (summary, "copied role summary, at the copy"),
    ):
        lines.append(f"| {label} | {r.injected} | {r.found} ({_pct(r.share)}) | |")
    lines += [
        "",
        "### The same injected misspellings, by codespell and typos",
        "",
        "| checker | found | right first suggestion |",
        "| --- | ---: | ---: |",
        f"| pdp-lint | {_share(typo_mine)} | {_first(typo_mine)} |",
    ]
    for name, argv in tools.items():
        if not argv:
            lines.append(f"| {name} | not installed | |")
            continue
        r = typo_theirs[name]
        lines.append(f"| {name} | {_share(r)} | {_first(r)} |")
    lines += [
        "",
        "### codespell and typos on the corpus as published",
        "",
        "| checker | reports | also reported by SP01 | words reported |",
        "| --- | ---: | ---: | --- |",
        *clean_corpus_reports(files, tools, p),
    ]
    for title, misses in (
        ("Misspellings missed or with another first suggestion", typo_misses),
        ("Exact duplicates missed", exact_misses),
        ("Near duplicates missed", near_misses),
        ("Copied summaries missed", summary_misses),
    ):
        if misses:
            lines += ["", f"{title} ({len(misses)}):", ""] + [f"- {m}" for m in misses]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines += [
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, Python "
        f"{platform.python_version()}, load {load:.1f}, {time.time() - started:.0f} s.",
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if not args.no_write:
        args.output.write_text(text, encoding="utf-8")
    return 1 if p.unjudged else 0


if __name__ == "__main__":
    sys.exit(main())
