"""Applying text edits to a source file."""

from __future__ import annotations

from collections.abc import Iterable

from pdp_lint.model.problem import Edit


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits; return the new text and how many were applied.

    Edits are applied from the end of the file backwards so offsets stay valid; an edit
    overlapping one already applied is skipped (the next run picks it up).
    """
    applied = 0
    last_start = len(text) + 1
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end), reverse=True):
        if edit.end > last_start or edit.start > edit.end:
            continue
        text = text[: edit.start] + edit.text + text[edit.end :]
        last_start = edit.start
        applied += 1
    return text, applied
