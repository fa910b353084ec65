"""The benchmark suite runs end to end and its corpora are what they claim to be.

These tests time nothing: they check that the generator writes valid, reproducible
corpora with the planted defects it reports, and that the runner prints every row of
its table. Timings are read by people, from benchmarks/results.md.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from benchmarks.generate import main as generate_main
from benchmarks.tools import find_tool, installed_version, version
from tests.conftest import ROOT

EXPECTED_ROWS = (
    "pdp-lint full lint, no cache",
    "check-jsonschema",
    "yamllint (relaxed, no line-length)",
    "codespell",
    "pdp-lint re-run, unchanged, cache warm",
    "pdp-lint one-file hook in this corpus, the file edited, cache warm",
    "pdp-lint full lint scaling (near-duplicate search)",
    "pdp-lint one-file hook",
    "pdp-lint one-file hook, unchanged file, cache warm",
    "check-jsonschema, one file",
    "yamllint (relaxed, no line-length), one file",
    "codespell, one file",
    "pre-commit: check-jsonschema + yamllint + codespell hooks",
    "pre-commit: pdp-lint hook",
    "pdp-lint full lint, peak resident memory",
    "pdp-lint site export",
    "floor: read, parse (rapidyaml), validate (jsonschema-rs), one word pass",
    "pdp-lint full lint -j 1, CPU time vs the floor's",
)


def python(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def generate(out: Path, *options: str) -> Path:
    """``python -m benchmarks.generate OUT OPTIONS``, in a process of its own."""
    done = python("-m", "benchmarks.generate", str(out), *options)
    assert done.returncode == 0, done.stderr
    return out


def generate_here(out: Path, *options: str) -> Path:
    """The same command line run in this process: no interpreter to start, and the seed
    vocabulary read once for every corpus of the module."""
    assert generate_main([str(out), *options]) == 0
    return out


def behaviors(corpus: Path) -> list[tuple[str, str]]:
    """(file name, text) of every behavior of a corpus, in file order."""
    yaml = YAML(typ="safe")
    found = []
    for path in sorted(corpus.glob("*.yaml")):
        data = yaml.load(path.read_text("utf-8"))
        for track in data.get("tracks", []):
            for role in track.get("roles", []):
                for section in role["competencies"]:
                    found += [(path.name, b["text"]) for b in section["behaviors"]]
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_here(tmp_path_factory.mktemp("bench") / "corpus", "--behaviors", "1000")


def test_benchmark_command_prints_every_row_of_the_table(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    done = python(
        "-m",
        "benchmarks.run",
        "--sizes",
        # the table's every row and format, not the timings: the smallest corpus will do
        "300",
        "--repeat",
        "1",
        "--quick",
        "--corpus-dir",
        str(tmp_path / "corpus"),
        "--output",
        str(results),
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("|")]
    header = "| case | size | median | vs check-jsonschema | vs yamllint | vs codespell |"
    assert lines[0].startswith(header)
    cases = [line.split(" | ")[0].removeprefix("| ") for line in lines[2:]]
    assert sorted(cases) == sorted(EXPECTED_ROWS)
    assert all(line.count(" | ") == 7 for line in lines)
    rows = {line.split(" | ")[0].removeprefix("| "): line.split(" | ") for line in lines[2:]}
    for case in EXPECTED_ROWS[:4]:
        assert re.fullmatch(r"\d+\.\d+ s", rows[case][2]), rows[case]
    assert re.fullmatch(r"\d+\.\d+x", rows["pdp-lint full lint, no cache"][3])
    assert re.fullmatch(r"\d+ MB", rows["pdp-lint full lint, peak resident memory"][2])
    assert rows["pdp-lint one-file hook"][-1].rstrip(" |") in {"pass", "FAIL"}
    floor = rows["floor: read, parse (rapidyaml), validate (jsonschema-rs), one word pass"]
    assert re.fullmatch(r"\d+\.\d+ s \(\d+\.\d+ s CPU\)", floor[2]), floor
    times = rows["pdp-lint full lint -j 1, CPU time vs the floor's"][2]
    assert re.fullmatch(r"\d+\.\d+x \(\d+\.\d+ s vs \d+\.\d+ s CPU; \d+\.\d+ s wall\)", times)
    assert re.search(r"load average \d+\.\d+ at the start, \d+\.\d+ at the end", done.stdout)
    written = results.read_text("utf-8")
    assert "- Machine: " in written and "CPUs available" in written
    assert "| pdp-lint one-file hook |" in written


def test_a_quick_run_reads_the_versions_the_tools_print() -> None:
    # with --quick, results.md takes the versions of the tools beside this Python from
    # their packages' metadata: what `--version` prints
    codespell = find_tool("codespell")
    assert codespell is not None
    assert installed_version("codespell", codespell) == version(codespell)
    assert installed_version("codespell", "/elsewhere/bin/codespell") is None


def test_missing_tool_ends_in_one_line() -> None:
    code = (
        "import sys, benchmarks.tools as t\n"
        "real = t.find_tool\n"
        "t.find_tool = lambda name: None if name == 'yamllint' else real(name)\n"
        "from benchmarks.run import main\n"
        "sys.exit(main(['--sizes', '1000', '--quick']))\n"
    )
    done = python("-c", code)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "benchmarks: yamllint is not installed; install the test extras: pip install -e '.[test]'"
    ]


def test_same_seed_gives_a_byte_identical_corpus(tmp_path: Path, corpus: Path) -> None:
    # in a process of its own: a byte-identical corpus does not depend on the process
    # (its hash seed, what it generated before)
    again = generate(tmp_path / "again", "--behaviors", "1000")
    other = generate_here(tmp_path / "other", "--behaviors", "1000", "--seed", "2")
    names = sorted(p.name for p in corpus.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    assert all((corpus / n).read_bytes() == (again / n).read_bytes() for n in names)
    assert any((corpus / n).read_bytes() != (other / n).read_bytes() for n in names)


def test_corpus_is_schema_valid_and_shaped_like_the_frameworks(corpus: Path) -> None:
    done = python("-m", "pdp_lint", "check", "--select", "SC01", str(corpus))
    assert done.returncode == 0, done.stdout
    assert done.stdout == ""
    files = sorted(corpus.glob("*.yaml"))
    assert len(files) == 5  # 240 behaviors a file at most
    yaml = YAML(typ="safe")
    for path in files:
        text = path.read_text("utf-8")
        assert text.startswith("# yaml-language-server: $schema=")
        schema = text.splitlines()[0].split("$schema=")[1]
        assert (corpus / schema).resolve() == ROOT / "schema" / "framework.schema.json"
        data = yaml.load(text)
        assert path.name == f"{data['id']}.yaml"
        assert data["glossary"] and data["competencies"] and data["tracks"]
        roles = [r for t in data["tracks"] for r in t.get("roles", [])]
        assert len(roles) == 8
        assert all(s["behaviors"] for r in roles for s in r["competencies"])


def test_planted_defects_are_the_configured_shares(tmp_path: Path) -> None:
    out = generate_here(
        tmp_path / "corpus",
        *("--behaviors", "2000", "--duplicates", "0.05"),
        *("--near-duplicates", "0.02", "--misspellings", "0.01"),
    )
    found = behaviors(out)
    assert len(found) == 2000
    injected = json.loads((out / "injected.json").read_text("utf-8"))["injected"]
    assert Counter(i["kind"] for i in injected) == {
        "duplicate": 100,
        "near-duplicate": 40,
        "misspelling": 20,
    }
    texts = Counter(text for _, text in found)
    # every exact duplicate repeats an original: 100 texts beyond the first occurrence
    assert sum(n - 1 for n in texts.values()) == 100
    for item in injected:
        assert texts[item["text"]] >= 1
        if item["kind"] == "misspelling":
            assert item["misspelled"] in item["text"].split()
            assert item["word"] != item["misspelled"]
        if item["kind"] == "near-duplicate":
            source_file, where = item["source"].split(":")
            role, competency, behavior = where.split("/")
            (original,) = _lookup(out / source_file, role, competency, behavior)
            before, after = original.split(), item["text"].split()
            assert len(before) == len(after)
            assert sum(a != b for a, b in zip(before, after, strict=True)) == item["changed"]
            assert item["changed"] in {1, 2}


@functools.cache
def _framework(path: Path) -> Any:
    """A generated file's data, loaded once for all the behaviors looked up in it."""
    return YAML(typ="safe").load(path.read_text("utf-8"))


