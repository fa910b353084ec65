"""A streaming check keeps the files it began, past the first few, pickled in batches:
the problems are those of a run that keeps every begun file as it is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pdp_lint.engine import parallel
from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import load_settings
from pdp_lint.model.problem import Problem

AS_FOUND = Path(__file__).parent / "fixtures" / "as-found"


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], list[Problem]]:
    """Three copies of each source document (more files than a batch, and batches left
    partly full), and the problems of a run that keeps every begun file as it is: the
    same for every batching below, so found once."""
    folder = tmp_path_factory.mktemp("pending")
    files = [
        Path(shutil.copy(f, folder / f"{n}-{f.name}"))
        for n in range(3)
        for f in sorted(AS_FOUND.glob("*.yaml"))
    ]
    settings = load_settings(start=folder)
    expected = run_check([folder], settings, stream=True, jobs=1).report.problems
    assert expected
    return folder, files, expected


@pytest.mark.parametrize(("kept", "together"), [(0, 1), (1, 2), (3, 5), (0, 64)])
def test_begun_files_pickled_in_batches_give_the_same_problems(
    monkeypatch: pytest.MonkeyPatch,
    copies: tuple[Path, list[Path], list[Problem]],
    kept: int,
    together: int,
) -> None:
    folder, files, expected = copies
    settings = load_settings(start=folder)
    monkeypatch.setattr(parallel, "_KEPT_AS_OBJECTS", kept)
    monkeypatch.setattr(parallel, "_PICKLED_TOGETHER", together)
    packed: list[int] = []
    pack = parallel._Stream._pack

    def counted(stream: parallel._Stream) -> None:
        packed.append(len(stream.batch))
        pack(stream)

    monkeypatch.setattr(parallel._Stream, "_pack", counted)
    assert run_check([folder], settings, stream=True, jobs=1).report.problems == expected
    assert sum(packed) == len(files) - kept
    assert max(packed) == min(together, len(files) - kept)
    # a worker hands its begun files over in batches, and the parent finishes them
    monkeypatch.setattr(parallel, "FINISH_IN_ONE_PROCESS", 0)
    assert run_check([folder], settings, stream=True, jobs=2).report.problems == expected
