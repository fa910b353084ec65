"""The performance targets, and the results table that judges the measurements by them."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from benchmarks.cases import HOOK_FILE, Results, SizeResult
from benchmarks.measure import Timing
from benchmarks.report import Row, ratio, seconds, today, verdict
from benchmarks.tools import ALTERNATIVES, Tools, installed_version, version

# The performance targets (medians, on 2 cores).
HOOK_SECONDS, HOOK_VS_SCHEMA = 0.2, 0.5
FULL_SECONDS = {10_000: 1.5, 100_000: 10.0}
FULL_VS_SCHEMA = {100_000: 0.6}
SCALING_PER_TENFOLD = 12.0
CACHED_SECONDS = {100_000: 0.5}
MEMORY_MEGABYTES = {100_000: 500.0}
SITE_SECONDS = {100: 10.0}
#: the full lint in one process at most this many times the floor's CPU time
FLOOR_TIMES = {100_000: 3.0}
FULL_CASE = "pdp-lint full lint, no cache"
CACHED_CASE = "pdp-lint re-run, unchanged, cache warm"
HOOK_IN_PROJECT_CASE = "pdp-lint one-file hook in this corpus, the file edited, cache warm"
MEMORY_CASE = "pdp-lint full lint, peak resident memory"
SITE_CASE = "pdp-lint site export"
FLOOR_CASE = "floor: read, parse (rapidyaml), validate (jsonschema-rs), one word pass"
VS_FLOOR_CASE = "pdp-lint full lint -j 1, CPU time vs the floor's"
PRE_COMMIT_CASES = (
    "pre-commit: check-jsonschema + yamllint + codespell hooks",
    "pre-commit: pdp-lint hook",
)
NOT_CACHED = "not measured: `pdp-lint check` has no cache (no --no-cache option)"
ALTERNATIVE_LABELS = {
    "check-jsonschema": "check-jsonschema",
    "yamllint": "yamllint (relaxed, no line-length)",
    "codespell": "codespell",
}


def _ratios(value: float, against: dict[str, Timing]) -> tuple[str, str, str]:
    cells = [ratio(value / against[n].median) if n in against else "" for n in ALTERNATIVES]
    return (cells[0], cells[1], cells[2])


def _check(conditions: Sequence[tuple[bool, str]]) -> tuple[str, str]:
    """(target text, pass/FAIL) of the conditions that apply; empty when none applies."""
    if not conditions:
        return "", ""
    return " and ".join(t for _, t in conditions), verdict(all(ok for ok, _ in conditions))


def _limits(value: float, *limits: tuple[dict[int, float], int, float, str]) -> tuple[str, str]:
    """Judge ``value`` by the limits that apply to ``size``: (table, size, scale, unit)."""
    conditions = [
        (value <= table[size] * scale, f"≤ {table[size]:g}{unit}")
        for table, size, scale, unit in limits
        if size in table
    ]
    return _check(conditions)


def _size_rows(r: SizeResult) -> list[Row]:
    size = f"{r.size:,} behaviors"
    schema = r.alternatives["check-jsonschema"].median
    target, result = _limits(
        r.full.median,
        (FULL_SECONDS, r.size, 1.0, " s"),
        (FULL_VS_SCHEMA, r.size, schema, "x check-jsonschema"),
    )
    ratios = _ratios(r.full.median, r.alternatives)
    out = [Row(FULL_CASE, size, seconds(r.full.median), ratios, target, result)]
    out += [
        Row(ALTERNATIVE_LABELS[n], size, seconds(r.alternatives[n].median)) for n in ALTERNATIVES
    ]
    out += _floor_rows(r, size)
    if r.cached is None:
        out.append(Row(CACHED_CASE, size, "", result=NOT_CACHED))
    else:
        target, result = _limits(r.cached.median, (CACHED_SECONDS, r.size, 1.0, " s"))
        ratios = _ratios(r.cached.median, r.alternatives)
        out.append(Row(CACHED_CASE, size, seconds(r.cached.median), ratios, target, result))
    if r.hook_in_project is None:
        out.append(Row(HOOK_IN_PROJECT_CASE, size, "", result=NOT_CACHED))
    else:
        loading, kept = r.hook_in_project
        others = r.files - 1
        out.append(
            Row(
                HOOK_IN_PROJECT_CASE,
                size,
                f"{seconds(kept.median)}: {ratio(kept.median / loading.median)} of "
                f"{seconds(loading.median)} with --no-cache, which loads the other "
                f"{others:,} file{'' if others == 1 else 's'}",
            )
        )
    return out


def _floor_rows(r: SizeResult, size: str) -> list[Row]:
    """The floor, and the full lint in one process as a multiple of it. CPU times: the
    floor is one process, and on a shared machine wall time follows the neighbours."""
    if r.serial is None or r.floor is None:
        return []
    floor, serial = r.floor.cpu_median, r.serial.cpu_median
    limit = FLOOR_TIMES.get(r.size)
    times = serial / floor if floor else float("inf")
    target = f"≤ {limit:g}x the floor" if limit else ""
    result = verdict(times <= limit) if limit else ""
    return [
        Row(FLOOR_CASE, size, f"{seconds(r.floor.median)} ({seconds(floor)} CPU)"),
        Row(
            VS_FLOOR_CASE,
            size,
            f"{ratio(times)} ({seconds(serial)} vs {seconds(floor)} CPU; "
            f"{seconds(r.serial.median)} wall)",
            target=target,
            result=result,
        ),
    ]


def _scaling_rows(sizes: Sequence[SizeResult]) -> list[Row]:
    """How the full lint grows with the corpus; a near-duplicate search that compares every
    pair of behaviors would grow a hundredfold for ten times the behaviors."""
    case = "pdp-lint full lint scaling (near-duplicate search)"
    out = []
    for small, big in pairwise(sizes):
        factor = big.full.median / small.full.median
        growth = big.size / small.size
        limit = SCALING_PER_TENFOLD * growth / 10
        out.append(
            Row(
                case,
                f"{small.size:,} → {big.size:,}",
                ratio(factor),
                target=f"≤ {limit:g}x for {growth:g}x behaviors",
                result=verdict(factor <= limit),
            )
        )
    return out or [Row(case, "", "", result="not measured: needs two sizes")]


def _hook_rows(results: Results) -> list[Row]:
    if results.hook is None:
        return []
    hook = results.hook.median
    schema = results.hook_alternatives["check-jsonschema"].median
    target, result = _check(
        [
            (hook <= HOOK_SECONDS, f"≤ {HOOK_SECONDS:g} s"),
            (hook <= HOOK_VS_SCHEMA * schema, f"≤ {HOOK_VS_SCHEMA:g}x check-jsonschema"),
        ]
    )
    ratios = _ratios(hook, results.hook_alternatives)
    out = [Row("pdp-lint one-file hook", HOOK_FILE, seconds(hook), ratios, target, result)]
    case = "pdp-lint one-file hook, unchanged file, cache warm"
    if results.hook_cached is None:
        out.append(Row(case, HOOK_FILE, "", result=NOT_CACHED))
    else:
        warm = results.hook_cached.median
        out.append(Row(case, HOOK_FILE, seconds(warm), _ratios(warm, results.hook_alternatives)))
    for name in ALTERNATIVES:
        timing = results.hook_alternatives[name]
        out.append(Row(f"{ALTERNATIVE_LABELS[name]}, one file", HOOK_FILE, seconds(timing.median)))
    return out


def _pre_commit_rows(results: Results) -> list[Row]:
    three, pdp = results.pre_commit.get("three"), results.pre_commit.get("pdp-lint")
    if three is None or pdp is None:
        note = results.pre_commit_note
        return [Row(case, HOOK_FILE, "", result=note) for case in PRE_COMMIT_CASES]
    compared = f"{seconds(pdp.median)} ({ratio(pdp.median / three.median)} the three hooks)"
    return [
        Row(PRE_COMMIT_CASES[0], HOOK_FILE, seconds(three.median)),
        Row(PRE_COMMIT_CASES[1], HOOK_FILE, compared),
    ]


def _memory_rows(results: Results) -> list[Row]:
    if results.memory is None:
        return []
    behaviors, peak = results.memory
    megabytes = peak / 2**20
    target, result = _limits(megabytes, (MEMORY_MEGABYTES, behaviors, 1.0, " MB"))
    value = f"{megabytes:.0f} MB"
    return [Row(MEMORY_CASE, f"{behaviors:,} behaviors", value, target=target, result=result)]


def _site_rows(results: Results) -> list[Row]:
    if results.site is None:
        return [Row(SITE_CASE, "", "", result=results.site_note)]
    roles, files, timing = results.site
    target, result = _limits(timing.median, (SITE_SECONDS, roles, 1.0, " s"))
    size = f"{roles} roles ({files} files)"
    return [Row(SITE_CASE, size, seconds(timing.median), target=target, result=result)]


def rows(results: Results) -> list[Row]:
    """The table: one row per case and size; a case that could not run says why."""
    out = [row for r in results.sizes for row in _size_rows(r)]
    out += _scaling_rows(results.sizes)
    out += _hook_rows(results)
    out += _pre_commit_rows(results)
    out += _memory_rows(results)
    out += _site_rows(results)
    return out


def document(
    results: Results,
    tools: Tools,
    table_text: str,
    argv: Sequence[str],
    computer: str,
    *,
    quick: bool = False,
) -> str:
    """results.md: the table with the machine, the tools and the corpora. ``quick``: a
    tool installed beside this Python gives its version from the package's metadata
    rather than from a run of ``--version``."""
    names = {
        "pdp-lint": tools.pdp_lint,
        "check-jsonschema": tools.check_jsonschema,
        "yamllint": tools.yamllint,
        "codespell": tools.codespell,
    }
    if tools.pre_commit:
        names["pre-commit"] = tools.pre_commit
    versions = ", ".join(
        f"{n} {(installed_version(n, p) if quick else None) or version(p)}"
        for n, p in names.items()
    )
    corpora = "\n".join(
        f"| {r.size:,} | {r.files} | {r.megabytes:.1f} | {r.full.summary or '—'} |"
        for r in results.sizes
    )
    return f"""# Benchmark results

Measured {today()} with `{" ".join(["python -m benchmarks.run", *argv])}`.

- Machine: {computer}.
- Tools: {versions}.
- Each time is the median wall-clock time of cold processes; the ratios divide pdp-lint's
  median by the other tool's median on the same files, measured in the same run.

{table_text}
Corpora (generated by `benchmarks/generate.py`, 3% exact duplicates, 3% near-duplicates
and 1% misspelled behaviors planted):

| behaviors | files | MB | pdp-lint's summary line |
| --- | --- | --- | --- |
{corpora}
"""