def _lookup(path: Path, role: str, competency: str, behavior: str) -> list[str]:
    data = _framework(path)
    return [
        b["text"]
        for t in data["tracks"]
        for r in t.get("roles", [])
        if r["id"] == role
        for s in r["competencies"]
        if s["competency"] == competency
        for b in s["behaviors"]
        if b["id"] == behavior
    ]


def test_generator_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.yaml").write_text("id: keep\n", encoding="utf-8")
    done = python("-m", "benchmarks.generate", str(tmp_path), "--behaviors", "10")
    assert done.returncode == 2
    assert "is not an empty directory" in done.stderr
    assert (tmp_path / "keep.yaml").read_text("utf-8") == "id: keep\n"


def test_a_pdp_lint_that_is_not_a_program_ends_in_one_line(tmp_path: Path) -> None:
    done = python("-m", "benchmarks.run", "--quick", "--pdp-lint", str(tmp_path / "nope"))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"benchmarks: --pdp-lint {tmp_path / 'nope'}: not an executable file"
    ]


def test_scaling_benchmark_measures_every_shape_at_two_sizes(tmp_path: Path) -> None:
    # the quick sizes, one run each: every shape's row, CPU and memory measured, the
    # growth from the smaller size to the larger given
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.scaling", "--quick", "--corpus-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [
        line for line in done.stdout.splitlines() if line.startswith("| ") and "---" not in line
    ]
    shapes = Counter(row.split(" | ")[0].lstrip("| ") for row in rows[1:])
    assert shapes == {
        "reference: 240 behaviors a file": 2,
        "many small files": 2,
        "many small files, behaviors only": 2,
        "one framework, many roles": 2,
        "one large file": 2,
    }
    for row in rows[1:]:
        cells = row.strip("| ").split(" | ")
        assert cells[5].endswith(" s") and float(cells[5][:-2]) > 0
        assert cells[10].endswith(" MB") and float(cells[10][:-3].replace(",", "")) > 0
    growths = [row.strip("| ").split(" | ")[9] for row in rows[1:]]
    assert all(g != "—" for g in growths[1::2]) and all(g == "—" for g in growths[::2])


