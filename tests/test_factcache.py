"""The facts cache of the files a check only reads: the same problems as loading them."""

from __future__ import annotations

import pickle
from collections import Counter
from pathlib import Path
from typing import Any

import msgspec
import pytest

from pdp_lint.engine import factcache, loading
from pdp_lint.engine.cache import CACHE_DIR
from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import load_settings
from pdp_lint.load.document import Document
from pdp_lint.load.loader import load_file
from pdp_lint.rules import all_rules
from pdp_lint.rules.base import FACT_KINDS, FACT_STORED, Context
from tests.conftest import AS_FOUND, FRAMEWORKS, ROOT, project_of

ACCURACY = ROOT / "benchmarks" / "accuracy" / "corpus"
MANAGERS = "frameworks/cx-knowledge-managers.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return project_of(AS_FOUND, tmp_path)


def check(project: Path, target: str = MANAGERS, cache: bool = True, jobs: int = 1) -> Any:
    settings = load_settings(start=project)
    return run_check([project / target], settings, cache=cache, stream=True, jobs=jobs)


def found(result: Any) -> list[tuple[str, int, int, str, str]]:
    return [(p.file, p.line, p.column, p.code, p.message) for p in result.report.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files each run loads, in order."""
    loaded: list[Path] = []
    real = loading.load_one

    def load_one(path: Path, *args: Any, **kwargs: Any) -> Any:
        loaded.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(loading, "load_one", load_one)
    return loaded


def entries(project: Path) -> list[Path]:
    return sorted((project / CACHE_DIR / "facts").glob("*.msgpack"))


def test_a_changed_file_is_checked_against_the_kept_facts_of_the_others(
    project: Path, loads: list[Path]
) -> None:
    first = check(project)
    others = len(list((project / "frameworks").glob("*.yaml"))) - 1
    # each other file's facts, and the sums of theirs that are read only as a sum
    assert len(loads) == others + 1 and len(entries(project)) == others + 1
    # the hook's case: the checked file changed, so the whole run is not in the cache
    edit(project / MANAGERS, "Masters the knowledge", "Masters  the knowledge")
    loads.clear()
    second = check(project)
    assert not second.from_cache
    assert loads == [project / MANAGERS]  # the others' facts came from the cache
    fresh = check(project, cache=False)
    assert found(second) == found(fresh) != found(first)
    assert len(entries(project)) == others + 1  # nothing new to keep


def test_a_cross_file_finding_comes_from_kept_facts_and_goes_when_the_other_file_changes(
    project: Path, loads: list[Path]
) -> None:
    # as found, the Knowledge Manager summary (line 46) copies the Knowledge Expert one
    experts = project / "frameworks" / "cx-knowledge-experts.yaml"
    managers = project / MANAGERS
    check(project)  # keeps the facts of every other file
    edit(managers, "Masters the knowledge", "Masters  the knowledge")  # a new run
    loads.clear()
    kept = check(project)
    assert loads == [managers]
    copies = [p for p in kept.report.problems if p.code == "CP01" and p.line == 46]
    assert copies and "cx-knowledge-experts.yaml" in copies[0].message
    assert found(kept) == found(check(project, cache=False))
    # the other file changes: its key changes, it is loaded again, the copy is gone
    text = experts.read_text("utf-8")
    at = text.index("summary: Gain and maintain")
    experts.write_text(
        text[:at] + "summary: A summary of its own." + text[text.index("\n", at) :], "utf-8"
    )
    loads.clear()
    after = check(project)
    assert experts in loads and len(loads) == 2
    assert not [p for p in after.report.problems if p.code == "CP01" and p.line == 46]
    assert found(after) == found(check(project, cache=False))


def test_workers_use_and_keep_the_facts_alike(project: Path) -> None:
    fresh = found(check(project, cache=False))
    assert found(check(project, jobs=2)) == fresh
    edit(project / MANAGERS, "Masters the knowledge", "Masters  the knowledge")
    assert found(check(project, jobs=2)) == found(check(project, cache=False))


class _Planted:
    """Unpickling this would leave a file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> Any:
        return (Path.write_text, (self.marker, "ran"))


@pytest.mark.parametrize("kind", ["pickle", "garbage", "wrong types", "too few"])
def test_a_damaged_or_hostile_entry_is_a_miss_and_runs_nothing(
    project: Path, loads: list[Path], kind: str
) -> None:
    check(project)
    marker = project / "ran"
    for entry in entries(project):
        prefix = entry.read_bytes()[: len(factcache._FORMAT)]
        body = {
            "pickle": pickle.dumps(_Planted(marker)),
            "garbage": b"\xc1\xff\x00 not msgpack",
            "wrong types": msgspec.msgpack.encode([1, 2, 3, 4, 5, 6, 7][: len(FACT_STORED)]),
            "too few": msgspec.msgpack.encode([]),
        }[kind]
        entry.write_bytes(prefix + body if kind != "pickle" else body)
    edit(project / MANAGERS, "Masters the knowledge", "Masters  the knowledge")
    loads.clear()
    result = check(project)
    assert not marker.exists()
    assert len(loads) == len(list((project / "frameworks").glob("*.yaml")))
    assert found(result) == found(check(project, cache=False))


def test_no_cache_neither_reads_nor_keeps_facts(project: Path) -> None:
    check(project, cache=False)
    assert not (project / CACHE_DIR).exists()


def test_the_oldest_entries_go_beyond_the_limit(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(factcache, "KEEP", 2)
    before: set[Path] = set()
    for n in range(3):  # each run a new configuration: new keys for every other file
        (project / "pdp-lint.toml").write_text(
            f'vocabulary = ["vocabulary.txt"]\n# run {n}\nmax-file-size = {2_000_000 + n}\n'
        )
        before = set(entries(project))
        check(project)
    files = len(list((project / "frameworks").glob("*.yaml")))
    # a run keeps twice the files it reads (KEEP is less here): the last run's all stay
    # (an entry for each other file, and one for their sums)
    kept = set(entries(project))
    assert len(kept) == 2 * files < 3 * files
    assert len(kept - before) == files


def _documents() -> list[Document]:
    docs = []
    for folder in (FRAMEWORKS, AS_FOUND, ACCURACY):
        for path in sorted(folder.glob("*.yaml")):
            item = load_file(path)
            if item.framework is not None and item.source is not None:
                docs.append(Document(item.framework, item.source))
    return docs


def test_every_kind_of_fact_comes_back_equal_and_of_the_same_types() -> None:
    all_rules()  # registers every kind
    assert set(FACT_STORED) == set(FACT_KINDS), "a kind of fact without a stored type"
    settings = load_settings(start=ROOT)
    docs = _documents()
    assert len(docs) >= 15
    for doc in docs:
        ctx = Context(corpus=[doc], settings=settings)
        for kind, (take, _) in FACT_KINDS.items():
            fact = take(doc, ctx)
            stored, restore = FACT_STORED[kind]
            value = msgspec.msgpack.decode(msgspec.msgpack.encode(fact), type=stored)
            back = restore(value) if restore is not None else value
            assert back == fact, (doc.path.name, kind)
            assert type(back) is type(fact), (doc.path.name, kind)
            if isinstance(fact, (list, tuple)) and fact:
                assert type(back[0]) is type(fact[0]), (doc.path.name, kind)
            if isinstance(fact, Counter):
                assert all(type(v) is int for v in back.values())


def test_a_cache_folder_that_cannot_be_written_is_simply_not_used(project: Path) -> None:
    (project / CACHE_DIR).write_text("a file where the cache folder would be\n", "utf-8")
    fresh = found(check(project, cache=False))
    assert found(check(project)) == fresh
    edit(project / MANAGERS, "Masters the knowledge", "Masters  the knowledge")
    assert found(check(project)) == found(check(project, cache=False))
    assert (project / CACHE_DIR).is_file()


def _file_entries(project: Path) -> dict[Path, Path]:
    """The entry of each framework file other than the checked one, by file."""
    from pdp_lint.engine.check import _kinds

    settings = load_settings(start=project)
    files = sorted((project / "frameworks").glob("*.yaml"))
    kinds, _ = _kinds(files, settings)
    cache = factcache.FactCache(settings, kinds)
    out = {}
    for path in files:
        key = cache.key(path)
        assert key is not None
        out[path] = cache.dir / f"{key}.msgpack"
    return out


def test_the_sums_are_taken_whole_and_a_lost_entry_is_not_counted_twice(
    project: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    check(project)
    by_file = _file_entries(project)
    others = [path for path in by_file if path != project / MANAGERS]
    sums = set(entries(project)) - set(by_file.values())
    assert len(sums) == 1  # the one entry of the others' sums
    # the next run reads the sums whole: no run counts of each file are decoded
    decoded: list[str] = []
    real = factcache.FactCache.get

    def get(self: Any, key: str, kinds: Any = None) -> Any:
        decoded.extend(kinds if kinds is not None else self.kinds)
        return real(self, key, kinds)

    monkeypatch.setattr(factcache.FactCache, "get", get)
    edit(project / MANAGERS, "Masters the knowledge", "Masters  the knowledge")
    loads.clear()
    result = check(project)
    assert loads == [project / MANAGERS]
    assert "prose.runs" not in decoded and "copypaste.summaries" in decoded
    assert found(result) == found(check(project, cache=False))
    # an entry of one file lost (trimmed, say) while the sums are kept: that file is
    # loaded for its listed facts, and its words are not added to the sums again
    by_file[others[0]].unlink()
    edit(project / MANAGERS, "Masters  the knowledge", "Masters   the knowledge")
    loads.clear()
    result = check(project)
    assert sorted(loads) == sorted([project / MANAGERS, others[0]])
    assert found(result) == found(check(project, cache=False))
    # the sums lost: added up again from each file's entry, and kept again
    for entry in sums:
        entry.unlink()
    edit(project / MANAGERS, "Masters   the knowledge", "Masters    the knowledge")
    assert found(check(project)) == found(check(project, cache=False))
    assert len(set(entries(project)) - set(by_file.values())) == 1
