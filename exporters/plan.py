"""Which files an export writes, worked out (and checked) before any is written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from exporters.base import Exporter
from exporters.errors import ExportError
from pdp_lint.atomic import write_many_atomic
from pdp_lint.model.framework import Framework


@dataclass(frozen=True, slots=True)
class Job:
    """One file to write: where (relative to the output folder) and how to make it."""

    path: PurePosixPath
    render: Callable[[], bytes]
    #: what the file is, for messages ("Role handout `Knowledge Expert` of x.yaml")
    what: str
    framework: str = ""
    kind: str = ""
    kind_label: str = ""
    format: str = ""
    format_label: str = ""
    title: str = ""

    @property
    def stem(self) -> str:
        return self.path.stem


def handout_jobs(frameworks: Sequence[Framework], exporters: Sequence[Exporter]) -> list[Job]:
    """Every handout file, ``<framework id>/<file>``, in framework then exporter order."""
    jobs = []
    for fw in frameworks:
        for exporter in exporters:
            for out in exporter.outputs(fw):
                jobs.append(
                    Job(
                        path=PurePosixPath(fw.id, out.name),
                        render=out.render,
                        what=f"{exporter.label} `{out.title}` of {fw.file.as_posix()}",
                        framework=fw.id,
                        kind=exporter.name,
                        kind_label=exporter.label,
                        format=exporter.format,
                        format_label=exporter.format_label,
                        title=out.title,
                    )
                )
    return jobs


def check_unique(jobs: Iterable[Job]) -> None:
    """Refuse two files with the same path: one would silently replace the other."""
    seen: dict[PurePosixPath, Job] = {}
    for job in jobs:
        other = seen.setdefault(job.path, job)
        if other is not job:
            raise ExportError(
                f"{other.what} and {job.what} would both be written to {job.path}; "
                "give one of them another id"
            )


def _safe_parts(job: Job) -> tuple[str, ...]:
    """The parts of a job's path, refused unless each is a plain name inside the folder.

    The schema admits only safe ids; this is the last gate before the file system, so no
    id can ever place a file outside the output folder.
    """
    parts = job.path.parts
    for part in parts:
        if (
            part in ("", ".", "..")
            or "/" in part
            or "\\" in part
            or any(ord(c) < 32 for c in part)
            or job.path.is_absolute()
        ):
            raise ExportError(
                f"{job.what} would be written to `{job.path}`, outside the output folder; "
                "give it an id of lower-case letters, digits and hyphens"
            )
    return parts


def _check_no_link_out(job: Job, dest: Path, root: Path, parts: tuple[str, ...]) -> None:
    """Refuse a folder on the way to the file that is a symbolic link leading outside
    ``dest`` (whose resolved path is ``root``): the write would go where it points.

    ``dest`` itself may be a link (the user named it); the file itself may be one too,
    since an atomic write replaces the link rather than writing through it.
    """
    folder = dest
    for part in parts[:-1]:
        folder = folder / part
        if not folder.is_symlink():
            continue
        target = folder.resolve()
        if not target.is_relative_to(root):
            raise ExportError(
                f"{job.what} would be written through the symbolic link `{folder}`, which "
                f"leads to `{target}`, outside the output folder; remove the link or "
                "choose another --out",
                status=2,
            )


def write_all(jobs: Iterable[Job], dest: Path) -> list[Path]:
    """Render and write every job under ``dest``, each file atomically.

    The files reach the disk in one pass once all are written (see write_many_atomic):
    an export stops before changing any file when one of them cannot be rendered, or
    would be written through a link leading out of ``dest``.
    """
    root = dest.resolve()

    def files() -> Iterator[tuple[Path, Callable[[], bytes]]]:
        for job in jobs:
            parts = _safe_parts(job)
            _check_no_link_out(job, dest, root, parts)
            yield dest.joinpath(*parts), job.render

    return write_many_atomic(files())
