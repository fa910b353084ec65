"""Checking editor buffers exactly as ``pdp-lint check`` checks files.

A :class:`Workspace` knows the open buffers and keeps the loaded model of every other
framework file (reloaded when the file changes on disk), so a check after a keystroke
loads only the buffer being edited. Settings are read from the nearest configuration
file, as the command line finds it, and kept until that file changes.
"""

from __future__ import annotations

import re
from pathlib import Path

import msgspec

from pdp_lint.engine.check import check_loaded, corpus_files, documents
from pdp_lint.engine.config import ConfigError, Settings, find_config, load_settings
from pdp_lint.engine.discovery import SUFFIXES
from pdp_lint.load.document import Document
from pdp_lint.load.loader import Loaded, load_file, load_unsaved
from pdp_lint.model.problem import Problem

_CONFIG_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<message>.*)$", re.S)
#: where tomllib says a syntax error is
_TOML_AT = re.compile(r"\(at line (?P<line>\d+), column \d+\)")


class ConfigProblem(msgspec.Struct, frozen=True):
    """A configuration file that could not be used: where, and why."""

    file: Path
    line: int
    message: str


class Checked(msgspec.Struct, eq=False):
    """The outcome of checking one buffer."""

    path: Path
    text: str
    loaded: Loaded
    problems: list[Problem]
    settings: Settings


def is_framework_file(path: Path) -> bool:
    """Whether a check of its folder would read ``path``: YAML, and not hidden."""
    return path.suffix in SUFFIXES and not any(
        part.startswith(".") and part not in (".", "..") for part in path.parts
    )


#: the JSON Schema modeline of a framework, or a framework's own top-level keys
_FRAMEWORK_TEXT = re.compile(
    r"^#\s*yaml-language-server:.*framework\.schema\.json|^(?:competencies|tracks)\s*:", re.M
)


def looks_like_framework(path: Path, text: str, settings: Settings) -> bool:
    """Whether an open YAML buffer is a framework the server should check.

    Editors send every YAML file they open (workflows, compose files); those would be
    reported as schema violations. A buffer is checked when it is in a folder named
    `frameworks`, in the configured `corpus`, carries the framework schema's modeline,
    or has a framework's top-level `competencies:` or `tracks:`.
    """
    if not is_framework_file(path):
        return False
    if "frameworks" in path.parent.parts:
        return True
    for place in settings.corpus:
        try:
            if path == place.resolve() or path.is_relative_to(place.resolve()):
                return True
        except OSError:
            continue
    return _FRAMEWORK_TEXT.search(text) is not None


class _OnDisk(msgspec.Struct, eq=False):
    stamp: tuple[int, int]
    document: Document | None


