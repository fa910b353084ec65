"""The HR site: an index of every framework and handout, and one page per framework.

The site is built in a temporary folder beside the target and swapped in when complete,
so a failure half-way leaves the previous site as it was. Pages link with relative
addresses and inline their CSS and JavaScript: the site works from ``file://``, from a
shared drive or from any static web server.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from exporters import views
from exporters.changes import ChangesHandout, changes_handout
from exporters.dates import format_date
from exporters.errors import ExportError, unwritable
from exporters.plan import Job, check_unique, handout_jobs, write_all
from exporters.registry import EXPORTERS
from pdp_lint.atomic import current_umask
from pdp_lint.model.framework import Framework

#: a file in every site folder; only a folder with it (or an empty one) is ever replaced
MARKER = ".pdp-lint-site"
_MARKER_TEXT = (
    "This folder is written by `pdp-lint site` and replaced as a whole by every build.\n"
    "Do not keep other files in it.\n"
)
PAGE = "index.html"
#: the What changed page of a framework, beside its page
CHANGES_PAGE = "changes.html"
#: a build folder left beside ``--out`` (by a killed run) is removed once it is this old
STALE_AFTER = 3600.0


@dataclass(frozen=True, slots=True)
class Download:
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One handout of a framework, with a download per format."""

    kind: str
    kind_label: str
    title: str
    stem: str
    downloads: tuple[Download, ...]


@dataclass(frozen=True, slots=True)
class SiteFramework:
    view: views.FrameworkHandout
    entries: tuple[Entry, ...]
    page: str
    #: what changed since the revision given to ``site --changes-since``, if one was
    changes: ChangesHandout | None = None
    changes_page: str = CHANGES_PAGE

    def role_changed(self, role_id: str) -> bool:
        """Whether the expectations of a role changed (its What changed section exists)."""
        return self.changes is not None and role_id in self.changes.role_ids

    @property
    def id(self) -> str:
        return self.view.meta.framework_id

    @property
    def index(self) -> str:
        """The site index, addressed from the framework page (under ``..``)."""
        return PAGE

    @property
    def first_choice(self) -> str:
        """What the role filter shows first: the first role, else the first coming-soon path."""
        if self.view.roles:
            return self.view.roles[0].id
        return next((f"track:{t.id}" for t in self.view.tracks), "")

    @property
    def show_catalog(self) -> bool:
        """Whether the page needs the competency catalog: for proficiency levels, or for
        definitions that no role section shows in place of its own description."""
        shown = {s.competency_id for r in self.view.roles for s in r.sections if not s.description}
        return any(c.levels or (c.definition and c.id not in shown) for c in self.view.catalog)

    @property
    def competencies(self) -> tuple[views.CompetencyView, ...]:
        """The choices of the competency filter: catalog competencies some role has."""
        used = {s.competency_id for r in self.view.roles for s in r.sections}
        return tuple(c for c in self.view.catalog if c.id in used)

    def downloads(self, kind: str, stem: str) -> tuple[Download, ...]:
        """The downloads of one handout, addressed from the framework's own page."""
        for e in self.entries:
            if e.kind == kind and e.stem == stem:
                return e.downloads
        return ()

    def from_index(self, href: str) -> str:
        """``href`` (relative to the framework page) as seen from the site index."""
        return f"{self.id}/{href}"


@dataclass(frozen=True, slots=True)
class SiteIndex:
    title: str
    #: the locale of most frameworks (the first framework's on a tie): the index's language
    #: and the format of every date on it
    locale: str
    date: datetime
    date_text: str
    frameworks: tuple[SiteFramework, ...]

    def date_of(self, fw: SiteFramework) -> str:
        """A framework's date as the index writes dates (its page and handouts follow the
        framework's own locale)."""
        return format_date(fw.view.meta.date, self.locale)


def site_jobs(frameworks: Sequence[Framework], settings: Mapping[str, Any]) -> list[Job]:
    """Every file of the site: all handouts in all formats, the pages, the marker."""
    exporters = [cls.with_settings(settings) for cls in EXPORTERS.values()]
    handouts = handout_jobs(frameworks, exporters)
    since = settings.get("changes_since")
    site = [
        _site_framework(fw, handouts, changes_handout(fw, since) if since else None)
        for fw in frameworks
    ]
    jobs = list(handouts)
    for fw, entry in zip(frameworks, site, strict=True):
        jobs.append(
            Job(
                PurePosixPath(fw.id, PAGE),
                _page(entry),
                f"the page of {fw.file.as_posix()}",
                framework=fw.id,
                kind="page",
            )
        )
        if entry.changes is not None:
            jobs.append(
                Job(
                    PurePosixPath(fw.id, CHANGES_PAGE),
                    _changes_page(entry),
                    f"the What changed page of {fw.file.as_posix()}",
                    framework=fw.id,
                    kind="changes-page",
                )
            )
    index = _index(site)
    jobs.append(Job(PurePosixPath(PAGE), lambda: _render_index(index), "the site index"))
    jobs.append(Job(PurePosixPath(MARKER), _MARKER_TEXT.encode, "the site marker"))
    check_unique(jobs)
    return jobs


