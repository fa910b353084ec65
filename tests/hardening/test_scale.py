"""Scale: the cost of a check grows with its content, not with its square.

A project of tens of thousands of files, or one framework of tens of thousands of roles,
must cost about what the same content costs in a few hundred files. Each test measures
the work twice, at n and at 4n, by CPU time (never the wall clock: the machine may be
busy) or by counting it, so that a part that compares every item with every other shows
as a ratio near 16 instead of near 4.
"""

from __future__ import annotations

import errno
import os
import random
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import CorpusSpec, generate
from pdp_lint.engine import memory
from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import load_settings
from pdp_lint.engine.linter import Linter
from pdp_lint.language.similarity import sequence, words
from pdp_lint.load.document import Document
from pdp_lint.load.loader import load_file
from pdp_lint.model import lineage as lineage_module
from pdp_lint.model.framework import Framework, Owner, Role, Track
from pdp_lint.model.lineage import Lineage
from pdp_lint.model.problem import Problem, Severity
from pdp_lint.rules.base import Context
from pdp_lint.rules.duplication import Entry, behaviors, exact_duplicates, lineage, related
from tests.conftest import AS_FOUND, ROOT, load_yaml

FRAMEWORKS = sorted((ROOT / "frameworks").glob("*.yaml"))
AS_FOUND_FILES = sorted(AS_FOUND.glob("*.yaml"))


def _framework(roles: list[Role]) -> Framework:
    track = Track(id="t", name="T", status="available", roles=tuple(roles))
    return Framework(
        file=__file__,  # type: ignore[arg-type]
        id="f",
        title="F",
        owner=Owner(team="T"),
        locale="en-US",
        version="1",
        status="draft",
        tracks=(track,),
    )


def _walk(fw: Framework, role: Role) -> list[str]:
    """The ids of the roles ``role`` builds on, walked one by one (the definition)."""
    chain: list[str] = []
    seen = {role.id}
    current = role
    while current.builds_on and current.builds_on not in seen:
        base = fw.role(current.builds_on)
        if base is None:
            break
        chain.append(base.id)
        seen.add(base.id)
        current = base
    return chain


def _walk_cycle(fw: Framework, start: str) -> bool:
    seen: set[str] = set()
    current: str | None = start
    while current is not None and current not in seen:
        seen.add(current)
        found = fw.role(current)
        current = found.builds_on if found is not None else None
        if current == start:
            return True
    return False


@pytest.mark.parametrize("listed", [0, 32])
def test_lineage_answers_as_walking_the_chains_does(
    monkeypatch: pytest.MonkeyPatch, listed: int
) -> None:
    # a summary's own names are listed for a short chain and looked up for a long one
    monkeypatch.setattr(lineage_module, "_LISTED", listed)
    # random graphs with chains, cycles, self-references, unknown bases, repeated ids
    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 12)
        ids = [f"r{rng.randint(0, n)}" for _ in range(n)]
        roles = []
        for i, rid in enumerate(ids):
            base = rng.choice([None, f"r{rng.randint(0, n + 2)}", *ids])
            title = rng.choice(["A", "B", "C", f"T{i}"])
            roles.append(
                Role(id=rid, title=title, abbreviation=rng.choice([None, "X"]), builds_on=base)
            )
        fw = _framework(roles)
        lineage = Lineage(fw)
        names = {"a", "b", "c", "x", "t0", "t1", "zz"}
        for role in roles:
            chain = _walk(fw, role)
            assert list(lineage.chain(role)) == chain
            for other in {*ids, "r99"}:
                assert lineage.builds_on(role, other) == (other in chain), (roles, role, other)
            assert lineage.in_cycle(role.id) == _walk_cycle(fw, role.id)
            own = {
                role.title.casefold(),
                *([role.abbreviation.casefold()] if role.abbreviation else []),
            }
            for rid in chain:
                found = fw.role(rid)
                assert found is not None
                own.add(found.title.casefold())
                if found.abbreviation:
                    own.add(found.abbreviation.casefold())
            for name in names:
                assert lineage.owns(role, name) == (name in own)


# -- the cost of a check, at n and at 4n ---------------------------------------------------

#: a linear cost gives a ratio of 4 between 4n and n; the square of it, 16
LINEAR = 7.0


def _corpus(folder: Path, spec: CorpusSpec) -> list[Path]:
    return generate(spec, folder)  # the seed vocabulary is read once a process


