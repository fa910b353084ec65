"""The results table and the description of the machine it was measured on."""

from __future__ import annotations

import datetime
import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

COLUMNS = (
    "case",
    "size",
    "median",
    "vs check-jsonschema",
    "vs yamllint",
    "vs codespell",
    "target",
    "result",
)


@dataclass(frozen=True, slots=True)
class Row:
    case: str
    size: str
    value: str
    #: pdp-lint's time as a multiple of check-jsonschema's, yamllint's and codespell's.
    ratios: tuple[str, str, str] = ("", "", "")
    target: str = ""
    result: str = ""

    def cells(self) -> tuple[str, ...]:
        return (self.case, self.size, self.value, *self.ratios, self.target, self.result)


def seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def ratio(value: float) -> str:
    return f"{value:.2f}x" if value >= 0.1 else f"{value:.3f}x"


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(" --- " for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(c or "—" for c in row.cells()) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _first(path: str, key: str) -> str | None:
    try:
        text = Path(path).read_text("utf-8", "replace")
    except OSError:
        return None
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() == key:
            return value.strip()
    return None


def machine() -> str:
    """One line: CPUs, CPU model, memory, operating system, Python, current load."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = _first("/proc/cpuinfo", "model name") or platform.processor() or "unknown CPU"
    memory = _first("/proc/meminfo", "MemTotal")
    if memory and memory.split()[0].isdigit():
        memory = f"{int(memory.split()[0]) / 1024 / 1024:.1f} GiB memory"
    else:
        memory = "memory unknown"
    load = (
        f", load average {os.getloadavg()[0]:.2f} at the start" if hasattr(os, "getloadavg") else ""
    )
    return (
        f"{cpus} CPUs available (nproc), {model}, {memory}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}{load}"
    )


def today() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")


def load_averages(values: tuple[float, float, float]) -> str:
    """The 1, 5 and 15 minute load averages, as the results files write them."""
    return ", ".join(f"{v:.2f}" for v in values)
