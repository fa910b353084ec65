"""Ids that would make unsafe file names are refused by the schema, before any export."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import pytest

from exporters.errors import ExportError
from exporters.plan import Job, write_all
from tests.hardening.helpers import CLEAN, pdp_lint, write

UNSAFE = {
    "parent_folders": "../../x",
    "absolute": "/etc/x",
    "windows_device_upper": "CON",
    "windows_device_lower": "con",
    "windows_nul": "nul",
    "two_hundred_characters": "a" * 200,
    "cyrillic_lookalikes": "\u0435\u0445\u0440ert",  # Cyrillic letters that look like "exp"
    "backslash": "a\\\\b",
    "dot": ".",
}


def _with_role_id(ident: str) -> str:
    return CLEAN.replace("id: expert\n", f'id: "{ident}"\n').replace(
        "builds_on: expert", f'builds_on: "{ident}"'
    )


def _with_framework_id(ident: str) -> str:
    return CLEAN.replace("id: demo\n", f'id: "{ident}"\n', 1)


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("where", ["role", "framework"])
@pytest.mark.parametrize("case", list(UNSAFE))
def test_unsafe_id_is_refused_by_check_export_and_site(tmp_path: Path, case: str, where: str):
    ident = UNSAFE[case]
    text = _with_role_id(ident) if where == "role" else _with_framework_id(ident)
    work = tmp_path / "work"
    path = write(work / "deep" / "er", text)
    run = pdp_lint("check", "--no-color", path)
    assert run.status == 1
    assert run.codes() and set(run.codes()) <= {"SC01"}, run.out
    assert all(
        "not a valid id" in p or "reserved device name" in p or "longer than 64" in p
        for p in run.problems()
    ), run.out
    before = _tree(tmp_path)
    for command in ("export", "site"):
        out = work / "deep" / "out"
        run = pdp_lint(command, path, "--out", out, "--force")
        assert run.status == 1, run.err
        assert re.fullmatch(
            rf"pdp-lint: {re.escape(path.as_posix())} cannot be exported: it has \d+ errors? "
            r"that stop it from loading; see `pdp-lint check .*`\n",
            run.err,
        ), run.err
        assert _tree(tmp_path) == before, "nothing may be written anywhere"


@pytest.mark.parametrize("name", ["../escape.html", "/abs.html", "a/../../b.html", ".."])
def test_the_writer_refuses_a_path_outside_the_output_folder(tmp_path: Path, name: str):
    out = tmp_path / "out"
    job = Job(PurePosixPath("fw", name), lambda: b"x", "Role handout `x` of demo.yaml")
    with pytest.raises(ExportError, match="outside the output folder"):
        write_all([job], out)
    assert not any(tmp_path.rglob("*.html"))