def _site_framework(
    fw: Framework, handouts: Iterable[Job], changes: ChangesHandout | None = None
) -> SiteFramework:
    entries: dict[tuple[str, str], list[Job]] = {}
    for job in handouts:
        if job.framework == fw.id:
            entries.setdefault((job.kind, job.stem), []).append(job)
    return SiteFramework(
        view=views.framework_handout(fw),
        entries=tuple(
            Entry(
                kind=kind,
                kind_label=jobs[0].kind_label,
                title=jobs[0].title,
                stem=stem,
                downloads=tuple(Download(j.format_label, j.path.name) for j in jobs),
            )
            for (kind, stem), jobs in entries.items()
        ),
        page=PAGE,
        changes=changes,
    )


def _index(site: Sequence[SiteFramework]) -> SiteIndex:
    # one format on the page: the locale most frameworks use
    counts = Counter(s.view.meta.locale for s in site)
    locale = counts.most_common(1)[0][0] if counts else "en"
    date = max((s.view.meta.date for s in site), default=datetime.fromtimestamp(0, UTC))
    return SiteIndex(
        title="Professional development paths",
        locale=locale,
        date=date,
        date_text=format_date(date, locale),
        frameworks=tuple(site),
    )


def _page(site: SiteFramework) -> Callable[[], bytes]:
    def render() -> bytes:
        from exporters.html_render import render

        meta = dataclasses.replace(site.view.meta, kind="Framework page")
        return render("site_framework.html.j2", site=site, view=site.view, meta=meta)

    return render


def _changes_page(site: SiteFramework) -> Callable[[], bytes]:
    view = site.changes
    assert view is not None

    def render() -> bytes:
        from exporters.html_render import render

        return render("site_changes.html.j2", site=site, view=view, meta=view.meta)

    return render


def _render_index(index: SiteIndex) -> bytes:
    from exporters.html_render import render

    return render("site_index.html.j2", index=index)


# --- publishing ------------------------------------------------------------------------


def publish(jobs: Iterable[Job], out: Path) -> list[Path]:
    """Write ``jobs`` into a fresh folder beside ``out``, then put it in ``out``'s place.

    ``out`` must be missing, empty, or a site built before (it has the marker file):
    a folder of something else is never deleted.
    """
    shown = out.absolute()
    out = _through_link(shown)
    if out.exists() and not _replaceable(out):
        raise ExportError(
            f"{out} is not a site built by `pdp-lint site` (it has no {MARKER} file); "
            "choose another --out or empty the folder first",
            2,
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_builds(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=out.parent))
        try:
            tmp.chmod(0o777 & ~current_umask())
            written = write_all(jobs, tmp)
            _swap(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    except OSError as exc:  # a file where a folder belongs, no permission, a disk full
        raise unwritable(shown, exc, "the site") from None
    return [shown / p.relative_to(tmp) for p in written]


def _through_link(out: Path) -> Path:
    """Where a site at ``out`` goes: the folder a symbolic link names, so that the link
    is kept and keeps pointing at the site."""
    if not out.is_symlink():
        return out
    try:
        return out.resolve(strict=False)
    except (OSError, RuntimeError):
        raise ExportError(
            f"{out} is a symbolic link that cannot be followed (a loop?); "
            "point it at a folder or choose another --out",
            2,
        ) from None


def _remove_stale_builds(out: Path) -> None:
    """Remove the build folders of earlier runs of ``out`` that were killed half-way.

    Only folders this module names (``.<out name>.<8 characters>.new`` or ``.old``, as
    made by :func:`tempfile.mkdtemp`), real folders rather than links, owned by this
    user, and untouched for :data:`STALE_AFTER` seconds, so a build running at the same
    time is left alone. A ``.old`` folder is the previous site moved aside: it is kept
    while ``out`` is missing, since it is then the only copy.
    """
    pattern = re.compile(rf"\.{re.escape(out.name)}\.[a-z0-9_]{{8}}\.(new|old)")
    now = time.time()
    try:
        candidates = list(out.parent.iterdir())
    except OSError:
        return
    for path in candidates:
        found = pattern.fullmatch(path.name)
        if found is None or (found.group(1) == "old" and not out.exists()):
            continue
        try:
            info = path.lstat()
            if not path.is_dir() or path.is_symlink() or info.st_uid != os.getuid():
                continue
            if now - _newest_change(path, info.st_mtime) < STALE_AFTER:
                continue
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)


def _newest_change(folder: Path, newest: float) -> float:
    """The latest modification time in ``folder``'s tree (links not followed)."""
    for root, dirs, files in os.walk(folder):
        for name in (*dirs, *files):
            with contextlib.suppress(OSError):
                newest = max(newest, (Path(root) / name).lstat().st_mtime)
    return newest


def _replaceable(out: Path) -> bool:
    if not out.is_dir() or out.is_symlink():
        return False
    return (out / MARKER).is_file() or not any(out.iterdir())


def _swap(new: Path, out: Path) -> None:
    """Put ``new`` at ``out``; the old site is removed only once the new one is in place."""
    if not out.exists():
        new.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        new.rename(out)
    except BaseException:
        with contextlib.suppress(OSError):
            old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