def _many_files(files: int) -> CorpusSpec:
    # every file a small framework: one role of two competencies, a behavior in each
    return CorpusSpec(
        behaviors=2 * files, behaviors_per_file=2, roles_per_file=1, competencies_per_file=2
    )


def _many_roles(roles: int) -> CorpusSpec:
    # one framework: two tracks of roles, each role building on the one before
    return CorpusSpec(
        behaviors=2 * roles,
        roles=roles,
        behaviors_per_file=2 * roles,
        roles_per_file=roles,
        competencies_per_file=2,
    )


def _large_file(behaviors: int) -> CorpusSpec:
    # one framework of eight roles with many behaviors each
    return CorpusSpec(behaviors=behaviors, behaviors_per_file=behaviors)


def _cpu(files: list[Path]) -> float:
    """CPU seconds of a streaming check of ``files`` in this process."""
    settings = load_settings(start=files[0].parent)
    start = time.process_time()
    result = run_check(files, settings, stream=True, jobs=1)
    assert result.report.problems is not None
    return time.process_time() - start


def _growth(small: list[Path], large: list[Path]) -> float:
    """The CPU time of checking ``large`` over that of ``small``, each measured once;
    over LINEAR (a moment of a busy machine, or a real regression), both are measured
    again, twice at most, and the best time of each is taken. A slow phase of the
    shared machine once gave 7.1x for a 4x corpus on its second measurement; a
    quadratic cost gives about 16x on every one."""
    cost_small, cost_large = _cpu(small), _cpu(large)
    for _ in range(2):
        if cost_large / cost_small < LINEAR:
            break
        cost_small = min(cost_small, _cpu(small))
        cost_large = min(cost_large, _cpu(large))
    return cost_large / cost_small


def _warm(files: list[Path]) -> None:
    """One untimed check: imports, word list and schema loaded once, before timing."""
    run_check(files, load_settings(start=files[0].parent), stream=True, jobs=1)


def _ratio(tmp_path: Path, spec: Callable[[int], CorpusSpec], n: int) -> float:
    small = _corpus(tmp_path / "n", spec(n))
    large = _corpus(tmp_path / "4n", spec(4 * n))
    _warm(small)
    return _growth(small, large)


def test_many_small_files_cost_grows_linearly(tmp_path: Path) -> None:
    # 50,000 small files once took minutes: work per file that grew with the run
    ratio = _ratio(tmp_path, _many_files, 100)
    assert ratio < LINEAR, f"4x the files cost {ratio:.1f}x the CPU time"


def test_framework_of_many_roles_cost_grows_linearly(tmp_path: Path) -> None:
    # a framework of 2,000 roles built one on another once took 78 s: every role walked
    # its chain of builds_on through a linear lookup of each role by id
    ratio = _ratio(tmp_path, _many_roles, 250)
    assert ratio < LINEAR, f"4x the roles cost {ratio:.1f}x the CPU time"


def _copied_roles(folder: Path, roles: int) -> list[Path]:
    """One framework of ``roles`` roles made from one template: the same behavior in
    each, titles that differ by a number (multiples of 11 apart, so no two are a slip of
    one digit apart: near misses, which NM01 rightly reports, would grow faster than
    the roles), every other role building on the one before."""
    lines = [
        "id: demo",
        "title: Demo PDP",
        "owner:",
        "  team: Demo Team",
        "locale: en-US",
        'version: "1.0"',
        "status: draft",
        "competencies:",
        "  - id: knowledge",
        "    name: Knowledge",
        "tracks:",
        "  - id: professional",
        "    name: Professional Path",
        "    status: available",
        "    roles:",
    ]
    for i in range(roles):
        lines += [f"      - id: role-{i}", f"        title: Support Role {100_000 + 11 * i}"]
        if i % 2:
            lines.append(f"        builds_on: role-{i - 1}")
        lines += [
            "        competencies:",
            "          - competency: knowledge",
            "            behaviors:",
            "              - id: works",
            "                text: Does the work.",
        ]
    folder.mkdir()
    path = folder / "demo.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]


