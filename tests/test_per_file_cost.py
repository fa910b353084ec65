"""A check of many small files pays for each file once: what the run already knows of a
file (that it is a framework file, where its folder is) is not asked of the file system
again, and the answers are the same as asking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pdp_lint.engine import discovery
from pdp_lint.engine.check import corpus_files
from pdp_lint.engine.config import Settings
from pdp_lint.rules.base import Context
from pdp_lint.rules.copypaste import _real_place

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORKS = ROOT / "frameworks"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three canonical frameworks in a folder, and one in a folder beside it."""
    here = tmp_path / "team"
    here.mkdir()
    for source in sorted(FRAMEWORKS.glob("*.yaml"))[:3]:
        shutil.copy(source, here / source.name)
    beside = tmp_path / "other"
    beside.mkdir()
    shutil.copy(sorted(FRAMEWORKS.glob("*.yaml"))[3], beside / "beside.yaml")
    return here


def _count_looks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    looked: list[Path] = []
    real = discovery._not_a_file

    def counting(path: Path) -> str | None:
        looked.append(path)
        return real(path)

    monkeypatch.setattr(discovery, "_not_a_file", counting)
    return looked


def test_the_corpus_of_a_checked_folder_does_not_look_at_its_files_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = discovery.discover([folder]).files
    assert len(targets) == 3
    looked = _count_looks(monkeypatch)
    assert corpus_files(targets, Settings()) == []
    assert looked == []


def test_the_corpus_of_one_file_holds_the_files_beside_it_and_no_link_to_it(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, *others = sorted(folder.glob("*.yaml"))
    (folder / "link-to-first.yaml").symlink_to(first)
    looked = _count_looks(monkeypatch)
    assert corpus_files([first], Settings()) == others
    assert first not in looked  # the target itself is known
    assert folder / "link-to-first.yaml" in looked  # a link is followed, and left out


def test_a_configured_corpus_elsewhere_is_discovered_whole(folder: Path) -> None:
    targets = discovery.discover([folder]).files
    settings = Settings(corpus=(folder.parent / "other",))
    assert corpus_files(targets, settings) == [folder.parent / "other" / "beside.yaml"]


def test_the_place_of_a_summary_is_where_resolving_the_path_leads(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = sorted(folder.glob("*.yaml"))[0]
    (folder / "link.yaml").symlink_to(file)
    (folder.parent / "linked-folder").symlink_to(folder, target_is_directory=True)
    monkeypatch.chdir(folder.parent)
    ctx = Context(corpus=[])
    paths = [
        file,
        Path("team") / file.name,
        Path("team/../team") / file.name,
        folder / "link.yaml",
        Path("linked-folder") / file.name,
        Path("linked-folder") / "link.yaml",
        Path("team") / "missing.yaml",
    ]
    for path in paths:
        assert _real_place(path, ctx) == path.resolve().as_posix(), path
    # each folder as written resolved once; links and missing files resolved whole
    assert len(ctx.shared["copypaste.real-folders"]) == 4


def test_runs_searched_once_per_run_answer_as_a_search_of_each_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """SP02 searches each distinct run once per run; the answers kept (and those of a
    run whose kept answers overflowed) are those of searching the file itself."""
    from pdp_lint.load.document import Document
    from pdp_lint.load.loader import load_file
    from pdp_lint.rules import spelling
    from pdp_lint.rules.textscan import prose

    docs = []
    for source in sorted(FRAMEWORKS.glob("*.yaml")):
        loaded = load_file(source)
        assert loaded.framework is not None and loaded.source is not None
        docs.append(Document(loaded.framework, loaded.source))
    for kept in (spelling._KEPT_RUNS, 3):
        monkeypatch.setattr(spelling, "_KEPT_RUNS", kept)
        ctx = Context(corpus=[])
        answers = []
        for words in (frozenset({"customer"}), frozenset({"zzz", "mentors"}), frozenset({"zzz"})):
            for doc in docs:
                letters = set(spelling._QUICK_LETTERS.findall(prose(doc, ctx).joined.lower()))
                expected = not words.isdisjoint(letters)
                assert spelling._holds_any(doc, ctx, words, str(sorted(words))) is expected
                answers.append(expected)
        assert True in answers and False in answers


def test_override_globs_see_each_path_as_resolving_it_does(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings resolve each folder once per run; the path an override glob sees is
    still that of Path.resolve(), links followed."""
    file = sorted(folder.glob("*.yaml"))[0]
    (folder / "link.yaml").symlink_to(file)
    (folder.parent / "linked-folder").symlink_to(folder, target_is_directory=True)
    monkeypatch.chdir(folder.parent)
    settings = Settings(root=folder.parent)
    root = folder.parent.resolve()
    paths = [
        file,
        Path("team") / file.name,
        Path("team/../team") / file.name,
        Path("team") / "link.yaml",
        Path("linked-folder") / file.name,
        Path("linked-folder") / "link.yaml",
        Path("team") / "missing.yaml",
    ]
    for path in paths:
        assert settings.relative(path) == path.resolve().relative_to(root).as_posix(), path
    assert settings.relative(Path("/elsewhere/x.yaml")) == "/elsewhere/x.yaml"
