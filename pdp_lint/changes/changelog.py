"""Pair the frameworks of two sides by id and compare each pair."""

from __future__ import annotations

from collections.abc import Sequence

from pdp_lint.changes.compare import added_framework, compare, removed_framework
from pdp_lint.changes.records import Changelog, FrameworkChanges
from pdp_lint.model.framework import Framework

Files = Sequence[tuple[str, Framework]]


def build(old: Files, new: Files, base: str, head: str, *, pair_files: bool = False) -> Changelog:
    """The changelog from ``old`` to ``new`` (frameworks with the files they came from).

    Frameworks are paired by id, so a renamed file is still one framework; with
    ``pair_files`` (one file on each side) the two are compared whatever their ids.
    Frameworks without a change are left out.
    """
    out: list[FrameworkChanges] = []
    if pair_files and len(old) == 1 and len(new) == 1:
        (old_file, o), (file, n) = old[0], new[0]
        pairs = [(old_file, o, file, n)]
        gone: list[tuple[str, Framework]] = []
        fresh: list[tuple[str, Framework]] = []
    else:
        by_id = {fw.id: (f, fw) for f, fw in old}
        pairs = []
        fresh = []
        for file, fw in new:
            match = by_id.pop(fw.id, None)
            if match is None:
                fresh.append((file, fw))
            else:
                pairs.append((match[0], match[1], file, fw))
        gone = list(by_id.values())
    for old_file, o, file, n in pairs:
        changes = compare(o, n, file, old_file)
        if changes.changes or o.version != n.version:
            out.append(changes)
    out.extend(added_framework(fw, file) for file, fw in fresh)
    out.extend(removed_framework(fw, f"{base}:{file}") for file, fw in gone)
    return Changelog(base=base, head=head, frameworks=out)