def test_framework_of_copied_roles_cost_grows_linearly(tmp_path: Path) -> None:
    # 4,000 roles copied from one template once took 15 s and 1.3 GB: every two copies
    # of the behavior were compared (DU01, DU02), and every two title words (NM01)
    small = _copied_roles(tmp_path / "n", 1000)
    large = _copied_roles(tmp_path / "4n", 4000)
    _warm(small)
    ratio = _growth(small, large)
    assert ratio < LINEAR, f"4x the copied roles cost {ratio:.1f}x the CPU time"


def test_one_large_file_cost_grows_linearly(tmp_path: Path) -> None:
    ratio = _ratio(tmp_path, _large_file, 1500)
    assert ratio < LINEAR, f"4x the behaviors in one file cost {ratio:.1f}x the CPU time"


# -- memory -------------------------------------------------------------------------------


def _peak(files: list[Path]) -> int:
    """Peak bytes allocated by Python during a streaming check of ``files``."""
    settings = load_settings(start=files[0].parent)
    run_check(files[:1], settings, stream=True, jobs=1)  # caches of the run made first
    tracemalloc.start()
    try:
        run_check(files, settings, stream=True, jobs=1)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_many_small_files_keep_little_memory_per_file(tmp_path: Path) -> None:
    # a check kept each file's YAML parser (cyclic garbage while the collector is
    # paused) and each file's word lists until the end: about 80 KB a file, 4 GB for
    # 50,000 files; what is left is the file's findings and what cross-file rules need
    small = _corpus(tmp_path / "n", _many_files(50))
    large = _corpus(tmp_path / "4n", _many_files(200))
    _warm(small)  # what a process keeps once (word caches) is not kept per file
    per_file = (_peak(large) - _peak(small)) / 150
    assert per_file < 25_000, f"{per_file / 1000:.0f} KB kept per file"


# -- running out --------------------------------------------------------------------------

OUT_OF_MEMORY = "pdp-lint: out of memory: "


def _one_line(err: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(OUT_OF_MEMORY), err
    assert "internal error" not in err and "Traceback" not in err


def test_out_of_memory_is_one_line_with_exit_2(tmp_path: Path) -> None:
    # a real limit: the address space of the process (ulimit -v) too small for the file.
    # Where the limit falls decides where the allocation fails: in Python (MemoryError)
    # or inside the YAML parser's bindings, which return without an exception (Python's
    # SystemError); at 100 MB a check of a 3,000-role file once ended in "internal
    # error". One file of 4,000 roles, generated once: under 100 MB it runs out in the
    # rules (the 3,000-role file runs some 4 s before its rules run out), under 65 MB
    # while the file is read (from about 55 MB to 90 MB it runs out there)
    config = tmp_path / "pdp-lint.toml"
    config.write_text("max-file-size = 100_000_000\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("PDP_LINT_DEBUG", None)
    files = _corpus(tmp_path / "4000", _many_roles(4000))
    for megabytes, jobs in ((100, "1"), (100, "2"), (65, "1")):
        limit = megabytes * 1024 * 1024

        def limited(limit: int = limit) -> None:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pdp_lint",
                "check",
                "--no-cache",
                "--config",
                config,
                "--jobs",
                jobs,
                *files,
            ],
            capture_output=True,
            text=True,
            env=env,
            preexec_fn=limited,
            timeout=120,
            check=False,
        )
        assert done.returncode == 2, (megabytes, jobs, done.stderr)
        _one_line(done.stderr)


@pytest.mark.parametrize("limited", [True, False])
def test_a_worker_ending_without_an_answer_under_a_memory_limit_is_out_of_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limited: bool
) -> None:
    # under `ulimit -v` a worker that runs out of memory while making its answer ends
    # without one (`--jobs 2` at 100 MB on a 4,000-role file and a small one ended in
    # "internal error: WorkerFailed" about one run in three); the parent then says out
    # of memory, as for its own failed allocations. Without a limit it stays a failure
    from pdp_lint.engine import parallel

    def silent(conn: Any, *args: Any) -> None:
        conn.close()
        os._exit(1)

    files = [Path(shutil.copy(f, tmp_path)) for f in FRAMEWORKS]
    monkeypatch.setattr(parallel, "_worker", silent)  # the workers are forked
    if limited:
        limit = 64 * 1024**3
        monkeypatch.setattr(memory.resource, "getrlimit", lambda _which: (limit, limit))
    expected = MemoryError if limited else parallel.WorkerFailed
    with pytest.raises(expected, match="ended without an answer"):
        run_check(files, load_settings(start=tmp_path), stream=True, jobs=2)


