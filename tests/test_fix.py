"""`pdp-lint fix`: fixes that never damage content."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from pdp_lint.engine.check import run_check
from pdp_lint.engine.config import Settings
from pdp_lint.fix.fixer import fix_paths
from tests import clirun
from tests.conftest import AS_FOUND, FRAMEWORKS, MINIMAL, ROOT


def cli(*args: str, cwd: Path) -> clirun.Completed:
    return clirun.run(args, cwd=cwd)


def settings(root: Path) -> Settings:
    return Settings(root=root)


def copy_frameworks(dest: Path, source: Path = FRAMEWORKS) -> Path:
    target = dest / "frameworks"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.md"))
    return target


DIRTY = MINIMAL.replace("summary: Knows things.", "summary: Knows  things.\u00a0")


def test_fix_repairs_whitespace_and_keeps_everything_else_byte_identical(tmp_path: Path):
    text = (
        "# a comment that must survive\n"
        + DIRTY.replace("title: Demo PDP", "title: 'Demo PDP'  # quoted on purpose")
        .replace(
            "description: Knows more things.",
            "description: >-\n              Knows more\n              things.",
        )
        .replace("\n", "\r\n")
    ).rstrip("\r\n")  # no final newline
    path = tmp_path / "demo.yaml"
    path.write_bytes(text.encode())
    outcome = fix_paths([path], settings(tmp_path))
    fixed = path.read_bytes().decode()
    assert fixed == text.replace("Knows  things.\u00a0", "Knows things.")
    assert outcome.applied[path] >= 2


def test_file_with_nothing_to_fix_is_not_rewritten(tmp_path: Path):
    path = tmp_path / "demo.yaml"
    path.write_text(MINIMAL)
    before = path.stat()
    outcome = fix_paths([path], settings(tmp_path))
    after = path.stat()
    assert outcome.changed == []
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_failed_write_leaves_the_original_intact_and_no_temporary_files(tmp_path, monkeypatch):
    path = tmp_path / "demo.yaml"
    path.write_text(DIRTY)

    def boom(self: Path, target: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", boom)
    with pytest.raises(OSError):
        fix_paths([path], settings(tmp_path))
    assert path.read_text() == DIRTY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.yaml"]


def test_fix_is_idempotent(tmp_path: Path):
    path = tmp_path / "demo.yaml"
    path.write_text(DIRTY)
    fix_paths([path], settings(tmp_path))
    once = path.read_text()
    outcome = fix_paths([path], settings(tmp_path))
    assert outcome.changed == []
    assert path.read_text() == once


def test_diff_prints_a_unified_diff_writes_nothing_and_exits_1(tmp_path: Path):
    path = tmp_path / "demo.yaml"
    path.write_text(DIRTY)
    result = cli("fix", "--diff", "demo.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "--- a/demo.yaml" in result.stdout and "+++ b/demo.yaml" in result.stdout
    assert "-        summary: Knows  things.<NBSP>" in result.stdout
    assert "+        summary: Knows things." in result.stdout
    assert path.read_text() == DIRTY
    clean = cli("fix", "--diff", str(FRAMEWORKS), cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout == ""


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\x0c"])
def test_diff_counts_lines_as_the_findings_do(tmp_path: Path, separator: str):
    """str.splitlines broke lines at U+2028, NEL and form feeds: the hunk's numbers were
    not the file's, and a false "No newline at end of file" stood mid-file."""
    path = tmp_path / "demo.yaml"
    path.write_text(DIRTY.replace("Knows  things.\u00a0", f"Knows  things{separator}more."))
    result = cli("fix", "--diff", "--no-color", "demo.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    line = DIRTY.splitlines().index(next(x for x in DIRTY.splitlines() if "Knows  " in x)) + 1
    start = max(line - 3, 1)
    assert f"@@ -{start}," in result.stdout, result.stdout
    assert "No newline at end of file" not in result.stdout
    name = f"<U+{ord(separator):04X}>"
    assert f"-        summary: Knows  things{name}more." in result.stdout
    # control characters are removed (TX07), a line separator becomes a space (TX09)
    kept = " " if separator == "\u2028" else ""
    assert f"+        summary: Knows things{kept}more." in result.stdout


def test_check_with_unsafe_fixes_but_no_fix_writes_nothing(tmp_path: Path):
    """Alone, --unsafe-fixes rewrote the files as --fix --unsafe-fixes does, where its
    help says "With --fix"."""
    path = tmp_path / "demo.yaml"
    path.write_text(DIRTY)
    result = cli("check", "--no-cache", "--unsafe-fixes", "demo.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "pdp-lint: --unsafe-fixes applies with --fix; add --fix to apply fixes (or run "
        "`pdp-lint fix --unsafe-fixes`)\n"
    )
    assert path.read_text() == DIRTY


def test_remaining_problems_are_reported_after_fixing(tmp_path: Path):
    path = tmp_path / "demo.yaml"
    path.write_text(DIRTY.replace("Teaches the product.", "TODO"))
    result = cli("fix", "demo.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "TX06" in result.stdout  # the placeholder needs a human
    assert "TX02" not in result.stdout
    assert "Knows things." in path.read_text()


# -- round trip: inject fixable defects into the canonical frameworks, fix, compare ---------


def _values(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of plain single-line prose values of behaviors and examples."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip(" -")
        if stripped.startswith("text: ") and not stripped.startswith(("text: '", 'text: "')):
            start = pos + len(line) - len(stripped) + len("text: ")
            out.append((start, pos + len(line.rstrip("\r\n"))))
        pos += len(line)
    return out


def inject(text: str, rng: random.Random, count: int) -> str:
    """Inject ``count`` safely fixable defects at random places of prose values."""
    values = _values(text)
    edits: dict[int, tuple[int, str]] = {}
    for _ in range(count):
        start, end = rng.choice(values)
        value = text[start:end]
        spaces = [start + i for i, ch in enumerate(value) if ch == " "]
        if not spaces:
            continue
        kind = rng.choice(["nbsp", "double", "mojibake", "punct"])
        at = rng.choice(spaces)
        if at in edits or at - 1 in edits or at + 1 in edits:
            continue
        if kind == "nbsp":
            edits[at] = (1, "\u00a0")
        elif kind == "double":
            edits[at] = (1, "  ")
        elif kind == "mojibake":
            apostrophes = [start + i for i, ch in enumerate(value) if ch == "’"]
            if apostrophes:
                spot = rng.choice(apostrophes)
                if spot not in edits:
                    edits[spot] = (1, "’".encode().decode("cp1252"))
        else:
            dots = [start + i for i, ch in enumerate(value) if ch in ",." and i < len(value) - 1]
            if dots:
                spot = rng.choice(dots)
                if spot not in edits:
                    edits[spot] = (1, text[spot] * 2)
    for at in sorted(edits, reverse=True):
        length, new = edits[at]
        text = text[:at] + new + text[at + length :]
    return text


@pytest.mark.parametrize("seed", range(8))
def test_injected_defects_are_fixed_back_to_the_canonical_bytes(tmp_path: Path, seed: int):
    target = copy_frameworks(tmp_path)
    rng = random.Random(seed)
    originals = {p: p.read_bytes() for p in sorted(target.glob("*.yaml"))}
    for path, data in originals.items():
        path.write_text(inject(data.decode(), rng, 12), encoding="utf-8")
    assert any(p.read_bytes() != d for p, d in originals.items())
    fix_paths([target], settings(tmp_path))
    for path, data in originals.items():
        assert path.read_bytes() == data, path.name


def test_fixing_the_as_found_corpus_leaves_no_fixable_problem_and_touches_only_those_lines(
    tmp_path: Path,
):
    target = copy_frameworks(tmp_path, AS_FOUND)
    before = run_check([target], settings(tmp_path))
    fixable_lines = {
        (Path(p.file).name, p.line)
        for p in before.report.problems
        if p.fixable and p.fix and p.fix.safe
    }
    originals = {p.name: p.read_text("utf-8").splitlines() for p in target.glob("*.yaml")}
    fix_paths([target], settings(tmp_path))
    after = run_check([target], settings(tmp_path))
    assert not [p for p in after.report.problems if p.fix is not None and p.fix.safe]
    for path in target.glob("*.yaml"):
        new = path.read_text("utf-8").splitlines()
        old = originals[path.name]
        assert len(new) == len(old)
        changed = {i + 1 for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b}
        assert changed <= {line for name, line in fixable_lines if name == path.name}


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["delete", "insert", "substitute", "transpose"])
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    if kind == "delete":
        return word[:i] + word[i + 1 :]
    if kind == "insert":
        return word[:i] + letter + word[i:]
    if kind == "substitute":
        return word[:i] + letter + word[i + 1 :]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def inject_typos(paths: list[Path], root: Path, rng: random.Random, per_file: int) -> int:
    """Misspell words that SP01 can put back with a safe fix; return how many were kept."""
    import re

    texts = {p: p.read_text("utf-8") for p in paths}
    planned: dict[Path, list[tuple[int, str, str]]] = {}
    for path, text in texts.items():
        spots = []
        for start, end in _values(text):
            for m in re.finditer(r"\b[a-z]{6,}\b", text[start:end]):
                spots.append((start + m.start(), m.group()))
        chosen = rng.sample(spots, min(per_file, len(spots)))
        chosen.sort(reverse=True)
        new = text
        edits = []
        for at, word in chosen:
            typo = _typo(word, rng)
            new = new[:at] + typo + new[at + len(word) :]
            edits.append((at, word, typo))
        texts[path] = new
        planned[path] = edits
    result = run_check(
        paths, Settings(root=root, vocabulary=(ROOT / "vocabulary.txt",)), texts=texts
    )
    restorable: set[tuple[str, int, str]] = set()
    for p in result.report.problems:
        if p.code == "SP01" and p.fix is not None and p.fix.safe:
            edit = p.fix.edits[0]
            restorable.add((p.file, edit.start, edit.text))
    kept = 0
    for path, edits in planned.items():
        text = texts[path]
        # offsets in the injected text: each typo shifts the ones after it
        placed = []
        shift = 0
        for at, word, typo in sorted(edits):
            placed.append((at + shift, word, typo))
            shift += len(typo) - len(word)
        for at, word, typo in reversed(placed):
            if (path.as_posix(), at, word) in restorable:
                kept += 1
            else:  # SP01 cannot put this one back safely: undo it
                text = text[:at] + word + text[at + len(typo) :]
        path.write_text(text, encoding="utf-8")
    return kept


@pytest.mark.parametrize("seed", range(4))
def test_injected_misspellings_and_defects_are_fixed_back_to_the_canonical_bytes(
    tmp_path: Path, seed: int
):
    target = copy_frameworks(tmp_path)
    shutil.copy2(ROOT / "pdp-lint.toml", tmp_path / "pdp-lint.toml")
    shutil.copy2(ROOT / "vocabulary.txt", tmp_path / "vocabulary.txt")
    rng = random.Random(1000 + seed)
    files = sorted(target.glob("*.yaml"))
    originals = {p: p.read_bytes() for p in files}
    kept = inject_typos(files, tmp_path, rng, per_file=6)
    assert kept >= 10
    for path in files:
        path.write_text(inject(path.read_text("utf-8"), rng, 6), encoding="utf-8")
    from pdp_lint.engine.config import load_settings

    fix_paths([target], load_settings(start=tmp_path))
    for path, data in originals.items():
        assert path.read_bytes() == data, path.name


def test_atomic_write_gives_a_new_file_the_usual_mode_and_keeps_an_existing_files(tmp_path):
    import os

    from pdp_lint.atomic import write_bytes_atomic

    old = os.umask(0o022)
    try:
        new = tmp_path / "new.txt"
        write_bytes_atomic(new, b"x")
        assert new.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_bytes(b"a")
        kept.chmod(0o600)
        write_bytes_atomic(kept, b"b")
        assert kept.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_a_space_a_fix_would_put_after_a_colon_is_left_and_the_others_are_made(tmp_path: Path):
    """In a plain value, a space after a colon starts a mapping. The non-breaking space
    and the line separator there were offered as fixable; the fix broke the file, so
    the fixer refused the whole file's fixes, the harmless ones too."""
    path = tmp_path / "demo.yaml"
    dirty = DIRTY.replace(
        "Knows  things.\u00a0", "Scope:\u00a0teams and\u00a0more;\u2028then:\u2028this."
    )
    path.write_text(dirty, encoding="utf-8")
    result = cli("fix", "--no-color", "demo.yaml", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    fixed = path.read_text(encoding="utf-8")
    assert "Scope:\u00a0teams and more; then:\u2028this." in fixed
    again = cli("check", "--no-cache", "--no-color", "demo.yaml", cwd=tmp_path)
    assert "fixable" not in again.stdout, again.stdout


def test_a_fix_that_would_break_the_file_does_not_hold_back_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Together, a file's edits were kept or dropped: one edit that left the file
    unreadable dropped every other fix of the file, silently. The edits are now tried
    one at a time, and each that leaves the file loading is kept."""
    from collections.abc import Iterator

    import pdp_lint.engine.linter
    import pdp_lint.rules
    from pdp_lint.load.document import Document
    from pdp_lint.model.problem import Edit, Fix, Severity
    from pdp_lint.rules import Context, Finding, Rule

    class Mixed(Rule):
        """Testing: a good fix for each `Knows`, and one that breaks the file.

        ## What it does
        Reports `Knows`; its fix for the first one cuts the file.
        """

        code = "ZZ92"
        name = "testing.mixed-fixes"
        groups = ("testing",)
        severity = Severity.WARNING
        fixable = True

        def check(self, doc: Document, ctx: Context) -> Iterator[Finding]:
            first = True
            for field in doc.framework.texts():
                at = field.value.find("Knows")
                if at < 0:
                    continue
                place = doc.locate(field, at, at + 5)
                good = Edit(place.start_index, place.end_index, "Learns")
                bad = Edit(place.start_index, place.end_index, "Learns: [")
                yield Finding("`Knows`", place, field.path, fix=Fix((bad if first else good,)))
                first = False

    real = {c: r for c, r in pdp_lint.rules.all_rules().items() if r.stage != "model"}
    catalog = dict(sorted({**real, "ZZ92": Mixed}.items()))
    monkeypatch.setattr(pdp_lint.rules, "all_rules", lambda: catalog)
    monkeypatch.setattr(pdp_lint.engine.linter, "all_rules", lambda: catalog)
    path = tmp_path / "demo.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert MINIMAL.count("Knows") >= 2
    outcome = fix_paths([path], Settings(select=("ZZ92",)))
    fixed = outcome.fixed[path]
    assert "Learns: [" not in fixed
    assert fixed.count("Learns") == MINIMAL.count("Learns") + MINIMAL.count("Knows") - 1
    assert outcome.applied[path] == MINIMAL.count("Knows") - 1
    assert [p.code for p in outcome.result.report.problems] == ["ZZ92"]