class Workspace:
    """Open buffers, the frameworks on disk, and the settings that apply to them."""

    def __init__(self) -> None:
        #: open buffers by resolved path
        self.buffers: dict[Path, str] = {}
        #: models of open buffers, keyed by the text they were loaded from
        self._buffer_docs: dict[Path, tuple[str, Document | None]] = {}
        #: the model of the last text of each buffer that loaded
        self._last_docs: dict[Path, Document] = {}
        self._disk: dict[Path, _OnDisk] = {}
        #: settings by configuration file (None: no configuration, keyed by folder)
        self._settings: dict[Path, Settings] = {}
        #: the last settings read without error from each configuration file
        self._good: dict[Path, Settings] = {}
        #: configuration files whose last reading failed, and why
        self.config_problems: dict[Path, ConfigProblem] = {}

    # -- buffers ---------------------------------------------------------------------

    def open(self, path: Path, text: str) -> None:
        self.buffers[path] = text

    def close(self, path: Path) -> None:
        self.buffers.pop(path, None)
        self._buffer_docs.pop(path, None)
        self._last_docs.pop(path, None)

    # -- configuration ---------------------------------------------------------------

    def settings_for(self, path: Path) -> Settings:
        """The settings a check of ``path`` uses.

        While a configuration file is wrong, the last settings read from it stay in use
        (or the defaults, if it never was right) and :attr:`config_problems` says why.
        """
        folder = path.parent
        config = find_config(folder)
        key = config if config is not None else folder
        known = self._settings.get(key)
        if known is not None:
            return known
        try:
            settings = load_settings(config, start=folder)
        except ConfigError as exc:
            assert config is not None
            self.config_problems[config] = _config_problem(config, str(exc))
            settings = self._good.get(key) or Settings(root=config.parent.resolve(), file=config)
            self._settings[key] = settings
            return settings
        self.config_problems.pop(key, None)
        self._settings[key] = self._good[key] = settings
        return settings

    def forget_settings(self) -> None:
        """Read every configuration again on next use (a configuration or vocabulary
        file changed). Settings that fail to read keep their last good value."""
        self._settings = {}
        self.config_problems.clear()

    def config_files(self) -> set[Path]:
        """Configuration and vocabulary files in use: a change to them changes findings."""
        out: set[Path] = set(self.config_problems)
        for settings in self._settings.values():
            if settings.file is not None:
                out.add(settings.file.resolve())
            out.update(p.resolve() for p in settings.vocabulary)
        return out

    # -- checking --------------------------------------------------------------------

    def check(self, path: Path, text: str | None = None) -> Checked:
        """Check the open buffer of ``path`` (or the file) against the workspace.

        With ``text``, check that text in place of the buffer instead, remembering
        nothing of it (the trial runs of fixing all problems).
        """
        trial = text is not None
        text = self.buffers.get(path) if text is None else text
        settings = self.settings_for(path)
        if text is None:
            loaded = load_file(path, settings.max_file_size)
            text = loaded.source.text if loaded.source is not None else ""
        else:
            loaded = load_unsaved(path, text, settings.max_file_size)
        corpus = self._corpus(path, settings)
        problems = check_loaded([loaded], corpus, settings)
        if not trial:
            self._remember(path, text, _document(loaded))
        return Checked(path, text, loaded, problems, settings)

    def _corpus(self, path: Path, settings: Settings) -> list[Document]:
        out: list[Document] = []
        for file in corpus_files([path], settings):
            doc = self.document(file.resolve(), settings)
            if doc is not None:
                out.append(doc)
        return out

    def document(self, path: Path, settings: Settings | None = None) -> Document | None:
        """The model of a framework: its open buffer, else the file (cached)."""
        settings = settings or self.settings_for(path)
        text = self.buffers.get(path)
        if text is not None:
            known = self._buffer_docs.get(path)
            if known is not None and known[0] == text:
                return known[1]
            doc = _document(load_unsaved(path, text, settings.max_file_size))
            self._remember(path, text, doc)
            return doc
        try:
            info = path.stat()
        except OSError:
            self._disk.pop(path, None)
            return None
        stamp = (info.st_mtime_ns, info.st_size)
        cached = self._disk.get(path)
        if cached is None or cached.stamp != stamp:
            cached = _OnDisk(stamp, _document(load_file(path, settings.max_file_size)))
            self._disk[path] = cached
        return cached.document

    def _remember(self, path: Path, text: str, doc: Document | None) -> None:
        if path in self.buffers:
            self._buffer_docs[path] = (text, doc)
            if doc is not None:
                self._last_docs[path] = doc

    def last_model(self, path: Path) -> Document | None:
        """The model of the last text of ``path`` that loaded (navigation keeps working
        while the buffer is half-typed)."""
        known = self._last_docs.get(path)
        return known if known is not None else self.document(path)

    def frameworks_near(self, path: Path) -> list[Document]:
        """The documents a check of ``path`` compares it with, and its own."""
        settings = self.settings_for(path)
        own = self.last_model(path)
        return ([own] if own is not None else []) + self._corpus(path, settings)


def _document(loaded: Loaded) -> Document | None:
    found = documents([loaded])
    return found[0] if found else None


def _config_problem(config: Path, message: str) -> ConfigProblem:
    """A :class:`ConfigError` line ("file:line: what") taken apart."""
    match = _CONFIG_LINE.match(message)
    if match is not None and Path(match["file"]) == config:
        return ConfigProblem(config, int(match["line"]), match["message"])
    prefix = f"{config}: "
    text = message[len(prefix) :] if message.startswith(prefix) else message
    at = _TOML_AT.search(text)
    if at is not None:
        return ConfigProblem(config, int(at["line"]), text)
    if "(at end of document)" in text:
        try:
            return ConfigProblem(config, max(len(config.read_text("utf-8").splitlines()), 1), text)
        except (OSError, UnicodeDecodeError):
            pass
    return ConfigProblem(config, 1, text)