def test_an_extension_failing_without_exception_near_the_limit_is_out_of_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    silent = SystemError("error return without exception set")
    limit = 100 * 1024 * 1024
    monkeypatch.setattr(memory.resource, "getrlimit", lambda _which: (limit, limit))
    monkeypatch.setattr(memory, "_peak_address_space", lambda: 99 * 1024 * 1024)
    assert memory.is_out_of_memory(silent)
    assert memory.is_out_of_memory(MemoryError())
    # any other SystemError is a bug to report, near the limit or not
    assert not memory.is_out_of_memory(SystemError("bad argument to internal function"))
    monkeypatch.setattr(memory, "_peak_address_space", lambda: 40 * 1024 * 1024)
    assert not memory.is_out_of_memory(silent)
    # no limit: nothing to be near
    unlimited = memory.resource.RLIM_INFINITY
    monkeypatch.setattr(memory.resource, "getrlimit", lambda _which: (unlimited, unlimited))
    assert not memory.is_out_of_memory(silent)
    # the real process: its peak is known on Linux, and far below no limit
    monkeypatch.undo()
    assert memory._peak_address_space() is not None
    assert not memory.is_out_of_memory(silent)


def test_a_compiled_module_that_cannot_be_mapped_under_a_limit_is_out_of_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # found at `ulimit -v` 80 MB: jsonschema-rs, imported once the file was read, could
    # not be mapped and the check ended in "internal error: ImportError: ..."
    unmapped = ImportError(
        "/venv/lib/python3.11/site-packages/jsonschema_rs/jsonschema_rs.abi3.so: "
        "failed to map segment from shared object"
    )
    limit = 100 * 1024 * 1024
    monkeypatch.setattr(memory.resource, "getrlimit", lambda _which: (limit, limit))
    assert memory.is_out_of_memory(unmapped)
    assert memory.is_out_of_memory(ImportError("libfoo.so: cannot allocate memory"))
    assert not memory.is_out_of_memory(ImportError("No module named 'jsonschema_rs'"))
    # without a limit the same words come from a folder mounted noexec: an error to tell
    unlimited = memory.resource.RLIM_INFINITY
    monkeypatch.setattr(memory.resource, "getrlimit", lambda _which: (unlimited, unlimited))
    assert not memory.is_out_of_memory(unmapped)
    assert memory.is_out_of_memory(ImportError("libfoo.so: cannot allocate memory"))


def test_a_system_call_refusing_memory_is_out_of_memory() -> None:
    # found at `ulimit -v` 40 MB: mapping the word list failed with ENOMEM and the check
    # ended in "internal error: OSError: [Errno 12] Cannot allocate memory"
    assert memory.is_out_of_memory(OSError(errno.ENOMEM, "Cannot allocate memory"))
    assert not memory.is_out_of_memory(OSError(errno.EACCES, "Permission denied"))
    assert not memory.is_out_of_memory(OSError("no errno"))


