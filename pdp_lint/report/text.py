"""Human output: one line per problem, the source line, and a caret under the span.

Each problem's line is ``file:line:column: severity: CODE message [name]``, the shape
compilers print (``error:``, ``warning:``), so a CI log shows which findings fail the
build, and editors' problem matchers (VS Code's ``$gcc``, Emacs' compilation mode) jump
to the place.
"""

from __future__ import annotations

from pdp_lint import patterns
from pdp_lint.model.problem import Problem, Report, Severity

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


#: ANSI foreground colour codes of the colour names used here (as click names them)
_FG = {"red": 31, "yellow": 33, "cyan": 36}


def style(text: str, *, fg: str | None = None, bold: bool | None = None) -> str:
    """``text`` in a colour and weight, in the codes ``click.style`` writes (without
    importing click, which a check would load only for this)."""
    codes = f"\033[{_FG[fg]}m" if fg is not None else ""
    if bold is not None:
        codes += f"\033[{1 if bold else 22}m"
    return f"{codes}{text}\033[0m"


#: Longest source excerpt shown under a problem; longer lines are cut around the column.
WIDTH = 120


_CONTROL = patterns.compile("[\x00-\x1f\x7f-\x9f]")


def shown_name(file: str) -> str:
    """``file`` (or any name the user gave) with its control characters escaped (``\\n``,
    ``\\x1b``): a name holding a line break split a finding's line in two, and an escape
    sequence ran in a terminal."""
    if not _CONTROL.search(file):
        return file
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], file)


def _visible_table() -> dict[int, str]:
    """What :func:`visible` shows in place of each character a terminal would act on."""
    table = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ ... ␟ (␉ for a tab)
    table[0x7F] = "\u2421"  # ␡
    for code in (*range(0x80, 0xA0), 0x061C, 0x200E, 0x200F):
        table[code] = "\ufffd"
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):  # bidirectional controls
        table[code] = "\ufffd"
    table[0x2028] = table[0x2029] = "\u2424"  # ␤
    return table


_VISIBLE = _visible_table()


def visible(text: str) -> str:
    """``text`` as the report shows it: each character a terminal would act on (control
    characters, an escape sequence's ESC, a bell, line and paragraph separators, the
    bidirectional controls that reorder what follows) shown as one visible character
    (its Unicode control picture, ␤, or �), so a framework's text cannot colour, move or
    rewrite the terminal, and the caret under a line stays under its column."""
    return text.translate(_VISIBLE) if not text.isprintable() else text


def _window(line: str, column: int) -> tuple[str, int]:
    """The part of ``line`` to show for ``column`` and how many characters were cut."""
    if len(line) <= WIDTH:
        return line, 0
    start = max(0, min(column - 1 - WIDTH // 3, len(line) - WIDTH))
    text = line[start : start + WIDTH]
    if start > 0:
        text = "…" + text[1:]
    if start + WIDTH < len(line):
        text = text[:-1] + "…"
    return text, start


class TextReporter:
    name = "text"

    def render(self, report: Report) -> str:
        out: list[str] = []
        for p in report.problems:
            out.append(self._problem(p, report))
        if report.problems:
            out.append(self._summary(report))
        if report.stale_baseline:
            n = report.stale_baseline
            out.append(
                f"{n} baseline entr{'y' if n == 1 else 'ies'} no longer match"
                f"{'es' if n == 1 else ''}; rewrite the baseline with --write-baseline"
            )
        return "\n".join(out) + ("\n" if out else "")

    def _style(
        self, report: Report, text: str, *, fg: str | None = None, bold: bool | None = None
    ) -> str:
        return style(text, fg=fg, bold=bold) if report.color else text

    def _problem(self, p: Problem, report: Report) -> str:
        color = _COLORS[p.severity]
        where = f"{shown_name(p.file)}:{p.line}:{p.column}:"
        head = (
            f"{self._style(report, where, bold=True)} "
            f"{self._style(report, f'{p.severity.value}:', fg=color, bold=True)} "
            f"{self._style(report, p.code, fg=color, bold=True)} "
            f"{visible(p.message)} [{p.name}]"
        )
        lines = [head]
        source = report.source_line(p.file, p.line)
        if source:
            shown, start = _window(visible(source.expandtabs(1)), p.column)
            column = p.column - start
            end = p.end_column - start if p.end_line == p.line else len(shown) + 1
            width = max(1, min(end, len(shown) + 1) - column)
            gutter = f"{p.line:>5} | "
            lines.append(gutter + shown)
            caret = " " * (column - 1) + "^" * width
            lines.append(" " * (len(gutter) - 2) + "| " + self._style(report, caret, fg=color))
        if p.suggestion:
            lines.append(f"      = suggestion: {visible(p.suggestion)}")
        return "\n".join(lines)

    def _summary(self, report: Report) -> str:
        c = report.counts()
        parts = [
            f"{c[s.value]} {s.value}{'' if c[s.value] == 1 else 's'}"
            for s in Severity
            if c[s.value]
        ]
        safe = sum(1 for p in report.problems if p.fix is not None and p.fix.safe)
        unsafe = sum(1 for p in report.problems if p.fix is not None and not p.fix.safe)
        n = report.files_with_problems()
        text = f"Found {', '.join(parts)} in {n} file{'' if n == 1 else 's'}"
        text += f" ({report.files_checked} checked)."
        if safe:
            text += f" {safe} fixable with `pdp-lint fix`."
        if unsafe:
            text += f" {unsafe} more with `pdp-lint fix --unsafe-fixes`."
        return text
