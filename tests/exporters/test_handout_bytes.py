"""Building handouts faster must not change a byte of them.

``handout-digests.json`` holds the SHA-256 of every file the site of the canonical
frameworks has (every handout in every format, the pages, the spreadsheets), made with
``SOURCE_DATE_EPOCH`` fixed before the template preparation, the single zip packing,
the batched flushes and the one-pattern glossary came in. Files a new kind of handout
adds are not compared. When a handout is meant to change, write the file again and
review the difference with the change:

    SOURCE_DATE_EPOCH=1700000000 python -m tests.exporters.test_handout_bytes

The other tests here guard how the speed is had: the template is prepared once per run
(the bundled one ships prepared and is not opened at all), handouts built one after
another share no content, a framework's views are worked out once, and files reach the
disk in one pass (one flush of the file system for many files).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from exporters import docx_builder, views
from exporters.handouts import RoleDocx
from exporters.site import site_jobs
from pdp_lint import atomic
from pdp_lint.atomic import write_many_atomic
from tests.exporters.handout_helpers import EPOCH, ROOT, load, load_yaml

DIGESTS = Path(__file__).with_name("handout-digests.json")


def site_digests() -> dict[str, str]:
    """The digest of every file of the site of ``frameworks/``, by path in the site.

    Run from the repository's root: the spreadsheets name each framework's file.
    """
    frameworks = [load(p.relative_to(ROOT)) for p in sorted((ROOT / "frameworks").glob("*.yaml"))]
    return {
        str(job.path): hashlib.sha256(job.render()).hexdigest()
        for job in site_jobs(frameworks, {"template": None})
    }


@pytest.fixture
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(ROOT)


@pytest.mark.usefixtures("fixed_date")
def test_every_file_of_the_site_has_the_bytes_it_had() -> None:
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))
    actual = site_digests()
    # a new kind of handout adds files; every file there was keeps its bytes
    assert sorted(set(expected) - set(actual)) == []
    changed = sorted(name for name in expected if actual[name] != expected[name])
    assert changed == []


@pytest.mark.usefixtures("fixed_date")
@pytest.mark.parametrize("shipped", [True, False], ids=["shipped-ready", "prepared"])
def test_the_template_is_opened_once_for_every_handout_of_a_run(
    monkeypatch: pytest.MonkeyPatch, shipped: bool
) -> None:
    if not shipped:  # as when the reference document changed and was not prepared again
        monkeypatch.setattr(docx_builder, "_shipped_reference", lambda: None)
    opened = _count_opens(monkeypatch)
    frameworks = [load(p.relative_to(ROOT)) for p in sorted((ROOT / "frameworks").glob("*.yaml"))]
    docx = [j for j in site_jobs(frameworks, {"template": None}) if j.format == "docx"]
    for job in docx:
        job.render()
    assert len(docx) > 10
    # the bundled template comes prepared: it is not even opened
    assert opened == ([] if shipped else [None])


@pytest.mark.usefixtures("fixed_date")
def test_a_custom_template_is_opened_once_and_again_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx import Document

    template = tmp_path / "brand.docx"
    doc = Document()
    doc.styles["Heading 1"].font.name = "Georgia"
    doc.save(str(template))
    opened = _count_opens(monkeypatch)
    exporter = RoleDocx(RoleDocx.Options(template=template))
    outputs = exporter.outputs(load(ROOT / "frameworks" / "cx-knowledge-experts.yaml"))
    for out in outputs:
        out.render()
    assert opened == [template]

    doc.styles["Heading 1"].font.name = "Garamond"
    doc.save(str(template))
    os.utime(template, ns=(1, 1))  # a new modification time, whatever the clock says
    again = outputs[0].render()
    assert opened == [template, template]
    assert Document(io.BytesIO(again)).styles["Heading 1"].font.name == "Garamond"


@pytest.mark.usefixtures("fixed_date")
def test_checking_a_custom_template_prepares_it_for_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx import Document

    template = tmp_path / "brand.docx"
    Document().save(str(template))
    opened = _count_opens(monkeypatch)
    docx_builder.check_template(template)
    for out in RoleDocx(RoleDocx.Options(template=template)).outputs(
        load(ROOT / "frameworks" / "cx-pdp.yaml")
    ):
        out.render()
    assert opened == [template]


@pytest.mark.usefixtures("fixed_date")
def test_handouts_built_one_after_another_do_not_share_content() -> None:
    outputs = RoleDocx().outputs(load(ROOT / "frameworks" / "cx-knowledge-experts.yaml"))
    first = outputs[0].render()
    for out in outputs[1:]:
        out.render()
    assert outputs[0].render() == first
    text = zipfile.ZipFile(io.BytesIO(first)).read("word/document.xml").decode("utf-8")
    others = {o.title for o in outputs[1:]} - {outputs[0].title}
    assert not any(f">{title}<" in text for title in others)


@pytest.mark.usefixtures("fixed_date")
def test_writing_the_xml_gives_the_zip_python_docx_saving_and_repacking_gave() -> None:
    from docx import Document

    from tests.exporters import pydocx_builder

    view = views.role_handouts(load(ROOT / "frameworks" / "cx-knowledge-experts.yaml"))[0]
    built = []
    for cls in (docx_builder.DocxBuilder, pydocx_builder.DocxBuilder):
        builder = cls(view.meta)
        builder.paragraph("A paragraph", "Lead")
        builder.table(["Term", "Meaning"], [["CX", "Customer experience"]], [1.0, 4.0])
        built.append(builder)
    saved = io.BytesIO()
    built[1].doc.save(saved)
    repacked = docx_builder.normalise_zip(saved.getvalue(), view.meta.date)
    assert built[0].to_bytes() == repacked
    assert Document(io.BytesIO(repacked)).paragraphs[0].text == "A paragraph"


def _count_opens(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    opened: list[Path | None] = []
    real = docx_builder._open

    def counting(template: Path | None) -> object:
        opened.append(template)
        return real(template)

    docx_builder._prepare_cached.cache_clear()
    monkeypatch.setattr(docx_builder, "_open", counting)
    return opened


@pytest.mark.usefixtures("fixed_date")
def test_views_are_worked_out_once_per_framework_and_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fw = load(ROOT / "frameworks" / "cx-knowledge-experts.yaml")
    calls: list[str] = []
    real = views.role_view

    def counting(model: object, role: object) -> object:
        calls.append(getattr(role, "id", ""))
        return real(model, role)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "role_view", counting)
    first = views.role_handouts(fw)
    assert views.role_handouts(fw) is first
    framework = views.framework_handout(fw)
    # the framework handout shows the role handouts' own views
    assert [r for t in framework.tracks for r in t.roles] == [h.role for h in first]
    assert len(calls) == len(list(fw.roles()))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    again = views.role_handouts(fw)
    assert again is not first and again[0].meta.date != first[0].meta.date
    # another model of the same file gets views of its own
    assert views.role_handouts(load(ROOT / "frameworks" / "cx-knowledge-experts.yaml")) == again


# --- the glossary -----------------------------------------------------------------------


GLOSSARY = """\
    # yaml-language-server: $schema=../schema/framework.schema.json
    id: demo
    title: Demo CX path
    owner: {team: CX}
    locale: en-US
    version: "1.0"
    status: published
    intro: An intro.
    glossary:
      - {term: CX, expansion: Customer experience}
      - {term: CX-Ops, expansion: Customer experience operations}
      - {term: KE, expansion: Knowledge Expert}
      - {term: SLA, expansion: Service level agreement}
      - {term: QA, expansion: Quality assurance}
      - {term: NPS}
    competencies: []
    tracks: []