def test_each_round_of_a_measure_runs_the_commands_in_an_order_of_its_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # in a fixed order each command always ran right after the same other one, which
    # skewed comparisons of two programs by 8 to 16% (benchmarks/README.md)
    from benchmarks import measure as measuring

    ran: list[str] = []

    def run_timed(command: measuring.Command) -> tuple[float, float, str]:
        ran.append(command.label)
        return 1.0, 1.0, f"{command.label} says"

    monkeypatch.setattr(measuring, "run_timed", run_timed)
    commands = [measuring.Command(label, ("true",), tmp_path) for label in "abcde"]
    timings = measuring.measure(commands, 8, lambda _: None)
    rounds = [ran[i : i + 5] for i in range(0, len(ran), 5)]
    assert rounds[0] == list("abcde")  # the first round as given: its runs are the summaries
    assert all(sorted(r) == list("abcde") for r in rounds)  # every command once a round
    assert len({tuple(r) for r in rounds}) > 4  # and not one order over and over
    assert [t.summary for t in timings] == [f"{label} says" for label in "abcde"]
    assert all(len(t.seconds) == 8 for t in timings)
    # the same orders in every run of a benchmark
    ran.clear()
    measuring.measure(commands, 8, lambda _: None)
    assert [ran[i : i + 5] for i in range(0, len(ran), 5)] == rounds
