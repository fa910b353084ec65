"""Every exporter, by kind of handout and format: the command line's choices come from here.

Adding an exporter is one class and one entry.
"""

from __future__ import annotations

from exporters.base import Exporter
from exporters.changes import ChangesDocx, ChangesHtml
from exporters.handouts import (
    FrameworkDocx,
    FrameworkHtml,
    HiringDocx,
    HiringHtml,
    InterviewDocx,
    InterviewHtml,
    RoleDocx,
    RoleHtml,
)
from exporters.spreadsheet import CsvSpreadsheet, XlsxSpreadsheet

EXPORTERS: dict[tuple[str, str], type[Exporter]] = {
    (cls.name, cls.format): cls
    for cls in (
        FrameworkDocx,
        FrameworkHtml,
        RoleDocx,
        RoleHtml,
        InterviewDocx,
        InterviewHtml,
        HiringDocx,
        HiringHtml,
        XlsxSpreadsheet,
        CsvSpreadsheet,
        ChangesDocx,
        ChangesHtml,
    )
}

#: the kinds of handout, in the order a person reads about them
KINDS: tuple[str, ...] = tuple(dict.fromkeys(kind for kind, _ in EXPORTERS))
#: the output formats
FORMATS: tuple[str, ...] = tuple(dict.fromkeys(fmt for _, fmt in EXPORTERS))


def select(kinds: tuple[str, ...], formats: tuple[str, ...]) -> list[type[Exporter]]:
    """The exporters of the given kinds and formats, in registry order."""
    return [cls for (kind, fmt), cls in EXPORTERS.items() if kind in kinds and fmt in formats]
