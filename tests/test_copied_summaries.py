"""CP01 checking a few files of a project finds what checking the whole project finds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import load_settings
from pdp_lint.rules import copypaste
from tests.conftest import AS_FOUND, ROOT, project_of

ACCURACY = ROOT / "benchmarks" / "accuracy" / "corpus"


def cp01(result: Any) -> list[tuple[str, int, int, str]]:
    return [
        (Path(p.file).name, p.line, p.column, p.message)
        for p in result.report.problems
        if p.code == "CP01"
    ]


def check(project: Path, *targets: Path) -> Any:
    settings = load_settings(start=project)
    paths = list(targets) or [project / "frameworks"]
    return run_check(paths, settings, stream=True, cache=False, jobs=1)


@pytest.mark.parametrize("folder", [AS_FOUND, ACCURACY], ids=["as-found", "accuracy"])
def test_each_file_alone_and_a_few_together_find_what_the_whole_project_finds(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = project_of(folder, tmp_path)
    files = sorted((project / "frameworks").glob("*.yaml"))
    whole = cp01(check(project))
    alone: list[tuple[str, int, int, str]] = []
    searched: list[int] = []
    real = copypaste.similar_to_earlier

    def counted(*args: Any) -> Any:
        searched.append(1)
        return real(*args)

    monkeypatch.setattr(copypaste, "similar_to_earlier", counted)
    for path in files:
        alone += cp01(check(project, path))
    assert sorted(alone) == sorted(whole)
    # each file with summaries had them looked up on its own (not the whole corpus's)
    assert len(searched) >= 2
    few = cp01(check(project, *files[:3]))
    assert sorted(few) == sorted(p for p in whole if p[0] in {f.name for f in files[:3]})
    if folder == AS_FOUND:
        assert whole, "the as-found frameworks copy a summary"


def test_the_earliest_of_the_most_similar_summaries_is_named(tmp_path: Path) -> None:
    # three files say the same thing; the third's summary is named a copy of the first's
    project = project_of(AS_FOUND, tmp_path)
    experts = project / "frameworks" / "cx-knowledge-experts.yaml"
    text = experts.read_text("utf-8")
    for name in ("a-first.yaml", "b-second.yaml", "z-last.yaml"):
        (project / "frameworks" / name).write_text(
            text.replace("id: cx-knowledge-experts", f"id: {name[:-5]}", 1), "utf-8"
        )
    last = project / "frameworks" / "z-last.yaml"
    alone = cp01(check(project, last))
    whole = [p for p in cp01(check(project)) if p[0] == "z-last.yaml"]
    assert alone == whole
    assert alone and all("a-first.yaml" in p[3] for p in alone), alone
