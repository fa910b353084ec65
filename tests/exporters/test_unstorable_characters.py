"""A forced export of a framework with characters Word cannot hold drops them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from docx import Document

from exporters.storable import storable
from tests.conftest import MINIMAL, ROOT


def test_storable_drops_only_what_xml_cannot_hold() -> None:
    assert storable("Demo\x1fPDP\x07") == "Demo PDP"  # a separator becomes a space
    assert storable("tab\tand line\nstay") == "tab\tand line\nstay"
    assert storable("plain") == "plain"


def test_forced_export_of_a_title_with_a_control_character_writes_the_handouts(
    tmp_path: Path,
) -> None:
    source = tmp_path / "demo.yaml"
    source.write_text(MINIMAL.replace("title: Demo PDP", 'title: "Demo\\x07 PDP"'), "utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pdp_lint",
            "export",
            str(source),
            "--out",
            str(tmp_path / "out"),
            "--force",
            "--kind",
            "framework",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [docx] = sorted((tmp_path / "out").rglob("*.docx"))
    assert Document(str(docx)).core_properties.title == "Demo PDP"
