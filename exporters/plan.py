"""Which files an export writes, worked out (and checked) before any is written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from exporters.base import Exporter
from exporters.errors import ExportError
from pdp_lint.atomic import write_many_atomic
from pdp_lint.model import Framework


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


def write_all(jobs: Iterable[Job], dest: Path) -> list[Path]:
    """Render and write every job under ``dest``, each file atomically.

    The files reach the disk in one pass once all are written (see write_many_atomic):
    an export stops before changing any file when one of them cannot be rendered.
    """
    return write_many_atomic((dest.joinpath(*_safe_parts(job)), job.render) for job in jobs)