def _check_ends_in_one_line(tmp_path: Path, setup: str, jobs: str = "2") -> None:
    """``check`` of the canonical frameworks in a process where ``setup`` (Python) ran
    first: it ends in one line and exit status 2."""
    files = [shutil.copy(ROOT / "frameworks" / f.name, tmp_path) for f in FRAMEWORKS]
    script = (
        "import sys\n" + setup + "from pdp_lint.cli.commands import main\n"
        "sys.argv = ['pdp-lint', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("PDP_LINT_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", script, "check", "--no-cache", "--jobs", jobs, *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    _one_line(done.stderr)


def _raising_in(where: str, error: str) -> str:
    """Python making the run raise ``error`` in this process or in a worker process."""
    target = "parallel.run_streaming" if where == "parent" else "parallel._Stream.read"
    return (
        "from pdp_lint.engine import parallel\n"
        "def fail(*args, **kwargs):\n"
        f"    raise {error}\n"
        f"{target} = fail\n"
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_word_list_refused_memory_is_one_line(tmp_path: Path, jobs: str) -> None:
    # the word list's mmap refused, as under that limit, in this process or in workers
    refused = (
        "import errno, mmap\n"
        "def refused(*args, **kwargs):\n"
        "    raise OSError(errno.ENOMEM, 'Cannot allocate memory')\n"
        "mmap.mmap = refused\n"
    )
    _check_ends_in_one_line(tmp_path, refused, jobs)


@pytest.mark.parametrize("where", ["parent", "worker"])
def test_an_unmappable_compiled_module_under_a_limit_is_one_line(
    tmp_path: Path, where: str
) -> None:
    # the loader's failure, raised where the run would import a compiled module, in this
    # process or in a worker, under an address-space limit the run itself stays far from
    limited = "import resource\nresource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))\n"
    unmapped = "ImportError('/x/jsonschema_rs.abi3.so: failed to map segment from shared object')"
    _check_ends_in_one_line(tmp_path, limited + _raising_in(where, unmapped))


@pytest.mark.parametrize("where", ["parent", "worker"])
def test_memory_error_anywhere_is_one_line(tmp_path: Path, where: str) -> None:
    # wherever the MemoryError arises, in this process or in a worker process
    _check_ends_in_one_line(tmp_path, _raising_in(where, "MemoryError"))


def _old_exact_duplicates(doc: Document, chains: Lineage) -> list[tuple[int, int, str]]:
    """DU01's pairs as it found them before, comparing every two equal behaviors."""
    mine = behaviors(doc, Context(corpus=[]))
    groups: dict[tuple[str, ...], list[Entry]] = {}
    for e, key in zip(mine.entries, mine.keys, strict=True):
        if key:
            groups.setdefault(key, []).append(e)
    out: dict[int, tuple[Entry, Entry, str]] = {}
    for group in groups.values():
        for i, later in enumerate(group):
            for earlier in group[:i]:
                found = related(chains, earlier, later)
                if found is None:
                    continue
                reported, how = found
                other = earlier if reported is later else later
                out.setdefault(id(reported), (reported, other, how))
    return [
        (r.text.span.start_index, o.text.span.start_index, how)
        for r, o, how in sorted(out.values(), key=lambda t: t[0].text.span.start_index)
    ]


def _random_framework(rng: random.Random) -> str:
    n = rng.randint(1, 9)
    ids = [f"r{rng.randint(0, n)}" for _ in range(n)]
    lines = [
        "id: demo",
        "title: Demo PDP",
        "owner:",
        "  team: Demo Team",
        "locale: en-US",
        'version: "1.0"',
        "status: draft",
        "competencies:",
        "  - id: knowledge",
        "    name: Knowledge",
        "    levels:",
    ]
    for level in (1, 2):
        lines += [f"      - level: {level}", "        summary: Knows.", "        behaviors:"]
        for b in range(rng.randint(1, 2)):
            lines += [f"          - id: l{b}", f"            text: Says {rng.choice('ab')}."]
    lines += ["  - id: craft", "    name: Craft", "tracks:"]
    lines += ["  - id: t", "    name: T", "    status: available", "    roles:"]
    for i, rid in enumerate(ids):
        lines += [f"      - id: {rid}", f"        title: Role {i}"]
        base = rng.choice([None, None, f"r{rng.randint(0, n + 1)}"])
        if base is not None:
            lines.append(f"        builds_on: {base}")
        lines.append("        competencies:")
        for comp in rng.sample(["knowledge", "craft"], rng.randint(1, 2)):
            lines += [f"          - competency: {comp}", "            behaviors:"]
            for b in range(rng.randint(1, 3)):
                lines += [
                    f"              - id: b{b}",
                    f"                text: Says {rng.choice('abc')}.",
                ]
    return "\n".join(lines) + "\n"


def test_exact_duplicates_are_those_of_comparing_every_pair() -> None:
    # DU01 once compared every two behaviors of one text: 100,000 roles repeating one
    # behavior were 5 billion comparisons; the search must tell exactly the same
    rng = random.Random(11)
    checked = 0
    for _ in range(400):
        loaded = load_yaml(_random_framework(rng))
        if loaded.framework is None:
            continue
        doc = Document(loaded.framework, loaded.source)
        ctx = Context(corpus=[doc])
        chains = lineage(doc, ctx)
        new = [
            (r.text.span.start_index, o.text.span.start_index, how)
            for r, o, how in exact_duplicates(doc, ctx)
        ]
        assert new == _old_exact_duplicates(doc, chains)
        checked += bool(new)
    assert checked > 100


@dataclass(frozen=True)
class _Field:
    value: str


def test_fields_holding_many_words_are_those_a_search_for_each_finds() -> None:
    # SP01 once searched a file's whole text for each suspect run: a file of 128,000
    # behaviors spent 12 s there; the runs of non-space are searched instead
    from bisect import bisect_right

    from pdp_lint.rules.textscan import Prose

    rng = random.Random(3)
    letters = "ab c\u00a0\u2028de-.'\n"
    tried = 0
    for _ in range(2000):
        values = [
            "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
            for _ in range(rng.randint(1, 6))
        ]
        joined = "\n".join(values)
        starts, at = [], 0
        for value in values:
            starts.append(at)
            at += len(value) + 1
        texts: list[Any] = [_Field(v) for v in values]  # holding reads only the values
        found = Prose(texts)
        words = tuple(
            sorted(
                {
                    "".join(rng.choice("abde-.'") for _ in range(rng.randint(1, 3)))
                    for _ in range(rng.randint(1, 30))
                }
            )
        )
        expected: set[int] = set()
        for word in words:
            at = joined.find(word)
            while at >= 0:
                expected.add(bisect_right(starts, at) - 1)
                at = joined.find(word, at + 1)
        assert found.holding(words) == [texts[i] for i in sorted(expected)], (values, words)
        tried += len(words) > 16
    assert tried > 500


# -- what a run of many files keeps -------------------------------------------------------


def test_begun_files_kept_pickled_give_the_same_problems(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # past the first few files, a streaming check keeps each begun file pickled
    from pdp_lint.engine import parallel

    for f in AS_FOUND_FILES:
        shutil.copy(f, tmp_path)
    settings = load_settings(start=tmp_path)
    kept = run_check([tmp_path], settings).report.problems
    assert kept
    monkeypatch.setattr(parallel, "_KEPT_AS_OBJECTS", 0)
    assert run_check([tmp_path], settings, stream=True, jobs=1).report.problems == kept
    assert run_check([tmp_path], settings, stream=True, jobs=2).report.problems == kept


def test_enabled_rules_follow_the_settings_after_being_asked(tmp_path: Path) -> None:
    # the answers are kept by what they depend on, so changing a selection changes them
    (tmp_path / "pdp-lint.toml").write_text(
        '[[overrides]]\nfiles = ["legacy/*"]\nignore = ["SP01"]\nseverity = {DU01 = "info"}\n',
        encoding="utf-8",
    )
    settings = load_settings(start=tmp_path)
    legacy, other = tmp_path / "legacy" / "a.yaml", tmp_path / "b.yaml"
    assert "SP01" in settings.enabled_codes(other)
    assert "SP01" not in settings.enabled_codes(legacy)
    assert settings.severity_for("DU01", legacy) == "info"
    assert settings.severity_for("DU01", other) is None
    settings.ignore = ("DU01",)
    assert "DU01" not in settings.enabled_codes(other)
    settings.select = ("SP01",)
    assert settings.enabled_codes(other) == {"SP01"}
    assert settings.enabled_codes(legacy) == set()
    settings.severity = {"DU01": Severity.WARNING}
    assert settings.severity_for("DU01", other) == Severity.WARNING


def test_behaviors_keep_one_string_per_distinct_word() -> None:
    # a framework of 320,000 behaviors kept a string each time a word was used, about
    # 1 KB a behavior; the words DU01 and DU02 compare are kept once each
    rng = random.Random(3)
    loaded = load_yaml(_random_framework(rng).replace("Says ", "Says it's the "))
    assert loaded.framework is not None and loaded.source is not None
    doc = Document(loaded.framework, loaded.source)
    mine = behaviors(doc, Context(corpus=[doc]))
    used = [w for sequence in mine.sequences for w in sequence]
    assert len(used) > 20
    distinct = {w: w for w in used}
    assert all(w is distinct[w] for w in used)
    assert [list(s) for s in mine.sequences] == [sequence(e.text.value) for e in mine.entries]
    assert [mine.word_set(i) for i in range(len(mine.entries))] == [
        tuple(sorted(set(words(e.text.value)))) for e in mine.entries
    ]
    assert any("'" in e.text.value for e in mine.entries)


def _all_pairs_most_specific(linter: Linter, problems: list[Problem]) -> list[Problem]:
    """What Linter._most_specific kept when it compared every two problems."""
    rules = linter.rules

    def covered(p: Problem) -> bool:
        start, end = (p.line, p.column), (p.end_line, p.end_column)
        return any(
            q.code in rules[p.code].superseded_by
            and (q.line, q.column) <= start
            and end <= (q.end_line, q.end_column)
            for q in problems
        )

    return [p for p in problems if not rules[p.code].superseded_by or not covered(p)]


def test_problems_a_more_specific_rule_covers_are_those_of_comparing_every_two() -> None:
    # a framework of 27,500 roles had thousands of findings of ST05 and TX06, and each
    # finding of one was compared with every one of the other
    linter = Linter(load_settings(start=ROOT), Context(corpus=[]))
    rng = random.Random(9)
    codes = ["TX01", "TX04", "SP01", "NM01", "ST05", "TX06", "DU01"]
    removed = 0
    for _ in range(300):
        problems = []
        for _ in range(rng.randint(0, 40)):
            line = rng.randint(1, 12)
            end_line = line + rng.choice((0, 0, 0, 1, 3, 100))
            column = rng.randint(1, 9)
            end_column = rng.randint(1, 9) if end_line > line else rng.randint(column, 12)
            code = rng.choice(codes)
            problems.append(
                Problem(
                    "f.yaml", line, column, end_line, end_column, code, code, Severity.WARNING, "m"
                )
            )
        kept = linter._most_specific(problems)
        assert kept == _all_pairs_most_specific(linter, problems)
        removed += len(problems) - len(kept)
    assert removed > 100


def test_problems_a_more_specific_rule_covers_cost_grows_linearly() -> None:
    linter = Linter(load_settings(start=ROOT), Context(corpus=[]))

    def problems(n: int) -> list[Problem]:
        return [
            Problem("f.yaml", i, 3, i, 9, code, code, Severity.WARNING, "m")
            for i in range(1, n + 1)
            for code in ("ST05", "TX06")
        ]

    def cpu(found: list[Problem]) -> float:
        best = float("inf")
        for _ in range(5):  # the best of five: a short measure, cheap to repeat
            start = time.process_time()
            kept = linter._most_specific(found)
            best = min(best, time.process_time() - start)
            assert len(kept) == len(found) // 2
        return best

    small, large = problems(1500), problems(6000)
    ratio = cpu(large) / cpu(small)
    assert ratio < LINEAR, f"4x the findings cost {ratio:.1f}x the CPU time"


def test_acronyms_of_a_document_keep_no_copy_of_its_prose(tmp_path: Path) -> None:
    # the acronyms ST05 and ST06 share kept the prose joined by spaces for as long as
    # the document was checked: as much memory again as the prose of a 90 MB file
    from pdp_lint.rules.structure import _acronyms

    (path,) = _corpus(tmp_path, _large_file(2000))
    loaded = load_file(path, 10**8)
    assert loaded.framework is not None and loaded.source is not None
    doc = Document(loaded.framework, loaded.source)
    prose = sum(len(t.value) for t in doc.texts)
    ctx = Context(corpus=[doc])
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        found = _acronyms(doc, ctx)
        kept = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))
    finally:
        tracemalloc.stop()
    assert found.uses
    assert kept < prose  # the uses found, not a copy of the text (two bytes a character)


def test_near_miss_comparisons_of_numbered_titles_grow_with_the_near_misses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Numbered titles of four digits are a slip apart (1207 and 1208), and every level
    of a ladder shares its level word with thousands of titles: NM01 compares a title
    with no more titles than it has near misses, where it compared each with every
    title of its number's neighbours, at every level (27,500 roles: 20 s)."""
    from pdp_lint.rules import naming

    compared = 0
    real = naming._near_miss

    def counting(*args: Any) -> Any:
        nonlocal compared
        compared += 1
        return real(*args)

    monkeypatch.setattr(naming, "_near_miss", counting)
    levels = ["Associate", "", "Senior", "Lead", "Principal", "Staff"]
    for n in (200, 800):
        compared = 0
        titles = [
            " ".join(w for w in (level, "Knowledge Expert", str(1000 + i)) if w)
            for i in range(n)
            for level in levels
        ]
        found = naming._near_misses(titles)
        pairs = sum(map(len, found.values()))
        assert pairs > 10 * len(titles)  # each title has dozens of near misses
        assert compared <= pairs, f"{compared} comparisons for {pairs} near misses"