"""


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("CX-Ops reviews the SLAs", ["CX", "CX-Ops", "SLA"]),
        ("the KE's notes and the KEs", ["CX", "KE"]),
        ("QAs; NPS 40; SLAB and XQA are not terms", ["CX", "QA"]),
        ("nothing at all", ["CX"]),
    ],
)
def test_the_glossary_finds_each_term_as_a_pattern_of_its_own_would(
    text: str, terms: list[str]
) -> None:
    fw = load_yaml(GLOSSARY)
    found = [t.term for t in views.glossary(fw, [fw.title, text, None])]
    one_by_one = [
        e.term
        for e in fw.glossary
        if e.expansion and views._term_pattern(e.term).search(f"{fw.title}\n{text}")
    ]
    assert found == one_by_one == terms


# --- writing --------------------------------------------------------------------------


def test_files_reach_the_disk_in_one_pass_after_all_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)

    def render(name: str) -> Callable[[], bytes]:
        def make() -> bytes:
            events.append(f"render {name}")
            return name.encode()

        return make

    old = tmp_path / "a" / "one.txt"
    old.parent.mkdir()
    old.write_bytes(b"old")
    old.chmod(0o640)
    files = [
        (tmp_path / "a" / "one.txt", render("one")),
        (tmp_path / "b" / "two.txt", render("two")),
    ]
    written = write_many_atomic(files)
    assert written == [p for p, _ in files]
    assert events[:2] == ["render one", "render two"]
    assert events[2:] == ["fsync"] * 4  # two files, then their two folders
    assert old.read_bytes() == b"one" and (old.stat().st_mode & 0o777) == 0o640
    assert (tmp_path / "b" / "two.txt").read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["one.txt", "two.txt"]


def test_many_files_reach_the_disk_in_one_flush_of_their_file_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: events.append("fsync"))
    real_replace = Path.replace

    def replace(self: Path, target: Path) -> Path:
        events.append("rename")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    real = atomic._syncfs()
    assert real is not None, "Linux has syncfs"

    def syncfs(fd: int) -> int:
        events.append("syncfs")
        return real(fd)

    monkeypatch.setattr(atomic, "_syncfs", lambda: syncfs)
    count = atomic.FLUSH_WHOLE_FROM
    files = [(tmp_path / f"d{n % 3}" / f"{n}.txt", str(n).encode) for n in range(count)]
    assert write_many_atomic(files) == [p for p, _ in files]
    # one flush before the renames (three folders, one file system), one after
    assert events == ["syncfs", *["rename"] * count, "syncfs"]
    assert all(p.read_bytes() == render() for p, render in files)


def test_without_syncfs_many_files_are_flushed_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: events.append("fsync"))
    monkeypatch.setattr(atomic, "_syncfs", lambda: None)
    count = atomic.FLUSH_WHOLE_FROM
    files = [(tmp_path / f"{n}.txt", str(n).encode) for n in range(count)]
    write_many_atomic(files)
    assert events == ["fsync"] * (count + 1)  # every file, then the folder


def test_a_failing_flush_of_the_file_system_leaves_every_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "_syncfs", lambda: lambda fd: -1)
    kept = tmp_path / "0.txt"
    kept.write_bytes(b"old")
    files = [(tmp_path / f"{n}.txt", b"new".__bytes__) for n in range(atomic.FLUSH_WHOLE_FROM)]
    with pytest.raises(OSError):
        write_many_atomic(files)
    assert kept.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["0.txt"]


def test_a_file_that_fails_to_render_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    kept = tmp_path / "one.txt"
    kept.write_bytes(b"old")

    def broken() -> bytes:
        raise RuntimeError("cannot render")

    with pytest.raises(RuntimeError):
        write_many_atomic([(kept, lambda: b"new"), (tmp_path / "two.txt", broken)])
    assert kept.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["one.txt"]  # no temporary file left


def _main() -> int:
    if not re.fullmatch(r"\d+", os.environ.get("SOURCE_DATE_EPOCH", "")):
        print(f"set SOURCE_DATE_EPOCH={EPOCH} first", file=sys.stderr)
        return 2
    os.chdir(ROOT)
    text = json.dumps(site_digests(), indent=1, sort_keys=True) + "\n"
    DIGESTS.write_text(text, encoding="utf-8")
    print(f"wrote {DIGESTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
