"""The benchmark cases: which commands run, on which files, and what they measured."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate import CorpusSpec, corpus_files, ensure_corpus
from benchmarks.measure import Command, Timing, measure, peak_memory, run_once
from benchmarks.tools import ALTERNATIVES, YAMLLINT_CONFIG, Tools
from benchmarks.vocabulary import ROOT
from benchmarks.yamltext import scalar

HOOK_FILE = "frameworks/cx-pdp.yaml"
SCHEMA = "schema/framework.schema.json"
BEHAVIORS_PER_ROLE = 30


def repo_path(path: Path) -> str:
    """``path`` as the commands get it: relative to the repository when inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path.resolve())


def _lint(tools: Tools, target: str, label: str, *, cache: bool) -> Command:
    argv = [tools.pdp_lint, "check"]
    if tools.has_cache and not cache:
        argv.append("--no-cache")
    return Command(label, (*argv, target), ROOT, frozenset({0, 1}))


def _serial_lint(tools: Tools, target: str, label: str) -> Command:
    """The full lint in one process (``-j 1``): the work, without parallel workers."""
    argv = [tools.pdp_lint, "check", "--no-cache", "-j", "1", target]
    return Command(label, tuple(argv), ROOT, frozenset({0, 1}))


def _floor(target: str, label: str) -> Command:
    """Read, parse, validate and one word pass: see benchmarks/floor.py."""
    return Command(label, (sys.executable, "-m", "benchmarks.floor", target), ROOT)


def _alternatives(tools: Tools, files: Sequence[str], where: str) -> list[Command]:
    ok = {"check-jsonschema": {0}, "yamllint": {0, 1}, "codespell": {0, 65}}
    extra = {
        "check-jsonschema": ("--schemafile", SCHEMA),
        "yamllint": ("-d", YAMLLINT_CONFIG),
        "codespell": (),
    }
    return [
        Command(
            f"{name} ({where})",
            (tools.alternative(name), *extra[name], *files),
            ROOT,
            frozenset(ok[name]),
        )
        for name in ALTERNATIVES
    ]


@dataclass(slots=True)
class SizeResult:
    size: int
    files: int
    megabytes: float
    full: Timing
    alternatives: dict[str, Timing]
    cached: Timing | None
    #: the full lint with ``-j 1``, and the floor (benchmarks/floor.py), when measured
    serial: Timing | None = None
    floor: Timing | None = None
    #: the one-file hook in a project of this corpus, on a file edited before each run:
    #: loading every other file (``--no-cache``), and with their facts kept
    hook_in_project: tuple[Timing, Timing] | None = None


@dataclass(slots=True)
class Results:
    sizes: list[SizeResult] = field(default_factory=list)
    hook: Timing | None = None
    hook_cached: Timing | None = None
    hook_alternatives: dict[str, Timing] = field(default_factory=dict)
    pre_commit: dict[str, Timing] = field(default_factory=dict)
    pre_commit_note: str = ""
    memory: tuple[int, int] | None = None  # behaviors, bytes
    site: tuple[int, int, Timing] | None = None  # roles, files, timing
    site_note: str = ""


