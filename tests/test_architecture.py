"""The layout cannot decay quietly: stages import only downwards, and nothing imports in
a circle (docs/architecture.md; the contracts are in pyproject.toml)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
#: top-level parts of pdp_lint that no layer needs to name: the package's own files
OUTSIDE_LAYERS = {"pdp_lint.__init__", "pdp_lint.__main__"}


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [name.strip() for layer in contract["layers"] for name in layer.split("|")]


def test_the_layer_contracts_are_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """The check above can fail: a copy of the code where the model imports the command
    line is refused, and the message names both ends."""
    for name in ("pdp_lint", "exporters"):
        shutil.copytree(
            ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "data")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "pdp_lint" / "model" / "framework.py"
    model.write_text(model.read_text("utf-8") + "\nfrom pdp_lint.cli import commands  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "pdp_lint.model.framework -> pdp_lint.cli.commands" in result.stdout


def test_every_module_belongs_to_a_layer() -> None:
    """A new module beside the stages would escape the contracts: name its layer."""
    layers = _layers()
    children = {
        f"pdp_lint.{p.stem}"
        for p in (ROOT / "pdp_lint").iterdir()
        if (p.suffix == ".py" or (p / "__init__.py").is_file()) and p.name != "__pycache__"
    }
    assert sorted(children - set(layers) - OUTSIDE_LAYERS) == []
    assert "exporters" in layers


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("pdp_lint", "exporters", exclude_type_checking_imports=True)


def _edges(graph: grimp.ImportGraph) -> dict[str, list[str]]:
    return {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def _cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or not (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:
        # iterative, so a long chain cannot exhaust Python's recursion limit
        work = [(start, iter(edges[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, todo = work[-1]
            for nxt in todo:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(edges[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_through_others(graph: grimp.ImportGraph) -> None:
    assert _cycles(_edges(graph)) == []


def test_the_cycle_finder_finds_a_planted_cycle(graph: grimp.ImportGraph) -> None:
    planted = _edges(graph)
    planted["pdp_lint.load.nodes"].append("pdp_lint.load.careful")
    assert _cycles(planted) == [["pdp_lint.load.careful", "pdp_lint.load.nodes"]]


def test_front_ends_check_through_the_api(graph: grimp.ImportGraph) -> None:
    """The command line, the server and the exporters check files as one: through
    pdp_lint.api, never by calling the engine's internals themselves."""
    internals = {"pdp_lint.engine.check", "pdp_lint.engine.linter", "pdp_lint.engine.parallel"}
    front = [
        m for m in graph.modules if m.startswith(("pdp_lint.cli", "pdp_lint.server", "exporters"))
    ]
    offending = sorted(
        f"{m} -> {d}"
        for m in front
        for d in graph.find_modules_directly_imported_by(m)
        if d in internals
    )
    assert offending == []
