"""``pdp-lint vocabulary``: adopt the project's own terms in minutes.

It lists what the spelling rule (SP01) reports as unknown, one line per term with how
often and where it is used, the likely misspellings apart (to correct, not to adopt),
and appends the terms chosen (``--add TERM``, or ``--add-all`` for every unknown term
that is not a likely misspelling) to the project's vocabulary file.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pdp_lint.engine.config import Settings
    from pdp_lint.model.problem import Problem

EXIT_OK, EXIT_USAGE = 0, 2
DEFAULT_FILE = "vocabulary.txt"
_TERM = re.compile(r"^`([^`]+)`")
#: places shown per term in the text listing
_PLACES = 3


@dataclass
class Term:
    """An unknown word of the project: where it is used, and what SP01 made of it."""

    word: str
    likely_misspelling: bool
    suggestion: str | None
    places: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.places)


def unknown_terms(problems: Sequence[Problem], root: Path) -> list[Term]:
    """The SP01 findings grouped by word, most used first."""
    terms: dict[str, Term] = {}
    for p in problems:
        if p.code != "SP01":
            continue
        m = _TERM.match(p.message)
        if m is None:
            continue
        word = m.group(1)
        term = terms.setdefault(word, Term(word, p.severity.value == "error", p.suggestion))
        term.places.append(f"{_relative(Path(p.file), root)}:{p.line}:{p.column}")
    return sorted(terms.values(), key=lambda t: (t.likely_misspelling, -t.count, t.word.lower()))


def unreadable(problems: Sequence[Problem]) -> list[str]:
    """One line for each file that could not be read or loaded (its first problem of
    reading, YAML or schema), whose words no listing holds."""
    lines: dict[str, str] = {}
    for p in problems:
        if p.code.startswith(("IO", "SY", "SC")) and p.file not in lines:
            lines[p.file] = (
                f"{p.file}:{p.line}:{p.column}: {p.code} {p.message}; its words are not "
                "listed until it loads (see `pdp-lint check`)"
            )
    return list(lines.values())


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def render_text(terms: list[Term]) -> str:
    if not terms:
        return "No unknown terms: every word is in the dictionary or the vocabulary.\n"
    lines = []
    unknown = [t for t in terms if not t.likely_misspelling]
    likely = [t for t in terms if t.likely_misspelling]
    if unknown:
        lines.append(f"Unknown terms ({len(unknown)}): add the genuine ones with --add TERM")
        lines += [_line(t) for t in unknown]
    if likely:
        if lines:
            lines.append("")
        lines.append(f"Likely misspellings ({len(likely)}): correct these rather than adopt them")
        lines += [_line(t) for t in likely]
    return "\n".join(lines) + "\n"


def _line(t: Term) -> str:
    places = ", ".join(t.places[:_PLACES]) + (
        f", +{t.count - _PLACES}" if t.count > _PLACES else ""
    )
    hint = f" (did you mean {t.suggestion}?)" if t.suggestion else ""
    return f"  {t.word:<24} {t.count:>4}  {places}{hint}"


def render_json(terms: list[Term]) -> str:
    data = [
        {
            "term": t.word,
            "count": t.count,
            "likely_misspelling": t.likely_misspelling,
            "suggestion": t.suggestion,
            "places": t.places,
        }
        for t in terms
    ]
    return json.dumps(data, indent=2) + "\n"


def vocabulary_file(settings: Settings, config: Path | None) -> tuple[Path, bool]:
    """The vocabulary file terms are added to, and whether the configuration must be
    created to name it (there is no configuration file at all)."""
    from pdp_lint.engine.config import find_config

    if settings.vocabulary:
        return settings.vocabulary[0], False
    found = config or find_config(settings.root)
    if found is not None:
        _fail(
            f'{found} names no vocabulary file; add `vocabulary = ["{DEFAULT_FILE}"]` '
            "to it (in `[tool.pdp-lint]` of a pyproject.toml), then run this again"
        )
    return Path.cwd() / DEFAULT_FILE, True


def _fail(message: str) -> None:
    click.echo(f"pdp-lint: {message}", err=True)
    sys.exit(EXIT_USAGE)


def add_terms(path: Path, terms: Sequence[str]) -> list[str]:
    """Append the ``terms`` the file does not have yet; return those added."""
    from pdp_lint.atomic import write_text_atomic
    from pdp_lint.language.speller import Vocabulary, read_vocabulary

    text = (
        path.read_text(encoding="utf-8")
        if path.exists()
        else (
            "# Genuine terms of the trade that the English dictionaries lack, one a line.\n"
            "# A lower-case term is accepted in any capitalisation; a term with capitals "
            "only as written.\n"
        )
    )
    have = Vocabulary()
    read_vocabulary(text, have)
    added = []
    for term in terms:
        if term not in have and term not in added:
            added.append(term)
    if added:
        if text and not text.endswith("\n"):
            text += "\n"
        write_text_atomic(path, text + "".join(f"{t}\n" for t in added))
    return added


def validate_terms(terms: Sequence[str]) -> None:
    for term in terms:
        if not term.strip() or any(c.isspace() for c in term) or "#" in term:
            _fail(f"--add {term!r}: a term is one word, without spaces or `#`")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Configuration file [default: nearest pdp-lint.toml or pyproject.toml].",
)
@click.option("--list", "list_", is_flag=True, help="List the unknown terms (the default).")
@click.option(
    "--add", "add", multiple=True, metavar="TERM", help="Add TERM to the vocabulary file."
)
@click.option(
    "--add-all",
    is_flag=True,
    help="Add every unknown term listed that is not a likely misspelling.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    help="Format of the listing.",
)
def vocabulary(
    paths: tuple[Path, ...],
    config: Path | None,
    list_: bool,
    add: tuple[str, ...],
    add_all: bool,
    fmt: str,
) -> None:
    """List the words the spelling rule does not know, with counts and places, and add
    the genuine terms to the project's vocabulary file.

    Exit status: 0, or 2 for a usage or configuration error.
    """
    from pdp_lint import api
    from pdp_lint.cli.fastcheck import settings_for as _settings
    from pdp_lint.engine.discovery import default_paths

    validate_terms(add)
    targets = default_paths(paths)
    settings = _settings(targets, config, ("SP01",), ())
    terms: list[Term] = []
    if list_ or add_all or not add:
        result = api.check(targets, settings)
        terms = unknown_terms(result.report.problems, settings.root)
        if list_ or not (add or add_all):
            click.echo(render_json(terms) if fmt == "json" else render_text(terms), nl=False)
        unread = unreadable(result.report.problems)
        if unread:
            # the words of a file that could not be read are not listed: say so, and
            # adopt nothing from a listing that misses them
            for line in unread:
                click.echo(f"pdp-lint: {line}", err=True)
            sys.exit(EXIT_USAGE)
    chosen = list(add) + [t.word for t in terms if add_all and not t.likely_misspelling]
    if not chosen:
        if add_all:
            click.echo("pdp-lint: no unknown terms to add", err=True)
        sys.exit(EXIT_OK)
    path, create_config = vocabulary_file(settings, config)
    added = add_terms(path, chosen)
    if create_config:
        from pdp_lint.atomic import write_text_atomic

        made = path.parent / "pdp-lint.toml"
        write_text_atomic(made, f'vocabulary = ["{path.name}"]\n')
        click.echo(f"pdp-lint: created {made}, naming {path.name} as the vocabulary", err=True)
    skipped = len(chosen) - len(added)
    note = f" ({skipped} already there)" if skipped else ""
    click.echo(
        f"pdp-lint: added {len(added)} term{'s' * (len(added) != 1)} to {path}{note}", err=True
    )
    sys.exit(EXIT_OK)