class Benchmark:
    """One run of every case, with the settings of the command line."""

    def __init__(
        self,
        tools: Tools,
        sizes: Sequence[int],
        repeat: int,
        site_roles: int,
        cache: Path,
        seed: int,
        progress: Callable[[str], None],
        *,
        quick: bool = False,
    ) -> None:
        self.tools = tools
        self.sizes = sorted(sizes)
        self.repeat = repeat
        self.site_roles = site_roles
        self.cache = cache
        self.seed = seed
        self.progress = progress
        #: a smoke run (--quick): every row, not comparable timings, so the untimed runs
        #: that only make the timed ones steadier are left out
        self.quick = quick
        self.results = Results()

    def run(self) -> Results:
        if self.repeat > 1:  # one run (--quick) shows the table, not comparable timings
            self.warm_up()
        for size in self.sizes:
            self.corpus_size(size)
        self.one_file()
        self.pre_commit()
        self.memory()
        self.site()
        return self.results

    def warm_up(self) -> None:
        """One untimed run of the small commands: Python compiles and caches the bytecode
        of every module they import, as an installed pdp-lint has it from the start."""
        for command in self._one_file_commands():
            self.progress(f"{command.label}: warm-up run")
            run_once(command)

    def _one_file_commands(self) -> list[Command]:
        """The hook on a file just edited: pdp-lint cannot answer from its cache."""
        hook = _lint(self.tools, HOOK_FILE, "pdp-lint (one file)", cache=False)
        return [hook, *_alternatives(self.tools, [HOOK_FILE], "one file")]

    def corpus(self, spec: CorpusSpec) -> Path:
        if not (self.cache / spec.name).is_dir():
            self.progress(f"corpus {spec.name}: generating (cached for later runs)")
        return ensure_corpus(spec, self.cache)

    def corpus_size(self, size: int) -> None:
        corpus = self.corpus(CorpusSpec(behaviors=size, seed=self.seed))
        paths = corpus_files(corpus)
        files = [repo_path(p) for p in paths]
        where = f"{size:,}"
        full = _lint(self.tools, repo_path(corpus), f"pdp-lint ({where})", cache=False)
        alternatives = _alternatives(self.tools, files, where)
        serial = _serial_lint(self.tools, repo_path(corpus), f"pdp-lint -j 1 ({where})")
        floor = _floor(repo_path(corpus), f"floor ({where})")
        timings = measure([full, *alternatives, serial, floor], self.repeat, self.progress)
        cached: Timing | None = None
        if self.tools.has_cache:
            warm = _lint(self.tools, repo_path(corpus), f"pdp-lint cached ({where})", cache=True)
            run_once(warm)
            cached = measure([warm], self.repeat, self.progress)[0]
        in_project = self.hook_in_project(corpus, where) if self.tools.has_cache else None
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        self.results.sizes.append(
            SizeResult(
                size,
                len(paths),
                megabytes,
                timings[0],
                dict(zip(ALTERNATIVES, timings[1:-2], strict=True)),
                cached,
                timings[-2],
                timings[-1],
                in_project,
            )
        )

    def hook_in_project(self, corpus: Path, where: str) -> tuple[Timing, Timing]:
        """The one-file hook in a project of ``corpus``'s files, on a file edited before
        every run (as in a commit): loading every other file for the cross-file rules
        (``--no-cache``), and with the cache, which keeps the other files' facts."""
        with tempfile.TemporaryDirectory(prefix="pdp-lint-bench-") as tmp:
            project = Path(tmp)
            shutil.copytree(corpus, project / "frameworks")
            for name in ("pdp-lint.toml", "vocabulary.txt"):
                if (ROOT / name).is_file():
                    shutil.copy(ROOT / name, project / name)
            edited = corpus_files(project / "frameworks")[0]
            original = edited.read_text("utf-8")
            edits = iter(range(1, 1_000_000))

            def edit() -> None:
                edited.write_text(f"{original}# edit {next(edits)}\n", encoding="utf-8")

            target = edited.relative_to(project).as_posix()
            pdp_lint = self.tools.pdp_lint
            loading = Command(
                f"pdp-lint hook, the others loaded ({where})",
                (pdp_lint, "check", "--no-cache", target),
                project,
                frozenset({0, 1}),
                before=edit,
            )
            kept = Command(
                f"pdp-lint hook, the others' facts kept ({where})",
                (pdp_lint, "check", target),
                project,
                frozenset({0, 1}),
                before=edit,
            )
            run_once(kept)  # keeps the other files' facts
            first, second = measure([loading, kept], self.repeat, self.progress)
            return first, second

    def one_file(self) -> None:
        timings = measure(self._one_file_commands(), self.repeat, self.progress)
        self.results.hook = timings[0]
        self.results.hook_alternatives = dict(zip(ALTERNATIVES, timings[1:], strict=True))
        if self.tools.has_cache:
            warm = _lint(self.tools, HOOK_FILE, "pdp-lint cached (one file)", cache=True)
            run_once(warm)
            self.results.hook_cached = measure([warm], self.repeat, self.progress)[0]

    def pre_commit(self) -> None:
        """pre-commit on a one-file commit: the three replaced hooks, and pdp-lint's."""
        tools = self.tools
        if tools.pre_commit is None or tools.git is None:
            missing = "pre-commit" if tools.pre_commit is None else "git"
            self.results.pre_commit_note = f"not measured: {missing} is not installed"
            return
        with tempfile.TemporaryDirectory(prefix="pdp-lint-bench-") as tmp:
            repo = Path(tmp) / "repo"
            shutil.copytree(ROOT / "frameworks", repo / "frameworks")
            shutil.copytree(ROOT / "schema", repo / "schema")
            for name in ("pdp-lint.toml", "vocabulary.txt"):
                if (ROOT / name).is_file():
                    shutil.copy(ROOT / name, repo / name)
            hooks = {
                "three": [
                    ("check-jsonschema", f"{tools.check_jsonschema} --schemafile {SCHEMA}"),
                    ("yamllint", f"{tools.yamllint} -d '{YAMLLINT_CONFIG}'"),
                    ("codespell", tools.codespell),
                ],
                "pdp-lint": [("pdp-lint", f"{tools.pdp_lint} check")],
            }
            for name, entries in hooks.items():
                lines = ["repos:", "  - repo: local", "    hooks:"]
                for hook_id, entry in entries:
                    lines += [
                        f"      - id: {hook_id}",
                        f"        name: {hook_id}",
                        f"        entry: {scalar(entry)}",
                        "        language: system",
                        "        files: ^frameworks/.*\\.ya?ml$",
                        "        require_serial: true",
                    ]
                (repo / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
            env = {**os.environ, "PRE_COMMIT_HOME": str(Path(tmp) / "home")}
            git = [tools.git, "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
            for step in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "corpus"]):
                subprocess.run([*git, *step], cwd=repo, env=env, check=True, capture_output=True)
            edited = repo / HOOK_FILE
            original = edited.read_text("utf-8")
            edits = iter(range(1, 1_000_000))

            def edit() -> None:
                """A new version of the file for every run, as in a real commit."""
                edited.write_text(f"{original}# edit {next(edits)}\n", encoding="utf-8")

            commands = [
                Command(
                    f"pre-commit, {name} (one file)",
                    (tools.pre_commit, "run", "-c", f"{name}.yaml", "--files", HOOK_FILE),
                    repo,
                    frozenset({0, 1}),  # 1: a hook found something
                    before=edit,
                    env=env,
                )
                for name in hooks
            ]
            if not self.quick:  # pre-commit sets up its store on the first run
                run_once(commands[0])
            timings = measure(commands, self.repeat, self.progress)
        self.results.pre_commit = dict(zip(hooks, timings, strict=True))

    def memory(self) -> None:
        largest = self.sizes[-1]
        corpus = self.corpus(CorpusSpec(behaviors=largest, seed=self.seed))
        command = _lint(
            self.tools, repo_path(corpus), f"pdp-lint memory ({largest:,})", cache=False
        )
        self.progress(f"{command.label}: one run")
        self.results.memory = (largest, peak_memory(command, self.tools.gnu_time))

    def site(self) -> None:
        site = self.tools.site
        if site is None:
            self.results.site_note = "not measured: this pdp-lint has no `site` command"
            return
        # published frameworks are clean: no planted defects in this corpus
        spec = CorpusSpec(
            behaviors=self.site_roles * BEHAVIORS_PER_ROLE,
            roles=self.site_roles,
            seed=self.seed,
            duplicates=0,
            near_duplicates=0,
            misspellings=0,
        )
        corpus = self.corpus(spec)
        with tempfile.TemporaryDirectory(prefix="pdp-lint-site-") as tmp:
            out = Path(tmp) / "site"
            argv = [self.tools.pdp_lint, "site", site.out_option, str(out)]
            argv += ["--force"] if site.force else []  # a finding must not stop the timing
            argv += [repo_path(corpus)] if site.takes_paths else []
            command = Command(
                f"pdp-lint site ({self.site_roles} roles)",
                tuple(argv),
                ROOT if site.takes_paths else corpus,
                before=lambda: shutil.rmtree(out, ignore_errors=True),
            )
            if not self.quick:  # compiles the exporters' modules
                self.progress(f"{command.label}: warm-up run")
                run_once(command)
            timing = measure([command], self.repeat, self.progress)[0]
        self.results.site = (self.site_roles, len(corpus_files(corpus)), timing)
